#include "core/text/rewritten_words.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace attentive {

namespace {

// The ASCII letters and digits of `text`: what pieces and words are matched by.
std::string letters_and_digits(std::string_view text) {
    std::string kept;
    for (const char c : text)
        if (is_ascii_letter(c) || is_ascii_digit(c)) kept.push_back(c);
    return kept;
}

}  // namespace

std::string with_rewritten_words(std::string_view text, const std::vector<RewrittenWord>& rewrites) {
    std::string out;
    std::size_t copied = 0;
    for (const RewrittenWord& word : rewrites) {
        if (word.begin < copied || word.begin + word.length > text.size()) continue;
        out += text.substr(copied, word.begin - copied);
        out += word.written;
        copied = word.begin + word.length;
    }
    out += text.substr(copied);
    return out;
}

std::vector<RewrittenWord> merged_rewrites(std::vector<RewrittenWord> a, const std::vector<RewrittenWord>& b) {
    for (const RewrittenWord& word : b) {
        const bool overlaps = std::any_of(a.begin(), a.end(), [&](const RewrittenWord& kept) {
            return word.begin < kept.begin + kept.length && kept.begin < word.begin + word.length;
        });
        if (!overlaps) a.push_back(word);
    }
    std::sort(a.begin(), a.end(), [](const RewrittenWord& x, const RewrittenWord& y) { return x.begin < y.begin; });
    return a;
}

void relabel_rewritten_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                              std::string_view original, const std::vector<RewrittenWord>& rewrites) {
    const auto starts_word = [&](std::size_t i) { return i >= word_start.size() || word_start[i]; };
    std::size_t next = 0;  // the first rewrite not yet found among the pieces
    for (std::size_t i = 0; i < pieces.size() && next < rewrites.size(); ++i) {
        if (!starts_word(i)) continue;
        for (std::size_t k = next; k < rewrites.size(); ++k) {
            const std::string wanted = letters_and_digits(rewrites[k].written);
            if (wanted.empty()) continue;
            // The pieces from i on whose letters spell `wanted`, ending where a word ends.
            std::string spelled;
            std::size_t end = i;
            while (end < pieces.size() && spelled.size() < wanted.size()) spelled += letters_and_digits(pieces[end++]);
            const bool word_ends = end == pieces.size() || starts_word(end) ||
                                   letters_and_digits(pieces[end]).empty();
            if (spelled != wanted || !word_ends) continue;
            pieces[i] = std::string(original.substr(rewrites[k].begin, rewrites[k].length));
            for (std::size_t rest = i + 1; rest < end; ++rest) pieces[rest] = "\u00B7";
            next = k + 1;
            i = end - 1;
            break;
        }
    }
}

}  // namespace attentive
