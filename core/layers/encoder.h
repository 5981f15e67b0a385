#pragma once
// The bidirectional LSTM encoder. Each layer runs a forward LSTM and a second LSTM over each
// sequence reversed within its own length, so padding never reaches a real position (oneDNN's
// bidirectional mode cannot take per-sequence lengths); the two outputs are concatenated.

#include <vector>

#include "core/config.h"
#include "core/model/weights.h"
#include "core/ops/ops.h"

namespace attentive {

struct EncoderOutput {
    int batch = 0;
    int source_length = 0;          // S: longest source
    int width = 0;                  // 2 * encoder_hidden_size
    std::vector<int> lengths;       // [B]
    std::vector<float> states;      // [B, S, width]; zero at padding positions
    std::vector<float> final_state; // [B, width]: [forward at len-1; backward at 0]
};

class Encoder {
public:
    Encoder(const ModelConfig& config, const WeightStore& weights, ops::Precision precision);

    // Encodes a batch of id sequences (each non-empty; throws std::invalid_argument otherwise).
    EncoderOutput encode(const std::vector<std::vector<int>>& sources) const;

private:
    // Each direction twice: oneDNN's LSTM for batches, products for a few rows.
    struct Layer {
        ops::Lstm forward;
        ops::Lstm backward;
        ops::SmallBatchLstm few_forward;
        ops::SmallBatchLstm few_backward;
    };
    const float* m_embedding;  // [Vs, E]
    int m_vocab_size;
    int m_embedding_size;
    int m_hidden;
    std::vector<Layer> m_layers;
};

// Copies rows of an embedding table: out[i] = table[ids[i]] (ids out of range -> unk row).
void embedding_lookup(const float* table, int vocab_size, int width, const int* ids, int n,
                      int unk_id, float* out, int out_stride);
// The largest magnitude each column of an embedding table takes over the vocabulary: [width],
// the static input bounds of an int8 product that reads embeddings.
std::vector<float> embedding_column_bounds(const float* table, int vocab_size, int width);

}  // namespace attentive
