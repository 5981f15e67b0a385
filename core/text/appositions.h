#pragma once
// Names in apposition to a noun after a possessive: "my brother Paul", "notre voisin Dupont",
// "meine Freundin Anna". The models learned such phrases without their names (the corpora have
// few), and write the name where an object goes or drop it: "My brother Paul moved to Vienna"
// -> "Mein Bruder zog Paul nach Wien", "My colleague Sarah will call you" -> "Meine Kollege
// wird Sarah anrufen". Finding them lets the translator put the name right after the noun's
// translation (Translator, restore_appositions).

#include <cstddef>
#include <string_view>
#include <vector>

namespace attentive {

struct Apposition {
    std::string_view head;  // the noun the name follows ("brother"), a view into the sentence
    std::string_view name;  // the name as one span finds it ("Paul", "Mr. Okafor", "Anna Schmidt")
};

// The appositions of `sentence` in `language` ("en", "fr", "de"): a name of `names` (views into
// `sentence`, each starting a word; a title goes with its name) right after a noun, which follows a possessive determiner with at
// most two lower-case words between them ("my little brother Paul"). The noun is a word of
// letters, not a function word: lower case in English and French, capitalised in German. A
// comma or other mark after the noun ends the phrase ("my brother, Paul, ..." is left alone).
std::vector<Apposition> find_appositions(std::string_view sentence, const std::vector<std::string_view>& names,
                                         std::string_view language);

}  // namespace attentive
