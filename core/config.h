#pragma once
// A model's config.json: architecture, sizes, special token ids, languages and task.
// See docs/model-format.md for every field.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/decoding/erasure_flags.h"
#include "core/tensor.h"

namespace attentive {

enum class Task { translate, chat };
enum class AttentionType { dot, general, mlp };

std::string to_string(Task task);
std::string to_string(AttentionType type);

struct ModelConfig {
    int format_version = 1;
    std::string name;
    Task task = Task::translate;
    std::string source_language = "en";
    std::string target_language = "fr";

    int source_vocab_size = 0;
    int target_vocab_size = 0;
    int embedding_size = 256;
    int encoder_layers = 2;
    int encoder_hidden_size = 256;  // per direction; encoder outputs are 2 * this wide
    int decoder_layers = 2;
    int decoder_hidden_size = 512;
    AttentionType attention = AttentionType::general;
    bool input_feeding = true;
    bool tie_target_embeddings = false;  // generator.weight is decoder.embedding (needs E == Hd)
    float dropout = 0.0f;                // training only

    // Special piece ids, shared by source and target vocabularies.
    int pad_id = 0;
    int unk_id = 1;
    int bos_id = 2;
    int eos_id = 3;
    // Chat models: the piece that separates context turns in the source (e.g. "<sep>"); -1 if none.
    int sep_id = -1;
    int chat_context_turns = 2;
    // A backward chat model (a reranker's) learned p(context | reply): its source is a reply and
    // its target the chat_context_turns turns before it. Forward models answer; backward ones
    // only score. config.json "dialogue_direction": "forward" (default) or "backward".
    bool predicts_context = false;
    // A chat model's reranker: a backward model in this sub-folder of the model folder, used to
    // choose among sampled replies (maximum mutual information). Empty: none. "reranker".
    std::string reranker;
    // A translator's reverse model: the translator of the opposite direction, in this folder
    // beside the model folder (a sibling: "fr-en" for en-fr), which rescores the beam's
    // hypotheses by how well each gives the source back (DecodeOptions::reverse_weight). Empty:
    // none. "reverse_model".
    std::string reverse_model;
    // A translator's right-to-left model: a translator of the same direction in this sub-folder,
    // trained on targets with their words in reverse order, which rescores the beam's hypotheses
    // from the other end (DecodeOptions::right_to_left_weight). It only scores. Empty: none.
    // "right_to_left_model".
    std::string right_to_left_model;
    // A translator's ensemble partner: a translator of the same direction and vocabularies in
    // this sub-folder, trained separately, that decodes together with this one (the search
    // follows the weighted mean of both models' log-probabilities, DecodeOptions::ensemble_weight).
    // Empty: none. "ensemble_model".
    std::string ensemble_model;
    // A translator's threshold for the "possibly untranslated" flag: a word the lexicon knows is
    // flagged when leaving it out of the source changes the translation's log-probability by
    // less than this, in nats per target piece (core/untranslated_words.h). Chosen per
    // translator with scripts/measure-flags.sh on its dev sets. "untranslated_threshold".
    float untranslated_threshold = kUntranslatedLossPerPiece;
    // How much stricter the threshold is for a sentence with more words the lexicons leave
    // unexplained: n such words are judged at untranslated_threshold * n^growth
    // (sentence_threshold() in core/untranslated_words.h); 0 judges every sentence alike.
    // "untranslated_threshold_growth".
    float untranslated_threshold_growth = 0.0f;

    std::string source_tokenizer = "source.spm";  // file names inside the model folder
    std::string target_tokenizer = "target.spm";  // may equal source_tokenizer (joint vocabulary)
    std::string weights_file = "model.safetensors";

    // Default inference precision ("f32", "bf16", "int8").
    std::string precision = "f32";

    // Per-model decoding defaults (a translator defaults to beam search, a chat model to sampling).
    nlohmann::json decoding = nlohmann::json::object();

    int attention_hidden_size() const { return decoder_hidden_size; }  // mlp attention width
    int encoder_output_size() const { return 2 * encoder_hidden_size; }
    int decoder_input_size() const {
        return embedding_size + (input_feeding ? decoder_hidden_size : 0);
    }
};

// Parses and validates a config. Throws ModelFormatError naming `origin` (the file) and the
// field when a field is missing, of the wrong type or absurd (sizes <= 0 or beyond sane limits,
// special ids outside the vocabulary or equal to each other, unknown task or attention, `dot`
// attention with decoder_hidden_size != 2 * encoder_hidden_size, tied embeddings with
// embedding_size != decoder_hidden_size).
ModelConfig parse_config(const nlohmann::json& json, const std::string& origin = "config.json");
ModelConfig load_config(const std::filesystem::path& path);
nlohmann::json config_to_json(const ModelConfig& config);
// Writes config.json atomically (temporary file + rename).
void save_config(const ModelConfig& config, const std::filesystem::path& path);

// The weight tensors a config expects, name -> shape. Tensor names and shapes:
//   encoder.embedding                      [Vs, E]
//   decoder.embedding                      [Vt, E]
//   encoder.layers.{l}.{forward,backward}.weight_input   [4*He, in_l]   in_0 = E, else 2*He
//   encoder.layers.{l}.{forward,backward}.weight_hidden  [4*He, He]
//   encoder.layers.{l}.{forward,backward}.bias           [4*He]
//   bridge.{l}.weight [Hd, 2*He], bridge.{l}.bias [Hd]   decoder layer l's initial h
//   decoder.layers.{l}.weight_input  [4*Hd, in_l]   in_0 = E (+ Hd with input feeding), else Hd
//   decoder.layers.{l}.weight_hidden [4*Hd, Hd]
//   decoder.layers.{l}.bias          [4*Hd]
//   attention.weight [Hd, 2*He]                              (general)
//   attention.query_weight [Hd, Hd], attention.key_weight [Hd, 2*He], attention.bias [Hd],
//   attention.v [Hd]                                         (mlp)
//   attention.output_weight [Hd, 2*He + Hd]                  W_c on [context; h]
//   generator.weight [Vt, Hd] (absent when tied), generator.bias [Vt]
// LSTM gates are stacked in the order input, forget, cell candidate, output (as PyTorch does).
std::map<std::string, Shape> expected_tensors(const ModelConfig& config);

// Total parameter count of the expected tensors.
std::int64_t parameter_count(const ModelConfig& config);

// The parameters one decoding step of one row reads in full: the decoder's LSTM layers, the
// attentional layer, the query projection (mlp attention) and the generator. What sets the
// memory-bandwidth floor of batch-1 decoding; embeddings are read a row at a time and attention
// keys once per source.
std::int64_t decoder_step_parameter_count(const ModelConfig& config);

}  // namespace attentive
