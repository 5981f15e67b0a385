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

// True for a function word (above) and for a form of a verb that mostly carries grammar, as
// English "can" and "must" do: the French modals and semi-auxiliaries (pouvoir, vouloir,
// devoir, falloir, and faire and aller, which come before an infinitive: "Je vais partir" ->
// "I'm leaving", "Fais-le entrer" -> "Show him in") and the German modals is_function_word()
// leaves out (dürfen, wollen, mögen and the subjunctives). An elided form ("d'aller") counts
// when every part is one. Only the "possibly untranslated" flag reads this wider list
// (core/decoding/coverage_flags.h): on dev references these verbs were the commonest false flag
// in idioms ("Il est l'heure d'aller au lit" -> "It's time for bed"), while translation repairs
// still count them as content words.
bool is_function_or_auxiliary_word(std::string_view word, std::string_view language);

}  // namespace attentive
