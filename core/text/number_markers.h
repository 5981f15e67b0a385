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
    int label = -1;          // for a labelled number, its noun's row in the table of labels
};

// The marked numbers of `sentence` in `language` ("en", "fr", "de"; none for another), in order:
// English "no." or "No." (with its stop: "no 5" is "no five"), French "n°", "nº", "N°", "Nº",
// German "Nr." or "Nr", each before digits (a space between or not), which may hold a letter or
// a "-" or "/" inside or after them ("12-B", "4521/2023").
std::vector<MarkedNumber> find_marked_numbers(std::string_view sentence, std::string_view language);

// The numbers of `sentence` after a noun that labels them, in order: "platform 7", "Gleis 7",
// "room 12", "gate B22", "Schalter 3", "page 5", "Kapitel 3" (en and de; none for another, and
// none into a language other than en or de). The models read the noun and number as a time or
// dropped the noun: de-en "Der Zug fährt von Gleis 7 ab." -> "The train to Hamburg goes off 7
// o'clock.", en-de "Please go to counter 3." -> "Bitte gehen Sie 3 an."; read as a plain number
// they keep the sentence ("Bitte gehen Sie nach 3."), and the noun is written by the table. Not
// into French, whose models read a bare number as an hour ("à 12 heures"). Other nouns, and the
// pairs with French, are left to Translator::Impl::retry_lost_count_nouns, which decodes again
// with other count words when the noun is lost (it kept 9 of 33 such numbers in
// scripts/data/labelled-numbers.tsv, the table 31).
std::vector<MarkedNumber> find_labelled_numbers(std::string_view sentence, std::string_view source_language,
                                                std::string_view target_language);

// `number` with the marker of `language`: "no. 4521", "n° 4521", "Nr. 4521"; a labelled number
// with its noun in `language` ("Gleis 7"); "" for another language.
std::string write_marked_number(const MarkedNumber& number, std::string_view language);

}  // namespace attentive
