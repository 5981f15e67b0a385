#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/ops/lstm_cell.h"
#include "core/ops/parallel_rows.h"
#include "core/ops/ops.h"

namespace attentive::ops {

struct LstmStep::Impl {
    int n_in = 0;
    int hidden = 0;
    Precision precision = Precision::f32;
    std::optional<Lstm> sequence;     // f32; bf16 above one row
    std::optional<Linear> product;    // int8; bf16 at one row: [x / bounds; h] -> the gates, no bias
    std::vector<float> inverse_bounds;  // with product: [n_in]
    std::vector<float> bias;            // with product: [4 * hidden]

    // At bf16 one row runs faster as a product (AVX512-BF16 matmul) and our gates than through
    // oneDNN's bf16 LSTM (AMX brgemm), and five rows slower: reference shape, 2 threads, a decoder
    // step 0.53-0.62 against 0.62-0.66 ms at one row, 0.85 against 0.70 at five.
    bool use_product(int rows) const {
        return product && (!sequence || rows == 1);
    }
};

LstmStep::LstmStep(const float* weight_input, const float* weight_hidden, const float* bias,
                   int n_in, int hidden, Precision precision, const std::vector<float>& input_bounds)
    : m_impl(std::make_unique<Impl>()) {
    if (n_in <= 0 || hidden <= 0)
        throw std::invalid_argument("LstmStep: sizes must be positive, got input " +
                                    std::to_string(n_in) + ", hidden " + std::to_string(hidden));
    if (!input_bounds.empty() && static_cast<int>(input_bounds.size()) != n_in)
        throw std::invalid_argument("LstmStep: " + std::to_string(input_bounds.size()) +
                                    " input bounds for " + std::to_string(n_in) + " inputs");
    auto& impl = *m_impl;
    impl.n_in = n_in;
    impl.hidden = hidden;
    impl.precision = precision;
    if (precision != Precision::int8)
        impl.sequence.emplace(weight_input, weight_hidden, bias, n_in, hidden, precision);
    if (precision == Precision::f32) return;
    // W' = [W_in · diag(bounds) | W_hidden], so that W' [x / bounds; h] = W_in x + W_hidden h
    // with every input of the product in [-1, 1].
    const int width = n_in + hidden;
    const int gates = 4 * hidden;
    const std::vector<float> bounds = column_bounds(input_bounds, n_in);
    for (float bound : bounds) impl.inverse_bounds.push_back(1.0f / bound);
    std::vector<float> joined(static_cast<std::size_t>(gates) * width);
    scale_columns(weight_input, gates, n_in, bounds.data(), joined.data(), width);
    for (int g = 0; g < gates; ++g)
        std::memcpy(&joined[static_cast<std::size_t>(g) * width + n_in], weight_hidden + static_cast<std::size_t>(g) * hidden,
                    sizeof(float) * hidden);
    impl.product.emplace(joined.data(), nullptr, gates, width, precision);
    impl.bias.assign(bias, bias + gates);
}

LstmStep::LstmStep(LstmStep&&) noexcept = default;
LstmStep& LstmStep::operator=(LstmStep&&) noexcept = default;
LstmStep::~LstmStep() = default;

Precision LstmStep::precision() const { return m_impl->precision; }

void LstmStep::forward(int rows, const float* x, const float* h, const float* c, float* h_out,
                       float* c_out) const {
    if (rows <= 0) return;
    const auto& impl = *m_impl;
    const auto n = static_cast<std::size_t>(rows);
    const int hidden = impl.hidden;
    if (!impl.use_product(rows)) {
        // oneDNN wants dst_layer whenever dst_iter is asked for; it equals h_out.
        auto& layer_output = workspace(n * hidden);
        impl.sequence->forward(1, rows, x, h, c, layer_output.data(), h_out, c_out);
        return;
    }
    const int n_in = impl.n_in;
    const int width = n_in + hidden;
    auto& buffer = workspace(n * width + n * 4 * hidden);
    float* joined = buffer.data();
    float* gates = joined + n * width;
    scale_columns(x, rows, n_in, impl.inverse_bounds.data(), joined, width);
    for (std::size_t r = 0; r < n; ++r) std::memcpy(joined + r * width + n_in, h + r * hidden, sizeof(float) * hidden);
    impl.product->forward(rows, joined, gates);
    // A batch's rows over the threads; a beam's five stay on this one (kParallelGateRows).
    for_each_row(rows, kParallelGateRows, [&](int r) {
        const auto row = static_cast<std::size_t>(r);
        apply_gates(hidden, gates + row * 4 * hidden, impl.bias.data(), c + row * hidden, h_out + row * hidden,
                    c_out + row * hidden);
    });
}

}  // namespace attentive::ops
