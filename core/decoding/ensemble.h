#pragma once
// Two models of one translation direction decoding together: the search sees, for every row,
// the weighted mean of the two models' log-probabilities (a log-linear ensemble), so the beam
// follows what both prefer. The attention rows are the first model's (the heatmap shows the
// model that the folder is). Both must share the target vocabulary and see the same rows.

#include <vector>

#include "core/decoding/step_model.h"

namespace attentive {

class EnsembleStepModel : public StepModel {
public:
    // `second_weight` in (0, 1): the second model's share; the first gets the rest.
    EnsembleStepModel(StepModel& first, StepModel& second, float second_weight);

    int rows() const override { return m_first.rows(); }
    int vocab_size() const override { return m_first.vocab_size(); }
    int source_length(int row) const override { return m_first.source_length(row); }
    void step(const std::vector<int>& input_ids) override;
    const float* logits(int row) const override;
    const float* attention(int row) const override { return m_first.attention(row); }
    void select_rows(const std::vector<int>& parents) override;

private:
    StepModel& m_first;
    StepModel& m_second;
    float m_second_weight;
    std::vector<float> m_logits;  // [rows, vocab]: the weighted mean of the log-probabilities
};

}  // namespace attentive
