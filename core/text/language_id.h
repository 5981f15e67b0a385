#pragma once
// Which language a text is written in: English, French, German, or something else. A naive
// Bayes classifier over character n-grams (1 to 3 letters, words padded with spaces), whose
// profiles were counted once from the train sides of the shipped models' corpora
// (`attentive-cli language-profiles`, written to core/text/language_profiles.inc).

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

struct LanguageGuess {
    // "en", "fr" or "de"; "" when the text is in none of them (Czech, Spanish, code...) or too
    // short to tell (see `decided`).
    std::string language;
    std::string closest;       // the best-fitting of en, fr, de, even when `language` is ""
    bool decided = false;      // false: too short to tell (kMinLanguageIdLetters) or a name, no verdict
    double margin = 0.0;       // log-probability per n-gram of the best over the second best
    double fit = 0.0;          // mean log-probability per n-gram under the best language
    std::map<std::string, double> fits;  // the same under each language
    // Words of the text that are function words of one of en, fr, de only ("it", "le", "die";
    // not "a" or "in"), counted per language.
    std::map<std::string, int> function_words;
};

// A decided guess fits a language other than `expected` this much better (log-probability per
// n-gram) before a text is said not to be in `expected`: short sentences between two languages
// drew warnings. Tatoeba dev, each side checked against its own language and the other two
// (README, "Language check"): at 0.1, 15 warnings on the 7,990 sentences in the expected
// language instead of 23, and 8 of 13,700 in another language no longer warned; at 0.3, 14 and
// 92.
inline constexpr double kMinMarginToWarn = 0.1;

// True when `guess` says its text is not in `expected`: decided, and in no language of the
// profiles, or in another one by at least kMinMarginToWarn over `expected` that has at least as
// many function words in it. Short sentences of Latin words fit another language's letters
// ("It costs 12 euros per person." and "Our client requires a quote." look French by 0.28 and
// 0.61) where their function words ("it", "our") say what they are.
bool not_in_language(const LanguageGuess& guess, std::string_view expected);

// Texts with fewer letters than this are not judged, nor a name: up to kMaxNameWords words that
// all start with a capital.
inline constexpr int kMinLanguageIdLetters = 12;
inline constexpr int kMaxNameWords = 4;

// Counts of one language's n-grams (the keys of ngrams_of).
struct LanguageProfile {
    std::string language;
    std::map<std::string, long long> counts;
    long long total = 0;
};

// The character n-grams of `text`: lowercased, letters only (other characters end a word),
// each word padded with one space on each side; 1- to 3-grams, in text order.
std::vector<std::string> ngrams_of(std::string_view text);

// The language of `text` by the shipped profiles.
LanguageGuess identify_language(std::string_view text);
// The same by the given profiles (for tests and for building new profiles).
LanguageGuess identify_language(std::string_view text, const std::vector<LanguageProfile>& profiles);

// The shipped profiles (en, fr, de).
const std::vector<LanguageProfile>& builtin_language_profiles();

// The English name of a language code ("fr" -> "French"); the code itself when unknown.
std::string language_name(std::string_view code);

}  // namespace attentive
