#pragma once
// Float kernels written so that GCC vectorises them or the loops that call them (no library
// calls, no branches, explicit lanes for reductions). For the engine's own loops around the
// oneDNN primitives; attentive_core is compiled with -fno-trapping-math so that float-to-int
// conversions vectorise.

#include <bit>
#include <cstdint>

namespace attentive::ops {

// Round to nearest (ties to even) for |x| < 2^22, by adding and subtracting 1.5 · 2^23.
inline float round_nearest(float x) {
    const float shifter = 12582912.0f;
    return (x + shifter) - shifter;
}

// exp(x): x = n·ln2 + r with |r| ≤ ln2/2, e^r by its degree-6 Taylor polynomial (relative
// error below 2e-7), 2^n through the exponent bits. Inputs are clamped to the range where the
// result is a normal float.
inline float vector_exp(float x) {
    x = x < -87.0f ? -87.0f : x;
    x = x > 88.0f ? 88.0f : x;
    const float n = round_nearest(x * 1.44269504089f);
    const float r = (x - n * 0.693145751953125f) - n * 1.428606765330187e-06f;
    float p = 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    const std::int32_t exponent = (static_cast<std::int32_t>(n) + 127) << 23;
    return p * std::bit_cast<float>(exponent);
}

inline float vector_sigmoid(float x) { return 1.0f / (1.0f + vector_exp(-x)); }
inline float vector_tanh(float x) { return 2.0f / (1.0f + vector_exp(-2.0f * x)) - 1.0f; }

// x in bf16 (its upper 16 bits), rounded to nearest, ties to even, as oneDNN's reorder and
// the CPU's VCVTNEPS2BF16 do: finite values that round past the largest bf16 become infinite,
// NaNs stay NaNs (quiet).
inline std::uint16_t to_bf16(float x) {
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
    const std::uint32_t rounded = (bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16;
    const bool nan = (bits & 0x7fffffffu) > 0x7f800000u;
    return static_cast<std::uint16_t>(nan ? (bits >> 16) | 0x40u : rounded);
}

// The bits of |x| as an integer: for finite floats their order is the order of |x|, and an
// integer maximum vectorises where a float one (with its NaN rules) does not.
inline std::int32_t magnitude_bits(float x) {
    return std::bit_cast<std::int32_t>(x) & 0x7fffffff;
}

// Reductions keep this many partial results, one per vector lane, so that GCC may vectorise
// them without reassociating a single running sum (which it will not do for floats).
inline constexpr int kLanes = 16;

// Σ a[i]·b[i], summed in kLanes interleaved partial sums.
inline float dot(const float* a, const float* b, int n) {
    float lanes[kLanes] = {};
    int i = 0;
    for (; i + kLanes <= n; i += kLanes)
        for (int l = 0; l < kLanes; ++l) lanes[l] += a[i + l] * b[i + l];
    float sum = 0.0f;
    for (; i < n; ++i) sum += a[i] * b[i];
    for (float lane : lanes) sum += lane;
    return sum;
}

// The bits of x as an integer whose order is the order of the floats: -inf < ... < -0 < +0 < ...
// < +inf, NaNs beyond the infinities on the side of their sign. Integer maxima vectorise where
// float ones, with their NaN rules, do not (GCC left max_value's float loop scalar: a third of
// a log-softmax). from_ordered_bits undoes it.
inline std::int32_t ordered_bits(float x) {
    const std::int32_t bits = std::bit_cast<std::int32_t>(x);
    return bits ^ ((bits >> 31) & 0x7fffffff);
}
inline float from_ordered_bits(std::int32_t key) {
    return std::bit_cast<float>(key ^ ((key >> 31) & 0x7fffffff));
}

// The largest of values[0..n), n >= 1, in the order of ordered_bits: a NaN with its sign bit
// clear is larger than +inf, so a row holding one has a NaN maximum.
inline float max_value(const float* values, int n) {
    std::int32_t lanes[kLanes];
    for (std::int32_t& lane : lanes) lane = ordered_bits(values[0]);
    int i = 0;
    for (; i + kLanes <= n; i += kLanes)
        for (int l = 0; l < kLanes; ++l) {
            const std::int32_t key = ordered_bits(values[i + l]);
            lanes[l] = key > lanes[l] ? key : lanes[l];
        }
    for (; i < n; ++i) {
        const std::int32_t key = ordered_bits(values[i]);
        lanes[0] = key > lanes[0] ? key : lanes[0];
    }
    // Pairwise halving, so that the horizontal step is vectorised too.
    for (int width = kLanes / 2; width > 0; width /= 2)
        for (int l = 0; l < width; ++l) lanes[l] = lanes[l + width] > lanes[l] ? lanes[l + width] : lanes[l];
    return from_ordered_bits(lanes[0]);
}

// The index of the first largest value; 0 when n <= 0 (and an index in range whatever NaNs
// the values hold). The maximum first, then its first position: chunks of 64 are tested whole,
// which vectorises, and only the chunk holding it is searched entry by entry.
inline int argmax(const float* values, int n) {
    if (n <= 0) return 0;
    const float best = max_value(values, n);
    constexpr int kChunk = 64;
    int start = 0;
    for (; start + kChunk <= n; start += kChunk) {
        int found = 0;
        for (int l = 0; l < kChunk; ++l) found |= values[start + l] == best;
        if (found) break;
    }
    for (int j = start; j < n; ++j)
        if (values[j] == best) return j;
    return 0;
}

}  // namespace attentive::ops
