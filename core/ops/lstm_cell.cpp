#include "core/ops/lstm_cell.h"

#include <algorithm>

#include "core/ops/vector_dispatch.h"
#include "core/ops/vector_math.h"

namespace attentive::ops {

namespace {

// Compiled for AVX-512 and AVX2 as well as the x86-64 baseline (vector_dispatch.h): 16 lanes
// instead of 4.
ATTENTIVE_VECTOR_BODY void apply_gates_body(int hidden, const float* __restrict gates, const float* __restrict offset,
                                            const float* __restrict c, float* __restrict h_out,
                                            float* __restrict c_out) {
    const float* gi = gates;
    const float* gf = gates + hidden;
    const float* gg = gates + 2 * hidden;
    const float* go = gates + 3 * hidden;
    const float* oi = offset;
    const float* of = offset + hidden;
    const float* og = offset + 2 * hidden;
    const float* oo = offset + 3 * hidden;
    for (int k = 0; k < hidden; ++k) {
        const float cell = vector_sigmoid(gf[k] + of[k]) * c[k] +
                           vector_sigmoid(gi[k] + oi[k]) * vector_tanh(gg[k] + og[k]);
        c_out[k] = cell;
        h_out[k] = vector_sigmoid(go[k] + oo[k]) * vector_tanh(cell);
    }
}

}  // namespace

ATTENTIVE_VECTOR_VARIANTS(void, apply_gates,
                          (int hidden, const float* __restrict gates, const float* __restrict offset,
                           const float* __restrict c, float* __restrict h_out, float* __restrict c_out),
                          (hidden, gates, offset, c, h_out, c_out))

std::vector<float> column_bounds(const std::vector<float>& bounds, int n_in) {
    std::vector<float> out(static_cast<std::size_t>(n_in), 1.0f);
    for (std::size_t k = 0; k < bounds.size() && k < out.size(); ++k) out[k] = std::max(bounds[k], 1e-12f);
    return out;
}

void scale_columns(const float* src, int rows, int n_in, const float* scale, float* dst, int dst_stride) {
    for (int r = 0; r < rows; ++r) {
        const float* in = src + static_cast<std::size_t>(r) * n_in;
        float* out = dst + static_cast<std::size_t>(r) * dst_stride;
        for (int k = 0; k < n_in; ++k) out[k] = in[k] * scale[k];
    }
}

std::vector<float>& workspace(std::size_t size) {
    thread_local std::vector<float> buffer;
    if (buffer.size() < size) buffer.resize(size);
    return buffer;
}

}  // namespace attentive::ops
