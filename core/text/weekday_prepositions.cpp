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

// Whether `after` starts with a time of day as the translators write it: German "18:30 Uhr",
// "9 Uhr"; English "18:30" (with its minutes: "in 5 minutes" is no time).
bool starts_with_clock_time(std::string_view after, std::string_view language) {
    std::size_t digits = 0;
    while (digits < after.size() && digits < 3 && is_ascii_digit(after[digits])) ++digits;
    if (digits == 0 || digits > 2) return false;
    std::size_t end = digits;
    if (end + 2 < after.size() && after[end] == ':' && is_ascii_digit(after[end + 1]) && is_ascii_digit(after[end + 2]))
        end += 3;
    if (language == "de") return after.substr(end).starts_with(" Uhr");
    return end > digits && (end == after.size() || !is_ascii_digit(after[end]));
}

// The preposition `word` becomes before `after` when that starts with a day or a time of day
// (with the space after it), or "" when it stays: en-de wrote "schließt am 18:30 Uhr".
std::string fitted_preposition(std::string_view word, std::string_view after, std::string_view language) {
    std::string_view before_day, before_time;
    if (language == "en" && (word == "at" || word == "in")) before_day = "on ";
    if (language == "en" && (word == "At" || word == "In")) before_day = "On ";
    if (language == "en" && (word == "on" || word == "in")) before_time = "at ";
    if (language == "en" && (word == "On" || word == "In")) before_time = "At ";
    if (language == "de" && word == "an") before_day = "am ";
    if (language == "de" && word == "An") before_day = "Am ";
    if (language == "de" && (word == "am" || word == "an" || word == "im")) before_time = "um ";
    if (language == "de" && (word == "Am" || word == "An" || word == "Im")) before_time = "Um ";
    if (!before_day.empty() && starts_with_weekday(after, language)) return std::string(before_day);
    if (!before_time.empty() && starts_with_clock_time(after, language)) return std::string(before_time);
    return {};
}

}  // namespace

std::string with_weekday_prepositions(std::string_view text, std::string_view language) {
    if (language != "en" && language != "de") return std::string(text);
    return with_words_rewritten(text, [&](std::string_view word, std::string_view, std::string_view after) {
        return fitted_preposition(word, after, language);
    });
}

void fit_weekday_preposition_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                                    std::string_view language) {
    rewrite_piece_words(pieces, word_start, [&](std::string_view word, std::string_view, std::string_view next) {
        return fitted_preposition(word, next, language);
    });
}

}  // namespace attentive
