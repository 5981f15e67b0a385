#pragma once
// Checkpoint averaging: the element-wise mean of the weights of several model folders of one
// architecture, usually the last checkpoints of a run. The mean of the checkpoints along the end
// of a run translates better than any one of them (Vaswani et al. 2017; Marian and fairseq ship
// the same tool), at no cost when translating.

#include <filesystem>
#include <vector>

#include "core/tensor.h"

namespace attentive {

// Writes to `output` a model folder whose weights are the mean of `inputs`' weights, stored as
// `dtype`, with the first input's config.json and tokenizers. Every input must have the same
// tensors and shapes and the same tokenizer files as the first (the mean of two vocabularies'
// embeddings means nothing). Throws std::invalid_argument for fewer than one input,
// ModelFormatError naming the folder that differs or is not a valid model, FileError for a file
// that cannot be read (core/file_access.h), std::runtime_error for writing.
void average_model_folders(const std::vector<std::filesystem::path>& inputs,
                           const std::filesystem::path& output, DType dtype);

}  // namespace attentive
