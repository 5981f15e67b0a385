#pragma once
// Which source words a translation may have left out, judged by source erasure (Li, Monroe &
// Jurafsky 2016, "Understanding Neural Networks through Representation Erasure"; the
// leave-one-out saliency of NMT analysis): the translation is force-decoded again with the word
// left out of the source, and the change in its log-probability is measured. A word whose
// translation is in the target takes that translation's probability with it when it is left
// out; a word whose translation is missing takes little, and usually leaves the target *more*
// likely (the target now fits the source better). The decodes are run by
// Translator::erasure_log_probs; core/untranslated_words.h runs them for a translated sentence.
//
// Only words the model's lexicon does not find translated are judged this way
// (core/untranslated_words.h). The rule and its thresholds were chosen by forced decoding of dev
// references, complete and with one word's translation removed (scripts/measure-flags.sh;
// figures in docs/attention.md): attention support (core/decoding/coverage_flags.h) measured
// worse, alone or combined.

#include <vector>

namespace attentive {

// What leaving one source word out does to the target, in nats (natural log-probability).
struct ErasureEffect {
    // log p(target | source) - log p(target | source without the word), over the target's
    // pieces and EOS: positive when the word's translation is there to lose.
    float loss = 0.0f;
    // The same per target position (pieces + EOS), so that long and short targets compare.
    float loss_per_piece = 0.0f;
};

// A content word is flagged when leaving it out changes the target's log-probability by less
// than this per target position (a gain of more than 0.15 nats per piece)...
inline constexpr float kUntranslatedLossPerPiece = -0.15f;
// ... or, for a word the model's lexicon does not know (a rare word, a German compound, a
// name: core/text/lexicon.h), by less than this. Without a lexicon's word that its usual
// translation is missing, erasure alone must say so more strongly: at the common threshold
// such words gave 10-25% of the false flags on complete dev references (docs/attention.md).
inline constexpr float kUnknownWordLossPerPiece = -0.6f;

// complete[t] and erased[t]: log p of target piece t (EOS last) given the whole source and
// given the source without the word (Translator::erasure_log_probs rows). Throws
// std::invalid_argument when their lengths differ or they are empty.
ErasureEffect erasure_effect(const std::vector<float>& complete, const std::vector<float>& erased);

// Whether a word with this erasure effect may be missing from the translation.
bool erasure_flags_word(const ErasureEffect& effect, float threshold = kUntranslatedLossPerPiece);

}  // namespace attentive
