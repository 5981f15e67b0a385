#include "core/text/dates.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "core/text/utf8.h"

namespace attentive {

namespace {

struct MonthName {
    std::string_view name;
    int month;
};

// Written as a sentence writes them; French also with a capital (a date that starts a sentence)
// and without accents (keyboards without them).
constexpr std::array kEnglishMonths = {
    MonthName{"January", 1},  MonthName{"February", 2}, MonthName{"March", 3},     MonthName{"April", 4},
    MonthName{"May", 5},      MonthName{"June", 6},     MonthName{"July", 7},      MonthName{"August", 8},
    MonthName{"September", 9}, MonthName{"October", 10}, MonthName{"November", 11}, MonthName{"December", 12},
    MonthName{"Jan", 1},      MonthName{"Feb", 2},      MonthName{"Mar", 3},       MonthName{"Apr", 4},
    MonthName{"Jun", 6},      MonthName{"Jul", 7},      MonthName{"Aug", 8},       MonthName{"Sep", 9},
    MonthName{"Sept", 9},     MonthName{"Oct", 10},     MonthName{"Nov", 11},      MonthName{"Dec", 12}};
constexpr std::array kFrenchMonths = {
    MonthName{"janvier", 1},   MonthName{"février", 2},  MonthName{"fevrier", 2},  MonthName{"mars", 3},
    MonthName{"avril", 4},     MonthName{"mai", 5},      MonthName{"juin", 6},     MonthName{"juillet", 7},
    MonthName{"août", 8},      MonthName{"aout", 8},     MonthName{"septembre", 9}, MonthName{"octobre", 10},
    MonthName{"novembre", 11}, MonthName{"décembre", 12}, MonthName{"decembre", 12}};
constexpr std::array kGermanMonths = {
    MonthName{"Januar", 1},   MonthName{"Jänner", 1},   MonthName{"Februar", 2},  MonthName{"März", 3},
    MonthName{"Maerz", 3},    MonthName{"April", 4},    MonthName{"Mai", 5},      MonthName{"Juni", 6},
    MonthName{"Juli", 7},     MonthName{"August", 8},   MonthName{"September", 9}, MonthName{"Oktober", 10},
    MonthName{"November", 11}, MonthName{"Dezember", 12}};

constexpr std::array<std::string_view, 12> kEnglishWritten = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December"};
constexpr std::array<std::string_view, 12> kFrenchWritten = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre"};
constexpr std::array<std::string_view, 12> kGermanWritten = {
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
    "Dezember"};

// A word of the sentence: [begin, end) as written between spaces, and its core without the
// punctuation around it ("(12", "March,", "2020.").
struct Token {
    std::size_t begin = 0, end = 0;
    std::size_t core_begin = 0, core_end = 0;
    std::string_view raw, core;
};

std::vector<Token> tokens_of(std::string_view sentence) {
    constexpr std::string_view opening = "\"'([{";
    constexpr std::string_view closing = ".,;:!?\"')]}";
    std::vector<Token> tokens;
    for (std::size_t pos = 0; pos < sentence.size();) {
        if (sentence[pos] == ' ' || sentence[pos] == '\t' || sentence[pos] == '\n') {
            ++pos;
            continue;
        }
        Token t;
        t.begin = pos;
        while (pos < sentence.size() && sentence[pos] != ' ' && sentence[pos] != '\t' && sentence[pos] != '\n') ++pos;
        t.end = pos;
        t.core_begin = t.begin;
        t.core_end = t.end;
        while (t.core_begin < t.core_end && opening.find(sentence[t.core_begin]) != std::string_view::npos) ++t.core_begin;
        while (t.core_end > t.core_begin && closing.find(sentence[t.core_end - 1]) != std::string_view::npos) --t.core_end;
        t.raw = sentence.substr(t.begin, t.end - t.begin);
        t.core = sentence.substr(t.core_begin, t.core_end - t.core_begin);
        tokens.push_back(t);
    }
    return tokens;
}

// What follows a token's core before the next word: "" or punctuation (",", ".").
std::string_view trailing(const Token& t) { return t.raw.substr(t.core_end - t.begin); }

// True when tokens[i] starts a sentence: the first, or after a word that ends one.
bool starts_sentence(const std::vector<Token>& tokens, std::size_t i) {
    if (i == 0) return true;
    const std::string_view before = tokens[i - 1].raw;
    return before.ends_with('.') || before.ends_with('!') || before.ends_with('?');
}

bool capitalised(std::string_view word) { return !word.empty() && word[0] >= 'A' && word[0] <= 'Z'; }

// True when `word` is `name`, which starts with a lowercase letter, written with a capital
// ("Mai" for "mai", "Lundi" for "lundi").
bool capitalised_form_of(std::string_view word, std::string_view name) {
    return !name.empty() && name[0] >= 'a' && name[0] <= 'z' && word.size() == name.size() &&
           word[0] == name[0] - 32 && word.substr(1) == name.substr(1);
}

// The day of the week (1..7, Monday first) `word` names in `language`: as weekday_names() writes
// it, or capitalised ("Lundi") when `capital_too`; 0 for none.
int weekday_of(std::string_view word, std::string_view language, bool capital_too) {
    const std::vector<std::string>& names = weekday_names(language);
    for (std::size_t d = 0; d < names.size(); ++d)
        if (word == names[d] || (capital_too && capitalised_form_of(word, names[d]))) return static_cast<int>(d) + 1;
    return 0;
}

std::optional<int> number_in(std::string_view digits, int low, int high) {
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    int value = 0;
    for (char c : digits) {
        if (!is_ascii_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (digits.front() == '0' && digits.size() > 1 && high > 31) return std::nullopt;
    return value >= low && value <= high ? std::optional<int>(value) : std::nullopt;
}

// A day of the month: "12", or with the language's ordinal ending ("12th", "1er").
std::optional<int> day_of(std::string_view word, std::string_view language) {
    if (language == "en") {
        for (std::string_view suffix : {"st", "nd", "rd", "th"})
            if (word.size() > 2 && word.ends_with(suffix)) return number_in(word.substr(0, word.size() - 2), 1, 31);
    } else if (language == "fr" && word == "1er") {
        return 1;
    }
    return number_in(word, 1, 31);
}

std::optional<int> year_of(std::string_view word) { return word.size() == 4 ? number_in(word, 1000, 2999) : std::nullopt; }

std::optional<int> month_of(std::string_view word, std::string_view language) {
    const auto find = [&](const auto& months, bool any_case_first) -> std::optional<int> {
        for (const MonthName& m : months) {
            if (word == m.name || (any_case_first && capitalised_form_of(word, m.name))) return m.month;
        }
        return std::nullopt;
    };
    if (language == "en") return find(kEnglishMonths, false);
    if (language == "fr") return find(kFrenchMonths, true);
    if (language == "de") return find(kGermanMonths, false);
    return std::nullopt;
}

// "Mar", "Sept": an English month's short form.
bool is_abbreviation(std::string_view month_word, std::string_view language = "en") {
    return language == "en" && month_word.size() <= 4 && month_word != "June" && month_word != "July" &&
           month_word != "May";
}

// The date that starts at tokens[i], if one does.
std::optional<WrittenDate> full_date_at(const std::vector<Token>& tokens, std::size_t i, std::string_view language) {
    const auto token = [&](std::size_t k) -> const Token* { return k < tokens.size() ? &tokens[k] : nullptr; };
    // The month tokens[k] names, when nothing opens before it ("(March" starts something else).
    const auto month_token = [&](std::size_t k) -> std::optional<int> {
        const Token* t = token(k);
        return t && t->core_begin == t->begin ? month_of(t->core, language) : std::nullopt;
    };
    WrittenDate date;
    std::size_t first = i;
    std::size_t last = 0;
    // The year after the token that ends the date so far, when nothing but `allowed` stands between.
    const auto take_year = [&](std::size_t after, std::string_view allowed) {
        const Token* next = token(after + 1);
        const std::string_view between = trailing(tokens[after]);
        if (!next || (!between.empty() && between != allowed) || next->core_begin != next->begin) return;
        if (const auto year = year_of(next->core)) {
            date.year = *year;
            last = after + 1;
        }
    };
    // A month and a year: "May 1990", "mai 1990".
    if (const auto month = month_of(tokens[i].core, language);
        month && tokens[i].core_begin == tokens[i].begin && !is_abbreviation(tokens[i].core, language)) {
        take_year(i, "");
        if (date.year > 0) {
            date.month = *month;
            date.begin = tokens[i].core_begin;
            date.length = tokens[last].core_end - date.begin;
            return date;
        }
    }
    if (language == "en") {
        std::size_t k = i;
        if ((tokens[k].raw == "the" || tokens[k].raw == "The") && token(k + 1)) ++k;
        const Token& d = tokens[k];
        if (const auto day = day_of(d.core, language); day && d.raw == d.core && d.core_begin == d.begin) {
            // "12 March", "12th of March", "the 12th of March"
            std::size_t m = k + 1;
            const bool ordinal = !is_ascii_digit(d.core.back());
            if (token(m) && token(m)->raw == "of" && ordinal) ++m;
            if (k > i && !ordinal) return std::nullopt;  // "the 12 March" is not written
            const auto month = month_token(m);
            if (!month) return std::nullopt;
            date.day = *day;
            date.month = *month;
            last = m;
            take_year(m, is_abbreviation(tokens[m].core) ? "." : "");
        } else if (k == i) {
            // "March 12", "March 12th, 2020"
            const auto month = month_token(i);
            const std::string_view between = trailing(tokens[i]);
            if (!month || !(between.empty() || (between == "." && is_abbreviation(tokens[i].core)))) return std::nullopt;
            const Token* dt = token(i + 1);
            if (!dt || dt->core_begin != dt->begin) return std::nullopt;
            const auto day = day_of(dt->core, language);
            if (!day) return std::nullopt;
            date.day = *day;
            date.month = *month;
            last = i + 1;
            take_year(i + 1, ",");
        } else {
            return std::nullopt;
        }
    } else if (language == "fr" || language == "de") {
        std::size_t k = i;
        if (language == "fr" && (tokens[k].raw == "le" || tokens[k].raw == "Le") && token(k + 1)) ++k;
        const Token& d = tokens[k];
        const std::string_view after_day = trailing(d);
        const bool german_ordinal = language == "de" && after_day == ".";
        const auto day = day_of(d.core, language);
        if (!day || d.core_begin != d.begin || !(after_day.empty() || german_ordinal)) return std::nullopt;
        const auto month = month_token(k + 1);
        if (!month) return std::nullopt;
        date.day = *day;
        date.month = *month;
        last = k + 1;
        take_year(k + 1, "");
    } else {
        return std::nullopt;
    }
    date.begin = tokens[first].core_begin;
    const Token& end = tokens[last];
    std::size_t end_byte = end.core_end;
    // An abbreviated month keeps its stop when the date ends there ("12 Mar."): it is part of the
    // word; a sentence's stop after a full name is not.
    if (date.year == 0 && language == "en" && is_abbreviation(end.core) && trailing(end).starts_with('.') &&
        month_of(end.core, language))
        end_byte += 1;
    date.length = end_byte - date.begin;
    return date;
}

// A month named alone ("in December"), where the word is not likely something else: English "May"
// and "March" that start a sentence ("May I ...") and "June" before a capitalised word (a name)
// are not taken; German "August" only after "im", "Anfang", "Mitte" or "Ende" (a first name
// otherwise); French months only in lower case ("Mars" is the planet).
std::optional<WrittenDate> month_at(const std::vector<Token>& tokens, std::size_t i, std::string_view language) {
    const Token& t = tokens[i];
    if (t.core_begin != t.begin || is_abbreviation(t.core, language)) return std::nullopt;
    if (language == "fr" && capitalised(t.core)) return std::nullopt;
    const auto month = month_of(t.core, language);
    if (!month) return std::nullopt;
    const std::string_view before = i > 0 ? tokens[i - 1].raw : std::string_view();
    if (language == "en" && starts_sentence(tokens, i) && (*month == 5 || *month == 3)) return std::nullopt;
    if (language == "en" && *month == 6 && trailing(t).empty() && i + 1 < tokens.size() && capitalised(tokens[i + 1].core))
        return std::nullopt;
    if (language == "de" && *month == 8 && before != "im" && before != "Im" && before != "Anfang" && before != "Mitte" &&
        before != "Ende")
        return std::nullopt;
    WrittenDate date;
    date.begin = t.core_begin;
    date.length = t.core_end - t.core_begin;
    date.month = *month;
    return date;
}

// A day of the week alone: the word as weekday_names() writes it, or capitalised at a sentence's
// start. Not inside a name: in English, after a capitalised word that does not start the
// sentence ("Good Friday", "Black Friday"; French "à Boston mercredi" is a day) or before one
// ("Monday Night Football"); in French, capitalised inside a sentence ("Mardi Gras").
std::optional<WrittenDate> weekday_at(const std::vector<Token>& tokens, std::size_t i, std::string_view language) {
    const Token& t = tokens[i];
    if (language == "en" && i > 0 && !starts_sentence(tokens, i - 1) && trailing(tokens[i - 1]).empty() &&
        capitalised(tokens[i - 1].core))
        return std::nullopt;
    if (language == "en" && i + 1 < tokens.size() && trailing(t).empty() && capitalised(tokens[i + 1].core))
        return std::nullopt;
    const int weekday = weekday_of(t.core, language, starts_sentence(tokens, i));
    if (weekday == 0) return std::nullopt;
    WrittenDate date;
    date.begin = t.core_begin;
    date.length = t.core_end - t.core_begin;
    date.weekday = weekday;
    return date;
}

// A day of the week written before its date, with or without a comma ("Friday, 7 July",
// "Friday July 7th", "vendredi 7 juillet", "Freitag, den 7. Juli"): one date. As two spans the
// model read two days in a row ("on Friday, Monday, at midnight") and garbled them (en-fr wrote
// "le vendredi, à 10 h du matin" three times and lost the date).
std::optional<WrittenDate> weekday_and_date_at(const std::vector<Token>& tokens, std::size_t i,
                                                std::string_view language) {
    const Token& t = tokens[i];
    const int weekday = weekday_of(t.core, language, true);
    const std::string_view between = trailing(t);
    if (weekday == 0 || t.core_begin != t.begin || !(between.empty() || between == ",")) return std::nullopt;
    std::size_t next = i + 1;
    if (language == "de" && next + 1 < tokens.size() && (tokens[next].raw == "den" || tokens[next].raw == "dem")) ++next;
    if (next >= tokens.size()) return std::nullopt;
    std::optional<WrittenDate> date = full_date_at(tokens, next, language);
    if (!date || date->day == 0 || date->begin != tokens[next].core_begin) return std::nullopt;
    date->weekday = weekday;
    date->length = date->begin + date->length - t.core_begin;
    date->begin = t.core_begin;
    return date;
}

// A range of days in one month ("14 to 17 August", "du 14 au 17 août", "vom 14. bis 17. August"):
// one date. Alone, the first day was a number the models wrote without its
// article ("de 14 au 17 août", "von 14 bis zum 17. August").
std::optional<WrittenDate> day_range_at(const std::vector<Token>& tokens, std::size_t i, std::string_view language) {
    const Token& first = tokens[i];
    const std::string_view after = trailing(first);
    if (first.core_begin != first.begin || !(after.empty() || (language == "de" && after == "."))) return std::nullopt;
    const std::optional<int> day = day_of(first.core, language);
    std::size_t next = i + 1;
    if (!day || next >= tokens.size()) return std::nullopt;
    const std::string_view connector = tokens[next].raw;
    const bool joins = language == "en"   ? connector == "to" || connector == "until" || connector == "till"
                       : language == "fr" ? connector == "au"
                       : language == "de" ? connector == "bis"
                                          : false;
    if (!joins) return std::nullopt;
    ++next;
    if (language == "de" && next + 1 < tokens.size() && tokens[next].raw == "zum") ++next;
    if (next >= tokens.size()) return std::nullopt;
    std::optional<WrittenDate> date = full_date_at(tokens, next, language);
    if (!date || date->day <= *day || date->begin != tokens[next].core_begin) return std::nullopt;
    date->first_day = *day;
    date->length = date->begin + date->length - first.core_begin;
    date->begin = first.core_begin;
    return date;
}

// A year alone, where the words around say it is one: after a preposition that takes a year
// ("in 1990", "seit 2012"), or in German before a lowercase word or punctuation
// ("Ich bin 1990 geboren", not "2000 Euro"), never after "year" ("im Jahr 1990"). It stands in
// as a month, which takes a year's preposition: with a count standing in ("two") the models
// wrote "né dans 1990", "in 1990 Jahren geboren", "seit 2012 Uhr".
std::optional<WrittenDate> year_at(const std::vector<Token>& tokens, std::size_t i, std::string_view language) {
    // French sources keep a count standing in: fr-en wrote "en deux" as "in 1990" in 10 of 12
    // sentences written for this, and with a month it lost the place before it ("né à Athènes en
    // juin" -> "born in a June in June"; 120 Tatoeba sentences with a year: BLEU 54.06 -> 53.79).
    if (language != "en" && language != "de") return std::nullopt;
    const Token& t = tokens[i];
    const std::optional<int> year = t.core_begin == t.begin ? year_of(t.core) : std::nullopt;
    if (!year || *year > 2099) return std::nullopt;
    const std::string before = i > 0 && trailing(tokens[i - 1]).empty() ? ascii_lowercase(tokens[i - 1].raw) : "";
    static const std::vector<std::string_view> english = {"in", "since", "until", "till", "by", "before", "after", "from",
                                                          "around", "circa", "during"};
    static const std::vector<std::string_view> german = {"seit", "bis", "vor", "nach", "ab", "von", "um",
                                                         "anfang", "mitte", "ende"};
    const auto& prepositions = language == "en" ? english : german;
    bool is_year = std::find(prepositions.begin(), prepositions.end(), before) != prepositions.end();
    if (!is_year && language == "de" && before != "jahr" && before != "jahre" && before != "jahres") {
        const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
        const Utf8Char first = next && !next->core.empty() ? decode_utf8_at(next->core, 0) : Utf8Char{};
        is_year = !trailing(t).empty() || !next ||
                  (next->core_begin == next->begin && first.well_formed && is_letter(first.code_point) &&
                   !is_upper(first.code_point));
    }
    if (!is_year) return std::nullopt;
    WrittenDate date;
    date.begin = t.core_begin;
    date.length = t.core_end - t.core_begin;
    date.year = *year;
    return date;
}

std::optional<WrittenDate> date_at(const std::vector<Token>& tokens, std::size_t i, std::string_view language) {
    if (auto date = day_range_at(tokens, i, language)) return date;
    if (auto date = full_date_at(tokens, i, language)) return date;
    if (auto date = month_at(tokens, i, language)) return date;
    if (auto date = weekday_and_date_at(tokens, i, language)) return date;
    if (auto date = year_at(tokens, i, language)) return date;
    return weekday_at(tokens, i, language);
}

}  // namespace

std::vector<WrittenDate> find_dates(std::string_view sentence, std::string_view language) {
    std::vector<WrittenDate> dates;
    if (language != "en" && language != "fr" && language != "de") return dates;
    const std::vector<Token> tokens = tokens_of(sentence);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto date = date_at(tokens, i, language);
        if (!date) continue;
        dates.push_back(*date);
        while (i + 1 < tokens.size() && tokens[i + 1].begin < date->begin + date->length) ++i;
    }
    return dates;
}

std::string write_date(const WrittenDate& date, std::string_view language) {
    if (date.weekday > 0 && date.day > 0) {
        WrittenDate day_alone = date;
        day_alone.weekday = 0;
        const std::string written = write_date(day_alone, language);
        const std::vector<std::string>& names = weekday_names(language);
        if (written.empty() || date.weekday > static_cast<int>(names.size())) return {};
        // "Friday 7 July", "vendredi 7 juillet", "Freitag, 7. Juli"
        return names[static_cast<std::size_t>(date.weekday - 1)] + (language == "de" ? ", " : " ") + written;
    }
    if (date.weekday > 0) {
        const std::vector<std::string>& names = weekday_names(language);
        return date.weekday <= static_cast<int>(names.size()) ? names[static_cast<std::size_t>(date.weekday - 1)]
                                                             : std::string();
    }
    if (date.month == 0 && date.day == 0 && date.year > 0)
        return language == "en" || language == "fr" || language == "de" ? std::to_string(date.year) : std::string();
    if (date.month < 1 || date.month > 12) return {};
    const std::size_t m = static_cast<std::size_t>(date.month - 1);
    std::string_view name;
    if (language == "en") name = kEnglishWritten[m];
    else if (language == "fr") name = kFrenchWritten[m];
    else if (language == "de") name = kGermanWritten[m];
    else return {};
    std::string out;
    // A day of the month as `language` writes it: "1er" in French.
    const auto written_day = [&](int day) { return language == "fr" && day == 1 ? std::string("1er") : std::to_string(day); };
    if (date.first_day > 0 && date.day > 0) {
        // "14 to 17 August", "14 au 17 août", "14. bis 17. August"
        out = written_day(date.first_day);
        out.append(language == "de" ? ". bis " : language == "fr" ? " au " : " to ");
    }
    if (date.day > 0) {
        out += written_day(date.day);
        out.append(language == "de" ? ". " : " ");
    }
    out.append(name);
    if (date.year > 0) {
        out.push_back(' ');
        out.append(std::to_string(date.year));
    }
    return out;
}

namespace {

// True when `date`, as write_date() wrote it, is a year alone ("1990").
bool is_year(std::string_view date) {
    return date.size() == 4 && std::all_of(date.begin(), date.end(), [](char c) { return is_ascii_digit(c); });
}

// True when `date`, as write_date() wrote it in `language`, names a day of the month: "4 juin",
// "vendredi 7 juillet"; not "mai 1990" or "vendredi".
bool names_a_day(std::string_view date, std::string_view language) {
    if (is_year(date)) return false;
    if (!date.empty() && is_ascii_digit(date[0])) return true;
    const std::size_t space = date.find(' ');
    if (space == std::string_view::npos || space + 1 >= date.size() || !is_ascii_digit(date[space + 1])) return false;
    std::string_view first = date.substr(0, space);
    if (first.ends_with(',')) first.remove_suffix(1);
    return weekday_of(first, language, true) > 0;
}

// English nouns for what a letter refers to by its date: "your letter of 12 March", where the
// models write the preposition they learned for the day of the week that stood in ("from", "on",
// even "off").
bool dated_by_of(std::string_view noun) {
    static constexpr std::array<std::string_view, 16> nouns = {
        "letter", "letters", "email", "e-mail", "emails", "mail", "message", "invoice",
        "bill",   "fax",     "note",  "order",  "offer",  "reply", "request", "application"};
    return std::find(nouns.begin(), nouns.end(), noun) != nouns.end();
}

// True when `date`, as write_date() wrote it, is a range of days ("14 to 17 August").
bool is_day_range(std::string_view date, std::string_view language) {
    const std::string_view joiner = language == "en" ? " to " : language == "fr" ? " au " : language == "de" ? ". bis " : "";
    return !joiner.empty() && date.find(joiner) != std::string_view::npos;
}

// True when English needs "on" between `word` (lowercase, the word the translation ends with)
// and a day ("opens 5 December"): after a verb or a noun, not after a preposition, an article,
// a form of "be" ("Today is 3 May"), a number or punctuation. The models write "on" before "Monday"
// mostly but not always, and a date then reads without it.
bool takes_on_before_a_day(std::string_view word) {
    static constexpr std::array<std::string_view, 36> no_on = {
        "on",   "of",    "from", "to",     "until", "till",   "by",     "before", "after",
        "since", "between", "and", "or",   "than",  "the",    "a",      "an",     "this",
        "that", "every", "each", "next",   "last",  "as",     "for",    "in",     "at",
        "during", "around", "about", "is", "was",   "are",    "were"};
    if (word.empty()) return false;
    for (char c : word)
        if (!(c >= 'a' && c <= 'z')) return false;  // punctuation, a number
    return std::find(no_on.begin(), no_on.end(), word) == no_on.end();
}

}  // namespace

std::string word_before_date(std::string_view word, std::string_view date, std::string_view language,
                             std::string_view word_before_that) {
    const bool day_first = names_a_day(date, language);
    // A range of days starts with "from" in each language, whatever the day standing in took:
    // "on 14 to 17 August" -> "from", "aus 3. bis 28. März" -> "vom", "le 14 au 17 août" -> "du".
    if (day_first && is_day_range(date, language)) {
        if (language == "en" && (word == "on" || word == "at" || word == "in")) return "from";
        if (language == "de" && (word == "am" || word == "an" || word == "aus" || word == "von" || word == "ab")) return "vom";
        if (language == "fr" && (word == "le" || word == "de" || word == "à" || word == "au" || word == "un")) return "du";
    }
    // German writes a year without a preposition where a month takes "im": "im Juni" -> "1990".
    if (language == "de" && is_year(date) && (word == "im" || word == "in")) return {};
    if (language == "fr" && day_first) {
        if (word == "de") return "du";
        if (word == "à") return "au";
        if (word == "un") return "le";
    } else if (language == "de" && day_first) {
        // German takes an article before a day where a day of the week had none: "bis Montag"
        // -> "bis zum 4. Juni", "seit Montag" -> "seit dem 4. Juni", "von" -> "vom".
        if (word == "von") return "vom";
        if (word == "an") return "am";
        if (word == "zu") return "zum";
        if (word == "bis") return "bis zum";
        if (word == "seit" || word == "vor" || word == "nach" || word == "ab") return std::string(word) + " dem";
        if (word == "für") return "für den";
    } else if (language == "en" && word == "the") {
        return {};
    } else if (language == "en" && day_first && (word == "on" || word == "from" || word == "off") && dated_by_of(word_before_that)) {
        return "of";
    }
    return std::string(word);
}

void append_date(std::string& out, std::string_view date, std::string_view language, bool capitalise) {
    // [start, end) of the word that ends at `pos` (spaces before `pos` skipped), back to one of `stops`.
    const auto word_ending_at = [&](std::size_t pos, std::string_view stops) {
        std::size_t end = pos;
        while (end > 0 && out[end - 1] == ' ') --end;
        std::size_t start = end;
        while (start > 0 && stops.find(out[start - 1]) == std::string_view::npos) --start;
        return std::pair{start, end};
    };
    // The word before, as the translation ends: after a space, or after an elision ("jusqu'à").
    const auto [start, end] = word_ending_at(out.size(), " '(");
    std::string before;
    for (std::size_t at = start; at < end;) {
        const Utf8Char c = decode_utf8_at(out, at);
        append_utf8(before, to_lower(c.well_formed ? c.code_point : U'\uFFFD'));
        at += std::max<std::size_t>(1, c.length);
    }
    const bool before_capitalised = end > start && is_upper(decode_utf8_at(out, start).code_point);
    // And the word before that, lowercase, for English "your letter of 12 March".
    const auto [that_start, that_end] = word_ending_at(start, " ");
    const std::string before_that = ascii_lowercase(std::string_view(out).substr(that_start, that_end - that_start));
    // Replaces the word before by `word`, keeping its capital.
    const auto replace_before = [&](std::string word) {
        if (before_capitalised && !word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
        out.replace(start, end - start, word);
    };
    std::string text(date);
    if (capitalise && !text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
    const std::string fitted = word_before_date(before, text, language, before_that);
    if (fitted.empty() && !before.empty()) {
        out.erase(start, out.size() - start);
    } else if (fitted != before) {
        replace_before(fitted);
    } else if (language == "fr" && text[0] >= '0' && text[0] <= '9' && !is_year(text) && before != "le" && before != "du" &&
               before != "au" && before != "ce" && before != "les" && before != "des" && before != "aux") {
        text = std::string(is_day_range(text, language) ? (capitalise ? "Du " : "du ") : (capitalise ? "Le " : "le ")) + text;
    } else if (language == "en" && names_a_day(text, language) && takes_on_before_a_day(before)) {
        text = "on " + text;  // "The store opens 5 December" (fr-en "le 5 décembre", "Monday" standing in)
    }
    out += text;
}

std::string_view month_name(int month, std::string_view language) {
    if (month < 1 || month > 12) return {};
    const std::size_t m = static_cast<std::size_t>(month - 1);
    if (language == "en") return kEnglishWritten[m];
    if (language == "fr") return kFrenchWritten[m];
    if (language == "de") return kGermanWritten[m];
    return {};
}

const std::vector<std::string>& weekday_names(std::string_view language) {
    static const std::vector<std::string> english = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    static const std::vector<std::string> french = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    static const std::vector<std::string> german = {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"};
    static const std::vector<std::string> none;
    if (language == "en") return english;
    if (language == "fr") return french;
    if (language == "de") return german;
    return none;
}

}  // namespace attentive
