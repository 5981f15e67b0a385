#pragma once
// Measures the "possibly untranslated" flags (core/decoding/coverage_flags.h) on reference
// translations, by forced decoding:
//  - false alarms: decode each complete reference and count the words flagged;
//  - recall: remove from the reference the translation of one source content word and count
//    how often that word is flagged.
// The translation of a source word is located without the attention: the model translates the
// word on its own, and one of the content words it gives must occur exactly once in the reference.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/decoding/coverage_flags.h"
#include "core/text/tokenizer.h"
#include "core/translator.h"

namespace attentive {

// Decodes a source sentence with its target forced to a reference (then EOS), greedily: the
// result's attention and coverage are those of the reference.
class ForcedDecoder {
public:
    // Loads the translator's target tokenizer (ModelFormatError when it does not load).
    explicit ForcedDecoder(Translator& translator);
    ~ForcedDecoder();
    SentenceResult decode(const std::string& source, const std::string& reference) const;
    Translator& translator() const { return m_translator; }

private:
    Translator& m_translator;
    std::unique_ptr<Tokenizer> m_target;
};

// One reference with one word's translation removed.
struct DroppedWord {
    std::string source_word;        // as it reads in the source
    std::size_t source_word_index = 0;  // among source_words() of the complete decode
    std::string target_word;        // the reference word removed
    std::string reduced_reference;  // the reference without it
};

// Picks a source content word of `complete` (a forced decode of `reference`) whose translation
// occurs once in `reference`, `choice` selecting among the candidates (modulo their number).
// Returns false when no source word qualifies.
bool drop_one_word(Translator& translator, const SentenceResult& complete, const std::string& reference,
                   std::size_t choice, DroppedWord& dropped);

struct FlagMeasurement {
    std::size_t sentences = 0;
    // The support (SourceWord::support) of every content word of the complete decodes.
    std::vector<float> complete_support;
    // Per recall trial, the support of the source word whose translation was removed.
    std::vector<float> dropped_support;
    std::vector<DroppedWord> trials;

    // Words flagged below `threshold` on complete references, per 20 sentences.
    double false_flags_per_20(float threshold) const;
    // Share (0..1) of the trials whose dropped word is flagged below `threshold`.
    double recall(float threshold) const;
};

// The attention rows of `result`'s best hypothesis, without the EOS row.
AttentionRows target_attention(const SentenceResult& result);
// The probability of each target piece of `result`'s best hypothesis, from its alternatives
// (0 when the piece is not among them).
std::vector<float> token_probabilities(const SentenceResult& result);
// The words of `result`'s source as source_words() judges them.
std::vector<SourceWord> judged_words(const SentenceResult& result, const std::string& language);

// Runs both measurements over line-aligned `sources` and `references`.
// Throws std::invalid_argument when their lengths differ.
FlagMeasurement measure_flags(Translator& translator, const std::vector<std::string>& sources,
                              const std::vector<std::string>& references);

}  // namespace attentive
