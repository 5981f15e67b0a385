#include "core/text/units.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "core/text/number_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// How each language names a unit: singular, plural, and English's other spelling.
struct UnitNames {
    Unit unit;
    std::string_view symbol;  // "" for none
    std::string_view english, english_plural, american, american_plural;
    std::string_view french, french_plural;
    std::string_view german, german_plural;
};

constexpr std::array<UnitNames, 10> kUnits = {{
    {Unit::millimetre, "mm", "millimetre", "millimetres", "millimeter", "millimeters", "millimètre", "millimètres",
     "Millimeter", "Millimeter"},
    {Unit::centimetre, "cm", "centimetre", "centimetres", "centimeter", "centimeters", "centimètre", "centimètres",
     "Zentimeter", "Zentimeter"},
    {Unit::metre, "m", "metre", "metres", "meter", "meters", "mètre", "mètres", "Meter", "Meter"},
    {Unit::kilometre, "km", "kilometre", "kilometres", "kilometer", "kilometers", "kilomètre", "kilomètres",
     "Kilometer", "Kilometer"},
    {Unit::gram, "g", "gramme", "grammes", "gram", "grams", "gramme", "grammes", "Gramm", "Gramm"},
    {Unit::kilogram, "kg", "kilogramme", "kilogrammes", "kilogram", "kilograms", "kilogramme", "kilogrammes",
     "Kilogramm", "Kilogramm"},
    {Unit::kilo, "", "kilo", "kilos", "kilo", "kilos", "kilo", "kilos", "Kilo", "Kilo"},
    {Unit::millilitre, "ml", "millilitre", "millilitres", "milliliter", "milliliters", "millilitre", "millilitres",
     "Milliliter", "Milliliter"},
    {Unit::litre, "l", "litre", "litres", "liter", "liters", "litre", "litres", "Liter", "Liter"},
    {Unit::mile, "", "mile", "miles", "mile", "miles", "mile", "miles", "Meile", "Meilen"},
}};

// The unit a lowercase word names in `language`, written out (abbreviated false) or as its
// symbol; nullptr for none.
const UnitNames* unit_named(std::string_view lower, std::string_view language, bool& abbreviated) {
    for (const UnitNames& names : kUnits) {
        abbreviated = !names.symbol.empty() && lower == names.symbol;
        if (abbreviated) return &names;
        if (language == "en" && (lower == names.english || lower == names.english_plural || lower == names.american ||
                                 lower == names.american_plural))
            return &names;
        if (language == "fr" && (lower == names.french || lower == names.french_plural)) return &names;
        if (language == "de" && (lower == ascii_lowercase(names.german) || lower == ascii_lowercase(names.german_plural)))
            return &names;
    }
    return nullptr;
}

// The amount digits say, ending at `end` ("200", "1,5", "2.5", "1,000"); -1 when the text before
// `end` is not digits. A comma before three digits groups thousands; otherwise it is a decimal.
double digits_before(std::string_view text, std::size_t end) {
    std::size_t begin = end;
    while (begin > 0 && (is_ascii_digit(text[begin - 1]) || text[begin - 1] == '.' || text[begin - 1] == ',')) --begin;
    while (begin < end && !is_ascii_digit(text[begin])) ++begin;
    if (begin == end || !is_ascii_digit(text[end - 1])) return -1.0;
    if (begin > 0 && is_word_byte(text[begin - 1])) return -1.0;  // "COVID-19", "A4"
    std::string number(text.substr(begin, end - begin));
    const std::size_t comma = number.rfind(',');
    if (comma != std::string::npos && number.size() - comma - 1 == 3) number.erase(comma, 1);
    std::replace(number.begin(), number.end(), ',', '.');
    return std::strtod(number.c_str(), nullptr);
}

// The amount a number word says ("two", "vingt", "zwölf", "a", "un", "einen"); -1 for another word.
double word_amount(std::string_view lower, std::string_view language) {
    static constexpr std::array<std::string_view, 10> ones = {"a",   "an",   "one",   "un",    "une",
                                                              "ein", "eine", "einen", "einem", "einer"};
    if (std::find(ones.begin(), ones.end(), lower) != ones.end()) {
        const bool own = language == "en" ? lower == "a" || lower == "an" || lower == "one"
                         : language == "fr" ? lower == "un" || lower == "une"
                                            : lower.starts_with("ein");
        return own ? 1.0 : -1.0;
    }
    for (int value = 2; value <= kLastSpelledNumber; ++value)
        if (lower == ascii_lowercase(spelled_number(value, language))) return value;
    return -1.0;
}

}  // namespace

std::vector<WrittenUnit> find_units(std::string_view sentence, std::string_view language) {
    std::vector<WrittenUnit> units;
    if (language != "en" && language != "fr" && language != "de") return units;
    const std::vector<LetterRun> runs = letter_runs(sentence);
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const LetterRun& run = runs[r];
        bool abbreviated = false;
        const UnitNames* names = unit_named(run.lower, language, abbreviated);
        // One space before it, and nothing that makes it part of a longer word after it ("km/h",
        // "l'eau", "mètre-ruban").
        if (!names || run.begin < 2 || sentence[run.begin - 1] != ' ') continue;
        if (run.end < sentence.size() && std::string_view("-'/").find(sentence[run.end]) != std::string_view::npos)
            continue;
        // A symbol keeps its case ("5 km", "2 L", not "5 KM") and follows digits only.
        const std::string_view written = sentence.substr(run.begin, run.end - run.begin);
        if (abbreviated && written != names->symbol && written != "L") continue;
        double amount = digits_before(sentence, run.begin - 1);
        if (amount < 0.0 && !abbreviated && r > 0 && runs[r - 1].end == run.begin - 1)
            amount = word_amount(runs[r - 1].lower, language);
        if (amount < 0.0) continue;
        units.push_back({run.begin, run.end - run.begin, names->unit, abbreviated, amount});
    }
    return units;
}

bool unit_is_singular(const WrittenUnit& unit, std::string_view language) {
    return language == "fr" ? unit.amount < 2.0 : unit.amount == 1.0;
}

std::string write_unit(const WrittenUnit& unit, std::string_view language) {
    if (language != "en" && language != "fr" && language != "de") return {};
    const auto names = std::find_if(kUnits.begin(), kUnits.end(), [&](const UnitNames& n) { return n.unit == unit.unit; });
    if (unit.abbreviated && !names->symbol.empty()) return std::string(names->symbol);
    const bool one = unit_is_singular(unit, language);
    // English as the models write it: the training targets spell "meters" 19 times, "metres" never.
    if (language == "en") return std::string(one ? names->american : names->american_plural);
    if (language == "fr") return std::string(one ? names->french : names->french_plural);
    return std::string(one ? names->german : names->german_plural);
}

}  // namespace attentive
