#pragma once
// Names the model knows ("Paul", "Vienna", "Wien") are left to it, not protected: it writes them
// as the target language does ("Vienna" -> "Wien"). But a name seen a few times in training is
// sometimes dropped or garbled ("We are flying to Vienna next week." -> "Wir fliegen nächste
// Woche auf."; "My friend Paul lives in Hamburg" -> "Mein Freund ist ... pouliert"). This finds
// such a lost name in a translation, so that the sentence can be decoded again with the name
// protected (core/text/protected_spans.h) and written as the lexicon translates it.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/lexicon.h"
#include "core/text/protected_spans.h"

namespace attentive {

struct LostName {
    std::string word;         // as the source writes it
    std::string target_text;  // as the translation should show it ("Wien"); empty: as written
};

// The known names of `sentence` (capitalised words that `rules.known_word` calls known and the
// span finder would otherwise take for names: not a sentence's first word, not a German noun
// after an article; `every_name_spans` is find_protected_spans(sentence,
// with_every_capital_a_name(rules)), found once per sentence) that `translation` holds neither as written (a case ending allowed: "Pauls")
// nor as one of its usual translations (`lexicon`). A German word is a
// name only when its translation is a capitalised word in the target vocabulary
// (`target_pieces("Vienna")` < `target_pieces("vienna")`): German capitalises every noun.
// `target_pieces` counts the pieces the target vocabulary writes a word with.
std::vector<LostName> lost_known_names(std::string_view sentence, const std::vector<ProtectedSpan>& every_name_spans,
                                       std::string_view translation, const SpanRules& rules, const Lexicon& lexicon,
                                       const std::function<std::size_t(std::string_view)>& target_pieces);

// `sentence` masked (mask_protected_spans) with the `lost` names protected too, each span of
// one written as its LostName::target_text says.
MaskedSentence mask_protecting(std::string_view sentence, const SpanRules& rules, const std::vector<LostName>& lost);

}  // namespace attentive
