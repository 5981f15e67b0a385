#include "core/text/french_elisions.h"

#include <algorithm>
#include <array>

#include "core/text/utf8.h"
#include "core/text/word_rewrite.h"

namespace attentive {

namespace {

bool starts_with_vowel(std::string_view word) {
    if (word.empty()) return false;
    const Utf8Char c = decode_utf8_at(word, 0);
    if (!c.well_formed) return false;
    static constexpr std::u32string_view vowels = U"aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ";
    if (vowels.find(c.code_point) == std::u32string_view::npos) return false;
    std::string lower;
    for (std::size_t at = 0; at < word.size();) {
        const Utf8Char d = decode_utf8_at(word, at);
        if (!d.well_formed || !is_letter(d.code_point)) break;
        append_utf8(lower, to_lower(d.code_point));
        at += d.length;
    }
    static constexpr std::array<std::string_view, 4> not_elided = {"onze", "onzième", "oui", "ouistiti"};
    return std::none_of(not_elided.begin(), not_elided.end(), [&](std::string_view w) { return lower == w; });
}

// The elided form of `word` (case kept) before `next`, or "" when it is not elided there.
std::string elided(std::string_view word, std::string_view next) {
    if (!starts_with_vowel(next)) return {};
    const std::string lower = ascii_lowercase(word);
    const std::string next_word = ascii_lowercase(next.substr(0, std::min(next.find_first_of(" ,.?!-'"), next.size())));
    // Nothing elides before a conjunction or "à" ("le et" is a mistake of its own).
    static constexpr std::array<std::string_view, 4> never_after = {"et", "ou", "où", "à"};
    if (std::find(never_after.begin(), never_after.end(), next_word) != never_after.end()) return {};
    static constexpr std::array<std::string_view, 9> elidable = {"le", "la", "de", "je", "me", "te", "se", "ne", "que"};
    std::string_view stem;
    if (std::find(elidable.begin(), elidable.end(), lower) != elidable.end()) {
        stem = word.substr(0, word.size() - 1);
    } else if (lower == "ce" && (next_word == "est" || next_word == "était")) {
        stem = word.substr(0, 1);
    } else if (lower == "si" && (next_word == "il" || next_word == "ils")) {
        stem = word.substr(0, 1);
    } else {
        return {};
    }
    return std::string(stem) + "'";
}

}  // namespace

std::string with_french_elisions(std::string_view text) {
    return with_words_rewritten(text, [](std::string_view word, std::string_view, std::string_view after) {
        return elided(word, after);
    });
}

void elide_french_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start) {
    rewrite_piece_words(pieces, word_start, [](std::string_view word, std::string_view, std::string_view next) {
        return elided(word, next);
    });
}

}  // namespace attentive
