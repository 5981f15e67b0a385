#pragma once
// What a search needs from a model: advance all rows by one token, read each row's logits and
// attention, keep a chosen subset of rows. The engine's decoder implements it; tests implement
// it with crafted distributions.

#include <vector>

namespace attentive {

class StepModel {
public:
    virtual ~StepModel() = default;
    virtual int rows() const = 0;
    virtual int vocab_size() const = 0;
    // Source length of the sentence decoded by `row` (attention rows have this many weights).
    virtual int source_length(int row) const = 0;
    // Feeds input_ids [rows]; afterwards logits(r) and attention(r) describe the next token.
    virtual void step(const std::vector<int>& input_ids) = 0;
    // The search reads rows from several threads at once (logits and attention are only read).
    virtual const float* logits(int row) const = 0;     // [vocab_size]
    virtual const float* attention(int row) const = 0;  // [source_length(row)]
    // New row i continues old row parents[i].
    virtual void select_rows(const std::vector<int>& parents) = 0;
};

}  // namespace attentive
