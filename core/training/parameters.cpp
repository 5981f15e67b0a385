#include "core/training/parameters.h"

#include <stdexcept>
#include <string>

#include "core/errors.h"
#include "core/safetensors.h"

namespace attentive {

namespace {

bool is_lstm_bias(const std::string& name) {
    const bool in_lstm = name.rfind("encoder.layers.", 0) == 0 || name.rfind("decoder.layers.", 0) == 0;
    return in_lstm && name.size() >= 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
}

}  // namespace

Parameters zero_parameters(const ModelConfig& config) {
    Parameters parameters;
    for (const auto& [name, shape] : expected_tensors(config)) parameters.emplace(name, Tensor(shape));
    return parameters;
}

Parameters init_parameters(const ModelConfig& config, std::mt19937_64& rng, float scale) {
    Parameters parameters = zero_parameters(config);
    std::uniform_real_distribution<float> uniform(-scale, scale);
    // The map is ordered by name, so the same seed always gives the same weights.
    for (auto& [name, tensor] : parameters) {
        for (float& value : tensor.values) value = uniform(rng);
        if (is_lstm_bias(name)) {
            // A forget gate that starts open lets gradients through long sequences early on.
            const std::int64_t hidden = tensor.size() / 4;
            for (std::int64_t i = hidden; i < 2 * hidden; ++i) tensor.values[i] = 1.0f;
        }
    }
    return parameters;
}

Parameters load_parameters(const ModelConfig& config, const std::filesystem::path& weights_file) {
    const SafetensorsFile file = SafetensorsFile::open(weights_file);
    const auto expected = expected_tensors(config);
    for (const std::string& name : file.names()) {
        if (!expected.contains(name)) {
            throw ModelFormatError(weights_file.string() + ": unexpected tensor '" + name +
                                   "' for this config (is the config from another model?)");
        }
    }
    Parameters parameters;
    for (const auto& [name, shape] : expected) {
        if (!file.contains(name)) {
            throw ModelFormatError(weights_file.string() + ": tensor '" + name + "' " +
                                   shape_string(shape) + " is missing");
        }
        const TensorView& view = file.tensor(name);
        if (view.shape != shape) {
            throw ModelFormatError(weights_file.string() + ": tensor '" + name + "' has shape " +
                                   shape_string(view.shape) + ", the config expects " +
                                   shape_string(shape));
        }
        Tensor tensor(shape);
        to_f32(view, tensor.values);
        parameters.emplace(name, std::move(tensor));
    }
    return parameters;
}

void save_parameters(const Parameters& parameters, const std::filesystem::path& weights_file,
                     DType dtype) {
    std::map<std::string, TensorToWrite> tensors;
    for (const auto& [name, tensor] : parameters) {
        if (static_cast<std::int64_t>(tensor.values.size()) != element_count(tensor.shape)) {
            throw std::invalid_argument("save_parameters: tensor '" + name + "' has " +
                                        std::to_string(tensor.values.size()) +
                                        " values but shape " + shape_string(tensor.shape));
        }
        tensors.emplace(name, TensorToWrite{tensor.shape, tensor.values, dtype});
    }
    write_safetensors(weights_file, tensors);
}

}  // namespace attentive
