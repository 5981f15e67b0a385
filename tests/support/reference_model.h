#pragma once
// A plain-loops reference implementation of the Seq2Seq math (docs/model-format.md), one
// sentence at a time, used to check the oneDNN engine.

#include <filesystem>
#include <vector>

namespace attentive::testing {

struct ReferenceOutput {
    std::vector<std::vector<float>> encoder_states;  // [S][2He]
    std::vector<float> encoder_final;                // [2He]
    std::vector<std::vector<float>> attention;       // [T][S]
    std::vector<std::vector<float>> logits;          // [T][Vt]
};

// Runs the model in `model_dir` on one source sentence, teacher-forced with `target_inputs`
// (BOS y1 ... y_{T-1}): one attention row and one logits row per input.
ReferenceOutput reference_forward(const std::filesystem::path& model_dir,
                                  const std::vector<int>& source,
                                  const std::vector<int>& target_inputs);

}  // namespace attentive::testing
