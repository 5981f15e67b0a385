#pragma once
// Batches of encoded pairs, bucketed by length (so little of a batch is padding) and sized by
// tokens (so a batch of short sentences holds more of them). The plan of an epoch is a pure
// function of (seed, epoch), so a position (epoch, index) is all a resume needs.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/training/batch.h"

namespace attentive {

// A pair as piece ids (target without BOS/EOS).
struct EncodedPair {
    std::vector<int> source;
    std::vector<int> target;
};

struct BatcherOptions {
    int batch_tokens = 2048;     // padded source + target tokens per batch (upper bound)
    int max_sentences = 512;     // sentences per batch (upper bound)
    bool shuffle = true;         // false: corpus order, no bucketing (evaluation)
    std::uint64_t seed = 1;
    int pad_id = 0;
    int bos_id = 2;
    int eos_id = 3;
};

struct BatchPosition {
    std::uint64_t epoch = 0;     // 0-based
    std::uint64_t index = 0;     // next batch within the epoch
    bool operator==(const BatchPosition&) const = default;
};

class Batcher {
public:
    // Keeps a pointer to `pairs`, which must outlive the batcher and not change. Throws
    // std::invalid_argument when pairs is empty, batch_tokens < 1 or max_sentences < 1.
    Batcher(const std::vector<EncodedPair>& pairs, BatcherOptions options);

    // The next batch; moves on to the next epoch (re-planned) after the last batch of one.
    Batch next();
    // The indices (into the pairs) of the batch next() would return, without advancing.
    const std::vector<std::size_t>& peek() const;

    BatchPosition position() const { return m_position; }
    // Jumps to a position; throws std::invalid_argument when index is beyond the epoch's batches.
    void set_position(BatchPosition position);
    std::size_t batches_in_epoch() const { return m_plan.size(); }
    // Fraction of the way through training in epochs, e.g. 1.25.
    double epoch_progress() const;

    // All batches in corpus order (for evaluation), each within the token budget.
    static std::vector<std::vector<std::size_t>> plan_epoch(const std::vector<EncodedPair>& pairs,
                                                            const BatcherOptions& options,
                                                            std::uint64_t epoch);

private:
    void plan(std::uint64_t epoch);

    const std::vector<EncodedPair>* m_pairs;
    BatcherOptions m_options;
    BatchPosition m_position;
    std::uint64_t m_planned_epoch = 0;
    std::vector<std::vector<std::size_t>> m_plan;
};

// Builds the Batch of the given pair indices.
Batch batch_of(const std::vector<EncodedPair>& pairs, const std::vector<std::size_t>& indices,
               const BatcherOptions& options);

}  // namespace attentive
