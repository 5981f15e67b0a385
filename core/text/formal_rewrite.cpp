#include "core/text/formal_rewrite.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "core/text/address_forms.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

using FormPairs = std::pair<std::string_view, std::string_view>;

// The second of the pair whose first is `word`, "" when none is.
template <std::size_t N>
std::string_view paired(const std::array<FormPairs, N>& pairs, std::string_view word) {
    for (const auto& [familiar, formal] : pairs)
        if (word == familiar) return formal;
    return {};
}

// Second person singular forms whose plural is not the regular one, matched at a word's end so
// that prefixed verbs follow ("vergibst" -> "vergeben", "erhältst" -> "erhalten").
constexpr std::array<FormPairs, 42> kIrregularVerbs = {{
    {"bist", "sind"},        {"hast", "haben"},        {"kannst", "können"},    {"willst", "wollen"},
    {"musst", "müssen"},     {"darfst", "dürfen"},     {"magst", "mögen"},      {"weißt", "wissen"},
    {"wirst", "werden"},     {"warst", "waren"},       {"wärst", "wären"},      {"tust", "tun"},
    {"isst", "essen"},       {"liest", "lesen"},       {"siehst", "sehen"},     {"gibst", "geben"},
    {"nimmst", "nehmen"},    {"sprichst", "sprechen"}, {"hilfst", "helfen"},    {"triffst", "treffen"},
    {"fährst", "fahren"},    {"läufst", "laufen"},     {"schläfst", "schlafen"}, {"trägst", "tragen"},
    {"hältst", "halten"},    {"lässt", "lassen"},      {"fängst", "fangen"},    {"empfiehlst", "empfehlen"},
    {"wirfst", "werfen"},    {"stirbst", "sterben"},   {"brichst", "brechen"},  {"trittst", "treten"},
    {"rätst", "raten"},      {"wäschst", "waschen"},   {"fällst", "fallen"},    {"stiehlst", "stehlen"},
    {"reist", "reisen"},     {"wächst", "wachsen"},    {"vergisst", "vergessen"}, {"befiehlst", "befehlen"},
    {"lädst", "laden"},      {"stößt", "stoßen"}}};

// Words that end like a verb of "du" and are none.
constexpr std::array<std::string_view, 14> kNotVerbs = {
    "fast", "fest", "erst", "sonst", "selbst", "meist", "zuerst", "längst", "jüngst", "best", "west",
    "ost", "rest", "test"};

// The verb of a German du-imperative ("ruf", "gib", "warte") as "Sie" asks with it ("rufen",
// "geben", "warten").
std::string german_formal_imperative(std::string_view word) {
    constexpr std::array<FormPairs, 8> kIrregular = {{
        {"gib", "geben"}, {"nimm", "nehmen"}, {"hilf", "helfen"}, {"sieh", "sehen"}, {"lies", "lesen"},
        {"sprich", "sprechen"}, {"vergiss", "vergessen"}, {"iss", "essen"}}};
    if (const std::string_view formal = paired(kIrregular, word); !formal.empty()) return std::string(formal);
    return std::string(word) + (word.ends_with('e') ? "n" : "en");
}

// French imperatives of "tu" that open a sentence or clause, with those of "vous" ("Passe une
// bonne journée !" in a shop's formal e-mail). Not "entre", "aide", "demande", "montre": nouns
// and a preposition first in a sentence too.
constexpr std::array<FormPairs, 33> kFrenchImperatives = {{
    {"passe", "passez"},     {"apporte", "apportez"}, {"appelle", "appelez"},     {"rappelle", "rappelez"},
    {"dis", "dites"},        {"fais", "faites"},      {"viens", "venez"},         {"reviens", "revenez"},
    {"prends", "prenez"},    {"va", "allez"},         {"regarde", "regardez"},    {"écoute", "écoutez"},
    {"attends", "attendez"}, {"donne", "donnez"},     {"envoie", "envoyez"},      {"amène", "amenez"},
    {"laisse", "laissez"},   {"écris", "écrivez"},    {"sois", "soyez"},          {"mets", "mettez"},
    {"essaie", "essayez"},   {"réponds", "répondez"}, {"arrête", "arrêtez"},      {"sors", "sortez"},
    {"amuse", "amusez"},     {"dépêche", "dépêchez"}, {"excuse", "excusez"},      {"pardonne", "pardonnez"},
    {"tiens", "tenez"},      {"contacte", "contactez"}, {"profite", "profitez"},  {"oublie", "oubliez"},
    {"apprécie", "appréciez"}}};

constexpr std::array<FormPairs, 6> kPossessives = {{
    {"dein", "Ihr"}, {"deine", "Ihre"}, {"deinen", "Ihren"}, {"deinem", "Ihrem"}, {"deiner", "Ihrer"}, {"deines", "Ihres"}}};

// A word of a sentence, as the rewrite sees it.
struct Word {
    std::string text;         // as written
    std::string lower;
    bool ends_clause = false;  // a comma, colon, semicolon or end mark follows
    bool exclaimed = false;    // "!" follows
    bool attached = false;     // after an apostrophe or hyphen: part of another word ("c'te")
};

// `replacement` capitalised as `original` is ("Écoute" -> "Écoutez", not "écoutez").
std::string with_case_of(std::string_view original, const std::string& replacement) {
    return !original.empty() && is_upper(decode_utf8_at(original, 0).code_point) ? with_upper_first(replacement)
                                                                                 : replacement;
}

// The French replacement of each word ("" keeps it).
std::vector<std::string> french_formal_words(const std::vector<Word>& words) {
    std::vector<std::string> out(words.size());
    // "Hi Sophie," is "Salut Sophie," to a friend; formally "Bonjour".
    if (!words.empty() && words.front().lower == "salut") out.front() = "Bonjour";
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if (words[i].lower == "te" && !words[i].attached && words[i + 1].lower.starts_with("plaît")) out[i] = "vous";
    // An imperative first in its clause, and its "-toi" ("Amuse-toi bien" -> "Amusez-vous bien").
    for (std::size_t i = 0; i < words.size(); ++i) {
        const bool opens = i == 0 || words[i - 1].ends_clause || words[i - 1].lower == "et";
        const bool asked = i + 1 < words.size() && words[i + 1].attached && words[i + 1].lower == "t";  // "Va-t-il"
        const std::string_view formal = paired(kFrenchImperatives, words[i].lower);
        if (!opens || asked || words[i].attached || formal.empty()) continue;
        out[i] = formal;
        if (i + 1 < words.size() && words[i + 1].attached && words[i + 1].lower == "toi") out[i + 1] = "vous";
    }
    return out;
}

// The German replacement of each word ("" keeps it), clause by clause.
std::vector<std::string> german_formal_words(const std::vector<Word>& words) {
    std::vector<std::string> out(words.size());
    // A verb of "du" is written in lower case but first in the sentence ("Hast du ...?").
    const auto verb = [&](std::size_t i) -> std::string {
        if (i > 0 && words[i].text != words[i].lower) return {};
        return german_formal_verb(words[i].lower);
    };
    for (std::size_t begin = 0; begin < words.size();) {
        std::size_t end = begin;
        while (end < words.size() && !words[end].ends_clause) ++end;
        end = std::min(end + 1, words.size());
        std::optional<std::size_t> du;
        for (std::size_t i = begin; i < end; ++i)
            if (words[i].lower == "du") du = i;
        for (std::size_t i = begin; i < end; ++i) {
            const std::string& lower = words[i].lower;
            if (const std::string_view formal = paired(kPossessives, lower); !formal.empty()) out[i] = formal;
            else if (lower == "du") out[i] = "Sie";
            else if (lower == "dich" || lower == "dir") out[i] = du ? "sich" : lower == "dich" ? "Sie" : "Ihnen";
        }
        if (du) {
            // Its verb: before "du", else after it, else the clause's last.
            std::string plural;
            if (*du > begin) plural = verb(*du - 1);
            if (!plural.empty()) {
                out[*du - 1] = plural;
            } else if (*du + 1 < end && !(plural = verb(*du + 1)).empty()) {
                out[*du + 1] = plural;
            } else {
                for (std::size_t i = end; i-- > begin;)
                    if (i != *du && !(plural = verb(i)).empty()) {
                        out[i] = plural;
                        break;
                    }
            }
        } else {
            // A clause without "du" may ask with a du-imperative: "sag es uns" -> "sagen Sie es uns".
            const std::size_t first = begin + 1 < end && opens_german_clause(words[begin].lower) ? begin + 1 : begin;
            const std::string_view next = first + 1 < end ? std::string_view(words[first + 1].lower) : std::string_view();
            if (out[first].empty() && is_german_du_imperative(words[first].lower, next, words[first].exclaimed))
                out[first] = german_formal_imperative(words[first].lower) + " Sie";
        }
        begin = end;
    }
    return out;
}

// The replacement of each word ("" keeps it), capitalised as the word it replaces.
std::vector<std::string> formal_words(const std::vector<Word>& words, std::string_view language) {
    std::vector<std::string> out = language == "fr"   ? french_formal_words(words)
                                   : language == "de" ? german_formal_words(words)
                                                      : std::vector<std::string>(words.size());
    for (std::size_t i = 0; i < words.size(); ++i)
        if (!out[i].empty()) out[i] = with_case_of(words[i].text, out[i]);
    return out;
}

bool is_clause_mark(char c) { return c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?'; }

}  // namespace

std::string german_formal_verb(std::string_view word) {
    if (word.size() < 3 || std::find(kNotVerbs.begin(), kNotVerbs.end(), word) != kNotVerbs.end()) return {};
    const FormPairs* best = nullptr;
    for (const auto& entry : kIrregularVerbs)
        if (word.ends_with(entry.first) && (!best || entry.first.size() > best->first.size())) best = &entry;
    if (best) return std::string(word.substr(0, word.size() - best->first.size())) + std::string(best->second);
    // "küsst", "heißt", "sitzt", "mixt": the stem ends in s, ß, z or x.
    for (const std::string_view end : {"sst", "ßt", "zt", "xt"})
        if (word.ends_with(end)) return std::string(word.substr(0, word.size() - 1)) + "en";
    if (word.ends_with("est") && word.size() > 4) return std::string(word.substr(0, word.size() - 3)) + "en";
    if (!word.ends_with("st") || word.size() < 4) return {};
    const std::string stem(word.substr(0, word.size() - 2));
    // "sammelst" -> "sammeln", "änderst" -> "ändern"; "spielst" -> "spielen", "studierst" -> "studieren".
    const bool schwa = (stem.ends_with("el") && !stem.ends_with("iel")) || (stem.ends_with("er") && !stem.ends_with("ier"));
    return stem + (schwa ? "n" : "en");
}

std::string with_formal_forms(std::string_view text, std::string_view language) {
    if (language != "de" && language != "fr") return std::string(text);
    const std::vector<LetterRun> runs = letter_runs(text);
    std::vector<Word> words;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        Word word{std::string(text.substr(runs[i].begin, runs[i].end - runs[i].begin)), runs[i].lower};
        const std::size_t gap_end = i + 1 < runs.size() ? runs[i + 1].begin : text.size();
        const std::string_view gap = text.substr(runs[i].end, gap_end - runs[i].end);
        word.ends_clause = i + 1 == runs.size() || std::any_of(gap.begin(), gap.end(), is_clause_mark);
        word.exclaimed = gap.find('!') != std::string_view::npos;
        word.attached = runs[i].begin > 0 && (text[runs[i].begin - 1] == '\'' || text[runs[i].begin - 1] == '-');
        words.push_back(std::move(word));
    }
    const std::vector<std::string> formal = formal_words(words, language);
    std::string out;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (formal[i].empty()) continue;
        out.append(text.substr(copied, runs[i].begin - copied));
        out.append(formal[i]);
        copied = runs[i].end;
    }
    out.append(text.substr(copied));
    return out;
}

void relabel_formal_forms(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                          std::string_view language) {
    if (language != "de" && language != "fr") return;
    std::vector<Word> words;
    std::vector<std::size_t> first_piece, piece_count;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const std::string& piece = pieces[i];
        const bool marks = !piece.empty() && std::none_of(piece.begin(), piece.end(), is_word_byte);
        if (marks) {
            if (!words.empty() && std::any_of(piece.begin(), piece.end(), is_clause_mark)) words.back().ends_clause = true;
            if (!words.empty() && piece.find('!') != std::string::npos) words.back().exclaimed = true;
            continue;
        }
        if (words.empty() || (i < word_start.size() && word_start[i]) || words.back().ends_clause) {
            words.push_back({piece, {}});
            first_piece.push_back(i);
            piece_count.push_back(1);
        } else {
            words.back().text += piece;
            ++piece_count.back();
        }
    }
    for (Word& word : words) {
        word.lower.clear();
        for (const LetterRun& run : letter_runs(word.text)) word.lower += run.lower;
    }
    const std::vector<std::string> formal = formal_words(words, language);
    for (std::size_t w = 0; w < words.size(); ++w)
        if (!formal[w].empty() && piece_count[w] == 1) pieces[first_piece[w]] = formal[w];
}

}  // namespace attentive
