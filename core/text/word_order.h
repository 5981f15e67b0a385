#pragma once
// Word order for right-to-left models: a translator trained on targets with their words in
// reverse order reads a translation from its end, and so scores it from the other side
// (ModelConfig::right_to_left_model). scripts/reverse-words.py makes its training targets the
// same way.

#include <string>
#include <string_view>

namespace attentive {

// The words of `text` (split at spaces, tabs and line ends) in reverse order, joined by single
// spaces: "A man sleeps on a couch." -> "couch. a on sleeps man A".
std::string reversed_words(std::string_view text);

}  // namespace attentive
