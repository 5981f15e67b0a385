#pragma once
// The "possibly untranslated" judgement the app shows on the Translate page. Each content word
// of a translated sentence (whole words; punctuation and function words are not judged, see
// core/decoding/coverage_flags.h) is judged on two counts:
//  - the lexicons (core/text/lexicon.h): when one of the word's usual translations is in the
//    translation, or a word of the translation is usually translated back by it (the reverse
//    model's lexicon), the word is translated and is not flagged;
//  - otherwise, source erasure: the word is left out of the source and the sentence's best
//    translation force-decoded again, all such words in one batched pass
//    (core/decoding/erasure_flags.h says how a word is judged from it).
// A sentence gets at most one flag: the word whose erasure gains its translation most.
// Costs one forced decode of the translation per word the lexicon does not explain, batched: a
// few milliseconds for a short sentence (docs/attention.md).

#include <atomic>
#include <cstddef>
#include <optional>
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

// What judge_source_words() reads.
enum class FlagEvidence {
    lexicons_and_erasure,  // the app's judgement: the translator's lexicons, then erasure
    erasure_alone,         // every content word by erasure (the rule before the lexicons)
};

// The words of `result` (a sentence `translator` translated, or a forced decode) with their
// attention support, what the translator's lexicons say of each content word in the best
// translation (unless `evidence` is erasure_alone) and, for every content word whose
// translation the lexicons do not find, its erasure effect on the best translation. A sentence
// without source pieces (cut at max_sentence_chars, or empty) has no words. Throws Cancelled
// when `cancel` is set.
std::vector<JudgedWord> judge_source_words(Translator& translator, const SentenceResult& result,
                                           FlagEvidence evidence = FlagEvidence::lexicons_and_erasure,
                                           const std::atomic<bool>* cancel = nullptr);

// Whether `word` may be untranslated: a content word whose translation the lexicons did not
// find, whose erasure was measured and for which erasure_flags_word() holds with `threshold`
// (a translator's is config().untranslated_threshold), or with `unknown_word_threshold` when
// the lexicon does not know the word.
bool is_untranslated(const JudgedWord& word, float threshold, float unknown_word_threshold = kUnknownWordLossPerPiece);

// The threshold a sentence's words are judged by: `threshold` (a translator's, for a sentence
// with one word the lexicons do not find translated) times n^`growth` (the translator's
// untranslated_threshold_growth), for the n words whose erasure was measured. Each such word is one more chance of a low loss by accident, and a
// sentence with several is most often a free translation: on complete dev references a
// sentence with three unexplained words is flagged about four times as often as one with one
// (docs/attention.md).
float sentence_threshold(const std::vector<JudgedWord>& words, float threshold, float growth);

// The sentence's flag: of the words is_untranslated() holds for at sentence_threshold(), the
// index of the one whose erasure makes the translation likeliest (the lowest loss per piece);
// none when there is no such word. One flag per sentence: on complete dev references, most
// sentences with two such words are free translations (an idiom: "Prends tes jambes à ton
// cou !" -> "Run for it!"), not two omissions (docs/attention.md).
std::optional<std::size_t> untranslated_word(const std::vector<JudgedWord>& words, float threshold,
                                             float unknown_word_threshold = kUnknownWordLossPerPiece,
                                             float growth = 0.0f);

// Per source piece of `result`: true when it belongs to the word untranslated_word() flags
// (judged as the app does, with the translator's threshold). Empty when `result` has no source
// pieces.
std::vector<bool> untranslated_pieces(Translator& translator, const SentenceResult& result,
                                      const std::atomic<bool>* cancel = nullptr);

// The word untranslated_pieces() marks, as it reads in the source; empty when none is.
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
