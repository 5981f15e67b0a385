#include "core/text/quotes.h"

#include <array>

namespace attentive {

namespace {

constexpr std::array<std::string_view, 6> kMarks = {"\"", "“", "”", "„", "«", "»"};
constexpr std::string_view kNoBreakSpace = "\u00A0";

struct Mark {
    std::size_t at = 0, length = 0;
};

std::size_t mark_length_at(std::string_view text, std::size_t at) {
    for (std::string_view mark : kMarks)
        if (text.substr(at).starts_with(mark)) return mark.size();
    return 0;
}

std::vector<Mark> marks_of(std::string_view text) {
    std::vector<Mark> marks;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = mark_length_at(text, at);
        if (length == 0) {
            ++at;
            continue;
        }
        marks.push_back({at, length});
        at += length;
    }
    return marks;
}

struct QuoteStyle {
    std::string_view open, close;
    bool spaced = false;  // a no-break space inside each mark (French)
};

QuoteStyle style_of(std::string_view language) {
    if (language == "fr") return {"«", "»", true};
    if (language == "de") return {"„", "“", false};
    return {"\"", "\"", false};
}

// Plain, no-break and narrow no-break spaces.
constexpr std::array<std::string_view, 3> kSpaces = {" ", kNoBreakSpace, "\u202F"};

// The byte length of the space that starts at `at`, or 0.
std::size_t space_at(std::string_view text, std::size_t at) {
    for (std::string_view space : kSpaces)
        if (text.substr(at).starts_with(space)) return space.size();
    return 0;
}

// The byte length of the space that ends at `end`, or 0.
std::size_t space_before(std::string_view text, std::size_t end) {
    for (std::string_view space : kSpaces)
        if (text.substr(0, end).ends_with(space)) return space.size();
    return 0;
}

bool is_final_punctuation(char c) { return c == '.' || c == '!' || c == '?'; }

// Where the closing mark the translation lost goes, by where the source has it: before the
// comma after the quotation (after it in English, which puts the comma inside), or at the end
// (before the final stop when the source's stop follows its mark). npos: no telling.
std::size_t lost_closing_at(std::string_view translation, std::size_t open_end, std::string_view source,
                            const Mark& source_close, std::string_view language) {
    std::size_t after = source_close.at + source_close.length;
    while (after < source.size() && space_at(source, after) > 0) after += space_at(source, after);
    std::size_t before = source_close.at;
    while (before > 0 && space_before(source, before) > 0) before -= space_before(source, before);
    const bool comma = (after < source.size() && source[after] == ',') || (before > 0 && source[before - 1] == ',');
    if (comma) {
        const std::size_t at = translation.find(',', open_end);
        if (at == std::string_view::npos) return at;
        return language == "en" ? at + 1 : at;
    }
    const std::string_view rest = source.substr(after);
    if (rest.find_first_not_of(".!?…") != std::string_view::npos) return std::string_view::npos;
    std::size_t end = translation.size();
    while (end > 0 && translation[end - 1] == ' ') --end;
    if (!rest.empty())
        while (end > open_end && is_final_punctuation(translation[end - 1])) --end;
    return end;
}

}  // namespace

std::string with_paired_quotes(std::string_view translation, std::string_view source, std::string_view language) {
    const std::vector<Mark> source_marks = marks_of(source);
    std::vector<Mark> marks = marks_of(translation);
    // Marks are paired in order only where the translation has the source's: a model that wrote
    // more or fewer ("zwischen „Amme““ und ...") may have paired them otherwise.
    if (source_marks.empty() || marks.empty() || source_marks.size() % 2 != 0 ||
        (marks.size() != source_marks.size() && marks.size() + 1 != source_marks.size()))
        return std::string(translation);
    const QuoteStyle style = style_of(language);
    std::string text(translation);
    if (marks.size() % 2 != 0) {
        // One mark lost, of a quotation that is the source's only one: the opening at the start,
        // or the closing.
        if (source_marks.size() != 2 || marks.size() != 1) return text;
        std::size_t first = 0;
        while (first < source.size() && space_at(source, first) > 0) first += space_at(source, first);
        if (source_marks.front().at == first && marks.front().at > 0) {
            text.insert(0, style.open);
        } else {
            const std::size_t at = lost_closing_at(translation, marks.front().at + marks.front().length, source,
                                                   source_marks.back(), language);
            if (at == std::string_view::npos) return text;
            text.insert(at, style.close);
        }
        marks = marks_of(text);
    }
    std::string out;
    std::size_t copied = 0;
    for (std::size_t k = 0; k < marks.size(); ++k) {
        const bool opening = k % 2 == 0;
        std::size_t begin = marks[k].at, end = marks[k].at + marks[k].length;
        // The spaces inside the pair are the style's.
        if (opening)
            while (end < text.size() && space_at(text, end) > 0) end += space_at(text, end);
        else
            while (begin > copied && space_before(text, begin) > 0) begin -= space_before(text, begin);
        out.append(text, copied, begin - copied);
        if (opening) {
            out += style.open;
            if (style.spaced) out += kNoBreakSpace;
        } else {
            if (style.spaced) out += kNoBreakSpace;
            out += style.close;
        }
        copied = end;
    }
    out.append(text, copied);
    return out;
}

void pair_quote_pieces(std::vector<std::string>& pieces, std::string_view text, std::string_view language) {
    const std::size_t in_text = marks_of(text).size();
    std::size_t in_pieces = 0;
    for (const std::string& piece : pieces) in_pieces += marks_of(piece).size();
    if (in_pieces == 0 || (in_pieces != in_text && in_pieces + 1 != in_text)) return;
    // An opening mark put back at the text's start shifts the pieces' marks by one.
    const bool opening_added = in_pieces + 1 == in_text && mark_length_at(text, 0) > 0 &&
                               !(pieces.front().size() > 0 && mark_length_at(pieces.front(), 0) > 0);
    const QuoteStyle style = style_of(language);
    std::size_t k = opening_added ? 1 : 0;
    for (std::string& piece : pieces) {
        const std::vector<Mark> marks = marks_of(piece);
        if (marks.empty()) continue;
        std::string out;
        std::size_t copied = 0;
        for (const Mark& mark : marks) {
            out.append(piece, copied, mark.at - copied);
            out += k++ % 2 == 0 ? style.open : style.close;
            copied = mark.at + mark.length;
        }
        piece = out.append(piece, copied);
    }
}

}  // namespace attentive
