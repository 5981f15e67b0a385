#include "core/text/sentence_splitter.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "core/text/ordinals.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

constexpr char32_t invalid_unit = 0xFFFFFFFF;

// One step through the text: a code point, or a single byte of an ill-formed sequence.
struct Unit {
    char32_t code_point = invalid_unit;
    std::size_t length = 1;
};

Unit unit_at(std::string_view text, std::size_t pos) {
    const Utf8Char decoded = decode_utf8_at(text, pos);
    if (!decoded.well_formed) return {};
    return {decoded.code_point, decoded.length};
}

bool is_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

bool is_line_break(char32_t c) {
    return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Full-width terminators: CJK text puts no space after them, so they end a sentence by
// themselves.
bool is_cjk_terminator(char32_t c) {
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
}

bool is_strong_terminator(char32_t c) {
    return c == '!' || c == '?' || c == 0x203C || (c >= 0x2047 && c <= 0x2049) ||
           is_cjk_terminator(c);
}

bool is_terminator(char32_t c) { return c == '.' || c == 0x2026 || is_strong_terminator(c); }

// Closing quotes and brackets that stay with the sentence they close. “ and ‘ close German
// quotations („…“).
constexpr std::array<char32_t, 18> closers = {
    '"',    '\'',   ')',    ']',    '}',    0x2019, 0x201D, 0x201C, 0x2018,
    0x00BB, 0x203A, 0x300D, 0x300F, 0x3011, 0x3009, 0x300B, 0xFF09, 0xFF3D,
};
constexpr std::array<char32_t, 15> openers = {
    '"',    '\'',   '(',    '[',    '{',    0x201C, 0x2018, 0x201E,
    0x00AB, 0x2039, 0x00BF, 0x00A1, 0x300C, 0x300E, 0xFF08,
};

bool is_closer(char32_t c) { return std::find(closers.begin(), closers.end(), c) != closers.end(); }

bool is_opener(char32_t c) { return std::find(openers.begin(), openers.end(), c) != openers.end(); }

bool is_lowercase_letter(char32_t c) {
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
    if (c >= 0x100 && c <= 0x137) return c % 2 == 1;
    if (c >= 0x139 && c <= 0x148) return c % 2 == 0;
    if (c >= 0x14A && c <= 0x177) return c % 2 == 1;
    if (c >= 0x17A && c <= 0x17E) return c % 2 == 0;
    return (c >= 0x3B1 && c <= 0x3C9) || (c >= 0x430 && c <= 0x45F);
}

// Letters as far as abbreviation checks care: ASCII letters and any well-formed non-ASCII code
// point that is not punctuation this splitter knows about.
bool is_letter(char32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    return c >= 0xC0 && c != invalid_unit && c != 0xD7 && c != 0xF7 && !is_space(c) &&
           !is_terminator(c) && !is_closer(c) && !is_opener(c);
}

// Abbreviations that practically never end a sentence (English, French, German).
const std::unordered_set<std::string_view>& title_abbreviations() {
    static const std::unordered_set<std::string_view> words = {
        // English
        "Mr",
        "Mrs",
        "Ms",
        "Messrs",
        "Dr",
        "Drs",
        "Prof",
        "St",
        "Sr",
        "Jr",
        "Mt",
        "Ft",
        "Gen",
        "Col",
        "Capt",
        "Lt",
        "Sgt",
        "Maj",
        "Cmdr",
        "Adm",
        "Rev",
        "Hon",
        "Gov",
        "Pres",
        "Sen",
        "Rep",
        "vs",
        "cf",
        "ca",
        "approx",
        "dept",
        "Jan",
        "Feb",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Ave",
        "Blvd",
        "Mssrs",
        "esp",
        "incl",
        "resp",
        // French
        "Mme",
        "Mmes",
        "Mlle",
        "Mlles",
        "Mgr",
        "Pr",
        "Ste",
        "bd",
        "av",
        "env",
        "hab",
        // German
        "Hr",
        "Hrn",
        "Fr",
        "Frl",
        "Str",
        "bzw",
        "vgl",
        "ggf",
        "evtl",
        "inkl",
        "sog",
        "Jh",
        "Mio",
        "Mrd",
        "Abs",
        "Tel",
        "geb",
        "gest",
        "zzgl",
        "ugs",
    };
    return words;
}

// Abbreviations that stand before a number ("No. 5", "Nr. 3", "Fig. 2").
const std::unordered_set<std::string_view>& number_abbreviations() {
    static const std::unordered_set<std::string_view> words = {
        "No", "no",   "Nos", "Nr",  "nr",  "Art", "Fig", "fig", "Vol", "vol", "Ch",
        "ch", "Chap", "Sec", "sec", "Abb", "Bd",  "Tab", "Kap", "pp",  "Anm",
    };
    return words;
}

// Abbreviations that often do end a sentence ("... pears, etc. The rest"): they end it only
// when a capitalized word follows.
const std::unordered_set<std::string_view>& final_abbreviations() {
    static const std::unordered_set<std::string_view> words = {
        "etc", "usw", "Inc", "Ltd", "Co", "Corp", "Bros", "al", "ff", "uvm",
    };
    return words;
}

bool contains(const std::unordered_set<std::string_view>& words, std::string_view word) {
    if (words.count(word)) return true;
    // A lowercase abbreviation may open a sentence capitalized: "Vgl. dazu".
    if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') {
        std::string lowered(word);
        lowered[0] = static_cast<char>(lowered[0] - 'A' + 'a');
        return words.count(lowered) > 0;
    }
    return false;
}

std::size_t count_units(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += unit_at(text, pos).length) ++count;
    return count;
}

// "U.S", "e.g", "z.B", "Ph.D": letter groups of one or two letters joined by periods.
bool is_dotted_abbreviation(std::string_view word) {
    if (word.find('.') == std::string_view::npos) return false;
    std::size_t group = 0;
    for (std::size_t pos = 0; pos < word.size();) {
        const Unit unit = unit_at(word, pos);
        if (unit.code_point == '.') {
            if (group == 0) return false;
            group = 0;
        } else if (is_letter(unit.code_point)) {
            if (++group > 2) return false;
        } else {
            return false;
        }
        pos += unit.length;
    }
    return group > 0;
}

// Decides whether the terminator run text[run_begin, run_end), followed by closing punctuation up
// to `closers_end` and then by whitespace, ends the sentence. `word_begin` is where the word
// carrying the terminator starts; `next` is the first character after the whitespace.
bool is_all_digits(std::string_view word) {
    return !word.empty() &&
           std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// German dates write the day as an ordinal: "am 3. Oktober".
bool is_month_name(std::string_view word) {
    static const std::unordered_set<std::string_view> months = {
        "Januar", "Jänner", "Februar",   "März",    "April",    "Mai",      "Juni",
        "Juli",   "August", "September", "Oktober", "November", "Dezember",
    };
    return months.count(word) > 0;
}

// The word (up to the next space or terminator) starting at `pos`.
std::string_view word_at(std::string_view text, std::size_t pos) {
    std::size_t end = pos;
    while (end < text.size()) {
        const Unit unit = unit_at(text, end);
        if (is_space(unit.code_point) || is_terminator(unit.code_point) || unit.code_point == ',')
            break;
        end += unit.length;
    }
    return text.substr(pos, end - pos);
}

// Decides whether the terminator run text[run_begin, run_end), followed by closing punctuation up
// to `closers_end` and then by whitespace, ends the sentence. `sentence_begin` and `word_begin`
// are where the current sentence and the word carrying the terminator start; `next` is the first
// character after the whitespace.
bool ends_sentence(std::string_view text, std::size_t sentence_begin, std::size_t word_begin,
                   std::size_t run_begin, std::size_t run_end, std::size_t closers_end,
                   std::size_t next) {
    // The first letter of the next sentence, past any opening quotes or brackets.
    std::size_t next_word = next;
    char32_t next_first = invalid_unit;
    while (next_word < text.size()) {
        const Unit unit = unit_at(text, next_word);
        if (!is_opener(unit.code_point)) {
            next_first = unit.code_point;
            break;
        }
        next_word += unit.length;
    }
    // A quotation that ends in a terminator and goes on in lowercase is part of a longer
    // sentence: 'He asked "why?" and left.'
    if (closers_end > run_end && is_lowercase_letter(next_first)) return false;

    std::size_t periods = 0;
    bool ellipsis = false;
    for (std::size_t pos = run_begin; pos < run_end;) {
        const Unit unit = unit_at(text, pos);
        if (is_strong_terminator(unit.code_point)) return true;
        if (unit.code_point == 0x2026) ellipsis = true;
        if (unit.code_point == '.') ++periods;
        pos += unit.length;
    }
    if (ellipsis || periods > 1) return !is_lowercase_letter(next_first);
    // A period inside quotes or brackets closes a quoted sentence, not an abbreviation.
    if (closers_end > run_end) return true;

    std::size_t begin = word_begin;
    while (begin < run_begin) {
        const Unit unit = unit_at(text, begin);
        if (!is_opener(unit.code_point)) break;
        begin += unit.length;
    }
    const std::string_view word = text.substr(begin, run_begin - begin);
    if (word.empty()) return true;
    if (is_all_digits(word) && word.size() <= 3) {
        // "1. Buy milk": a list number opening its line; "am 3. Oktober": a German date.
        if (word_begin == sentence_begin) return false;
        if (word.size() <= 2 && next_first != invalid_unit &&
            is_month_name(word_at(text, next_word))) {
            return false;
        }
        // "vom 14. bis 17. August", "am 3. oder 4. Mai": an ordinal before a lowercase word.
        if (word.size() <= 2 && is_lowercase_letter(next_first)) return false;
        // "im 3. Stock", "der 2. Platz": an ordinal after an article, before its noun.
        if (word.size() <= 2 && comes_before_german_ordinal(last_word(text.substr(sentence_begin, word_begin - sentence_begin))))
            return false;
        return true;
    }
    const Unit first = unit_at(word, 0);
    // A single letter is an initial ("J. R. R. Tolkien"), except the English pronoun that often
    // ends a sentence ("So am I.").
    if (first.length == word.size() && is_letter(first.code_point)) return word == "I";
    // "a.m." and "p.m." end a time, and a sentence with it when a capital follows ("We arrive
    // at 8 p.m. Is there parking?" was one sentence, and its translation lost the question).
    if (word == "a.m" || word == "p.m" || word == "A.M" || word == "P.M") return is_upper(next_first);
    if (is_dotted_abbreviation(word)) return false;
    if (contains(title_abbreviations(), word)) return false;
    if (contains(number_abbreviations(), word)) return !is_ascii_digit(next_first);
    if (contains(final_abbreviations(), word)) {
        return !(is_lowercase_letter(next_first) || is_ascii_digit(next_first));
    }
    return true;
}

// The end of the closing quotes and brackets from `pos`. French typography puts a space before
// a closing guillemet ("« Qui le dit ? »"), so spaces followed by » or › are taken with it.
std::size_t skip_closers(std::string_view text, std::size_t pos) {
    while (pos < text.size()) {
        const Unit unit = unit_at(text, pos);
        if (is_closer(unit.code_point)) {
            pos += unit.length;
            continue;
        }
        std::size_t after_spaces = pos;
        while (after_spaces < text.size()) {
            const Unit space = unit_at(text, after_spaces);
            if (!is_space(space.code_point) || is_line_break(space.code_point)) break;
            after_spaces += space.length;
        }
        if (after_spaces == pos || after_spaces == text.size()) break;
        const Unit guillemet = unit_at(text, after_spaces);
        if (guillemet.code_point != 0x00BB && guillemet.code_point != 0x203A) break;
        pos = after_spaces + guillemet.length;
    }
    return pos;
}

struct Range {
    std::size_t begin;
    std::size_t end;
};

// Cuts an over-long sentence into pieces of at most `limit` units, preferring the last ", " or
// ";" (when it leaves a reasonably long piece), then the last space, then a hard cut.
void split_long(std::string_view text, Range sentence, std::size_t separator_end, std::size_t limit,
                SplitText& out) {
    const std::string_view body = text.substr(sentence.begin, sentence.end - sentence.begin);
    const auto emit = [&](std::size_t begin, std::size_t end, std::size_t next) {
        out.segments.push_back({std::string(text.substr(begin, end - begin)),
                                std::string(text.substr(end, next - end))});
    };
    if (limit == 0 || body.size() <= limit || count_units(body) <= limit) {
        emit(sentence.begin, sentence.end, separator_end);
        return;
    }
    out.cut = true;

    std::vector<std::size_t> starts;  // byte offset of every unit, plus the end
    starts.reserve(body.size() + 1);
    for (std::size_t pos = sentence.begin; pos < sentence.end; pos += unit_at(text, pos).length) {
        starts.push_back(pos);
    }
    const std::size_t n_units = starts.size();
    starts.push_back(sentence.end);
    const auto code_point = [&](std::size_t index) {
        return unit_at(text, starts[index]).code_point;
    };

    std::size_t first = 0;
    while (n_units - first > limit) {
        std::size_t cut = 0;         // the piece is units [first, cut)
        std::size_t last_space = 0;  // a space at `last_space` that follows a non-space
        const std::size_t min_clause = first + std::max<std::size_t>(1, limit / 3);
        for (std::size_t index = first + limit; index > first; --index) {
            const char32_t c = code_point(index);
            const char32_t before = code_point(index - 1);
            const bool space_cut = is_space(c) && !is_space(before);
            if (index > min_clause && ((space_cut && before == ',') || before == ';')) {
                cut = index;
                break;
            }
            if (space_cut && last_space == 0) last_space = index;
            if (last_space != 0 && index <= min_clause) break;
        }
        if (cut == 0) cut = last_space != 0 ? last_space : first + limit;
        std::size_t next = cut;
        while (next < n_units && is_space(code_point(next))) ++next;
        emit(starts[first], starts[cut], starts[next]);
        first = next;
    }
    emit(starts[first], sentence.end, separator_end);
}

}  // namespace

SplitText split_sentences(std::string_view text, std::size_t max_chars) {
    const std::size_t n = text.size();
    std::vector<Range> sentences;

    std::size_t pos = 0;
    while (pos < n) {
        const Unit unit = unit_at(text, pos);
        if (!is_space(unit.code_point)) break;
        pos += unit.length;
    }
    const std::size_t leading_end = pos;
    std::size_t sentence_begin = pos;
    std::size_t word_begin = pos;
    std::size_t trailing_begin = n;
    // Where a sentence end was recognised: whitespace starting exactly here closes the sentence.
    std::size_t split_at = std::string_view::npos;

    while (pos < n) {
        const Unit unit = unit_at(text, pos);
        if (is_space(unit.code_point)) {
            std::size_t run_end = pos;
            bool line_break = false;
            while (run_end < n) {
                const Unit next = unit_at(text, run_end);
                if (!is_space(next.code_point)) break;
                line_break = line_break || is_line_break(next.code_point);
                run_end += next.length;
            }
            if (run_end == n) {
                trailing_begin = pos;
                break;
            }
            if (line_break || split_at == pos) {
                sentences.push_back({sentence_begin, pos});
                sentence_begin = run_end;
            }
            pos = run_end;
            word_begin = run_end;
            split_at = std::string_view::npos;
            continue;
        }
        if (is_terminator(unit.code_point)) {
            const std::size_t run_begin = pos;
            bool cjk = false;
            std::size_t run_end = pos;
            while (run_end < n) {
                const Unit next = unit_at(text, run_end);
                if (!is_terminator(next.code_point)) break;
                cjk = cjk || is_cjk_terminator(next.code_point);
                run_end += next.length;
            }
            const std::size_t closers_end = skip_closers(text, run_end);
            if (closers_end < n) {
                const Unit after = unit_at(text, closers_end);
                if (is_space(after.code_point)) {
                    std::size_t next = closers_end;
                    while (next < n) {
                        const Unit skip = unit_at(text, next);
                        if (!is_space(skip.code_point)) break;
                        next += skip.length;
                    }
                    if (ends_sentence(text, sentence_begin, word_begin, run_begin, run_end,
                                      closers_end, next)) {
                        split_at = closers_end;
                    }
                } else if (cjk) {
                    sentences.push_back({sentence_begin, closers_end});
                    sentence_begin = closers_end;
                    word_begin = closers_end;
                }
            }
            pos = closers_end;
            continue;
        }
        pos += unit.length;
    }
    if (sentence_begin < trailing_begin) sentences.push_back({sentence_begin, trailing_begin});

    SplitText result;
    result.leading = std::string(text.substr(0, leading_end));
    result.segments.reserve(sentences.size());
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        const std::size_t separator_end = i + 1 < sentences.size() ? sentences[i + 1].begin : n;
        split_long(text, sentences[i], separator_end, max_chars, result);
    }
    return result;
}

std::vector<TextSegment> cut_long_sentence(std::string_view sentence, std::size_t max_chars) {
    SplitText pieces;
    split_long(sentence, {0, sentence.size()}, sentence.size(), max_chars, pieces);
    return std::move(pieces.segments);
}

std::optional<AsideBrackets> trailing_aside(std::string_view sentence) {
    std::size_t end = sentence.size();
    while (end > 0 && (sentence[end - 1] == '.' || sentence[end - 1] == '!' || sentence[end - 1] == '?')) --end;
    if (sentence.substr(0, end).ends_with("…")) end -= std::string_view("…").size();
    // French sets a space before "?" and "!" ("(celui près de la gare) ?").
    while (end > 0 && sentence[end - 1] == ' ') --end;
    if (sentence.substr(0, end).ends_with("\u00A0")) end -= std::string_view("\u00A0").size();
    if (end == 0 || sentence[end - 1] != ')') return std::nullopt;
    const std::size_t open = sentence.rfind('(', end - 1);
    if (open == std::string_view::npos || open + 2 >= end || sentence.find_first_of("()", open + 1) != end - 1)
        return std::nullopt;
    return AsideBrackets{open, end - 1};
}

void split_trailing_asides(SplitText& split) {
    std::vector<TextSegment> segments;
    for (TextSegment& segment : split.segments) {
        const std::string& s = segment.sentence;
        const std::optional<AsideBrackets> brackets = trailing_aside(s);
        std::size_t main_end = brackets ? brackets->open : 0;
        while (main_end > 0 && s[main_end - 1] == ' ') --main_end;
        const std::string_view main = std::string_view(s).substr(0, main_end);
        const bool aside = brackets && brackets->open > 0 && main_end < brackets->open &&
                           main.find(' ') != std::string_view::npos &&
                           std::count(main.begin(), main.end(), '(') == std::count(main.begin(), main.end(), ')');
        if (!aside) {
            segments.push_back(std::move(segment));
            continue;
        }
        segments.push_back({std::string(main), s.substr(main_end, brackets->open - main_end)});
        segments.push_back({s.substr(brackets->open), std::move(segment.separator)});
    }
    split.segments = std::move(segments);
}

std::string join_sentences(const SplitText& split, const std::vector<std::string>& translations) {
    if (translations.size() != split.segments.size()) {
        throw std::invalid_argument(
            "join_sentences: expected " + std::to_string(split.segments.size()) +
            " translations (one per sentence), got " + std::to_string(translations.size()));
    }
    std::size_t size = split.leading.size();
    for (std::size_t i = 0; i < translations.size(); ++i) {
        size += translations[i].size() + split.segments[i].separator.size();
    }
    std::string text;
    text.reserve(size);
    text += split.leading;
    for (std::size_t i = 0; i < translations.size(); ++i) {
        text += translations[i];
        text += split.segments[i].separator;
    }
    return text;
}

}  // namespace attentive
