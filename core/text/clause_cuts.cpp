#include "core/text/clause_cuts.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text/utf8.h"

namespace attentive {

namespace {

struct Conjunction {
    std::string_view english;
    bool needs_comma;        // cut only after a comma (", and" joins clauses, "and" words)
    std::string_view french;  // "" where French is not cut there
    std::string_view german;
    bool german_comma;       // German writes a comma before it whatever the source does
};

constexpr std::array<Conjunction, 9> kConjunctions = {{
    {"and", true, "et", "und", false},
    {"but", false, "mais", "aber", true},
    {"or", true, "ou", "oder", false},
    {"so", true, "donc", "", false},
    {"because", false, "parce que", "denn", true},
    {"while", true, "pendant que", "", false},
    {"where", true, "où", "", false},
    {"when", true, "quand", "", false},
    {"if", false, "si", "", false},  // also "whether": "si" is both
}};

struct Word {
    std::size_t begin = 0, end = 0;
};

// The space-separated words of `text` that hold a letter or a digit.
std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> words;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t begin = text.find_first_not_of(' ', pos);
        if (begin == std::string_view::npos) break;
        std::size_t end = text.find(' ', begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(begin, end - begin);
        if (std::any_of(word.begin(), word.end(), [](char c) { return is_word_byte(c) || is_ascii_digit(c); }))
            words.push_back({begin, end});
        pos = end;
    }
    return words;
}

std::string lower_ascii(std::string_view word) {
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

// Whether byte `pos` of `text` lies inside brackets or double quotes opened before it.
bool inside_quote_or_brackets(std::string_view text, std::size_t pos) {
    const std::string_view before = text.substr(0, pos);
    const auto count = [&](std::string_view mark) {
        std::size_t n = 0;
        for (std::size_t at = before.find(mark); at != std::string_view::npos; at = before.find(mark, at + mark.size()))
            ++n;
        return n;
    };
    return count("(") > count(")") || count("\"") % 2 == 1 || count("“") > count("”") || count("«") > count("»");
}

bool starts_with_vowel(std::string_view text) {
    const std::string first = with_lower_first(letters_at(text));
    for (std::string_view vowel : {"a", "e", "i", "o", "u", "é", "è", "ê", "à", "â", "î", "ô", "û"})
        if (first.starts_with(vowel)) return true;
    return false;
}

// `text` without the spaces and sentence-final marks at its end (French puts a no-break space
// before "?" and "!").
std::string_view without_final_stop(std::string_view text) {
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        for (std::string_view tail : {" ", ".", "!", "?", "…", "\u00a0", "\u202f"})
            if (text.ends_with(tail)) {
                text.remove_suffix(tail.size());
                trimmed = true;
            }
    }
    return text;
}

// Whether the comma before word `w` ends an item of a list: one of the two words before that
// item's last ends in a comma too ("apples, pears, and bananas", "red, dark green, or blue").
bool ends_list(std::string_view sentence, const std::vector<Word>& words, std::size_t w) {
    for (std::size_t back = 2; back <= 3 && back <= w; ++back)
        if (sentence[words[w - back].end - 1] == ',') return true;
    return false;
}

}  // namespace

std::vector<ClauseCut> clause_cuts(std::string_view sentence, std::string_view target_language) {
    if (target_language != "fr" && target_language != "de") return {};
    const bool french = target_language == "fr";
    const std::vector<Word> words = words_of(sentence);
    const auto word_at = [&](std::size_t i) {
        return lower_ascii(sentence.substr(words[i].begin, words[i].end - words[i].begin));
    };
    std::vector<ClauseCut> cuts;
    for (std::size_t w = kClauseCutWords; w + kClauseCutWords < words.size(); ++w) {
        const std::string word = word_at(w);
        const auto conjunction = std::find_if(kConjunctions.begin(), kConjunctions.end(),
                                              [&](const Conjunction& c) { return c.english == word; });
        if (conjunction == kConjunctions.end()) continue;
        const std::string_view target = french ? conjunction->french : conjunction->german;
        if (target.empty()) continue;
        const Word& before = words[w - 1];
        const bool comma = sentence[before.end - 1] == ',';
        if (conjunction->needs_comma && !comma) continue;
        if ((word == "and" || word == "or") && ends_list(sentence, words, w)) continue;
        // "as if", "even if", "only if": the word before belongs to the conjunction.
        if (word == "if") {
            const std::string previous = word_at(w - 1);
            if (previous == "as" || previous == "even" || previous == "only") continue;
        }
        if (word == "so" && word_at(w + 1).starts_with("that")) continue;
        if (inside_quote_or_brackets(sentence, words[w].begin)) continue;
        // The word before ends the first clause: a comma, or a letter or digit.
        const char last = sentence[before.end - 1];
        if (!comma && !is_word_byte(last) && !is_ascii_digit(last)) continue;
        cuts.push_back({comma ? before.end - 1 : before.end, words[w + 1].begin, std::string(target),
                        comma || (!french && conjunction->german_comma) || (french && word == "but")});
    }
    return cuts;
}

std::string joined_clauses(std::string_view first, const ClauseCut& cut, std::string_view second,
                           bool second_capital) {
    std::string text(without_final_stop(first));
    if (cut.comma) text += ',';
    text += ' ';
    const std::string rest = second_capital ? std::string(second) : with_lower_first(second);
    const std::string_view subject = letters_at(rest);
    if (cut.conjunction == "si" && (subject == "il" || subject == "ils")) {
        text += "s'";
    } else if (cut.conjunction.ends_with(" que") && starts_with_vowel(rest)) {
        text += cut.conjunction.substr(0, cut.conjunction.size() - 1);
        text += '\'';
    } else {
        text += cut.conjunction;
        text += ' ';
    }
    return text + rest;
}

}  // namespace attentive
