#pragma once
// The decoder: a stack of LSTM cells stepped one token at a time, initialised from the
// encoder's final state through the bridge, attending over the encoder outputs, producing the
// attentional state tanh(W_c [context; h]) and the logits over the target vocabulary.

#include <optional>
#include <vector>

#include "core/config.h"
#include "core/layers/attention.h"
#include "core/model/weights.h"
#include "core/ops/ops.h"

namespace attentive {

// The recurrent state of `rows` decoding rows and the buffers one step needs, allocated once
// per decode so the per-token loop allocates nothing of its own.
struct DecoderState {
    int rows = 0;
    std::vector<int> row_sentence;           // [rows]: which sentence each row decodes
    std::vector<std::vector<float>> h, c;    // per layer [rows, Hd]
    std::vector<std::vector<float>> h_next, c_next;
    std::vector<float> feed;                 // [rows, Hd]: previous attentional state
    std::vector<float> input;                // [rows, decoder input size]
    std::vector<float> context_and_h;        // [rows, 2He + Hd]
    std::vector<float> scratch;              // [rows, Hd]
    std::vector<float> gather;               // reorder scratch
};

class Decoder {
public:
    Decoder(const ModelConfig& config, const WeightStore& weights, ops::Precision precision);

    // State for `row_sentence.size()` rows, each starting from its sentence's encoder state.
    DecoderState initial_state(const std::vector<float>& encoder_final_state, int encoder_width,
                               std::vector<int> row_sentence) const;

    // One step: input_ids [rows] (the previous target token of each row).
    // logits: [rows, Vt]; attention: [rows, S].
    void step(const AttentionMemory& memory, DecoderState& state, const int* input_ids,
              float* logits, float* attention) const;

    // Keeps rows `parents` (new row i continues old row parents[i]): beam search reordering.
    void select_rows(DecoderState& state, const std::vector<int>& parents) const;

    int vocab_size() const { return m_vocab_size; }
    const Attention& attention() const { return m_attention; }

private:
    const ModelConfig m_config;
    const float* m_embedding;  // [Vt, E]
    int m_vocab_size;
    std::vector<ops::Linear> m_bridges;
    std::vector<ops::LstmStep> m_layers;
    Attention m_attention;
    ops::Linear m_output;      // W_c
    ops::Linear m_generator;
};

}  // namespace attentive
