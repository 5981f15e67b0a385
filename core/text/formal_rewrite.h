#pragma once
// The familiar "you" a formal text's sentence kept, written formally where the words allow it.
// The translators lean to "du" and "tu" (they learned them from everyday sentences), and a
// sentence whose beam holds no formal reading that keeps its content stays familiar in a text
// that is formal throughout (a letter's salutation, a business's message, the user's choice):
// "Danke für Ihre Nachricht. Leider ist das Zimmer, das du gebeten hast, ...", "Si vous avez
// des questions, s'il te plaît, ...".
//
// French: "te plaît" becomes "vous plaît" ("s'il vous plaît", "ça vous plaît"), a greeting
// "Salut" "Bonjour" (the user chose "Formal" for a letter that opens "Hi Sophie,"), and a common
// imperative first in its clause that of "vous" ("Passe une bonne journée !" -> "Passez ...",
// "Amuse-toi bien" -> "Amusez-vous bien").
// German, clause by clause (a comma, colon or end mark closes one): in a clause with "du", "du"
// becomes "Sie", its verb the third person plural ("hast" -> "haben", "kommst" -> "kommen",
// "siehst" -> "sehen"; the verb before "du", else the one after it, else the clause's last),
// "dich" and "dir" "sich" (they are reflexive there), "dein..." "Ihr..."; in a clause without
// it, "dich" becomes "Sie", "dir" "Ihnen", "dein..." "Ihr...", and a clause that opens with a
// du-imperative of a letter's requests asks with "Sie" ("sag es uns bitte" -> "sagen Sie es uns
// bitte", "Ruf mich an" -> "Rufen Sie mich an"; is_german_du_imperative). Other imperatives
// ("Sei vorsichtig", "Komm schon") stay.

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// `text` (one sentence in `language`) so written; unchanged for other languages.
std::string with_formal_forms(std::string_view text, std::string_view language);

// The same for a hypothesis's pieces (display form, `word_start` per piece), so that the
// heatmap's labels read as the text: words of one piece are relabelled ("du" -> "Sie", "hast"
// -> "haben"); a word of several pieces keeps its labels.
void relabel_formal_forms(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                          std::string_view language);

// The German verb form that goes with "Sie" for one that goes with "du" (lower case: "hast" ->
// "haben", "arbeitest" -> "arbeiten", "sammelst" -> "sammeln", "vergisst" -> "vergessen"); ""
// when `word` is no such form ("fest", "erst", "gut").
std::string german_formal_verb(std::string_view word);

}  // namespace attentive
