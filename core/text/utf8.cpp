#include "core/text/utf8.h"

#include <cstdint>

namespace attentive {

namespace {

struct Decoded {
    std::size_t length = 0;  // bytes consumed: the character, or the maximal ill-formed subpart
    bool valid = false;
    bool truncated = false;  // ill-formed only because the text ended inside a character
};

// Decodes the sequence starting at `pos` following Unicode's table of well-formed byte sequences
// (Table 3-7). An ill-formed sequence reports the length of its maximal subpart, the unit that
// Unicode recommends replacing with a single U+FFFD.
Decoded decode_at(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    const std::uint8_t lead = byte(pos);
    if (lead < 0x80) return {1, true, false};

    std::size_t needed = 0;
    std::uint8_t second_low = 0x80;
    std::uint8_t second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        needed = 1;
    } else if (lead == 0xE0) {
        needed = 2;
        second_low = 0xA0;  // excludes overlong three-byte forms
    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
        needed = 2;
    } else if (lead == 0xED) {
        needed = 2;
        second_high = 0x9F;  // excludes the surrogates U+D800..U+DFFF
    } else if (lead == 0xF0) {
        needed = 3;
        second_low = 0x90;  // excludes overlong four-byte forms
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        needed = 3;
    } else if (lead == 0xF4) {
        needed = 3;
        second_high = 0x8F;  // excludes code points above U+10FFFF
    } else {
        return {1, false, false};  // a continuation byte, C0, C1 or F5..FF cannot start a character
    }

    std::size_t length = 1;
    for (std::size_t k = 0; k < needed; ++k) {
        const std::size_t i = pos + 1 + k;
        if (i >= text.size()) return {length, false, true};
        const std::uint8_t low = k == 0 ? second_low : std::uint8_t{0x80};
        const std::uint8_t high = k == 0 ? second_high : std::uint8_t{0xBF};
        if (byte(i) < low || byte(i) > high) return {length, false, false};
        ++length;
    }
    return {length, true, false};
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const Decoded decoded = decode_at(text, pos);
        if (!decoded.valid) return false;
        pos += decoded.length;
    }
    return true;
}

std::string sanitize_utf8(std::string_view text) {
    static constexpr std::string_view replacement = "\xEF\xBF\xBD";
    std::string result;
    result.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const Decoded decoded = decode_at(text, pos);
        if (decoded.valid) {
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
        const Decoded decoded = decode_at(text, pos);
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
        const Decoded decoded = decode_at(text, pos);
        pos += decoded.valid ? decoded.length : 1;
        ++count;
    }
    return count;
}

}  // namespace attentive
