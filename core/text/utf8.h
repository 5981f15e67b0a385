#pragma once
// UTF-8 checks and repairs.

#include <cstddef>
#include <string>
#include <string_view>

namespace attentive {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view text);
// `text` with each ill-formed sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);
// Length of the longest prefix of `text` that does not end in the middle of a character: a
// streamed step emits only this much.
std::size_t complete_utf8_prefix(std::string_view text);
// Number of code points (ill-formed bytes count one each).
std::size_t utf8_length(std::string_view text);

}  // namespace attentive
