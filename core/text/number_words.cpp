#include "core/text/number_words.h"

namespace attentive {

const std::vector<std::string>& count_words(std::string_view language) {
    static const std::vector<std::string> english = {"two", "three", "four", "five", "six", "seven",
                                                     "eight", "nine", "ten", "eleven", "twelve", "twenty"};
    static const std::vector<std::string> french = {"deux", "trois", "quatre", "cinq", "six", "sept",
                                                    "huit", "neuf", "dix", "onze", "douze", "vingt"};
    static const std::vector<std::string> german = {"zwei", "drei", "vier", "fünf", "sechs", "sieben",
                                                    "acht", "neun", "zehn", "elf", "zwölf", "zwanzig"};
    static const std::vector<std::string> none;
    if (language == "en") return english;
    if (language == "fr") return french;
    if (language == "de") return german;
    return none;
}

}  // namespace attentive
