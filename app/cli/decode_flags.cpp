#include "decode_flags.h"

#include <iostream>

namespace attentive::cli {

std::set<std::string> decode_value_options(std::set<std::string> extra) {
    for (const char* name : {"beam", "n-best", "length-penalty", "max-length-ratio", "max-length",
                             "temperature", "top-k", "top-p", "seed", "repetition-penalty",
                             "no-repeat-ngram", "batch-size", "candidates", "rerank-backward",
                             "rerank-length", "rerank-length-prior", "rerank-length-mean",
                             "rerank-length-slope", "rerank-max-sentences", "rerank-sentence-penalty",
                             "rerank-repeat-penalty", "rerank-recalled", "rerank-mood", "recalled", "reverse-weight", "right-to-left-weight",
                             "ensemble-weight"})
        extra.insert(name);
    return extra;
}

std::set<std::string> decode_flag_options(std::set<std::string> extra) {
    extra.insert("greedy");
    extra.insert("sample");
    extra.insert("no-protect-spans");
    extra.insert("any-words");
    extra.insert("formal");
    extra.insert("informal");
    extra.insert("no-rerank");
    return extra;
}

DecodeOptions decode_options_from_args(const Args& args, DecodeOptions o) {
    if (args.has("beam")) {
        o.strategy = DecodeStrategy::beam;
        o.beam_size = args.get_int("beam", o.beam_size);
    }
    if (args.has("greedy")) o.strategy = DecodeStrategy::greedy;
    if (args.has("sample")) o.strategy = DecodeStrategy::sample;
    o.n_best = args.get_int("n-best", o.n_best);
    if (o.strategy == DecodeStrategy::beam && o.n_best > o.beam_size) o.beam_size = o.n_best;
    o.length_penalty = static_cast<float>(args.get_double("length-penalty", o.length_penalty));
    o.max_length_ratio = static_cast<float>(args.get_double("max-length-ratio", o.max_length_ratio));
    o.max_length = args.get_int("max-length", o.max_length);
    o.temperature = static_cast<float>(args.get_double("temperature", o.temperature));
    o.top_k = args.get_int("top-k", o.top_k);
    o.top_p = static_cast<float>(args.get_double("top-p", o.top_p));
    if (args.has("seed")) o.seed = static_cast<std::uint64_t>(std::stoull(args.get("seed", "0")));
    o.repetition_penalty = static_cast<float>(args.get_double("repetition-penalty", o.repetition_penalty));
    o.no_repeat_ngram_size = args.get_int("no-repeat-ngram", o.no_repeat_ngram_size);
    o.max_batch_size = args.get_int("batch-size", o.max_batch_size);
    if (args.has("no-protect-spans")) o.protect_spans = false;
    if (args.has("any-words")) o.known_words_only = false;
    if (args.has("formal")) o.formal_address = true;
    if (args.has("informal")) o.familiar_address = true;
    o.rerank_candidates = args.get_int("candidates", o.rerank_candidates);
    o.rerank.backward = static_cast<float>(args.get_double("rerank-backward", o.rerank.backward));
    o.rerank.length = static_cast<float>(args.get_double("rerank-length", o.rerank.length));
    o.rerank.length_prior =
        static_cast<float>(args.get_double("rerank-length-prior", o.rerank.length_prior));
    o.rerank.length_log_mean = static_cast<float>(args.get_double("rerank-length-mean", o.rerank.length_log_mean));
    o.rerank.length_slope = static_cast<float>(args.get_double("rerank-length-slope", o.rerank.length_slope));
    o.rerank.max_sentences = args.get_int("rerank-max-sentences", o.rerank.max_sentences);
    o.rerank.sentence_penalty =
        static_cast<float>(args.get_double("rerank-sentence-penalty", o.rerank.sentence_penalty));
    o.rerank.repeat_penalty = static_cast<float>(args.get_double("rerank-repeat-penalty", o.rerank.repeat_penalty));
    o.rerank.recalled = static_cast<float>(args.get_double("rerank-recalled", o.rerank.recalled));
    o.rerank.mood = static_cast<float>(args.get_double("rerank-mood", o.rerank.mood));
    o.recalled_replies = args.get_int("recalled", o.recalled_replies);
    o.reverse_weight = static_cast<float>(args.get_double("reverse-weight", o.reverse_weight));
    o.right_to_left_weight = static_cast<float>(args.get_double("right-to-left-weight", o.right_to_left_weight));
    o.ensemble_weight = static_cast<float>(args.get_double("ensemble-weight", o.ensemble_weight));
    if (args.has("no-rerank")) {
        o.rerank_candidates = 0;
        o.recalled_replies = 0;
        o.reverse_weight = 0.0f;
        o.right_to_left_weight = 0.0f;
    }
    if (o.strategy != DecodeStrategy::beam) o.n_best = 1;
    validate(o);
    return o;
}

EngineOptions engine_options_from_args(const Args& args) {
    EngineOptions engine;
    engine.threads = args.get_int("threads", 0);
    engine.precision = args.get("precision", "");
    // A translator's reverse and right-to-left models are loaded only to rerank.
    engine.load_reranking_models = !args.has("no-rerank");
    return engine;
}

void note_missing_reverse_model(const Translator& translator, const EngineOptions& engine) {
    const std::string& reverse = translator.config().reverse_model;
    if (reverse.empty() || !engine.load_reranking_models || translator.has_reverse_model()) return;
    std::cerr << "note: " << translator.config().name << " reranks with the reverse model '" << reverse
              << "', which is not in the folder beside it: translating without reranking\n";
}

std::string model_argument(const Args& args) {
    if (args.has("model")) return args.get("model", "");
    if (args.has("m")) return args.get("m", "");
    throw UsageError("missing the model folder: -m MODEL");
}

DType save_dtype_argument(const Args& args) {
    try {
        return parse_dtype(args.get("save-dtype", "f32"));
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--save-dtype: ") + e.what());
    }
}

}  // namespace attentive::cli
