#include "core/text/chat_context.h"

#include <algorithm>
#include <stdexcept>

#include "core/text/utf8.h"

namespace attentive {

std::string turn_separator(std::string_view separator_piece) {
    if (separator_piece.empty()) return " ";
    std::string separator = " ";
    separator += separator_piece;
    separator += ' ';
    return separator;
}

std::string chat_context(std::span<const std::string> turns, int context_turns,
                         std::string_view separator) {
    if (context_turns < 1) {
        throw std::invalid_argument("chat_context: context_turns must be at least 1, got " +
                                    std::to_string(context_turns));
    }
    const std::size_t first = turns.size() - std::min(turns.size(), static_cast<std::size_t>(context_turns));
    std::string context;
    for (std::size_t i = first; i < turns.size(); ++i) {
        if (i > first) context += separator;
        context += turns[i];
    }
    return context;
}

namespace {

// The length of the apostrophe at text[i] (1 for ', 3 for ’), or 0.
std::size_t apostrophe_at(std::string_view text, std::size_t i) {
    if (text[i] == '\'') return 1;
    if (text.substr(i, 3) == "\xE2\x80\x99") return 3;
    return 0;
}

// The length of the contraction ending (m, s, re, ve, ll, d or t, any case) that text[i..]
// starts with as a whole word, or 0.
std::size_t contraction_ending_at(std::string_view text, std::size_t i) {
    for (std::string_view ending : {"m", "s", "re", "ve", "ll", "d", "t"}) {
        if (text.size() < i + ending.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < ending.size() && same; ++k)
            same = (text[i + k] | 0x20) == ending[k];
        if (same && (i + ending.size() == text.size() || !is_ascii_letter(text[i + ending.size()])))
            return ending.size();
    }
    return 0;
}

// Appends a contraction's ending: in capitals as it is ("I'M"), otherwise in lowercase, since
// a sampled reply can put a mixed-case one together from pieces ("I’Ve").
void append_ending(std::string& out, std::string_view ending) {
    const bool all_capitals = std::all_of(ending.begin(), ending.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    for (char c : ending) out.push_back(all_capitals ? c : static_cast<char>(c | 0x20));
}

// The length of the a.m. or p.m. (any case, written "a.m." or "a. m.") at text[i] after a
// time's digit and a space, or 0.
std::size_t day_half_at(std::string_view text, std::size_t i) {
    if (i < 2 || text[i - 1] != ' ' || text[i - 2] < '0' || text[i - 2] > '9') return 0;
    const char half = static_cast<char>(text[i] | 0x20);
    if (half != 'a' && half != 'p') return 0;
    for (std::string_view rest : {". m.", ".m."}) {
        if (text.size() < i + 1 + rest.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < rest.size() && same; ++k)
            same = (text[i + 1 + k] | (rest[k] == 'm' ? 0x20 : 0)) == rest[k];
        if (same) return 1 + rest.size();
    }
    return 0;
}

// `text` with a.m. and p.m. joined ("8 a. m." -> "8 a.m."), as DailyDialog writes them apart, and
// the full stop that would end a sentence after one left to the mark's own ("It leaves at 9:30
// a. m.." -> "It leaves at 9:30 a.m.").
std::string with_joined_day_halves(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = day_half_at(text, i);
        if (length == 0) {
            out.push_back(text[i++]);
            continue;
        }
        out.push_back(text[i]);
        out += '.';
        out.push_back(text[i + length - 2]);  // m or M
        out += '.';
        i += length;
        const std::size_t stop = i < text.size() && text[i] == ' ' ? i + 1 : i;
        const bool ends = stop < text.size() && text[stop] == '.' &&
                          (stop + 1 == text.size() || text[stop + 1] == ' ');
        if (ends) i = stop + 1;
    }
    return out;
}

}  // namespace

std::string tidy_dialogue_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t width = apostrophe_at(text, i);
        if (width == 0) {
            // "$ 25": the space after a currency sign, before a digit.
            const bool after_currency = out.ends_with('$') || out.ends_with("\xC2\xA3") || out.ends_with("\xE2\x82\xAC");
            if (text[i] == ' ' && after_currency && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
                ++i;
                continue;
            }
            out.push_back(text[i++]);
            continue;
        }
        const bool space_before = !out.empty() && out.back() == ' ';
        const std::size_t before_space = out.size() - (space_before ? 1 : 0);
        const bool letter_before = before_space > 0 && is_ascii_letter(out[before_space - 1]);
        const bool space_after = i + width < text.size() && text[i + width] == ' ';
        const std::size_t ending = i + width + (space_after ? 1 : 0);
        const std::size_t ending_length = letter_before ? contraction_ending_at(text, ending) : 0;
        if (ending_length > 0 && (space_before || space_after || ending == i + width)) {
            if (space_before) out.pop_back();
            out.append(text.substr(i, width));
            append_ending(out, text.substr(ending, ending_length));
            i = ending + ending_length;
            continue;
        }
        out.append(text.substr(i, width));
        i += width;
    }
    return with_joined_day_halves(out);
}

namespace {

// Whether the word that ends at byte `end` of `text` (its full stop included) is an abbreviation
// after which a sentence goes on: "a.m.", "e.g." (a letter and a stop, twice), a title.
bool ends_abbreviation(std::string_view text, std::size_t end) {
    std::size_t begin = end;
    while (begin > 0 && text[begin - 1] != ' ') --begin;
    const std::string word = ascii_lowercase(text.substr(begin, end - begin));
    if (word.size() == 4 && word[1] == '.' && word[3] == '.') return true;  // a.m., p.m., e.g., i.e.
    // Not "no.": "No. that's fine." is a sentence far more often than a number's sign.
    for (std::string_view title : {"mr.", "mrs.", "ms.", "dr.", "st.", "prof.", "vs.", "etc."})
        if (word == title) return true;
    return false;
}

// Whether `word` (letters and apostrophes) is the pronoun "i", alone or contracted ("i'm").
bool is_lowercase_i(std::string_view word) {
    return word == "i" || (word.size() > 1 && word[0] == 'i' && word[1] == '\'');
}

// Whether a word after `text` opens a sentence: `text` is empty or ends a sentence there.
bool opens_sentence_after(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '"')) text.remove_suffix(1);
    if (text.empty()) return true;
    const char last = text.back();
    return last == '!' || last == '?' || (last == '.' && !ends_abbreviation(text, text.size()));
}

}  // namespace

std::string with_sentence_capitals(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const char c = out[i];
        if (c < 'a' || c > 'z' || (i > 0 && out[i - 1] != ' ' && out[i - 1] != '"')) continue;
        std::size_t end = i;
        while (end < out.size() && (is_ascii_letter(out[end]) || out[end] == '\'')) ++end;
        const std::string_view word = std::string_view(out).substr(i, end - i);
        if (std::any_of(word.begin(), word.end(), [](char l) { return l >= 'A' && l <= 'Z'; })) continue;  // "iPhone"
        const std::string_view before = std::string_view(out).substr(0, i);  // ends in a space or a quote
        if (opens_sentence_after(before) || is_lowercase_i(word))
            out[i] = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

void capitalise_sentence_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start) {
    std::string text;  // the reply up to piece k, as the pieces spell it
    for (std::size_t k = 0; k < pieces.size() && k < word_start.size(); ++k) {
        std::string& piece = pieces[k];
        const bool lower = word_start[k] && !piece.empty() && piece[0] >= 'a' && piece[0] <= 'z';
        const bool pronoun_i = piece == "i" && (k + 1 == pieces.size() || k + 1 >= word_start.size() ||
                                                word_start[k + 1] || pieces[k + 1].starts_with('\''));
        if (lower && (opens_sentence_after(text) || pronoun_i)) piece[0] = static_cast<char>(piece[0] - 'a' + 'A');
        if (word_start[k] && !text.empty()) text += ' ';
        text += piece;
    }
}

std::string with_straight_apostrophes(std::string_view text) {
    constexpr std::string_view curly = "\xE2\x80\x99";  // ’
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const bool between_letters = text.substr(i, curly.size()) == curly && !out.empty() &&
                                     is_ascii_letter(out.back()) && i + curly.size() < text.size() &&
                                     is_ascii_letter(text[i + curly.size()]);
        if (between_letters) {
            out.push_back('\'');
            i += curly.size();
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

}  // namespace attentive
