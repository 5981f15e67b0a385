#include "core/text/durations.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

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

}  // namespace

bool tells_duration_until_now(std::string_view source, std::string_view language) {
    const std::vector<std::string> words = word_keys(source);
    if (language == "fr") return contains(words, "depuis");
    if (language == "de") return contains(words, "seit") || contains(words, "seitdem");
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

}  // namespace attentive
