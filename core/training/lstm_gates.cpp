#include "core/training/lstm_gates.h"

#include <cstddef>

#include "core/ops/vector_dispatch.h"
#include "core/ops/vector_math.h"

namespace attentive {

namespace {

using ops::vector_sigmoid;
using ops::vector_tanh;

ATTENTIVE_VECTOR_BODY void lstm_gates_forward_body(int rows, int hidden, float* __restrict gates,
                                                   const float* __restrict bias, const float* __restrict c_prev,
                                                   float* __restrict c, float* __restrict h) {
    for (int r = 0; r < rows; ++r) {
        float* gi = gates + static_cast<std::size_t>(r) * 4 * hidden;
        float* gf = gi + hidden;
        float* gg = gi + 2 * hidden;
        float* go = gi + 3 * hidden;
        const std::size_t offset = static_cast<std::size_t>(r) * hidden;
        for (int k = 0; k < hidden; ++k) {
            const float i = vector_sigmoid(gi[k] + bias[k]);
            const float f = vector_sigmoid(gf[k] + bias[hidden + k]);
            const float g = vector_tanh(gg[k] + bias[2 * hidden + k]);
            const float o = vector_sigmoid(go[k] + bias[3 * hidden + k]);
            const float cell = f * c_prev[offset + k] + i * g;
            gi[k] = i;
            gf[k] = f;
            gg[k] = g;
            go[k] = o;
            c[offset + k] = cell;
            h[offset + k] = o * vector_tanh(cell);
        }
    }
}

ATTENTIVE_VECTOR_BODY void lstm_gates_backward_body(int rows, int hidden, const float* __restrict gates,
                                                    const float* __restrict c_prev, const float* __restrict c,
                                                    const float* __restrict dh, float* __restrict dc,
                                                    float* __restrict d_gates) {
    for (int r = 0; r < rows; ++r) {
        const std::size_t row = static_cast<std::size_t>(r) * 4 * hidden;
        const float* gi = gates + row;
        const float* gf = gi + hidden;
        const float* gg = gi + 2 * hidden;
        const float* go = gi + 3 * hidden;
        float* di = d_gates + row;
        float* df = di + hidden;
        float* dg = di + 2 * hidden;
        float* dout = di + 3 * hidden;
        const std::size_t offset = static_cast<std::size_t>(r) * hidden;
        for (int k = 0; k < hidden; ++k) {
            const float i = gi[k], f = gf[k], g = gg[k], o = go[k];
            const float tc = vector_tanh(c[offset + k]);
            const float d_h = dh[offset + k];
            const float d_c = dc[offset + k] + d_h * o * (1.0f - tc * tc);
            di[k] = d_c * g * i * (1.0f - i);
            df[k] = d_c * c_prev[offset + k] * f * (1.0f - f);
            dg[k] = d_c * i * (1.0f - g * g);
            dout[k] = d_h * tc * o * (1.0f - o);
            dc[offset + k] = d_c * f;
        }
    }
}

}  // namespace

ATTENTIVE_VECTOR_VARIANTS(void, lstm_gates_forward,
                          (int rows, int hidden, float* __restrict gates, const float* __restrict bias,
                           const float* __restrict c_prev, float* __restrict c, float* __restrict h),
                          (rows, hidden, gates, bias, c_prev, c, h))

ATTENTIVE_VECTOR_VARIANTS(void, lstm_gates_backward,
                          (int rows, int hidden, const float* __restrict gates, const float* __restrict c_prev,
                           const float* __restrict c, const float* __restrict dh, float* __restrict dc,
                           float* __restrict d_gates),
                          (rows, hidden, gates, c_prev, c, dh, dc, d_gates))

}  // namespace attentive
