#pragma once
// Forward and backward passes of the whole Seq2Seq model over a teacher-forced batch, on oneDNN
// (lstm_forward in training mode + lstm_backward for the encoder, matmul, softmax and eltwise),
// with the model's own embedding-gradient scatter-add. An input-fed decoder must run step by
// step; its layers are oneDNN products around the engine's own gate arithmetic
// (lstm_gates.h), so that their weight gradients are one product over all steps.

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "core/config.h"
#include "core/training/batch.h"
#include "core/training/parameters.h"

namespace attentive {

struct LossStats {
    double loss_sum = 0.0;     // summed training loss (label-smoothed) over target tokens
    double nll_sum = 0.0;      // summed negative log-likelihood (for perplexity)
    std::int64_t tokens = 0;   // target tokens counted (padding excluded)
};

struct TrainingStepOptions {
    float label_smoothing = 0.1f;
    float dropout = 0.0f;          // 0: off (evaluation)
    bool bf16 = false;             // bf16 forward tensors, f32 diff tensors (oneDNN's bf16 path)
};

class GradientComputer {
public:
    // Threads > 0 sets the OpenMP thread count oneDNN uses. Throws std::invalid_argument for a
    // config whose sizes are not positive.
    GradientComputer(const ModelConfig& config, int threads = 0);
    ~GradientComputer();

    // Forward + backward over `batch`. Writes d(loss_sum)/d(parameter) into `gradients` (same
    // names and shapes as `parameters`, overwritten, not accumulated). Returns the stats.
    // Throws std::invalid_argument when a parameter is missing or misshapen, or the batch is
    // inconsistent (sizes, ids outside the vocabularies); std::runtime_error when options.bf16
    // is set and the CPU has no bf16 support.
    LossStats compute(const Parameters& parameters, const Batch& batch,
                      const TrainingStepOptions& options, std::mt19937_64& rng,
                      Parameters& gradients);

    // Forward only, no dropout, no smoothing: nll_sum is the exact summed NLL.
    LossStats evaluate(const Parameters& parameters, const Batch& batch);

    // Greedy decoding of one source with the same forward code (for tests and quick checks of a
    // model under training). Returns the ids without BOS/EOS and one attention row over the
    // source per generated token (EOS included when it was produced). Throws
    // std::invalid_argument for an empty source or an id outside the source vocabulary.
    struct GreedyResult {
        std::vector<int> ids;
        std::vector<std::vector<float>> attention;
    };
    GreedyResult greedy_decode(const Parameters& parameters, const std::vector<int>& source_ids,
                               int max_length);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace attentive
