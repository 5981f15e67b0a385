#pragma once
// Units of measure after a number: "200 metres", "5 km", "two litres", "165 Zentimeter", "un
// litre". The models knew few of them and made other words of the rest, some of them other
// units: "200 metres" -> "200 rencontrés" and "200 begegneter" (met), "4 kg" -> "4 kansas",
// "165 centimètres" -> "165 hundreds", "165 Zentimeter" -> "165 inches", "3 Kilometer" -> "3
// miles", "un litre de lait" -> "a milk bed". The translator protects each unit as a span
// (core/text/protected_spans.h): the model reads a unit it translates reliably ("meters") in
// its place, and the unit comes back as the target language writes it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

enum class Unit { millimetre, centimetre, metre, kilometre, gram, kilogram, kilo, millilitre, litre, mile };

struct WrittenUnit {
    std::size_t begin = 0;   // byte offset of the unit (not of its number)
    std::size_t length = 0;  // bytes
    Unit unit = Unit::metre;
    bool abbreviated = false;  // "km", "kg": every language writes the same symbol
    // The number before it: 1 or "a", "one", "un", "ein" (one); below 2 ("1,5") or more.
    double amount = 0.0;
};

// The units of `sentence` in `language` ("en", "fr", "de"; none for another) that follow a
// number: digits ("200", "1,5", "2.5"), a number in words ("two", "vingt", "zwölf"), or one
// ("a", "un", "einen"). English spells "metres" and "meters" alike; symbols ("km", "kg", "cm",
// "ml") are read after digits only.
std::vector<WrittenUnit> find_units(std::string_view sentence, std::string_view language);

// `unit` as `language` writes it after its number: the symbol when the source wrote one, else
// the word in the number it takes (English singular for one, French for less than two: "1,5
// litre"; German nouns capitalised: "Kilometer", "Meilen"). "" for another language.
std::string write_unit(const WrittenUnit& unit, std::string_view language);

// Whether the unit takes the singular in `language`: one, or in French less than two.
bool unit_is_singular(const WrittenUnit& unit, std::string_view language);

}  // namespace attentive
