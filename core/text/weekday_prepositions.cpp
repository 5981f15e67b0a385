#include "core/text/weekday_prepositions.h"

#include <algorithm>

#include "core/text/dates.h"
#include "core/text/utf8.h"
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
        return !(is_word_byte(next) || next == '\'');
    });
}

// The preposition `word` becomes before `after` when that starts with a day (with the space
// after it), or "" when it stays.
std::string before_weekday(std::string_view word, std::string_view after, std::string_view language) {
    std::string_view fitted;
    if (language == "en" && (word == "at" || word == "in")) fitted = "on ";
    if (language == "en" && (word == "At" || word == "In")) fitted = "On ";
    if (language == "de" && word == "an") fitted = "am ";
    if (language == "de" && word == "An") fitted = "Am ";
    return !fitted.empty() && starts_with_weekday(after, language) ? std::string(fitted) : std::string();
}

}  // namespace

std::string with_weekday_prepositions(std::string_view text, std::string_view language) {
    if (language != "en" && language != "de") return std::string(text);
    return with_words_rewritten(text, [&](std::string_view word, std::string_view, std::string_view after) {
        return before_weekday(word, after, language);
    });
}

void fit_weekday_preposition_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                                    std::string_view language) {
    rewrite_piece_words(pieces, word_start, [&](std::string_view word, std::string_view, std::string_view next) {
        return before_weekday(word, next, language);
    });
}

}  // namespace attentive
