#pragma once
// A number after the word that marks it as one: English "no. 4521", French "n° 4521", German
// "Nr. 4521" ("invoice no. 4521", "la facture n° 4521", "Rechnung Nr. 4521"). The models read
// English "No." as the negation ("The reference is No. 77." -> "Die Austeilung ist nicht 77.",
// "Please pay invoice no. 4521 by Friday." -> "Bitte zahlen Sie nicht 4521 am Freitag.") and
// dropped the others ("the bill 4521"). The translator protects marker and number as one number
// span (core/text/protected_spans.h), which the model reads as a plain number, and writes the
// marker as the target language does.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

struct MarkedNumber {
    std::size_t begin = 0;   // byte offset of the marker
    std::size_t length = 0;  // bytes, marker and number
    std::string number;      // as written: "4521", "12-B"
};

// The marked numbers of `sentence` in `language` ("en", "fr", "de"; none for another), in order:
// English "no." or "No." (with its stop: "no 5" is "no five"), French "n°", "nº", "N°", "Nº",
// German "Nr." or "Nr", each before digits (a space between or not), which may hold a letter or
// a "-" or "/" inside or after them ("12-B", "4521/2023").
std::vector<MarkedNumber> find_marked_numbers(std::string_view sentence, std::string_view language);

// `number` with the marker of `language`: "no. 4521", "n° 4521", "Nr. 4521"; "" for another.
std::string write_marked_number(const MarkedNumber& number, std::string_view language);

}  // namespace attentive
