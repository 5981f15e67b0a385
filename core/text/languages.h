#pragma once
// The languages the shipped models speak, as the columns of the word tables in core/text
// (letter formulas, family words, fractions): English, French, German, in that order.

#include <string_view>

namespace attentive {

// The column of `language` ("en", "fr", "de") in those tables: 0, 1, 2; -1 for another.
inline int language_index(std::string_view language) {
    if (language == "en") return 0;
    if (language == "fr") return 1;
    if (language == "de") return 2;
    return -1;
}

}  // namespace attentive
