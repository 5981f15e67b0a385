#include "core/text/span_markers.h"

#include <algorithm>
#include <iterator>

#include "core/text/utf8.h"

namespace attentive {

const std::vector<std::string>& noun_markers(std::string_view language) {
    static const std::vector<std::string> german = {
        "der",    "die",    "den",    "dem",    "des",    "ein",     "eine",    "einen",   "einem",
        "einer",  "eines",  "kein",   "keine",  "keinen", "keinem",  "keiner",  "keines",  "mein",
        "meine",  "meinen", "meinem", "meiner", "meines", "dein",    "deine",   "deinen",  "deinem",
        "deiner", "deines", "sein",   "seine",  "seinen", "seinem",  "seiner",  "seines",  "ihre",
        "ihren",  "ihrem",  "ihrer",  "ihres",  "unser",  "unsere",  "unseren", "unserem", "unserer",
        "unseres", "eure",  "euren",  "eurem",  "eurer",  "eures",   "dieser",  "diese",   "diesen",
        "diesem", "dieses", "jeder",  "jede",   "jeden",  "jedem",   "jedes",   "welcher", "welche",
        "welchen", "welchem", "welches", "im",  "am",     "zum",     "zur",     "vom",     "beim",
        "ins",    "ans",    "ums",    "aufs",   "fürs",   "übers"};
    static const std::vector<std::string> none;
    return language == "de" ? german : none;
}

const std::vector<std::string>& determiners(std::string_view language) {
    static const std::vector<std::string> english = {"the", "a", "an", "my", "your", "his", "her", "its", "our",
                                                     "their", "this", "that", "these", "those", "some", "any",
                                                     "every", "each", "no"};
    static const std::vector<std::string> french = {"le",  "la",  "les", "un",   "une",  "des",   "du",    "mon",
                                                    "ma",  "mes", "ton", "ta",   "tes",  "son",   "sa",    "ses",
                                                    "notre", "nos", "votre", "vos", "leur", "leurs", "ce", "cet",
                                                    "cette", "ces", "chaque"};
    static const std::vector<std::string> none;
    return language == "en" ? english : language == "fr" ? french : none;
}

namespace {

// A title as one language writes it, and its meaning: 0 a man, 1 a married woman (or any woman,
// "Ms", "Frau"), 2 an unmarried one, 3 a doctor, 4 a professor; kinship before a name, 5 an
// aunt, 6 an uncle, 7 a grandmother, 8 a grandfather (the models dropped or garbled those as
// they did "Dr": "Tante Julia kommt heute." -> "Baby Julia is coming today.", "This present is
// for Grandma Rose." -> "Dieses Geschenk ist Rose.", "Ce présent est pour vous-même Rose.").
// French writes kinship in lower case before a name ("oncle Paul"), at a sentence's start too.
struct Title {
    std::string_view language, written;
    int meaning;
};
constexpr int kFirstKinship = 5;
constexpr Title kTitles[] = {
    {"en", "Mr", 0},        {"en", "Mrs", 1},          {"en", "Ms", 1},       {"en", "Miss", 2},
    {"en", "Dr", 3},        {"en", "Doctor", 3},       {"en", "Prof", 4},     {"en", "Professor", 4},
    {"fr", "M", 0},
    {"fr", "Mme", 1},       {"fr", "Mlle", 2},         {"fr", "Monsieur", 0}, {"fr", "Madame", 1},
    {"fr", "Mademoiselle", 2}, {"fr", "Dr", 3},        {"fr", "Docteur", 3},  {"fr", "Professeur", 4},
    {"de", "Herr", 0},      {"de", "Herrn", 0},        {"de", "Frau", 1},     {"de", "Dr", 3},
    {"de", "Prof", 4},      {"de", "Professor", 4},    {"de", "Doktor", 3},
    {"en", "Aunt", 5},      {"en", "Auntie", 5},       {"en", "Uncle", 6},    {"en", "Grandma", 7},
    {"en", "Granny", 7},    {"en", "Grandmother", 7},  {"en", "Grandpa", 8},  {"en", "Grandfather", 8},
    {"fr", "tante", 5},     {"fr", "Tante", 5},        {"fr", "oncle", 6},    {"fr", "Oncle", 6},
    {"fr", "mamie", 7},     {"fr", "Mamie", 7},        {"fr", "grand-mère", 7}, {"fr", "Grand-mère", 7},
    {"fr", "papi", 8},      {"fr", "Papi", 8},         {"fr", "papy", 8},     {"fr", "Papy", 8},
    {"fr", "grand-père", 8}, {"fr", "Grand-père", 8},
    {"de", "Tante", 5},     {"de", "Onkel", 6},        {"de", "Oma", 7},      {"de", "Großmutter", 7},
    {"de", "Opa", 8},       {"de", "Großvater", 8}};

}  // namespace

const std::vector<std::string>& name_titles(std::string_view language) {
    static const auto titles_of = [](std::string_view code) {
        std::vector<std::string> titles;
        for (const Title& t : kTitles)
            if (t.language == code) titles.emplace_back(t.written);
        return titles;
    };
    static const std::vector<std::string> english = titles_of("en"), french = titles_of("fr"), german = titles_of("de");
    static const std::vector<std::string> none;
    if (language == "en") return english;
    if (language == "fr") return french;
    if (language == "de") return german;
    return none;
}

bool kinship_title(std::string_view title, std::string_view language) {
    return std::any_of(std::begin(kTitles), std::end(kTitles), [&](const Title& t) {
        return t.language == language && t.written == title && t.meaning >= kFirstKinship;
    });
}

std::string feminine_determiner(std::string_view masculine, std::string_view title) {
    using Forms = std::vector<std::pair<std::string, std::string>>;
    static const Forms french = {{"mon", "ma"}, {"ton", "ta"}, {"son", "sa"}, {"le", "la"}};
    // Each case's masculine form -> the feminine one: nominative, accusative, dative, genitive.
    static const Forms german = [] {
        Forms forms = {{"der", "die"}, {"den", "die"}, {"dem", "der"}, {"des", "der"}};
        for (const std::string stem : {"ein", "mein", "dein", "sein", "ihr", "unser", "euer"}) {
            const std::string base = stem == "euer" ? "eur" : stem;  // "euer", "eure", "eurem"
            forms.emplace_back(stem, base + "e");
            forms.emplace_back(base + "en", base + "e");
            forms.emplace_back(base + "em", base + "er");
            forms.emplace_back(base + "es", base + "er");
        }
        return forms;
    }();
    static const Forms none;
    const std::string_view first = title.substr(0, title.find(' '));
    const Forms& forms = first == "tante" || first == "mamie" ? french
                         : first == "Tante" || first == "Oma" ? german
                                                              : none;
    const bool capital = !masculine.empty() && masculine[0] >= 'A' && masculine[0] <= 'Z';
    const std::string lower = with_lower_first(masculine);
    for (const auto& [from, to] : forms)
        if (lower == from) return capital ? with_upper_first(to) : to;
    return {};
}

std::string translate_title(std::string_view title, std::string_view from, std::string_view to) {
    // As each target language writes them before a name, by meaning.
    static constexpr std::string_view kEnglish[] = {"Mr", "Mrs", "Miss", "Dr", "Professor",
                                                    "Aunt", "Uncle", "Grandma", "Grandpa"};
    static constexpr std::string_view kFrench[] = {"M.", "Mme", "Mlle", "Dr", "Professeur",
                                                   "tante", "oncle", "mamie", "papi"};
    static constexpr std::string_view kGerman[] = {"Herr", "Frau", "Frau", "Dr.", "Professor",
                                                   "Tante", "Onkel", "Oma", "Opa"};
    for (const Title& t : kTitles) {
        if (t.language != from || t.written != title) continue;
        if (to == "en") return std::string(kEnglish[t.meaning]);
        if (to == "fr") return std::string(kFrench[t.meaning]);
        if (to == "de") return std::string(kGerman[t.meaning]);
    }
    return {};
}

const std::vector<std::string>& place_markers(std::string_view language) {
    static const std::vector<std::string> german = {"nach", "in"};
    static const std::vector<std::string> english = {"in"};
    static const std::vector<std::string> french = {"à"};
    static const std::vector<std::string> none;
    return language == "de" ? german : language == "en" ? english : language == "fr" ? french : none;
}

const std::vector<std::string>& travel_place_markers(std::string_view language) {
    static const std::vector<std::string> english = {"to"};
    static const std::vector<std::string> none;
    return language == "en" ? english : none;
}

const std::vector<std::string>& travel_cues(std::string_view language) {
    static const std::vector<std::string> english = {
        "drove", "driv", "flew", "fly", "flie", "travel", "went", "goes", "going", "moved", "moving", "walked",
        "walking", "rode", "riding", "cycl", "sail", "commut", "return", "headed", "heading"};
    static const std::vector<std::string> none;
    return language == "en" ? english : none;
}

const std::vector<std::string>& person_cues(std::string_view language) {
    // Stems of verbs of writing, saying, asking and giving, "rendre visite à", and the greetings
    // sent to someone.
    static const std::vector<std::string> french = {
        "écri", "parl", "dis", "dit", "dire", "demand", "répond", "téléphon", "donn", "envoi", "envoy",
        "montr", "expliqu", "offr", "prêt", "présent", "racont", "souhait", "visite", "bonjour", "merci", "salut"};
    static const std::vector<std::string> none;
    return language == "fr" ? french : none;
}

}  // namespace attentive
