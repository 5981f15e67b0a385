#pragma once
// One pass over a translation's words, for the fixes applied after decoding
// (core/text/english_articles.h, core/text/french_elisions.h, core/text/weekday_prepositions.h).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// `text` with words rewritten: `rewrite(word, before, after)` is asked for each word of ASCII
// letters that starts the text or follows a space or a mark other than an apostrophe or a hyphen
// ("l'a", "peut-a" are parts of words), and is followed by a space; `before` is the text before
// the word, `after` the text after that space. A non-empty answer replaces the word and the
// space ("an ", "l'").
using WordRewrite = std::function<std::string(std::string_view word, std::string_view before, std::string_view after)>;
std::string with_words_rewritten(std::string_view text, const WordRewrite& rewrite);

// The same for a hypothesis's pieces (display form, `word_start` per piece), so that the
// heatmap's labels read as the text: `rewrite(word, "", next)` is asked for each word of one
// piece followed by another word (`next`, its pieces joined); a non-empty answer (trailing
// space trimmed) relabels the piece.
void rewrite_piece_words(std::vector<std::string>& pieces, const std::vector<bool>& word_start, const WordRewrite& rewrite);

}  // namespace attentive
