#include "core/text/french_verb_forms.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "core/text/number_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Bytes [begin, end) of a text written as `replacement`.
struct Edit {
    std::size_t begin = 0, end = 0;
    std::string_view replacement;
};

std::string with_edits(std::string_view text, const std::vector<Edit>& edits) {
    std::string out;
    std::size_t copied = 0;
    for (const Edit& edit : edits) {
        out.append(text.substr(copied, edit.begin - copied)).append(edit.replacement);
        copied = edit.end;
    }
    return out.append(text.substr(copied));
}

// The same edits on a hypothesis's pieces, read as one text with a space before each word: an
// edit that lies within one piece changes that piece.
void edit_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                 std::vector<Edit> (*edits_of)(std::string_view)) {
    std::string text;
    std::vector<std::size_t> piece_begin;
    for (std::size_t p = 0; p < pieces.size(); ++p) {
        if (p > 0 && p < word_start.size() && word_start[p]) text += ' ';
        piece_begin.push_back(text.size());
        text += pieces[p];
    }
    const std::vector<Edit> edits = edits_of(text);
    // Right to left, so that an edit does not move the pieces of the next.
    for (auto edit = edits.rbegin(); edit != edits.rend(); ++edit) {
        for (std::size_t p = 0; p < pieces.size(); ++p) {
            const std::size_t begin = piece_begin[p], end = begin + pieces[p].size();
            if (begin > edit->begin || edit->end > end) continue;
            pieces[p].replace(edit->begin - begin, edit->end - edit->begin, edit->replacement);
            break;
        }
    }
}

// What may stand between a subject or "et" and its verb: "ne" and the object pronouns, whole
// or elided.
bool stands_before_verb(std::string_view word) {
    static constexpr std::array<std::string_view, 15> words = {"ne", "n",    "me",   "m",    "te",   "t",    "le", "la",
                                                               "l",  "les",  "lui",  "leur", "nous", "vous", "y"};
    return word == "en" || std::find(words.begin(), words.end(), word) != words.end();
}

// Between two words of one clause: a space, or an elision's apostrophe ("j'", "n'"; in the
// heatmap's labels an elided word is a word of its own: "J'", "arrivera").
bool joins(std::string_view between) {
    for (std::string_view joint : {" ", "'", "\u2019", "' ", "\u2019 "})
        if (between == joint) return true;
    return false;
}

std::string_view between(std::string_view text, const LetterRun& a, const LetterRun& b) {
    return text.substr(a.end, b.begin - a.end);
}

// The word after words[w] past "ne" and the object pronouns, joined to it; words.size() when
// none is.
std::size_t verb_after(std::string_view text, const std::vector<LetterRun>& words, std::size_t w) {
    std::size_t v = w + 1;
    while (v < words.size() && stands_before_verb(words[v].lower) && joins(between(text, words[v - 1], words[v])))
        ++v;
    if (v == words.size() || !joins(between(text, words[v - 1], words[v]))) return words.size();
    return v;
}

// An "i" at the end of each future after "je".
std::vector<Edit> future_edits(std::string_view text) {
    const std::vector<LetterRun> words = letter_runs(text);
    std::vector<Edit> edits;
    for (std::size_t w = 0; w < words.size(); ++w) {
        if (words[w].lower != "je" && words[w].lower != "j") continue;
        const std::size_t v = verb_after(text, words, w);
        if (v == words.size()) continue;
        const std::string& verb = words[v].lower;
        // Not a verb in the middle of a hyphenated word ("je suis extra-lucide").
        const bool hyphen_after = words[v].end < text.size() && text[words[v].end] == '-';
        if (utf8_length(verb) >= 4 && verb.ends_with("ra") && !hyphen_after)
            edits.push_back({words[v].end, words[v].end, "i"});
    }
    return edits;
}

// The present of "avoir" and "être", by person: je, tu, il, nous, vous, ils.
constexpr std::array<std::string_view, 6> kAvoir = {"ai", "as", "a", "avons", "avez", "ont"};
constexpr std::array<std::string_view, 6> kEtre = {"suis", "es", "est", "sommes", "êtes", "sont"};
constexpr std::size_t kThirdSingular = 2;

// Words that start another clause, whose subject may differ: "J'ai vu qu'il ... et a ...".
bool starts_a_clause(std::string_view word) {
    static constexpr std::array<std::string_view, 22> kWords = {
        "que", "qu",   "qui",  "quand", "lorsque", "si",  "parce", "mais", "car",  "où",   "dont",
        "il",  "elle", "on",   "ils",   "elles",   "ce",  "c",     "cela", "ça",   "je",   "tu"};
    return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

// Whether the auxiliary words[a] makes a compound past: a participle after it, past a negation
// ("n'a pas vu").
bool makes_compound_past(const std::vector<LetterRun>& words, std::size_t a) {
    std::size_t p = a + 1;
    if (p < words.size() && (words[p].lower == "pas" || words[p].lower == "jamais" || words[p].lower == "plus")) ++p;
    return p < words.size() && looks_like_french_participle(words[p].lower);
}

bool ends_a_sentence(std::string_view between) { return between.find_first_of(".!?;:") != std::string_view::npos; }

// Each "a" or "est" coordinated by "et" with a compound past in another person, in that person.
std::vector<Edit> auxiliary_edits(std::string_view text) {
    const std::vector<LetterRun> words = letter_runs(text);
    std::vector<Edit> edits;
    constexpr std::size_t kNoPerson = kAvoir.size();
    std::size_t person = kNoPerson;  // of the clause's first compound past
    for (std::size_t w = 0; w < words.size(); ++w) {
        if (w > 0 && ends_a_sentence(between(text, words[w - 1], words[w]))) person = kNoPerson;
        if (starts_a_clause(words[w].lower)) person = kNoPerson;
        if (words[w].lower == "et" && person != kNoPerson && person != kThirdSingular) {
            const std::size_t v = verb_after(text, words, w);
            const std::optional<FrenchAuxiliary> aux = v < words.size() ? french_auxiliary(words[v].lower) : std::nullopt;
            if (aux && aux->person == kThirdSingular && makes_compound_past(words, v))
                edits.push_back({words[v].begin, words[v].end, french_auxiliary_form(aux->etre, person)});
            continue;
        }
        const std::optional<FrenchAuxiliary> aux = french_auxiliary(words[w].lower);
        if (aux && person == kNoPerson && makes_compound_past(words, w)) person = aux->person;
    }
    return edits;
}

// Whether `between` (the text between "sont" and "ans") is a number: digits, or French number
// words as core/text/number_words.h reads them ("cinq", "dix-sept", "quatre-vingt-dix", "vingt et
// un"), "un", "une" or "cent".
bool is_age_number(std::string_view between) {
    if (between.size() < 3 || between.front() != ' ' || between.back() != ' ') return false;
    const std::string_view number = between.substr(1, between.size() - 2);
    if (std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
    const std::string word = ascii_lowercase(number);
    const std::vector<std::string>& counts = count_words("fr");
    if (word == "un" || word == "une" || word == "cent" ||
        std::find(counts.begin(), counts.end(), word) != counts.end())
        return true;
    const std::vector<SpelledNumber> spelled = find_spelled_numbers(number, "fr");
    return spelled.size() == 1 && spelled.front().begin == 0 && spelled.front().length == number.size();
}

// The form of "avoir" in the person and tense of `etre`, a present, imperfect, future or
// conditional of "être" ("sont" -> "ont", "était" -> "avait", "sera" -> "aura"); empty for
// another word.
std::string_view avoir_as(std::string_view etre) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kOtherTenses = {{
        {"étais", "avais"}, {"était", "avait"}, {"étions", "avions"}, {"étiez", "aviez"}, {"étaient", "avaient"},
        {"serai", "aurai"}, {"seras", "auras"}, {"sera", "aura"}, {"serons", "aurons"}, {"serez", "aurez"},
        {"seront", "auront"}, {"serais", "aurais"}, {"serait", "aurait"}, {"serions", "aurions"},
        {"seriez", "auriez"}, {"seraient", "auraient"}, {"été", "eu"}}};
    if (const std::optional<FrenchAuxiliary> aux = french_auxiliary(etre); aux && aux->etre)
        return french_auxiliary_form(false, aux->person);
    for (const auto& [form, avoir] : kOtherTenses)
        if (etre == form) return avoir;
    return {};
}

// Each "être" before an age ("sont cinq ans", "était sept ans"), as "avoir".
std::vector<Edit> age_edits(std::string_view text) {
    const std::vector<LetterRun> words = letter_runs(text);
    std::vector<Edit> edits;
    for (std::size_t w = 0; w < words.size(); ++w) {
        const std::string_view avoir = avoir_as(words[w].lower);
        if (avoir.empty()) continue;
        // "C'est vingt ans de travail": a duration, not an age.
        if (w > 0 && (words[w - 1].lower == "c" || words[w - 1].lower == "ce")) continue;
        std::size_t a = w + 1;
        while (a < words.size() && words[a].lower != "ans" && a - w <= 5) ++a;
        if (a == words.size() || words[a].lower != "ans" ||
            !is_age_number(text.substr(words[w].end, words[a].begin - words[w].end)))
            continue;
        edits.push_back({words[w].begin, words[w].end, avoir});
    }
    return edits;
}

}  // namespace

std::optional<FrenchAuxiliary> french_auxiliary(std::string_view word) {
    for (const bool etre : {false, true}) {
        const auto& forms = etre ? kEtre : kAvoir;
        const auto found = std::find(forms.begin(), forms.end(), word);
        if (found != forms.end()) return FrenchAuxiliary{etre, static_cast<std::size_t>(found - forms.begin())};
    }
    return std::nullopt;
}

std::string_view french_auxiliary_form(bool etre, std::size_t person) { return (etre ? kEtre : kAvoir)[person]; }

bool looks_like_french_participle(std::string_view word) {
    for (std::string_view ending : {"é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "it", "ert", "erts"})
        if (word.size() > ending.size() && word.ends_with(ending)) return true;
    return false;
}

std::string with_first_person_future(std::string_view text) { return with_edits(text, future_edits(text)); }

void first_person_future_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start) {
    edit_pieces(pieces, word_start, future_edits);
}

std::string with_avoir_for_ages(std::string_view text) { return with_edits(text, age_edits(text)); }

void avoir_for_age_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start) {
    edit_pieces(pieces, word_start, age_edits);
}

std::string with_agreeing_auxiliaries(std::string_view text) { return with_edits(text, auxiliary_edits(text)); }

void agree_auxiliary_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start) {
    edit_pieces(pieces, word_start, auxiliary_edits);
}

}  // namespace attentive
