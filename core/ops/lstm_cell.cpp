#include "core/ops/lstm_cell.h"

#include "core/cpu_clones.h"

#include "core/ops/vector_math.h"

namespace attentive::ops {

// Compiled for AVX-512 and AVX2 as well as the x86-64 baseline, the CPU choosing at load: 16
// lanes instead of 4.
ATTENTIVE_CPU_CLONES
void apply_gates(int hidden, const float* __restrict gates, const float* __restrict offset,
                 const float* __restrict c, float* __restrict h_out, float* __restrict c_out) {
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

std::vector<float>& workspace(std::size_t size) {
    thread_local std::vector<float> buffer;
    if (buffer.size() < size) buffer.resize(size);
    return buffer;
}

}  // namespace attentive::ops
