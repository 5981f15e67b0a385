#include "core/text/word_rewrite.h"

#include "core/text/tokenizer.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Whether a word may start after `c`: not inside a word (a letter, a byte of a UTF-8 letter) nor
// after the apostrophe or hyphen that join words.
bool separates_words(char c) {
    return !is_word_byte(c) && c != '\'' && c != '-';
}

}  // namespace

std::string with_words_rewritten(std::string_view text, const WordRewrite& rewrite) {
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t at = 0;
    while (at < text.size()) {
        if (!is_ascii_letter(text[at]) || (at > 0 && !separates_words(text[at - 1]))) {
            out.push_back(text[at++]);
            continue;
        }
        std::size_t end = at;
        while (end < text.size() && is_ascii_letter(text[end])) ++end;
        const std::string_view word = text.substr(at, end - at);
        const bool followed = end + 1 < text.size() && text[end] == ' ';
        const std::string replacement = followed ? rewrite(word, text.substr(0, at), text.substr(end + 1)) : std::string();
        if (replacement.empty()) {
            out.append(word);
            at = end;
        } else {
            out += replacement;
            at = end + 1;
        }
    }
    return out;
}

void rewrite_piece_words(std::vector<std::string>& pieces, const std::vector<bool>& word_start, const WordRewrite& rewrite) {
    for (std::size_t i = 0; i + 1 < pieces.size() && i + 1 < word_start.size(); ++i) {
        if (!word_start[i] || !word_start[i + 1]) continue;
        std::string next;
        // A space piece ("␣" "éléphant") leaves the word to the pieces after it.
        std::size_t first = i + 1;
        if (pieces[first] == kSpacePieceLabel && first + 1 < pieces.size()) ++first;
        for (std::size_t j = first; j < pieces.size() && (j == first || !word_start[j]); ++j) next += pieces[j];
        std::string replacement = rewrite(pieces[i], {}, next);
        while (!replacement.empty() && replacement.back() == ' ') replacement.pop_back();
        if (!replacement.empty()) pieces[i] = std::move(replacement);
    }
}

}  // namespace attentive
