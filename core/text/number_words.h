#pragma once
// Cardinal numbers written in words.
//
// Count words the models translate reliably, for a plain count in a sentence ("250 kilometres")
// to stand in for it while the model translates: "We drove six kilometres in three hours" is a
// sentence the models know, "We drove Tom kilometres in Boston hours" is not, and they drop the
// surrogates of the second (scripts/measure-protected.py).
//
// Numbers from 13 to 99 written in words, which the models garble: "J'ai dix-neuf livres." ->
// "I've been eighteen books.", "Ich habe zweiunddreißig Bücher." -> "I have twenty-five books.",
// "I have seventy books." -> "J'ai sept livres.", "Der Laden schließt um neunzehn Uhr." -> "The
// store closes at nine.". The translator protects each as a count (core/text/protected_spans.h)
// and writes it in the target language's words.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// The words for two, three, ... twelve, twenty in `language` ("en", "fr", "de"), in the same
// order for every language, so that position i of two lists is one number; empty for another
// language. "One" is left out: it is also a pronoun and an article, with genders.
const std::vector<std::string>& count_words(std::string_view language);

// The smallest and largest number find_spelled_numbers() reads.
constexpr int kFirstSpelledNumber = 13;
constexpr int kLastSpelledNumber = 99;

struct SpelledNumber {
    std::size_t begin = 0;   // byte offset in the sentence
    std::size_t length = 0;  // bytes
    int value = 0;
};

// The numbers from 13 to 99 written in words in `sentence`, in
// `language` ("en": "nineteen", "twenty-five", "twenty five"; "fr": "dix-neuf", "vingt et un",
// "vingt-et-un", "quatre-vingts", "septante"; "de": "neunzehn", "einundzwanzig", "dreißig"),
// capitalised or not, each a word of its own ("vingt-troisième" and "zwanzigjährig" are not
// numbers); none for another language.
std::vector<SpelledNumber> find_spelled_numbers(std::string_view sentence, std::string_view language);

// `value` (1 to 99) in words, as `language` writes it: "twenty-five", "vingt et un",
// "soixante-dix-neuf", "quatre-vingts", "einundzwanzig"; one is "one", "un", "ein"; "" for
// another value or language.
std::string spelled_number(int value, std::string_view language);

}  // namespace attentive
