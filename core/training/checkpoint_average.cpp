#include "core/training/checkpoint_average.h"

#include <stdexcept>
#include <string>

#include "core/atomic_file.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/file_access.h"
#include "core/text/tokenizer.h"
#include "core/training/parameters.h"

namespace attentive {

namespace fs = std::filesystem;

namespace {

void require_same_tokenizer(const fs::path& first, const fs::path& other) {
    if (read_regular_file(first, max_tokenizer_file_bytes) != read_regular_file(other, max_tokenizer_file_bytes)) {
        throw ModelFormatError("cannot average: '" + other.string() + "' is another vocabulary than '" +
                               first.string() + "'");
    }
}

}  // namespace

void average_model_folders(const std::vector<fs::path>& inputs, const fs::path& output, DType dtype) {
    if (inputs.empty()) throw std::invalid_argument("checkpoint averaging needs at least one model folder");
    const ModelConfig config = load_config(inputs.front() / "config.json");
    Parameters sum = load_parameters(config, inputs.front() / config.weights_file);

    for (std::size_t i = 1; i < inputs.size(); ++i) {
        const ModelConfig other = load_config(inputs[i] / "config.json");
        require_same_tokenizer(inputs.front() / config.source_tokenizer, inputs[i] / other.source_tokenizer);
        require_same_tokenizer(inputs.front() / config.target_tokenizer, inputs[i] / other.target_tokenizer);
        const Parameters weights = load_parameters(other, inputs[i] / other.weights_file);
        if (weights.size() != sum.size()) {
            throw ModelFormatError("cannot average: '" + inputs[i].string() + "' has " +
                                   std::to_string(weights.size()) + " tensors, '" + inputs.front().string() +
                                   "' has " + std::to_string(sum.size()));
        }
        for (auto& [name, total] : sum) {
            const auto found = weights.find(name);
            if (found == weights.end() || found->second.shape != total.shape) {
                throw ModelFormatError("cannot average: tensor '" + name + "' of '" + inputs[i].string() +
                                       "' is missing or has another shape than in '" +
                                       inputs.front().string() + "'");
            }
            for (std::size_t k = 0; k < total.values.size(); ++k) total.values[k] += found->second.values[k];
        }
    }
    const float scale = 1.0f / static_cast<float>(inputs.size());
    for (auto& [name, total] : sum) {
        for (float& value : total.values) value *= scale;
    }

    fs::create_directories(output);
    save_parameters(sum, output / config.weights_file, dtype);
    copy_file_atomically(inputs.front() / config.source_tokenizer, output / config.source_tokenizer);
    copy_file_atomically(inputs.front() / config.target_tokenizer, output / config.target_tokenizer);
    save_config(config, output / "config.json");
}

}  // namespace attentive
