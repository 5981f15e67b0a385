#pragma once
// One shaped, row-major buffer type with a dtype. Owned (a vector) or a view into memory owned
// elsewhere (a memory-mapped safetensors file).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace attentive {

enum class DType { f32, bf16, f16 };

// Bytes per element of a dtype.
std::size_t dtype_size(DType dtype);
// "F32", "BF16", "F16": the safetensors spelling.
std::string dtype_name(DType dtype);
// "f32", "f16" or "bf16" (as command lines write them, any case) as a DType. Throws
// std::invalid_argument naming the accepted spellings.
DType parse_dtype(const std::string& name);

using Shape = std::vector<std::int64_t>;

// Number of elements of a shape (1 for a scalar shape {}).
std::int64_t element_count(const Shape& shape);
// "[4, 256]"
std::string shape_string(const Shape& shape);

// A read-only view of raw tensor bytes in some dtype.
struct TensorView {
    DType dtype = DType::f32;
    Shape shape;
    const std::byte* data = nullptr;
    std::size_t n_bytes = 0;
};

// Float conversions for storage dtypes (round-to-nearest-even on the way down).
float bf16_to_f32(std::uint16_t bits);
std::uint16_t f32_to_bf16(float value);
float f16_to_f32(std::uint16_t bits);
std::uint16_t f32_to_f16(float value);

// Copies a view into f32, converting from its dtype. Throws std::invalid_argument when
// `out.size()` differs from the view's element count.
void to_f32(const TensorView& view, std::span<float> out);

// An owned f32 tensor: the engine's working type.
struct Tensor {
    Shape shape;
    std::vector<float> values;

    Tensor() = default;
    explicit Tensor(Shape s) : shape(std::move(s)), values(static_cast<std::size_t>(element_count(shape)), 0.0f) {}
    std::int64_t size() const { return static_cast<std::int64_t>(values.size()); }
    float* data() { return values.data(); }
    const float* data() const { return values.data(); }
};

}  // namespace attentive
