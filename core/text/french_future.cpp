#include "core/text/french_future.h"

#include <algorithm>
#include <array>

#include "core/text/utf8.h"

namespace attentive {

namespace {

struct Word {
    std::size_t begin = 0, end = 0;  // byte offsets of a run of letters
    std::string lower;               // its letters in lowercase
};

std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> words;
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Char c = decode_utf8_at(text, at);
        if (!c.well_formed || !is_letter(c.code_point)) {
            at += c.length;
            continue;
        }
        Word word{at, at, {}};
        while (at < text.size()) {
            const Utf8Char d = decode_utf8_at(text, at);
            if (!d.well_formed || !is_letter(d.code_point)) break;
            append_utf8(word.lower, to_lower(d.code_point));
            at += d.length;
        }
        word.end = at;
        words.push_back(std::move(word));
    }
    return words;
}

// What may stand between "je" and its verb: "ne" and the object pronouns, whole or elided.
bool stands_before_verb(std::string_view word) {
    static constexpr std::array<std::string_view, 15> words = {"ne", "n",    "me",   "m",    "te",   "t",    "le", "la",
                                                               "l",  "les",  "lui",  "leur", "nous", "vous", "y"};
    return word == "en" || std::find(words.begin(), words.end(), word) != words.end();
}

// Between two words of one clause: a space, or an elision's apostrophe ("j'", "n'"; in the
// heatmap's labels an elided word is a word of its own: "J'", "arrivera").
bool joins(std::string_view between) {
    for (std::string_view joint : {" ", "'", "\u2019", "' ", "\u2019 "})
        if (between == joint) return true;
    return false;
}

// The byte offsets where an "i" makes a future first person: the ends of those verbs.
std::vector<std::size_t> future_endings(std::string_view text) {
    const std::vector<Word> words = words_of(text);
    std::vector<std::size_t> endings;
    for (std::size_t w = 0; w < words.size(); ++w) {
        if (words[w].lower != "je" && words[w].lower != "j") continue;
        std::size_t v = w + 1;
        while (v < words.size() && stands_before_verb(words[v].lower) &&
               joins(text.substr(words[v - 1].end, words[v].begin - words[v - 1].end)))
            ++v;
        if (v == words.size() || !joins(text.substr(words[v - 1].end, words[v].begin - words[v - 1].end))) continue;
        const std::string& verb = words[v].lower;
        // Not a verb in the middle of a hyphenated word ("je suis extra-lucide").
        const bool hyphen_after = words[v].end < text.size() && text[words[v].end] == '-';
        if (utf8_length(verb) >= 4 && verb.ends_with("ra") && !hyphen_after) endings.push_back(words[v].end);
    }
    return endings;
}

}  // namespace

std::string with_first_person_future(std::string_view text) {
    std::string out;
    std::size_t copied = 0;
    for (const std::size_t ending : future_endings(text)) {
        out.append(text.substr(copied, ending - copied)).push_back('i');
        copied = ending;
    }
    return out.append(text.substr(copied));
}

void first_person_future_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start) {
    // The pieces as one text, a space before each word, and where each piece ends in it.
    std::string text;
    std::vector<std::size_t> piece_end;
    for (std::size_t p = 0; p < pieces.size(); ++p) {
        if (p > 0 && p < word_start.size() && word_start[p]) text += ' ';
        text += pieces[p];
        piece_end.push_back(text.size());
    }
    for (const std::size_t ending : future_endings(text)) {
        const auto piece = std::find(piece_end.begin(), piece_end.end(), ending);
        if (piece != piece_end.end()) pieces[static_cast<std::size_t>(piece - piece_end.begin())] += "i";
    }
}

}  // namespace attentive
