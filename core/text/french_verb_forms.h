#pragma once
// French verb forms that en-fr gets wrong in a way the sentence itself tells, fitted after
// decoding in the text and in the heatmap's labels.
//
// The future after "je" takes -ai: "j'arriverai", "je deviendrai". en-fr wrote the third
// person's -a for two of fifteen "I will ..." sentences of mine ("J'arrivera à midi.", "Je
// deviendra un médecin.") and once in its dev sets' 30 ("je deviendra"). A word of four letters
// or more that ends in "ra" right after "je" or "j'" (past "ne" and the object pronouns, "y" and
// "en": "je ne te le dira") gets its "i".
//
// Two verbs in the compound past with one subject share it: "J'ai ouvert la boîte et ai trouvé
// une lettre.". en-fr wrote the second auxiliary in the third person singular in 8 of 8 such
// sentences of mine ("J'ai ouvert la boîte et a trouvé une lettre.", "Nous sommes arrivés en
// retard et est allés directement au lit."). An "a" or "est" after "et" (and the object
// pronouns: "et l'a adopté") and before a past participle takes the person of the compound past
// before it in the same clause: "et ai trouvé", "et sommes allés", "et l'ai adopté".
//
// An age takes "avoir": "Les jumeaux ont cinq ans.". en-fr wrote "être", as English does, in
// "Les jumeaux sont cinq ans aujourd'hui." and "Mon fils était sept ans hier." (core/text/
// age_phrases.h). "Être" before a number and "ans" (not after "c'": "C'est vingt ans de
// travail") takes "avoir" in the same person and tense; the elision follows ("Je suis trente
// ans" -> "J'ai trente ans").

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// `text` with each such future in the first person.
std::string with_first_person_future(std::string_view text);

// The same for a hypothesis's pieces (display form, `word_start` per piece), so that the
// heatmap's labels read as the text: the verb's last piece gets the "i".
void first_person_future_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start);

// `text` with each "être" before an age in "avoir" (before the elisions are fitted).
std::string with_avoir_for_ages(std::string_view text);

// The same for a hypothesis's pieces: the verb's piece takes the new form.
void avoir_for_age_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start);

// `text` with each such auxiliary in the person of its clause's first one.
std::string with_agreeing_auxiliaries(std::string_view text);

// The same for a hypothesis's pieces: the auxiliary's piece takes the new form.
void agree_auxiliary_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start);

// Whether the lowercase `word` ends as a French past participle does: "trouvé", "allés",
// "fini", "pris", "fait", "ouvert", "vu", "eu".
bool looks_like_french_participle(std::string_view word);

// A present form of an auxiliary of the compound past, "avoir" or "être" ("ai", "sont"): which
// verb, and its person (0 je, 1 tu, 2 il, 3 nous, 4 vous, 5 ils).
struct FrenchAuxiliary {
    bool etre = false;
    std::size_t person = 0;
};
std::optional<FrenchAuxiliary> french_auxiliary(std::string_view word);
// The present form of "être" (`etre`) or "avoir" in `person` ("avoir", 3 -> "avons").
std::string_view french_auxiliary_form(bool etre, std::size_t person);

}  // namespace attentive
