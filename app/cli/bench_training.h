#pragma once
// attentive-cli bench --training: target tokens per second of full training steps (forward,
// backward, gradient clipping and Adam) on random batches, the figure compared with PyTorch.

#include <nlohmann/json.hpp>

#include "core/config.h"

namespace attentive::cli {

// Times `repeats` steps (after one warm-up step) of 64 random pairs, 15 source and 16 target
// tokens each, with dropout 0.1 and label smoothing 0.1. Returns the figures as JSON fields.
nlohmann::json bench_training(const ModelConfig& config, bool bf16, int threads, int repeats);

}  // namespace attentive::cli
