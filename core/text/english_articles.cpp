#include "core/text/english_articles.h"

#include <algorithm>
#include <array>

#include "core/text/utf8.h"
#include "core/text/word_rewrite.h"

namespace attentive {

namespace {

// "a", "an", or "" when the spelling of `word` does not tell (or it is no word).
std::string_view article_for(std::string_view word) {
    if (word.size() < 2 || !is_ascii_letter(word[0])) return {};
    if (std::all_of(word.begin(), word.end(), [](char c) { return !(c >= 'a' && c <= 'z'); })) return {};
    const std::string w = ascii_lowercase(word);
    const auto starts = [&](std::string_view prefix) { return w.compare(0, prefix.size(), prefix) == 0; };
    static constexpr std::array<std::string_view, 5> silent_h = {"hour", "honest", "honour", "honor", "heir"};
    if (std::any_of(silent_h.begin(), silent_h.end(), starts)) return "an";
    const char first = w[0];
    if (first == 'u') return {};
    if (first == 'a' || first == 'e' || first == 'i' || first == 'o') {
        if (starts("one") || starts("once") || starts("eu") || starts("ewe")) return "a";
        return "an";
    }
    return "a";
}

// `article` ("a" or "an") written with the capitals of `written`.
std::string with_case_of(std::string_view article, std::string_view written) {
    std::string out(article);
    if (!written.empty() && written[0] >= 'A' && written[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    if (written.size() == 2 && written[1] >= 'A' && written[1] <= 'Z' && out.size() == 2) out[1] = 'N';
    return out;
}

bool is_article(std::string_view word) {
    const std::string w = ascii_lowercase(word);
    return w == "a" || w == "an";
}

// The letters-and-hyphen run at the start of `text` (the next word).
std::string_view leading_word(std::string_view text) {
    std::size_t end = 0;
    while (end < text.size() && (is_ascii_letter(text[end]) || text[end] == '-' || text[end] == '\'')) ++end;
    return text.substr(0, end);
}

// The article `word` becomes before `after` (with the space after it), or "".
std::string fitted_article(std::string_view word, std::string_view before, std::string_view after) {
    // A capital "A" inside a sentence is as often a name or a grade ("Plan A is"): only a
    // lowercase article there, or one that starts the text or a sentence.
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    const bool starts_sentence = before.empty() || std::string_view(".!?:;\"(").find(before.back()) != std::string_view::npos;
    if (!is_article(word) || (word[0] != 'a' && !starts_sentence)) return {};
    const std::string_view article = article_for(leading_word(after));
    return article.empty() ? std::string() : with_case_of(article, word) + " ";
}

}  // namespace

std::string with_fitting_articles(std::string_view text) { return with_words_rewritten(text, fitted_article); }

void fit_article_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start) {
    rewrite_piece_words(pieces, word_start, fitted_article);
}

}  // namespace attentive
