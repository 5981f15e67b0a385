#include "core/text/weekday_prepositions.h"

#include <algorithm>

#include "core/text/dates.h"
#include "core/text/word_rewrite.h"

namespace attentive {

namespace {

// Whether `after` starts with a day of the week of `language` standing alone ("Thursday,", not
// "Thursday's" or "Sonntagen").
bool starts_with_weekday(std::string_view after, std::string_view language) {
    const std::vector<std::string>& days = weekday_names(language);
    return std::any_of(days.begin(), days.end(), [&](const std::string& day) {
        if (after.substr(0, day.size()) != day) return false;
        if (after.size() == day.size()) return true;
        const char next = after[day.size()];
        return !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '\'' ||
                 static_cast<unsigned char>(next) >= 0x80);
    });
}

// The preposition `word` becomes before a day, or "" when it stays.
std::string fitted(std::string_view word, std::string_view language) {
    if (language == "en" && word == "at") return "on";
    if (language == "en" && word == "At") return "On";
    if (language == "de" && word == "an") return "am";
    if (language == "de" && word == "An") return "Am";
    return {};
}

}  // namespace

std::string with_weekday_prepositions(std::string_view text, std::string_view language) {
    if (language != "en" && language != "de") return std::string(text);
    return with_words_rewritten(text, [&](std::string_view word, std::string_view, std::string_view after) {
        const std::string preposition = fitted(word, language);
        return !preposition.empty() && starts_with_weekday(after, language) ? preposition + " " : std::string();
    });
}

void fit_weekday_preposition_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                                    std::string_view language) {
    for (std::size_t i = 0; i + 1 < pieces.size() && i + 1 < word_start.size(); ++i) {
        if (!word_start[i] || !word_start[i + 1]) continue;
        const std::string preposition = fitted(pieces[i], language);
        if (preposition.empty()) continue;
        std::string next;
        for (std::size_t j = i + 1; j < pieces.size() && (j == i + 1 || !word_start[j]); ++j) next += pieces[j];
        if (starts_with_weekday(next, language)) pieces[i] = preposition;
    }
}

}  // namespace attentive
