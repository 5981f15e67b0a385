#pragma once
// Words before a capitalised word that tell what it is, in a language where capitals alone do
// not. German capitalises every noun: "ein Duell", "auf dem Mars", "einen langen Rüssel" carry
// the same capital as "Aisha", and a capitalised word the model's known_words.txt does not list
// is a name there only when no article stands before it (protecting "Duell" as a name, "bei
// einem Tom", cost de-en 0.2 BLEU on Tatoeba dev). And after "nach" or "in" a name is a place
// ("nach Madrid", "in Hamburg"), which the models translate right only with a place standing
// in for it ("beim Arzt in Tom" -> "a doctor in Tom's appointment").

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// Lowercase articles, determiners and preposition-article contractions ("dem", "einen", "ins")
// after which a capitalised word, directly or past adjectives, is a noun, for `language`
// ("de"); empty for a language that capitalises names only. "das" and "ihr" are left out:
// they are pronouns as often ("Ist das Tom?", "Kennt ihr Tom?").
const std::vector<std::string>& noun_markers(std::string_view language);

// Lowercase articles and determiners of `language` ("en", "fr"; empty for another) after which a
// lowercase word the model never met is a noun it would garble ("in front of the cinema" ->
// "en face du matin", "send me the invoice" -> "le raréfie"): protected as a name, it is copied.
const std::vector<std::string>& determiners(std::string_view language);

// Titles after which capitalised words are a name, even a word the model knows or a German
// noun ("Herrn Schneider", "Frau Koch", "Mr Baker"), kinship too ("Tante Julia", "Uncle Bob",
// "oncle Paul"), as written (a stop after one is not part of
// it: "Mr.", "M."). German "Herr" and "Frau" only without an article before them ("die Frau").
const std::vector<std::string>& name_titles(std::string_view language);

// True when `title` (one of name_titles(language)) names kinship ("Tante", "Uncle", "mamie"),
// which a possessive may stand before ("my Aunt Julia").
bool kinship_title(std::string_view title, std::string_view language);

// The determiner `masculine` ("mon", "meinem"; as the models write it before the masculine
// name standing in for a titled name) as it stands before a feminine kinship title of the
// target language (`title`: "tante", "mamie", "Tante", "Oma"): "ma", "meiner". "" when `title`
// is no such title or `masculine` no such determiner.
std::string feminine_determiner(std::string_view masculine, std::string_view title);

// `title` (one of name_titles(from)) as `to` writes it before a name ("Mr" -> "M.", "Herr";
// "Herrn" -> "Mr"), or "" when there is none. The models drop or garble titles ("Dr. Smith" ->
// "Le bonheur. Smith"), so a title and its name are one span, written by the translator.
std::string translate_title(std::string_view title, std::string_view from, std::string_view to);

// Lowercase words after which a name is a place: "nach" and "in" in German, "in" in English
// (not before a genitive: "in Anna's car"), "à" in French unless person_cues() says otherwise.
// With a person standing in, the models wrote "arrivés dans Lyon", "lives to Tromsø", "met him
// to Tarragone"; with a place, "à Lyon", "in Tromsø", "in Tarragone". English "to" is left out:
// en-de wrote "Gib das Buch nach Anna" with a place standing in.
const std::vector<std::string>& place_markers(std::string_view language);

// Lowercase words after which a name is a place when the sentence holds a verb of travel
// (travel_cues()): English "to". en-de wrote "We drove from York to Leeds." as "Wir fuhren mit
// Leeds aus York." with a person standing in for Leeds, "von York nach Leeds" with a place, and
// "moved to Tromsø" as "bewegte sich zu Tromsø"; "I gave the book to Siobhan" keeps a person's.
// "from" and nouns of travel were tried and left out: "The letter from Siobhan arrived" became
// "Der Brief aus Siobhan", "took the train from Leeds" lost its train. Empty for another language.
const std::vector<std::string>& travel_place_markers(std::string_view language);

// Word beginnings (lowercase) of verbs of travel: "drove", "flew", "travelling", "moved",
// "returned". Empty for a language without travel_place_markers().
const std::vector<std::string>& travel_cues(std::string_view language);

// Word beginnings (lowercase) that make a name after a place marker a person when the sentence
// holds one: French verbs that take "à" before the person spoken, written or given to ("J'ai écrit
// une lettre à Sophie", "Il a téléphoné à Karim"; a place standing in gave "a letter in Sophie",
// "called in Karim"). Empty for a language without them.
const std::vector<std::string>& person_cues(std::string_view language);

}  // namespace attentive
