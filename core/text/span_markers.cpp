#include "core/text/span_markers.h"

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
// "Ms", "Frau"), 2 an unmarried one, 3 a doctor, 4 a professor.
struct Title {
    std::string_view language, written;
    int meaning;
};
constexpr Title kTitles[] = {
    {"en", "Mr", 0},        {"en", "Mrs", 1},          {"en", "Ms", 1},       {"en", "Miss", 2},
    {"en", "Dr", 3},        {"en", "Doctor", 3},       {"en", "Prof", 4},     {"en", "Professor", 4},
    {"fr", "M", 0},
    {"fr", "Mme", 1},       {"fr", "Mlle", 2},         {"fr", "Monsieur", 0}, {"fr", "Madame", 1},
    {"fr", "Mademoiselle", 2}, {"fr", "Dr", 3},        {"fr", "Docteur", 3},  {"fr", "Professeur", 4},
    {"de", "Herr", 0},      {"de", "Herrn", 0},        {"de", "Frau", 1},     {"de", "Dr", 3},
    {"de", "Prof", 4},      {"de", "Professor", 4},    {"de", "Doktor", 3}};

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

std::string translate_title(std::string_view title, std::string_view from, std::string_view to) {
    // As each target language writes them before a name, by meaning.
    static constexpr std::string_view kEnglish[] = {"Mr", "Mrs", "Miss", "Dr", "Professor"};
    static constexpr std::string_view kFrench[] = {"M.", "Mme", "Mlle", "Dr", "Professeur"};
    static constexpr std::string_view kGerman[] = {"Herr", "Frau", "Frau", "Dr.", "Professor"};
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
