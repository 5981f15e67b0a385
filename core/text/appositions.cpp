#include "core/text/appositions.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/text/function_words.h"
#include "core/text/lexicon.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

constexpr std::array kEnglishPossessives{"my", "your", "his", "her", "its", "our", "their"};
constexpr std::array kFrenchPossessives{"mon", "ma", "mes",   "ton",   "ta",  "tes", "son",  "sa",
                                        "ses", "notre", "nos", "votre", "vos", "leur", "leurs"};
// German possessives take a case ending: the stems, each with "", "e", "en", "em", "er", "es".
constexpr std::array kGermanPossessiveStems{"mein", "dein", "sein", "ihr", "unser", "euer", "eur", "unsr"};

bool is_possessive(std::string_view word, std::string_view language) {
    const std::vector<std::string> keys = word_keys(word);
    if (keys.size() != 1) return false;
    const std::string& lower = keys.front();
    const auto in = [&](const auto& list) { return std::find(list.begin(), list.end(), lower) != list.end(); };
    if (language == "en") return in(kEnglishPossessives);
    if (language == "fr") return in(kFrenchPossessives);
    if (language != "de") return false;
    for (std::string_view stem : kGermanPossessiveStems) {
        if (lower.compare(0, stem.size(), stem) != 0) continue;
        const std::string_view ending = std::string_view(lower).substr(stem.size());
        if (ending.empty() || ending == "e" || ending == "en" || ending == "em" || ending == "er" || ending == "es")
            return true;
    }
    return false;
}

bool letters_only(std::string_view word) {
    if (word.empty()) return false;
    for (std::size_t at = 0; at < word.size();) {
        const Utf8Char c = decode_utf8_at(word, at);
        if (!c.well_formed || !is_letter(c.code_point)) return false;
        at += c.length;
    }
    return true;
}

bool starts_upper(std::string_view word) {
    if (word.empty()) return false;
    const Utf8Char c = decode_utf8_at(word, 0);
    return c.well_formed && is_upper(c.code_point);
}

// A noun or an adjective before the name: letters, no function word, in the language's case.
bool noun_like(std::string_view word, std::string_view language, bool head) {
    if (!letters_only(word) || utf8_length(word) < 2 || is_function_word(word, language)) return false;
    const bool upper = starts_upper(word);
    if (language == "de") return head ? upper : !upper;
    return !upper;
}

}  // namespace

std::vector<Apposition> find_appositions(std::string_view sentence, const std::vector<std::string_view>& names,
                                         std::string_view language) {
    const std::vector<std::string_view> words = words_as_written(sentence);
    std::vector<Apposition> found;
    for (std::size_t i = 2; i < words.size(); ++i) {
        // A name starts this word ("Paul" of "Paul's" too).
        const auto name = std::find_if(names.begin(), names.end(), [&](std::string_view n) { return n.data() == words[i].data(); });
        if (name == names.end() || !noun_like(words[i - 1], language, true)) continue;
        for (std::size_t before = 2; before <= 4 && before <= i; ++before) {
            const std::string_view word = words[i - before];
            if (is_possessive(word, language)) {
                found.push_back({words[i - 1], *name});
                break;
            }
            if (!noun_like(word, language, false)) break;
        }
    }
    return found;
}

}  // namespace attentive
