#pragma once
// French says a name with a reflexive verb, "Je m'appelle Aurélie." (I call myself Aurélie), and
// fr-en, whose training pairs hold "My name is" four times, read it word by word: "I'm calling
// Aurélie.", "She's calling Julie.", even "I'm calling Tom.". A translation that says so where
// the source names someone this way is read again from that phrase with the English one.

#include <optional>
#include <string>
#include <string_view>

namespace attentive {

struct NameIdiom {
    std::string misread;  // as the translation writes it ("I'm calling")
    std::string meant;    // what it should say there ("My name is"), in the misreading's case
};

// The first misreading of a name idiom of `source` in `translation`, for a translator from
// `source_language` into `target_language` (only French into English has any), or none.
std::optional<NameIdiom> misread_name_idiom(std::string_view source, std::string_view translation,
                                            std::string_view source_language, std::string_view target_language);

}  // namespace attentive
