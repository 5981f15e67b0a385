#pragma once
// Tiny random models for tests: a model folder written to disk with the project's own writer.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/config.h"

namespace attentive::testing {

// A small translate config: vocab = the tiny SentencePiece model's (tests/data/tiny.spm), E=8,
// He=6, Hd=12, 2+2 layers, general attention with input feeding.
ModelConfig tiny_config();

// Writes config.json, model.safetensors (uniform random weights in [-scale, scale] from `seed`)
// and both tokenizers (copies of tests/data/tiny.spm) into `dir`, creating it.
void write_random_model(const std::filesystem::path& dir, const ModelConfig& config,
                        std::uint64_t seed = 1, float scale = 0.5f);

// A tiny random "en-fr" translator (tiny_config(), seed 1) with weights in [-1.5, 1.5]: larger
// weights make it write a few pieces instead of stopping at once, as Translate page tests need.
void write_tiny_en_fr(const std::filesystem::path& dir);

// n values uniform in [-scale, scale] from `seed`: weights and inputs for op tests.
std::vector<float> random_values(std::size_t n, float scale, std::uint64_t seed);

// One LSTM layer's random weights in the ops' layout (gates i, f, g, o): input [4·hidden, n_in]
// and hidden [4·hidden, hidden] uniform in [-scale, scale], bias in [-bias_scale, bias_scale],
// from seeds seed, seed + 1 and seed + 2.
struct LstmLayerWeights {
    std::vector<float> input, hidden, bias;
};
LstmLayerWeights random_lstm_weights(int n_in, int hidden, float scale, float bias_scale, std::uint64_t seed);

// Path of tests/data/tiny.spm in the source tree.
std::filesystem::path tiny_tokenizer_path();

}  // namespace attentive::testing
