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

namespace attentive {

// `text` (English) with each whole word spelled the British way in its American spelling, its
// capitals kept: -our ("colour", "favourite", "neighbours"), -re ("centre", "theatre",
// "kilometres"), -ise and -isation ("realise", "organisation", for the verbs that take -ize in
// American English, not "advise" or "surprise"), a doubled l ("travelling", "cancelled"), and
// single words ("grey", "programme", "tyre", "maths", "jewellery", "learnt"), plus nouns the
// models know only by their American name ("petrol" -> "gasoline", "lorry" -> "truck",
// "motorway" -> "highway", "pavement" -> "sidewalk", "queue" -> "line"), and "whilst",
// "amongst", and "flat" where it is a home ("my flat is", "a flat in London" -> "apartment";
// not "a flat tyre"). Words with another meaning in American English or in the training text
// ("lift", "mobile", "holiday", "rubbish": "That's rubbish." is "Das ist Unsinn.") stay.
std::string with_american_spelling(std::string_view text);

// Heatmap labels: each word of `pieces` (display form, `word_start` per piece) that
// with_american_spelling wrote for a word of `original` shows that word as written instead, on its
// first piece, the others "·" as pieces that continue it. Sizes do not change.
void relabel_american_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                             std::string_view original);

}  // namespace attentive
