#pragma once
// Cardinal number words the models translate reliably, for a plain count in a sentence
// ("250 kilometres") to stand in for it while the model translates: "We drove six kilometres in
// three hours" is a sentence the models know, "We drove Tom kilometres in Boston hours" is not,
// and they drop the surrogates of the second (scripts/measure-protected.py).

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// The words for two, three, ... twelve, twenty in `language` ("en", "fr", "de"), in the same
// order for every language, so that position i of two lists is one number; empty for another
// language. "One" is left out: it is also a pronoun and an article, with genders.
const std::vector<std::string>& count_words(std::string_view language);

}  // namespace attentive
