#include "core/layers/decoder.h"

#include "core/cpu_clones.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "core/layers/encoder.h"
#include "core/ops/vector_math.h"

namespace attentive {

namespace {

ATTENTIVE_CPU_CLONES
void tanh_in_place(float* values, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) values[i] = ops::vector_tanh(values[i]);
}

void gather_rows(std::vector<float>& values, const std::vector<int>& parents, int width,
                 std::vector<float>& scratch) {
    scratch.resize(values.size());
    for (std::size_t i = 0; i < parents.size(); ++i)
        std::memcpy(&scratch[i * width], &values[static_cast<std::size_t>(parents[i]) * width],
                    sizeof(float) * width);
    values.swap(scratch);
}

// The largest magnitude each decoder input column can take: an embedding column's maximum over
// the vocabulary, then 1 for the attentional state fed back (a tanh).
std::vector<float> decoder_input_bounds(const ModelConfig& config, const float* embedding) {
    std::vector<float> bounds =
        embedding_column_bounds(embedding, config.target_vocab_size, config.embedding_size);
    bounds.resize(config.decoder_input_size(), 1.0f);
    return bounds;
}

}  // namespace

Decoder::Decoder(const ModelConfig& config, const WeightStore& weights, ops::Precision precision)
    : m_config(config),
      m_embedding(weights.get("decoder.embedding")),
      m_vocab_size(config.target_vocab_size),
      m_attention(config, weights, precision),
      m_output(weights.get("attention.output_weight"), nullptr, config.decoder_hidden_size,
               config.encoder_output_size() + config.decoder_hidden_size, precision),
      m_generator(weights.get(config.tie_target_embeddings ? "decoder.embedding" : "generator.weight"),
                  weights.get("generator.bias"), config.target_vocab_size,
                  config.decoder_hidden_size, precision) {
    const int hd = config.decoder_hidden_size;
    for (int l = 0; l < config.decoder_layers; ++l) {
        const std::string bridge = "bridge." + std::to_string(l) + ".";
        m_bridges.emplace_back(weights.get(bridge + "weight"), weights.get(bridge + "bias"), hd,
                               config.encoder_output_size(), precision);
        const std::string prefix = "decoder.layers." + std::to_string(l) + ".";
        const int n_in = l == 0 ? config.decoder_input_size() : hd;
        // Layers above the first take the previous layer's h, bounded by 1.
        m_layers.emplace_back(weights.get(prefix + "weight_input"), weights.get(prefix + "weight_hidden"),
                              weights.get(prefix + "bias"), n_in, hd, precision,
                              l == 0 && precision == ops::Precision::int8
                                  ? decoder_input_bounds(config, m_embedding)
                                  : std::vector<float>{});
    }
}

DecoderState Decoder::initial_state(const std::vector<float>& encoder_final_state,
                                    int encoder_width, std::vector<int> row_sentence) const {
    const int hd = m_config.decoder_hidden_size;
    DecoderState state;
    state.rows = static_cast<int>(row_sentence.size());
    const auto rows = static_cast<std::size_t>(state.rows);
    // [rows, 2He]: each row's sentence's final encoder state.
    std::vector<float> final_rows(rows * encoder_width);
    for (std::size_t r = 0; r < rows; ++r)
        std::memcpy(&final_rows[r * encoder_width],
                    &encoder_final_state[static_cast<std::size_t>(row_sentence[r]) * encoder_width],
                    sizeof(float) * encoder_width);
    for (const auto& bridge : m_bridges) {
        auto& h = state.h.emplace_back(rows * hd);
        bridge.forward(state.rows, final_rows.data(), h.data());
        tanh_in_place(h.data(), h.size());
        state.c.emplace_back(rows * hd, 0.0f);
        state.h_next.emplace_back(rows * hd);
        state.c_next.emplace_back(rows * hd);
    }
    state.row_sentence = std::move(row_sentence);
    state.feed.assign(rows * hd, 0.0f);
    state.input.resize(rows * m_config.decoder_input_size());
    state.context_and_h.resize(rows * (m_config.encoder_output_size() + hd));
    state.scratch.resize(rows * hd);
    return state;
}

void Decoder::step(const AttentionMemory& memory, DecoderState& state, const int* input_ids,
                   float* logits, float* attention) const {
    const int rows = state.rows;
    const int hd = m_config.decoder_hidden_size;
    const int e = m_config.embedding_size;
    const int in_width = m_config.decoder_input_size();
    // x = [embedding(y_prev); a_prev] (input feeding) or the embedding alone.
    embedding_lookup(m_embedding, m_vocab_size, e, input_ids, rows, m_config.unk_id,
                     state.input.data(), in_width);
    if (m_config.input_feeding) {
        for (int r = 0; r < rows; ++r)
            std::memcpy(&state.input[static_cast<std::size_t>(r) * in_width + e],
                        &state.feed[static_cast<std::size_t>(r) * hd], sizeof(float) * hd);
    }
    const float* layer_input = state.input.data();
    for (std::size_t l = 0; l < m_layers.size(); ++l) {
        m_layers[l].forward(rows, layer_input, state.h[l].data(), state.c[l].data(),
                            state.h_next[l].data(), state.c_next[l].data());
        state.h[l].swap(state.h_next[l]);
        state.c[l].swap(state.c_next[l]);
        layer_input = state.h[l].data();
    }
    const float* top = state.h.back().data();  // [rows, Hd]

    // [context; h] -> attentional state a = tanh(W_c [context; h]).
    const int vw = memory.value_width;
    const int ch_width = vw + hd;
    // The context goes straight into the first part of each [context; h] row: attend() writes
    // rows of width vw, so write contexts compactly into scratch-sized staging first.
    std::vector<float>& staging = state.gather;
    staging.resize(static_cast<std::size_t>(rows) * vw);
    m_attention.attend(memory, state.row_sentence.data(), rows, top, attention, staging.data(),
                       state.scratch.data());
    for (int r = 0; r < rows; ++r) {
        float* dst = &state.context_and_h[static_cast<std::size_t>(r) * ch_width];
        std::memcpy(dst, &staging[static_cast<std::size_t>(r) * vw], sizeof(float) * vw);
        std::memcpy(dst + vw, top + static_cast<std::size_t>(r) * hd, sizeof(float) * hd);
    }
    m_output.forward(rows, state.context_and_h.data(), state.feed.data());
    tanh_in_place(state.feed.data(), state.feed.size());
    m_generator.forward(rows, state.feed.data(), logits);
}

void Decoder::select_rows(DecoderState& state, const std::vector<int>& parents) const {
    const int hd = m_config.decoder_hidden_size;
    for (std::size_t l = 0; l < state.h.size(); ++l) {
        gather_rows(state.h[l], parents, hd, state.h_next[l]);
        gather_rows(state.c[l], parents, hd, state.c_next[l]);
    }
    gather_rows(state.feed, parents, hd, state.scratch);
    std::vector<int> sentences(parents.size());
    for (std::size_t i = 0; i < parents.size(); ++i) sentences[i] = state.row_sentence[parents[i]];
    state.row_sentence = std::move(sentences);
}

}  // namespace attentive
