#pragma once
// The source text a chat model answers: the latest turns of a conversation joined with the
// separator piece. Training (dialogue_pairs) and inference (Translator::reply) both build it
// here, so a model is always asked in the form it learned from.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// What goes between two turns: the separator piece with a space on each side (" <sep> " for
// "<sep>"), or a single space for a model without one (an empty piece).
std::string turn_separator(std::string_view separator_piece);

// The last min(turns.size(), context_turns) of `turns` (oldest first) joined with `separator`;
// empty when `turns` is. Throws std::invalid_argument when context_turns < 1.
std::string chat_context(std::span<const std::string> turns, int context_turns,
                         std::string_view separator);

// Joins what DailyDialog writes apart, and a chat model trained on it says apart: contractions,
// "I ’ m" → "I’m", "don ' t" → "don't" (a quarter of the corpus's), and amounts, "$ 25" → "$25"
// (all of them). An apostrophe (' or ’) with a space on one side or both is joined when a letter
// comes before it and m, s, re, ve, ll, d or t (any case) after it, as a whole word, and an
// ending in mixed case is lowercased ("I’Ve" → "I’ve"); a space between $, £ or € and a digit
// is dropped. A time's a.m. and p.m. are joined ("8 a. m." → "8 a.m.", every one of the corpus's),
// and a full stop after one is its own ("at 9:30 a. m.." → "at 9:30 a.m."). Quotes and anything
// else stay.
std::string tidy_dialogue_text(std::string_view text);

// `text` with every "’" between two letters written "'": DailyDialog mixes both, and a chat
// reply said "I’m" and "I'm" in turn; people type "'".
std::string with_straight_apostrophes(std::string_view text);

// `text` as English writes sentences: a capital at the start and after a sentence's end (".",
// "!" or "?" and a space; not after "a.m.", "p.m." or a title or other abbreviation: "Mr.",
// "e.g."), and "I" as a word ("i'm" -> "I'm"). DailyDialog starts 3.6% of its replies in lower
// case, and a recalled one read "the professor is a bit boring today."; 75 write "i".
std::string with_sentence_capitals(std::string_view text);

// The same for a reply's pieces (display form, `word_start` per piece), so that the heatmap's rows
// read as the text: a piece starting the reply, or a word after a piece that ends a sentence.
void capitalise_sentence_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start);

}  // namespace attentive
