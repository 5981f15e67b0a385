#pragma once
// Function words (articles, pronouns, auxiliaries, prepositions, conjunctions) of the languages
// the shipped models speak. They often have no counterpart of their own in a translation
// ("do" in an English question, "it" in "Tu dois le faire"), so a missing translation is judged
// on the other, content, words.

#include <string_view>

namespace attentive {

// True when `word` (any case; an elided form such as "l'" or "don't" counts) is a function word
// of `language` ("en", "fr", "de"). Always false for other languages.
bool is_function_word(std::string_view word, std::string_view language);

}  // namespace attentive
