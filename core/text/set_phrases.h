#pragma once
// Amounts and days each language says in a set phrase: "the day after tomorrow", "après-demain",
// "übermorgen"; "an hour and a half", "une heure et demie", "anderthalb Stunden"; "a quarter of
// an hour", "un quart d'heure", "eine Viertelstunde"; "minus five degrees"; "three quarters (of
// the cake)", "les trois quarts", "drei Viertel". The models read them word by word and lost
// what they say: "the day after tomorrow" -> "la journée après demain", "übermorgen" -> "over the
// morning", "zweieinhalb Stunden" -> "two second hours", "un quart d'heure" -> "an hour", "minus
// fünf Grad" -> "five degrees", "Three quarters of the cake" -> "Trois centaines du gâteau". The
// translator protects each as a span that the model reads as a plain phrase of the same kind
// ("tomorrow", "several hours", "a few minutes", "several degrees", "half") and writes the set
// phrase of the target language in its place (core/text/protected_spans.h).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

enum class SetPhraseKind { day, duration, temperature, fraction };

struct SetPhrase {
    std::size_t begin = 0;   // byte offset in the sentence
    std::size_t length = 0;  // bytes
    SetPhraseKind kind = SetPhraseKind::day;
    // day: +2 (the day after tomorrow) or -2 (the day before yesterday); duration: minutes (15,
    // 30, 45, 90, 150, ...); temperature: degrees, below zero (-5); fraction: numerator and
    // denominator, 13 (a third), 23, 14 (a quarter), 34 ("three quarters of the cake").
    int value = 0;
    bool number_in_words = false;  // temperature: "minus five", not "minus 5"
};

// The set phrases of `sentence` in `language` ("en", "fr", "de"; none for another), in order.
std::vector<SetPhrase> find_set_phrases(std::string_view sentence, std::string_view language);

// `phrase` as `language` says it: "the day after tomorrow", "une heure et demie",
// "zweieinhalb Stunden", "moins cinq degrés". "" for another language.
std::string write_set_phrase(const SetPhrase& phrase, std::string_view language);

// The plain phrases of the same kind that the models translate reliably, one of which stands in
// for `phrase` in `language`, the first preferred: "tomorrow", "yesterday", "several hours", "a
// few minutes", "several degrees", "half" (and their French and German); a day has a second,
// "next week" or "last week", for a sentence that says the first already ("tomorrow or the day
// after tomorrow"). Empty for another language.
std::vector<std::string> set_phrase_stand_ins(const SetPhrase& phrase, std::string_view language);

// A German phrase written by write_set_phrase(), fitted to the words before it: after a
// preposition that takes the dative, "eine halbe Stunde" is "einer halben Stunde" ("in einer
// halben Stunde"). Other phrases and languages as they are.
std::string fitted_set_phrase(const std::string& written, std::string_view before);

// Every form a translation may show of `written` once fitted: itself, and its dative.
std::vector<std::string> set_phrase_forms(const std::string& written);

}  // namespace attentive
