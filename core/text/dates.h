#pragma once
// Dates written with the month's name ("12 March", "March 12th, 2020", "le 1er mai", "am 4. Juni
// 1974"). The training data holds few of them, and the models garble them ("your letter of 12
// March" -> "votre lettre de 12 mois", "on 4 June" -> "en 4 juins"), so the translator protects a
// whole date as one span and writes it in the target language itself
// (core/text/protected_spans.h). A month alone ("in December") and a day of the week alone ("on
// Tuesday") are protected too, each standing in for one the models translate reliably.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

struct WrittenDate {
    std::size_t begin = 0;   // byte offset in the sentence
    std::size_t length = 0;  // bytes, from the first word of the date to its last
    int day = 0;             // 1..31; 0 for a month alone or with a year ("May 1990"), or a year alone
    int month = 0;           // 1..12
    int year = 0;            // 0 when the date has none
    int weekday = 0;         // 1..7, Monday first: a day of the week alone (day and month 0), or before its date
    int first_day = 0;       // a range's first day ("14 to 17 August": 14, with day 17); 0 for one day
};

// The dates of `sentence` in `language` ("en", "fr", "de"; none for another language), in
// order. English: "12 March", "12th of March", "the 12th of March", "March 12", "March 12th,
// 2020" (capitalised month names, and their abbreviations: "Mar.", "Sept"); French: "12 mars",
// "le 1er mai 2020" (with its article: "le lundi" would read "on Mondays"); German: "12. März",
// "12 März 2020"; a month with a year in each ("May 1990"); in English and German a year alone
// after a preposition that takes one ("in 1990", "seit 2012"; German also "1990 geboren": month
// 0, year set);
// and a month alone ("in December"),
// except where the word is likely something else (month_at() in dates.cpp); and a day of the week
// alone, as weekday_names() writes it (capitalised at a sentence's start: "Lundi"; not a plural,
// "Mondays", nor a compound, "Freitagabend"); a day of the week before its date is part of it
// ("Friday, 7 July", "vendredi 7 juillet", "Freitag, den 7. Juli"), and a range of days in one
// month is one date ("14 to 17 August", "14 au 17 août", "14. bis 17. August"). A year is four
// digits.
std::vector<WrittenDate> find_dates(std::string_view sentence, std::string_view language);

// `date` as `language` writes it: "12 March 2020", "12 mars 2020" ("1er mai"), "12. März 2020",
// "mai 1990", "mardi", "Friday 7 July", "vendredi 7 juillet", "Freitag, 7. Juli", "14 to 17
// August", "14 au 17 août", "14. bis 17. August"; "" for another language.
std::string write_date(const WrittenDate& date, std::string_view language);

// Appends `date` (written in `language`) to `out`, the translation so far, fitting it to the word
// before it, which the model wrote for the surrogate day of the week: French takes an article
// ("avant le 4 juin"), joined to "de" and "à" ("du", "au"), and none after an article or a
// demonstrative ("le lundi", "ce lundi"); "un lundi" becomes "le 4 juin"; German takes one after
// a preposition ("bis zum 4. Juni", "seit dem", "vom", "für den"); English drops "the"
// ("the Monday" -> "3 October"). A date that starts a sentence is capitalised when
// `capitalise` is set ("Le 4 juin").
void append_date(std::string& out, std::string_view date, std::string_view language, bool capitalise);

// The word before a date (lowercase) as append_date() leaves it: "de" -> "du", "à" -> "au", "un"
// -> "le" in French; "bis" -> "bis zum", "von" -> "vom" ... in German; "" for English "the",
// which it drops, and "of" for "on", "from" or "off" after a letter's noun (`word_before_that`: "your
// letter on 12 March" -> "of"); otherwise `word` itself. (For the heatmap's labels too, which
// show what the text reads.)
std::string word_before_date(std::string_view word, std::string_view date, std::string_view language,
                             std::string_view word_before_that = {});

// The days of the week in `language`, Monday first, as written inside a sentence ("Monday",
// "lundi", "Montag"); empty for another language. A date's surrogate is one of them: the
// models translate "on Monday" reliably.
const std::vector<std::string>& weekday_names(std::string_view language);

// The name of `month` (1..12) in `language` as a sentence writes it ("May", "mai", "Mai"), or
// "". A month without a day takes another month as its surrogate: the models translate some
// months reliably and garble others (en-fr: "in December" -> "en di d'investissement").
std::string_view month_name(int month, std::string_view language);

}  // namespace attentive
