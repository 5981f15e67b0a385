#pragma once
// The words people call their family by ("Mum", "Grandma", "maman", "Oma"), and how each
// language calls the same person. Said to someone ("Merry Christmas, Grandma!", "I love you,
// Mum!", "Hi Mum,"), the models garbled them alone or in a sentence: "Grandma!" -> "bon-toi !",
// "Mum" -> "Motus". The translator writes them from this table instead.

#include <cstddef>
#include <string_view>
#include <utility>

namespace attentive {

// The family word of `source_language` at byte `at` of `text` ("en", "fr", "de"), not the start
// of a longer word ("Mummies", "Papageno"): its length in bytes and how `target_language` calls
// that person ("Mum" -> "maman", "Mama", "Mom"). {0, ""} when none starts there, or for another
// language.
std::pair<std::size_t, std::string_view> family_word_at(std::string_view text, std::size_t at,
                                                        std::string_view source_language,
                                                        std::string_view target_language);

}  // namespace attentive
