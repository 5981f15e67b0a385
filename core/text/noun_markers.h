#pragma once
// Words that announce a common noun, in a language that capitalises every noun. German writes
// "ein Duell", "auf dem Mars", "einen langen Rüssel" with the same capital as "Aisha": a
// capitalised word the model's known_words.txt does not list is a name there only when no
// article stands before it. Protecting "Duell" as a name ("bei einem Tom") cost de-en 0.2 BLEU
// on Tatoeba dev (scripts/measure-protected.py keeps the names this must not lose).

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// Lowercase articles, determiners and preposition-article contractions ("dem", "einen", "ins")
// after which a capitalised word, directly or past adjectives, is a noun, for `language`
// ("de"); empty for a language that capitalises names only. "das" and "ihr" are left out:
// they are pronouns as often ("Ist das Tom?", "Kennt ihr Tom?").
const std::vector<std::string>& noun_markers(std::string_view language);

}  // namespace attentive
