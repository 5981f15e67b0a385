#include "core/text/time_openings.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text/lexicon.h"

namespace attentive {

namespace {

// Points in time only: adverbs such as "finally" or "then" have no fixed place in a French
// sentence ("Nous sommes finalement arrivés"), and a comma forced after the first word there
// garbled it ("Nous, nous sommes arrivés").
constexpr std::array kOneWord{"yesterday", "tomorrow", "today", "tonight"};
constexpr std::array kWithThisLastNext{"morning", "afternoon", "evening", "night",  "week",   "weekend",
                                       "month",   "year",      "summer",  "winter", "spring", "autumn",
                                       "monday",  "tuesday",   "wednesday", "thursday", "friday", "saturday",
                                       "sunday"};
constexpr std::array kDays{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array kPartsOfDay{"morning", "afternoon", "evening"};
constexpr std::array kSubjects{"i",  "we",  "you", "he",   "she", "they",  "it",   "my",
                               "our", "your", "his", "her", "their", "the", "a", "an"};

template <typename List>
bool in(const List& list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// The words of the opening phrase, matched on word keys; 0 when it is not one.
std::size_t opening_length(const std::vector<std::string>& keys) {
    if (keys.empty()) return 0;
    if (in(kOneWord, keys[0])) return 1;
    if (keys.size() >= 2 && (keys[0] == "this" || keys[0] == "last" || keys[0] == "next") &&
        in(kWithThisLastNext, keys[1]))
        return 2;
    if (keys.size() >= 2 && keys[0] == "on" && in(kDays, keys[1])) return 2;
    if (keys.size() >= 3 && keys[0] == "in" && keys[1] == "the" && in(kPartsOfDay, keys[2])) return 3;
    return 0;
}

}  // namespace

std::size_t time_opening_words(std::string_view sentence, std::string_view language) {
    if (language != "en") return 0;
    // The words as written up to the subject: a comma or other mark ends the match.
    std::vector<std::string> keys;
    for (std::string_view word : words_as_written(sentence)) {
        if (keys.size() == 4) break;
        const std::vector<std::string> word_key = word_keys(word);
        if (word_key.size() != 1 || word_key.front().size() != word.size()) break;  // punctuation, "I'm"
        keys.push_back(word_key.front());
    }
    const std::size_t length = opening_length(keys);
    if (length == 0 || length >= keys.size() || !in(kSubjects, keys[length])) return 0;
    return length;
}

}  // namespace attentive
