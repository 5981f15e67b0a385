#include "core/text/family_words.h"

#include <array>
#include <vector>

#include "core/text/languages.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Each person: how each language may write the word (en, fr, de), and how each calls them.
struct Family {
    std::array<std::vector<std::string_view>, 3> reads;
    std::array<std::string_view, 3> written;
};

const std::vector<Family>& family() {
    static const std::vector<Family> table = {
        {{{{"Mum", "Mom", "Mummy", "Mommy"}, {"maman", "Maman"}, {"Mama", "Mutti", "Mami"}}}, {"Mom", "maman", "Mama"}},
        {{{{"Dad", "Daddy"}, {"papa", "Papa"}, {"Papa", "Vati", "Papi"}}}, {"Dad", "papa", "Papa"}},
        // The formal words stay formal: "Dinner is ready, Father." -> "Le dîner est prêt, père.".
        {{{{"Mother"}, {"mère"}, {"Mutter"}}}, {"Mother", "mère", "Mutter"}},
        {{{{"Father"}, {"père"}, {"Vater"}}}, {"Father", "père", "Vater"}},
        {{{{"Grandma", "Granny", "Nana", "Grandmother"}, {"mamie", "Mamie", "mémé", "grand-mère"}, {"Oma", "Omi"}}},
         {"Grandma", "mamie", "Oma"}},
        {{{{"Grandpa", "Granddad", "Grandad", "Grandfather"}, {"papi", "Papi", "papy", "Papy", "pépé", "grand-père"},
           {"Opa", "Opi"}}},
         {"Grandpa", "papi", "Opa"}},
    };
    return table;
}

}  // namespace

std::pair<std::size_t, std::string_view> family_word_at(std::string_view text, std::size_t at,
                                                        std::string_view source_language,
                                                        std::string_view target_language) {
    const int source = language_index(source_language), target = language_index(target_language);
    if (source < 0 || target < 0 || at > text.size()) return {0, {}};
    for (const Family& person : family())
        for (std::string_view word : person.reads[static_cast<std::size_t>(source)]) {
            const std::size_t end = at + word.size();
            if (text.compare(at, word.size(), word) != 0 ||
                (end < text.size() && is_letter(decode_utf8_at(text, end).code_point)))
                continue;
            return {word.size(), person.written[static_cast<std::size_t>(target)]};
        }
    return {0, {}};
}

std::pair<std::size_t, std::string_view> family_word_ending(std::string_view text, std::size_t at,
                                                            std::string_view source_language,
                                                            std::string_view target_language) {
    const auto found = family_word_at(text, at, source_language, target_language);
    std::size_t end = at + found.first;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
    const std::string_view mark = text.substr(end);
    if (found.first == 0 || !(mark.empty() || mark == "!" || mark == "." || mark == "?")) return {0, {}};
    return found;
}

}  // namespace attentive
