#pragma once
// The "possibly untranslated" judgement the app shows on the Translate page. Each content word
// of a translated sentence (whole words; punctuation and function words are not judged, see
// core/decoding/coverage_flags.h) is judged on two counts:
//  - the model's lexicon (core/text/lexicon.h): when one of the word's usual translations is in
//    the translation, the word is translated and is not flagged;
//  - otherwise, source erasure: the word is left out of the source and the sentence's best
//    translation force-decoded again, all such words in one batched pass
//    (core/decoding/erasure_flags.h says how a word is judged from it).
// Costs one forced decode of the translation per word the lexicon does not explain, batched: a
// few milliseconds for a short sentence (docs/attention.md).

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "core/decoding/coverage_flags.h"
#include "core/decoding/erasure_flags.h"
#include "core/text/lexicon.h"
#include "core/translator.h"

namespace attentive {

// A source word with what the judgement read.
struct JudgedWord {
    SourceWord word;         // its pieces, whether it is judged, its attention support
    LexiconEvidence lexicon = LexiconEvidence::none;  // for a judged word
    bool erased = false;     // whether `erasure` was measured
    ErasureEffect erasure;
};

// The words of `result` (a sentence `translator` translated, or a forced decode) with their
// attention support, what `lexicon` says of each content word in the best translation (pass
// translator.lexicon(), or an empty Lexicon to judge by erasure alone) and, for the words
// listed in `erase` (indices; empty: every content word whose translation the lexicon does not
// find), their erasure effect on the best translation. A sentence without source pieces (cut
// at max_sentence_chars, or empty) has no words. Throws Cancelled when `cancel` is set.
std::vector<JudgedWord> judge_source_words(Translator& translator, const SentenceResult& result,
                                           const Lexicon& lexicon, const std::vector<std::size_t>& erase = {},
                                           const std::atomic<bool>* cancel = nullptr);

// Whether `word` is flagged: a content word whose translation the lexicon did not find, whose
// erasure was measured and for which erasure_flags_word() holds with `threshold`, or with
// `unknown_word_threshold` when the lexicon does not know the word.
bool is_untranslated(const JudgedWord& word, float threshold = kUntranslatedLossPerPiece,
                     float unknown_word_threshold = kUnknownWordLossPerPiece);

// Per source piece of `result`: true when it belongs to a flagged word (judged with the
// translator's lexicon). Empty when `result` has no source pieces.
std::vector<bool> untranslated_pieces(Translator& translator, const SentenceResult& result,
                                      const std::atomic<bool>* cancel = nullptr);

// The words of `result`'s source that is_untranslated() flags, as they read in the source.
std::vector<std::string> untranslated_source_words(Translator& translator, const SentenceResult& result,
                                                   const std::atomic<bool>* cancel = nullptr);
// `word` as it reads in `result`'s source (its pieces joined).
std::string source_word_text(const SentenceResult& result, const SourceWord& word);

// The attention rows of `result`'s best hypothesis, without the EOS row.
AttentionRows target_attention(const SentenceResult& result);
// The probability of each target piece of `result`'s best hypothesis, from its alternatives
// (0 when the piece is not among them); empty when it has no alternatives for every piece.
std::vector<float> token_probabilities(const SentenceResult& result);
// The words of `result`'s source as source_words() judges them (language: the source's).
std::vector<SourceWord> judged_words(const SentenceResult& result, const std::string& language);

}  // namespace attentive
