#include "core/text/number_formats.h"

#include <vector>

#include "core/text/utf8.h"

namespace attentive {

namespace {

struct Separators {
    std::vector<std::string_view> group;  // the first is the one written
    std::string_view decimal;
};

// French groups with a space: a plain one, a no-break one or a narrow no-break one.
const Separators* separators_of(std::string_view language) {
    static const Separators english{{","}, "."};
    static const Separators french{{"\u00A0", " ", "\u202F"}, ","};
    static const Separators german{{"."}, ","};
    if (language == "en") return &english;
    if (language == "fr") return &french;
    if (language == "de") return &german;
    return nullptr;
}

std::size_t digits_at(std::string_view text, std::size_t pos) {
    std::size_t end = pos;
    while (end < text.size() && is_ascii_digit(text[end])) ++end;
    return end - pos;
}

// The group separator of `separators` at `pos` followed by exactly three digits: its length.
std::size_t group_separator_at(std::string_view text, std::size_t pos, const Separators& separators) {
    for (std::string_view separator : separators.group)
        if (text.substr(pos).starts_with(separator) && digits_at(text, pos + separator.size()) == 3)
            return separator.size();
    return 0;
}

}  // namespace

std::optional<ReadNumber> read_number(std::string_view text, std::string_view language) {
    const Separators* separators = separators_of(language);
    if (!separators) return std::nullopt;
    std::size_t pos = 0;
    while (pos < text.size() && !is_ascii_digit(text[pos])) ++pos;
    if (pos == text.size()) return std::nullopt;
    ReadNumber number;
    number.prefix = text.substr(0, pos);
    std::size_t run = digits_at(text, pos);
    number.integer = text.substr(pos, run);
    pos += run;
    while (std::size_t separator = group_separator_at(text, pos, *separators)) {
        if (number.integer.size() > 3 && !number.grouped) return std::nullopt;  // "1234,567"
        number.grouped = true;
        number.integer += text.substr(pos + separator, 3);
        pos += separator + 3;
    }
    if (text.substr(pos).starts_with(separators->decimal) && digits_at(text, pos + 1) > 0) {
        run = digits_at(text, pos + 1);
        number.fraction = text.substr(pos + 1, run);
        pos += 1 + run;
    }
    number.suffix = text.substr(pos);
    for (char c : number.suffix)
        if (is_ascii_digit(c)) return std::nullopt;  // more numbers: a date, a version, a phone number
    return number;
}

std::string number_written_in(std::string_view text, std::string_view source, std::string_view target) {
    const std::optional<ReadNumber> number = read_number(text, source);
    const Separators* into = separators_of(target);
    if (!number || !into || (!number->grouped && number->fraction.empty())) return "";
    std::string out = number->prefix;
    const std::string& digits = number->integer;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (number->grouped && i > 0 && (digits.size() - i) % 3 == 0) out += into->group.front();
        out += digits[i];
    }
    if (!number->fraction.empty()) out += std::string(into->decimal) + number->fraction;
    out += number->suffix;
    return out == text ? "" : out;
}

}  // namespace attentive
