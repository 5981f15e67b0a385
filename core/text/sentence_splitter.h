#pragma once
// Splitting a pasted text into sentences and putting the translations back with the original
// spacing, paragraphs and line breaks.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

struct TextSegment {
    std::string sentence;   // the sentence, without surrounding whitespace
    std::string separator;  // the whitespace (spaces, line breaks) that followed it in the input
};

struct SplitText {
    std::string leading;                // whitespace before the first sentence
    std::vector<TextSegment> segments;  // leading + sentence_0 + separator_0 + ... == the input
};

// Splits at sentence ends (. ! ? … and their CJK forms, followed by space or a closing quote or
// bracket then space) and at every line break; keeps abbreviations ("Dr.", "e.g.", "U.S.",
// single initials) and decimals ("3.14") inside sentences. A sentence longer than
// `max_sentence_chars` code points is split further at the last comma, semicolon or space before
// the limit (never silently truncated).
SplitText split_sentences(std::string_view text, std::size_t max_sentence_chars = 500);

// Rebuilds a text: leading + translations[i] + separator_i. Throws std::invalid_argument when
// the counts differ.
std::string join_sentences(const SplitText& split, const std::vector<std::string>& translations);

}  // namespace attentive
