#include "core/layers/encoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace attentive {

void embedding_lookup(const float* table, int vocab_size, int width, const int* ids, int n,
                      int unk_id, float* out, int out_stride) {
    for (int i = 0; i < n; ++i) {
        const int id = (ids[i] >= 0 && ids[i] < vocab_size) ? ids[i] : unk_id;
        std::memcpy(out + static_cast<std::size_t>(i) * out_stride,
                    table + static_cast<std::size_t>(id) * width, sizeof(float) * width);
    }
}

std::vector<float> embedding_column_bounds(const float* table, int vocab_size, int width) {
    std::vector<float> bounds(width, 0.0f);
    for (int v = 0; v < vocab_size; ++v) {
        const float* row = table + static_cast<std::size_t>(v) * width;
        for (int k = 0; k < width; ++k) bounds[k] = std::max(bounds[k], std::fabs(row[k]));
    }
    return bounds;
}

Encoder::Encoder(const ModelConfig& config, const WeightStore& weights, ops::Precision precision)
    : m_embedding(weights.get("encoder.embedding")),
      m_vocab_size(config.source_vocab_size),
      m_embedding_size(config.embedding_size),
      m_hidden(config.encoder_hidden_size) {
    // An int8 input projection reads the embeddings divided by their column bounds; the layers
    // above read hidden states, bounded by 1.
    const std::vector<float> embedding_bounds =
        precision == ops::Precision::int8
            ? embedding_column_bounds(m_embedding, m_vocab_size, m_embedding_size)
            : std::vector<float>{};
    for (int l = 0; l < config.encoder_layers; ++l) {
        const int n_in = l == 0 ? config.embedding_size : 2 * config.encoder_hidden_size;
        auto weight = [&](const std::string& direction, const std::string& name) {
            return weights.get("encoder.layers." + std::to_string(l) + "." + direction + "." + name);
        };
        auto sequence = [&](const std::string& d) {
            return ops::Lstm(weight(d, "weight_input"), weight(d, "weight_hidden"), weight(d, "bias"),
                             n_in, m_hidden, precision);
        };
        auto few_rows = [&](const std::string& d) {
            return ops::SmallBatchLstm(weight(d, "weight_input"), weight(d, "weight_hidden"), weight(d, "bias"),
                                       n_in, m_hidden, precision,
                                       l == 0 ? embedding_bounds : std::vector<float>{});
        };
        m_layers.push_back(Layer{sequence("forward"), sequence("backward"), few_rows("forward"),
                                 few_rows("backward")});
    }
}

namespace {

// out[t, b] = in[len_b - 1 - t, b] for t < len_b, else in[t, b]; time-major [S, B, width].
void reverse_within_length(const std::vector<float>& in, const std::vector<int>& lengths, int S,
                           int B, int width, std::vector<float>& out) {
    for (int b = 0; b < B; ++b) {
        for (int t = 0; t < S; ++t) {
            const int from = t < lengths[b] ? lengths[b] - 1 - t : t;
            std::memcpy(&out[(static_cast<std::size_t>(t) * B + b) * width],
                        &in[(static_cast<std::size_t>(from) * B + b) * width], sizeof(float) * width);
        }
    }
}

}  // namespace

EncoderOutput Encoder::encode(const std::vector<std::vector<int>>& sources) const {
    const int B = static_cast<int>(sources.size());
    if (B == 0) throw std::invalid_argument("Encoder::encode: empty batch");
    EncoderOutput out;
    out.batch = B;
    out.width = 2 * m_hidden;
    for (const auto& source : sources) {
        if (source.empty()) throw std::invalid_argument("Encoder::encode: empty source sequence");
        out.lengths.push_back(static_cast<int>(source.size()));
    }
    const int S = *std::max_element(out.lengths.begin(), out.lengths.end());
    out.source_length = S;

    // Time-major input [S, B, E]; padding positions repeat the pad row (id 0).
    int width = m_embedding_size;
    std::vector<float> input(static_cast<std::size_t>(S) * B * width, 0.0f);
    for (int b = 0; b < B; ++b) {
        for (int t = 0; t < S; ++t) {
            const int id = t < out.lengths[b] ? sources[b][t] : 0;
            embedding_lookup(m_embedding, m_vocab_size, width, &id, 1, 1,
                             &input[(static_cast<std::size_t>(t) * B + b) * width], width);
        }
    }

    const int H = m_hidden;
    std::vector<float> reversed, forward_out(static_cast<std::size_t>(S) * B * H),
        backward_out(static_cast<std::size_t>(S) * B * H);
    std::vector<float> layer_out(static_cast<std::size_t>(S) * B * 2 * H);
    for (const auto& layer : m_layers) {
        reversed.resize(input.size());
        reverse_within_length(input, out.lengths, S, B, width, reversed);
        const bool few = layer.few_forward.suits(B);
        ops::run_side_by_side(
            [&] {
                if (few) layer.few_forward.forward(S, B, input.data(), forward_out.data());
                else layer.forward.forward(S, B, input.data(), nullptr, nullptr, forward_out.data(), nullptr, nullptr);
            },
            [&] {
                if (few) layer.few_backward.forward(S, B, reversed.data(), backward_out.data());
                else layer.backward.forward(S, B, reversed.data(), nullptr, nullptr, backward_out.data(), nullptr, nullptr);
            });
        std::fill(layer_out.begin(), layer_out.end(), 0.0f);
        for (int b = 0; b < B; ++b) {
            for (int t = 0; t < out.lengths[b]; ++t) {
                float* dst = &layer_out[(static_cast<std::size_t>(t) * B + b) * 2 * H];
                std::memcpy(dst, &forward_out[(static_cast<std::size_t>(t) * B + b) * H], sizeof(float) * H);
                const int rt = out.lengths[b] - 1 - t;
                std::memcpy(dst + H, &backward_out[(static_cast<std::size_t>(rt) * B + b) * H],
                            sizeof(float) * H);
            }
        }
        input.swap(layer_out);
        layer_out.resize(input.size());
        width = 2 * H;
    }

    // input now holds the top layer's output, time-major; hand it out batch-major.
    out.states.resize(static_cast<std::size_t>(B) * S * out.width);
    out.final_state.resize(static_cast<std::size_t>(B) * out.width);
    for (int b = 0; b < B; ++b) {
        for (int t = 0; t < S; ++t) {
            std::memcpy(&out.states[(static_cast<std::size_t>(b) * S + t) * out.width],
                        &input[(static_cast<std::size_t>(t) * B + b) * out.width],
                        sizeof(float) * out.width);
        }
        const int last = out.lengths[b] - 1;
        float* final_row = &out.final_state[static_cast<std::size_t>(b) * out.width];
        std::memcpy(final_row, &input[(static_cast<std::size_t>(last) * B + b) * out.width],
                    sizeof(float) * H);
        std::memcpy(final_row + H, &input[(static_cast<std::size_t>(b)) * out.width + H],
                    sizeof(float) * H);
    }
    return out;
}

}  // namespace attentive
