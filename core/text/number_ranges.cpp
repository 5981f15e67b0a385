#include "core/text/number_ranges.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/text/utf8.h"

namespace attentive {

namespace {

// The word for "to" between the numbers of a range in `language`, or "".
std::string_view range_word(std::string_view language) {
    return language == "en" ? " to " : language == "de" ? " bis " : language == "fr" ? " à " : "";
}

// The two whole numbers of a range `text` joined by `joint`, when the first is the smaller.
std::optional<std::pair<std::string_view, std::string_view>> range_ends(std::string_view text, std::string_view joint) {
    const std::size_t at = joint.empty() ? std::string_view::npos : text.find(joint);
    if (at == std::string_view::npos) return std::nullopt;
    const std::string_view low = text.substr(0, at), high = text.substr(at + joint.size());
    const auto whole = [](std::string_view digits) {
        return !digits.empty() && digits.size() <= 6 && std::all_of(digits.begin(), digits.end(), is_ascii_digit);
    };
    if (!whole(low) || !whole(high) || std::stol(std::string(low)) >= std::stol(std::string(high))) return std::nullopt;
    return std::pair(low, high);
}

}  // namespace

std::vector<NumberRange> find_number_ranges(std::string_view sentence, std::string_view language) {
    const std::string_view joint = range_word(language);
    std::vector<NumberRange> found;
    if (joint.empty()) return found;
    for (std::size_t at = 0; at < sentence.size(); ++at) {
        // Digits that start a token ("3", not "a3" or "2.5").
        if (!is_ascii_digit(sentence[at]) || (at > 0 && sentence[at - 1] != ' ' && sentence[at - 1] != '(')) continue;
        std::size_t end = at;
        while (end < sentence.size() && is_ascii_digit(sentence[end])) ++end;
        if (sentence.substr(end, joint.size()) != joint) {
            at = end;
            continue;
        }
        std::size_t high = end + joint.size();
        while (high < sentence.size() && is_ascii_digit(sentence[high])) ++high;
        // The second number ends its token: "3 to 5", "3 to 5,", not "3 to 5.5" or "3 to 5:30".
        const bool ends = high == sentence.size() || sentence[high] == ' ' ||
                          ((sentence[high] == ',' || sentence[high] == '.' || sentence[high] == ')') &&
                           (high + 1 == sentence.size() || !is_ascii_digit(sentence[high + 1])));
        const std::string_view range = sentence.substr(at, high - at);
        // "from 9 to 17", "von 9 bis 17", "de 9 à 17" are times or years, which the models read
        // right ("Das Museum ist von 9 bis 17 geöffnet."; as one count it lost "geöffnet").
        const std::string before = ascii_lowercase(last_word(sentence.substr(0, at)));
        const bool from = before == "from" || before == "von" || before == "de" || before == "du";
        if (ends && !from && range_ends(range, joint)) {
            found.push_back({at, range.size(), std::string(range)});
            at = high;
        } else {
            at = end;
        }
    }
    return found;
}

bool is_number_range(std::string_view text, std::string_view language) {
    return range_ends(text, range_word(language)) || range_ends(text, "-") || range_ends(text, "\u2013");
}

std::string write_number_range(std::string_view range, std::string_view source_language, std::string_view language) {
    const auto ends = range_ends(range, range_word(source_language));
    if (!ends || range_word(language).empty()) return {};
    return std::string(ends->first) + std::string(range_word(language)) + std::string(ends->second);
}

}  // namespace attentive
