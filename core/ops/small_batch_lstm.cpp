#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/ops/dnnl_context.h"
#include "core/ops/lstm_cell.h"
#include "core/ops/parallel_rows.h"
#include "core/ops/ops.h"

namespace attentive::ops {

namespace {

// The input projection's precision at int8, chosen per tier by measurement (reference shape,
// a 15-step source, one row, 2 threads, the whole encoder in ms, best of 3, Intel AMX Xeon
// capped): bf16 where the CPU has it, as Lstm does; s8 below AVX-512 (avx2 0.78 in f32 against
// 0.50, avx2_vnni 0.73 against 0.51: oneDNN 2.6's AVX2 f32 gemm does about 20 GFLOP/s on 15
// rows) and at avx512_vnni (0.47 against 0.30); f32 at avx512, whose s8 products of 15 rows
// run on the engine's own kernel without VNNI (0.49 against 0.54).
Precision input_precision(Precision precision) {
    if (precision != Precision::int8) return precision;
    if (native_bf16()) return Precision::bf16;
    return cpu_tier() == CpuTier::avx512 ? Precision::f32 : Precision::int8;
}

}  // namespace

struct SmallBatchLstm::Impl {
    int hidden = 0;
    Precision precision = Precision::f32;
    std::vector<float> inverse_bounds;  // s8 input projection with input bounds: [n_in]
    Linear input;      // x -> the four gates, bias included: every step at once
    Linear recurrent;  // h -> the four gates, one step at a time

    Impl(const float* weight_input, const float* weight_hidden, const float* bias, int n_in,
         int hidden_size, Precision requested, const std::vector<float>& bounds)
        : hidden(hidden_size),
          precision(requested),
          input(make_input(weight_input, bias, n_in, hidden_size, input_precision(requested), bounds)),
          recurrent(weight_hidden, nullptr, 4 * hidden_size, hidden_size, requested) {
        if (input.precision() != Precision::int8 || bounds.empty()) return;
        for (float bound : column_bounds(bounds, n_in)) inverse_bounds.push_back(1.0f / bound);
    }

    static Linear make_input(const float* weight, const float* bias, int n_in, int hidden,
                             Precision precision, const std::vector<float>& bounds) {
        if (precision != Precision::int8 || bounds.empty())
            return Linear(weight, bias, 4 * hidden, n_in, precision);
        // W_in · diag(bounds): the product reads x / bounds (lstm_cell.h).
        std::vector<float> scaled(static_cast<std::size_t>(4) * hidden * n_in);
        scale_columns(weight, 4 * hidden, n_in, column_bounds(bounds, n_in).data(), scaled.data(), n_in);
        return Linear(scaled.data(), bias, 4 * hidden, n_in, precision);
    }
};

SmallBatchLstm::SmallBatchLstm(const float* weight_input, const float* weight_hidden,
                               const float* bias, int n_in, int hidden, Precision precision,
                               const std::vector<float>& input_bounds) {
    if (n_in <= 0 || hidden <= 0)
        throw std::invalid_argument("SmallBatchLstm: sizes must be positive, got input " +
                                    std::to_string(n_in) + ", hidden " + std::to_string(hidden));
    if (!input_bounds.empty() && static_cast<int>(input_bounds.size()) != n_in)
        throw std::invalid_argument("SmallBatchLstm: " + std::to_string(input_bounds.size()) +
                                    " input bounds for " + std::to_string(n_in) + " inputs");
    m_impl = std::make_unique<Impl>(weight_input, weight_hidden, bias, n_in, hidden, precision, input_bounds);
}

SmallBatchLstm::SmallBatchLstm(SmallBatchLstm&&) noexcept = default;
SmallBatchLstm& SmallBatchLstm::operator=(SmallBatchLstm&&) noexcept = default;
SmallBatchLstm::~SmallBatchLstm() = default;

Precision SmallBatchLstm::precision() const { return m_impl->precision; }

// Measured against Lstm on a 15-step source (inputs 256 and 512, hidden 256), per tier.
// From avx512 on (the AMX Xeon, 2 threads, best of 3): f32 gains up to 4 rows (4 rows: 1.88
// against 2.15 ms), bf16 up to 2 (0.78 against 1.75; 4 rows: 1.30 against 0.88), int8, whose
// recurrent product is s8, up to 8 (1.50 against 1.93); the Zen 4 at avx512 and avx512_bf16
// agreed within its noise (one thread, int8 16 rows: 3.7 against 8.1 ms at avx512).
// Below AVX-512 oneDNN 2.6 has only its reference LSTM kernel, and the products win at every
// row count (Zen 4 capped at avx2, one thread, best of 18 calls, two runs: 32 rows int8
// 10.3-18.5 against 32.2-36.1 ms, f32 14.7-23.8 against 22.8-31.1; 16 rows int8 5.0-14.8
// against 10.0-21.7, f32 9.9-21.0 against 9.5-24.4, even).
bool SmallBatchLstm::suits(int batch) const {
    if (cpu_tier() < CpuTier::avx512) return true;
    switch (m_impl->precision) {
        case Precision::f32: return batch <= 4;
        case Precision::bf16: return batch <= 2;
        case Precision::int8: return batch <= 8;
    }
    return false;
}

void SmallBatchLstm::forward(int steps, int batch, const float* src, float* dst) const {
    if (steps <= 0 || batch <= 0) return;
    const auto& impl = *m_impl;
    const int hidden = impl.hidden;
    const std::size_t state = static_cast<std::size_t>(batch) * hidden;
    const std::size_t gates = 4 * state;
    const std::size_t projected_size = static_cast<std::size_t>(steps) * gates;
    const std::size_t n_in = impl.inverse_bounds.size();
    const std::size_t bounded_size = static_cast<std::size_t>(steps) * batch * n_in;
    // [projected | gates | c | c_next | zeros(4·hidden) | src / bounds]
    auto& buffer = workspace(projected_size + gates + 2 * state + 4 * static_cast<std::size_t>(hidden) + bounded_size);
    float* projected = buffer.data();
    float* step_gates = projected + projected_size;
    float* c = step_gates + gates;
    float* c_next = c + state;
    float* zeros = c_next + state;
    std::fill(c, c + state, 0.0f);
    std::fill(zeros, zeros + 4 * hidden, 0.0f);

    if (n_in > 0) {
        float* bounded = zeros + 4 * hidden;
        scale_columns(src, steps * batch, static_cast<int>(n_in), impl.inverse_bounds.data(), bounded,
                      static_cast<int>(n_in));
        src = bounded;
    }
    impl.input.forward(steps * batch, src, projected);
    for (int t = 0; t < steps; ++t) {
        const float* step_projected = projected + static_cast<std::size_t>(t) * gates;
        float* h_out = dst + static_cast<std::size_t>(t) * state;
        // The initial state is zero: the first step's gates are its input projection alone.
        if (t > 0) impl.recurrent.forward(batch, h_out - state, step_gates);
        for_each_row(batch, kParallelGateRows, [&](int b) {
            const std::size_t row = static_cast<std::size_t>(b);
            apply_gates(hidden, t > 0 ? step_gates + row * 4 * hidden : zeros,
                        step_projected + row * 4 * hidden, c + row * hidden,
                        h_out + row * hidden, c_next + row * hidden);
        });
        std::swap(c, c_next);
    }
}

}  // namespace attentive::ops
