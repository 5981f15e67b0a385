#pragma once
// Ranges of numbers: "3 to 5 working days", "2 bis 3 Wochen", "10 à 15 chaises", "20-30 minutes".
// The models garbled them in every direction: "within 3 to 5 working days" -> "in 3 Tagen um 5
// Arbeitsarbeiten", "2 to 3 weeks" -> "2 3 Wochen", "Der Kurs dauert 2 bis 3 Wochen." -> "The
// class takes 2 until 3 weeks.", "It takes 20-30 minutes." -> "Es dauert 20-30.". The translator
// protects a range as one count (core/text/protected_spans.h), which the models read as a plain
// number, and writes it with the target language's word for "to".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

struct NumberRange {
    std::size_t begin = 0;   // byte offset of its first number
    std::size_t length = 0;  // bytes, both numbers and the word between
    std::string text;        // as written: "3 to 5"
};

// The ranges of `sentence` in `language` ("en", "fr", "de"; none for another), in order: two
// whole numbers, the first the smaller, joined by the word for "to" ("3 to 5", "3 bis 5", "3 à
// 5"). Not after "from", "von", "de" ("from 9 to 17": times and years, which the models read
// right).
std::vector<NumberRange> find_number_ranges(std::string_view sentence, std::string_view language);

// Whether `text` is a range of two whole numbers, the first the smaller, joined by the word for
// "to" of `language` or by a hyphen or dash ("20-30", "20–30").
bool is_number_range(std::string_view text, std::string_view language);

// `range` ("3 to 5", in `source_language`) in `language`'s words: "3 to 5", "3 bis 5", "3 à 5";
// "" for another language.
std::string write_number_range(std::string_view range, std::string_view source_language, std::string_view language);

}  // namespace attentive
