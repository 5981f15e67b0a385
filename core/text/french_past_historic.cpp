#include "core/text/french_past_historic.h"

#include <algorithm>
#include <array>
#include <unordered_set>
#include <utility>

#include "core/text/french_verb_forms.h"
#include "core/text/lexicon.h"

namespace attentive {

namespace {

// Irregular simple pasts (third person, singular and plural) and their past participles. Left
// out: forms that are also the present or another word ("vit", "dit", "rit", "fuit", "but").
constexpr auto kIrregular = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"fut", "été"},          {"furent", "été"},         {"fûmes", "été"},          {"eut", "eu"},
    {"eurent", "eu"},        {"eûmes", "eu"},           {"fit", "fait"},           {"firent", "fait"},
    {"fîmes", "fait"},       {"prit", "pris"},          {"prirent", "pris"},       {"prîmes", "pris"},
    {"mit", "mis"},          {"mirent", "mis"},         {"mîmes", "mis"},          {"vint", "venu"},
    {"vinrent", "venu"},     {"vînmes", "venu"},        {"tint", "tenu"},          {"tinrent", "tenu"},
    {"devint", "devenu"},    {"devinrent", "devenu"},   {"revint", "revenu"},      {"revinrent", "revenu"},
    {"parvint", "parvenu"},  {"obtint", "obtenu"},      {"retint", "retenu"},      {"souvint", "souvenu"},
    {"put", "pu"},           {"purent", "pu"},          {"dut", "dû"},             {"voulut", "voulu"},
    {"voulurent", "voulu"},  {"sut", "su"},             {"surent", "su"},          {"virent", "vu"},
    {"vîmes", "vu"},         {"naquit", "né"},          {"naquirent", "né"},       {"mourut", "mort"},
    {"moururent", "mort"},   {"connut", "connu"},       {"connurent", "connu"},    {"reconnut", "reconnu"},
    {"parut", "paru"},       {"parurent", "paru"},      {"apparut", "apparu"},     {"disparut", "disparu"},
    {"disparurent", "disparu"}, {"crut", "cru"},        {"crurent", "cru"},        {"lut", "lu"},
    {"lurent", "lu"},        {"courut", "couru"},       {"coururent", "couru"},    {"reçut", "reçu"},
    {"reçurent", "reçu"},    {"aperçut", "aperçu"},     {"vécut", "vécu"},         {"vécurent", "vécu"},
    {"écrivit", "écrit"},    {"écrivirent", "écrit"},   {"dirent", "dit"},         {"conduisit", "conduit"},
    {"construisit", "construit"}, {"produisit", "produit"}, {"traduisit", "traduit"}, {"sourirent", "souri"},
    {"assit", "assis"},      {"assirent", "assis"},     {"battit", "battu"},       {"plut", "plu"},
    {"fallut", "fallu"},     {"valut", "valu"},         {"comprit", "compris"},    {"comprirent", "compris"},
    {"apprit", "appris"},    {"apprirent", "appris"},   {"surprit", "surpris"},    {"reprit", "repris"},
    {"promit", "promis"},    {"permit", "permis"},      {"admit", "admis"},        {"remit", "remis"},
    {"soumit", "soumis"},    {"vêtit", "vêtu"},         {"rompit", "rompu"},       {"interrompit", "interrompu"},
    {"vainquit", "vaincu"},  {"craignit", "craint"},    {"peignit", "peint"},      {"joignit", "joint"},
    {"rejoignit", "rejoint"}, {"éteignit", "éteint"},   {"plaignit", "plaint"},    {"atteignit", "atteint"},
});

// -ir verbs whose simple past singular ("ouvrit", "sortit") is not their present ("ouvre",
// "sort"), unlike "finir" ("il finit"); a prefix stands for its compounds ("découvrir").
constexpr std::array<std::string_view, 12> kIrStemsWithOwnPast = {
    "ouvr", "couvr", "offr", "souffr", "cueill", "sort", "part", "dorm", "serv", "sent", "ment", "consent"};

// Simple-past forms of regular verbs that are also another word.
constexpr std::array<std::string_view, 7> kNotPast = {"visa", "maria", "aida", "cela", "voila", "opéra", "hélas"};

// An auxiliary before a past participle: a present form of "avoir" or "être", or their own
// participle or infinitive ("a été donné", "après avoir fermé").
bool is_auxiliary(std::string_view word) {
    return french_auxiliary(word) || word == "été" || word == "eu" || word == "avoir" || word == "être";
}

// `word` is `participle`, agreed or not ("fermé", "fermées").
bool is_participle(std::string_view word, std::string_view participle) {
    if (!word.starts_with(participle)) return false;
    const std::string_view agreement = word.substr(participle.size());
    return agreement.empty() || agreement == "e" || agreement == "s" || agreement == "es";
}

bool has_own_past(std::string_view stem) {
    return std::any_of(kIrStemsWithOwnPast.begin(), kIrStemsWithOwnPast.end(),
                       [&](std::string_view own) { return stem.ends_with(own); });
}

}  // namespace

FrenchPastHistoric::FrenchPastHistoric(const std::vector<std::string>& words) {
    const std::unordered_set<std::string_view> listed(words.begin(), words.end());
    const auto add = [&](std::string form, std::string participle) {
        if (listed.contains(form)) m_participles.emplace(std::move(form), std::move(participle));
    };
    for (const std::string& word : words) {
        if (word.size() < 5) continue;
        if (word.ends_with("er")) {
            const std::string stem = word.substr(0, word.size() - 2);
            // Before a and â: "mangea", "commença".
            std::string soft = stem;
            if (stem.ends_with('g')) soft += 'e';
            else if (stem.ends_with('c')) soft = stem.substr(0, stem.size() - 1) + "ç";
            for (const char* ending : {"a", "ai", "âmes", "âtes"}) add(soft + ending, stem + "é");
            add(stem + "èrent", stem + "é");
        } else if (word.ends_with("ir")) {
            const std::string stem = word.substr(0, word.size() - 2);
            // "ouvrir" -> "ouvert", "sortir" -> "sorti", "finir" -> "fini".
            const bool ert = stem.ends_with("vr") || stem.ends_with("ffr");
            const std::string participle = ert ? stem.substr(0, stem.size() - 1) + "ert" : stem + "i";
            for (const char* ending : {"irent", "îmes", "îtes"}) add(stem + ending, participle);
            if (has_own_past(stem)) add(stem + "it", participle);
        } else if (word.ends_with("dre")) {
            const std::string stem = word.substr(0, word.size() - 2);  // "attendre" -> "attend"
            for (const char* ending : {"it", "irent", "îmes", "îtes"}) add(stem + ending, stem + "u");
        }
    }
    for (const auto& [form, participle] : kIrregular) add(std::string(form), std::string(participle));
    for (std::string_view word : kNotPast) m_participles.erase(std::string(word));
}

bool FrenchPastHistoric::in(std::string_view text) const {
    if (empty()) return false;
    const std::vector<std::string> words = word_keys(text);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return m_participles.contains(w); });
}

bool FrenchPastHistoric::compound_in(std::string_view before, std::string_view after) const {
    const std::vector<std::string> after_words = word_keys(after);
    const auto compound = [&](std::string_view participle) {
        for (std::size_t i = 0; i < after_words.size(); ++i) {
            if (!is_participle(after_words[i], participle)) continue;
            if (std::any_of(after_words.begin(), after_words.begin() + static_cast<std::ptrdiff_t>(i),
                            [](const std::string& w) { return is_auxiliary(w); }))
                return true;
        }
        return false;
    };
    for (const std::string& word : word_keys(before)) {
        const auto found = m_participles.find(word);
        if (found != m_participles.end() && !compound(found->second)) return false;
    }
    return true;
}

std::vector<std::string> FrenchPastHistoric::without_forms(const std::vector<std::string>& words) const {
    std::vector<std::string> kept;
    kept.reserve(words.size());
    for (const std::string& word : words)
        if (!m_participles.contains(word)) kept.push_back(word);
    return kept;
}

}  // namespace attentive
