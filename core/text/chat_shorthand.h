#pragma once
// The shorthand people type in chat, written out for the English models. None of the training
// text writes "thx", "u", "idk", "gotta" or a lower-case "i" (Tatoeba never, DailyDialog rarely),
// so such a message was words the models did not know: "thx for ur help, c u tmrw" -> "Die
// Krüße um Hilfe, grührert.", "r u coming to the party tonight?" -> "Was kommt heute Abend auf
// die Party?", "i think i left my keys at your place" -> "Einer Meinung, dass ich meine
// Schlüssel ...". Written out ("thanks for your help, see you tomorrow") the same models get
// them right. The translator and the chat model read an English source written out, and the
// heatmap shows the words as typed.

#include <string>
#include <string_view>
#include <vector>

#include "core/text/rewritten_words.h"

namespace attentive {

// Each shorthand word of `text` (English) with what it stands for, in order:
// - abbreviations and spellings of chat ("thx", "pls", "tmrw", "b4", "gr8", "idk", "btw",
//   "asap", "gonna", "wanna", "gotta", "dunno", "cuz");
// - "u", "ur", "r", "ya" for "you", "your", "are", "you" (lower case only: "U-turn", "R&B" and
//   "U.S." stay), and "c" for "see" before "u", "ya" or "you";
// - a contraction typed without its apostrophe, where no English word is spelled so ("dont",
//   "cant", "im", "ive", "youre", "thats"; not "its", "well", "ill", "were", "lets");
// - "&" between spaces for "and" (not "R&B", "AT&T");
// - "i" for "I", alone or contracted ("i'm", "i'll"), and the names of days, months (not "may",
//   "march", "august") and languages typed in lower case ("friday", "english").
// A phrase is capitalised at the start of a sentence ("Idk" -> "I don't know"); a word touching
// a digit, "-", "@", "/", "_" or a dot followed by a letter is left alone.
std::vector<RewrittenWord> shorthand_words(std::string_view text);

// `text` with shorthand_words() in place.
std::string with_shorthand_written_out(std::string_view text);

}  // namespace attentive
