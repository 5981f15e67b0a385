#pragma once
// British spellings, read as the American ones the English models learned. The translators'
// English training text (Tatoeba, Multi30k) spells the American way almost everywhere ("color"
// 210 times, "colour" 2; "theater" 98, "theatre" 1; "apologize" 272, "apologise" 0), and a
// British spelling was a word the models did not know: "What is your favourite colour?" ->
// "Was ist dein Fach-Web?", "We went to the theatre last night." -> "Wir sind gestern Abend in
// die Gänse gegangen.", "Our organisation needs new members." -> "Notre orgue a besoin de
// nouveaux membres.". The translator gives an English source the American spelling before the
// model reads it, and the heatmap shows the words as written.

#include <string>
#include <string_view>
#include <vector>

#include "core/text/rewritten_words.h"

namespace attentive {

// Each whole word of `text` (English) spelled the British way, with its American spelling and its
// capitals kept, in order: -our ("colour", "favourite", "neighbours"), -re ("centre", "theatre",
// "kilometres"), -ise and -isation ("realise", "organisation", for the verbs that take -ize in
// American English, not "advise" or "surprise"), a doubled l ("travelling", "cancelled"), and
// single words ("grey", "programme", "tyre", "maths", "jewellery", "learnt"), plus nouns the
// models know only by their American name ("petrol" -> "gasoline", "lorry" -> "truck",
// "motorway" -> "highway", "pavement" -> "sidewalk", "queue" -> "line"), and "whilst",
// "amongst", and "flat" where it is a home ("my flat is", "a flat in London" -> "apartment";
// not "a flat tyre"). Words with another meaning in American English or in the training text
// ("lift", "mobile", "holiday", "rubbish": "That's rubbish." is "Das ist Unsinn.") stay. A word
// is a run of letters that no digit or "-" touches ("e-mail", "colour-blind" stay).
std::vector<RewrittenWord> american_spellings(std::string_view text);

// `text` with american_spellings() in place.
std::string with_american_spelling(std::string_view text);

}  // namespace attentive
