#pragma once
// French elides "le", "la", "de", "je", "ne", "que" ... before a vowel: "l'idée", "d'un",
// "qu'elle". The translators into French write the article before its noun and wrote "la idée",
// "le étranger", "de ingrédients", "que elle": 29 times in the 3,650 sentences of en-fr's dev
// sets, where the references elide. After decoding, the word is elided before a word that
// starts with a vowel (a, e, i, o, u, accented or not; not "h" or "y", which French elides or
// not word by word, nor "onze", "oui", and not before "et", "ou", "où", "à"); "ce" only before
// "est" and "était" ("ce arbre" wants "cet"), "si" only before "il" and "ils".

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// `text` with the words above elided before the word that follows them.
std::string with_french_elisions(std::string_view text);

// The same for a hypothesis's pieces (display form, `word_start` per piece): a word of one
// piece that the text elides is relabelled "l'", "d'", ... as the text reads.
void elide_french_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start);

}  // namespace attentive
