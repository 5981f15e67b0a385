#include "core/text/negation.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/text/lexicon.h"

namespace attentive {

namespace {

const std::vector<std::string>& negation_words(std::string_view language) {
    // As word_keys() splits them: "n't" leaves a "t" after a word ending in "n" (checked
    // below), French "n'" a lone "n".
    static const std::vector<std::string> english = {"not", "never", "no", "nobody", "nothing", "none",
                                                     "nowhere", "cannot", "neither", "nor", "noone"};
    static const std::vector<std::string> french = {"ne", "n", "pas", "jamais", "rien", "aucun", "aucune",
                                                    "nul", "nulle", "ni", "non", "guère"};
    static const std::vector<std::string> german = {"nicht",    "kein",      "keine",     "keinen", "keinem",
                                                    "keiner",   "keines",    "nie",       "niemals", "nichts",
                                                    "niemand",  "niemanden", "niemandem", "weder",  "nirgends",
                                                    "nirgendwo", "nein",     "keineswegs"};
    static const std::vector<std::string> none;
    if (language == "en") return english;
    if (language == "fr") return french;
    if (language == "de") return german;
    return none;
}

}  // namespace

bool has_negation(std::string_view text, std::string_view language) {
    const std::vector<std::string>& words = negation_words(language);
    if (words.empty()) return false;
    const std::vector<std::string> keys = word_keys(text);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (std::find(words.begin(), words.end(), keys[i]) != words.end()) return true;
        // "don't", "isn't", "can't": a "t" after a word ending in "n", the apostrophe between.
        if (language == "en" && keys[i] == "t" && i > 0 && keys[i - 1].size() > 1 && keys[i - 1].back() == 'n')
            return true;
    }
    return false;
}

bool is_negating_word(std::string_view word, std::string_view language) {
    const std::vector<std::string> keys = word_keys(word);
    return language == "de" && keys.size() == 1 && keys.front() != "nein" && has_negation(keys.front(), "de");
}

}  // namespace attentive
