#include "core/text/span_markers.h"

namespace attentive {

const std::vector<std::string>& noun_markers(std::string_view language) {
    static const std::vector<std::string> german = {
        "der",    "die",    "den",    "dem",    "des",    "ein",     "eine",    "einen",   "einem",
        "einer",  "eines",  "kein",   "keine",  "keinen", "keinem",  "keiner",  "keines",  "mein",
        "meine",  "meinen", "meinem", "meiner", "meines", "dein",    "deine",   "deinen",  "deinem",
        "deiner", "deines", "sein",   "seine",  "seinen", "seinem",  "seiner",  "seines",  "ihre",
        "ihren",  "ihrem",  "ihrer",  "ihres",  "unser",  "unsere",  "unseren", "unserem", "unserer",
        "unseres", "eure",  "euren",  "eurem",  "eurer",  "eures",   "dieser",  "diese",   "diesen",
        "diesem", "dieses", "jeder",  "jede",   "jeden",  "jedem",   "jedes",   "welcher", "welche",
        "welchen", "welchem", "welches", "im",  "am",     "zum",     "zur",     "vom",     "beim",
        "ins",    "ans",    "ums",    "aufs",   "fürs",   "übers"};
    static const std::vector<std::string> none;
    return language == "de" ? german : none;
}

const std::vector<std::string>& place_markers(std::string_view language) {
    static const std::vector<std::string> german = {"nach"};
    static const std::vector<std::string> none;
    return language == "de" ? german : none;
}

}  // namespace attentive
