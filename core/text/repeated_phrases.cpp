#include "core/text/repeated_phrases.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text/lexicon.h"

namespace attentive {

bool is_genitive_linker(std::string_view word) {
    constexpr std::array<std::string_view, 7> linkers = {"de", "du", "des", "of", "von", "vom", "der"};
    return std::find(linkers.begin(), linkers.end(), word) != linkers.end();
}

bool repeats_a_phrase(std::string_view text) {
    const std::vector<std::string> words = word_keys(text);
    const auto same = [&](std::size_t first, std::size_t second, std::size_t length) {
        return std::equal(words.begin() + first, words.begin() + first + length, words.begin() + second);
    };
    for (std::size_t length = 1; 2 * length <= words.size(); ++length)
        for (std::size_t start = 0; start + 2 * length <= words.size(); ++start) {
            if (length >= 2 && same(start, start + length, length)) return true;
            const std::size_t linker = start + length;
            if (linker + length < words.size() && is_genitive_linker(words[linker]) &&
                same(start, linker + 1, length) && !is_genitive_linker(words[start]))
                return true;
        }
    return false;
}

}  // namespace attentive
