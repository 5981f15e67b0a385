#pragma once
// A model's weights as f32 arrays by name, validated against the config: every expected tensor
// present with its shape, no unexpected ones, every value finite and of a plausible magnitude.
// The values are copied out of the file at load time (F32 as they are, BF16/F16 widened), so
// the file may be replaced or rewritten while the model is in use: nothing stays mapped.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/safetensors.h"

namespace attentive {

// The largest weight magnitude a model may hold. Trained models of this architecture stay near
// 1 (the shipped ones below 2); values near the float limit overflow to infinity in the first
// matrix product and every translation comes out empty, so they are refused at load.
inline constexpr float max_weight_magnitude = 1.0e4f;

class WeightStore {
public:
    // Opens and validates `file` for `config`. Throws ModelFormatError naming the file and the
    // tensor: missing, unexpected, wrong shape, a NaN/Inf value or one beyond
    // ±max_weight_magnitude (with its index).
    WeightStore(const ModelConfig& config, const std::filesystem::path& file);

    // The f32 values of a tensor, row-major. Throws ModelFormatError when absent.
    const float* get(const std::string& name) const;
    bool contains(const std::string& name) const;
    const Shape& shape(const std::string& name) const;
    DType stored_dtype() const { return m_stored_dtype; }
    std::int64_t file_bytes() const { return m_file_bytes; }

private:
    std::filesystem::path m_path;
    std::map<std::string, std::vector<float>> m_values;
    std::map<std::string, Shape> m_shapes;
    DType m_stored_dtype = DType::f32;
    std::int64_t m_file_bytes = 0;
};

}  // namespace attentive
