#include "core/text/number_markers.h"

#include "core/text/utf8.h"

namespace attentive {

namespace {

// The markers of `language`, longest first where one starts another.
const std::vector<std::string_view>& markers(std::string_view language) {
    static const std::vector<std::string_view> english = {"no.", "No.", "NO."};
    static const std::vector<std::string_view> french = {"n°", "nº", "N°", "Nº"};
    static const std::vector<std::string_view> german = {"Nr.", "Nr"};
    static const std::vector<std::string_view> none;
    return language == "en" ? english : language == "fr" ? french : language == "de" ? german : none;
}

// The end of the number that starts at `at` (digits, then letters, digits, "-" or "/" that
// hold on to them), or `at` when no digit starts there.
std::size_t number_end(std::string_view sentence, std::size_t at) {
    if (at >= sentence.size() || !is_ascii_digit(sentence[at])) return at;
    std::size_t end = at;
    while (end < sentence.size()) {
        const char c = sentence[end];
        if (is_ascii_digit(c) || is_word_byte(c)) {
            ++end;
        } else if ((c == '-' || c == '/') && end + 1 < sentence.size() &&
                   (is_ascii_digit(sentence[end + 1]) || is_word_byte(sentence[end + 1]))) {
            ++end;
        } else {
            break;
        }
    }
    return end;
}

}  // namespace

std::vector<MarkedNumber> find_marked_numbers(std::string_view sentence, std::string_view language) {
    std::vector<MarkedNumber> found;
    for (std::size_t at = 0; at < sentence.size(); ++at) {
        // A marker starts a word.
        if (at > 0 && (is_word_byte(sentence[at - 1]) || is_ascii_digit(sentence[at - 1]))) continue;
        for (const std::string_view marker : markers(language)) {
            if (sentence.substr(at, marker.size()) != marker) continue;
            std::size_t digits = at + marker.size();
            while (digits < sentence.size() && sentence[digits] == ' ') ++digits;
            // "Nr" without its stop is followed by a space ("Nr 12").
            if (marker == "Nr" && digits == at + marker.size()) break;
            const std::size_t end = number_end(sentence, digits);
            if (end == digits) break;
            found.push_back({at, end - at, std::string(sentence.substr(digits, end - digits))});
            at = end - 1;
            break;
        }
    }
    return found;
}

std::string write_marked_number(const MarkedNumber& number, std::string_view language) {
    if (language == "en") return "no. " + number.number;
    if (language == "fr") return "n° " + number.number;
    if (language == "de") return "Nr. " + number.number;
    return {};
}

}  // namespace attentive
