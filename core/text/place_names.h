#pragma once
// Cities and regions that English, French and German write differently ("Lisbon", "Lisbonne",
// "Lissabon"). The models copied such a name as the source wrote it when they did not know it
// ("Mon vol à Lisbon", "in Cologne" -> "in Cologne", "Nous avons visité Copenhagen"), so the
// translator protects it as a place and writes the target language's form itself
// (core/text/protected_spans.h). Names that are also common words or first names ("Nice",
// "Florence", "Milan", "Reading") and names of more than one word are left out.

#include <string>
#include <string_view>

namespace attentive {

// `name` (a city or region as `from` writes it: "en", "fr", "de") as `to` writes it, or "" when
// the table does not hold it or `to` writes it the same way.
std::string place_name(std::string_view name, std::string_view from, std::string_view to);

}  // namespace attentive
