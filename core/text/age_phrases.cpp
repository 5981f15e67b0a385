#include "core/text/age_phrases.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "core/text/number_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Words that may follow an age in a sentence: a day, a time, a conjunction.
constexpr std::array<std::string_view, 22> kAfterAge = {
    "today", "tomorrow", "tonight", "next", "this", "on", "in", "at", "soon", "and", "but",
    "so", "when", "before", "after", "later", "yesterday", "last", "then", "too", "years", "year"};

// The length of the number at `pos` (digits, a number in words, "a hundred"), 0 when there is none.
std::size_t number_length(std::string_view text, std::size_t pos) {
    std::size_t end = pos;
    while (end < text.size() && end - pos < 4 && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end > pos) return end - pos <= 3 && (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])))
                              ? end - pos
                              : 0;
    for (const std::string_view hundred : {std::string_view("a hundred"), std::string_view("one hundred")})
        if (ascii_lowercase(text.substr(pos, hundred.size())) == hundred &&
            (pos + hundred.size() == text.size() || !std::isalnum(static_cast<unsigned char>(text[pos + hundred.size()]))))
            return hundred.size();
    for (const SpelledNumber& number : find_spelled_numbers(text.substr(pos), "en"))
        if (number.begin == 0) return number.length;
    const std::string word = ascii_lowercase(letters_at(text, pos));
    const std::vector<std::string>& counts = count_words("en");
    if (word == "one" || std::find(counts.begin(), counts.end(), word) != counts.end()) return word.size();
    return 0;
}

// Whether what follows an age at `pos` lets it be one: the end, a mark, or a word of kAfterAge.
bool age_may_end_at(std::string_view text, std::size_t pos) {
    if (pos == text.size()) return true;
    if (text[pos] != ' ') return text[pos] != '-' && !std::isalnum(static_cast<unsigned char>(text[pos]));
    const std::string next = ascii_lowercase(letters_at(text, pos + 1));
    return next.empty() || std::find(kAfterAge.begin(), kAfterAge.end(), next) != kAfterAge.end();
}

// The length of " years old" or " year old" at `pos`, else 0.
std::size_t years_old_length(std::string_view text, std::size_t pos) {
    for (const std::string_view phrase : {std::string_view(" years old"), std::string_view(" year old")})
        if (text.substr(pos, phrase.size()) == phrase &&
            (pos + phrase.size() == text.size() || !std::isalpha(static_cast<unsigned char>(text[pos + phrase.size()]))))
            return phrase.size();
    return 0;
}

// Whether the word that ends right before `pos` (a space before it) is "is", "are", "am" or a
// contraction of one ("she's", "they're", "I'm").
bool after_form_of_be(std::string_view text, std::size_t pos) {
    if (pos < 2 || text[pos - 1] != ' ') return false;
    const std::string word = ascii_lowercase(last_word(text.substr(0, pos)));
    const auto contracted = [&](const std::string& ending) {
        return word.ends_with("'" + ending) || word.ends_with("\xE2\x80\x99" + ending);  // or a typographic apostrophe
    };
    return word == "is" || word == "are" || word == "am" || contracted("s") || contracted("re") || contracted("m");
}

}  // namespace

std::vector<RewrittenWord> age_phrases(std::string_view text) {
    std::vector<RewrittenWord> ages;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        if (pos > 0 && text[pos - 1] != ' ') continue;
        const std::string_view verb = letters_at(text, pos);
        const bool turns = verb == "turns";
        if (!turns && !(verb == "turning" && after_form_of_be(text, pos))) continue;
        const std::size_t number = pos + verb.size() + 1;
        if (number >= text.size() || text[number - 1] != ' ') continue;
        const std::size_t length = number_length(text, number);
        if (length == 0) continue;
        std::size_t end = number + length;
        const std::size_t years_old = years_old_length(text, end);
        if (years_old == 0 && !age_may_end_at(text, end)) continue;
        end += years_old;
        const std::string age(text.substr(number, length));
        const bool one = age == "1" || ascii_lowercase(age) == "one";
        ages.push_back({pos, end - pos, (turns ? "is " : "") + age + (one ? " year old" : " years old")});
        pos = end - 1;
    }
    return ages;
}

}  // namespace attentive
