#pragma once
// A training batch: padded source and target id matrices, batch-major.

#include <cstdint>
#include <vector>

namespace attentive {

struct Batch {
    int batch_size = 0;
    int source_length = 0;                 // S: longest source in the batch
    int target_length = 0;                 // T: longest target + 1 (for BOS / EOS)
    std::vector<int> source_ids;           // [B, S] row-major, padded with pad_id
    std::vector<int> source_lengths;       // [B], each >= 1
    std::vector<int> target_input;         // [B, T]: BOS y1 .. yn, then pad
    std::vector<int> target_output;        // [B, T]: y1 .. yn EOS, then pad
    std::vector<int> target_lengths;       // [B]: n + 1 (tokens that count in the loss)
    std::int64_t target_tokens() const {
        std::int64_t n = 0;
        for (int length : target_lengths) n += length;
        return n;
    }
};

// Builds a batch from unpadded pairs (source ids, target ids without BOS/EOS).
Batch make_batch(const std::vector<std::vector<int>>& sources,
                 const std::vector<std::vector<int>>& targets, int pad_id, int bos_id, int eos_id);

}  // namespace attentive
