#include "core/text/letter_formulas.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text/family_words.h"
#include "core/text/languages.h"
#include "core/text/span_markers.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

enum class Slot { none, name, optional_name };

// One formula: how each language may write it (en, fr, de) and how each writes it in a
// translation. A closing names no one after it but a signature ("Best regards, Priya").
struct Formula {
    Slot slot;
    bool closing;
    std::array<std::vector<std::string_view>, 3> reads;
    std::array<std::string_view, 3> written;
};

const std::vector<Formula>& formulas() {
    static const std::vector<Formula> table = {
        {Slot::none, false,
         {{{"Dear Sir or Madam", "Dear Sir/Madam", "Dear Sir / Madam", "To whom it may concern"},
           {"Madame, Monsieur", "Madame, monsieur", "Madame, Mademoiselle, Monsieur"},
           {"Sehr geehrte Damen und Herren"}}},
         {"Dear Sir or Madam", "Madame, Monsieur", "Sehr geehrte Damen und Herren"}},
        {Slot::name, false,
         {{{"Dear Mr", "Dear Mr."}, {"Cher Monsieur", "Monsieur", "Bonjour Monsieur"},
           {"Sehr geehrter Herr", "Lieber Herr", "Hallo Herr"}}},
         {"Dear Mr", "Cher Monsieur", "Sehr geehrter Herr"}},
        {Slot::name, false,
         {{{"Dear Ms", "Dear Ms.", "Dear Mrs", "Dear Mrs.", "Dear Miss"}, {"Chère Madame", "Madame", "Bonjour Madame"},
           {"Sehr geehrte Frau", "Liebe Frau", "Hallo Frau"}}},
         {"Dear Ms", "Chère Madame", "Sehr geehrte Frau"}},
        {Slot::none, false,
         {{{"Dear customers", "Dear Customers", "Dear clients", "Dear Clients"},
           {"Chères clientes, chers clients", "Chers clients"},
           {"Sehr geehrte Kundinnen und Kunden", "Liebe Kundinnen und Kunden"}}},
         {"Dear customers", "Chères clientes, chers clients", "Sehr geehrte Kundinnen und Kunden"}},
        {Slot::none, false,
         {{{"Dear customer", "Dear Customer", "Dear client", "Dear Client"},
           {"Chère cliente, cher client", "Cher client", "Chère cliente"},
           {"Sehr geehrte Kundin, sehr geehrter Kunde", "Sehr geehrter Kunde", "Sehr geehrte Kundin"}}},
         {"Dear customer", "Chère cliente, cher client", "Sehr geehrte Kundin, sehr geehrter Kunde"}},
        {Slot::none, false,
         {{{"Dear Sir"}, {"Monsieur", "Cher Monsieur", "Bonjour Monsieur"}, {"Sehr geehrter Herr"}}},
         {"Dear Sir", "Monsieur", "Sehr geehrter Herr"}},
        {Slot::none, false,
         {{{"Dear Madam"}, {"Madame", "Chère Madame", "Bonjour Madame"}, {"Sehr geehrte Frau"}}},
         {"Dear Madam", "Madame", "Sehr geehrte Frau"}},
        {Slot::none, false,
         {{{"Dear all", "Dear friends", "Dear colleagues", "Hello everyone", "Hello all", "Hi everyone", "Hi all"},
           {"Bonjour à tous", "Salut à tous", "Chers amis", "Chers collègues"},
           {"Hallo zusammen", "Hallo alle", "Liebe Freunde", "Liebe Kollegen"}}},
         {"Hello everyone", "Bonjour à tous", "Hallo zusammen"}},
        // The gender French and German need: from the source when it says it, else a greeting
        // that does not ask for it.
        {Slot::name, false, {{{}, {"Cher"}, {"Lieber"}}}, {"Dear", "Cher", "Lieber"}},
        {Slot::name, false, {{{}, {"Chère", "Chere"}, {"Liebe"}}}, {"Dear", "Chère", "Liebe"}},
        {Slot::name, false, {{{"Dear", "My dear"}, {}, {}}}, {"Dear", "Bonjour", "Hallo"}},
        {Slot::optional_name, false,
         {{{"Hello", "Good afternoon"}, {"Bonjour"}, {"Hallo", "Guten Tag"}}}, {"Hello", "Bonjour", "Hallo"}},
        {Slot::optional_name, false, {{{"Good morning"}, {}, {"Guten Morgen"}}}, {"Good morning", "Bonjour", "Guten Morgen"}},
        {Slot::optional_name, false, {{{"Good evening"}, {"Bonsoir"}, {"Guten Abend"}}}, {"Good evening", "Bonsoir", "Guten Abend"}},
        {Slot::optional_name, false, {{{"Hi"}, {"Salut", "Coucou"}, {"Hi", "Servus", "Moin"}}}, {"Hi", "Salut", "Hallo"}},
        // "Hey" alone is as often a call for attention ("Hey, this is nice."): only with a name.
        {Slot::name, false, {{{"Hey"}, {}, {"Hey"}}}, {"Hi", "Salut", "Hallo"}},
        // Wishes: the training text holds a handful of each, and the models wrote "Morse Noël !"
        // for "Merry Christmas!", "Take Christmas." for "Joyeux Noël !", "Good better." for
        // "Gute Besserung!", "Of birthday, Anna." for "Joyeux anniversaire, Anna !".
        {Slot::optional_name, false,
         {{{"Merry Christmas and a Happy New Year", "Merry Christmas and Happy New Year"},
           {"Joyeux Noël et bonne année", "Joyeux Noël et bonne nouvelle année"},
           {"Frohe Weihnachten und ein gutes neues Jahr", "Frohe Weihnachten und ein frohes neues Jahr",
            "Frohe Weihnachten und einen guten Rutsch"}}},
         {"Merry Christmas and a Happy New Year", "Joyeux Noël et bonne année",
          "Frohe Weihnachten und ein gutes neues Jahr"}},
        {Slot::optional_name, false,
         {{{"Happy birthday", "Happy Birthday"},
           {"Joyeux anniversaire", "Bon anniversaire"},
           {"Alles Gute zum Geburtstag", "Herzlichen Glückwunsch zum Geburtstag", "Alles Liebe zum Geburtstag"}}},
         {"Happy birthday", "Joyeux anniversaire", "Alles Gute zum Geburtstag"}},
        {Slot::optional_name, false,
         {{{"Merry Christmas", "Happy Christmas"}, {"Joyeux Noël", "Joyeux noël"},
           {"Frohe Weihnachten", "Fröhliche Weihnachten", "Frohes Fest"}}},
         {"Merry Christmas", "Joyeux Noël", "Frohe Weihnachten"}},
        {Slot::optional_name, false,
         {{{"Happy New Year", "Happy new year"}, {"Bonne année", "Bonne et heureuse année"},
           {"Frohes neues Jahr", "Gutes neues Jahr", "Ein frohes neues Jahr", "Ein gutes neues Jahr"}}},
         {"Happy New Year", "Bonne année", "Frohes neues Jahr"}},
        {Slot::optional_name, false,
         {{{"Happy Easter"}, {"Joyeuses Pâques"}, {"Frohe Ostern", "Fröhliche Ostern"}}},
         {"Happy Easter", "Joyeuses Pâques", "Frohe Ostern"}},
        {Slot::optional_name, false,
         {{{"Happy holidays", "Happy Holidays", "Season's greetings"}, {"Bonnes fêtes", "Joyeuses fêtes"},
           {"Schöne Feiertage", "Frohe Feiertage"}}},
         {"Happy holidays", "Bonnes fêtes", "Schöne Feiertage"}},
        {Slot::optional_name, false, {{{"Good night"}, {"Bonne nuit"}, {"Gute Nacht"}}}, {"Good night", "Bonne nuit", "Gute Nacht"}},
        {Slot::optional_name, false,
         {{{"Get well soon"}, {"Bon rétablissement", "Prompt rétablissement"}, {"Gute Besserung"}}},
         {"Get well soon", "Bon rétablissement", "Gute Besserung"}},
        {Slot::optional_name, false,
         {{{"Congratulations", "Congrats"}, {"Félicitations", "Toutes mes félicitations"},
           {"Herzlichen Glückwunsch", "Glückwunsch"}}},
         {"Congratulations", "Félicitations", "Herzlichen Glückwunsch"}},
        {Slot::none, true,
         {{{"Best regards", "Kind regards", "Regards", "Warm regards", "Warmest regards", "With best regards",
            "With kind regards", "Best"},
           {"Cordialement", "Bien cordialement", "Très cordialement", "Meilleures salutations", "Salutations"},
           {"Viele Grüße", "Beste Grüße", "Freundliche Grüße", "Schöne Grüße", "Grüße", "Gruß", "Viele Grüsse",
            "Beste Grüsse"}}},
         {"Best regards", "Cordialement", "Viele Grüße"}},
        {Slot::none, true,
         {{{"Yours sincerely", "Sincerely", "Sincerely yours", "Yours faithfully", "Yours truly", "Respectfully"},
           {"Salutations distinguées", "Sincères salutations", "Respectueusement"},
           {"Mit freundlichen Grüßen", "Mit freundlichen Grüssen", "Mit besten Grüßen", "Hochachtungsvoll"}}},
         {"Yours sincerely", "Salutations distinguées", "Mit freundlichen Grüßen"}},
        {Slot::none, true,
         {{{"Best wishes", "All the best", "Warm wishes", "Warmly"},
           {"Amitiés", "Amicalement", "Bien amicalement", "Bien à vous", "Bien à toi"},
           {"Herzliche Grüße", "Herzliche Grüsse", "Herzlichst", "Alles Gute"}}},
         {"Best wishes", "Amitiés", "Herzliche Grüße"}},
        {Slot::none, true,
         {{{"Love", "Lots of love", "With love", "Much love", "Hugs"},
           {"Bisous", "Bises", "Grosses bises", "Gros bisous", "Je t'embrasse"},
           {"Liebe Grüße", "Liebe Grüsse", "Alles Liebe"}}},
         {"Love", "Bisous", "Alles Liebe"}},
        {Slot::none, true, {{{"Cheers", "See you soon"}, {"À bientôt", "A bientôt"}, {"Bis bald"}}},
         {"See you soon", "À bientôt", "Bis bald"}},
    };
    return table;
}

// The formulas of a formal letter are those German writes "Sehr geehrte ..." and "Mit
// freundlichen Grüßen".
bool is_formal(const Formula& formula) {
    const std::string_view german = formula.written[2];
    return german.rfind("Sehr geehrte", 0) == 0 || german == "Mit freundlichen Grüßen";
}

// Those French writes "Salut" and "Bisous" ("Hi", "Hey", "Love"): not "Hi everyone", which
// greets several people ("Bonjour à tous").
bool is_familiar(const Formula& formula) {
    const std::string_view french = formula.written[1];
    return french == "Salut" || french == "Bisous";
}

std::string_view joiner(int language) {
    constexpr std::array<std::string_view, 3> words = {"and", "et", "und"};
    return words[static_cast<std::size_t>(language)];
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::size_t skip_spaces(std::string_view text, std::size_t at) {
    while (at < text.size() && is_space(text[at])) ++at;
    return at;
}

// The length of the name word at `at`: a capital, then letters, hyphens or apostrophes
// ("O'Brien", "Mei-Ling"), or an initial ("J."); 0 when there is none.
std::size_t name_word_length(std::string_view text, std::size_t at) {
    if (at >= text.size()) return 0;
    const Utf8Char first = decode_utf8_at(text, at);
    if (!first.well_formed || !is_upper(first.code_point)) return 0;
    std::size_t end = at + first.length;
    while (end < text.size()) {
        const Utf8Char c = decode_utf8_at(text, end);
        const bool inner = (text[end] == '-' || text[end] == '\'') && end + 1 < text.size() &&
                           is_letter(decode_utf8_at(text, end + 1).code_point);
        if (!(c.well_formed && is_letter(c.code_point)) && !inner) break;
        end += std::max<std::size_t>(1, c.length);
    }
    if (end == at + first.length && end < text.size() && text[end] == '.') ++end;  // an initial
    return end - at;
}

constexpr std::array<std::string_view, 3> kCodes = {"en", "fr", "de"};

// The family word that is all of `rest` but its closing mark ("Grandma!", "mamie !"), as
// `target` writes the call with that mark; "" when `rest` is anything else.
std::string family_call(std::string_view rest, int source, int target) {
    const auto [length, written] = family_word_ending(rest, 0, kCodes[static_cast<std::size_t>(source)],
                                                      kCodes[static_cast<std::size_t>(target)]);
    if (length == 0) return {};
    const std::string_view mark = rest.substr(skip_spaces(rest, length));
    // French sets a space before "!" and "?".
    return std::string(written) + (target == 1 && !mark.empty() && mark != "." ? " " : "") + std::string(mark);
}

// The names at `at` ("Priya Okonkwo", "Tom and Anna"): up to four words, joined by the source
// language's "and" or "&". Appends them to `names` (with `target`'s "and") and returns where
// they end: `at` when there is no name.
std::size_t read_names(std::string_view text, std::size_t at, int source, int target, std::string& names) {
    std::size_t end = at;
    // A family word is the one name, written as the target language calls them ("Hi Mum," ->
    // "Salut maman,", "Salut papa" -> "Hi Dad").
    if (const auto [length, written] = family_word_at(text, at, kCodes[static_cast<std::size_t>(source)],
                                                      kCodes[static_cast<std::size_t>(target)]);
        length > 0) {
        names += written;
        return at + length;
    }
    for (int words = 0; words < 4; ++words) {
        const std::size_t length = name_word_length(text, end);
        if (length == 0) break;
        if (words > 0) names += ' ';
        // A title is written as the target language writes it ("Hello Mr. Jensen" -> "Bonjour
        // M. Jensen"), its stop read with it.
        std::string_view word = text.substr(end, length);
        if (word.ends_with('.')) word.remove_suffix(1);
        const std::string title = translate_title(word, kCodes[static_cast<std::size_t>(source)],
                                                  kCodes[static_cast<std::size_t>(target)]);
        names += title.empty() ? text.substr(end, length) : std::string_view(title);
        end += length;
        if (!title.empty() && end < text.size() && text[end] == '.') ++end;
        const std::size_t next = skip_spaces(text, end);
        if (next == end) break;  // punctuation closes the names
        if (name_word_length(text, next) > 0) {
            end = next;
            continue;
        }
        bool joined = false;
        for (std::string_view word : {joiner(source), std::string_view("&")}) {
            const std::size_t after_word = next + word.size();
            if (text.compare(next, word.size(), word) != 0 || after_word >= text.size() || !is_space(text[after_word]))
                continue;
            const std::size_t after = skip_spaces(text, after_word);
            if (name_word_length(text, after) == 0) continue;
            names += ' ';
            names += word == "&" ? word : joiner(target);
            end = after;
            joined = true;
            break;
        }
        if (!joined) break;
    }
    return end;
}

struct Candidate {
    std::string_view phrase;
    const Formula* formula;
};

// French closes a formal letter with a sentence: "Je vous prie d'agréer, Madame, l'expression de
// mes salutations distinguées." (fr-en wrote "Please write to your back, Malls, my greets."). Each
// way to write it, read as "Yours sincerely".
const std::vector<std::string>& french_formal_closings() {
    static const std::vector<std::string> phrases = [] {
        std::vector<std::string> out;
        for (const char* opening : {"Je vous prie d'agréer", "Veuillez agréer", "Je vous prie de recevoir",
                                    "Veuillez recevoir", "Recevez", "Agréez"})
            for (const char* address : {"Madame", "Monsieur", "Madame, Monsieur", "Madame, monsieur", "Mademoiselle",
                                        "Messieurs", "chère Madame", "cher Monsieur"})
                for (const char* wish : {"mes salutations distinguées", "l'expression de mes salutations distinguées",
                                         "l'expression de mes sentiments distingués",
                                         "l'assurance de mes sentiments distingués", "mes sincères salutations",
                                         "l'expression de mes sincères salutations", "mes meilleures salutations",
                                         "l'expression de ma considération distinguée"}) {
                    // Each apostrophe straight or curly ("d’agréer, Madame, l'expression").
                    std::vector<std::string> spellings = {std::string(opening) + ", " + address + ", " + wish};
                    for (std::size_t at = spellings.front().find('\''); at != std::string::npos;
                         at = spellings.front().find('\'', at + 1)) {
                        const std::size_t count = spellings.size();
                        for (std::size_t k = 0; k < count; ++k) {
                            std::string curly = spellings[k];
                            // Earlier apostrophes made curly moved this one by two bytes each.
                            const std::size_t shift = curly.size() - spellings.front().size();
                            curly.replace(at + shift, 1, "\u2019");
                            spellings.push_back(std::move(curly));
                        }
                    }
                    out.insert(out.end(), spellings.begin(), spellings.end());
                }
        return out;
    }();
    return phrases;
}

// Every way `language` writes a formula, the longest first ("Liebe Grüße" before "Liebe").
std::vector<Candidate> candidates_of(int language) {
    std::vector<Candidate> out;
    for (const Formula& formula : formulas())
        for (std::string_view phrase : formula.reads[static_cast<std::size_t>(language)]) out.push_back({phrase, &formula});
    if (language == 1) {
        const auto sincerely = std::find_if(formulas().begin(), formulas().end(),
                                            [](const Formula& formula) { return formula.written[0] == "Yours sincerely"; });
        for (const std::string& phrase : french_formal_closings()) out.push_back({phrase, &*sincerely});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Candidate& a, const Candidate& b) { return a.phrase.size() > b.phrase.size(); });
    return out;
}

const std::vector<Candidate>& candidates(int language) {
    static const std::array<std::vector<Candidate>, 3> all = {candidates_of(0), candidates_of(1), candidates_of(2)};
    return all[static_cast<std::size_t>(language)];
}

}  // namespace

std::optional<LetterFormula> letter_formula(std::string_view sentence, std::string_view source_language,
                                            std::string_view target_language) {
    const int source = language_index(source_language), target = language_index(target_language);
    if (source < 0 || target < 0) return std::nullopt;
    const std::size_t start = skip_spaces(sentence, 0);
    for (const Candidate& candidate : candidates(source)) {
        if (sentence.compare(start, candidate.phrase.size(), candidate.phrase) != 0) continue;
        std::size_t at = start + candidate.phrase.size();
        // The phrase ends a word: "Hi" is not "His", "Best" is not "Bestimmt".
        if (at < sentence.size() && is_letter(decode_utf8_at(sentence, at).code_point)) continue;
        std::string names;
        if (candidate.formula->slot != Slot::none) {
            const std::size_t name_start = skip_spaces(sentence, at);
            const std::size_t name_end = name_start > at ? read_names(sentence, name_start, source, target, names) : name_start;
            if (name_end > name_start) at = name_end;
            else if (candidate.formula->slot == Slot::name) continue;
        }
        const std::size_t mark_at = skip_spaces(sentence, at);
        std::string_view mark;
        if (mark_at < sentence.size()) {
            const char c = sentence[mark_at];
            if (c != ',' && c != ':' && c != '!' && !(c == '.' && skip_spaces(sentence, mark_at + 1) == sentence.size()))
                continue;
            mark = sentence.substr(mark_at, 1);
        }
        const std::size_t end = mark.empty() ? sentence.size() : skip_spaces(sentence, mark_at + 1);
        std::string signature;
        if (candidate.formula->closing && end < sentence.size()) {
            // A closing may be followed by a signature alone ("Best regards, Priya").
            std::string read;
            const std::size_t signed_end = read_names(sentence, end, source, target, read);
            std::size_t after = skip_spaces(sentence, signed_end);
            if (after < sentence.size() && sentence[after] == '.') after = skip_spaces(sentence, after + 1);
            if (signed_end == end || after != sentence.size()) continue;
            signature = std::string(sentence.substr(end, after - end));
        }
        LetterFormula formula;
        formula.translation = std::string(candidate.formula->written[static_cast<std::size_t>(target)]);
        formula.formal = is_formal(*candidate.formula);
        formula.familiar = is_familiar(*candidate.formula);
        formula.closing = candidate.formula->closing;
        if (!names.empty()) formula.translation += " " + names;
        // A closing that was a sentence ("... mes salutations distinguées.") is one with a comma.
        if (candidate.formula->closing && mark == ".") mark = ",";
        if (!mark.empty()) {
            // French sets a space before "!" and ":".
            if (target_language == "fr" && (mark == "!" || mark == ":")) formula.translation += ' ';
            formula.translation += mark;
        }
        if (!signature.empty()) formula.translation += " " + signature;
        formula.length = signature.empty() ? end : sentence.size();
        if (!candidate.formula->closing && mark == ",") {
            const std::string call = family_call(sentence.substr(end), source, target);
            if (!call.empty()) {
                formula.translation += " " + call;
                formula.length = sentence.size();
            }
        }
        return formula;
    }
    return std::nullopt;
}

}  // namespace attentive
