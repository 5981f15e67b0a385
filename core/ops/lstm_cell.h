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
// The rows from which a layer's apply_gates calls are split over the threads: a batch's, not a
// beam's five (about 6 µs for 512 units on one thread; split, beam 5 took 2-5% longer).
inline constexpr int kParallelGateRows = 8;

// Static input bounds (the largest |x| each input column takes, such as an embedding's column
// maxima) let an int8 product quantise its inputs with one fixed scale: it reads x / bounds,
// every column in [-1, 1], and its weights take W · diag(bounds) in place of W.
// The bound of each of the n_in columns, at least 1e-12 (a column of zeros divides nothing);
// ones when `bounds` is empty.
std::vector<float> column_bounds(const std::vector<float>& bounds, int n_in);
// dst[r · dst_stride + k] = src[r · n_in + k] · scale[k], for `rows` rows of n_in columns: the
// weights times column_bounds(), or the inputs times their inverses.
void scale_columns(const float* src, int rows, int n_in, const float* scale, float* dst, int dst_stride);

// Per-thread scratch of at least `size` floats, grown on the first call of a larger shape and
// reused after. One user at a time per thread.
std::vector<float>& workspace(std::size_t size);

}  // namespace attentive::ops
