#pragma once
// French writes the future after "je" with -ai: "j'arriverai", "je deviendrai". en-fr wrote the
// third person's -a for two of fifteen "I will ..." sentences of mine ("J'arrivera à midi.",
// "Je deviendra un médecin.") and once in its dev sets' 30 ("je deviendra"). After decoding, a
// word of four letters or more that ends in "ra" right after "je" or "j'" (past "ne" and the
// object pronouns, "y" and "en": "je ne te le dira") gets its "i".

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// `text` with each such future in the first person.
std::string with_first_person_future(std::string_view text);

// The same for a hypothesis's pieces (display form, `word_start` per piece), so that the
// heatmap's labels read as the text: the verb's last piece gets the "i".
void first_person_future_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start);

}  // namespace attentive
