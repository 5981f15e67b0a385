#pragma once
// UTF-8 checks and repairs.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// One step through UTF-8 text: a character, or an ill-formed sequence.
struct Utf8Char {
    char32_t code_point = 0;  // the character; 0 when ill-formed
    std::size_t length = 0;   // bytes: the character's, or its maximal ill-formed subpart's (>= 1)
    bool well_formed = false;
    bool truncated = false;   // ill-formed only because the text ends inside a character
};

// Decodes the character starting at byte `pos` of `text` by Unicode's table of well-formed byte
// sequences (Table 3-7: no overlongs, surrogates or code points above U+10FFFF). An ill-formed
// sequence reports the length of its maximal subpart, the unit Unicode recommends replacing with
// one U+FFFD; callers that step byte by byte through ill-formed text advance by 1 instead.
// Throws std::out_of_range when `pos` is not inside `text`.
Utf8Char decode_utf8_at(std::string_view text, std::size_t pos);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view text);
// `text` with each ill-formed sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);
// Length of the longest prefix of `text` that does not end in the middle of a character: a
// streamed step emits only this much.
std::size_t complete_utf8_prefix(std::string_view text);
// The first byte of the character that ends at byte `end` of `text`: `end` - 1 with UTF-8
// continuation bytes skipped backwards (0 when `end` is 0).
std::size_t utf8_char_start(std::string_view text, std::size_t end);
// Number of code points (ill-formed bytes count one each).
std::size_t utf8_length(std::string_view text);

// Letters as far as names and language profiles go: ASCII letters and every character from
// Latin-1's letters on, except the multiplication and division signs and the punctuation,
// currency and symbol blocks.
bool is_letter(char32_t c);
// '0' to '9', as a code point or a byte of UTF-8 text (a byte of a longer character is none).
constexpr bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
// Capitals of the Latin, Greek and Cyrillic alphabets, and their lowercase forms (other
// characters are returned as they are).
bool is_upper(char32_t c);
char32_t to_lower(char32_t c);
// The capital of a lowercase Latin-1 letter ("é" -> "É"); other characters as they are.
char32_t to_upper(char32_t c);
// `text` with its first character in upper case ("mardi" -> "Mardi", "étage" -> "Étage") or in
// lower case ("J'" -> "j'"), as to_upper() and to_lower() write it.
std::string with_upper_first(std::string_view text);
std::string with_lower_first(std::string_view text);
// The run of letters (is_letter) that starts at byte `begin` of `text`; empty when none does.
std::string_view letters_at(std::string_view text, std::size_t begin = 0);
// A run of letters (is_letter) in a text: its byte offsets and its letters in lower case.
struct LetterRun {
    std::size_t begin = 0, end = 0;
    std::string lower;
};
// The runs of letters of `text`, in order ("J'ai vu" -> j, ai, vu).
std::vector<LetterRun> letter_runs(std::string_view text);
// ASCII letters only ("a"-"z", "A"-"Z"): the scans of English words and of pieces' first bytes.
bool is_ascii_letter(char c);
// An ASCII letter or a byte of a multi-byte UTF-8 character, which the byte scans of words take
// for a letter ("é" in "été", "ß").
bool is_word_byte(char c);
// The word that ends `text`, trailing spaces left out: what follows the last of `separators`
// ("Ich bin in " -> "in"; with " '(" as separators, "jusqu'à " -> "à").
std::string_view last_word(std::string_view text, std::string_view separators = " ");
// `text` with its ASCII capitals in lower case ("In" -> "in"); other bytes as they are.
std::string ascii_lowercase(std::string_view text);
// Appends the UTF-8 bytes of `c`.
void append_utf8(std::string& out, char32_t c);

}  // namespace attentive
