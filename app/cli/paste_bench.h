#pragma once
// The "paste" benchmark: a synthetic 10-page text (300 sentences in paragraphs) translated in
// one call of the public Translator API, which splits it into sentences, batches them sorted by
// length and reports each sentence when done.

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/translator.h"

namespace attentive::cli {

// A page is 30 sentences (about 1,800 characters of this text; reported too).
constexpr int kSentencesPerPage = 30;

// Translates the text with the model's default decoding options and returns pages/s,
// sentences/s, characters, the time until the first sentence in input order is ready and the
// total time. Throws what Translator throws (ModelFormatError for a folder without tokenizers).
nlohmann::json run_paste_bench(const std::filesystem::path& model_dir, const EngineOptions& engine,
                               int pages);

}  // namespace attentive::cli
