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

// family_word_at when nothing but spaces and at most one closing mark ("!", ".", "?") follows the
// word in `text`: the person a sentence calls at its end ("Grandma!", "mamie !"). {0, ""}
// otherwise.
std::pair<std::size_t, std::string_view> family_word_ending(std::string_view text, std::size_t at,
                                                            std::string_view source_language,
                                                            std::string_view target_language);

}  // namespace attentive
