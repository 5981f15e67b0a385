#include "core/text/address_forms.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/text/lexicon.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Lower case, as word_keys() splits and writes them ("t'appelle" -> "t", "appelle").
constexpr std::array<std::string_view, 16> kGermanFamiliar = {
    "du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines",
    "euch", "euer", "eure", "euren", "eurem", "eurer", "eures"};
constexpr std::array<std::string_view, 7> kFrenchFamiliar = {"tu", "te", "t", "toi", "ton", "ta", "tes"};
constexpr std::array<std::string_view, 3> kFrenchFormal = {"vous", "votre", "vos"};

bool is_french_formal_form(std::string_view word) {
    return std::find(kFrenchFormal.begin(), kFrenchFormal.end(), word) != kFrenchFormal.end();
}

// French `text` in lower case without the euphonic "t" of "a-t-il" and the "vous" of
// "rendez-vous", which address no one.
std::string french_address_text(std::string_view text) {
    std::string lower = ascii_lowercase(text);
    for (const std::string_view part : {std::string_view("-t-"), std::string_view("rendez-vous")})
        for (std::size_t at = lower.find(part); at != std::string::npos; at = lower.find(part, at))
            lower.replace(at, part.size(), 1, ' ');
    return lower;
}

// The word keys of `text` as far as its address forms go (in French, french_address_text's).
std::vector<std::string> address_keys(std::string_view text, std::string_view language) {
    return word_keys(language == "fr" ? french_address_text(text) : std::string(text));
}

// The imperatives before a hyphenated pronoun that `lower` (french_address_text) holds: all of
// them, or only those of "tu". "appelle-moi", "dis-le", "vas-y", "donne-le-moi" are of "tu";
// "appelez-moi", "dites-le", "allez-y" of "vous", "allons-y" of "nous". An imperative of "tu"
// shows no pronoun of its own ("-toi" is one, counted as such): "Si vous ne pouvez pas venir,
// appelle-moi" was formal to the rules before.
std::size_t french_imperatives(std::string_view lower, bool familiar_only) {
    constexpr std::array<std::string_view, 9> pronouns = {"moi", "le", "la", "les", "lui", "nous", "leur", "en", "y"};
    const auto is_pronoun = [&](std::string_view part) {
        return std::find(pronouns.begin(), pronouns.end(), part) != pronouns.end() || part == "toi";
    };
    std::size_t count = 0;
    for (std::size_t i = 0; i < lower.size();) {
        if (!is_word_byte(lower[i])) {
            ++i;
            continue;
        }
        std::vector<std::string_view> parts;  // a word's hyphen-joined parts
        std::size_t start = i;
        while (i <= lower.size()) {
            if (i < lower.size() && is_word_byte(lower[i])) {
                ++i;
                continue;
            }
            parts.push_back(lower.substr(start, i - start));
            if (i + 1 < lower.size() && lower[i] == '-' && is_word_byte(lower[i + 1])) {
                start = ++i;
                continue;
            }
            break;
        }
        const bool imperative = parts.size() >= 2 && !is_pronoun(parts[0]) && parts[1] != "toi" &&
                                std::all_of(parts.begin() + 1, parts.end(), is_pronoun);
        if (!imperative) continue;
        const std::string_view verb = parts[0];
        // "sommes-nous" asks, as "avons-nous" does.
        const bool formal_or_we = verb.ends_with("ez") || verb.ends_with("ons") || verb == "dites" ||
                                  verb == "faites" || verb == "sommes";
        if (!familiar_only || !formal_or_we) ++count;
    }
    return count;
}

// A word as written without the punctuation around it ("Sie," -> "Sie", "«Ruf" -> "Ruf").
std::string_view bare_word(std::string_view written) {
    while (!written.empty() && std::string_view(".,;:!?\"»«()").find(written.back()) != std::string_view::npos)
        written.remove_suffix(1);
    while (!written.empty() && std::string_view("\"»«(").find(written.front()) != std::string_view::npos)
        written.remove_prefix(1);
    return written;
}

std::string german_word(std::string_view written) { return ascii_lowercase(bare_word(written)); }

// Common verbs whose du-imperative a letter asks with, and the words that follow one.
constexpr std::array<std::string_view, 58> kDuImperatives = {
    "ruf", "rufe", "schreib", "schreibe", "schick", "schicke", "sag", "sage", "lass", "komm",
    "gib", "nimm", "hilf", "sieh", "lies", "sprich", "bring", "bringe", "mach", "mache",
    "warte", "wart", "hör", "höre", "geh", "gehe", "kauf", "kaufe", "zeig", "zeige", "erzähl",
    "erzähle", "frag", "frage", "hol", "hole", "vergiss", "denk", "denke", "iss", "trink",
    "setz", "bleib", "bleibe", "meld", "melde", "antworte", "besuch", "besuche", "schau",
    "pass", "versuch", "versuche", "nenn", "nenne", "teil", "teile", "entschuldige"};
constexpr std::array<std::string_view, 38> kFollowers = {
    "mir", "mich", "uns", "es", "ihn", "ihm", "ihnen", "den", "die", "das", "dem", "der",
    "einen", "eine", "ein", "bitte", "doch", "mal", "bald", "jetzt", "nicht", "nie", "schnell",
    "sofort", "einfach", "gut", "auf", "an", "dein", "deine", "deinen", "deinem", "deiner", "mein",
    "meine", "meinen", "meinem", "meiner"};

// German imperatives at the start of a clause (the sentence's, or after a comma, "und", "oder",
// "dann", "aber"), as in a letter's requests: those of "du" are the verb alone ("Ruf mich an",
// "Schreib mir bald", "Lass es mich wissen"), those of "Sie" the verb and "Sie" ("Rufen Sie mich
// an"; not in a question, "Arbeiten Sie noch dort?"). A du-imperative is one of the common verbs of kDuImperatives before an object, a
// particle or "!" (so "Frage:" or "Sage" alone are not); counts those, or also the Sie-forms.
std::size_t german_imperatives(std::string_view text, bool familiar_only) {
    const std::vector<std::string_view> words = words_as_written(text);
    // Whether the sentence of words[i] ends with "?": "Arbeiten Sie noch dort?" asks.
    const auto asks = [&](std::size_t i) {
        for (; i < words.size(); ++i)
            if (words[i].ends_with('.') || words[i].ends_with('!') || words[i].ends_with('?')) return words[i].ends_with('?');
        return false;
    };
    std::size_t count = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const bool clause_start = i == 0 || words[i - 1].ends_with(',') || words[i - 1].ends_with('.') ||
                                  words[i - 1].ends_with('!') || words[i - 1].ends_with('?') ||
                                  opens_german_clause(german_word(words[i - 1]));
        if (!clause_start) continue;
        const std::string word = german_word(words[i]);
        const std::string next = i + 1 < words.size() ? german_word(words[i + 1]) : std::string();
        const bool exclaimed = words[i].ends_with('!');
        if (is_german_du_imperative(word, next, exclaimed)) {
            ++count;
        } else if (!familiar_only && word.size() > 3 && word.ends_with("en") && next == "sie" &&
                   words[i + 1].front() == 'S' && !asks(i)) {
            ++count;
        }
    }
    return count;
}

}  // namespace

bool opens_german_clause(std::string_view word) {
    constexpr std::array<std::string_view, 5> kOpeners = {"und", "oder", "dann", "aber", "bitte"};
    return std::find(kOpeners.begin(), kOpeners.end(), word) != kOpeners.end();
}

bool is_german_du_imperative(std::string_view word, std::string_view next, bool exclaimed) {
    const auto in = [](const auto& list, std::string_view w) { return std::find(list.begin(), list.end(), w) != list.end(); };
    return in(kDuImperatives, word) && (exclaimed || in(kFollowers, next));
}

bool is_familiar_form(std::string_view word, std::string_view language) {
    const auto in = [&](const auto& forms) { return std::find(forms.begin(), forms.end(), word) != forms.end(); };
    if (language == "de") return in(kGermanFamiliar);
    if (language == "fr") return in(kFrenchFamiliar);
    return false;
}

namespace {

// French writes a pronoun after its verb with a hyphen, as a piece that does not start a word
// ("Êtes" "-" "vous", "Es" "-" "tu", "Amuse" "-" "toi"). Inside other words these pieces are
// rare (in Tatoeba's French, "vous" never, "tu" in 1 of 70 cases: "foutu").
constexpr std::array<std::string_view, 3> kFrenchHyphenForms = {"vous", "tu", "toi"};

// The pieces of `tokenizer` that are one word whole, which `is_form` accepts: those that start
// a word, and in French the pronouns that follow a hyphen.
template <class IsForm>
std::vector<int> whole_word_pieces(const Tokenizer& tokenizer, std::string_view language, IsForm is_form) {
    std::vector<int> pieces;
    for (int id = 0; id < tokenizer.vocab_size(); ++id) {
        const std::string piece = tokenizer.display_piece(id);
        const std::vector<std::string> keys = word_keys(piece);
        if (keys.size() != 1 || keys.front().size() < 2 || !is_form(keys.front())) continue;
        const bool after_hyphen = language == "fr" && piece == keys.front() &&
                                  std::find(kFrenchHyphenForms.begin(), kFrenchHyphenForms.end(), piece) !=
                                      kFrenchHyphenForms.end();
        if (tokenizer.starts_word(id) || after_hyphen) pieces.push_back(id);
    }
    return pieces;
}

}  // namespace

std::vector<int> familiar_form_pieces(const Tokenizer& tokenizer, std::string_view language) {
    return whole_word_pieces(tokenizer, language,
                             [&](const std::string& word) { return is_familiar_form(word, language); });
}

std::vector<int> formal_form_pieces(const Tokenizer& tokenizer, std::string_view language) {
    if (language != "fr") return {};
    return whole_word_pieces(tokenizer, language, [](const std::string& word) { return is_french_formal_form(word); });
}

std::size_t formal_forms(std::string_view text, std::string_view language) {
    if (language == "fr") {
        const std::vector<std::string> words = address_keys(text, language);
        return static_cast<std::size_t>(
            std::count_if(words.begin(), words.end(), [](const std::string& word) { return is_french_formal_form(word); }));
    }
    if (language != "de") return 0;
    constexpr std::array<std::string_view, 8> forms = {"Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres"};
    const std::vector<std::string_view> words = words_as_written(text);
    std::size_t count = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view word = bare_word(words[i]);
        if (std::find(forms.begin(), forms.end(), word) != forms.end() && !(i == 0 && word == "Ihr")) ++count;
    }
    return count;
}

bool addresses_formally(std::string_view text, std::string_view language) { return formal_forms(text, language) > 0; }

std::size_t familiar_forms(std::string_view text, std::string_view language) {
    const std::vector<std::string> words = address_keys(text, language);
    const auto pronouns = static_cast<std::size_t>(
        std::count_if(words.begin(), words.end(), [&](const std::string& word) { return is_familiar_form(word, language); }));
    if (language == "fr") return pronouns + french_imperatives(french_address_text(text), true);
    if (language == "de") return pronouns + german_imperatives(text, true);
    return pronouns;
}

std::size_t imperatives_in(std::string_view text, std::string_view language) {
    if (language == "fr") return french_imperatives(french_address_text(text), false);
    if (language == "de") return german_imperatives(text, false);
    return 0;
}

bool addresses_several(std::string_view text, std::string_view language) {
    if (language != "en") return false;
    const std::vector<std::string> keys = word_keys(text);
    const auto says = [&](std::initializer_list<std::string_view> words) {
        return std::search(keys.begin(), keys.end(), words.begin(), words.end()) != keys.end();
    };
    for (const std::string_view word : {"everyone", "everybody", "yourselves"})
        if (says({word})) return true;
    // Not "you all" ("Are you all right?") nor "of you" ("proud of you").
    return says({"you", "both"}) || says({"you", "two"}) || says({"you", "three"}) || says({"you", "guys"}) ||
           says({"you", "people"}) || says({"all", "of", "you"}) || says({"both", "of", "you"}) ||
           says({"each", "of", "you"});
}

bool addresses_familiarly(std::string_view text, std::string_view language) {
    return familiar_forms(text, language) > 0;
}

}  // namespace attentive
