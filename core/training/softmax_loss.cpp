#include "core/training/softmax_loss.h"

#include <algorithm>
#include <cstddef>

#include "core/ops/ops.h"
#include "core/ops/parallel_rows.h"
#include "core/ops/vector_dispatch.h"
#include "core/ops/vector_math.h"

namespace attentive {

namespace {

using ops::kLanes;

// row += bias; returns the row's sum, in kLanes partial sums.
ATTENTIVE_VECTOR_BODY float add_bias_body(int width, float* __restrict row, const float* __restrict bias) {
    float lanes[kLanes] = {};
    int k = 0;
    for (; k + kLanes <= width; k += kLanes)
        for (int l = 0; l < kLanes; ++l) {
            row[k + l] += bias[k + l];
            lanes[l] += row[k + l];
        }
    float sum = 0.0f;
    for (; k < width; ++k) {
        row[k] += bias[k];
        sum += row[k];
    }
    for (float lane : lanes) sum += lane;
    return sum;
}
ATTENTIVE_VECTOR_VARIANTS(float, add_bias, (int width, float* row, const float* bias), (width, row, bias))

// One row's columns [0, n) of the gradient without the target's one-hot term (the caller's),
// exp(z - log_normalizer) - uniform, added to bias_gradient and written over the row (f32) or
// to row16 (bf16): two loops, each without a branch, so that both vectorise.
ATTENTIVE_VECTOR_BODY void gradient_block_body(int n, float* __restrict row, float log_normalizer, float uniform,
                                               float* __restrict bias_gradient) {
    for (int k = 0; k < n; ++k) {
        const float d = ops::vector_exp(row[k] - log_normalizer) - uniform;
        row[k] = d;
        bias_gradient[k] += d;
    }
}
ATTENTIVE_VECTOR_VARIANTS(void, gradient_block,
                          (int n, float* row, float log_normalizer, float uniform, float* bias_gradient),
                          (n, row, log_normalizer, uniform, bias_gradient))
ATTENTIVE_VECTOR_BODY void gradient_block_bf16_body(int n, const float* __restrict row, float log_normalizer,
                                                    float uniform, std::uint16_t* __restrict row16,
                                                    float* __restrict bias_gradient) {
    for (int k = 0; k < n; ++k) {
        const float d = ops::vector_exp(row[k] - log_normalizer) - uniform;
        row16[k] = ops::to_bf16(d);
        bias_gradient[k] += d;
    }
}
ATTENTIVE_VECTOR_VARIANTS(void, gradient_block_bf16,
                          (int n, const float* row, float log_normalizer, float uniform, std::uint16_t* row16,
                           float* bias_gradient),
                          (n, row, log_normalizer, uniform, row16, bias_gradient))

// Columns a thread takes at a time in the backward pass: 4 KB of each row, so that the bias
// gradient's block stays in L1 while the rows stream past (256 columns took 40% longer).
constexpr int kColumns = 1024;

}  // namespace

void add_bias_and_normalize(int rows, int width, float* logits, const float* bias, float* log_normalizer,
                            float* row_sums) {
    ops::for_each_row(rows, 2, [&](int r) {
        float* row = logits + static_cast<std::size_t>(r) * width;
        const float sum = add_bias(width, row, bias);
        if (row_sums) row_sums[r] = sum;
        ops::log_sum_exp(1, width, row, log_normalizer + r);
    });
}

void softmax_cross_entropy_gradient(int rows, int width, float* logits, const float* log_normalizer,
                                    const int* targets, float smoothing, std::uint16_t* gradient_bf16,
                                    float* bias_gradient) {
    const float uniform = smoothing / static_cast<float>(width);
    const float one = 1.0f - smoothing;
    const int blocks = (width + kColumns - 1) / kColumns;
#pragma omp parallel for schedule(static)
    for (int block = 0; block < blocks; ++block) {
        const int v0 = block * kColumns, n = std::min(width, v0 + kColumns) - v0;
        for (int r = 0; r < rows; ++r) {
            const std::size_t offset = static_cast<std::size_t>(r) * width + v0;
            float* row = logits + offset;
            if (targets[r] < 0) {
                if (gradient_bf16)
                    std::fill(gradient_bf16 + offset, gradient_bf16 + offset + n, std::uint16_t{0});
                else
                    std::fill(row, row + n, 0.0f);
                continue;
            }
            if (gradient_bf16)
                gradient_block_bf16(n, row, log_normalizer[r], uniform, gradient_bf16 + offset, bias_gradient + v0);
            else
                gradient_block(n, row, log_normalizer[r], uniform, bias_gradient + v0);
            const int target = targets[r] - v0;
            if (target < 0 || target >= n) continue;
            bias_gradient[v0 + target] -= one;
            if (gradient_bf16)
                gradient_bf16[offset + target] =
                    ops::to_bf16(ops::vector_exp(row[target] - log_normalizer[r]) - uniform - one);
            else
                row[target] -= one;
        }
    }
}

}  // namespace attentive
