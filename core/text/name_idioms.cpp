#include "core/text/name_idioms.h"

#include <array>
#include <vector>

#include "core/text/chat_context.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

struct Idiom {
    std::string_view source;                      // lowercase, with a straight apostrophe
    std::array<std::string_view, 3> misreadings;  // "" for none
    std::string_view meant;
};

constexpr std::array kFrenchIntoEnglish = {
    Idiom{"je m'appelle", {"I'm calling", "I am calling", "I call"}, "My name is"},
    Idiom{"il s'appelle", {"He's calling", "He is calling", "He calls"}, "His name is"},
    Idiom{"elle s'appelle", {"She's calling", "She is calling", "She calls"}, "Her name is"},
    Idiom{"s'appelle", {"is calling", "", ""}, "is called"},  // "Mon frère s'appelle Marc."
};

// Where `phrase` stands as whole words in `text`, its first letter in either case; npos if not.
std::size_t find_phrase(std::string_view text, std::string_view phrase) {
    const std::string lower = with_lower_first(phrase);
    for (const std::string_view form : {phrase, std::string_view(lower)}) {
        for (std::size_t at = text.find(form); at != std::string_view::npos; at = text.find(form, at + 1)) {
            const std::size_t end = at + form.size();
            const bool starts = at == 0 || !is_ascii_letter(text[at - 1]);
            const bool ends = end == text.size() || !is_ascii_letter(text[end]);
            if (starts && ends) return at;
        }
    }
    return std::string_view::npos;
}

}  // namespace

std::optional<NameIdiom> misread_name_idiom(std::string_view source, std::string_view translation,
                                            std::string_view source_language, std::string_view target_language) {
    if (source_language != "fr" || target_language != "en") return std::nullopt;
    const std::string source_folded = ascii_lowercase(with_straight_apostrophes(source));
    for (const Idiom& idiom : kFrenchIntoEnglish) {
        if (find_phrase(source_folded, idiom.source) == std::string::npos) continue;
        for (const std::string_view misreading : idiom.misreadings) {
            if (misreading.empty()) continue;
            const std::size_t at = find_phrase(translation, misreading);
            if (at == std::string_view::npos) continue;
            const bool capital = translation[at] == misreading.front();
            return NameIdiom{std::string(translation.substr(at, misreading.size())),
                             capital ? std::string(idiom.meant) : with_lower_first(idiom.meant)};
        }
    }
    return std::nullopt;
}

}  // namespace attentive
