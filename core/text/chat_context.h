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

// Joins contractions written apart, "I ’ m" → "I’m", "don ' t" → "don't": DailyDialog spells a
// quarter of its contractions so, and a chat model trained on it says them so. An apostrophe
// (' or ’) with a space on one side or both is joined when a letter comes before it and m, s,
// re, ve, ll, d or t (any case) after it, as a whole word; quotes and anything else stay.
std::string join_split_contractions(std::string_view text);

}  // namespace attentive
