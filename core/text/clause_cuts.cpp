#include "core/text/clause_cuts.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/text/utf8.h"

namespace attentive {

namespace {

struct Conjunction {
    std::string_view source_language;
    std::string_view words;   // in the source, lowercase ("parce que")
    bool needs_comma;         // cut only after a comma (", and" joins clauses, "and" words)
    // The target's conjunction; "" where that target is not cut there, "*" where the second
    // clause is read with the source's conjunction, which the model translates and orders the
    // clause for (German "während wir ... besuchen", "also werden wir ...").
    std::string_view french;
    std::string_view german;
    std::string_view english;
    bool german_comma = false;  // German writes a comma before it whatever the source does
};

constexpr std::array<Conjunction, 26> kConjunctions = {{
    {"en", "and", true, "et", "und", ""},
    {"en", "but", false, "mais", "aber", "", true},
    {"en", "or", true, "ou", "oder", ""},
    {"en", "so", true, "donc", "", ""},  // en-de reads "So ..." as "Bis ...", "Da ..."; "also" inverts
    {"en", "because", false, "parce que", "denn", "", true},
    {"en", "while", true, "pendant que", "*", ""},
    {"en", "where", true, "où", "*", ""},
    {"en", "when", true, "quand", "*", ""},
    {"en", "if", false, "si", "*", ""},  // also "whether": "si" is both
    // After "weil" and "während" a German clause puts its verb last; read alone, de-en still
    // takes it as a statement ("Unser Flug nach Wien um 7:45 Uhr geht.").
    {"de", "und", true, "", "", "and"},
    {"de", "aber", true, "", "", "but"},
    {"de", "denn", true, "", "", "because"},
    {"de", "weil", true, "", "", "because"},
    {"de", "sodass", true, "", "", "so"},
    {"de", "während", true, "", "", "while"},
    {"fr", "et", true, "", "", "and"},
    {"fr", "mais", false, "", "", "but"},
    {"fr", "parce que", false, "", "", "because"},
    {"fr", "car", true, "", "", "because"},
    {"fr", "donc", true, "", "", "so"},
    {"fr", "alors", true, "", "", "so"},
    {"fr", "pendant que", false, "", "", "while"},
    {"fr", "tandis que", false, "", "", "while"},
    {"fr", "où", true, "", "", "where"},
    {"fr", "quand", false, "", "", "when"},
    {"fr", "si", false, "", "", "if"},
}};

struct Word {
    std::size_t begin = 0, end = 0;
};

// The space-separated words of `text` that hold a letter or a digit.
std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> words;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t begin = text.find_first_not_of(' ', pos);
        if (begin == std::string_view::npos) break;
        std::size_t end = text.find(' ', begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(begin, end - begin);
        if (std::any_of(word.begin(), word.end(), [](char c) { return is_word_byte(c) || is_ascii_digit(c); }))
            words.push_back({begin, end});
        pos = end;
    }
    return words;
}

// Word `word` of `sentence` in lowercase (ASCII letters; "où", "während" are written so).
std::string lowercase_word(std::string_view sentence, const Word& word) {
    return ascii_lowercase(sentence.substr(word.begin, word.end - word.begin));
}

// Whether byte `pos` of `text` lies inside brackets or double quotes opened before it.
bool inside_quote_or_brackets(std::string_view text, std::size_t pos) {
    const std::string_view before = text.substr(0, pos);
    const auto count = [&](std::string_view mark) {
        std::size_t n = 0;
        for (std::size_t at = before.find(mark); at != std::string_view::npos; at = before.find(mark, at + mark.size()))
            ++n;
        return n;
    };
    return count("(") > count(")") || count("\"") % 2 == 1 || count("“") > count("”") || count("«") > count("»");
}

// Whether `text` starts with a vowel, before which French elides "que" ("qu'il", "qu'un"; not
// before "h").
bool starts_with_vowel(std::string_view text) {
    const std::string first = with_lower_first(letters_at(text));
    for (std::string_view vowel : {"a", "e", "i", "o", "u", "é", "è", "ê", "à", "â", "î", "ô", "û"})
        if (first.starts_with(vowel)) return true;
    return false;
}

// `text` without the spaces and sentence-final marks at its end (French puts a no-break space
// before "?" and "!").
std::string_view without_final_stop(std::string_view text) {
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        for (std::string_view tail : {" ", ".", "!", "?", "…", "\u00a0", "\u202f"})
            if (text.ends_with(tail)) {
                text.remove_suffix(tail.size());
                trimmed = true;
            }
    }
    return text;
}

// Whether the comma before word `w` ends an item of a list: one of the two words before that
// item's last ends in a comma too ("apples, pears, and bananas", "red, dark green, or blue").
bool ends_list(std::string_view sentence, const std::vector<Word>& words, std::size_t w) {
    for (std::size_t back = 2; back <= 3 && back <= w; ++back)
        if (sentence[words[w - back].end - 1] == ',') return true;
    return false;
}

// Where the clause after `conjunction` (its words, lowercase) starts when word `w` of `sentence`
// starts it: after its last word, or within that word after an elided "qu'" or "s'" ("parce
// qu'il", "s'il": the clause starts at "il").
std::optional<std::size_t> second_clause_at(std::string_view sentence, const std::vector<Word>& words, std::size_t w,
                                            std::string_view conjunction) {
    for (std::size_t next = 0, i = w; i < words.size(); ++i) {
        const std::size_t space = conjunction.find(' ', next);
        const std::string_view part = conjunction.substr(next, space == std::string_view::npos ? space : space - next);
        const std::string word = lowercase_word(sentence, words[i]);
        const bool last = space == std::string_view::npos;
        if (word == part) {
            if (!last) {
                next = space + 1;
                continue;
            }
            return i + 1 < words.size() ? std::optional(words[i + 1].begin) : std::nullopt;
        }
        if (!last || (part != "que" && part != "si")) return std::nullopt;
        for (std::string_view apostrophe : {"'", "’"}) {
            const std::string elided = std::string(part.substr(0, part.size() - 1)) + std::string(apostrophe);
            if (word.starts_with(elided) && word.size() > elided.size()) return words[i].begin + elided.size();
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// Whether French `text` starts with a subject: a pronoun or a determiner ("si tu veux", "si le
// temps le permet"; not "si bien que", "s'est").
bool starts_with_subject(std::string_view text) {
    static constexpr std::array<std::string_view, 30> kSubjects = {
        "je", "j'", "tu", "il", "ils", "elle", "elles", "on", "nous", "vous", "c'", "ce", "ça", "cela", "le",
        "la", "les", "l'", "un", "une", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre"};
    const std::string lower = ascii_lowercase(text.substr(0, text.find(' ')));
    return std::any_of(kSubjects.begin(), kSubjects.end(), [&](std::string_view subject) {
        return lower == subject || (subject.ends_with('\'') && lower.starts_with(subject));
    });
}

// Whether a personal pronoun that is a subject starts word `w` of `sentence` in `language`:
// "and" before one joins two clauses, no comma needed ("... a message and I will buy it ...",
// "... und ich wollte ...", "... et nous ne l'utilisons ..."). "you", "it", "es" and "vous" are
// objects as often.
bool subject_follows(std::string_view sentence, const std::vector<Word>& words, std::size_t w,
                     std::string_view language) {
    if (w >= words.size()) return false;
    static constexpr std::array<std::string_view, 5> kEnglish = {"i", "he", "she", "we", "they"};
    static constexpr std::array<std::string_view, 5> kGerman = {"ich", "er", "sie", "wir", "man"};
    static constexpr std::array<std::string_view, 8> kFrench = {"je", "j'", "il", "elle", "nous", "ils", "elles", "on"};
    const std::string word = lowercase_word(sentence, words[w]);
    const auto is = [&](const auto& pronouns) {
        return std::any_of(pronouns.begin(), pronouns.end(), [&](std::string_view pronoun) {
            return word == pronoun || (pronoun.ends_with('\'') && word.starts_with(pronoun)) ||
                   (pronoun == "i" && word.starts_with("i'"));  // "I'll", "I'm"
        });
    };
    return language == "en" ? is(kEnglish) : language == "de" ? is(kGerman) : language == "fr" && is(kFrench);
}

}  // namespace

std::vector<ClauseCut> clause_cuts(std::string_view sentence, std::string_view source_language,
                                   std::string_view target_language) {
    const std::vector<Word> words = words_of(sentence);
    if (words.size() < kClauseCutSentenceWords) return {};
    std::vector<ClauseCut> cuts;
    for (std::size_t w = kClauseCutWords; w + kClauseCutWords < words.size(); ++w) {
        for (const Conjunction& conjunction : kConjunctions) {
            if (conjunction.source_language != source_language) continue;
            const std::string_view target = target_language == "fr"   ? conjunction.french
                                            : target_language == "de" ? conjunction.german
                                            : target_language == "en" ? conjunction.english
                                                                      : std::string_view();
            if (target.empty()) continue;
            const std::optional<std::size_t> second = second_clause_at(sentence, words, w, conjunction.words);
            if (!second) continue;
            const Word& before = words[w - 1];
            const bool comma = sentence[before.end - 1] == ',';
            const bool and_word = conjunction.words == "and" || conjunction.words == "und" || conjunction.words == "et";
            if (conjunction.needs_comma && !comma && !(and_word && subject_follows(sentence, words, w + 1, source_language)))
                continue;
            if ((and_word || conjunction.words == "or") && ends_list(sentence, words, w)) continue;
            if (conjunction.words == "if" || conjunction.words == "si") {
                // "as if", "even if", "only if": the word before belongs to the conjunction;
                // French "si" is also "so" ("si bien que", "si grand") unless a subject follows.
                const std::string previous = lowercase_word(sentence, words[w - 1]);
                if (previous == "as" || previous == "even" || previous == "only" || previous == "comme" ||
                    previous == "même")
                    continue;
                if (conjunction.words == "si" && !starts_with_subject(sentence.substr(*second))) continue;
            }
            if (conjunction.words == "so" && lowercase_word(sentence, words[w + 1]).starts_with("that")) continue;
            if (inside_quote_or_brackets(sentence, words[w].begin)) continue;
            // The word before ends the first clause: a comma, or a letter or digit.
            const char last = sentence[before.end - 1];
            if (!comma && !is_word_byte(last) && !is_ascii_digit(last)) continue;
            // The second clause has its words too ("parce qu'il" counts "il").
            if (words_of(sentence.substr(*second)).size() < kClauseCutWords) continue;
            // The comma the target writes: German before "aber" and "denn" always, French before
            // "mais"; English only between main clauses ("..., but"; not "... because").
            const bool coordinating = target == "and" || target == "but" || target == "so";
            const bool target_comma = target_language == "en"
                                          ? comma && coordinating
                                          : comma || (target_language == "de" && conjunction.german_comma) ||
                                                (target_language == "fr" && conjunction.words == "but");
            const std::size_t first_end = comma ? before.end - 1 : before.end;
            if (target == "*")  // German writes a comma before a subordinate clause
                cuts.push_back({first_end, words[w].begin, "", true});
            else
                cuts.push_back({first_end, *second, std::string(target), target_comma});
        }
    }
    return cuts;
}

std::string joined_clauses(std::string_view first, const ClauseCut& cut, std::string_view second,
                           bool second_capital) {
    std::string text(without_final_stop(first));
    if (cut.comma) text += ',';
    text += ' ';
    const std::string rest = second_capital ? std::string(second) : with_lower_first(second);
    if (cut.conjunction.empty()) return text + rest;  // the second clause says it
    const std::string_view subject = letters_at(rest);
    if (cut.conjunction == "si" && (subject == "il" || subject == "ils")) {
        text += "s'";
    } else if (cut.conjunction.ends_with(" que") && starts_with_vowel(rest)) {
        text += cut.conjunction.substr(0, cut.conjunction.size() - 1);
        text += '\'';
    } else {
        text += cut.conjunction;
        text += ' ';
    }
    return text + rest;
}

}  // namespace attentive
