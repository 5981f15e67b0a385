#pragma once
// Street names, which an address keeps in its own language: "Baker Street", "Park Avenue",
// "rue de la Paix", "avenue Victor Hugo", "Bahnhofstraße 14". Their words are words the models
// know, so they translated them: "14 Baker Street" -> "14 Baseballschläger", "Church Road" ->
// "l'ordre de Box Bal", "rue de la Paix" -> "street of Paix", "in der Bahnhofstraße 14" -> "14 at
// the train station". The translator protects each as a name (core/text/protected_spans.h), so
// that it is copied.

#include <cstddef>
#include <string_view>
#include <vector>

namespace attentive {

struct StreetName {
    std::size_t begin = 0;   // byte offset in the sentence
    std::size_t length = 0;  // bytes
};

// The street names of `sentence` in `language` ("en", "fr", "de"; none for another), in order:
// English capitalised words before a capitalised street word ("Baker Street", "Main St",
// "Park Avenue", "Church Road"); French a street word before capitalised words, with the
// particles between ("rue de la Paix", "place de la Concorde", "boulevard Saint-Michel");
// German one word ending in "straße", "strasse", "gasse" or "allee" before a house number or
// after "in der", "an der" ("Bahnhofstraße 14", "in der Goethestraße").
std::vector<StreetName> find_street_names(std::string_view sentence, std::string_view language);

}  // namespace attentive
