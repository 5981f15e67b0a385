#include "core/text/word_clocks.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/text/number_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// A word of the sentence, lowercase; `value` the number it says (1 to 59), 0 for another word.
struct Word {
    std::size_t begin = 0, end = 0;
    std::string lower;
    int value = 0;
};

// 1 to 12 in `language`'s words, with the forms clocks use: French "une" (heure), German "eins"
// ("halb eins").
int small_number(std::string_view lower, std::string_view language) {
    if ((language == "fr" && lower == "une") || (language == "de" && lower == "eins")) return 1;
    for (int value = 1; value < kFirstSpelledNumber; ++value)
        if (lower == spelled_number(value, language)) return value;
    return 0;
}

// The sentence's words, a number in words of several ("twenty-five", "vingt et un") as one.
std::vector<Word> words_of(std::string_view sentence, std::string_view language) {
    std::vector<Word> words;
    for (const SpelledNumber& number : find_spelled_numbers(sentence, language))
        words.push_back({number.begin, number.begin + number.length, "", number.value});
    const std::size_t numbers = words.size();
    // An hour in digits before "o'clock" ("around 10 o'clock"): a word of its value.
    for (std::size_t at = 0; at < sentence.size(); ++at) {
        if (!is_ascii_digit(sentence[at]) || (at > 0 && (is_word_byte(sentence[at - 1]) || is_ascii_digit(sentence[at - 1]))))
            continue;
        std::size_t end = at;
        while (end < sentence.size() && is_ascii_digit(sentence[end])) ++end;
        const std::string_view after = sentence.substr(end);
        if (end - at <= 2 && (after.starts_with(" o'clock") || after.starts_with(" o\u2019clock")))
            words.push_back({at, end, "", std::stoi(std::string(sentence.substr(at, end - at)))});
        at = end;
    }
    for (LetterRun& run : letter_runs(sentence)) {
        const bool in_number = std::any_of(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(numbers),
                                           [&](const Word& w) { return run.begin >= w.begin && run.end <= w.end; });
        if (in_number) continue;
        const int value = small_number(run.lower, language);
        words.push_back({run.begin, run.end, std::move(run.lower), value});
    }
    std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.begin < b.begin; });
    return words;
}

// A clock matched at a word: how many words it takes, the hour it names and its minutes.
struct Match {
    std::size_t count = 0;
    int hour = 0;
    int minute = 0;
    bool needs_announcing = false;  // a duration or a range reads the same
    // A whole hour ("zehn Uhr", "dix heures", "ten o'clock"), read only after a word that makes
    // it approximate: the models dropped that word ("gegen zehn Uhr" -> "at ten o'clock"), and
    // read the hour well otherwise.
    bool needs_approximating = false;
};

class Reader {
public:
    Reader(std::string_view sentence, std::vector<Word> words) : m_sentence(sentence), m_words(std::move(words)) {}

    std::size_t size() const { return m_words.size(); }
    const Word& word(std::size_t i) const { return m_words[i]; }
    // Whether words[i..i+texts) are `texts` (a "" matches any word), separated by spaces only.
    bool says(std::size_t i, std::initializer_list<std::string_view> texts) const {
        if (i + texts.size() > m_words.size()) return false;
        std::size_t k = i;
        for (std::string_view text : texts) {
            if (!text.empty() && m_words[k].lower != text) return false;
            if (k > i && !spaced(k - 1)) return false;
            ++k;
        }
        return true;
    }
    // The number word i says, within [low, high], or 0; it must follow word i - 1 by a space.
    int number(std::size_t i, int low, int high) const {
        if (i >= m_words.size() || (i > 0 && !spaced(i - 1))) return 0;
        const int value = m_words[i].value;
        return value >= low && value <= high ? value : 0;
    }
    // Whether words i and i + 1 are "o'clock" (or "o’clock"), after a space.
    bool says_oclock(std::size_t i) const {
        if (i + 1 >= m_words.size() || i == 0 || !spaced(i - 1) || m_words[i].lower != "o" || m_words[i + 1].lower != "clock")
            return false;
        const std::string_view gap = m_sentence.substr(m_words[i].end, m_words[i + 1].begin - m_words[i].end);
        return gap == "'" || gap == "\u2019";
    }
    // Whether word i + 1 follows word i after spaces only.
    bool spaced(std::size_t i) const {
        if (i + 1 >= m_words.size()) return false;
        const std::string_view gap = m_sentence.substr(m_words[i].end, m_words[i + 1].begin - m_words[i].end);
        return !gap.empty() && gap.find_first_not_of(' ') == std::string_view::npos;
    }
    // Whether the clock's last word, next - 1, ends it: no hyphen or apostrophe joins a word to
    // it ("ten-thirty"), and no "minutes" makes it a duration.
    bool ends_clock(std::size_t next) const {
        const std::size_t end = m_words[next - 1].end;
        if (end < m_sentence.size() && (m_sentence[end] == '-' || m_sentence[end] == '\'')) return false;
        if (next >= m_words.size()) return true;
        const std::string& w = m_words[next].lower;
        return w != "minutes" && w != "minute" && w != "minuten";
    }

private:
    std::string_view m_sentence;
    std::vector<Word> m_words;
};

bool is_minute_step(int minute) { return minute == 5 || minute == 10 || minute == 20 || minute == 25; }
int hour_before(int hour) { return hour == 1 ? 12 : hour - 1; }

// English: "half past ten", "(a) quarter past/to nine", "twenty (minutes) past/to eight".
std::optional<Match> english_clock(const Reader& r, std::size_t i) {
    const std::size_t quarter = r.says(i, {"a", "quarter"}) ? i + 1 : i;
    if (r.says(quarter, {"quarter", "past"}) || r.says(quarter, {"quarter", "to"})) {
        const int hour = r.number(quarter + 2, 1, 12);
        if (hour == 0) return std::nullopt;
        const bool past = r.word(quarter + 1).lower == "past";
        return Match{quarter + 3 - i, past ? hour : hour_before(hour), past ? 15 : 45};
    }
    if (r.says(i, {"half", "past"})) {
        const int hour = r.number(i + 2, 1, 12);
        if (hour != 0) return Match{3, hour, 30};
        return std::nullopt;
    }
    if (const int hour = r.number(i, 1, 12); hour != 0 && r.says_oclock(i + 1))
        return Match{3, hour, 0, false, true};
    const int minutes = r.number(i, 5, 25);
    if (minutes == 0 || !is_minute_step(minutes)) return std::nullopt;
    const std::size_t after = r.says(i, {"", "minutes"}) ? i + 2 : i + 1;
    if (!r.says(after - 1, {"", "past"}) && !r.says(after - 1, {"", "to"})) return std::nullopt;
    const int hour = r.number(after + 1, 1, 12);
    if (hour == 0) return std::nullopt;
    const bool past = r.word(after).lower == "past";
    return Match{after + 2 - i, past ? hour : hour_before(hour), past ? minutes : 60 - minutes, true};
}

// What follows a French hour at word `at`: "et demie", "et quart", "moins le quart", "moins
// dix", "vingt"; the words it takes (count), and the time.
std::optional<Match> french_clock_rest(const Reader& r, std::size_t at, int hour) {
    if (at == 0) return std::nullopt;
    if (r.says(at - 1, {"", "et", "demie"}) || r.says(at - 1, {"", "et", "demi"})) return Match{2, hour, 30};
    if (r.says(at - 1, {"", "et", "quart"})) return Match{2, hour, 15};
    if (r.says(at - 1, {"", "moins", "le", "quart"})) return Match{3, hour_before(hour), 45};
    if (r.says(at - 1, {"", "moins"})) {
        const int minutes = r.number(at + 1, 5, 25);
        if (is_minute_step(minutes)) return Match{2, hour_before(hour), 60 - minutes};
        return std::nullopt;
    }
    // From five: "à neuf heures deux fois" is not 9:02.
    const int minutes = r.number(at, 5, 59);
    if (minutes != 0) return Match{1, hour, minutes};
    return std::nullopt;
}

// French: "dix heures et demie", "neuf heures et quart", "huit heures moins le quart", "six
// heures moins dix", "huit heures vingt"; every one only after a word that announces a time.
std::optional<Match> french_clock(const Reader& r, std::size_t i) {
    // "midi et demi", "minuit moins le quart": never a duration.
    if (r.says(i, {"midi"}) || r.says(i, {"minuit"})) {
        const bool midnight = r.word(i).lower == "minuit";
        const std::optional<Match> told = french_clock_rest(r, i + 1, 12);
        // Past midnight is hour 0, which every language names ("a quarter past midnight").
        const int hour = midnight && told && told->hour == 12 ? 0 : told ? told->hour : 0;
        if (told) return Match{told->count + 1, hour, told->minute};
        return std::nullopt;
    }
    const int hour = r.number(i, 1, 23);
    if (hour == 0 || !(r.says(i, {"", "heures"}) || r.says(i, {"", "heure"}))) return std::nullopt;
    const std::optional<Match> told = french_clock_rest(r, i + 2, hour);
    if (!told) return Match{2, hour, 0, false, true};
    return Match{told->count + 2, told->hour, told->minute, true};
}


// German: "halb elf", "Viertel nach/vor neun", "dreiviertel acht", "zehn nach/vor sechs",
// "fünf vor halb elf", "acht Uhr zwanzig".
std::optional<Match> german_clock(const Reader& r, std::size_t i) {
    if (r.says(i, {"halb"}) || r.says(i, {"dreiviertel"})) {
        const int hour = r.number(i + 1, 1, 12);
        if (hour == 0) return std::nullopt;
        return Match{2, hour_before(hour), r.word(i).lower == "halb" ? 30 : 45};
    }
    if (r.says(i, {"viertel", "nach"}) || r.says(i, {"viertel", "vor"})) {
        const int hour = r.number(i + 2, 1, 12);
        if (hour == 0) return std::nullopt;
        const bool after = r.word(i + 1).lower == "nach";
        return Match{3, after ? hour : hour_before(hour), after ? 15 : 45};
    }
    const int hour = r.number(i, 1, 23);
    if (hour != 0 && r.says(i, {"", "uhr"})) {
        const int minutes = r.number(i + 2, 5, 59);
        if (minutes != 0) return Match{3, hour, minutes};
        return Match{2, hour, 0, false, true};
    }
    const int minutes = r.number(i, 5, 25);
    // "fünf vor halb elf" (10:25), "fünf nach halb elf" (10:35).
    if ((minutes == 5 || minutes == 10) && (r.says(i, {"", "nach", "halb"}) || r.says(i, {"", "vor", "halb"}))) {
        const int hour = r.number(i + 3, 1, 12);
        if (hour == 0) return std::nullopt;
        return Match{4, hour_before(hour), r.word(i + 1).lower == "nach" ? 30 + minutes : 30 - minutes};
    }
    if (!is_minute_step(minutes) || !(r.says(i, {"", "nach"}) || r.says(i, {"", "vor"}))) return std::nullopt;
    const int named = r.number(i + 2, 1, 12);
    if (named == 0) return std::nullopt;
    const bool after = r.word(i + 1).lower == "nach";
    return Match{3, after ? named : hour_before(named), after ? minutes : 60 - minutes, true};
}

// The word before a clock that may also be a duration or a range, saying it is a time, past an
// adverb ("it's already half past three", "il est déjà trois heures et demie").
bool announces_clock(const Reader& r, std::size_t i, std::string_view language) {
    static constexpr std::array<std::string_view, 18> adverbs = {
        "already", "almost", "nearly", "exactly", "just", "déjà",   "presque", "bientôt", "exactement",
        "environ", "pile",   "schon",  "fast",    "genau", "erst",  "gleich",  "bereits", "etwa"};
    while (i > 1 && std::find(adverbs.begin(), adverbs.end(), r.word(i - 1).lower) != adverbs.end()) --i;
    if (i == 0) return false;
    const std::string& before = r.word(i - 1).lower;
    static constexpr std::array<std::string_view, 12> english = {"at", "by", "until", "till", "before", "after",
                                                                 "around", "about", "is", "s", "was", "since"};
    static constexpr std::array<std::string_view, 7> french = {"à", "vers", "avant", "après", "dès", "est", "était"};
    static constexpr std::array<std::string_view, 8> german = {"um", "gegen", "bis", "ab", "ist", "war", "kurz", "seit"};
    const auto has = [&](const auto& list) { return std::find(list.begin(), list.end(), before) != list.end(); };
    return language == "en" ? has(english) : language == "fr" ? has(french) : has(german);
}

}  // namespace

std::vector<WrittenTime> find_word_clocks(std::string_view sentence, std::string_view language) {
    std::vector<WrittenTime> clocks;
    if (language != "en" && language != "fr" && language != "de") return clocks;
    const Reader reader(sentence, words_of(sentence, language));
    for (std::size_t i = 0; i < reader.size(); ++i) {
        const std::optional<Match> match = language == "en"   ? english_clock(reader, i)
                                           : language == "fr" ? french_clock(reader, i)
                                                              : german_clock(reader, i);
        if (!match || !reader.ends_clock(i + match->count) ||
            (match->needs_announcing && !announces_clock(reader, i, language)) ||
            (match->needs_approximating &&
             approximate_begin(sentence, reader.word(i).begin, language) == reader.word(i).begin))
            continue;
        WrittenTime clock;
        clock.begin = reader.word(i).begin;
        clock.length = reader.word(i + match->count - 1).end - clock.begin;
        clock.hour = match->hour;
        clock.minute = match->minute;
        // "10 o'clock" is written with its digits again ("gegen 10 Uhr").
        const bool digits = is_ascii_digit(sentence[clock.begin]);
        clock.minutes_written = !digits;
        clock.in_words = !digits;
        clocks.push_back(clock);
        i += match->count - 1;
    }
    return clocks;
}

std::string write_word_clock(const WrittenTime& time, std::string_view language) {
    if (time.hour > 12) {  // a 24-hour clock: in digits
        WrittenTime digits = time;
        digits.in_words = false;
        return write_time(digits, language);
    }
    const int hour = time.hour, next = time.hour % 12 + 1, minute = time.minute;
    // Hour 0 is past midnight: English and French name it, German counts it as twelve.
    const auto number = [&](int value) {
        if (value != 0) return spelled_number(value, language);
        return std::string(language == "en" ? "midnight" : language == "fr" ? "minuit" : "zwölf");
    };
    const bool step = minute % 5 == 0;
    if (language == "en") {
        if (minute == 0) return hour == 0 ? number(hour) : number(hour) + " o'clock";
        if (minute == 15) return "a quarter past " + number(hour);
        if (minute == 30) return "half past " + number(hour);
        if (minute == 45) return "a quarter to " + number(next);
        if (step) return minute < 30 ? number(minute) + " past " + number(hour) : number(60 - minute) + " to " + number(next);
        return std::to_string(hour) + ":" + (minute < 10 ? "0" : "") + std::to_string(minute);
    }
    if (language == "fr") {
        const auto hours = [&](int h) {
            return h == 0 ? number(h) : h == 1 ? std::string("une heure") : number(h) + " heures";
        };
        if (minute == 0) return hours(hour);
        if (minute == 15) return hours(hour) + " et quart";
        if (minute == 30) return hours(hour) + " et demie";
        if (minute == 45) return hours(next) + " moins le quart";
        if (step && minute > 30) return hours(next) + " moins " + number(60 - minute);
        return hours(hour) + " " + number(minute);
    }
    if (language == "de") {
        const auto named = [&](int h) { return h == 1 ? std::string("eins") : number(h); };
        if (minute == 0) return hour == 0 ? std::string("Mitternacht") : number(hour) + " Uhr";
        if (minute == 15) return "Viertel nach " + named(hour);
        if (minute == 30) return "halb " + named(next);
        if (minute == 45) return "Viertel vor " + named(next);
        if (minute == 25 || minute == 35) return std::string(minute == 25 ? "fünf vor" : "fünf nach") + " halb " + named(next);
        if (step) return minute < 30 ? number(minute) + " nach " + named(hour) : number(60 - minute) + " vor " + named(next);
        return number(hour) + " Uhr " + number(minute);
    }
    return {};
}

}  // namespace attentive
