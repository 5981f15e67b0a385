#pragma once
// A model's weights as f32 arrays by name, validated against the config: every expected tensor
// present with its shape, no unexpected ones, every value finite. F32 tensors are used straight
// from the memory-mapped file when aligned; BF16/F16 tensors are widened once.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/safetensors.h"

namespace attentive {

class WeightStore {
public:
    // Opens and validates `file` for `config`. Throws ModelFormatError naming the file and the
    // tensor: missing, unexpected, wrong shape, or a NaN/Inf value (with its index).
    WeightStore(const ModelConfig& config, const std::filesystem::path& file);

    // The f32 values of a tensor, row-major. Throws ModelFormatError when absent.
    const float* get(const std::string& name) const;
    bool contains(const std::string& name) const;
    const Shape& shape(const std::string& name) const;
    DType stored_dtype() const { return m_stored_dtype; }
    std::int64_t file_bytes() const { return m_file_bytes; }

private:
    SafetensorsFile m_file;
    std::map<std::string, const float*> m_values;
    std::map<std::string, Shape> m_shapes;
    std::vector<std::vector<float>> m_widened;  // storage for converted or realigned tensors
    DType m_stored_dtype = DType::f32;
    std::int64_t m_file_bytes = 0;
};

}  // namespace attentive
