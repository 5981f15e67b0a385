#include "core/text/utf8.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace attentive {

Utf8Char decode_utf8_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) {
        throw std::out_of_range("decode_utf8_at: position " + std::to_string(pos) +
                                " is past the end of a text of " + std::to_string(text.size()) +
                                " bytes");
    }
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    const std::uint8_t lead = byte(pos);
    if (lead < 0x80) return {lead, 1, true, false};

    std::size_t needed = 0;
    char32_t value = 0;
    std::uint8_t second_low = 0x80;
    std::uint8_t second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        needed = 1;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        needed = 2;
        value = lead & 0x0F;
        if (lead == 0xE0) second_low = 0xA0;   // excludes overlong three-byte forms
        if (lead == 0xED) second_high = 0x9F;  // excludes the surrogates U+D800..U+DFFF
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        needed = 3;
        value = lead & 0x07;
        if (lead == 0xF0) second_low = 0x90;   // excludes overlong four-byte forms
        if (lead == 0xF4) second_high = 0x8F;  // excludes code points above U+10FFFF
    } else {
        return {0, 1, false, false};  // a continuation byte, C0, C1 or F5..FF cannot start a character
    }

    std::size_t length = 1;
    for (std::size_t k = 0; k < needed; ++k) {
        const std::size_t i = pos + 1 + k;
        if (i >= text.size()) return {0, length, false, true};
        const std::uint8_t low = k == 0 ? second_low : std::uint8_t{0x80};
        const std::uint8_t high = k == 0 ? second_high : std::uint8_t{0xBF};
        if (byte(i) < low || byte(i) > high) return {0, length, false, false};
        value = (value << 6) | (byte(i) & 0x3F);
        ++length;
    }
    return {value, length, true, false};
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char decoded = decode_utf8_at(text, pos);
        if (!decoded.well_formed) return false;
        pos += decoded.length;
    }
    return true;
}

std::string sanitize_utf8(std::string_view text) {
    static constexpr std::string_view replacement = "\xEF\xBF\xBD";
    std::string result;
    result.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char decoded = decode_utf8_at(text, pos);
        if (decoded.well_formed) {
            result.append(text.substr(pos, decoded.length));
        } else {
            result.append(replacement);
        }
        pos += decoded.length;
    }
    return result;
}

std::size_t utf8_char_start(std::string_view text, std::size_t end) {
    if (end == 0) return 0;
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    return start;
}

std::size_t complete_utf8_prefix(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char decoded = decode_utf8_at(text, pos);
        // Only a sequence cut off by the end of the text may still become a character; any
        // other ill-formed bytes are final and can be emitted (and later replaced) as they are.
        if (decoded.truncated) return pos;
        pos += decoded.length;
    }
    return text.size();
}

std::size_t utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char decoded = decode_utf8_at(text, pos);
        pos += decoded.well_formed ? decoded.length : 1;
        ++count;
    }
    return count;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_word_byte(char c) { return is_ascii_letter(c) || static_cast<unsigned char>(c) >= 0x80; }

std::string ascii_lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_letter(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c <= 0x2BFF) return false;
    if (c >= 0x3000 && c <= 0x303F) return false;
    return c != 0xFFFD;
}

namespace {

// Latin Extended-A (U+0100-U+017F: Polish, Czech, Hungarian, Turkish ... letters) sets each
// capital beside its small letter, the capital first, except that U+0139-U+0148 ("Ł", "Ń") and
// U+0179-U+017E ("Ź", "Ż", "Ž") are shifted by one: there the capital is odd. U+0138, U+0149
// and U+017F are small letters without a capital beside them; U+0178 ("Ÿ") is the capital of
// U+00FF. Reading every even code point as a capital made "Łukasz" and "Žižek" small and "ž"
// a capital, so such names were not protected.
bool extended_a_capital(char32_t c) {
    if (c == 0x138 || c == 0x149 || c == 0x17F) return false;
    if (c == 0x178) return true;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1;
    return c % 2 == 0;
}

bool extended_a_small(char32_t c) {
    return c >= 0x100 && c <= 0x17F && !extended_a_capital(c) && c != 0x138 && c != 0x149 && c != 0x17F;
}

}  // namespace

bool is_upper(char32_t c) {
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
    if (c >= 0x100 && c <= 0x17F) return extended_a_capital(c);
    if (c >= 0x391 && c <= 0x3A9) return true;
    return c >= 0x400 && c <= 0x42F;
}

char32_t to_lower(char32_t c) {
    if (!is_upper(c)) return c;
    if (c == 0x178) return 0xFF;   // Ÿ
    if (c == 0x130) return 'i';    // İ
    if (c < 0x80 || c <= 0xDE || (c >= 0x391 && c <= 0x3A9) || c >= 0x410) return c + 32;
    if (c < 0x180) return c + 1;
    return c + 80;  // U+0400..U+040F
}

char32_t to_upper(char32_t c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if (c == 0xFF) return 0x178;  // ÿ
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0x131) return 'I';  // ı
    if (extended_a_small(c)) return c - 1;
    return c;
}

namespace {

std::string with_first(std::string_view text, char32_t (*convert)(char32_t)) {
    if (text.empty()) return {};
    const Utf8Char first = decode_utf8_at(text, 0);
    if (!first.well_formed) return std::string(text);
    std::string out;
    append_utf8(out, convert(first.code_point));
    out += text.substr(first.length);
    return out;
}

}  // namespace

std::string_view letters_at(std::string_view text, std::size_t begin) {
    std::size_t end = begin;
    while (end < text.size()) {
        const Utf8Char c = decode_utf8_at(text, end);
        if (!c.well_formed || !is_letter(c.code_point)) break;
        end += c.length;
    }
    return text.substr(begin, end - begin);
}

std::vector<LetterRun> letter_runs(std::string_view text) {
    std::vector<LetterRun> runs;
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Char c = decode_utf8_at(text, at);
        if (!c.well_formed || !is_letter(c.code_point)) {
            at += c.length;
            continue;
        }
        LetterRun run{at, at, {}};
        while (at < text.size()) {
            const Utf8Char d = decode_utf8_at(text, at);
            if (!d.well_formed || !is_letter(d.code_point)) break;
            append_utf8(run.lower, to_lower(d.code_point));
            at += d.length;
        }
        run.end = at;
        runs.push_back(std::move(run));
    }
    return runs;
}

std::string_view last_word(std::string_view text, std::string_view separators) {
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    const std::size_t start = text.find_last_of(separators);
    return text.substr(start == std::string_view::npos ? 0 : start + 1);
}

std::string with_upper_first(std::string_view text) { return with_first(text, to_upper); }
std::string with_lower_first(std::string_view text) { return with_first(text, to_lower); }

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace attentive
