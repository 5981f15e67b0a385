#pragma once
// Whether a sentence says "not". A translation that drops the source's negation says the
// opposite ("I am sorry that I did not write sooner" -> "Je suis désolé d'avoir écrit plus
// tôt"), and the beam often holds the negated translation a little further down ("... de ne pas
// avoir écrit plus tôt", ranked third). Translating from English, the translator prefers a
// hypothesis that keeps the negation when it scores close to the best (core/translator.cpp).

#include <string_view>

namespace attentive {

// True when `text` in `language` ("en", "fr" or "de"; false for any other) holds a negation
// word: English not, n't, never, no, nothing, nobody, ...; French ne/n', pas, jamais, rien,
// aucun, non, ...; German nicht, kein..., nie, nichts, niemand..., nein, ...
bool has_negation(std::string_view text, std::string_view language);

// Whether `word` is one that carries a negation in `language`, the one a translation that lost
// it should have rendered: German nicht, kein-, nie, nichts, niemand, ... but not "nein" (an
// answer, not a clause's negation). False for other languages.
bool is_negating_word(std::string_view word, std::string_view language);

}  // namespace attentive
