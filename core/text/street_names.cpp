#include "core/text/street_names.h"

#include <algorithm>
#include <array>

#include "core/text/utf8.h"

namespace attentive {

namespace {

bool capitalised(std::string_view text, const LetterRun& run) {
    const Utf8Char first = decode_utf8_at(text, run.begin);
    return first.well_formed && is_upper(first.code_point);
}

// Whether runs a and b are one space apart (a hyphen inside a French name too: "Saint-Michel").
bool spaced(std::string_view text, const LetterRun& a, const LetterRun& b, bool hyphen_too = false) {
    const std::string_view gap = text.substr(a.end, b.begin - a.end);
    return gap == " " || (hyphen_too && (gap == "-" || gap == "'"));
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

constexpr std::array<std::string_view, 14> kEnglishStreetWords = {
    "street", "st", "road", "rd", "avenue", "ave", "lane", "square", "boulevard", "drive", "way", "crescent", "terrace", "place"};
// Capitalised words that start a phrase, not a street's name ("The Street", "My Way").
constexpr std::array<std::string_view, 10> kEnglishDeterminers = {"the", "a", "an", "my", "our", "your",
                                                                  "his", "her", "their", "this"};
constexpr std::array<std::string_view, 10> kFrenchStreetWords = {"rue",    "avenue", "boulevard", "place", "allée",
                                                                 "impasse", "quai",  "chemin",    "cours", "square"};
constexpr std::array<std::string_view, 6> kFrenchParticles = {"de", "du", "des", "la", "l", "d"};
constexpr std::array<std::string_view, 4> kGermanStreetEndings = {"straße", "strasse", "gasse", "allee"};
// Common nouns with a street's ending, names only with a house number ("in der Hauptstraße" is
// on the main road as often as on a street of that name).
constexpr std::array<std::string_view, 9> kGermanStreetNouns = {"hauptstraße", "hauptstrasse", "landstraße",
                                                                "einbahnstraße", "seitenstraße", "nebenstraße",
                                                                "querstraße", "sackgasse", "seitengasse"};
// Words after which a French street word is a common noun ("une rue d'Europe", "cette place").
constexpr std::array<std::string_view, 14> kFrenchIndefinites = {"une", "un", "des", "cette", "ce", "chaque", "ma",
                                                                 "ta", "sa", "notre", "votre", "leur", "quelle", "autre"};

std::vector<StreetName> english(std::string_view text, const std::vector<LetterRun>& runs) {
    std::vector<StreetName> found;
    for (std::size_t r = 1; r < runs.size(); ++r) {
        if (!capitalised(text, runs[r]) || !one_of(kEnglishStreetWords, runs[r].lower)) continue;
        std::size_t first = r;
        while (first > 0 && r - first < 3 && capitalised(text, runs[first - 1]) && spaced(text, runs[first - 1], runs[first]) &&
               !one_of(kEnglishDeterminers, runs[first - 1].lower))
            --first;
        if (first == r) continue;
        found.push_back({runs[first].begin, runs[r].end - runs[first].begin});
    }
    return found;
}

std::vector<StreetName> french(std::string_view text, const std::vector<LetterRun>& runs) {
    std::vector<StreetName> found;
    for (std::size_t r = 0; r + 1 < runs.size(); ++r) {
        if (!one_of(kFrenchStreetWords, runs[r].lower) || (r > 0 && one_of(kFrenchIndefinites, runs[r - 1].lower))) continue;
        std::size_t k = r + 1;
        while (k < runs.size() && !capitalised(text, runs[k]) && one_of(kFrenchParticles, runs[k].lower) &&
               spaced(text, runs[k - 1], runs[k], true))
            ++k;
        std::size_t last = r;
        while (k < runs.size() && spaced(text, runs[k - 1], runs[k], true) &&
               (capitalised(text, runs[k]) || (last > r && one_of(kFrenchParticles, runs[k].lower)))) {
            if (capitalised(text, runs[k])) last = k;
            ++k;
        }
        if (last == r) continue;
        found.push_back({runs[r].begin, runs[last].end - runs[r].begin});
        r = last;
    }
    return found;
}

std::vector<StreetName> german(std::string_view text, const std::vector<LetterRun>& runs) {
    std::vector<StreetName> found;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const std::string& word = runs[r].lower;
        const bool street = capitalised(text, runs[r]) && std::any_of(kGermanStreetEndings.begin(), kGermanStreetEndings.end(),
                                                                        [&](std::string_view ending) {
                                                                            return word.size() > ending.size() + 2 && word.ends_with(ending);
                                                                        });
        if (!street) continue;
        const std::size_t end = runs[r].end;
        const bool numbered = end + 1 < text.size() && text[end] == ' ' && text[end + 1] >= '0' && text[end + 1] <= '9';
        const bool after_der = r >= 2 && runs[r - 1].lower == "der" && (runs[r - 2].lower == "in" || runs[r - 2].lower == "an") &&
                               !one_of(kGermanStreetNouns, word);
        if (numbered || after_der) found.push_back({runs[r].begin, end - runs[r].begin});
    }
    return found;
}

}  // namespace

std::vector<StreetName> find_street_names(std::string_view sentence, std::string_view language) {
    const std::vector<LetterRun> runs = letter_runs(sentence);
    if (language == "en") return english(sentence, runs);
    if (language == "fr") return french(sentence, runs);
    if (language == "de") return german(sentence, runs);
    return {};
}

}  // namespace attentive
