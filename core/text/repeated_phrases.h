#pragma once
// A translation that says a phrase twice in a row: "I got fired, I got fired." (for "En résumé,
// je me suis fait virer."), "in a pink hat in a pink hat", "vor einem Maschendrahtzaun vor einem
// Maschendrahtzaun". The models do it in 0.2-0.8% of the dev translations, and a reader sees it
// at once; the translator has the model read such a translation again with the second saying
// left out (Translator, retry_repeated_phrases).

#include <string_view>

namespace attentive {

// Whether `text` holds a run of two words or more (word_keys: case and punctuation aside) right
// followed by the same run: "but tomorrow, but tomorrow" yes; "very very", "step by step" no.
// Also a run of one word or more said again after a genitive linker (is_genitive_linker): "le
// petit-déjeuner du petit-déjeuner" for "breakfast included", "une banque de banque" for "a bank
// teller" (0.3% of en-fr dev translations); "côte à côte", "face à face", "Seite an Seite" no.
bool repeats_a_phrase(std::string_view text);

// "de", "du", "des", "of", "von", "vom", "der": between two sayings of a word, a stutter; other
// words between them make idioms ("côte à côte", "step by step", "Tag für Tag").
bool is_genitive_linker(std::string_view word);

}  // namespace attentive
