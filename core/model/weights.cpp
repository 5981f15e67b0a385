#include "core/model/weights.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/errors.h"
#include "core/ops/vector_math.h"

namespace attentive {

namespace {

// True when no value is infinite or NaN: the largest magnitude's bits stay below the all-ones
// exponent. One vectorised pass, where a test-and-branch per value did not vectorise.
bool all_finite(const float* values, std::size_t count) {
    std::int32_t largest = 0;
    for (std::size_t i = 0; i < count; ++i) largest = std::max(largest, ops::magnitude_bits(values[i]));
    return largest < 0x7F800000;
}

}  // namespace

WeightStore::WeightStore(const ModelConfig& config, const std::filesystem::path& file)
    : m_file(SafetensorsFile::open(file)) {
    const std::string where = file.string();
    m_file_bytes = static_cast<std::int64_t>(std::filesystem::file_size(file));
    const auto expected = expected_tensors(config);
    for (const auto& name : m_file.names()) {
        if (!expected.count(name))
            throw ModelFormatError(where + ": unexpected tensor '" + name +
                                   "' (not part of the architecture in config.json)");
    }
    for (const auto& [name, shape] : expected) {
        if (!m_file.contains(name))
            throw ModelFormatError(where + ": tensor '" + name + "' " + shape_string(shape) +
                                   " is missing");
        const TensorView& view = m_file.tensor(name);
        if (view.shape != shape)
            throw ModelFormatError(where + ": tensor '" + name + "' has shape " +
                                   shape_string(view.shape) + ", config.json expects " +
                                   shape_string(shape));
        m_stored_dtype = view.dtype;
        const auto count = static_cast<std::size_t>(element_count(shape));
        const float* values = nullptr;
        const bool aligned = reinterpret_cast<std::uintptr_t>(view.data) % alignof(float) == 0;
        if (view.dtype == DType::f32 && aligned) {
            values = reinterpret_cast<const float*>(view.data);
        } else {
            auto& widened = m_widened.emplace_back(count);
            to_f32(view, widened);
            values = widened.data();
        }
        if (!all_finite(values, count)) {
            std::size_t i = 0;
            while (std::isfinite(values[i])) ++i;
            throw ModelFormatError(where + ": tensor '" + name + "' holds a non-finite value (" +
                                   std::to_string(values[i]) + ") at index " + std::to_string(i));
        }
        m_values.emplace(name, values);
        m_shapes.emplace(name, shape);
    }
}

const float* WeightStore::get(const std::string& name) const {
    auto it = m_values.find(name);
    if (it == m_values.end())
        throw ModelFormatError(m_file.path().string() + ": tensor '" + name + "' is missing");
    return it->second;
}

bool WeightStore::contains(const std::string& name) const { return m_values.count(name) > 0; }

const Shape& WeightStore::shape(const std::string& name) const {
    get(name);
    return m_shapes.at(name);
}

}  // namespace attentive
