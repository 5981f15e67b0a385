#pragma once
// The generator's smoothed cross-entropy over a batch's logits in two passes over them, one
// forward and one backward. At the reference shape the logits are 1,088 rows of 8,000 (35 MB):
// a bias copy, the product's accumulation, oneDNN's log-softmax and exp, the row sums and the
// gradient's loops read or wrote them about twelve times a training step.

#include <cstdint>

namespace attentive {

// Per row r of logits [rows, width], over the threads: adds `bias` to the row in place, then
// writes its log-normaliser log Σ exp to log_normalizer[r] and, when `row_sums` is not null, the
// sum of its entries to row_sums[r] (label smoothing's Σ log p = row_sums[r] - width ·
// log_normalizer[r]).
void add_bias_and_normalize(int rows, int width, float* logits, const float* bias, float* log_normalizer,
                            float* row_sums);

// d loss / d logits of the smoothed cross-entropy, softmax(logits[r]) - (1 - smoothing) ·
// one_hot(targets[r]) - smoothing / width, for each row whose target is >= 0; a row with a
// negative target (padding) gets 0 and adds nothing to the bias gradient. Written in bf16 to
// `gradient_bf16` when that is not null (the logits are left as they are), else in place over
// `logits`; bias_gradient[v] += the column's sum. Columns are split over the threads and each sums its
// rows in order, so the bias gradient does not depend on the thread count.
void softmax_cross_entropy_gradient(int rows, int width, float* logits, const float* log_normalizer,
                                    const int* targets, float smoothing, std::uint16_t* gradient_bf16,
                                    float* bias_gradient);

}  // namespace attentive
