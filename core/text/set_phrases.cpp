#include "core/text/set_phrases.h"

#include <algorithm>
#include <array>

#include "core/text/languages.h"
#include "core/text/number_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// A set phrase as one language writes it, lowercase (but for a German noun's capital).
struct Pattern {
    std::string text;
    SetPhraseKind kind;
    int value;
    bool number_in_words;
};

// The words a fraction of something is followed by ("three quarters of", "un tiers des", "drei
// Viertel der"): without one, "a quarter" may be a coin or a district, "ein Viertel" a glass.
bool fraction_follows(std::string_view rest, std::string_view language) {
    static constexpr std::array<std::string_view, 1> english = {"of "};
    static constexpr std::array<std::string_view, 5> french = {"de ", "du ", "des ", "d'", "d\u2019"};
    static constexpr std::array<std::string_view, 9> german = {"der ", "des ", "von ", "aller ", "meiner ",
                                                               "unserer ", "seiner ", "ihrer ", "dieser "};
    const auto starts = [&](const auto& words) {
        return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return rest.starts_with(w); });
    };
    return language == "en" ? starts(english) : language == "fr" ? starts(french) : starts(german);
}

constexpr int kMaxHalfHours = 12;    // "twelve and a half hours"
constexpr int kMaxDegreeWords = 40;  // "minus forty degrees"
constexpr int kMaxDegreeDigits = 80;

std::string german_hours(int minutes) {
    if (minutes == 90) return "anderthalb Stunden";
    return spelled_number(minutes / 60, "de") + "einhalb Stunden";
}

// Every pattern of `language`, longest first, so that "two and a half hours" is read before a
// shorter one inside it.
std::vector<Pattern> build_patterns(std::string_view language) {
    std::vector<Pattern> all;
    const auto add = [&](std::string text, SetPhraseKind kind, int value, bool words = false) {
        all.push_back({std::move(text), kind, value, words});
    };
    if (language == "en") {
        add("the day after tomorrow", SetPhraseKind::day, 2);
        add("the day before yesterday", SetPhraseKind::day, -2);
        add("half an hour", SetPhraseKind::duration, 30);
        add("a half hour", SetPhraseKind::duration, 30);
        add("a quarter of an hour", SetPhraseKind::duration, 15);
        add("quarter of an hour", SetPhraseKind::duration, 15);
        add("three quarters of an hour", SetPhraseKind::duration, 45);
        add("an hour and a half", SetPhraseKind::duration, 90);
        add("one and a half hours", SetPhraseKind::duration, 90);
        add("1.5 hours", SetPhraseKind::duration, 90);
        for (int n = 2; n <= kMaxHalfHours; ++n) {
            add(spelled_number(n, "en") + " and a half hours", SetPhraseKind::duration, n * 60 + 30);
            add(std::to_string(n) + " and a half hours", SetPhraseKind::duration, n * 60 + 30);
            add(std::to_string(n) + ".5 hours", SetPhraseKind::duration, n * 60 + 30);
        }
        add("a third", SetPhraseKind::fraction, 13);
        add("one third", SetPhraseKind::fraction, 13);
        add("two thirds", SetPhraseKind::fraction, 23);
        add("a quarter", SetPhraseKind::fraction, 14);
        add("one quarter", SetPhraseKind::fraction, 14);
        add("three quarters", SetPhraseKind::fraction, 34);
    } else if (language == "fr") {
        add("un tiers", SetPhraseKind::fraction, 13);
        add("les deux tiers", SetPhraseKind::fraction, 23);
        add("deux tiers", SetPhraseKind::fraction, 23);
        add("un quart", SetPhraseKind::fraction, 14);
        add("les trois quarts", SetPhraseKind::fraction, 34);
        add("trois quarts", SetPhraseKind::fraction, 34);
        add("après-demain", SetPhraseKind::day, 2);
        add("avant-hier", SetPhraseKind::day, -2);
        add("une demi-heure", SetPhraseKind::duration, 30);
        add("un quart d'heure", SetPhraseKind::duration, 15);
        add("trois quarts d'heure", SetPhraseKind::duration, 45);
        add("une heure et demie", SetPhraseKind::duration, 90);
        for (int n = 2; n <= kMaxHalfHours; ++n)
            add(spelled_number(n, "fr") + " heures et demie", SetPhraseKind::duration, n * 60 + 30);
    } else if (language == "de") {
        add("übermorgen", SetPhraseKind::day, 2);
        add("Übermorgen", SetPhraseKind::day, 2);
        add("vorgestern", SetPhraseKind::day, -2);
        add("eine halbe Stunde", SetPhraseKind::duration, 30);
        add("einer halben Stunde", SetPhraseKind::duration, 30);
        add("eine Viertelstunde", SetPhraseKind::duration, 15);
        add("einer Viertelstunde", SetPhraseKind::duration, 15);
        add("eine Dreiviertelstunde", SetPhraseKind::duration, 45);
        add("einer Dreiviertelstunde", SetPhraseKind::duration, 45);
        add("anderthalb Stunden", SetPhraseKind::duration, 90);
        add("ein Drittel", SetPhraseKind::fraction, 13);
        add("zwei Drittel", SetPhraseKind::fraction, 23);
        add("ein Viertel", SetPhraseKind::fraction, 14);
        add("drei Viertel", SetPhraseKind::fraction, 34);
        for (int n = 1; n <= kMaxHalfHours; ++n) add(german_hours(n * 60 + 30), SetPhraseKind::duration, n * 60 + 30);
    } else {
        return all;
    }
    const std::string minus = language == "fr" ? "moins " : "minus ";
    const auto degrees = [&](int n) {
        if (language == "de") return std::string(" Grad");
        if (language == "fr") return std::string(n == 1 ? " degré" : " degrés");
        return std::string(n == 1 ? " degree" : " degrees");
    };
    for (int n = 1; n <= kMaxDegreeWords; ++n)
        add(minus + spelled_number(n, language) + degrees(n), SetPhraseKind::temperature, -n, true);
    for (int n = 1; n <= kMaxDegreeDigits; ++n) {
        const std::string digits = std::to_string(n);
        add(minus + digits + degrees(n), SetPhraseKind::temperature, -n);
        add(std::string("-") + digits + degrees(n), SetPhraseKind::temperature, -n);
    }
    std::stable_sort(all.begin(), all.end(), [](const Pattern& a, const Pattern& b) { return a.text.size() > b.text.size(); });
    return all;
}

const std::vector<Pattern>& patterns(std::string_view language) {
    static const std::vector<Pattern> english = build_patterns("en"), french = build_patterns("fr"),
                                      german = build_patterns("de"), none;
    return language == "en" ? english : language == "fr" ? french : language == "de" ? german : none;
}

bool word_byte_or_digit(char c) { return is_word_byte(c) || is_ascii_digit(c); }

}  // namespace

std::vector<SetPhrase> find_set_phrases(std::string_view sentence, std::string_view language) {
    std::vector<SetPhrase> found;
    // The patterns' first letters are ASCII but for German "übermorgen", listed capitalised too.
    // German keeps its nouns' capitals: only a sentence's first letter is lowered ("Eine halbe
    // Stunde").
    std::string text = language == "de" ? std::string(sentence) : ascii_lowercase(sentence);
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    for (const Pattern& pattern : patterns(language)) {
        const std::string key = language == "de" ? pattern.text : ascii_lowercase(pattern.text);
        for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
            const std::size_t end = at + key.size();
            if ((at > 0 && (word_byte_or_digit(text[at - 1]) || text[at - 1] == '-')) ||
                (end < text.size() && word_byte_or_digit(text[end])))
                continue;
            if (pattern.kind == SetPhraseKind::fraction &&
                (end >= text.size() || text[end] != ' ' || !fraction_follows(std::string_view(text).substr(end + 1), language)))
                continue;
            const bool overlaps = std::any_of(found.begin(), found.end(), [&](const SetPhrase& other) {
                return at < other.begin + other.length && other.begin < end;
            });
            if (!overlaps) found.push_back({at, key.size(), pattern.kind, pattern.value, pattern.number_in_words});
        }
    }
    std::sort(found.begin(), found.end(), [](const SetPhrase& a, const SetPhrase& b) { return a.begin < b.begin; });
    return found;
}

std::string write_set_phrase(const SetPhrase& phrase, std::string_view language) {
    if (language != "en" && language != "fr" && language != "de") return {};
    if (phrase.kind == SetPhraseKind::day) {
        if (language == "en") return phrase.value > 0 ? "the day after tomorrow" : "the day before yesterday";
        if (language == "fr") return phrase.value > 0 ? "après-demain" : "avant-hier";
        return phrase.value > 0 ? "übermorgen" : "vorgestern";
    }
    if (phrase.kind == SetPhraseKind::temperature) {
        const int degrees = -phrase.value;
        const std::string number = phrase.number_in_words ? spelled_number(degrees, language) : std::to_string(degrees);
        if (language == "en") return "minus " + number + (degrees == 1 ? " degree" : " degrees");
        if (language == "fr") return "moins " + number + (degrees == 1 ? " degré" : " degrés");
        return "minus " + number + " Grad";
    }
    if (phrase.kind == SetPhraseKind::fraction) {
        static constexpr std::array<std::array<std::string_view, 3>, 4> kFractions = {{
            {"a third", "un tiers", "ein Drittel"},
            {"two thirds", "les deux tiers", "zwei Drittel"},
            {"a quarter", "un quart", "ein Viertel"},
            {"three quarters", "les trois quarts", "drei Viertel"},
        }};
        const int row = phrase.value == 13 ? 0 : phrase.value == 23 ? 1 : phrase.value == 14 ? 2 : 3;
        return std::string(kFractions[row][language_index(language)]);
    }
    const int minutes = phrase.value;
    if (language == "en") {
        if (minutes == 15) return "a quarter of an hour";
        if (minutes == 30) return "half an hour";
        if (minutes == 45) return "three quarters of an hour";
        if (minutes == 90) return "an hour and a half";
        return spelled_number(minutes / 60, "en") + " and a half hours";
    }
    if (language == "fr") {
        if (minutes == 15) return "un quart d'heure";
        if (minutes == 30) return "une demi-heure";
        if (minutes == 45) return "trois quarts d'heure";
        if (minutes == 90) return "une heure et demie";
        return spelled_number(minutes / 60, "fr") + " heures et demie";
    }
    if (minutes == 15) return "eine Viertelstunde";
    if (minutes == 30) return "eine halbe Stunde";
    if (minutes == 45) return "eine Dreiviertelstunde";
    return german_hours(minutes);
}

std::vector<std::string> set_phrase_stand_ins(const SetPhrase& phrase, std::string_view language) {
    struct StandIns {
        std::string_view after_tomorrow, before_yesterday, hours, minutes, degrees, half;
        // For a sentence that says "tomorrow" or "yesterday" already: as reliably translated,
        // with no preposition before them either ("la semaine prochaine", "nächste Woche").
        std::string_view after_tomorrow_second, before_yesterday_second;
    };
    static constexpr StandIns english = {"tomorrow", "yesterday", "several hours", "a few minutes", "several degrees",
                                         "half", "next week", "last week"};
    static constexpr StandIns french = {"demain", "hier", "plusieurs heures", "quelques minutes", "plusieurs degrés",
                                        "la moitié", "la semaine prochaine", "la semaine dernière"};
    static constexpr StandIns german = {"morgen", "gestern", "mehrere Stunden", "ein paar Minuten", "mehrere Grad",
                                        "die Hälfte", "nächste Woche", "letzte Woche"};
    if (language != "en" && language != "fr" && language != "de") return {};
    const StandIns& words = language == "en" ? english : language == "fr" ? french : german;
    switch (phrase.kind) {
    case SetPhraseKind::day:
        if (phrase.value > 0) return {std::string(words.after_tomorrow), std::string(words.after_tomorrow_second)};
        return {std::string(words.before_yesterday), std::string(words.before_yesterday_second)};
    case SetPhraseKind::duration:
        return {std::string(phrase.value >= 60 ? words.hours : words.minutes)};
    case SetPhraseKind::temperature:
        return {std::string(words.degrees)};
    case SetPhraseKind::fraction:
        return {std::string(words.half)};
    }
    return {};
}

std::string fitted_set_phrase(const std::string& written, std::string_view before) {
    if (!written.starts_with("eine ")) return written;
    const std::string word = ascii_lowercase(last_word(before));
    static constexpr std::array<std::string_view, 9> dative = {"in", "nach", "vor", "seit", "mit", "von", "zu", "bei", "aus"};
    if (std::find(dative.begin(), dative.end(), word) == dative.end()) return written;
    std::string fitted = "einer " + written.substr(5);
    if (fitted.starts_with("einer halbe ")) fitted.replace(6, 6, "halben ");
    return fitted;
}

std::vector<std::string> set_phrase_forms(const std::string& written) {
    const std::string dative = fitted_set_phrase(written, "in");
    if (dative == written) return {written};
    return {written, dative};
}

}  // namespace attentive
