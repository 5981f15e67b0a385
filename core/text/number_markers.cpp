#include "core/text/number_markers.h"

#include "core/text/utf8.h"

#include <algorithm>
#include <string>

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

// Nouns that label a number, one row per meaning: the word each language writes, and the words a
// source in that language is read with. German "Platz 3" is as often a rank as a seat, and
// English "table 4" a table of figures: neither is read.
struct Label {
    std::string_view english;
    std::string_view german;
    std::vector<std::string_view> english_read;
    std::vector<std::string_view> german_read;
};

const std::vector<Label>& labels() {
    static const std::vector<Label> table = {
        {"platform", "Gleis", {"platform"}, {"Gleis", "Bahnsteig"}},
        {"gate", "Gate", {"gate"}, {"Gate", "Flugsteig"}},
        {"room", "Zimmer", {"room"}, {"Zimmer", "Raum"}},
        {"counter", "Schalter", {"counter"}, {"Schalter"}},
        {"seat", "Platz", {"seat"}, {"Sitz", "Sitzplatz"}},
        {"terminal", "Terminal", {"terminal"}, {"Terminal"}},
        {"page", "Seite", {"page"}, {"Seite"}},
        {"chapter", "Kapitel", {"chapter"}, {"Kapitel"}},
        {"hall", "Halle", {"hall"}, {"Halle"}},
    };
    return table;
}

// The row of the label `word` in `language`, or -1. English labels are read with or without a
// capital ("Room 12"); German ones with their capital only, as nouns are written.
int label_row(std::string_view word, std::string_view language) {
    const std::vector<Label>& table = labels();
    const std::string lower = ascii_lowercase(word);
    for (std::size_t row = 0; row < table.size(); ++row) {
        const std::vector<std::string_view>& read = language == "de" ? table[row].german_read : table[row].english_read;
        const std::string_view key = language == "de" ? word : std::string_view(lower);
        if (std::find(read.begin(), read.end(), key) != read.end()) return static_cast<int>(row);
    }
    return -1;
}

}  // namespace

std::vector<MarkedNumber> find_labelled_numbers(std::string_view sentence, std::string_view source_language,
                                                std::string_view target_language) {
    const auto labelled_language = [](std::string_view language) { return language == "en" || language == "de"; };
    if (!labelled_language(source_language) || !labelled_language(target_language) || source_language == target_language)
        return {};
    std::vector<MarkedNumber> found;
    for (const LetterRun& run : letter_runs(sentence)) {
        const bool in_last = !found.empty() && run.begin < found.back().begin + found.back().length;  // "A" of "A12"
        if (in_last || (run.begin > 0 && is_ascii_digit(sentence[run.begin - 1]))) continue;
        const int row = label_row(sentence.substr(run.begin, run.end - run.begin), source_language);
        // One space, then digits, or a capital and digits ("gate B22").
        const std::size_t digits = run.end + 1;
        if (row < 0 || digits >= sentence.size() || sentence[run.end] != ' ') continue;
        const std::size_t first_digit = (sentence[digits] >= 'A' && sentence[digits] <= 'Z') ? digits + 1 : digits;
        const std::size_t number = number_end(sentence, first_digit);
        if (number > first_digit)
            found.push_back({run.begin, number - run.begin, std::string(sentence.substr(digits, number - digits)), row});
    }
    return found;
}

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
    if (number.label >= 0 && static_cast<std::size_t>(number.label) < labels().size()) {
        const Label& label = labels()[static_cast<std::size_t>(number.label)];
        if (language == "en") return std::string(label.english) + " " + number.number;
        if (language == "de") return std::string(label.german) + " " + number.number;
        return {};
    }
    if (language == "en") return "no. " + number.number;
    if (language == "fr") return "n° " + number.number;
    if (language == "de") return "Nr. " + number.number;
    return {};
}

}  // namespace attentive
