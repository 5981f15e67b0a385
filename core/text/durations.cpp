#include "core/text/durations.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text/french_verb_forms.h"
#include "core/text/lexicon.h"

namespace attentive {

namespace {

bool contains(const std::vector<std::string>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// A past participle: a regular one, or one of the common irregular ones.
bool is_past_participle(std::string_view word) {
    static constexpr std::array<std::string_view, 40> kIrregular = {
        "been", "known", "seen", "done", "had", "gone", "taken", "given", "written", "eaten",
        "spoken", "grown", "lost", "heard", "made", "kept", "left", "met", "read", "slept",
        "taught", "thought", "understood", "felt", "found", "got", "gotten", "built", "run",
        "become", "come", "begun", "sent", "spent", "told", "said", "sat", "stood", "won", "worn"};
    return (word.size() > 3 && word.ends_with("ed")) ||
           std::find(kIrregular.begin(), kIrregular.end(), word) != kIrregular.end();
}

// "for" at words[i] begins a length of time: a number or "a", "several", "many", ... and a unit
// of time within the next three words, or "ages", "long", "ever".
bool for_a_length_of_time(const std::vector<std::string>& words, std::size_t i) {
    static constexpr std::array<std::string_view, 22> kUnits = {
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
        "months", "year",   "years",   "decade", "decades", "time", "while", "ages", "long", "ever", "century"};
    for (std::size_t j = i + 1; j < words.size() && j <= i + 4; ++j)
        if (std::find(kUnits.begin(), kUnits.end(), words[j]) != kUnits.end()) return true;
    return false;
}

}  // namespace

bool tells_duration_until_now(std::string_view source, std::string_view language) {
    const std::vector<std::string> words = word_keys(source);
    if (language == "fr") return contains(words, "depuis");
    if (language == "de") return contains(words, "seit") || contains(words, "seitdem");
    if (language == "en" && has_perfect(source)) {
        for (std::size_t i = 0; i < words.size(); ++i)
            if (words[i] == "since" || (words[i] == "for" && for_a_length_of_time(words, i))) return true;
    }
    return false;
}

bool says_since_or_for(std::string_view text) {
    const std::vector<std::string> words = word_keys(text);
    return contains(words, "since") || contains(words, "for");
}

bool has_perfect(std::string_view text) {
    // word_keys splits "haven't" into "haven", "t" and "I've" into "i", "ve".
    const std::vector<std::string> words = word_keys(text);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        const bool auxiliary = word == "have" || word == "has" || word == "had" || word == "ve" || word == "haven" ||
                               word == "hasn" || word == "hadn";
        std::size_t next = i + 1;
        if (next < words.size() && words[next] == "t") ++next;  // haven't
        while (next < words.size() && (words[next] == "not" || words[next] == "never" || words[next] == "always" ||
                                       words[next] == "just" || words[next] == "already"))
            ++next;
        if (next >= words.size()) continue;
        if (auxiliary && is_past_participle(words[next])) return true;
        if (word == "s" && words[next] == "been") return true;  // it's been
    }
    return false;
}

bool says_depuis_with_present(std::string_view text, std::string_view source) {
    const std::vector<std::string> words = word_keys(text);
    if (!contains(words, "depuis")) return false;
    // "been" before a state ("been married", "been ill"; not "been working"): "être" may stand
    // before its participle ("sont mariés").
    const std::vector<std::string> english = word_keys(source);
    const auto been = std::find(english.begin(), english.end(), "been");
    const bool state = been != english.end() && been + 1 != english.end() && !(been + 1)->ends_with("ing");
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::optional<FrenchAuxiliary> aux = french_auxiliary(words[i]);
        if (!aux || (state && aux->etre)) continue;
        std::size_t next = i + 1;
        if (next + 1 < words.size() && (words[next] == "pas" || words[next] == "jamais")) ++next;
        const bool adverb = words[next] == "depuis" || words[next] == "ici" || words[next] == "aussi";  // "Je l'ai depuis"
        if (!adverb && looks_like_french_participle(words[next])) return false;
    }
    return true;
}

}  // namespace attentive
