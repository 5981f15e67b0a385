#include "core/text/ordinals.h"

#include <algorithm>
#include <array>

#include "core/text/utf8.h"

namespace attentive {

namespace {

// The lowercase word that ends `text`.
std::string lowercase_last_word(std::string_view text) { return ascii_lowercase(last_word(text, " '(")); }

// The suffixes each language writes after an ordinal's digits.
bool ordinal_suffix(std::string_view suffix, std::string_view language) {
    static constexpr std::array<std::string_view, 4> english = {"st", "nd", "rd", "th"};
    static constexpr std::array<std::string_view, 6> french = {"e", "ème", "eme", "er", "re", "ère"};
    const auto has = [&](const auto& list) { return std::find(list.begin(), list.end(), suffix) != list.end(); };
    return language == "en" ? has(english) : language == "fr" ? has(french) : false;
}

}  // namespace

bool comes_before_german_ordinal(std::string_view word) {
    static constexpr std::array<std::string_view, 13> articles = {"im", "am", "zum", "zur", "der", "die", "das",
                                                                  "den", "dem", "des", "ins", "vom", "beim"};
    const std::string lower = ascii_lowercase(word);
    return std::find(articles.begin(), articles.end(), lower) != articles.end();
}

std::vector<WrittenOrdinal> find_ordinals(std::string_view sentence, std::string_view language) {
    std::vector<WrittenOrdinal> found;
    if (language != "en" && language != "fr" && language != "de") return found;
    for (std::size_t at = 0; at < sentence.size();) {
        if (!is_ascii_digit(sentence[at]) || (at > 0 && (is_word_byte(sentence[at - 1]) || is_ascii_digit(sentence[at - 1]) ||
                                                   sentence[at - 1] == '.' || sentence[at - 1] == ','))) {
            ++at;
            continue;
        }
        std::size_t end = at;
        while (end < sentence.size() && is_ascii_digit(sentence[end])) ++end;
        const int value = end - at <= 4 ? std::stoi(std::string(sentence.substr(at, end - at))) : 0;
        if (language == "de") {
            const bool dotted = end + 2 < sentence.size() && sentence[end] == '.' && sentence[end + 1] == ' ' &&
                                is_word_byte(sentence[end + 2]);
            const std::string before = lowercase_last_word(sentence.substr(0, at));
            if (value > 0 && dotted && comes_before_german_ordinal(before))
                found.push_back({at, end + 1 - at, value});
        } else {
            std::size_t suffix_end = end;
            while (suffix_end < sentence.size() && is_word_byte(sentence[suffix_end])) ++suffix_end;
            if (value > 0 && suffix_end > end && ordinal_suffix(sentence.substr(end, suffix_end - end), language))
                found.push_back({at, suffix_end - at, value});
            end = suffix_end;
        }
        at = end;
    }
    return found;
}

std::string write_ordinal(int value, std::string_view language, std::string_view before) {
    const std::string digits = std::to_string(value);
    if (language == "en") {
        const int last = value % 10, tens = value % 100;
        const char* suffix = tens >= 11 && tens <= 13 ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
        return digits + suffix;
    }
    if (language == "fr") {
        return value != 1 ? digits + "e" : fitted_ordinal("1er", before);
    }
    if (language == "de") return digits + ".";
    return {};
}

std::string fitted_ordinal(const std::string& written, std::string_view before) {
    return written == "1er" && lowercase_last_word(before) == "la" ? "1re" : written;
}

std::string ordinal_stand_in(std::string_view language) {
    if (language == "en") return "third";
    if (language == "fr") return "troisième";
    if (language == "de") return "dritten";
    return {};
}

std::vector<std::string> ordinal_stand_in_forms(const std::string& stand_in) {
    if (stand_in != "dritten") return {stand_in};
    return {"dritten", "dritte", "dritter", "drittes", "drittem"};
}

}  // namespace attentive
