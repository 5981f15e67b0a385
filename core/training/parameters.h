#pragma once
// A model's parameters as f32 tensors by name (the names and shapes of expected_tensors()),
// the training-side twin of the loaded inference model.

#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "core/config.h"
#include "core/tensor.h"

namespace attentive {

using Parameters = std::map<std::string, Tensor>;

// Zero tensors of every expected shape.
Parameters zero_parameters(const ModelConfig& config);
// Uniform(-scale, scale) initialisation (LSTM forget-gate biases set to 1).
Parameters init_parameters(const ModelConfig& config, std::mt19937_64& rng, float scale = 0.1f);
// Reads the weights of a model folder's safetensors file (any stored dtype) as f32.
Parameters load_parameters(const ModelConfig& config, const std::filesystem::path& weights_file);
// Writes parameters as safetensors in `dtype` (f32, bf16 or f16), atomically.
void save_parameters(const Parameters& parameters, const std::filesystem::path& weights_file,
                     DType dtype = DType::f32);

}  // namespace attentive
