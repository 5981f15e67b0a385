#include "core/training/batch.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace attentive {

Batch make_batch(const std::vector<std::vector<int>>& sources,
                 const std::vector<std::vector<int>>& targets, int pad_id, int bos_id, int eos_id) {
    if (sources.size() != targets.size()) {
        throw std::invalid_argument("make_batch: " + std::to_string(sources.size()) +
                                    " sources but " + std::to_string(targets.size()) +
                                    " targets; they must pair up one to one");
    }
    if (sources.empty()) throw std::invalid_argument("make_batch: the batch is empty");

    Batch batch;
    batch.batch_size = static_cast<int>(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (sources[i].empty()) {
            // An empty source has no encoder state to start the decoder from.
            throw std::invalid_argument("make_batch: source " + std::to_string(i) +
                                        " is empty; every source needs at least one token");
        }
        batch.source_length = std::max(batch.source_length, static_cast<int>(sources[i].size()));
        batch.target_length = std::max(batch.target_length, static_cast<int>(targets[i].size()) + 1);
    }

    const int n = batch.batch_size;
    const int s = batch.source_length;
    const int t = batch.target_length;
    batch.source_ids.assign(static_cast<std::size_t>(n) * s, pad_id);
    batch.target_input.assign(static_cast<std::size_t>(n) * t, pad_id);
    batch.target_output.assign(static_cast<std::size_t>(n) * t, pad_id);
    batch.source_lengths.resize(n);
    batch.target_lengths.resize(n);
    for (int b = 0; b < n; ++b) {
        const auto& source = sources[b];
        const auto& target = targets[b];
        std::copy(source.begin(), source.end(), batch.source_ids.begin() + static_cast<std::ptrdiff_t>(b) * s);
        batch.source_lengths[b] = static_cast<int>(source.size());

        int* input = batch.target_input.data() + static_cast<std::ptrdiff_t>(b) * t;
        int* output = batch.target_output.data() + static_cast<std::ptrdiff_t>(b) * t;
        input[0] = bos_id;
        for (std::size_t k = 0; k < target.size(); ++k) {
            input[k + 1] = target[k];
            output[k] = target[k];
        }
        output[target.size()] = eos_id;
        batch.target_lengths[b] = static_cast<int>(target.size()) + 1;
    }
    return batch;
}

}  // namespace attentive
