#include "core/text/times.h"

#include <algorithm>
#include <regex>

#include "core/text/number_words.h"
#include "core/text/utf8.h"
#include "core/text/word_clocks.h"

namespace attentive {

namespace {

// The patterns, with the hour in group 1, the minutes (or none) in group 2 and, for English,
// am or pm in group 3. A time is a word of its own: no letter or digit touches it (bytes from
// 0x80 are the UTF-8 letters, "à").
const std::regex& pattern_for(std::string_view language) {
    // "pm" or "p.m." (whose last stop is its own), not "pm." (a sentence's).
    static const std::regex english(R"((?:^|[^\w:.])(\d{1,2})(?::(\d{2}))? ?([aApP](?:\.[mM]\.|[mM]))(?![\w\x80-\xff]))");
    // French spaces may be plain, no-break or narrow no-break ("18 h 40" as this file writes it).
    static const std::regex french(
        R"((?:^|[^\w:.])(\d{1,2})(?: |\xC2\xA0|\xE2\x80\xAF)?(?:heures?|h)(?:(?: |\xC2\xA0|\xE2\x80\xAF)?(\d{2}))?(?![\w\x80-\xff]))");
    static const std::regex german(R"((?:^|[^\w:.])(\d{1,2})(?:[.:](\d{2}))? Uhr(?![\w\x80-\xff]))");
    if (language == "en") return english;
    if (language == "fr") return french;
    return german;
}

// The word before a time that says it is one: "at 18:40" (a plain clock is a score or a ratio
// as often: "won 2:1"), French "à 18 h" ("2 h" is as often a duration: "j'ai attendu 2 h", "le
// film dure 1 h 30").
bool announces_time(std::string_view before, std::string_view language) {
    std::string word(last_word(before, " '("));
    if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') word[0] = static_cast<char>(word[0] - 'A' + 'a');
    static const std::vector<std::string_view> english = {"at", "by", "until", "till", "from", "to", "before",
                                                          "after", "around", "about", "since", "between", "and"};
    static const std::vector<std::string_view> french = {"à", "vers", "avant", "après", "dès", "entre",
                                                         "et", "de", "jusqu", "ici"};
    static const std::vector<std::string_view> german = {"um", "gegen", "bis", "ab", "nach", "vor",
                                                         "von", "zwischen", "und", "seit"};
    const auto& words = language == "en" ? english : language == "fr" ? french : german;
    return std::find(words.begin(), words.end(), word) != words.end();
}

// French writes "18 h 40" with no-break spaces, so that a line never breaks inside a time.
const std::string kFrenchTimeSpace = "\u00A0";

}  // namespace

std::string_view time_preposition(std::string_view language) {
    return language == "en" ? "at" : language == "fr" ? "à" : language == "de" ? "um" : "";
}

namespace {

// The word that says a time is approximate, per language, as the time's span is written with it.
std::string_view approximate_word(std::string_view language) {
    return language == "en" ? "around" : language == "fr" ? "vers" : language == "de" ? "gegen" : "";
}

// Whether `word` makes a time of `language` approximate ("around", "vers", "gegen", ...).
bool approximates(std::string_view word, std::string_view language) {
    static const std::vector<std::string_view> english = {"around", "about", "approximately", "roughly"};
    static const std::vector<std::string_view> french = {"vers", "environ"};
    static const std::vector<std::string_view> german = {"gegen", "etwa", "ungefähr", "circa", "ca."};
    const std::vector<std::string_view>& words = language == "en" ? english : language == "fr" ? french : german;
    return std::find(words.begin(), words.end(), ascii_lowercase(word)) != words.end();
}

// A clock without its language's marks, "18:40" or "6:40", after a word that announces a time.
const std::regex kPlainClock(R"((?:^|[^\w:.])(\d{1,2}):(\d{2})(?![\w\x80-\xff]|[.,:/-]\d))");

}  // namespace

std::vector<WrittenTime> find_times(std::string_view sentence, std::string_view language) {
    if (language != "en" && language != "fr" && language != "de") return {};
    std::vector<WrittenTime> times = find_word_clocks(sentence, language);
    const auto overlaps_one = [&](std::size_t begin, std::size_t length) {
        return std::any_of(times.begin(), times.end(), [&](const WrittenTime& other) {
            return begin < other.begin + other.length && other.begin < begin + length;
        });
    };
    const std::string text(sentence);
    for (const std::regex* pattern : {&pattern_for(language), &kPlainClock}) {
        const bool plain = pattern == &kPlainClock;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), *pattern); it != std::sregex_iterator(); ++it) {
            const std::smatch& m = *it;
            int hour = std::stoi(m[1].str());
            const int minute = m[2].matched ? std::stoi(m[2].str()) : 0;
            if (minute > 59) continue;
            const bool twelve_hour = language == "en" && !plain;
            if (twelve_hour) {
                if (hour < 1 || hour > 12) continue;
                const bool pm = m[3].str()[0] == 'p' || m[3].str()[0] == 'P';
                hour = hour % 12 + (pm ? 12 : 0);
            } else if (hour > 24 || ((plain || language == "fr") &&
                                     !announces_time(sentence.substr(0, static_cast<std::size_t>(m.position(1))), language))) {
                continue;
            }
            WrittenTime time;
            time.minutes_written = m[2].matched;
            time.twelve_hour = twelve_hour;
            time.begin = static_cast<std::size_t>(m.position(1));
            time.length = static_cast<std::size_t>(m.position(0) + m.length(0)) - time.begin;
            time.hour = hour % 24;
            time.minute = minute;
            // A clock inside a time found before ("6:40" of "6:40 pm") is that time.
            if (!overlaps_one(time.begin, time.length)) times.push_back(time);
        }
    }
    // An hour in words, from 13 on, which the models garble ("à dix-neuf heures" -> "at 17",
    // "um neunzehn Uhr" -> "at nine"); a lesser one they translate ("à neuf heures").
    if (language != "en") {
        const std::string_view mark = language == "fr" ? " heures" : " Uhr";
        for (const SpelledNumber& number : find_spelled_numbers(sentence, language)) {
            const std::size_t end = number.begin + number.length;
            if (number.value > 24 || sentence.substr(end, mark.size()) != mark ||
                (end + mark.size() < sentence.size() && is_word_byte(sentence[end + mark.size()])) ||
                (language == "fr" && !announces_time(sentence.substr(0, number.begin), language)) ||
                overlaps_one(number.begin, number.length))
                continue;
            WrittenTime time;
            time.begin = number.begin;
            time.length = number.length + mark.size();
            time.hour = number.value % 24;
            times.push_back(time);
        }
    }
    std::sort(times.begin(), times.end(), [](const WrittenTime& a, const WrittenTime& b) { return a.begin < b.begin; });
    for (WrittenTime& time : times) {
        const std::size_t begin = approximate_begin(sentence, time.begin, language);
        if (begin == time.begin) continue;
        time.length += time.begin - begin;
        time.begin = begin;
        time.approximate = true;
    }
    return times;
}

std::size_t approximate_begin(std::string_view sentence, std::size_t begin, std::string_view language) {
    const std::string_view preposition = time_preposition(language);
    const auto start_of = [&](std::string_view word) {
        return static_cast<std::size_t>(word.data() - sentence.data());
    };
    const auto listed = [&](std::string_view word) { return approximates(word, language); };
    const std::string_view last = last_word(sentence.substr(0, begin));
    const std::string_view before = last_word(sentence.substr(0, start_of(last)));
    // "etwa um 18 Uhr": the approximate word before the preposition.
    if (language == "de" && last == preposition && listed(before)) return start_of(before);
    if (!listed(last)) return begin;
    // "at about 6 pm", "à environ 18 h": the preposition goes with it.
    return ascii_lowercase(before) == preposition ? start_of(before) : start_of(last);
}

bool is_approximate_time(std::string_view span, std::string_view language) {
    const std::size_t space = span.find(' ');
    if (space == std::string_view::npos) return false;
    const std::string_view first = span.substr(0, space);
    if (approximates(first, language)) return true;  // "around 6 pm", "etwa um 22 Uhr"
    // "at about 6 pm": the preposition, then the approximate word.
    const std::size_t next = span.find(' ', space + 1);
    return ascii_lowercase(first) == time_preposition(language) && next != std::string_view::npos &&
           approximates(span.substr(space + 1, next - space - 1), language);
}

std::size_t repeated_time_preposition(std::string_view before, std::string_view time) {
    for (const std::string_view language : {"fr", "de"}) {
        std::string preposition(1, ' ');  // " um ", " à "
        preposition.append(time_preposition(language)).push_back(' ');
        const std::string_view approximate = approximate_word(language);
        if (time.starts_with(approximate) && time.substr(approximate.size()).starts_with(' ') &&
            before.ends_with(preposition))
            return preposition.size() - 1;
    }
    return 0;
}

std::string write_time(const WrittenTime& time, std::string_view language) {
    if (time.approximate) {
        WrittenTime exact = time;
        exact.approximate = false;
        const std::string written = write_time(exact, language);
        return written.empty() ? written : std::string(approximate_word(language)) + " " + written;
    }
    if (time.in_words) return write_word_clock(time, language);
    std::string minutes = std::to_string(time.minute);
    if (time.minute < 10) minutes.insert(minutes.begin(), '0');
    if (time.twelve_hour && (language == "fr" || language == "de")) {
        const std::string hour = std::to_string(time.hour % 12 == 0 ? 12 : time.hour % 12);
        const bool french = language == "fr";
        const char* part = time.hour == 0    ? (french ? "du soir" : "nachts")
                           : time.hour < 12  ? (french ? "du matin" : "morgens")
                           : time.hour == 12 ? (french ? "" : "mittags")
                           : time.hour < 18  ? (french ? "de l'après-midi" : "nachmittags")
                                             : (french ? "du soir" : "abends");
        std::string out = french ? hour + kFrenchTimeSpace + "h" + (time.minutes_written ? kFrenchTimeSpace + minutes : "")
                                 : hour + (time.minutes_written ? ":" + minutes : "") + " Uhr";
        if (*part) out = out + " " + part;
        return out;
    }
    const std::string hour = std::to_string(time.hour);
    if (language == "en") return hour + ":" + minutes;
    const bool with_minutes = time.minute > 0 || time.minutes_written;
    if (language == "fr") return hour + kFrenchTimeSpace + "h" + (with_minutes ? kFrenchTimeSpace + minutes : "");
    if (language == "de") return (with_minutes ? hour + ":" + minutes : hour) + " Uhr";
    return {};
}

}  // namespace attentive
