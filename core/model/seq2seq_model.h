#pragma once
// A loaded model folder: config, validated weights, tokenizers, and the layers built on them.

#include <filesystem>
#include <memory>

#include "core/config.h"
#include "core/decoding/step_model.h"
#include "core/layers/decoder.h"
#include "core/layers/encoder.h"
#include "core/model/weights.h"
#include "core/ops/ops.h"
#include "core/text/tokenizer.h"

namespace attentive {

// The config.json of model folder `dir`. Throws ModelFormatError when `dir` is not a folder or
// the config cannot be used (see load_config); a config.json that is a symbolic link must
// resolve inside the folder.
ModelConfig load_model_config(const std::filesystem::path& dir);

class Seq2SeqModel {
public:
    // Loads `dir` (config.json, weights, tokenizers) and builds the layers at `precision`.
    // Throws ModelFormatError naming the file and the problem. Every file must be a regular file
    // of a bounded size, inside the folder (symbolic links may only point within it), and the
    // tokenizers must agree with the config (sizes and special ids).
    Seq2SeqModel(const std::filesystem::path& dir, ops::Precision precision);

    const ModelConfig& config() const { return m_config; }
    const Tokenizer& source_tokenizer() const { return *m_source_tokenizer; }
    const Tokenizer& target_tokenizer() const { return *m_target_tokenizer; }
    const Encoder& encoder() const { return *m_encoder; }
    const Decoder& decoder() const { return *m_decoder; }
    const Attention& attention() const { return m_decoder->attention(); }
    ops::Precision precision() const { return m_precision; }
    std::int64_t weights_file_bytes() const { return m_weights->file_bytes(); }

private:
    ModelConfig m_config;
    ops::Precision m_precision;
    std::unique_ptr<WeightStore> m_weights;
    std::unique_ptr<Tokenizer> m_source_tokenizer;
    std::unique_ptr<Tokenizer> m_target_tokenizer;
    std::unique_ptr<Encoder> m_encoder;
    std::unique_ptr<Decoder> m_decoder;
};

// Decoding rows of a batch of encoded sentences, as a StepModel for the search.
class DecoderSession : public StepModel {
public:
    // row_sentence[r]: which sentence of `memory` row r decodes.
    DecoderSession(const Seq2SeqModel& model, const AttentionMemory& memory,
                   const std::vector<float>& encoder_final_state, std::vector<int> row_sentence);

    int rows() const override { return m_state.rows; }
    int vocab_size() const override { return m_model.decoder().vocab_size(); }
    int source_length(int row) const override;
    void step(const std::vector<int>& input_ids) override;
    const float* logits(int row) const override;
    const float* attention(int row) const override;
    void select_rows(const std::vector<int>& parents) override;

private:
    const Seq2SeqModel& m_model;
    const AttentionMemory& m_memory;
    DecoderState m_state;
    std::vector<float> m_logits;     // [rows, Vt]
    std::vector<float> m_attention;  // [rows, S]
};

}  // namespace attentive
