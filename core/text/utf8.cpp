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

}  // namespace attentive
