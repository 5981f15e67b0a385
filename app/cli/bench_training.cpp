#include "bench_training.h"

#include "bench_median.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include "core/training/batch.h"
#include "core/training/gradients.h"
#include "core/training/optimizer.h"
#include "core/training/parameters.h"

namespace attentive::cli {

namespace {

constexpr int kPairs = 64;
constexpr int kSourceTokens = 15;
constexpr int kTargetTokens = 16;

Batch random_batch(const ModelConfig& config, std::mt19937_64& rng) {
    // Ids from 4 up: 0-3 are the special tokens.
    std::uniform_int_distribution<int> source_id(4, config.source_vocab_size - 1);
    std::uniform_int_distribution<int> target_id(4, config.target_vocab_size - 1);
    std::vector<std::vector<int>> sources(kPairs, std::vector<int>(kSourceTokens));
    std::vector<std::vector<int>> targets(kPairs, std::vector<int>(kTargetTokens));
    for (auto& s : sources) std::generate(s.begin(), s.end(), [&] { return source_id(rng); });
    for (auto& t : targets) std::generate(t.begin(), t.end(), [&] { return target_id(rng); });
    return make_batch(sources, targets, config.pad_id, config.bos_id, config.eos_id);
}

}  // namespace

nlohmann::json bench_training(const ModelConfig& config, bool bf16, int threads, int repeats) {
    std::mt19937_64 rng(7);
    Parameters parameters = init_parameters(config, rng);
    Parameters gradients = zero_parameters(config);
    GradientComputer computer(config, threads);
    Adam adam(parameters, AdamOptions{});
    TrainingStepOptions options;
    options.dropout = 0.1f;
    options.bf16 = bf16;
    const Batch batch = random_batch(config, rng);
    auto step_ms = [&] {
        const auto start = std::chrono::steady_clock::now();
        const LossStats stats = computer.compute(parameters, batch, options, rng, gradients);
        adam.step(parameters, gradients, 1.0 / static_cast<double>(stats.tokens));
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    step_ms();  // warm-up: primitive creation
    const double median_step_ms = median_ms(repeats, step_ms);
    const auto tokens = batch.target_tokens();
    return {{"training_precision", bf16 ? "bf16" : "f32"},
            {"training_batch", {{"pairs", kPairs}, {"source_tokens", kSourceTokens},
                                {"target_tokens_per_pair", kTargetTokens + 1}}},
            {"training_step_ms", median_step_ms},
            {"training_target_tokens_per_s", static_cast<double>(tokens) * 1000.0 / median_step_ms}};
}

}  // namespace attentive::cli
