#pragma once
// Ordinal numbers in digits: English "3rd", "21st", French "3e", "1er", German "3." ("im 3.
// Stock"). The models copied them as they were ("sur le sol de 3rd", "im 3rd") or lost them. The
// translator protects each as a span that the model reads as an ordinal word ("third",
// "troisième", "dritten") and writes as the target language does: "3rd floor" -> "3e étage",
// "3. Stock" (core/text/protected_spans.h).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

struct WrittenOrdinal {
    std::size_t begin = 0;   // byte offset in the sentence
    std::size_t length = 0;  // bytes
    int value = 0;
};

// The ordinals in digits of `sentence` in `language` ("en", "fr", "de"; none for another), in
// order. German's "3." only after an article or a preposition joined with one ("im 3. Stock",
// "der 2. Platz"), as a number that ends a sentence is written the same.
std::vector<WrittenOrdinal> find_ordinals(std::string_view sentence, std::string_view language);

// Whether a German ordinal in digits may follow `word` (as written): an article or a preposition
// joined with one ("im", "der", "zum").
bool comes_before_german_ordinal(std::string_view word);

// `value` as an ordinal in digits in `language`: "3rd", "3e" (1: "1er", or "1re" after "la"),
// "3."; `before` is the text before it. "" for another language.
std::string write_ordinal(int value, std::string_view language, std::string_view before = {});

// A French "1er" written by write_ordinal(), fitted to the text before it: "1re" after "la".
// Other ordinals as they are.
std::string fitted_ordinal(const std::string& written, std::string_view before);

// The ordinal word that stands in for an ordinal in `language` ("third", "troisième", "dritten"),
// and every form a translation may give it (German's endings: "dritte", "dritter", ...).
std::string ordinal_stand_in(std::string_view language);
std::vector<std::string> ordinal_stand_in_forms(const std::string& stand_in);

}  // namespace attentive
