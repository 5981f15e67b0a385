#include "core/translation_units.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/text/dates.h"
#include "core/text/function_words.h"
#include "core/text/letter_formulas.h"
#include "core/text/sentence_splitter.h"
#include "core/text/span_markers.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Reads a short fragment that ends in a letter or digit with a full stop.
void add_stop_to_fragment(TranslationUnit& unit) {
    const std::string& text = unit.text;
    if (text.empty() || std::count(text.begin(), text.end(), ' ') >= kStoplessFragmentWords) return;
    const Utf8Char final_char = decode_utf8_at(text, utf8_char_start(text, text.size()));
    if (!final_char.well_formed || !(is_letter(final_char.code_point) || is_ascii_digit(final_char.code_point))) return;
    unit.text += '.';
    unit.added_stop = true;
}

// The labels of English headings that the models translate with an article before them.
bool is_heading_label(std::string_view word) {
    static const std::vector<std::string_view> labels = {
        "Chapter", "Part",    "Section", "Page",  "Room",  "Gate",    "Platform", "Flight",  "Question",
        "Exercise", "Lesson", "Table",   "Figure", "Level", "Floor",  "Track",    "Seat",    "Row",    "Item",
        "Appendix", "Volume", "Episode", "Season", "Day",   "Week",   "Line",     "Bus",     "Terminal", "Building",
        "Apartment", "Number", "Article", "Unit",  "Stage", "Round",  "Lane",     "Hall",    "Box",    "Note"};
    return std::find(labels.begin(), labels.end(), word) != labels.end();
}

// Reads an English heading ("Chapter 3", "Room 214") with an article: "The chapter 3.".
void read_heading_with_article(TranslationUnit& unit, const UnitRules& rules) {
    if (rules.source_language != "en") return;
    const std::size_t space = unit.text.find(' ');
    if (space == std::string::npos || unit.text.find(' ', space + 1) != std::string::npos) return;
    const std::string label = unit.text.substr(0, space), number = unit.text.substr(space + 1);
    if (!is_heading_label(label) || number.empty() || !std::all_of(number.begin(), number.end(), [](char c) {
            return c >= '0' && c <= '9';
        }))
        return;
    unit.written = unit.text;
    unit.text = "The " + std::string(1, static_cast<char>(label[0] - 'A' + 'a')) + label.substr(1) + " " + number + ".";
    unit.added_stop = true;
    unit.heading = true;
}

// Reads an English heading that ends in a colon ("Ingredients:", "Shopping list:") as a noun
// with an article: "The ingredients.". Alone the models garbled it ("Les abeilles ne sont pas.",
// "Machen Sie sich!"). One to three words of letters, the first no function word ("What you
// need:" is no noun).
void read_colon_heading_with_article(TranslationUnit& unit, const UnitRules& rules) {
    const std::string& text = unit.text;
    if (rules.source_language != "en" || text.size() < 3 || text.back() != ':') return;
    const std::string words = text.substr(0, text.size() - 1);
    if (std::count(words.begin(), words.end(), ' ') > 2 || words.front() == ' ' || words.back() == ' ' ||
        words.find("  ") != std::string::npos ||
        !std::all_of(words.begin(), words.end(), [](char c) { return is_ascii_letter(c) || c == ' ' || c == '-'; }))
        return;
    const std::string first = ascii_lowercase(words.substr(0, words.find(' ')));
    if (is_function_word(first, "en")) return;
    unit.written = text;
    unit.text = "The " + with_lower_first(words) + ".";
    unit.added_stop = true;
    unit.heading = true;
    unit.colon = true;
}

// The translation of a heading read with an article, without it and capitalised: "Le chapitre
// 3" -> "Chapitre 3", "L'étape 2" -> "Étape 2", "Das Kapitel 3" -> "Kapitel 3".
void drop_heading_article(std::string& text) {
    for (std::string_view article : {"The ", "Le ", "La ", "Les ", "L'", "L’", "Der ", "Die ", "Das ", "Den ", "Dem "})
        if (text.starts_with(article) && text.size() > article.size()) {
            text.erase(0, article.size());
            break;
        }
    text = with_upper_first(text);
}

// Takes a letter formula off the start of `unit`: the model reads the rest, capitalised as a
// sentence starts ("Hi Tom, how are you?" -> "How are you?").
void take_letter_formula(TranslationUnit& unit, const UnitRules& rules) {
    const auto formula = letter_formula(unit.text, rules.source_language, rules.target_language);
    if (!formula) return;
    unit.written = unit.text;
    unit.formula = formula->translation;
    unit.formal = formula->formal;
    unit.familiar = formula->familiar;
    unit.closing = formula->closing && unit.text.size() == formula->length;
    unit.text = unit.text.substr(formula->length);
    if (!unit.text.empty() && unit.text[0] >= 'a' && unit.text[0] <= 'z') unit.text[0] = static_cast<char>(unit.text[0] - 32);
}

void strip_added_stop(std::string& text) {
    if (!text.empty() && text.back() == '.' && !(text.size() >= 2 && text[text.size() - 2] == '.')) {
        text.pop_back();
        while (!text.empty() && text.back() == ' ') text.pop_back();
    }
}

// German capitalises its nouns: after a salutation's comma the first word keeps its capital
// unless it is a function word or one of the words that open a letter's first sentence without
// being a noun ("Sehr geehrte Frau Keller, danke für Ihren Brief", "Liebe Anna, leider ...").
bool german_sentence_opener(std::string_view word) {
    static constexpr std::array<std::string_view, 14> kOpeners = {
        "Danke", "Vielen", "Herzlichen", "Besten", "Leider", "Hoffentlich", "Bitte",
        "Gestern", "Heute", "Vielleicht", "Gerne", "Natürlich", "Anbei", "Endlich"};
    return std::find(kOpeners.begin(), kOpeners.end(), word) != kOpeners.end();
}

// The formula, then `rest` (the model's translation of what followed it).
std::string after_formula(const TranslationUnit& unit, std::string rest, const std::string& target_language) {
    if (rest.empty()) return unit.formula;
    const std::string first_word(letters_at(rest));
    const std::vector<std::string>& titles = name_titles(target_language);
    // A title keeps its capital: "Hello, Mr Müller!" (was "Hello, mr Müller!").
    const bool title = std::find(titles.begin(), titles.end(), first_word) != titles.end();
    const bool keep = first_word.empty() || title || (target_language == "en" && first_word == "I") ||
                      (target_language == "de" && !is_function_word(first_word, "de") &&
                       !german_sentence_opener(first_word)) ||
                      unit.written.find(first_word) != std::string::npos;
    if (unit.formula.back() == ',' && !keep) rest = with_lower_first(rest);
    return unit.formula + " " + rest;
}

// Writes `unit`, a signature, as it is: it becomes a formula with nothing left to translate.
void take_signature(TranslationUnit& unit) {
    unit.written = unit.text;
    unit.formula = unit.text;
    unit.text.clear();
}

// Takes a list item's marker off the start of `unit`; the model reads the rest, capitalised as
// a sentence starts ("- buy milk" -> "Buy milk").
void take_list_marker(TranslationUnit& unit, const UnitRules& rules) {
    const std::size_t length = list_marker_length(unit.text, rules.source_language);
    if (length == 0) return;
    unit.marker = unit.text.substr(0, length);
    unit.item = unit.text.substr(length);
    unit.text = with_upper_first(unit.item);
}

// The length of an aside's closing bracket and final punctuation at the end of `text` ("(I
// have a doctor's appointment)." -> 2), 0 when `text` is no aside: a parenthesis that opens it
// and ends it (trailing_aside).
std::size_t aside_closing_length(std::string_view text) {
    const std::optional<AsideBrackets> brackets = trailing_aside(text);
    return brackets && brackets->open == 0 ? text.size() - brackets->close : 0;
}

bool ends_with_final_punctuation(std::string_view text) {
    return text.ends_with('.') || text.ends_with('!') || text.ends_with('?') || text.ends_with("…");
}

// Takes an aside's brackets off `unit` ("(due on 15 June)." -> "Due on 15 June."): the model
// reads what they hold as a sentence.
void take_aside_brackets(TranslationUnit& unit) {
    const std::size_t closing = aside_closing_length(unit.text);
    if (closing == 0) return;
    unit.marker.assign(1, '(');  // not = "(": GCC 12 warns falsely (-Wrestrict)
    unit.closing_marker = unit.text.substr(unit.text.size() - closing);
    unit.item = unit.text.substr(1, unit.text.size() - closing - 1);
    unit.text = with_upper_first(unit.item);
    if (!ends_with_final_punctuation(unit.text)) {
        unit.text += '.';
        unit.added_stop = true;
    }
}

}  // namespace

std::size_t list_marker_length(std::string_view text, std::string_view language) {
    static constexpr std::array<std::string_view, 16> kBullets = {"-", "–", "—", "*", "•", "·", "◦", "‣",
                                                                  "▪", "●", "○", "■", "□", "➢", "→", "✓"};
    std::size_t end = 0;
    for (std::string_view bullet : kBullets)
        if (text.starts_with(bullet)) end = bullet.size();
    if (end == 0) {
        // "1." "12)" "a)" "(2)"
        std::size_t at = text.starts_with('(') ? 1 : 0;
        const std::size_t first = at;
        while (at < text.size() && at - first < 3 && is_ascii_digit(static_cast<unsigned char>(text[at]))) ++at;
        const bool digits = at > first;
        if (!digits && at < text.size() && is_ascii_letter(text[at]) && at + 1 < text.size() && text[at + 1] == ')')
            ++at;  // one letter: "a)"
        if (at == first || at >= text.size()) return 0;
        const bool bracketed = first == 1;
        if (text[at] == ')' || (!bracketed && digits && text[at] == '.'))
            end = at + 1;
        else
            return 0;
        // "1. Mai" is the first of May, not an item.
        const std::vector<WrittenDate> dates = find_dates(text, language);
        if (!dates.empty() && dates.front().begin == 0) return 0;
    }
    std::size_t rest = end;
    while (rest < text.size() && text[rest] == ' ') ++rest;
    if (rest == end || rest == text.size()) return 0;  // "-5 degrees", "- " alone
    return rest;
}

bool is_signature(std::string_view text) {
    std::size_t words = 0;
    for (std::size_t at = 0; at < text.size();) {
        while (at < text.size() && text[at] == ' ') ++at;
        if (at == text.size()) break;
        const Utf8Char first = decode_utf8_at(text, at);
        if (!first.well_formed || !is_upper(first.code_point)) return false;
        while (at < text.size() && text[at] != ' ') {
            const Utf8Char c = decode_utf8_at(text, at);
            if (!c.well_formed || !(is_letter(c.code_point) || c.code_point == '-' || c.code_point == '.' ||
                                    c.code_point == '\'')) return false;
            at += c.length;
        }
        ++words;
    }
    return words >= 1 && words <= 3;
}

std::vector<TranslationUnit> translation_units(const std::vector<std::string>& sentences, const UnitRules& rules) {
    std::vector<TranslationUnit> units;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        std::vector<TextSegment> pieces = cut_long_sentence(sentences[i]);
        for (TextSegment& piece : pieces) {
            TranslationUnit unit;
            unit.sentence = i;
            unit.text = std::move(piece.sentence);
            unit.separator = std::move(piece.separator);
            units.push_back(std::move(unit));
        }
        if (pieces.empty()) continue;
        const TranslationUnit* before = units.size() > pieces.size() ? &units[units.size() - pieces.size() - 1] : nullptr;
        // A closing the table does not know ("thx again & c u soon,") ends with a comma, which
        // ends no sentence but at a line's end: the text's last line after it is the signature too
        // (it was "Tom schrückte" for "Tom Baker").
        const bool after_closing =
            before && (before->closing || (i + 1 == sentences.size() && before->text.ends_with(',')));
        if (rules.letter_formulas && after_closing && pieces.size() == 1 && is_signature(units.back().text)) {
            take_signature(units.back());
            continue;
        }
        if (rules.list_markers) {
            take_list_marker(units[units.size() - pieces.size()], rules);
            if (pieces.size() == 1) take_aside_brackets(units.back());
            // The sentence before an aside ends without a stop: it gets one, as a sentence.
            TranslationUnit& last = units.back();
            if (i + 1 < sentences.size() && aside_closing_length(sentences[i + 1]) > 0 && !last.added_stop &&
                last.closing_marker.empty() && !ends_with_final_punctuation(last.text)) {
                last.text += '.';
                last.added_stop = true;
            }
        }
        if (rules.letter_formulas) take_letter_formula(units[units.size() - pieces.size()], rules);
        if (rules.stop_for_fragments && pieces.size() == 1) {
            read_heading_with_article(units.back(), rules);
            if (!units.back().heading) read_colon_heading_with_article(units.back(), rules);
            if (!units.back().heading) add_stop_to_fragment(units.back());
        }
    }
    return units;
}

namespace {

// What restore_unit puts back, but the list marker.
void restore_unit_text(SentenceResult& result, const TranslationUnit& unit, const UnitRules& rules) {
    if (unit.added_stop) {
        if (!result.source.empty() && result.source.back() == '.') result.source.pop_back();
        for (Hypothesis& h : result.hypotheses) strip_added_stop(h.text);
    }
    if (unit.heading) {
        result.source = unit.written;
        for (Hypothesis& h : result.hypotheses) {
            drop_heading_article(h.text);
            // French sets a colon off with a (no-break) space: "Ingrédients :".
            if (unit.colon) h.text += rules.target_language == "fr" ? "\u00A0:" : ":";
        }
        return;
    }
    if (unit.formula.empty()) return;
    result.source = unit.written;
    if (result.hypotheses.empty()) result.hypotheses.emplace_back();
    for (Hypothesis& h : result.hypotheses) {
        const std::string rest = h.text;
        h.text = after_formula(unit, h.text, rules.target_language);
        // The heatmap's first row reads as the text does: "j'" after "Bonjour Priya,", not "J'".
        if (!h.target_pieces.empty() && !rest.empty() && !h.text.ends_with(rest))
            h.target_pieces.front() = with_lower_first(h.target_pieces.front());
    }
}

}  // namespace

void restore_unit(SentenceResult& result, const TranslationUnit& unit, const UnitRules& rules) {
    restore_unit_text(result, unit, rules);
    if (unit.marker.empty()) return;
    result.source = unit.marker + unit.item + unit.closing_marker;
    // An aside goes on in lower case where it opens so, or with English "I" ("(I have a
    // doctor's appointment)" -> "(j'ai ...)"), but for a German noun and English "I".
    const bool lower = !unit.item.empty() && ((unit.item[0] >= 'a' && unit.item[0] <= 'z') ||
                                              (rules.source_language == "en" && letters_at(unit.item) == "I"));
    // French's space before "?" and "!" ("(celui près de la gare) ?") is French only.
    std::string closing = unit.closing_marker;
    if (rules.target_language != "fr") {
        std::erase(closing, ' ');
        for (std::size_t at = closing.find("\u00A0"); at != std::string::npos; at = closing.find("\u00A0"))
            closing.erase(at, std::string_view("\u00A0").size());
    }
    for (Hypothesis& h : result.hypotheses) {
        std::string body = h.text;
        if (!unit.closing_marker.empty()) {
            while (!body.empty() && (body.back() == '.' || body.back() == ' ')) body.pop_back();
            const std::string first(letters_at(body));
            if (lower && !(rules.target_language == "de" && !is_function_word(first, "de")) &&
                !(rules.target_language == "en" && first == "I"))
                body = with_lower_first(body);
        }
        h.text = unit.marker + body + closing;
    }
}

}  // namespace attentive
