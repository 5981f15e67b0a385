#include "core/text/place_names.h"

#include <array>

namespace attentive {

namespace {

struct PlaceName {
    std::string_view en, fr, de;
};

// Each row: one place as each language writes it. Only places written differently in at least
// two of the three languages.
constexpr std::array kPlaces = {
    PlaceName{"Lisbon", "Lisbonne", "Lissabon"},     PlaceName{"Munich", "Munich", "München"},
    PlaceName{"Cologne", "Cologne", "Köln"},          PlaceName{"Vienna", "Vienne", "Wien"},
    PlaceName{"Brussels", "Bruxelles", "Brüssel"},    PlaceName{"Geneva", "Genève", "Genf"},
    PlaceName{"Venice", "Venise", "Venedig"},         PlaceName{"Warsaw", "Varsovie", "Warschau"},
    PlaceName{"Prague", "Prague", "Prag"},            PlaceName{"Copenhagen", "Copenhague", "Kopenhagen"},
    PlaceName{"Nuremberg", "Nuremberg", "Nürnberg"},  PlaceName{"Seville", "Séville", "Sevilla"},
    PlaceName{"London", "Londres", "London"},         PlaceName{"Moscow", "Moscou", "Moskau"},
    PlaceName{"Athens", "Athènes", "Athen"},          PlaceName{"Rome", "Rome", "Rom"},
    PlaceName{"Naples", "Naples", "Neapel"},
    PlaceName{"Genoa", "Gênes", "Genua"},             PlaceName{"Padua", "Padoue", "Padua"},
    PlaceName{"Antwerp", "Anvers", "Antwerpen"},      PlaceName{"Bruges", "Bruges", "Brügge"},
    PlaceName{"Ghent", "Gand", "Gent"},               PlaceName{"Basel", "Bâle", "Basel"},
    PlaceName{"Zurich", "Zurich", "Zürich"},          PlaceName{"Lucerne", "Lucerne", "Luzern"},
    PlaceName{"Strasbourg", "Strasbourg", "Straßburg"}, PlaceName{"Aachen", "Aix-la-Chapelle", "Aachen"},
    PlaceName{"Mainz", "Mayence", "Mainz"},           PlaceName{"Dresden", "Dresde", "Dresden"},
    PlaceName{"Hanover", "Hanovre", "Hannover"},      PlaceName{"Hamburg", "Hambourg", "Hamburg"},
    PlaceName{"Frankfurt", "Francfort", "Frankfurt"}, PlaceName{"Krakow", "Cracovie", "Krakau"},
    PlaceName{"Kraków", "Cracovie", "Krakau"},        PlaceName{"Bucharest", "Bucarest", "Bukarest"},
    PlaceName{"Belgrade", "Belgrade", "Belgrad"},     PlaceName{"Beijing", "Pékin", "Peking"},
    PlaceName{"Kyiv", "Kyiv", "Kiew"},                PlaceName{"Montreal", "Montréal", "Montreal"},
    PlaceName{"Quebec", "Québec", "Quebec"},          PlaceName{"Edinburgh", "Édimbourg", "Edinburgh"},
    PlaceName{"Barcelona", "Barcelone", "Barcelona"}, PlaceName{"Tokyo", "Tokyo", "Tokio"},
    PlaceName{"Gothenburg", "Göteborg", "Göteborg"},  PlaceName{"Dunkirk", "Dunkerque", "Dünkirchen"},
    PlaceName{"Sicily", "Sicile", "Sizilien"},        PlaceName{"Sardinia", "Sardaigne", "Sardinien"},
    PlaceName{"Corsica", "Corse", "Korsika"},         PlaceName{"Tuscany", "Toscane", "Toskana"},
    PlaceName{"Brittany", "Bretagne", "Bretagne"},    PlaceName{"Normandy", "Normandie", "Normandie"},
    PlaceName{"Burgundy", "Bourgogne", "Burgund"},    PlaceName{"Alsace", "Alsace", "Elsass"},
    PlaceName{"Saxony", "Saxe", "Sachsen"},           PlaceName{"Bavaria", "Bavière", "Bayern"},
    PlaceName{"Catalonia", "Catalogne", "Katalonien"}, PlaceName{"Andalusia", "Andalousie", "Andalusien"},
};

std::string_view written_in(const PlaceName& place, std::string_view language) {
    if (language == "en") return place.en;
    if (language == "fr") return place.fr;
    if (language == "de") return place.de;
    return {};
}

}  // namespace

std::string place_name(std::string_view name, std::string_view from, std::string_view to) {
    for (const PlaceName& place : kPlaces) {
        if (written_in(place, from) != name) continue;
        const std::string_view target = written_in(place, to);
        return target.empty() || target == name ? std::string() : std::string(target);
    }
    return {};
}

}  // namespace attentive
