#include "core/model/weights.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include "core/errors.h"
#include "core/ops/vector_math.h"

namespace attentive {

namespace {

// True when every value is finite and within ±max_weight_magnitude: the largest magnitude's
// bits stay at or below the limit's (NaN and Inf have larger bits than any finite value). One
// vectorised pass, where a test-and-branch per value did not vectorise.
bool all_plausible(const float* values, std::size_t count) {
    std::int32_t largest = 0;
    for (std::size_t i = 0; i < count; ++i) largest = std::max(largest, ops::magnitude_bits(values[i]));
    return largest <= std::bit_cast<std::int32_t>(max_weight_magnitude);
}

}  // namespace

WeightStore::WeightStore(const ModelConfig& config, const std::filesystem::path& file) : m_path(file) {
    // Only open for the load: every value is copied out below, so a model file overwritten in
    // place later cannot fault a mapped read (SIGBUS) in the middle of a translation.
    const SafetensorsFile stored = SafetensorsFile::open(file);
    const std::string where = file.string();
    m_file_bytes = stored.file_bytes();
    const auto expected = expected_tensors(config);
    for (const auto& name : stored.names()) {
        if (!expected.count(name))
            throw ModelFormatError(where + ": unexpected tensor '" + name +
                                   "' (not part of the architecture in config.json)");
    }
    for (const auto& [name, shape] : expected) {
        if (!stored.contains(name))
            throw ModelFormatError(where + ": tensor '" + name + "' " + shape_string(shape) + " is missing");
        const TensorView& view = stored.tensor(name);
        if (view.shape != shape)
            throw ModelFormatError(where + ": tensor '" + name + "' has shape " + shape_string(view.shape) +
                                   ", config.json expects " + shape_string(shape));
        m_stored_dtype = view.dtype;
        std::vector<float> values(static_cast<std::size_t>(element_count(shape)));
        to_f32(view, values);
        if (!all_plausible(values.data(), values.size())) {
            std::size_t i = 0;
            while (std::isfinite(values[i]) && std::fabs(values[i]) <= max_weight_magnitude) ++i;
            const std::string problem = std::isfinite(values[i]) ? "an implausibly large value" : "a non-finite value";
            throw ModelFormatError(where + ": tensor '" + name + "' holds " + problem + " (" +
                                   std::to_string(values[i]) + ") at index " + std::to_string(i) +
                                   "; weights must be finite and within ±" +
                                   std::to_string(static_cast<int>(max_weight_magnitude)));
        }
        m_values.emplace(name, std::move(values));
        m_shapes.emplace(name, shape);
    }
}

const float* WeightStore::get(const std::string& name) const {
    auto it = m_values.find(name);
    if (it == m_values.end()) throw ModelFormatError(m_path.string() + ": tensor '" + name + "' is missing");
    return it->second.data();
}

bool WeightStore::contains(const std::string& name) const { return m_values.count(name) > 0; }

const Shape& WeightStore::shape(const std::string& name) const {
    get(name);
    return m_shapes.at(name);
}

}  // namespace attentive
