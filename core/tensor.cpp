#include "core/tensor.h"

#include <cctype>

#include "core/cpu_clones.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace attentive {

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; views are read in place");

std::size_t dtype_size(DType dtype) {
    switch (dtype) {
    case DType::f32: return 4;
    case DType::bf16: return 2;
    case DType::f16: return 2;
    }
    throw std::invalid_argument("dtype_size: unknown dtype");
}

std::string dtype_name(DType dtype) {
    switch (dtype) {
    case DType::f32: return "F32";
    case DType::bf16: return "BF16";
    case DType::f16: return "F16";
    }
    throw std::invalid_argument("dtype_name: unknown dtype");
}

DType parse_dtype(const std::string& name) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "f32") return DType::f32;
    if (lower == "f16") return DType::f16;
    if (lower == "bf16") return DType::bf16;
    throw std::invalid_argument("unknown weight type '" + name + "' (expected f32, f16 or bf16)");
}

std::int64_t element_count(const Shape& shape) {
    std::int64_t count = 1;
    for (std::int64_t dim : shape) {
        if (dim < 0) {
            throw std::invalid_argument("shape " + shape_string(shape) + " has a negative dimension");
        }
        if (__builtin_mul_overflow(count, dim, &count)) {
            throw std::invalid_argument("shape " + shape_string(shape) +
                                        " has more elements than fit in 64 bits");
        }
    }
    return count;
}

std::string shape_string(const Shape& shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) text += ", ";
        text += std::to_string(shape[i]);
    }
    text += "]";
    return text;
}

float bf16_to_f32(std::uint16_t bits) {
    return std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16);
}

std::uint16_t f32_to_bf16(float value) {
    const auto bits = std::bit_cast<std::uint32_t>(value);
    if (std::isnan(value)) {
        // Truncating could clear every mantissa bit left and turn a NaN into an infinity: keep
        // the sign and force a quiet-NaN bit.
        return static_cast<std::uint16_t>((bits >> 16) | 0x0040u);
    }
    // Adding 0x7FFF plus the lowest kept bit rounds half-way cases to the even neighbour; a
    // carry out of the mantissa correctly bumps the exponent (up to infinity).
    const std::uint32_t lowest_kept = (bits >> 16) & 1u;
    return static_cast<std::uint16_t>((bits + 0x7FFFu + lowest_kept) >> 16);
}

float f16_to_f32(std::uint16_t bits) {
    const std::uint32_t sign = static_cast<std::uint32_t>(bits & 0x8000u) << 16;
    const std::uint32_t exponent = (bits >> 10) & 0x1Fu;
    const std::uint32_t mantissa = bits & 0x3FFu;
    if (exponent == 0) {
        // Zero or subnormal: mantissa * 2^-24 is exact in f32.
        const float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
        return sign ? -magnitude : magnitude;
    }
    if (exponent == 0x1F) {
        // Infinity (mantissa 0) or NaN (payload kept in the top mantissa bits).
        return std::bit_cast<float>(sign | 0x7F800000u | (mantissa << 13));
    }
    return std::bit_cast<float>(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
}

namespace {

// f16_to_f32 without branches, so that loading a model vectorises: the exponent and mantissa
// shifted into f32 position, times 2^112, re-bias normal and subnormal halves exactly; the
// all-ones exponent (infinity, NaN) is selected separately. Bit-identical to f16_to_f32.
ATTENTIVE_CPU_CLONES
void widen_f16(const std::byte* __restrict from, float* __restrict to, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        std::uint16_t half;
        std::memcpy(&half, from + 2 * i, 2);
        const std::uint32_t bits = half;
        const std::uint32_t magnitude = bits & 0x7FFFu;
        const float rebiased = std::bit_cast<float>(magnitude << 13) * 0x1p112f;
        const std::uint32_t special = (magnitude << 13) | 0x7F800000u;
        const std::uint32_t widened = magnitude >= 0x7C00u ? special : std::bit_cast<std::uint32_t>(rebiased);
        to[i] = std::bit_cast<float>(widened | ((bits & 0x8000u) << 16));
    }
}

// Shifts `value` right by `shift` bits, rounding to nearest with ties to even.
std::uint32_t shift_right_rounded(std::uint32_t value, int shift) {
    const std::uint32_t kept = value >> shift;
    const std::uint32_t remainder = value & ((1u << shift) - 1u);
    const std::uint32_t half = 1u << (shift - 1);
    if (remainder > half || (remainder == half && (kept & 1u))) return kept + 1;
    return kept;
}

}  // namespace

std::uint16_t f32_to_f16(float value) {
    const auto bits = std::bit_cast<std::uint32_t>(value);
    const auto sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
    const std::uint32_t magnitude = bits & 0x7FFFFFFFu;

    if (magnitude > 0x7F800000u) {
        // NaN: keep the top payload bits and force the quiet bit so it cannot become infinity.
        return static_cast<std::uint16_t>(sign | 0x7E00u | ((magnitude >> 13) & 0x3FFu));
    }
    if (magnitude == 0x7F800000u) return static_cast<std::uint16_t>(sign | 0x7C00u);

    const int exponent = static_cast<int>(magnitude >> 23) - 127;
    const std::uint32_t mantissa = magnitude & 0x7FFFFFu;
    if (exponent > 15) return static_cast<std::uint16_t>(sign | 0x7C00u);
    if (exponent >= -14) {
        // Normal range: the 13 dropped mantissa bits round the 15-bit (exponent, mantissa)
        // pair; a carry bumps the exponent, and 65520 and above become infinity (0x7C00).
        const std::uint32_t combined = (static_cast<std::uint32_t>(exponent + 15) << 23) | mantissa;
        return static_cast<std::uint16_t>(sign | shift_right_rounded(combined, 13));
    }
    if (exponent < -25) return sign;  // below half the smallest subnormal: rounds to zero
    // Subnormal: the value is k * 2^-24 with k = (1.mantissa) * 2^(exponent + 24).
    const std::uint32_t full = mantissa | 0x800000u;
    return static_cast<std::uint16_t>(sign | shift_right_rounded(full, -exponent - 1));
}

void to_f32(const TensorView& view, std::span<float> out) {
    const std::int64_t count = element_count(view.shape);
    if (static_cast<std::int64_t>(out.size()) != count) {
        throw std::invalid_argument("to_f32: the output holds " + std::to_string(out.size()) +
                                    " floats but the tensor " + shape_string(view.shape) + " has " +
                                    std::to_string(count) + " elements");
    }
    const std::size_t element_size = dtype_size(view.dtype);
    if (view.n_bytes != static_cast<std::size_t>(count) * element_size) {
        throw std::invalid_argument("to_f32: a " + dtype_name(view.dtype) + " tensor " +
                                    shape_string(view.shape) + " needs " +
                                    std::to_string(static_cast<std::size_t>(count) * element_size) +
                                    " bytes, the view has " + std::to_string(view.n_bytes));
    }
    if (count == 0) return;
    // Views into a safetensors mapping need not be aligned: copy bytes, never cast pointers.
    switch (view.dtype) {
    case DType::f32: std::memcpy(out.data(), view.data, view.n_bytes); return;
    case DType::bf16:
        for (std::size_t i = 0; i < out.size(); ++i) {
            std::uint16_t bits;
            std::memcpy(&bits, view.data + 2 * i, 2);
            out[i] = bf16_to_f32(bits);
        }
        return;
    case DType::f16: widen_f16(view.data, out.data(), out.size()); return;
    }
}

}  // namespace attentive
