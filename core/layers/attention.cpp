#include "core/layers/attention.h"

#include "core/cpu_clones.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/ops/parallel_rows.h"
#include "core/ops/vector_math.h"

namespace attentive {

Attention::Attention(const ModelConfig& config, const WeightStore& weights, ops::Precision precision)
    : m_type(config.attention), m_query_width(config.decoder_hidden_size) {
    const int value_width = config.encoder_output_size();
    const int hd = config.decoder_hidden_size;
    if (m_type == AttentionType::general) {
        m_key_projection.emplace(weights.get("attention.weight"), nullptr, hd, value_width, precision);
    } else if (m_type == AttentionType::mlp) {
        m_key_projection.emplace(weights.get("attention.key_weight"), weights.get("attention.bias"),
                                 hd, value_width, precision);
        m_query_projection.emplace(weights.get("attention.query_weight"), nullptr, hd, hd, precision);
        m_v = weights.get("attention.v");
    }
}

AttentionMemory Attention::prepare(EncoderOutput encoded) const {
    AttentionMemory memory;
    memory.batch = encoded.batch;
    memory.source_length = encoded.source_length;
    memory.value_width = encoded.width;
    memory.lengths = std::move(encoded.lengths);
    memory.values = std::move(encoded.states);
    if (m_key_projection) {
        memory.key_width = m_key_projection->n_out();
        const int n = memory.batch * memory.source_length;
        memory.keys.resize(static_cast<std::size_t>(n) * memory.key_width);
        m_key_projection->forward(n, memory.values.data(), memory.keys.data());
    } else {
        memory.key_width = memory.value_width;
    }
    return memory;
}

namespace {

constexpr int kParallelRows = 8;

// Masked softmax of one row's scores over its `length` real positions (padding gets exactly zero
// weight), then the context: the weighted sum of the values. Compiled for AVX-512 and AVX2 as
// well, the CPU choosing at load: a beam step attends five rows.
ATTENTIVE_CPU_CLONES
void weigh_values(float* __restrict a, int length, int S, const float* __restrict values, int vw,
                  float* __restrict context) {
    const float max_score = ops::max_value(a, length);
    float sum = 0.0f;
    for (int j = 0; j < length; ++j) {
        a[j] = ops::vector_exp(a[j] - max_score);
        sum += a[j];
    }
    const float inverse = 1.0f / sum;
    for (int j = 0; j < length; ++j) a[j] *= inverse;
    std::fill(a + length, a + S, 0.0f);
    std::fill(context, context + vw, 0.0f);
    for (int j = 0; j < length; ++j) {
        const float* v = values + static_cast<std::size_t>(j) * vw;
        const float w = a[j];
        for (int i = 0; i < vw; ++i) context[i] += w * v[i];
    }
}

}  // namespace

void Attention::attend(const AttentionMemory& memory, const int* row_sentence, int rows,
                       const float* query, float* alpha, float* context, float* scratch) const {
    const int S = memory.source_length;
    const int kw = memory.key_width;
    const int vw = memory.value_width;
    const float* keys = memory.key_data();
    if (m_type == AttentionType::mlp) m_query_projection->forward(rows, query, scratch);
    // A row scores its source positions and sums their values: a batch's rows split over the
    // threads, a beam's five (about 1 µs each for 15 positions) do not.
    ops::for_each_row(rows, kParallelRows, [&](int r) {
        const int b = row_sentence[r];
        const int length = memory.lengths[b];
        float* a = alpha + static_cast<std::size_t>(r) * S;
        const float* q = query + static_cast<std::size_t>(r) * m_query_width;
        for (int j = 0; j < length; ++j) {
            const float* k = keys + (static_cast<std::size_t>(b) * S + j) * kw;
            float score = 0.0f;
            if (m_type == AttentionType::mlp) {
                const float* qp = scratch + static_cast<std::size_t>(r) * kw;
                for (int i = 0; i < kw; ++i) score += m_v[i] * std::tanh(qp[i] + k[i]);
            } else {
                score = ops::dot(q, k, kw);
            }
            a[j] = score;
        }
        weigh_values(a, length, S, memory.values.data() + static_cast<std::size_t>(b) * S * vw, vw,
                     context + static_cast<std::size_t>(r) * vw);
    });
}

}  // namespace attentive
