#include "core/text/french_spelling.h"

#include <algorithm>
#include <iterator>

#include "core/text/utf8.h"

namespace attentive {

namespace {

// Words written with "œ", as typed without it (lowercase); the "oe" replaced is the first.
constexpr std::string_view kLigatureWords[] = {
    "coeur",   "coeurs",  "soeur",   "soeurs",    "soeurette", "oeil",    "oeillet",  "oeillets",
    "oeuf",    "oeufs",   "oeuvre",  "oeuvres",   "oeuvrer",   "boeuf",   "boeufs",   "noeud",
    "noeuds",  "voeu",    "voeux",   "moeurs",    "manoeuvre", "manoeuvres", "choeur", "choeurs",
    "rancoeur", "rancoeurs", "oesophage", "foetus"};

bool is_ligature_word(std::string_view word) {
    std::string key(word);
    for (char& c : key) c = static_cast<char>(to_lower(static_cast<unsigned char>(c)));
    return std::find(std::begin(kLigatureWords), std::end(kLigatureWords), key) != std::end(kLigatureWords);
}

}  // namespace

std::string with_french_ligatures(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t at = 0; at < text.size();) {
        // A word: a run of letters (an apostrophe, a hyphen, « or … ends it). Only words of
        // ASCII letters are looked up: one with another letter ("oeuvré") is left as it is.
        std::size_t end = at;
        bool ascii = true;
        while (end < text.size()) {
            const Utf8Char c = decode_utf8_at(text, end);
            if (!c.well_formed || !is_letter(c.code_point)) break;
            ascii = ascii && c.code_point < 0x80;
            end += c.length;
        }
        if (end == at) {  // not a letter: copied as it is
            const std::size_t length = std::max<std::size_t>(1, decode_utf8_at(text, at).length);
            out.append(text.substr(at, length));
            at += length;
            continue;
        }
        const std::string_view word = text.substr(at, end - at);
        std::size_t oe = std::string_view::npos;
        if (ascii && is_ligature_word(word)) {
            for (std::size_t i = 0; i + 1 < word.size() && oe == std::string_view::npos; ++i)
                if (to_lower(static_cast<unsigned char>(word[i])) == U'o' && to_lower(static_cast<unsigned char>(word[i + 1])) == U'e')
                    oe = i;
        }
        if (oe == std::string_view::npos) {
            out.append(word);
        } else {
            out.append(word.substr(0, oe));
            out.append(word[oe] == 'O' ? "\xC5\x92" : "\xC5\x93");  // Œ, œ
            out.append(word.substr(oe + 2));
        }
        at = end;
    }
    return out;
}

}  // namespace attentive
