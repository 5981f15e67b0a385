#pragma once
// Measures the "possibly untranslated" flags (core/decoding/coverage_flags.h) on reference
// translations, by forced decoding:
//  - false alarms: decode each complete reference and count the words flagged;
//  - recall: remove from the reference the translation of one source content word and count
//    how often that word is flagged.
// Each word is judged as the app judges it (core/untranslated_words.h): its attention support,
// what the lexicons say of it and its erasure effect are recorded, so each rule can be measured.
// The translation of a source word is located without the attention: the model translates the
// word on its own, and one of the content words it gives must occur exactly once in the reference.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/text/tokenizer.h"
#include "core/translator.h"
#include "core/untranslated_words.h"

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

// One forced decode's source words, judged.
struct JudgedSentence {
    std::size_t index = 0;           // its pair's index among the sources
    std::vector<JudgedWord> words;   // every source word (rules read the judged ones)
    std::vector<std::string> texts;  // each word as it reads in the source
};

// The words of a sentence a rule flags (indices into its words).
using FlagRule = std::function<std::vector<std::size_t>(const std::vector<JudgedWord>&)>;

// The app's rule (untranslated_word(): at most one word per sentence) at these thresholds.
FlagRule app_flag_rule(float threshold, float unknown_word_threshold = kUnknownWordLossPerPiece, float growth = 0.0f);

struct FlagMeasurement {
    // The complete decodes (a source without pieces is left out), and per recall trial the
    // decode with one word's translation removed, judged as the app judges.
    std::vector<JudgedSentence> complete;
    std::vector<JudgedSentence> reduced;
    std::vector<DroppedWord> trials;
    // Time spent judging the complete decodes (their erasure passes), in seconds.
    double judging_seconds = 0.0;

    std::size_t sentences() const { return complete.size(); }
    // Words `rule` flags on complete references, per 20 sentences.
    double false_flags_per_20(const FlagRule& rule) const;
    // Share (0..1) of the trials whose dropped word `rule` flags.
    double recall(const FlagRule& rule) const;
};

// The highest threshold (a multiple of 0.01 from 0 down to -2 nats per piece) at which
// app_flag_rule() gives at most one false flag per 20 complete sentences of `m`.
float threshold_for_one_per_20(const FlagMeasurement& m, float unknown_word_threshold = kUnknownWordLossPerPiece,
                                float growth = 0.0f);

// The model's own translations of `sources` (its default decoding), to measure the flags on
// what the app judges: measure_flags() takes them in place of references.
std::vector<std::string> own_translations(Translator& translator, const std::vector<std::string>& sources);

// Runs both measurements over line-aligned `sources` and `references`, the words judged with
// `evidence` (the app's, or erasure alone for comparison). Throws std::invalid_argument when
// their lengths differ.
FlagMeasurement measure_flags(Translator& translator, const std::vector<std::string>& sources,
                              const std::vector<std::string>& references,
                              FlagEvidence evidence = FlagEvidence::lexicons_and_erasure);

}  // namespace attentive
