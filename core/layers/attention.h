#pragma once
// Global attention over the encoder outputs (Luong): `dot`, `general`, or Bahdanau-style `mlp`
// scores, a softmax masked to each sentence's length, and the context vector.

#include <optional>
#include <vector>

#include "core/config.h"
#include "core/layers/encoder.h"
#include "core/model/weights.h"
#include "core/ops/ops.h"

namespace attentive {

// The encoder side of attention, computed once per batch of sentences.
struct AttentionMemory {
    int batch = 0;
    int source_length = 0;       // S
    int value_width = 0;         // 2 * He
    int key_width = 0;           // Hd (general, mlp) or 2 * He (dot)
    std::vector<int> lengths;    // [B]
    std::vector<float> values;   // [B, S, value_width]: the encoder states
    std::vector<float> keys;     // [B, S, key_width]; empty for dot (keys are the values)
    const float* key_data() const { return keys.empty() ? values.data() : keys.data(); }
};

class Attention {
public:
    Attention(const ModelConfig& config, const WeightStore& weights, ops::Precision precision);

    AttentionMemory prepare(EncoderOutput encoded) const;

    // For rows of queries (row r belongs to sentence row_sentence[r]):
    // alpha: [rows, S] (zero beyond the sentence's length), context: [rows, value_width].
    // `scratch` must hold rows * key_width floats (mlp only).
    void attend(const AttentionMemory& memory, const int* row_sentence, int rows,
                const float* query, float* alpha, float* context, float* scratch) const;

private:
    AttentionType m_type;
    int m_query_width;
    std::optional<ops::Linear> m_key_projection;    // general: W_a; mlp: W_k (+ b)
    std::optional<ops::Linear> m_query_projection;  // mlp: W_q
    const float* m_v = nullptr;                      // mlp: [Hd]
};

}  // namespace attentive
