#pragma once
// Times of day written the way one language writes them: English "6:40 pm", "9 a.m.", French
// "18 h 40", "9h", "18 heures", German "18.40 Uhr", "9 Uhr". The models dropped what makes them
// times ("6:40 pm" -> "à 6:40", twelve hours early; "à 18 h 40" -> "18 40"; "vers 18 heures" ->
// "at 18 hours"), so the translator
// protects each as one span and writes it as the target language does
// (core/text/protected_spans.h).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

struct WrittenTime {
    std::size_t begin = 0;   // byte offset in the sentence
    std::size_t length = 0;  // bytes
    int hour = 0;            // 0..23
    int minute = 0;          // 0..59
    bool minutes_written = false;  // "4:00 a.m.", "18 h 40"; not "4 a.m."
    bool twelve_hour = false;      // written with am or pm
    bool in_words = false;         // told in words, "half past ten" (core/text/word_clocks.h)
    // Said to be approximate, the words that say so in the span ("around 6 pm", "at about 6 pm",
    // "vers 18 heures", "gegen 18 Uhr"): the models wrote "at 18:00" for "vers 18 heures" and
    // "um 6 Uhr abends" for "around 6 pm".
    bool approximate = false;
};

// The times of `sentence` in `language` ("en", "fr", "de"; none for another language), in
// order: English hours with "am"/"pm" ("6:40 pm", "6:40PM", "9 a.m."), French hours with "h" or
// "heures" ("18 h 40", "18h40", "9 h", "18 heures", "14 heures 30", after a word that announces
// a time: "à", "vers"), German hours with
// "Uhr" ("18:40 Uhr", "18.40 Uhr", "9 Uhr"); and in each a plain clock ("18:40", "6:40") after a
// word that announces a time ("at", "à", "um"), read on a 24-hour clock; clocks in words
// ("half past ten", "dix heures et demie", "halb elf": core/text/word_clocks.h). A time after a
// word that makes it approximate ("around", "about", "vers", "environ", "gegen", "etwa") starts
// with that word, and with the preposition before it ("at about", "à environ", "etwa um").
std::vector<WrittenTime> find_times(std::string_view sentence, std::string_view language);

// Where a time that starts at byte `begin` of `sentence` starts with the words before it that
// make it approximate ("around 6 pm", "at about 6 pm", "vers 18 heures", "gegen 18 Uhr", "etwa
// um 18 Uhr"), or `begin` when none do.
std::size_t approximate_begin(std::string_view sentence, std::size_t begin, std::string_view language);

// Whether a time's span `span` (as find_times found it in `language`) is an approximate one
// ("around 6 pm", "at about 6 pm", "vers 18 heures", "etwa um 22 Uhr").
bool is_approximate_time(std::string_view span, std::string_view language);

// The preposition `language` puts before a time: "at", "à", "um"; "" for another.
std::string_view time_preposition(std::string_view language);

// The bytes at the end of `before` (a translation up to a time) that repeat the preposition an
// approximate time `time`, as write_time writes it, brings: "um " before "gegen 18 Uhr", "à "
// before "vers 18 h" (the models write "um Mitternacht" for the "um Mitternacht" they read);
// 0 when none do. English keeps "at around 18:00".
std::size_t repeated_time_preposition(std::string_view before, std::string_view time);

// `time` as `language` writes it, with the digits it was written with: a 24-hour time as
// "18:40" and "9:00" in English, "18 h 40" and "9 h" in French, "18:40 Uhr" and "9 Uhr" in
// German; an am/pm time with the part of the day ("4:00 a.m." -> "4 h 00 du matin", "3 p.m." ->
// "3 Uhr nachmittags"), as the Tatoeba references write them; a clock in words in words
// (write_word_clock); an approximate time after "around", "vers" or "gegen". "" for another
// language.
std::string write_time(const WrittenTime& time, std::string_view language);

}  // namespace attentive
