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
};

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
