#include "core/text/word_order.h"

#include <vector>

namespace attentive {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string reversed_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end])) ++end;
        if (end > i) words.push_back(text.substr(i, end - i));
        i = end;
    }
    std::string joined;
    for (auto word = words.rbegin(); word != words.rend(); ++word) {
        if (!joined.empty()) joined += ' ';
        joined += *word;
    }
    return joined;
}

}  // namespace attentive
