#include "core/text/number_formats.h"

#include <string_view>
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

namespace {

// `side` without the spaces around it (plain, no-break, narrow no-break).
std::string_view without_spaces(std::string_view side) {
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        for (const std::string_view space : {" ", "\u00A0", "\u202F"}) {
            if (side.starts_with(space)) side.remove_prefix(space.size()), trimmed = true;
            if (side.ends_with(space)) side.remove_suffix(space.size()), trimmed = true;
        }
    }
    return side;
}

bool is_currency_sign(std::string_view sign) { return sign == "€" || sign == "£" || sign == "$"; }

}  // namespace

std::string number_written_in(std::string_view text, std::string_view source, std::string_view target) {
    const std::optional<ReadNumber> number = read_number(text, source);
    const Separators* into = separators_of(target);
    if (!number || !into) return "";
    // A currency sign alone on one side goes where the target language writes it: before the
    // amount in English ("€25"), after it and a no-break space in French and German ("25 €").
    std::string prefix = number->prefix, suffix = number->suffix;
    const std::string sign(
        is_currency_sign(without_spaces(prefix)) && without_spaces(suffix).empty()   ? without_spaces(prefix)
        : is_currency_sign(without_spaces(suffix)) && without_spaces(prefix).empty() ? without_spaces(suffix)
                                                                                     : std::string_view());
    if (!sign.empty()) {
        prefix = target == "en" ? sign : "";
        suffix = target == "en" ? "" : "\u00A0" + sign;
    }
    if (!number->grouped && number->fraction.empty() && sign.empty()) return "";
    std::string out = prefix;
    const std::string& digits = number->integer;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (number->grouped && i > 0 && (digits.size() - i) % 3 == 0) out += into->group.front();
        out += digits[i];
    }
    if (!number->fraction.empty()) out += std::string(into->decimal) + number->fraction;
    out += suffix;
    return out == text ? "" : out;
}

}  // namespace attentive
