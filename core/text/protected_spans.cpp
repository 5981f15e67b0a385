#include "core/text/protected_spans.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <optional>

#include "core/errors.h"
#include "core/text/chat_shorthand.h"
#include "core/text/dates.h"
#include "core/text/family_words.h"
#include "core/text/function_words.h"
#include "core/text/given_names.h"
#include "core/text/inner_asides.h"
#include "core/text/lexicon.h"
#include "core/text/number_formats.h"
#include "core/text/number_words.h"
#include "core/text/number_markers.h"
#include "core/text/number_ranges.h"
#include "core/text/ordinals.h"
#include "core/text/place_names.h"
#include "core/text/span_markers.h"
#include "core/text/set_phrases.h"
#include "core/text/street_names.h"
#include "core/text/times.h"
#include "core/text/units.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F; }

char32_t char_at(std::string_view text, std::size_t pos, std::size_t* length = nullptr) {
    const Utf8Char c = decode_utf8_at(text, pos);
    if (length) *length = c.length;
    return c.well_formed ? c.code_point : 0xFFFD;
}

// The character that ends at byte `end` (UTF-8 continuation bytes skipped backwards).
char32_t char_before(std::string_view text, std::size_t end) {
    return end == 0 ? 0 : char_at(text, utf8_char_start(text, end));
}

bool is_word_char(char32_t c) { return is_letter(c) || (c < 0x80 && is_ascii_digit(static_cast<char>(c))); }

// True when `word` occurs in `text` at `pos` as a whole word: no letter or digit touches it,
// and a number is not the start or end of a longer one ("5" in "5,000" or "1.5").
bool whole_word_at(std::string_view text, std::size_t pos, std::string_view word) {
    if (text.compare(pos, word.size(), word) != 0) return false;
    const std::size_t end = pos + word.size();
    if (is_word_char(char_before(text, pos))) return false;
    if (end < text.size() && is_word_char(char_at(text, end))) return false;
    const bool number = !word.empty() && is_ascii_digit(word.front());
    if (number) {
        const auto separator = [](char c) { return c == '.' || c == ',' || c == ':'; };
        if (end + 1 < text.size() && separator(text[end]) && is_ascii_digit(text[end + 1])) return false;
        if (pos >= 2 && separator(text[pos - 1]) && is_ascii_digit(text[pos - 2])) return false;
    }
    return true;
}

// German writes a name's genitive with a bare "s" ("Toms Haus"): the surrogate is that word
// without it, and the span gets the "s" the same way ("Leilani Kahales Haus").
bool genitive_at(std::string_view text, std::size_t pos, std::string_view word) {
    const std::size_t end = pos + word.size();
    if (text.compare(pos, word.size(), word) != 0 || end >= text.size() || text[end] != 's') return false;
    if (word.empty() || is_ascii_digit(word.front()) || is_word_char(char_before(text, pos))) return false;
    return end + 1 >= text.size() || !is_word_char(char_at(text, end + 1));
}

// German names what someone owns with a bare genitive "s" before it ("Annas Geburtstagsfeier",
// "Frau Schmidts Büro"): `word`, at byte `begin` of `sentence`, ends in one "s" and a
// capitalised word the model knows follows (not a surname: "Thomas Müller").
bool owns_next_word(std::string_view sentence, std::size_t begin, std::string_view word, const SpanRules& rules) {
    if (word.size() < 4 || word.back() != 's' || word[word.size() - 2] == 's') return false;
    const std::size_t after = begin + word.size();
    if (after + 1 >= sentence.size() || sentence[after] != ' ') return false;
    const std::string_view next = letters_at(sentence, after + 1);
    return !next.empty() && with_lower_first(next) != next && rules.known_word && rules.known_word(next);
}

// True when `span` ends `sentence` with a stop of its own ("... around 8 p.m."): the surrogate
// then gets the sentence's stop, which the span took with it. Without one en-de wrote
// "wahrscheinlich um Mitternacht um Mitternacht zu kommen" ("probably around 8 p.m.").
bool ends_sentence_with_its_stop(std::string_view sentence, const ProtectedSpan& span) {
    if (!span.text.ends_with('.')) return false;
    for (std::size_t pos = span.begin + span.text.size(); pos < sentence.size(); ++pos)
        if (!is_space(static_cast<unsigned char>(sentence[pos]))) return false;
    return true;
}

// True when an English possessive follows byte `pos`: "Anna's car", "the Smiths' house".
bool possessive_after(std::string_view text, std::size_t pos) {
    const std::string_view rest = text.substr(std::min(pos, text.size()));
    return rest.starts_with("'s") || rest.starts_with("\u2019s") || rest.starts_with("' ") || rest == "'";
}

bool contains_whole_word(std::string_view text, std::string_view word) { return whole_word_occurrences(text, word) > 0; }

// Length of the number body at the start of `s`: digits, with . , : / - between digits.
std::size_t number_length(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_ascii_digit(s[i])) ++i;
    if (i == 0) return 0;
    while (i + 1 < s.size() && std::string_view(".,:/-").find(s[i]) != std::string_view::npos &&
           is_ascii_digit(s[i + 1])) {
        ++i;
        while (i < s.size() && is_ascii_digit(s[i])) ++i;
    }
    return i;
}

bool is_currency_prefix(std::string_view s) {
    for (std::string_view symbol : {"$", "€", "£", "¥", "+", "-", "~"})
        if (s == symbol) return true;
    return s.empty();
}

bool is_file_name(std::string_view core) {
    const std::size_t dot = core.rfind('.');
    if (dot == std::string_view::npos || dot < 2) return false;
    const std::string_view ext = core.substr(dot + 1);
    if (ext.size() < 2 || ext.size() > 4) return false;
    for (char c : ext)
        if (!(c >= 'a' && c <= 'z')) return false;
    for (std::size_t i = 0; i < dot; ++i)
        if (!(is_ascii_letter(core[i]) || is_ascii_digit(core[i]) || core[i] == '_' || core[i] == '-' || core[i] == '/'))
            return false;
    return true;
}

bool has_inner_capital(std::string_view core) {
    for (std::size_t i = 1; i < core.size(); ++i)
        if (core[i - 1] >= 'a' && core[i - 1] <= 'z' && core[i] >= 'A' && core[i] <= 'Z') return true;
    return false;
}

bool is_address(std::string_view core) {
    if (core.starts_with("http://") || core.starts_with("https://") || core.starts_with("www.")) return true;
    const std::size_t at = core.find('@');
    return at != std::string_view::npos && at > 0 && core.find('.', at) != std::string_view::npos &&
           core.find('.', at) > at + 1;
}

// The German adjective a number begins in an age ("zweijährige", "fünfjährigen").
constexpr std::string_view kAgeStem = "jährig";

// True when `after`, what follows a number in a token, makes it an age: "-year-old",
// "-years-old", "-jährige" and the other endings.
bool is_age(std::string_view after) {
    return after == "-year-old" || after == "-years-old" || (after.starts_with("-") && after.substr(1).starts_with(kAgeStem));
}

// True when the apostrophe of `length` bytes at `end` joins the one capital at `begin` to a name
// that goes on with a capital: "O'Brien", "D'Angelo"; in French not after a letter that elides
// ("L'Europe", "D'Artagnan" and "J'" begin with an article or a pronoun).
bool irish_prefix(std::string_view core, std::size_t begin, std::size_t end, std::size_t length,
                  std::string_view language) {
    const char32_t c = char_at(core, end);
    const char32_t initial = char_at(core, begin);
    const bool elides = language == "fr" && initial < 0x80 && std::string_view("CDJLMNST").find(static_cast<char>(initial)) != std::string_view::npos;
    return !elides && end == begin + 1 && is_upper(initial) && (c == '\'' || c == 0x2019) &&
           end + length < core.size() && is_upper(char_at(core, end + length));
}

// Classifies a token's core (punctuation around it removed); adds its span when it has one.
// Returns false when the core is ordinary text, for the name finder.
bool add_token_span(std::string_view sentence, std::size_t begin, std::string_view core,
                    bool core_is_whole_token, std::vector<ProtectedSpan>& spans) {
    const auto add = [&](SpanKind kind, std::size_t offset, std::size_t length) {
        spans.push_back({kind, begin + offset, std::string(sentence.substr(begin + offset, length)), "", "", "", ""});
        return true;
    };
    if (is_address(core)) return add(SpanKind::address, 0, core.size());
    // A number and what follows it one space apart, when that is a number or a sign ("0171 234
    // 5678", French "10 000", "40 %") is one span: the model drops one of several surrogates in
    // a row, or a "%" left alone, more often than a single surrogate.
    ProtectedSpan* last = spans.empty() ? nullptr : &spans.back();
    const bool follows_number = last && last->kind == SpanKind::number && core_is_whole_token &&
                                last->begin + last->text.size() + 1 == begin && sentence[begin - 1] == ' ';
    const auto extend_last = [&] {
        last->text = std::string(sentence.substr(last->begin, begin + core.size() - last->begin));
        return true;
    };
    if (follows_number && (core == "%" || core == "€" || core == "$")) return extend_last();
    const auto first_digit = std::find_if(core.begin(), core.end(), is_ascii_digit);
    if (first_digit != core.end()) {
        // "$10,000", "99.9%", "85€" whole: a surrogate glued to "$" ("$Mary") is not copied.
        const std::size_t start = static_cast<std::size_t>(first_digit - core.begin());
        const std::size_t length = number_length(core.substr(start));
        const std::string_view after = core.substr(start + length);
        const bool number = is_currency_prefix(core.substr(0, start)) &&
                            (after.empty() || after == "%" || after == "€" || after == "$");
        if (number && follows_number) return extend_last();
        // An age ("5-year-old", "3-jährige") is a count, and the word after it text: copied whole
        // as a code, it came out as "Mon fils de 5-year-old", "Mein 5-year-old Sohn", "My son
        // loves dinosaurs to 5-jähriger". Not other such words: the models garbled "two-hour
        // flight" ("zweistünten Flug", "un vol à deux") and "zwei-tägige Reise" ("two-hour trip").
        if (start == 0 && is_age(after)) return add(SpanKind::number, 0, length);
        return add(number ? SpanKind::number : SpanKind::code, 0, core.size());
    }
    if (core.find('_') != std::string_view::npos || core.find("::") != std::string_view::npos ||
        core.find('=') != std::string_view::npos || core.find("()") != std::string_view::npos ||
        is_file_name(core) || has_inner_capital(core))
        return add(SpanKind::code, 0, core.size());
    return false;
}

const std::string_view kOpening = "\"'([{«“‘¿¡„‚<";
const std::string_view kClosing = ".,;:!?\"')]}»”’…>";

bool is_opening(char32_t c) {
    return c < 0x80 ? kOpening.find(static_cast<char>(c)) != std::string_view::npos
                    : c == 0xAB || c == 0x201C || c == 0x2018 || c == 0xBF || c == 0xA1 || c == 0x201E || c == 0x201A;
}
bool is_closing(char32_t c) {
    return c < 0x80 ? kClosing.find(static_cast<char>(c)) != std::string_view::npos
                    : c == 0xBB || c == 0x201D || c == 0x2019 || c == 0x2026;
}

// `word` with an ASCII first letter in upper case ("drei" -> "Drei"; every count word starts
// with one).
std::string capitalized(std::string_view word) {
    std::string out(word);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
    return out;
}

// A number a count word can stand for (the translation puts the number back): a plain count
// ("250", "10,000"; "10.000" in German) or a decimal ("1.5"; "1,5" in French and German), whose
// noun is plural as after "two" ("1.5 litres"). With a name in its place the models dropped the
// noun ("Die Flasche enthält 1,5 Liter." -> "The bottle contains 1,5."). Times, amounts and
// percentages keep name surrogates, which the models copy into place.
bool takes_count_word(std::string_view text, std::string_view language) {
    // A range ("3 to 5", "20-30") too: its noun is plural ("Es dauert 20-30." lost "Minuten").
    if (is_number_range(text, language)) return true;
    const std::optional<ReadNumber> number = read_number(text, language);
    return number && number->prefix.empty() && number->suffix.empty() && number->integer.size() <= 9;
}

// A number written in words ("dix-neuf"; core/text/number_words.h), not in digits.
bool spelled_out(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char c) { return is_ascii_digit(c); });
}

// True when a letter or digit comes before byte `pos` of `sentence`: the span does not start it.
bool has_word_before(std::string_view sentence, std::size_t pos) {
    for (std::size_t i = 0; i < pos; ++i)
        if (is_word_char(char_at(sentence, i))) return true;
    return false;
}

// True when `word` begins a German age at `pos` of `text` ("zweijährige" for "two").
bool age_at(std::string_view text, std::size_t pos, std::string_view word) {
    return !is_word_char(char_before(text, pos)) && text.compare(pos, word.size(), word) == 0 &&
           text.substr(pos + word.size()).starts_with(kAgeStem);
}

// The span's target surrogate as the translation writes it at `pos` (as it is, or capitalised
// as at the start of a sentence; a name also with a genitive "s"), or "" when it is not there.
std::string target_surrogate_at(std::string_view text, std::size_t pos, const ProtectedSpan& span) {
    const std::string& word = span.target_surrogate;
    if (word.empty()) return {};
    // An ordinal's stand-in in any of its endings ("dritte", "dritten").
    if (span.kind == SpanKind::ordinal) {
        for (const std::string& form : ordinal_stand_in_forms(word))
            for (const std::string& shown : {form, capitalized(form)})
                if (whole_word_at(text, pos, shown)) return shown;
        return {};
    }
    // A unit comes back in the number its span takes, whichever the model wrote ("a meters").
    if (span.kind == SpanKind::unit) {
        const std::string other = word.ends_with('s') ? word.substr(0, word.size() - 1) : word + "s";
        for (const std::string& form : {word, other, capitalized(word), capitalized(other)})
            if (whole_word_at(text, pos, form)) return form;
        return {};
    }
    if (span.street && genitive_at(text, pos, word)) return word + "s";
    // A count word that begins a German age ("zweijährige"): the count is the span's, and
    // restore_protected_spans() joins the rest with a hyphen.
    if (span.kind == SpanKind::number && age_at(text, pos, word)) return word;
    if (whole_word_at(text, pos, word) || genitive_at(text, pos, word)) return word;
    // A count word starts a sentence capitalised ("Trois personnes"); a name is so already.
    const std::string upper = capitalized(word);
    if (whole_word_at(text, pos, upper)) return upper;
    // A day of the week also starts a longer word: a plural ("Saturdays"), a German compound
    // ("Samstagabend" for "Saturday evening"), whose day is the span's.
    if (span.kind == SpanKind::weekday && !is_word_char(char_before(text, pos)))
        for (const std::string& form : {word, upper})
            if (text.compare(pos, form.size(), form) == 0) return form;
    return {};
}

// `before` with its last word, a determiner the model wrote for the masculine name standing
// in, fitted to a feminine kinship title that begins `shown` ("mon Tom" -> "ma tante Julia",
// "meinem Tom" -> "meiner Oma Rose"); returns `before`.
std::string_view kinship_fitted(std::string& before, std::string_view shown) {
    const std::string_view word = last_word(before);
    const std::string feminine = feminine_determiner(word, shown);
    if (feminine.empty()) return before;
    std::size_t end = before.size();
    while (end > 0 && before[end - 1] == ' ') --end;
    before.replace(end - word.size(), word.size(), feminine);
    return before;
}

// A German "Herr ..." as an object takes "Herrn" ("mit Herrn Baker"); "" for another title.
std::string german_object_title(const std::string& shown) {
    return shown.starts_with("Herr ") ? "Herrn" + shown.substr(4) : std::string();
}

// A title fitted to the words before it: a translation's first word is capitalised (French
// kinship is written in lower case, "tante Julia", elsewhere); after a German preposition
// "Herr" is "Herrn" (dative or accusative: "mit Herrn Baker", "für Herrn Baker").
std::string title_fitted(const std::string& shown, std::string_view before) {
    if (!has_word_before(before, before.size())) return with_upper_first(shown);
    const std::string object = german_object_title(shown);
    if (object.empty()) return shown;
    const std::string_view word = last_word(before);
    static const std::vector<std::string_view> prepositions = {
        "an", "auf", "aus", "bei", "durch", "für", "gegen", "hinter", "in", "mit", "nach", "neben", "ohne",
        "über", "um", "unter", "von", "vor", "zu", "zwischen", "An", "Mit", "Von", "Für", "Bei", "Zu"};
    if (std::find(prepositions.begin(), prepositions.end(), word) == prepositions.end()) return shown;
    return object;
}

// True when `word` (lowercase) ends like a German adjective after an article ("langen", "alte").
bool adjective_ending(std::string_view word) {
    for (std::string_view ending : {"e", "en", "er", "es", "em"})
        if (word.size() > ending.size() + 2 && word.ends_with(ending)) return true;
    return false;
}

bool is_all_lowercase(std::string_view word) {
    for (std::size_t i = 0, length = 0; i < word.size(); i += length)
        if (!is_letter(char_at(word, i, &length)) || is_upper(char_at(word, i))) return false;
    return !word.empty();
}

// True when `word` is two letters or more, all capitals: an abbreviation ("PIN", "SIM"), never
// a German noun, which goes on in lower case.
bool is_all_capitals(std::string_view word) {
    std::size_t letters = 0;
    for (std::size_t i = 0, length = 0; i < word.size(); i += length, ++letters)
        if (!is_letter(char_at(word, i, &length)) || !is_upper(char_at(word, i))) return false;
    return letters >= 2;
}

// True when the word after byte `pos` of `sentence` (past spaces) starts with a capital.
bool name_follows(std::string_view sentence, std::size_t pos) {
    while (pos < sentence.size() && sentence[pos] == ' ') ++pos;
    return pos < sentence.size() && is_upper(char_at(sentence, pos));
}

// The word that ends before byte `pos` of `sentence` (one space apart), or "" when another
// character stands between.
std::string_view word_before(std::string_view sentence, std::size_t pos) {
    if (pos < 2 || sentence[pos - 1] != ' ') return {};
    std::size_t start = pos - 1;
    while (start > 0 && is_letter(char_before(sentence, start))) start = utf8_char_start(sentence, start);
    return sentence.substr(start, pos - 1 - start);
}

// Where the name that begins at byte `begin` starts with the word before it, a given name or a
// word the model copies, as part of it: "José García", "Anna Kowalska" (the model read "José
// Tom" and dropped "José"). Not a word it translates ("Merry Christmas Aisha", "the British
// Museum"). English and French; `begin` itself otherwise.
std::size_t given_name_before(std::string_view sentence, std::size_t begin, const std::vector<ProtectedSpan>& spans,
                              const SpanRules& rules) {
    if (rules.source_language != "en" && rules.source_language != "fr") return begin;
    const std::string_view before = word_before(sentence, begin);
    if (utf8_length(before) < 2 || !is_upper(char_at(before, 0))) return begin;
    const std::size_t before_begin = begin - 1 - before.size();
    const bool in_span = !spans.empty() && spans.back().begin + spans.back().text.size() > before_begin;
    const bool title = std::find(rules.name_titles.begin(), rules.name_titles.end(), before) != rules.name_titles.end();
    const bool name = is_given_name(before) || (rules.copies_word && rules.copies_word(before));
    return in_span || title || !name ? begin : before_begin;
}

// Whether a content word (not a function word of `language`) starts after the spaces at byte
// `pos` of `sentence`.
bool content_word_at(std::string_view sentence, std::size_t pos, std::string_view language) {
    while (pos < sentence.size() && sentence[pos] == ' ') ++pos;
    const std::string_view word = letters_at(sentence, pos);
    return !word.empty() && !is_function_word(word, language);
}

// Whether the word before byte `pos` of `sentence` is one of `determiners` (any case). French
// "le", "la" and "les" after a subject, "ne" or a pronoun are object pronouns before a verb
// ("Elle le vénère.").
bool follows_determiner(std::string_view sentence, std::size_t pos, const std::vector<std::string>& determiners) {
    const std::string_view word = word_before(sentence, pos);
    const std::string before = ascii_lowercase(word);
    if (before.empty() || std::find(determiners.begin(), determiners.end(), before) == determiners.end()) return false;
    if (before != "le" && before != "la" && before != "les") return true;
    static constexpr std::array<std::string_view, 15> kBeforeVerb = {
        "je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ne", "n", "me", "te", "se"};
    const std::string earlier = ascii_lowercase(word_before(sentence, static_cast<std::size_t>(word.data() - sentence.data())));
    return std::find(kBeforeVerb.begin(), kBeforeVerb.end(), earlier) == kBeforeVerb.end();
}

}  // namespace

std::size_t whole_word_occurrences(std::string_view text, std::string_view word) {
    std::size_t count = 0;
    if (word.empty()) return count;
    for (std::size_t pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1))
        if (whole_word_at(text, pos, word)) ++count;
    return count;
}

std::vector<std::string> translated_forms(const ProtectedSpan& span) {
    if (span.kind == SpanKind::phrase) return set_phrase_forms(span.translated_text());
    if (span.kind == SpanKind::ordinal && span.translated_text() == "1er") return {"1er", "1re"};
    // A German "Herr" after a preposition is "Herrn" (title_fitted): "mit Herrn Baker" keeps it.
    if (const std::string object = german_object_title(span.translated_text());
        span.kind == SpanKind::name && !object.empty())
        return {span.translated_text(), object};
    return {span.translated_text()};
}

namespace {

// Two or three capitals, a space and one to four digits, each a whole word: a flight or a train
// ("LH 456", "BA 2490", "ICE 1234"). Not capitals that say something of their own ("PM 2",
// "UK 2020", "TV 3").
std::vector<std::pair<std::size_t, std::size_t>> codes_with_numbers(std::string_view sentence) {
    static const std::vector<std::string_view> words = {"AM", "PM", "UK", "US", "USA", "EU", "TV", "ID", "OK", "NO",
                                                        "CD", "DVD", "PC", "BC", "AD", "IT", "ME", "WE", "HE",
                                                        "IN", "ON", "AT", "TO", "OF", "OR", "AND", "THE", "MY"};
    std::vector<std::pair<std::size_t, std::size_t>> found;
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    for (std::size_t at = 0; at < sentence.size(); ++at) {
        if (!upper(sentence[at]) || (at > 0 && (is_ascii_letter(sentence[at - 1]) || is_ascii_digit(sentence[at - 1]))))
            continue;
        std::size_t end = at;
        while (end < sentence.size() && upper(sentence[end])) ++end;
        const std::string_view letters = sentence.substr(at, end - at);
        if (letters.size() < 2 || letters.size() > 3 || end + 1 >= sentence.size() || sentence[end] != ' ') continue;
        std::size_t digits = end + 1;
        while (digits < sentence.size() && is_ascii_digit(sentence[digits])) ++digits;
        const std::size_t count = digits - end - 1;
        if (count == 0 || count > 4 || std::find(words.begin(), words.end(), letters) != words.end()) continue;
        if (digits < sentence.size() && (is_ascii_letter(sentence[digits]) || is_ascii_digit(sentence[digits]) ||
                                         sentence[digits] == ':' || (sentence[digits] == '.' && digits + 1 < sentence.size() &&
                                                                     is_ascii_digit(sentence[digits + 1]))))
            continue;
        found.emplace_back(at, digits - at);
        at = digits;
    }
    return found;
}

}  // namespace

std::vector<ProtectedSpan> find_protected_spans(std::string_view sentence, const SpanRules& rules) {
    std::vector<ProtectedSpan> spans;
    // Dates and times, found first: each is one span, written by the translator in the target
    // language, whatever numbers or capitalised words it holds.
    std::vector<ProtectedSpan> written;
    // A chat model answers in the language it reads: what it repeats is shown as the user wrote
    // it ("7:30 pm", not "19:30").
    const std::string target_language =
        rules.target_language == rules.source_language ? std::string() : rules.target_language;
    // Parentheses inside the sentence, translated apart (SpanRules::aside_translation): the
    // models rarely saw brackets, and lost or garbled what they held ("My brother (Tom) lives in
    // Paris." -> "Mein Bruder (einer) lebt in Paris.", "The hotel (near the station) is cheap."
    // -> "Das Hotel stämmte, dass der Bahnhof billig ist.").
    if (rules.aside_translation && !target_language.empty())
        for (const AsideBrackets& aside : inner_asides(sentence, rules.source_language)) {
            const std::string_view text = sentence.substr(aside.open, aside.close + 1 - aside.open);
            std::string translated = rules.aside_translation(text);
            if (!translated.empty())
                written.push_back({SpanKind::name, aside.open, std::string(text), "", "", std::move(translated), ""});
        }
    // A family word said to someone at the sentence's end ("I love you, Mum!"), which the models
    // garbled ("Je vous aime, Motus !"): it stands in the sentence as a name, written as the
    // target language calls that person ("Je t'aime, maman !").
    if (!target_language.empty())
        if (const std::size_t comma = sentence.rfind(", "); comma != std::string_view::npos) {
            std::size_t at = comma + 1;
            while (at < sentence.size() && sentence[at] == ' ') ++at;
            const auto [length, called] = family_word_ending(sentence, at, rules.source_language, target_language);
            if (length > 0)
                written.push_back({SpanKind::name, at, std::string(sentence.substr(at, length)), "", "",
                                   std::string(called), ""});
        }
    // Whether bytes [begin, begin + length) overlap one of the first `among` spans found above
    // (all of them by default).
    const auto overlaps_written = [&](std::size_t begin, std::size_t length,
                                      std::size_t among = std::numeric_limits<std::size_t>::max()) {
        const auto end = written.begin() + static_cast<std::ptrdiff_t>(std::min(among, written.size()));
        return std::any_of(written.begin(), end, [&](const ProtectedSpan& other) {
            return begin < other.begin + other.text.size() && other.begin < begin + length;
        });
    };
    const std::size_t asides = written.size();
    // A flight or train written as letters and a number apart ("LH 456", "ICE 1234") is one
    // code: apart, de-en wrote "Mein Flug LH 456 wurde gestrichen" as "My flight LH became 456".
    for (const auto& [begin, length] : codes_with_numbers(sentence))
        if (!overlaps_written(begin, length))
            written.push_back({SpanKind::code, begin, std::string(sentence.substr(begin, length)), "", "", "", ""});
    for (const WrittenDate& date : find_dates(sentence, rules.source_language)) {
        if (overlaps_written(date.begin, date.length)) continue;
        // A day of the week with its date ("Friday, 7 July") is a date.
        if ((date.day > 0       ? rules.date_surrogates
             : date.weekday > 0 ? rules.weekday_surrogates
                                : rules.month_surrogates)
                .empty())
            continue;
        const SpanKind kind = date.day > 0 ? SpanKind::date : date.weekday > 0 ? SpanKind::weekday : SpanKind::month;
        written.push_back({kind, date.begin, std::string(sentence.substr(date.begin, date.length)), "", "",
                           write_date(date, target_language), target_language});
    }
    for (const WrittenTime& time : find_times(sentence, rules.source_language))
        if (!overlaps_written(time.begin, time.length, asides))
            written.push_back({SpanKind::time, time.begin, std::string(sentence.substr(time.begin, time.length)), "", "",
                           write_time(time, target_language), ""});
    // Street names, which an address keeps as they are: names of places, copied.
    if (!target_language.empty())
        for (const StreetName& street : find_street_names(sentence, rules.source_language)) {
            if (overlaps_written(street.begin, street.length, asides)) continue;
            ProtectedSpan span{SpanKind::name, street.begin, std::string(sentence.substr(street.begin, street.length)), "", "", "",
                               "", true};
            span.street = true;
            written.push_back(std::move(span));
        }
    // Set phrases ("an hour and a half", "übermorgen"), each read as a plain phrase of its kind
    // ("several hours", "morgen"), which the translator fills in as the target language says it:
    // the first such phrase the rest of the sentence does not say ("tomorrow or the day after
    // tomorrow" reads "tomorrow or next week").
    if (!target_language.empty())
        for (const SetPhrase& phrase : find_set_phrases(sentence, rules.source_language)) {
            if (overlaps_written(phrase.begin, phrase.length)) continue;  // "à deux heures et demie" is a clock
            const std::vector<std::string> source_stand_ins = set_phrase_stand_ins(phrase, rules.source_language);
            const std::vector<std::string> target_stand_ins = set_phrase_stand_ins(phrase, target_language);
            const std::string rest = ascii_lowercase(std::string(sentence.substr(0, phrase.begin)) + " " +
                                                     std::string(sentence.substr(phrase.begin + phrase.length)));
            std::size_t choice = 0;
            while (choice + 1 < std::min(source_stand_ins.size(), target_stand_ins.size()) &&
                   contains_whole_word(rest, ascii_lowercase(source_stand_ins[choice])))
                ++choice;
            if (choice >= std::min(source_stand_ins.size(), target_stand_ins.size())) continue;
            written.push_back({SpanKind::phrase, phrase.begin, std::string(sentence.substr(phrase.begin, phrase.length)),
                               source_stand_ins[choice], target_stand_ins[choice], write_set_phrase(phrase, target_language),
                               ""});
        }
    // Ordinals in digits ("3rd"), each read as an ordinal word ("third").
    if (!target_language.empty())
        for (const WrittenOrdinal& ordinal : find_ordinals(sentence, rules.source_language))
            if (!overlaps_written(ordinal.begin, ordinal.length))
                written.push_back({SpanKind::ordinal, ordinal.begin, std::string(sentence.substr(ordinal.begin, ordinal.length)),
                                   ordinal_stand_in(rules.source_language), ordinal_stand_in(target_language),
                                   write_ordinal(ordinal.value, target_language), ""});
    // A number after its marker ("no. 4521", "Nr. 12") or after a noun that labels it ("platform
    // 7", "Zimmer 12"): one number, whose marker or noun the target language writes
    // (core/text/number_markers.h).
    if (!target_language.empty())
        for (const MarkedNumber& number : find_labelled_numbers(sentence, rules.source_language, target_language))
            if (!overlaps_written(number.begin, number.length)) {
                ProtectedSpan span{SpanKind::number, number.begin, std::string(sentence.substr(number.begin, number.length)),
                                   "", "", write_marked_number(number, target_language), ""};
                const std::string before = ascii_lowercase(last_word(sentence.substr(0, number.begin)));
                if (rules.source_language == "en" && target_language == "de" && (before == "to" || before == "from"))
                    span.source_preposition = before;
                written.push_back(std::move(span));
            }
    // A range ("3 to 5 days"): one count, written with the target language's "to".
    if (!target_language.empty())
        for (const NumberRange& range : find_number_ranges(sentence, rules.source_language))
            if (!overlaps_written(range.begin, range.length))
                written.push_back({SpanKind::number, range.begin, range.text, "", "",
                                   write_number_range(range.text, rules.source_language, target_language), ""});
    if (!target_language.empty())
        for (const MarkedNumber& number : find_marked_numbers(sentence, rules.source_language))
            if (!overlaps_written(number.begin, number.length))
                written.push_back({SpanKind::number, number.begin, std::string(sentence.substr(number.begin, number.length)),
                                   "", "", write_marked_number(number, target_language), ""});
    // Numbers in words the models garble ("dix-neuf", "zweiunddreißig"): a count, written in the
    // target language's words. Not for a chat model, which reads them as people write them.
    if (!target_language.empty() && !rules.count_surrogates.empty())
        for (const SpelledNumber& number : find_spelled_numbers(sentence, rules.source_language)) {
            const std::string target_text = spelled_number(number.value, target_language);
            if (!overlaps_written(number.begin, number.length) && !target_text.empty())
                written.push_back({SpanKind::number, number.begin, std::string(sentence.substr(number.begin, number.length)),
                                   "", "", target_text, ""});
        }
    if (!target_language.empty() && !rules.unit_surrogates.empty())
        for (const WrittenUnit& unit : find_units(sentence, rules.source_language)) {
            // The singular or plural the target language takes, for the surrogate to match.
            ProtectedSpan span{SpanKind::unit, unit.begin, std::string(sentence.substr(unit.begin, unit.length)), "", "",
                               write_unit(unit, target_language), ""};
            span.unit_singular = unit_is_singular(unit, rules.source_language);
            written.push_back(std::move(span));
        }
    std::stable_sort(written.begin(), written.end(),
                     [](const ProtectedSpan& a, const ProtectedSpan& b) { return a.begin < b.begin; });
    std::size_t next_written = 0;
    bool sentence_start = true;
    // A noun is announced: the word before was a noun marker, or an adjective after one
    // (at most two adjectives).
    int noun_slot = 0;
    // The word before was a title ("Herrn", "Mr."), or a name after one: a capitalised word is a
    // name now.
    bool title_slot = false;
    std::size_t title_begin = 0;  // the title's byte offset, with title_slot
    std::string title_written;    // the title in the target language ("" for a name after a name)
    std::size_t pos = 0;
    while (pos < sentence.size()) {
        std::size_t length = 0;
        if (is_space(char_at(sentence, pos, &length))) {
            pos += length;
            continue;
        }
        std::size_t end = pos;
        while (end < sentence.size() && !is_space(char_at(sentence, end, &length))) end += length;
        // A date or a time is one span; what follows it in the same word (a comma, a stop) is
        // read on as a word of its own.
        while (next_written < written.size() && written[next_written].begin < pos) ++next_written;  // overlapped
        if (next_written < written.size() && written[next_written].begin < end) {
            ProtectedSpan& span = written[next_written++];
            pos = span.begin + span.text.size();
            spans.push_back(std::move(span));
            sentence_start = false;
            noun_slot = 0;
            continue;
        }
        const std::string_view token = sentence.substr(pos, end - pos);
        std::size_t core_begin = 0, core_end = token.size();
        while (core_begin < core_end && is_opening(char_at(token, core_begin, &length))) core_begin += length;
        while (core_end > core_begin) {
            std::size_t back = core_end - 1;
            while (back > core_begin && (static_cast<unsigned char>(token[back]) & 0xC0) == 0x80) --back;
            if (!is_closing(char_at(token, back))) break;
            core_end = back;
        }
        const std::string_view core = token.substr(core_begin, core_end - core_begin);
        const bool whole_token = core_begin == 0;  // nothing opens before it: "(2009" starts anew
        bool named_after_title = false;
        bool owner_named = false;  // a titled name with a German genitive 's'
        // A title is not a name itself ("Herrn" is unknown to a toy model). Kinship is a title
        // after a German article too ("Meine Oma Ingrid" -> "My East Tom"); the determiner the
        // model wrote for the name standing in is fitted to it (kinship_fitted).
        // Kinship with no name after it is a word like another ("für Oma." was read as a name
        // and written as the lexicon translates it, "for Grandma").
        const bool kinship = kinship_title(core, rules.source_language);
        const bool title = whole_token &&
                           (kinship ? core_end == token.size() && name_follows(sentence, end) : noun_slot == 0) &&
                           std::find(rules.name_titles.begin(), rules.name_titles.end(), core) != rules.name_titles.end();
        // Chat shorthand with a digit ("b4", "2nite") is read written out, not copied as a code.
        const bool shorthand = rules.source_language == "en" && !shorthand_words(core).empty();
        if (!core.empty() && !title && (shorthand || !add_token_span(sentence, pos + core_begin, core, whole_token, spans))) {
            // Names: runs of letters (with inner hyphens) that start with a capital.
            std::size_t i = 0;
            while (i < core.size()) {
                if (!is_letter(char_at(core, i, &length))) {
                    i += length;
                    continue;
                }
                std::size_t j = i;
                while (j < core.size()) {
                    std::size_t l = 0;
                    const char32_t c = char_at(core, j, &l);
                    if (is_letter(c)) {
                        j += l;
                    } else if (c == '-' && j + 1 < core.size() && is_letter(char_at(core, j + 1))) {
                        j += 1;
                    } else if (irish_prefix(core, i, j, l, rules.source_language)) {
                        j += l;  // "O'Brien" is one name: the model read "Mrs. O'Tom" and dropped it
                    } else {
                        break;
                    }
                }
                const std::string_view run = core.substr(i, j - i);
                const bool initial = sentence_start && i == 0;
                // A name the model renders as another is a name at the start too ("Marie est
                // là", where "marie" is also a verb).
                const bool renamed = rules.renamed_as && !rules.renamed_as(run).empty();
                const bool noun = noun_slot > 0 && i == 0 && whole_token && !is_all_capitals(run);
                const bool titled = title_slot && i == 0 && whole_token;
                // A place the target language writes otherwise is a span even when the model
                // knows the word: it copied "Lisbon" and "Cologne".
                const std::string place =
                    target_language.empty() || titled ? std::string() : place_name(run, rules.source_language, target_language);
                if (is_upper(char_at(run, 0)) && utf8_length(run) >= 2 &&
                    (titled || renamed ||
                     ((!place.empty() || (!noun && !rules.known_word(run))) &&
                      !(initial && rules.common_word(with_lower_first(run)))))) {
                    named_after_title = named_after_title || titled;
                    const std::size_t begin = pos + core_begin + i;
                    // German's genitive "s" ends a titled name: the next word is what it owns
                    // ("Frau Schmidts Büro"; after a given name the surname follows: "Herr Thomas
                    // Müller").
                    if (titled && rules.source_language == "de" && !is_given_name(run) &&
                        owns_next_word(sentence, begin, run, rules))
                        owner_named = true;
                    ProtectedSpan* last = spans.empty() ? nullptr : &spans.back();
                    if (last && last->kind == SpanKind::name && last->begin + last->text.size() + 1 == begin &&
                        sentence[begin - 1] == ' ') {
                        last->text = std::string(sentence.substr(last->begin, begin + run.size() - last->begin));
                        if (!last->target_text.empty()) last->target_text += " " + std::string(run);
                    } else if (titled && !title_written.empty()) {
                        // The title and its name are one span, written in the target language.
                        spans.push_back({SpanKind::name, title_begin,
                                         std::string(sentence.substr(title_begin, begin + run.size() - title_begin)), "",
                                         "", title_written + " " + std::string(run), ""});
                    } else {
                        const std::size_t name_begin = titled || !place.empty() ? begin : given_name_before(sentence, begin, spans, rules);
                        spans.push_back({SpanKind::name, name_begin,
                                         std::string(sentence.substr(name_begin, begin + run.size() - name_begin)), "", "",
                                         place, "", !place.empty()});
                    }
                } else if (rules.unknown_word && i == 0 && j == core.size() && whole_token && utf8_length(run) >= 4 &&
                           is_all_lowercase(run) && follows_determiner(sentence, pos, rules.determiners) &&
                           (core_end < token.size() || !content_word_at(sentence, end, rules.source_language)) &&
                           rules.unknown_word(run)) {
                    // A noun of its own, not a word before another ("a retaining wall", "un
                    // sac bluish" when copied), which ends a phrase: punctuation or a function
                    // word comes next. German writes it with a capital, as every noun.
                    const std::string shown = target_language == "de" ? with_upper_first(run) : std::string();
                    spans.push_back({SpanKind::name, pos + core_begin, std::string(run), "", "", shown, ""});
                }
                i = j;
            }
        }
        const char32_t last = char_before(token, token.size());
        const bool ends_clean = core_end == token.size();  // no comma or stop closes the word
        const std::string lower_core = core.empty() ? std::string() : with_lower_first(core);
        title_slot = (title && (ends_clean || token.substr(core_end) == ".")) ||
                     (named_after_title && ends_clean && !owner_named);
        if (title && title_slot) {
            title_begin = pos + core_begin;
            title_written = translate_title(core, rules.source_language, target_language);
        }
        if (ends_clean && whole_token && std::find(rules.noun_markers.begin(), rules.noun_markers.end(),
                                                   lower_core) != rules.noun_markers.end())
            noun_slot = 3;
        else if (ends_clean && whole_token && noun_slot > 1 && is_all_lowercase(core) && adjective_ending(core))
            --noun_slot;
        else
            noun_slot = 0;
        sentence_start = !title && (last == '.' || last == '!' || last == '?' || last == ':' || last == 0x2026);
        // An opening quote or dash alone keeps the next word sentence-initial.
        if (core.empty() && pos == 0) sentence_start = true;
        pos = end;
    }
    return spans;
}

namespace {

// French elides "de" and "que" before a vowel ("d'Anna", "qu'Olivier"), and a name's surrogate
// may not start with one: "le livre d'Tom" is no French, and fr-en read it as "the book of seam"
// and "la voiture d'Tom" as "the car of ton", losing the name. The elided word before a
// surrogate that starts with a consonant is written in full ("le livre de Tom").
void write_elided_word_in_full(std::string& text, std::string_view surrogate) {
    if (surrogate.empty() || std::string_view("AEIOUaeiouHhYy").find(surrogate.front()) != std::string_view::npos)
        return;
    for (const std::string_view apostrophe : {"'", "\xE2\x80\x99"}) {
        for (const std::string_view word : {"d", "D", "qu", "Qu"}) {
            const std::string elided = std::string(word) + std::string(apostrophe);
            if (!text.ends_with(elided)) continue;
            const std::size_t start = text.size() - elided.size();
            if (start > 0 && is_ascii_letter(text[start - 1])) continue;  // "Ahmad'": a word of its own
            text.replace(start, elided.size(), std::string(word) + "e ");
            return;
        }
    }
}

// German writes a name's genitive with a bare "s" before the noun it owns ("Annas
// Geburtstagsfeier"). Masked whole, the genitive was lost on the surrogate ("Tom Geburtstagsfeier")
// and the "s" came back twice: de-en wrote "Annas's birthday party". A one-word name whose
// letters but the last "s" are a given name that it is not itself ("Annas"; not "Thomas",
// "Andreas"), before a capitalised word the model knows (owns_next_word), is the name with its
// genitive: the span is the name, and the surrogate takes the "s" ("Toms Geburtstagsfeier" ->
// "Tom's birthday party"). So is a titled name's last word ("Frau Schmidts Büro": "Mrs
// Schmidt's office").
void leave_german_genitive_out(ProtectedSpan& span, std::string_view sentence, const SpanRules& rules) {
    const std::string& text = span.text;
    const std::string_view name = std::string_view(text).substr(0, text.empty() ? 0 : text.size() - 1);
    const bool titled = !span.target_text.empty() && text.find(' ') != std::string::npos;
    if (span.kind != SpanKind::name || !owns_next_word(sentence, span.begin, text, rules)) return;
    if (!titled && (text.find(' ') != std::string::npos || !is_given_name(name) || is_given_name(text))) return;
    span.text = std::string(name);
    if (titled && span.target_text.ends_with('s')) span.target_text.pop_back();
}

// A name, number, code or address alone in brackets inside a sentence takes its brackets into
// its span: the models rarely saw brackets and lost what they held ("My brother (Tom) lives in
// Paris." -> "Mein Bruder (einer) lebt in Paris.", "Your order (no. 88213) will be delivered on
// Thursday." -> "Deine Bestellung, die sich noch immer am Donnerstag vergingen werden."). The
// model reads the surrogate where the brackets were ("My brother Tom lives in Paris."), and the
// translation shows the span in its brackets again.
void take_in_its_brackets(ProtectedSpan& span, std::string_view sentence) {
    const bool kind = span.kind == SpanKind::name || span.kind == SpanKind::number || span.kind == SpanKind::code ||
                      span.kind == SpanKind::address;
    const std::size_t end = span.begin + span.text.size();
    if (!kind || span.begin == 0 || sentence[span.begin - 1] != '(' || end >= sentence.size() || sentence[end] != ')')
        return;
    span.begin -= 1;
    span.text = "(" + span.text + ")";
    if (!span.target_text.empty()) span.target_text = "(" + span.target_text + ")";
}

}  // namespace

MaskedSentence mask_protected_spans(std::string_view sentence, const SpanRules& rules) {
    MaskedSentence masked;
    std::size_t next = 0, next_count = 0, copied = 0;
    const auto used = [&](const std::string& word) {
        return std::any_of(masked.spans.begin(), masked.spans.end(),
                           [&](const ProtectedSpan& span) { return span.surrogate == word; });
    };
    const std::vector<ProtectedSpan> found = find_protected_spans(sentence, rules);
    // The name the model writes for each span that is a name it renders as another
    // (renamed_as), "" for the rest: no surrogate may be one.
    std::vector<std::string> renderings;
    for (const ProtectedSpan& span : found)
        renderings.push_back(span.kind == SpanKind::name && rules.renamed_as ? rules.renamed_as(span.text) : "");
    const auto free = [&](const std::string& candidate) {
        return !contains_whole_word(sentence, candidate) && !used(candidate) &&
               std::find(renderings.begin(), renderings.end(), candidate) == renderings.end();
    };
    const auto pick = [&]() -> std::string {
        while (next < rules.surrogates.size()) {
            const std::string& candidate = rules.surrogates[next++];
            if (free(candidate)) return candidate;
        }
        return "";
    };
    const auto pick_place = [&]() -> std::string {
        for (const std::string& candidate : rules.place_surrogates)
            if (free(candidate)) return candidate;
        return pick();
    };
    const auto pick_count = [&]() -> const std::pair<std::string, std::string>* {
        while (next_count < rules.count_surrogates.size()) {
            const auto& candidate = rules.count_surrogates[next_count++];
            if (!contains_whole_word(sentence, candidate.first) &&
                !contains_whole_word(sentence, capitalized(candidate.first)))
                return &candidate;
        }
        return nullptr;
    };
    std::size_t next_date = 0, next_month = 0, next_weekday = 0, next_time = 0;
    // The next pair of `pairs`, from `next` on, whose source word is not in the sentence.
    const auto pick_pair = [&](const std::vector<std::pair<std::string, std::string>>& pairs,
                               std::size_t& next) -> const std::pair<std::string, std::string>* {
        while (next < pairs.size()) {
            const auto& candidate = pairs[next++];
            if (!contains_whole_word(sentence, candidate.first) && !contains_whole_word(sentence, capitalized(candidate.first)))
                return &candidate;
        }
        return nullptr;
    };
    // Both numbers of a unit word, lowercase ("meter", "meters").
    const auto unit_forms = [](const std::string& word) {
        const std::string lower = ascii_lowercase(word);
        return std::vector<std::string>{lower, lower.ends_with('s') ? lower.substr(0, lower.size() - 1) : lower + "s"};
    };
    std::vector<std::string> units_written, unit_forms_taken;
    for (const ProtectedSpan& span : found)
        if (span.kind == SpanKind::unit) units_written.push_back(ascii_lowercase(span.text));
    const std::string lower_sentence = ascii_lowercase(sentence);
    // A unit's surrogate, in the number the unit takes. A unit that is a surrogate stands for
    // itself ("200 Meter" stays "200 Meter"); others take one whose singular and plural are
    // neither in the sentence nor taken: "A mile is 1,600 meters." read as "A meter is 1,600
    // meters." became "Ich bin Meile von 1.600 Metern.".
    const auto pick_unit = [&](const ProtectedSpan& span) -> const std::pair<std::string, std::string>* {
        const auto& pairs = span.unit_singular ? rules.unit_surrogates_one : rules.unit_surrogates;
        const std::string lower_text = ascii_lowercase(span.text);
        const auto own = std::find_if(pairs.begin(), pairs.end(), [&](const auto& unit) {
            return ascii_lowercase(unit.first) == lower_text &&
                   std::count(units_written.begin(), units_written.end(), lower_text) == 1;
        });
        if (own != pairs.end()) return &*own;
        for (const auto& candidate : pairs) {
            const std::vector<std::string> forms = unit_forms(candidate.first);
            const bool taken = std::any_of(forms.begin(), forms.end(), [&](const std::string& form) {
                return contains_whole_word(lower_sentence, form) ||
                       std::find(unit_forms_taken.begin(), unit_forms_taken.end(), form) != unit_forms_taken.end();
            });
            if (taken) continue;
            unit_forms_taken.insert(unit_forms_taken.end(), forms.begin(), forms.end());
            return &candidate;
        }
        return nullptr;
    };
    std::pair<std::string, std::string> phrase_stand_in;
    // A verb that takes a person before "à" makes a name after a place marker a person.
    const std::vector<std::string> words =
        rules.person_cues.empty() && rules.travel_cues.empty() ? std::vector<std::string>() : word_keys(sentence);
    const auto cued = [&](const std::vector<std::string>& cues) {
        return std::any_of(words.begin(), words.end(), [&](const std::string& word) {
            return std::any_of(cues.begin(), cues.end(), [&](const std::string& cue) { return word.starts_with(cue); });
        });
    };
    const bool person_cued = cued(rules.person_cues);
    // A verb of travel makes a name after "to" a place.
    const bool travel_cued = cued(rules.travel_cues);
    const auto place_marker = [&](const std::string& before) {
        const auto in = [&](const std::vector<std::string>& list) {
            return std::find(list.begin(), list.end(), before) != list.end();
        };
        return in(rules.place_markers) || (travel_cued && in(rules.travel_place_markers));
    };
    for (std::size_t i = 0; i < found.size(); ++i) {
        ProtectedSpan span = found[i];
        if (rules.source_language == "de") leave_german_genitive_out(span, sentence, rules);
        // A span written in the target language needs a surrogate word of its kind; a count and
        // a time take one when one is free, and a name otherwise.
        const bool written_by_translator = span.kind == SpanKind::date || span.kind == SpanKind::month ||
                                           span.kind == SpanKind::weekday || span.kind == SpanKind::unit ||
                                           span.kind == SpanKind::phrase || span.kind == SpanKind::ordinal;
        const std::pair<std::string, std::string>* pair = nullptr;
        if (span.kind == SpanKind::date) {
            pair = pick_pair(rules.date_surrogates, next_date);
        } else if (span.kind == SpanKind::month) {
            pair = pick_pair(rules.month_surrogates, next_month);
        } else if (span.kind == SpanKind::weekday) {
            // A day that is a surrogate itself stands for itself ("Saturday" stays "Saturday").
            const auto own = std::find_if(rules.weekday_surrogates.begin(), rules.weekday_surrogates.end(),
                                          [&](const auto& day) {
                                              return (day.first == span.text || capitalized(day.first) == span.text) &&
                                                     !used(capitalized(day.first)) && !used(day.first);
                                          });
            pair = own != rules.weekday_surrogates.end() ? &*own : pick_pair(rules.weekday_surrogates, next_weekday);
        } else if (span.kind == SpanKind::time) {
            pair = pick_pair(rules.time_surrogates, next_time);
        } else if (span.kind == SpanKind::unit) {
            pair = pick_unit(span);
        } else if (span.kind == SpanKind::phrase || span.kind == SpanKind::ordinal) {
            // Its stand-in, unless the rest of the sentence or another span says it already
            // ("the day after tomorrow" holds its own stand-in, "tomorrow").
            phrase_stand_in = {span.surrogate, span.target_surrogate};
            const std::string rest = lower_sentence.substr(0, span.begin) + " " +
                                     lower_sentence.substr(std::min(lower_sentence.size(), span.begin + span.text.size()));
            const bool free_stand_in = !span.surrogate.empty() && !contains_whole_word(rest, ascii_lowercase(span.surrogate)) &&
                                       !used(span.surrogate) && !used(capitalized(span.surrogate));
            pair = free_stand_in ? &phrase_stand_in : nullptr;
        } else if (span.kind == SpanKind::number && spelled_out(span.text)) {
            pair = pick_count();  // its target_text is the number in the target language's words
        } else if (span.kind == SpanKind::number) {
            if (takes_count_word(span.text, rules.source_language)) pair = pick_count();
            // A marked number ("no. 4521") comes with its target form.
            if (span.target_text.empty())
                span.target_text = number_written_in(span.text, rules.source_language, rules.target_language);
        }
        if (written_by_translator && (!pair || span.target_text.empty())) continue;
        // A name the model renders as another stands for itself, unless the sentence holds
        // that other name too.
        const std::string& renamed = renderings[i];
        if (!renamed.empty() && !contains_whole_word(sentence, renamed) && !used(span.text)) {
            span.surrogate = span.text;
            span.target_surrogate = renamed;
        } else if (pair) {
            const bool initial = !has_word_before(sentence, span.begin);
            span.surrogate = pair->first;
            // An approximate time is read as one at its hour ("vers 18 heures" as "à minuit"): read
            // bare ("fährt Mitternacht von drei ab") the models wrote "leaves from platform 7's".
            if (span.kind == SpanKind::time && is_approximate_time(span.text, rules.source_language))
                span.surrogate = std::string(time_preposition(rules.source_language)) + " " + span.surrogate;
            if (initial) span.surrogate = capitalized(span.surrogate);
            span.target_surrogate = pair->second;
        } else {
            const std::string_view word = word_before(sentence, span.begin);
            const std::string before = word.empty() ? std::string() : with_lower_first(word);
            const bool place = span.kind == SpanKind::name &&
                               (span.place || (place_marker(before) &&
                                               !possessive_after(sentence, span.begin + span.text.size()) && !person_cued));
            span.surrogate = span.target_surrogate = place ? pick_place() : pick();
        }
        if (span.surrogate.empty()) continue;
        take_in_its_brackets(span, sentence);
        masked.text += sentence.substr(copied, span.begin - copied);
        if (rules.source_language == "fr") write_elided_word_in_full(masked.text, span.surrogate);
        masked.text += span.surrogate;
        copied = span.begin + span.text.size();
        masked.spans.push_back(std::move(span));
    }
    masked.text += sentence.substr(copied);
    if (!masked.spans.empty() && ends_sentence_with_its_stop(sentence, masked.spans.back())) masked.text += '.';
    return masked;
}

bool spans_only(std::string_view sentence, const std::vector<ProtectedSpan>& spans, const SpanRules& rules) {
    const auto in_span = [&](std::size_t begin, std::size_t end) {
        return std::any_of(spans.begin(), spans.end(), [&](const ProtectedSpan& span) {
            return !span.surrogate.empty() && begin >= span.begin && end <= span.begin + span.text.size();
        });
    };
    std::size_t words = 0;
    for (std::size_t pos = 0; pos < sentence.size();) {
        if (sentence[pos] == ' ') {
            ++pos;
            continue;
        }
        std::size_t end = sentence.find(' ', pos);
        if (end == std::string_view::npos) end = sentence.size();
        std::size_t word_end = end;  // without the sentence's final punctuation
        if (end == sentence.size())
            while (word_end > pos && std::string_view(".!?,;:").find(sentence[word_end - 1]) != std::string_view::npos)
                --word_end;
        if (word_end > pos) {
            const std::string_view word = sentence.substr(pos, word_end - pos);
            const bool surrogate = std::find(rules.surrogates.begin(), rules.surrogates.end(), word) != rules.surrogates.end();
            if (!surrogate && !in_span(pos, word_end)) return false;
            ++words;
        }
        pos = end;
    }
    return words > 0;
}

std::string target_side_masked(std::string_view sentence, const std::vector<ProtectedSpan>& spans) {
    std::string out;
    std::size_t copied = 0;
    for (const ProtectedSpan& span : spans) {
        if (span.surrogate.empty() || span.begin < copied) continue;
        out += sentence.substr(copied, span.begin - copied);
        out += has_word_before(sentence, span.begin) ? span.target_surrogate : capitalized(span.target_surrogate);
        copied = span.begin + span.text.size();
        if (ends_sentence_with_its_stop(sentence, span)) out += '.';
    }
    out += sentence.substr(copied);
    return out;
}

namespace {

// "von" (or "Von") for a German preposition that says where or when ("um", "an", "zu"), before a
// span English reads "from"; "" for another word or another English preposition.
std::string german_from(std::string_view word, std::string_view source_preposition) {
    static const std::vector<std::string_view> not_from = {"um", "an", "am", "zu", "zum", "zur", "nach", "in", "im", "bei"};
    const std::string lower = ascii_lowercase(word);
    if (source_preposition != "from" || std::find(not_from.begin(), not_from.end(), lower) == not_from.end()) return {};
    return word.front() == lower.front() ? "von" : "Von";
}

// The German preposition before the span that ends `out` (its last `span_bytes`), fitted to the
// English `source_preposition`: for "to", "zu" where the model wrote none; for "from", "von" in
// place of one that says where or when ("fährt um Gleis 7", "an Gleis 7") or where it wrote none.
void fit_german_preposition(std::string& out, std::size_t span_bytes, std::string_view source_preposition) {
    static const std::vector<std::string_view> prepositions = {
        "zu", "zum", "zur", "nach", "an", "am", "auf", "in", "im", "von", "vom", "bei", "beim", "um", "bis", "ab",
        "für", "über", "aus", "durch", "gegen", "mit", "ohne", "vor", "hinter", "neben", "zwischen", "unter", "ins", "ans"};
    const std::size_t span_begin = out.size() - span_bytes;
    const std::string_view before = std::string_view(out).substr(0, span_begin);
    const std::string_view word = last_word(before);
    const std::string lower = ascii_lowercase(word);
    const bool preposition = std::find(prepositions.begin(), prepositions.end(), lower) != prepositions.end();
    if (word.empty()) return;  // the sentence's start
    if (!preposition) {
        out.insert(span_begin, source_preposition == "to" ? "zu " : "von ");
    } else if (const std::string from = german_from(word, source_preposition); !from.empty()) {
        const std::size_t word_begin = static_cast<std::size_t>(word.data() - out.data());
        out.replace(word_begin, word.size(), from);
    }
}

}  // namespace

std::string restore_protected_spans(std::string_view text, const std::vector<ProtectedSpan>& spans) {
    if (spans.empty()) return std::string(text);
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const ProtectedSpan* found = nullptr;
        std::size_t length = 0;
        for (const ProtectedSpan& span : spans)
            if (const std::string written = target_surrogate_at(text, pos, span); !written.empty()) {
                found = &span;
                length = written.size();
                break;
            }
        if (found) {
            const bool capitalised = text.compare(pos, found->target_surrogate.size(), found->target_surrogate) != 0;
            // An approximate time brings its own preposition: not "um gegen 18 Uhr", "à vers 18 h".
            if (found->kind == SpanKind::time)
                out.resize(out.size() - repeated_time_preposition(out, found->translated_text()));
            if (found->kind == SpanKind::date || found->kind == SpanKind::month)
                append_date(out, found->translated_text(), found->date_language, capitalised);
            else if ((found->kind == SpanKind::weekday || found->kind == SpanKind::time ||
                      found->kind == SpanKind::number || found->kind == SpanKind::unit ||
                      found->kind == SpanKind::phrase || found->kind == SpanKind::ordinal) &&
                     (capitalised || (out.empty() && found->kind == SpanKind::number)))
                // "Lundi, ...", "Übermorgen ..." at a sentence's start; a number's surrogate has
                // no capital to tell it, so a labelled one there takes it ("Platform 7 is ...").
                out += with_upper_first(found->translated_text());
            else if (found->kind == SpanKind::phrase)
                out += fitted_set_phrase(found->translated_text(), out);  // "in einer halben Stunde"
            else if (found->kind == SpanKind::ordinal)
                out += fitted_ordinal(found->translated_text(), out);  // "la 1re fois"
            else if (found->kind == SpanKind::name && found->text.starts_with('(')) {
                // A parenthesis read as a name took the commas of an apposition ("Die Sitzung,
                // (Zimmer 12) beginnt"): it needs none.
                if (out.ends_with(", ")) out.erase(out.size() - 2, 1);
                out += found->translated_text();
                if (text.substr(pos + length).starts_with(", ")) ++length;
            } else if (found->kind == SpanKind::name)
                out += title_fitted(found->translated_text(), kinship_fitted(out, found->translated_text()));
            else
                out += found->translated_text();  // "iPhone", "anna@example.com" as written
            if (!found->source_preposition.empty())
                fit_german_preposition(out, found->translated_text().size(), found->source_preposition);
            pos += length;
            if (found->kind == SpanKind::number && text.substr(pos).starts_with(kAgeStem)) out += '-';  // "5-jährige"
            // A span with a stop of its own takes the sentence's ("at 8 p.m.", not "p.m..").
            if (out.ends_with('.') && pos < text.size() && text[pos] == '.') ++pos;
        } else {
            out += text[pos++];
        }
    }
    return out;
}

// A target label fitted to the pieces before it as restore_protected_spans() fits the text
// (title_fitted, kinship_fitted): "Papi Harold" first in the sentence, "ma tante Julia".
std::string title_label(std::vector<std::string>& pieces, const std::vector<bool>& word_start, std::size_t i,
                        const std::string& shown) {
    std::string before;
    for (std::size_t k = 0; k < i; ++k) before += (k > 0 && (k >= word_start.size() || word_start[k]) ? " " : "") + pieces[k];
    const bool word_before = i > 0 && (i - 1 >= word_start.size() || word_start[i - 1]) && !pieces[i - 1].empty() &&
                             is_word_char(char_at(pieces[i - 1], 0));
    if (word_before) {
        const std::string feminine = feminine_determiner(pieces[i - 1], shown);
        if (!feminine.empty()) pieces[i - 1] = feminine;
    }
    return title_fitted(shown, before);
}

void relabel_surrogate_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                              const std::vector<ProtectedSpan>& spans, SpanSide side) {
    const auto starts_word = [&](std::size_t i) { return i >= word_start.size() || word_start[i]; };
    // A piece that begins a word, or follows a piece that ends in no letter or digit ('"' "T" "om").
    const auto begins_word = [&](std::size_t i) {
        return i == 0 || starts_word(i) || pieces[i - 1].empty() ||
               !is_word_char(char_before(pieces[i - 1], pieces[i - 1].size()));
    };
    // A stand-in of several words ("plusieurs heures"), or of one word in several pieces ("D"
    // "eux" opening a sentence, "T" "om" in quotes): its first piece shows the span, the others
    // "·", as pieces that continue it. A stand-in in one piece is the next loop's.
    for (const ProtectedSpan& span : spans) {
        const std::string& surrogate = side == SpanSide::source ? span.surrogate : span.target_surrogate;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            if (!begins_word(i)) continue;
            std::string words;
            for (std::size_t k = i; k < pieces.size() && words.size() < surrogate.size(); ++k) {
                words += (k > i && starts_word(k) ? " " : "") + pieces[k];
                const bool whole = k + 1 >= pieces.size() || starts_word(k + 1) || pieces[k + 1].empty() ||
                                   !is_word_char(char_at(pieces[k + 1], 0));
                if (!whole || (words != surrogate && words != capitalized(surrogate))) continue;
                if (k == i) break;
                pieces[i] = side == SpanSide::source ? span.text
                            : span.kind == SpanKind::phrase
                                ? fitted_set_phrase(span.translated_text(), i > 0 ? pieces[i - 1] : std::string())
                            : span.kind == SpanKind::name ? title_label(pieces, word_start, i, span.translated_text())
                                                          : span.translated_text();
                for (std::size_t rest = i + 1; rest <= k; ++rest) pieces[rest] = "\u00B7";
                break;
            }
        }
    }
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        // A count that begins a German age ("zwei" "jährige") ends there too.
        const bool age = i + 1 < pieces.size() && pieces[i + 1].starts_with(kAgeStem);
        const bool ends = i + 1 >= pieces.size() || (i + 1 < word_start.size() && word_start[i + 1]) ||
                          pieces[i + 1].empty() || !is_word_char(char_at(pieces[i + 1], 0)) || age;
        if (!begins_word(i) || !ends) continue;
        for (const ProtectedSpan& span : spans) {
            const std::string& surrogate = side == SpanSide::source ? span.surrogate : span.target_surrogate;
            const std::string& shown = side == SpanSide::source ? span.text : span.translated_text();
            if (age && span.kind != SpanKind::number) continue;
            if (pieces[i] == surrogate || (side == SpanSide::target && pieces[i] == capitalized(surrogate))) {
                pieces[i] = age ? shown + "-"
                            : side == SpanSide::target && span.kind == SpanKind::name ? title_label(pieces, word_start, i, shown)
                                                                                      : shown;
                // The word before a labelled number reads as the text does ("von Gleis 7").
                if (side == SpanSide::target && i > 0 && (i - 1 >= word_start.size() || word_start[i - 1]))
                    if (const std::string from = german_from(pieces[i - 1], span.source_preposition); !from.empty())
                        pieces[i - 1] = from;
                // The word before a date reads as the text does ("du 12 mars", not "de"); one the
                // text leaves out ("im" before a German year) shows as part of the date, "·".
                if (side == SpanSide::target && (span.kind == SpanKind::date || span.kind == SpanKind::month) &&
                    i > 0 && (i - 1 >= word_start.size() || word_start[i - 1])) {
                    const std::string fitted = word_before_date(pieces[i - 1], shown, span.date_language,
                                                                i > 1 ? with_lower_first(pieces[i - 2]) : std::string());
                    pieces[i - 1] = fitted.empty() ? "\u00B7" : fitted;
                }
                break;
            } else if (genitive_at(pieces[i], 0, surrogate) && pieces[i].size() == surrogate.size() + 1) {
                pieces[i] = shown + "s";
                break;
            }
        }
    }
}

std::string relabel_surrogate_piece(const std::string& piece, const std::vector<ProtectedSpan>& spans) {
    for (const ProtectedSpan& span : spans)
        if (piece == span.target_surrogate || piece == capitalized(span.target_surrogate)) return span.translated_text();
    return piece;
}

std::vector<std::string> read_word_list(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw ModelFormatError(file.string() + ": cannot read this word list");
    std::vector<std::string> words;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        words.push_back(line);
    }
    return words;
}

SpanRules with_every_capital_a_name(SpanRules rules) {
    rules.known_word = [](std::string_view) { return false; };
    rules.common_word = [](std::string_view) { return true; };
    return rules;
}

}  // namespace attentive
