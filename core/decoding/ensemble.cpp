#include "core/decoding/ensemble.h"

#include <stdexcept>
#include <string>

#include "core/ops/ops.h"

namespace attentive {

EnsembleStepModel::EnsembleStepModel(StepModel& first, StepModel& second, float second_weight)
    : m_first(first), m_second(second), m_second_weight(second_weight) {
    if (first.vocab_size() != second.vocab_size() || first.rows() != second.rows())
        throw std::invalid_argument("an ensemble needs two models of one vocabulary over the same rows (" +
                                    std::to_string(first.vocab_size()) + " and " +
                                    std::to_string(second.vocab_size()) + " pieces)");
    if (!(second_weight > 0.0f && second_weight < 1.0f))
        throw std::invalid_argument("an ensemble's second weight must lie between 0 and 1, not " +
                                    std::to_string(second_weight));
}

void EnsembleStepModel::step(const std::vector<int>& input_ids) {
    m_first.step(input_ids);
    m_second.step(input_ids);
    const int rows = m_first.rows(), vocab = m_first.vocab_size();
    m_logits.resize(static_cast<std::size_t>(rows) * vocab);
    const float first_weight = 1.0f - m_second_weight;
    for (int r = 0; r < rows; ++r) {
        const float* a = m_first.logits(r);
        const float* b = m_second.logits(r);
        float normalizer_a = 0.0f, normalizer_b = 0.0f;
        ops::log_sum_exp(1, vocab, a, &normalizer_a);
        ops::log_sum_exp(1, vocab, b, &normalizer_b);
        // The search normalises again; the constant only keeps the values near log-probabilities.
        const float offset = first_weight * normalizer_a + m_second_weight * normalizer_b;
        float* out = m_logits.data() + static_cast<std::size_t>(r) * vocab;
        for (int v = 0; v < vocab; ++v) out[v] = first_weight * a[v] + m_second_weight * b[v] - offset;
    }
}

const float* EnsembleStepModel::logits(int row) const {
    return m_logits.data() + static_cast<std::size_t>(row) * m_first.vocab_size();
}

void EnsembleStepModel::select_rows(const std::vector<int>& parents) {
    // As a DecoderSession's, the logits are read again only after the next step.
    m_first.select_rows(parents);
    m_second.select_rows(parents);
}

}  // namespace attentive
