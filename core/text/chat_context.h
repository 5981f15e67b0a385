#pragma once
// The source text a chat model answers: the latest turns of a conversation joined with the
// separator piece. Training (dialogue_pairs) and inference (Translator::reply) both build it
// here, so a model is always asked in the form it learned from.

#include <span>
#include <string>
#include <string_view>

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

}  // namespace attentive
