#pragma once
// Splitting a pasted text into sentences and putting the translations back with the original
// spacing, paragraphs and line breaks.

#include <cstddef>
#include <optional>
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
    bool cut = false;                   // a sentence was longer than the bound and was cut
};

// The longest sentence, in code points, that the engine decodes as one: longer ones are cut
// (see cut_long_sentence). It bounds the memory of tokenizing, encoding and attending to one
// sentence whatever the input: a pasted log or table without full stops, or a 100,000-character
// "word", costs what a 500-character sentence does.
inline constexpr std::size_t max_sentence_chars = 500;

// Splits at sentence ends (. ! ? … and their CJK forms, followed by space or a closing quote or
// bracket then space) and at every line break; keeps abbreviations ("Dr.", "e.g.", "U.S.",
// single initials) and decimals ("3.14") inside sentences. A sentence longer than
// `max_chars` code points is cut further as cut_long_sentence does (never silently truncated;
// `cut` is set).
SplitText split_sentences(std::string_view text, std::size_t max_chars = max_sentence_chars);

// Cuts `sentence` into pieces of at most `max_chars` code points: at the last ", " or ";" before
// the limit when that leaves a piece of at least a third of it, else at the last space, else
// (one long word) at the limit, which always falls between two code points. The pieces with
// their separators (the whitespace dropped at a cut) rebuild `sentence`; a sentence within the
// limit comes back as one piece.
std::vector<TextSegment> cut_long_sentence(std::string_view sentence, std::size_t max_chars = max_sentence_chars);

// Where the parenthesis that ends `sentence` opens and closes (the bytes of its "(" and ")"),
// after which only final punctuation (". ! ?", then at most one "…", French's space before
// them) follows: "... Friday (I
// have a doctor's appointment)." -> the "(" and the ")". None when `sentence` does not end so,
// the brackets hold nothing or another bracket.
struct AsideBrackets {
    std::size_t open = 0, close = 0;
};
std::optional<AsideBrackets> trailing_aside(std::string_view sentence);

// `split` with a parenthesis that ends a sentence made a sentence of its own: "I can't come on
// Friday (I have a doctor's appointment)." -> "I can't come on Friday", "(I have a doctor's
// appointment).". Read inside the sentence, the models garbled both ("Ich werde heute Freitag
// nicht kommen können, am Freitag eines Arzts zu kommen."). Only where two words or more come
// before it, its brackets are the sentence's last and the sentence's others are balanced.
void split_trailing_asides(SplitText& split);

// Rebuilds a text: leading + translations[i] + separator_i. Throws std::invalid_argument when
// the counts differ.
std::string join_sentences(const SplitText& split, const std::vector<std::string>& translations);

}  // namespace attentive
