#pragma once
// Times of day told in words: English "half past ten", "a quarter to eight", "twenty past
// eight"; French "dix heures et demie", "huit heures moins le quart", "huit heures vingt";
// German "halb elf", "Viertel nach neun", "zehn vor sechs", "acht Uhr zwanzig". The models
// got most of them wrong, often by an hour: "half past ten" -> "halb zehn" (9:30), "halb vier"
// -> "half four", "Viertel nach neun" -> "quarter to nine", "twenty past eight" -> "vingt
// heures", "neuf heures et quart" -> "nine and art". The translator protects each as a time
// (core/text/times.h) and tells it in the target language's words, on the same 12-hour clock.

#include <string>
#include <string_view>
#include <vector>

#include "core/text/times.h"

namespace attentive {

// The clocks in words of `sentence` in `language` ("en", "fr", "de"; none for another), in
// order, each with `in_words` set (but "10 o'clock", an hour in digits). The hour is the one the clock names (1 to 12 as people say
// it, 0 past French "minuit"; 13 to 23 for a French or German 24-hour clock in words,
// "dix-neuf heures trente"). Phrases
// that may be a duration or a range are read only after a word that announces a time: French
// "à dix heures et demie" (not "j'ai attendu deux heures et demie"), English "at ten to six"
// (not "from five to ten").
std::vector<WrittenTime> find_word_clocks(std::string_view sentence, std::string_view language);

// A clock of find_word_clocks() told in `language`'s words ("half past ten", "dix heures et
// demie", "halb elf"); a 24-hour one as times.h writes it in digits. "" for another language.
std::string write_word_clock(const WrittenTime& time, std::string_view language);

}  // namespace attentive
