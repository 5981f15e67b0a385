#include "core/text/repeated_phrases.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/text/lexicon.h"

namespace attentive {

bool repeats_a_phrase(std::string_view text) {
    const std::vector<std::string> words = word_keys(text);
    for (std::size_t length = 2; 2 * length <= words.size(); ++length)
        for (std::size_t start = 0; start + 2 * length <= words.size(); ++start)
            if (std::equal(words.begin() + start, words.begin() + start + length, words.begin() + start + length))
                return true;
    return false;
}

}  // namespace attentive
