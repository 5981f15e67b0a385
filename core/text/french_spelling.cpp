#include "core/text/french_spelling.h"

#include <algorithm>
#include <iterator>

namespace attentive {

namespace {

// Words written with "œ", as typed without it (lowercase); the "oe" replaced is the first.
constexpr std::string_view kLigatureWords[] = {
    "coeur",   "coeurs",  "soeur",   "soeurs",    "soeurette", "oeil",    "oeillet",  "oeillets",
    "oeuf",    "oeufs",   "oeuvre",  "oeuvres",   "oeuvrer",   "boeuf",   "boeufs",   "noeud",
    "noeuds",  "voeu",    "voeux",   "moeurs",    "manoeuvre", "manoeuvres", "choeur", "choeurs",
    "rancoeur", "rancoeurs", "oesophage", "foetus"};

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool is_ligature_word(std::string_view word) {
    std::string key(word);
    std::transform(key.begin(), key.end(), key.begin(), lower);
    return std::find(std::begin(kLigatureWords), std::end(kLigatureWords), key) != std::end(kLigatureWords);
}

}  // namespace

std::string with_french_ligatures(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t at = 0; at < text.size();) {
        if (!is_ascii_letter(text[at])) {
            out.push_back(text[at++]);
            continue;
        }
        std::size_t end = at;
        while (end < text.size() && is_ascii_letter(text[end])) ++end;
        // A word of ASCII letters only: one that continues in another letter ("oeuvré") is
        // left as it is.
        const bool whole = end == text.size() || static_cast<unsigned char>(text[end]) < 0x80;
        const std::string_view word = text.substr(at, end - at);
        std::size_t oe = std::string_view::npos;
        if (whole && is_ligature_word(word)) {
            for (std::size_t i = 0; i + 1 < word.size(); ++i)
                if (lower(word[i]) == 'o' && lower(word[i + 1]) == 'e') {
                    oe = i;
                    break;
                }
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
