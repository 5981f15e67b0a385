#include "core/config.h"

#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <system_error>

#include "core/atomic_file.h"
#include "core/decoding_options.h"
#include "core/errors.h"
#include "core/file_access.h"
#include "core/strict_json.h"

namespace attentive {

namespace {

constexpr int max_vocab_size = 1'000'000;
constexpr int max_width = 8192;
constexpr int max_layers = 16;
constexpr std::uintmax_t max_config_bytes = 1024 * 1024;

const std::set<std::string>& known_fields() {
    static const std::set<std::string> fields = {"format_version",
                                                 "name",
                                                 "task",
                                                 "source_language",
                                                 "target_language",
                                                 "source_vocab_size",
                                                 "target_vocab_size",
                                                 "embedding_size",
                                                 "encoder_layers",
                                                 "encoder_hidden_size",
                                                 "decoder_layers",
                                                 "decoder_hidden_size",
                                                 "attention",
                                                 "input_feeding",
                                                 "tie_target_embeddings",
                                                 "dropout",
                                                 "pad_id",
                                                 "unk_id",
                                                 "bos_id",
                                                 "eos_id",
                                                 "sep_id",
                                                 "chat_context_turns",
                                                 "dialogue_direction",
                                                 "reranker",
                                                 "reverse_model",
                                                 "right_to_left_model",
                                                 "ensemble_model",
                                                 "untranslated_threshold",
                                                 "untranslated_threshold_growth",
                                                 "source_tokenizer",
                                                 "target_tokenizer",
                                                 "weights_file",
                                                 "precision",
                                                 "decoding"};
    return fields;
}

// Reads typed fields of one JSON object and reports problems as "<origin>: field '<name>' ...".
class FieldReader {
public:
    FieldReader(const nlohmann::json& json, std::string origin) : m_json(json), m_origin(std::move(origin)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
        throw ModelFormatError(m_origin + ": field '" + field + "' " + problem);
    }

    const nlohmann::json* find(const std::string& field, bool required) const {
        const auto found = m_json.find(field);
        if (found == m_json.end()) {
            if (required) throw ModelFormatError(m_origin + ": missing required field '" + field + "'");
            return nullptr;
        }
        return &*found;
    }

    // An integer in [low, high]; `fallback` when optional and absent.
    int integer(const std::string& field, long long low, long long high, bool required,
                int fallback = 0) const {
        return static_cast<int>(read<long long>(field, required, fallback, [&](const nlohmann::json& value) {
            return json_integer(value, low, high);
        }));
    }

    std::string string(const std::string& field, bool required, std::string fallback = {}) const {
        return read(field, required, std::move(fallback), json_string);
    }

    bool boolean(const std::string& field, bool required, bool fallback = false) const {
        return read(field, required, fallback, json_boolean);
    }

    double number(const std::string& field, bool required, double fallback = 0.0) const {
        return read(field, required, fallback, json_number);
    }

    // One of `choices`, quoted in the message.
    std::string choice(const std::string& field, const std::vector<std::string>& choices, bool required,
                       std::string fallback = {}) const {
        return read(field, required, std::move(fallback),
                    [&](const nlohmann::json& value) { return json_choice(value, choices); });
    }

    // A file name inside the model folder: no folders, so a config cannot point outside it.
    std::string file_name(const std::string& field, std::string fallback) const {
        std::string name = string(field, false, std::move(fallback));
        const bool bad = name.empty() || name == "." || name.find('/') != std::string::npos ||
                         name.find('\\') != std::string::npos || name.find("..") != std::string::npos ||
                         name.find('\0') != std::string::npos;
        if (bad) fail(field, "must be a plain file name inside the model folder, found \"" + name + "\"");
        return name;
    }

private:
    // `read_value(value)`, or `fallback` when the field is optional and absent.
    template <typename T, typename ReadValue>
    T read(const std::string& field, bool required, T fallback, ReadValue read_value) const {
        const nlohmann::json* value = find(field, required);
        if (value == nullptr) return fallback;
        try {
            return read_value(*value);
        } catch (const JsonValueError& error) {
            fail(field, error.what());
        }
    }

    const nlohmann::json& m_json;
    std::string m_origin;
};

}  // namespace

std::string to_string(Task task) {
    switch (task) {
    case Task::translate: return "translate";
    case Task::chat: return "chat";
    }
    return "translate";
}

std::string to_string(AttentionType type) {
    switch (type) {
    case AttentionType::dot: return "dot";
    case AttentionType::general: return "general";
    case AttentionType::mlp: return "mlp";
    }
    return "general";
}

ModelConfig parse_config(const nlohmann::json& json, const std::string& origin) {
    if (!json.is_object()) throw ModelFormatError(origin + ": must be a JSON object, found " + json_type_name(json));
    const FieldReader read(json, origin);

    ModelConfig config;
    // The version first: a newer file should say so rather than fail on a field it renamed.
    config.format_version = read.integer("format_version", 0, std::numeric_limits<int>::max(), true);
    if (config.format_version != 1) {
        read.fail("format_version",
                  "must be 1 (the version this build reads), found " + std::to_string(config.format_version));
    }
    for (const auto& [field, value] : json.items()) {
        if (!known_fields().contains(field)) {
            throw ModelFormatError(origin + ": unknown field '" + field + "' (see docs/model-format.md)");
        }
    }

    config.name = read.string("name", false);
    config.task = read.choice("task", {"translate", "chat"}, true) == "chat" ? Task::chat : Task::translate;
    const auto language = [&](const std::string& field) {
        std::string code = read.string(field, true);
        if (code.empty() || code.size() > 35) {
            read.fail(field, "must be a language code such as \"en\", found \"" + code + "\"");
        }
        return code;
    };
    config.source_language = language("source_language");
    config.target_language = language("target_language");

    config.source_vocab_size = read.integer("source_vocab_size", 4, max_vocab_size, true);
    config.target_vocab_size = read.integer("target_vocab_size", 4, max_vocab_size, true);
    config.embedding_size = read.integer("embedding_size", 1, max_width, true);
    config.encoder_layers = read.integer("encoder_layers", 1, max_layers, true);
    config.encoder_hidden_size = read.integer("encoder_hidden_size", 1, max_width, true);
    config.decoder_layers = read.integer("decoder_layers", 1, max_layers, true);
    config.decoder_hidden_size = read.integer("decoder_hidden_size", 1, max_width, true);

    const std::string attention = read.choice("attention", {"dot", "general", "mlp"}, true);
    config.attention = attention == "dot"       ? AttentionType::dot
                       : attention == "general" ? AttentionType::general
                                                : AttentionType::mlp;
    if (config.attention == AttentionType::dot &&
        config.decoder_hidden_size != 2 * config.encoder_hidden_size) {
        read.fail("decoder_hidden_size",
                  "must equal 2 * encoder_hidden_size (" + std::to_string(2 * config.encoder_hidden_size) +
                      ") with dot attention, found " + std::to_string(config.decoder_hidden_size));
    }
    config.input_feeding = read.boolean("input_feeding", true);
    config.tie_target_embeddings = read.boolean("tie_target_embeddings", false, false);
    if (config.tie_target_embeddings && config.embedding_size != config.decoder_hidden_size) {
        read.fail("tie_target_embeddings", "needs embedding_size == decoder_hidden_size, found " +
                                               std::to_string(config.embedding_size) + " and " +
                                               std::to_string(config.decoder_hidden_size));
    }
    const double dropout = read.number("dropout", false, 0.0);
    if (!(dropout >= 0.0 && dropout < 1.0)) {
        read.fail("dropout", "must be in [0, 1), found " + json.at("dropout").dump());
    }
    config.dropout = static_cast<float>(dropout);

    // Special ids index both vocabularies, so each must fit the smaller one.
    const int shared_vocab = std::min(config.source_vocab_size, config.target_vocab_size);
    config.pad_id = read.integer("pad_id", 0, shared_vocab - 1, true);
    config.unk_id = read.integer("unk_id", 0, shared_vocab - 1, true);
    config.bos_id = read.integer("bos_id", 0, shared_vocab - 1, true);
    config.eos_id = read.integer("eos_id", 0, shared_vocab - 1, true);
    // The separator only appears in the source (between context turns).
    config.sep_id = read.integer("sep_id", -1, config.source_vocab_size - 1, false, -1);
    const std::vector<std::pair<const char*, int>> ids = {{"pad_id", config.pad_id},
                                                          {"unk_id", config.unk_id},
                                                          {"bos_id", config.bos_id},
                                                          {"eos_id", config.eos_id},
                                                          {"sep_id", config.sep_id}};
    for (std::size_t i = 0; i < ids.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (ids[i].second >= 0 && ids[i].second == ids[j].second) {
                read.fail(ids[i].first, "must differ from " + std::string(ids[j].first) + ", both are " +
                                            std::to_string(ids[i].second));
            }
        }
    }
    config.chat_context_turns = read.integer("chat_context_turns", 1, 16, false, 2);
    config.predicts_context = read.choice("dialogue_direction", {"forward", "backward"}, false, "forward") == "backward";
    if (config.predicts_context && config.task != Task::chat) {
        read.fail("dialogue_direction", "\"backward\" needs \"task\": \"chat\"");
    }
    if (read.find("untranslated_threshold", false) != nullptr) {
        const double threshold = read.number("untranslated_threshold", true);
        if (!(threshold >= -5.0 && threshold <= 0.0))
            read.fail("untranslated_threshold", "must be in [-5, 0] (nats per target piece), found " +
                                                    json.at("untranslated_threshold").dump());
        if (config.task != Task::translate) read.fail("untranslated_threshold", "is for translation models only");
        config.untranslated_threshold = static_cast<float>(threshold);
    }
    if (read.find("untranslated_threshold_growth", false) != nullptr) {
        const double growth = read.number("untranslated_threshold_growth", true);
        if (!(growth >= 0.0 && growth <= 2.0))
            read.fail("untranslated_threshold_growth",
                      "must be in [0, 2], found " + json.at("untranslated_threshold_growth").dump());
        if (config.task != Task::translate) read.fail("untranslated_threshold_growth", "is for translation models only");
        config.untranslated_threshold_growth = static_cast<float>(growth);
    }
    if (read.find("reverse_model", false) != nullptr) {
        config.reverse_model = read.file_name("reverse_model", "");
        if (config.task != Task::translate) read.fail("reverse_model", "is for translation models only");
    }
    if (read.find("right_to_left_model", false) != nullptr) {
        config.right_to_left_model = read.file_name("right_to_left_model", "");
        if (config.task != Task::translate) read.fail("right_to_left_model", "is for translation models only");
    }
    if (read.find("ensemble_model", false) != nullptr) {
        config.ensemble_model = read.file_name("ensemble_model", "");
        if (config.task != Task::translate) read.fail("ensemble_model", "is for translation models only");
    }
    if (read.find("reranker", false) != nullptr) {
        config.reranker = read.file_name("reranker", "");
        if (config.task != Task::chat || config.predicts_context) {
            read.fail("reranker", "is for forward chat models only");
        }
    }

    config.source_tokenizer = read.file_name("source_tokenizer", "source.spm");
    config.target_tokenizer = read.file_name("target_tokenizer", "target.spm");
    config.weights_file = read.file_name("weights_file", "model.safetensors");
    config.precision = read.choice("precision", {"f32", "bf16", "int8"}, false, "f32");

    if (const nlohmann::json* decoding = read.find("decoding", false)) {
        if (!decoding->is_object()) read.fail("decoding", "must be an object, found " + json_type_name(*decoding));
        DecodeOptions defaults;
        try {
            defaults = decode_options_from_json(*decoding);
            validate(defaults);
        } catch (const std::invalid_argument& error) {
            read.fail("decoding", std::string("is invalid: ") + error.what());
        }
        // Forced target pieces index the target embedding and generator: an id past the
        // vocabulary would read outside them.
        for (std::size_t i = 0; i < defaults.target_prefix.size(); ++i) {
            if (defaults.target_prefix[i] >= config.target_vocab_size) {
                read.fail("decoding", "is invalid: target_prefix holds piece id " +
                                          std::to_string(defaults.target_prefix[i]) + " at position " +
                                          std::to_string(i) + ", outside the target vocabulary (" +
                                          std::to_string(config.target_vocab_size) + " pieces)");
            }
        }
        config.decoding = *decoding;
    }
    return config;
}

ModelConfig load_config(const std::filesystem::path& path) {
    std::string text;
    try {
        text = read_regular_file(path, max_config_bytes);
    } catch (const FileError& error) {
        throw ModelFormatError(error.what());
    }
    const nlohmann::json json = parse_json_strictly(text, path.string(), {"config", "field", 64});
    return parse_config(json, path.string());
}

nlohmann::json config_to_json(const ModelConfig& config) {
    nlohmann::json json = {
        {"format_version", config.format_version},
        {"name", config.name},
        {"task", to_string(config.task)},
        {"source_language", config.source_language},
        {"target_language", config.target_language},
        {"source_vocab_size", config.source_vocab_size},
        {"target_vocab_size", config.target_vocab_size},
        {"embedding_size", config.embedding_size},
        {"encoder_layers", config.encoder_layers},
        {"encoder_hidden_size", config.encoder_hidden_size},
        {"decoder_layers", config.decoder_layers},
        {"decoder_hidden_size", config.decoder_hidden_size},
        {"attention", to_string(config.attention)},
        {"input_feeding", config.input_feeding},
        {"tie_target_embeddings", config.tie_target_embeddings},
        {"dropout", float_for_json(config.dropout)},
        {"pad_id", config.pad_id},
        {"unk_id", config.unk_id},
        {"bos_id", config.bos_id},
        {"eos_id", config.eos_id},
        {"sep_id", config.sep_id},
        {"chat_context_turns", config.chat_context_turns},
        {"source_tokenizer", config.source_tokenizer},
        {"target_tokenizer", config.target_tokenizer},
        {"weights_file", config.weights_file},
        {"precision", config.precision},
    };
    // Written only when set, so that the configs of models without them stay as they were.
    if (config.predicts_context) json["dialogue_direction"] = "backward";
    if (!config.reranker.empty()) json["reranker"] = config.reranker;
    if (!config.reverse_model.empty()) json["reverse_model"] = config.reverse_model;
    if (!config.right_to_left_model.empty()) json["right_to_left_model"] = config.right_to_left_model;
    if (!config.ensemble_model.empty()) json["ensemble_model"] = config.ensemble_model;
    if (config.untranslated_threshold != kUntranslatedLossPerPiece)
        json["untranslated_threshold"] = float_for_json(config.untranslated_threshold);
    if (config.untranslated_threshold_growth != 0.0f)
        json["untranslated_threshold_growth"] = float_for_json(config.untranslated_threshold_growth);
    json["decoding"] = config.decoding.is_null() ? nlohmann::json::object() : config.decoding;
    return json;
}

void save_config(const ModelConfig& config, const std::filesystem::path& path) {
    const nlohmann::json json = config_to_json(config);
    // Never write a file that load_config would refuse.
    parse_config(json, path.string());
    write_file_atomically(path, json.dump(2) + "\n");
}

std::map<std::string, Shape> expected_tensors(const ModelConfig& config) {
    const std::int64_t vs = config.source_vocab_size;
    const std::int64_t vt = config.target_vocab_size;
    const std::int64_t e = config.embedding_size;
    const std::int64_t he = config.encoder_hidden_size;
    const std::int64_t hd = config.decoder_hidden_size;

    std::map<std::string, Shape> tensors;
    tensors["encoder.embedding"] = {vs, e};
    tensors["decoder.embedding"] = {vt, e};
    for (int l = 0; l < config.encoder_layers; ++l) {
        const std::int64_t input = l == 0 ? e : 2 * he;
        for (const char* direction : {"forward", "backward"}) {
            const std::string prefix = "encoder.layers." + std::to_string(l) + "." + direction + ".";
            tensors[prefix + "weight_input"] = {4 * he, input};
            tensors[prefix + "weight_hidden"] = {4 * he, he};
            tensors[prefix + "bias"] = {4 * he};
        }
    }
    for (int l = 0; l < config.decoder_layers; ++l) {
        const std::string bridge = "bridge." + std::to_string(l) + ".";
        tensors[bridge + "weight"] = {hd, 2 * he};
        tensors[bridge + "bias"] = {hd};
        const std::int64_t input = l == 0 ? config.decoder_input_size() : hd;
        const std::string prefix = "decoder.layers." + std::to_string(l) + ".";
        tensors[prefix + "weight_input"] = {4 * hd, input};
        tensors[prefix + "weight_hidden"] = {4 * hd, hd};
        tensors[prefix + "bias"] = {4 * hd};
    }
    switch (config.attention) {
    case AttentionType::dot: break;
    case AttentionType::general: tensors["attention.weight"] = {hd, 2 * he}; break;
    case AttentionType::mlp:
        tensors["attention.query_weight"] = {hd, hd};
        tensors["attention.key_weight"] = {hd, 2 * he};
        tensors["attention.bias"] = {hd};
        tensors["attention.v"] = {hd};
        break;
    }
    tensors["attention.output_weight"] = {hd, 2 * he + hd};
    if (!config.tie_target_embeddings) tensors["generator.weight"] = {vt, hd};
    tensors["generator.bias"] = {vt};
    return tensors;
}

std::int64_t parameter_count(const ModelConfig& config) {
    std::int64_t total = 0;
    for (const auto& [name, shape] : expected_tensors(config)) total += element_count(shape);
    return total;
}

std::int64_t decoder_step_parameter_count(const ModelConfig& config) {
    std::int64_t total = 0;
    for (const auto& [name, shape] : expected_tensors(config)) {
        if (name.starts_with("decoder.layers.") || name.starts_with("generator.") ||
            name == "attention.output_weight" || name == "attention.query_weight")
            total += element_count(shape);
    }
    // A tied generator multiplies by the target embedding table.
    if (config.tie_target_embeddings)
        total += static_cast<std::int64_t>(config.target_vocab_size) * config.decoder_hidden_size;
    return total;
}

}  // namespace attentive
