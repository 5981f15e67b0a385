#include "core/decoding_options.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/strict_json.h"

namespace attentive {

namespace {

[[noreturn]] void option_error(const std::string& name, const std::string& problem) {
    throw std::invalid_argument("decoding option '" + name + "' " + problem);
}

std::string number_text(float value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return std::string(buffer, result.ptr);
}

void check_int(const std::string& name, long long value, long long low, long long high) {
    if (value < low || value > high) {
        option_error(name, "must be between " + std::to_string(low) + " and " + std::to_string(high) +
                               ", found " + std::to_string(value));
    }
}

// The comparisons are written so that NaN fails them.
void check_float(const std::string& name, float value, float low, bool low_inclusive, float high,
                 bool high_inclusive) {
    const bool above_low = low_inclusive ? value >= low : value > low;
    const bool below_high = high_inclusive ? value <= high : value < high;
    if (!(above_low && below_high)) {
        option_error(name, std::string("must be in ") + (low_inclusive ? "[" : "(") + number_text(low) +
                               ", " + number_text(high) + (high_inclusive ? "]" : ")") + ", found " +
                               number_text(value));
    }
}

std::string strategy_name(DecodeStrategy strategy) {
    switch (strategy) {
    case DecodeStrategy::greedy: return "greedy";
    case DecodeStrategy::beam: return "beam";
    case DecodeStrategy::sample: return "sample";
    }
    return "beam";
}

// `read_value(value)`, with a problem reported as "decoding option '<name>' ...".
template <typename ReadValue>
auto read_option(const std::string& name, const nlohmann::json& value, ReadValue read_value) {
    try {
        return read_value(value);
    } catch (const JsonValueError& error) {
        option_error(name, error.what());
    }
}

int read_int(const std::string& name, const nlohmann::json& value) {
    return static_cast<int>(read_option(name, value, [](const nlohmann::json& v) {
        return json_integer(v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    }));
}

float read_float(const std::string& name, const nlohmann::json& value) {
    return static_cast<float>(read_option(name, value, json_number));
}

}  // namespace

std::uint64_t seed_of(const DecodeOptions& options) {
    return options.seed != 0 ? options.seed : std::random_device{}();
}

void take_letter_address(DecodeOptions& options, bool formal_formula, bool familiar_formula) {
    if (formal_formula) {
        options.formal_address = true;
        options.familiar_address = false;
    } else if (familiar_formula && !options.formal_address) {
        options.familiar_address = true;
    }
}

void validate(const DecodeOptions& options) {
    check_int("beam_size", options.beam_size, 1, 64);
    if (options.strategy == DecodeStrategy::beam) {
        check_int("n_best", options.n_best, 1, options.beam_size);
    } else if (options.n_best != 1) {
        option_error("n_best",
                     "must be 1 unless the strategy is beam, found " + std::to_string(options.n_best));
    }
    check_float("length_penalty", options.length_penalty, 0.0f, true, 5.0f, true);
    check_float("max_length_ratio", options.max_length_ratio, 0.0f, false, 1000.0f, true);
    check_int("max_length_extra", options.max_length_extra, 0, 4096);
    check_int("max_length", options.max_length, 1, 4096);
    check_float("temperature", options.temperature, 0.0f, false, 100.0f, true);
    check_int("top_k", options.top_k, 0, 1'000'000);
    check_float("top_p", options.top_p, 0.0f, false, 1.0f, true);
    check_float("repetition_penalty", options.repetition_penalty, 1.0f, true, 10.0f, true);
    check_int("no_repeat_ngram_size", options.no_repeat_ngram_size, 0, 10);
    if (options.formal_address && options.familiar_address)
        option_error("familiar_address", "cannot be set with formal_address: a text says one of them");
    if (options.target_prefix.size() > 4096) {
        option_error("target_prefix", "must hold at most 4096 piece ids, found " +
                                          std::to_string(options.target_prefix.size()));
    }
    for (std::size_t i = 0; i < options.target_prefix.size(); ++i) {
        if (options.target_prefix[i] < 0) {
            option_error("target_prefix", "must hold piece ids >= 0, found " +
                                              std::to_string(options.target_prefix[i]) + " at position " +
                                              std::to_string(i));
        }
    }
    check_int("alternatives", options.alternatives, 0, 50);
    check_int("max_batch_size", options.max_batch_size, 1, 1024);
    check_int("rerank_candidates", options.rerank_candidates, 0, 64);
    check_float("reverse_weight", options.reverse_weight, 0.0f, true, 100.0f, true);
    check_float("right_to_left_weight", options.right_to_left_weight, 0.0f, true, 100.0f, true);
    check_float("ensemble_weight", options.ensemble_weight, 0.0f, true, 1.0f, false);
    check_float("rerank_backward_weight", options.rerank.backward, 0.0f, true, 100.0f, true);
    check_float("rerank_length_weight", options.rerank.length, -100.0f, true, 100.0f, true);
    check_float("rerank_length_prior_weight", options.rerank.length_prior, 0.0f, true, 100.0f, true);
    check_float("rerank_length_log_mean", options.rerank.length_log_mean, 0.0f, true, 10.0f, true);
    check_float("rerank_length_slope", options.rerank.length_slope, -10.0f, true, 10.0f, true);
    check_int("rerank_max_sentences", options.rerank.max_sentences, 0, 100);
    check_float("rerank_sentence_penalty", options.rerank.sentence_penalty, 0.0f, true, 100.0f, true);
    check_float("rerank_repeat_penalty", options.rerank.repeat_penalty, 0.0f, true, 100.0f, true);
    check_float("rerank_recalled_weight", options.rerank.recalled, -100.0f, true, 100.0f, true);
    check_float("rerank_mood_weight", options.rerank.mood, 0.0f, true, 100.0f, true);
    check_int("recalled_replies", options.recalled_replies, 0, 64);
}

DecodeOptions decode_options_from_json(const nlohmann::json& json, DecodeOptions base) {
    if (!json.is_object()) {
        throw std::invalid_argument("decoding options must be a JSON object, found " + json_type_name(json));
    }
    for (const auto& [name, value] : json.items()) {
        if (name == "strategy") {
            const std::string text = read_option(name, value, [](const nlohmann::json& v) {
                return json_choice(v, {"greedy", "beam", "sample"});
            });
            base.strategy = text == "greedy" ? DecodeStrategy::greedy
                            : text == "beam" ? DecodeStrategy::beam
                                             : DecodeStrategy::sample;
        } else if (name == "beam_size") {
            base.beam_size = read_int(name, value);
        } else if (name == "n_best") {
            base.n_best = read_int(name, value);
        } else if (name == "length_penalty") {
            base.length_penalty = read_float(name, value);
        } else if (name == "max_length_ratio") {
            base.max_length_ratio = read_float(name, value);
        } else if (name == "max_length_extra") {
            base.max_length_extra = read_int(name, value);
        } else if (name == "max_length") {
            base.max_length = read_int(name, value);
        } else if (name == "temperature") {
            base.temperature = read_float(name, value);
        } else if (name == "top_k") {
            base.top_k = read_int(name, value);
        } else if (name == "top_p") {
            base.top_p = read_float(name, value);
        } else if (name == "seed") {
            if (!value.is_number_unsigned()) {
                option_error(name, "must be a non-negative integer, found " + value.dump());
            }
            base.seed = value.get<std::uint64_t>();
        } else if (name == "repetition_penalty") {
            base.repetition_penalty = read_float(name, value);
        } else if (name == "no_repeat_ngram_size") {
            base.no_repeat_ngram_size = read_int(name, value);
        } else if (name == "target_prefix") {
            if (!value.is_array())
                option_error(name, "must be an array of piece ids, found " + json_type_name(value));
            std::vector<int> prefix;
            for (const auto& id : value) prefix.push_back(read_int(name, id));
            base.target_prefix = std::move(prefix);
        } else if (name == "alternatives") {
            base.alternatives = read_int(name, value);
        } else if (name == "protect_spans") {
            if (!value.is_boolean())
                option_error(name, "must be true or false, found " + json_type_name(value));
            base.protect_spans = value.get<bool>();
        } else if (name == "known_words_only") {
            if (!value.is_boolean())
                option_error(name, "must be true or false, found " + json_type_name(value));
            base.known_words_only = value.get<bool>();
        } else if (name == "no_immediate_repeat") {
            if (!value.is_boolean())
                option_error(name, "must be true or false, found " + json_type_name(value));
            base.no_immediate_repeat = value.get<bool>();
        } else if (name == "formal_address") {
            if (!value.is_boolean())
                option_error(name, "must be true or false, found " + json_type_name(value));
            base.formal_address = value.get<bool>();
        } else if (name == "familiar_address") {
            if (!value.is_boolean())
                option_error(name, "must be true or false, found " + json_type_name(value));
            base.familiar_address = value.get<bool>();
        } else if (name == "stop_after_fragments") {
            if (!value.is_boolean())
                option_error(name, "must be true or false, found " + json_type_name(value));
            base.stop_after_fragments = value.get<bool>();
        } else if (name == "max_batch_size") {
            base.max_batch_size = read_int(name, value);
        } else if (name == "reverse_weight") {
            base.reverse_weight = read_float(name, value);
        } else if (name == "right_to_left_weight") {
            base.right_to_left_weight = read_float(name, value);
        } else if (name == "ensemble_weight") {
            base.ensemble_weight = read_float(name, value);
        } else if (name == "rerank_candidates") {
            base.rerank_candidates = read_int(name, value);
        } else if (name == "rerank_backward_weight") {
            base.rerank.backward = read_float(name, value);
        } else if (name == "rerank_length_weight") {
            base.rerank.length = read_float(name, value);
        } else if (name == "rerank_length_prior_weight") {
            base.rerank.length_prior = read_float(name, value);
        } else if (name == "rerank_length_log_mean") {
            base.rerank.length_log_mean = read_float(name, value);
        } else if (name == "rerank_length_slope") {
            base.rerank.length_slope = read_float(name, value);
        } else if (name == "rerank_max_sentences") {
            base.rerank.max_sentences = read_int(name, value);
        } else if (name == "rerank_sentence_penalty") {
            base.rerank.sentence_penalty = read_float(name, value);
        } else if (name == "rerank_repeat_penalty") {
            base.rerank.repeat_penalty = read_float(name, value);
        } else if (name == "rerank_recalled_weight") {
            base.rerank.recalled = read_float(name, value);
        } else if (name == "rerank_mood_weight") {
            base.rerank.mood = read_float(name, value);
        } else if (name == "recalled_replies") {
            base.recalled_replies = read_int(name, value);
        } else {
            // A misspelt option would otherwise be ignored without a word.
            throw std::invalid_argument("unknown decoding option '" + name + "'");
        }
    }
    return base;
}

nlohmann::json to_json(const DecodeOptions& options) {
    return {
        {"strategy", strategy_name(options.strategy)},
        {"beam_size", options.beam_size},
        {"n_best", options.n_best},
        {"length_penalty", float_for_json(options.length_penalty)},
        {"max_length_ratio", float_for_json(options.max_length_ratio)},
        {"max_length_extra", options.max_length_extra},
        {"max_length", options.max_length},
        {"temperature", float_for_json(options.temperature)},
        {"top_k", options.top_k},
        {"top_p", float_for_json(options.top_p)},
        {"seed", options.seed},
        {"repetition_penalty", float_for_json(options.repetition_penalty)},
        {"no_repeat_ngram_size", options.no_repeat_ngram_size},
        {"target_prefix", options.target_prefix},
        {"alternatives", options.alternatives},
        {"max_batch_size", options.max_batch_size},
        {"protect_spans", options.protect_spans},
        {"known_words_only", options.known_words_only},
        {"stop_after_fragments", options.stop_after_fragments},
        {"no_immediate_repeat", options.no_immediate_repeat},
        {"formal_address", options.formal_address},
        {"familiar_address", options.familiar_address},
        {"reverse_weight", float_for_json(options.reverse_weight)},
        {"right_to_left_weight", float_for_json(options.right_to_left_weight)},
        {"ensemble_weight", float_for_json(options.ensemble_weight)},
        {"rerank_candidates", options.rerank_candidates},
        {"rerank_backward_weight", float_for_json(options.rerank.backward)},
        {"rerank_length_weight", float_for_json(options.rerank.length)},
        {"rerank_length_prior_weight", float_for_json(options.rerank.length_prior)},
        {"rerank_length_log_mean", float_for_json(options.rerank.length_log_mean)},
        {"rerank_length_slope", float_for_json(options.rerank.length_slope)},
        {"rerank_max_sentences", options.rerank.max_sentences},
        {"rerank_sentence_penalty", float_for_json(options.rerank.sentence_penalty)},
        {"rerank_repeat_penalty", float_for_json(options.rerank.repeat_penalty)},
        {"rerank_recalled_weight", float_for_json(options.rerank.recalled)},
        {"rerank_mood_weight", float_for_json(options.rerank.mood)},
        {"recalled_replies", options.recalled_replies},
    };
}

}  // namespace attentive
