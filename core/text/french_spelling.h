#pragma once
// French typed without the "œ" ligature: most keyboards have no key for it, so people write
// "coeur", "soeur", "oeil". The training data spells them with "œ" (Tatoeba's en-fr train split
// has "sœur" 391 times, "soeur" twice), and the models read the two spellings as different
// words: fr-en translated "Mon coeur bat vite." as "My freorer beats fast." and "Ma soeur ..."
// as "Mother ...". The translator gives a French source the spelling the model knows.

#include <string>
#include <string_view>

namespace attentive {

// `text` with the words that are written with "œ" in French ("coeur", "soeurs", "l'oeil",
// "chef-d'oeuvre", "Oeuvres") spelled with it, case kept ("Œuvres", "OEIL" -> "ŒIL"); every
// other character unchanged.
std::string with_french_ligatures(std::string_view text);

}  // namespace attentive
