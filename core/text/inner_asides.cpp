#include "core/text/inner_asides.h"

#include <algorithm>
#include <string>

#include "core/text/utf8.h"

namespace attentive {

namespace {

bool has_word(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        return is_ascii_letter(c) || is_ascii_digit(c) || (static_cast<unsigned char>(c) & 0x80) != 0;
    });
}

// Every parenthesis inside `sentence` and outside any other, relative clauses included.
std::vector<AsideBrackets> bracketed_inside(std::string_view sentence) {
    std::vector<AsideBrackets> asides;
    for (std::size_t open = sentence.find('('); open != std::string_view::npos; open = sentence.find('(', open + 1)) {
        const std::size_t close = sentence.find_first_of("()", open + 1);
        if (close == std::string_view::npos || sentence[close] != ')') continue;
        const std::string_view before = sentence.substr(0, open);
        const bool nested = std::count(before.begin(), before.end(), '(') != std::count(before.begin(), before.end(), ')');
        if (nested || open == 0 || sentence[open - 1] != ' ' || !has_word(before) ||
            !has_word(sentence.substr(open + 1, close - open - 1)) || !has_word(sentence.substr(close + 1)))
            continue;
        asides.push_back({open, close});
    }
    return asides;
}

bool opens_relative_clause(std::string_view content, std::string_view language) {
    static const std::vector<std::string_view> english = {"who", "which", "whose", "whom", "where", "that"};
    static const std::vector<std::string_view> french = {"qui", "que", "qu", "dont", "où", "lequel", "laquelle",
                                                          "lesquels", "lesquelles"};
    static const std::vector<std::string_view> german = {"der", "die", "das", "den", "dem", "deren", "dessen",
                                                          "welche", "welcher", "welches", "welchen", "wo"};
    const std::vector<std::string_view>& pronouns = language == "en"   ? english
                                                    : language == "fr" ? french
                                                    : language == "de" ? german
                                                                       : std::vector<std::string_view>{};
    const std::vector<LetterRun> runs = letter_runs(content);
    if (runs.size() < 2 || runs.front().begin != 0) return false;  // a pronoun alone is no clause
    if (std::find(pronouns.begin(), pronouns.end(), runs.front().lower) == pronouns.end()) return false;
    // A German relative clause ends with its verb ("die in Berlin wohnt"); "das beim Bahnhof"
    // is a pronoun and a place.
    if (language == "de") {
        const LetterRun& last = runs.back();
        return runs.size() >= 3 && content.substr(last.begin, last.end - last.begin) == last.lower;
    }
    return true;
}

bool is_relative_clause(std::string_view sentence, const AsideBrackets& brackets, std::string_view language) {
    return opens_relative_clause(sentence.substr(brackets.open + 1, brackets.close - brackets.open - 1), language);
}

}  // namespace

std::vector<AsideBrackets> inner_asides(std::string_view sentence, std::string_view language) {
    std::vector<AsideBrackets> asides = bracketed_inside(sentence);
    std::erase_if(asides, [&](const AsideBrackets& brackets) { return is_relative_clause(sentence, brackets, language); });
    return asides;
}

std::vector<RewrittenWord> relative_clause_commas(std::string_view sentence, std::string_view language) {
    std::vector<RewrittenWord> rewrites;
    for (const AsideBrackets& brackets : bracketed_inside(sentence)) {
        if (!is_relative_clause(sentence, brackets, language)) continue;
        rewrites.push_back({brackets.open - 1, 2, ", "});  // " (" -> ", "
        const bool marked_after = brackets.close + 1 < sentence.size() &&
                                  std::string_view(",.;:!?").find(sentence[brackets.close + 1]) != std::string_view::npos;
        rewrites.push_back({brackets.close, 1, marked_after ? "" : ","});
    }
    return rewrites;
}

}  // namespace attentive
