#include "core/text/number_words.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text/utf8.h"

namespace attentive {

namespace {

constexpr std::array<std::string_view, 20> kEnglishUnits = {
    "",        "one",     "two",       "three",    "four",     "five",    "six",
    "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 10> kEnglishTens = {"",      "",      "twenty",  "thirty", "forty",
                                                           "fifty", "sixty", "seventy", "eighty", "ninety"};

constexpr std::array<std::string_view, 17> kFrenchUnits = {
    "",     "un",     "deux",    "trois",    "quatre", "cinq",   "six",    "sept", "huit",
    "neuf", "dix",    "onze",    "douze",    "treize", "quatorze", "quinze", "seize"};
constexpr std::array<std::string_view, 7> kFrenchTens = {"", "", "vingt", "trente", "quarante", "cinquante", "soixante"};

constexpr std::array<std::string_view, 20> kGermanUnits = {
    "",         "ein",      "zwei",     "drei",      "vier",     "fünf",     "sechs",
    "sieben",   "acht",     "neun",     "zehn",      "elf",      "zwölf",    "dreizehn",
    "vierzehn", "fünfzehn", "sechzehn", "siebzehn",  "achtzehn", "neunzehn"};
constexpr std::array<std::string_view, 10> kGermanTens = {"",        "",        "zwanzig", "dreißig", "vierzig",
                                                          "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"};

std::string english(int value) {
    if (value < 20) return std::string(kEnglishUnits[value]);
    const std::string tens(kEnglishTens[value / 10]);
    return value % 10 == 0 ? tens : tens + "-" + std::string(kEnglishUnits[value % 10]);
}

// 0 to 99 in French: "vingt et un", "soixante-dix", "quatre-vingts", "quatre-vingt-onze".
std::string french(int value) {
    if (value <= 16) return std::string(kFrenchUnits[value]);
    if (value < 20) return "dix-" + std::string(kFrenchUnits[value - 10]);
    const int tens = value < 80 ? std::min(value / 10, 6) : 8;
    const int rest = tens == 8 ? value - 80 : value - tens * 10;
    const std::string head = tens == 8 ? "quatre-vingt" : std::string(kFrenchTens[tens]);
    if (rest == 0) return tens == 8 ? head + "s" : head;
    if ((rest == 1 || rest == 11) && tens != 8) return head + " et " + french(rest);
    return head + "-" + french(rest);
}

std::string german(int value) {
    if (value < 20) return std::string(kGermanUnits[value]);
    const std::string tens(kGermanTens[value / 10]);
    return value % 10 == 0 ? tens : std::string(kGermanUnits[value % 10]) + "und" + tens;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// How `language` writes `value`: spelled_number() and the other spellings people use. English
// also without the hyphen ("twenty five"); French in the 1990 spelling with hyphens only
// ("vingt-et-un"), with the feminine "une" ("vingt et une heures"), "quatre-vingt" without its
// s, and Belgian and Swiss "septante", "huitante", "octante", "nonante"; German in Swiss
// spelling ("dreissig").
std::vector<std::string> spellings_of(int value, std::string_view language) {
    const std::string written = spelled_number(value, language);
    if (language == "en") return {written, replaced(written, "-", " ")};
    if (language == "de") return {written, replaced(written, "ß", "ss")};
    std::vector<std::string> all = {written, replaced(written, " ", "-")};
    if (written.ends_with("un")) {
        all.push_back(all[0] + "e");
        all.push_back(all[1] + "e");
    }
    if (value == 80) all.emplace_back("quatre-vingt");
    static constexpr std::array<std::pair<int, std::string_view>, 4> kRegionalTens = {
        {{7, "septante"}, {8, "huitante"}, {8, "octante"}, {9, "nonante"}}};
    for (const auto& [tens, head] : kRegionalTens) {
        if (value / 10 != tens) continue;
        const int rest = value % 10;
        all.push_back(rest == 0   ? std::string(head)
                      : rest == 1 ? std::string(head) + " et un"
                                  : std::string(head) + "-" + french(rest));
    }
    return all;
}

// Every way `language` writes the numbers find_spelled_numbers() reads, lowercase, longest
// first (so that "vingt-trois" is read before "vingt" would be).
const std::vector<std::pair<std::string, int>>& spellings(std::string_view language) {
    static const auto build = [](std::string_view lang) {
        std::vector<std::pair<std::string, int>> all;
        for (int value = kFirstSpelledNumber; value <= kLastSpelledNumber; ++value)
            for (std::string& written : spellings_of(value, lang)) all.emplace_back(std::move(written), value);
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
            return a.first.size() != b.first.size() ? a.first.size() > b.first.size() : a.first < b.first;
        });
        all.erase(std::unique(all.begin(), all.end()), all.end());
        return all;
    };
    static const auto english_spellings = build("en");
    static const auto french_spellings = build("fr");
    static const auto german_spellings = build("de");
    static const std::vector<std::pair<std::string, int>> none;
    if (language == "en") return english_spellings;
    if (language == "fr") return french_spellings;
    if (language == "de") return german_spellings;
    return none;
}

bool letter_at(std::string_view text, std::size_t at) {
    if (at >= text.size()) return false;
    const Utf8Char c = decode_utf8_at(text, at);
    return c.well_formed && is_letter(c.code_point);
}

bool letter_before(std::string_view text, std::size_t at) {
    return at > 0 && letter_at(text, utf8_char_start(text, at));
}

}  // namespace

const std::vector<std::string>& count_words(std::string_view language) {
    static const std::vector<std::string> english = {"two", "three", "four", "five", "six", "seven",
                                                     "eight", "nine", "ten", "eleven", "twelve", "twenty"};
    static const std::vector<std::string> french = {"deux", "trois", "quatre", "cinq", "six", "sept",
                                                    "huit", "neuf", "dix", "onze", "douze", "vingt"};
    static const std::vector<std::string> german = {"zwei", "drei", "vier", "fünf", "sechs", "sieben",
                                                    "acht", "neun", "zehn", "elf", "zwölf", "zwanzig"};
    static const std::vector<std::string> none;
    if (language == "en") return english;
    if (language == "fr") return french;
    if (language == "de") return german;
    return none;
}

std::vector<SpelledNumber> find_spelled_numbers(std::string_view sentence, std::string_view language) {
    std::vector<SpelledNumber> found;
    const auto& all = spellings(language);
    if (all.empty()) return found;
    // Number words start with an ASCII letter, which is all a capital changes: the byte offsets
    // of the lowercase text are the sentence's.
    const std::string lower = ascii_lowercase(sentence);
    for (std::size_t at = 0; at < lower.size(); ++at) {
        if (!is_ascii_letter(lower[at]) || letter_before(lower, at)) continue;
        for (const auto& [written, value] : all) {
            const std::size_t end = at + written.size();
            if (lower.compare(at, written.size(), written) != 0 || letter_at(lower, end)) continue;
            // A hyphen and a letter after it make a longer word ("vingt-troisième").
            if (end + 1 < lower.size() && lower[end] == '-' && letter_at(lower, end + 1)) continue;
            found.push_back({at, written.size(), value});
            at = end;
            break;
        }
    }
    return found;
}

std::string spelled_number(int value, std::string_view language) {
    if (value < 1 || value > kLastSpelledNumber) return {};
    if (language == "en") return english(value);
    if (language == "fr") return french(value);
    if (language == "de") return german(value);
    return {};
}

}  // namespace attentive
