#pragma once
// Decimal numbers and numbers in digit groups, as each language writes them: English "1.5" and
// "25,000", French "1,5" and "25 000", German "1,5" and "25.000". The translator copies numbers
// through unchanged (core/text/protected_spans.h), and a number copied so can read as another
// in the target language: German "25.000" is twenty-five in English, "1.5" a date in German.

#include <optional>
#include <string>
#include <string_view>

namespace attentive {

// A number read the way `language` writes it, with what stands around it in its span ("$",
// "%", "€").
struct ReadNumber {
    std::string prefix;     // before the digits ("$"), may be empty
    std::string integer;    // the digits before the decimal separator, groups joined ("25000")
    std::string fraction;   // the digits after it ("5"), empty for a whole number
    bool grouped = false;   // written in groups of three ("25,000")
    std::string suffix;     // after the digits ("%", " €"), may be empty; never a digit
};

// `text` (a number span) read as `language` ("en", "fr", "de") writes numbers; nullopt when it
// is not one number in that language's way: a date ("1.5.2024"), a time, a phone number, a
// version ("1.2.3"), an English "1,5" or a German "3.14", or another language.
std::optional<ReadNumber> read_number(std::string_view text, std::string_view language);

// `text`, read as `source` writes numbers, written as `target` does ("1.5" en -> "1,5" fr,
// "25 000" fr -> "25,000" en), with a currency sign where the target writes it ("€25" en ->
// "25 €" de, "1.250,50 €" de -> "€1,250.50" en); "" when it has no decimal part, digit groups
// or currency sign, reads the same in both, or either language is not en, fr or de. French
// groups and the space before a sign are no-break spaces, so that a line never breaks inside
// an amount.
std::string number_written_in(std::string_view text, std::string_view source, std::string_view target);

}  // namespace attentive
