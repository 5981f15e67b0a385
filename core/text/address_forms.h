#pragma once
// How a translation addresses its reader. German and French tell a familiar "you" (du, tu) from
// a formal one (Sie, vous); English does not, and the models choose either, sentence by sentence:
// "Dear Mrs Keller, thank you for your letter" -> "Sehr geehrte Frau Keller, danke für deinen
// Brief". A letter that opens formally (core/text/letter_formulas.h) keeps the formal form.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/tokenizer.h"

namespace attentive {

// True when `text` holds a familiar second-person form of `language` ("de": du, dich, dir, dein-,
// euch, euer-, and an imperative of "du" of a common verb at a clause's start, "Ruf mich an",
// "Schreib mir bald"; "fr": tu, te, t', toi, ton, ta, tes, and an imperative of "tu" before a
// hyphenated pronoun, "appelle-moi", "dis-le"). Always false for other languages.
bool addresses_familiarly(std::string_view text, std::string_view language);
// How many such forms `text` holds (an imperative with its pronouns counts once).
std::size_t familiar_forms(std::string_view text, std::string_view language);

// How many imperatives addressing the reader `text` holds, familiar or formal: "fr" before a
// hyphenated pronoun ("appelle-moi", "appelez-moi", "allons-y"), "de" at a clause's start
// ("Ruf mich an", "Rufen Sie mich an"); 0 for other languages. A formal reading that has fewer
// lost one: "appelle-moi" -> "m'appelle" ("calls me").
std::size_t imperatives_in(std::string_view text, std::string_view language);

// True when German `word` (lower case) may stand before the verb that opens a clause ("und sag
// es ihm", "Bitte ruf mich an"): "und", "oder", "dann", "aber", "bitte".
bool opens_german_clause(std::string_view word);

// True when German `word` (lower case), first in its clause, is an imperative of "du" ("ruf",
// "schreib", "lass"): one of the common verbs a letter asks with, before an object or particle
// (`next`, lower case: "mich", "es", "bitte") or closing its sentence with "!" (`exclaimed`).
bool is_german_du_imperative(std::string_view word, std::string_view next, bool exclaimed);

// True when `word` (lowercase letters, as word_keys() writes them) is one of those forms.
bool is_familiar_form(std::string_view word, std::string_view language);
// The pieces of `tokenizer` that are such a form whole ("▁du", "▁dein", "▁tu"; not "▁t", which
// starts other words; French "tu" and "toi" after a hyphen too: "Es-tu", "Amuse-toi"), for a
// search that may not write them.
std::vector<int> familiar_form_pieces(const Tokenizer& tokenizer, std::string_view language);
// The same for the formal forms of French ("▁vous", "▁votre", "▁vos", and "vous" after a hyphen:
// "Êtes-vous"); none for German, whose
// "Sie", "Ihnen" and "Ihr" are also "she", "they", "them" and "her".
std::vector<int> formal_form_pieces(const Tokenizer& tokenizer, std::string_view language);

// True when `text` holds a formal second-person form of `language` ("de": Sie, Ihnen, Ihr-
// written with a capital, "Ihr" not first, where it is the familiar plural; "fr": vous, votre,
// vos). German "Sie" first may be "she"; a translation that avoided "du" by the familiar
// plural ("Wohin gehst ihr?") has none.
bool addresses_formally(std::string_view text, std::string_view language);
// How many such forms `text` holds.
std::size_t formal_forms(std::string_view text, std::string_view language);

// True when English `text` says its "you" to several people ("you both", "all of you", "you
// guys", "everyone", "yourselves", ...): French says "vous" to them in a familiar text too.
// False for other languages.
bool addresses_several(std::string_view text, std::string_view language);

}  // namespace attentive
