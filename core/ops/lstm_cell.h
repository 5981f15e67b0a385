#pragma once
// The LSTM cell arithmetic shared by the ops that build a layer from matrix products
// (LstmStep, SmallBatchLstm), and their per-thread scratch. Internal to core/ops.

#include <cstddef>
#include <vector>

namespace attentive::ops {

// c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c') for one row; gates [i | f | g | o] before
// `offset` (the bias, or a step's input projection), which is added here.
void apply_gates(int hidden, const float* gates, const float* offset, const float* c, float* h_out,
                 float* c_out);

// Per-thread scratch of at least `size` floats, grown on the first call of a larger shape and
// reused after. One user at a time per thread.
std::vector<float>& workspace(std::size_t size);

}  // namespace attentive::ops
