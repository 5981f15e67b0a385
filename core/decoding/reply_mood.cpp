#include "core/decoding/reply_mood.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/metrics/dialogue.h"
#include "core/text/function_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Cues are dialogue_words joined by spaces ("sorry to hear", "that's great"), read off the
// training dialogues' replies to messages with news, then narrowed on the dev half of DailyDialog
// validation where they misread (the chat-en card, "Replies that meet the news").
// Feelings count when the writer has them: a first-person word among the four before ("I'm so
// tired", "My cat is sick"; not "You look tired", "how happy I am for you"). Events count in a
// message whose statements speak of the writer at all ("It's raining again. I wanted to go to the
// beach."; not "We have various birthday cakes" from a shop).
constexpr std::array kBadFeelings = {
    "sick", "ill", "hurt", "hurts", "injured", "worried", "anxious", "nervous", "sad", "upset",
    "unhappy", "depressed", "miserable", "lonely", "stressed", "exhausted", "tired", "bored",
    "angry", "annoyed", "frustrated", "crying", "sore", "in pain", "not feeling well",
    "don't feel well", "feel bad", "feeling bad", "feel awful", "can't sleep", "couldn't sleep",
};
constexpr std::array kBadEvents = {
    "a cold", "the flu", "a fever", "a headache", "a toothache", "a stomachache", "a backache",
    "a bad cold", "a sore throat", "an accident", "in hospital", "in the hospital", "fired",
    "laid off", "lost", "broke", "broken", "crashed", "sprained", "stolen", "robbed", "divorce",
    "died", "passed away", "funeral", "ran away", "moving away", "moved away", "failed",
    "flunked", "bad day", "bad news", "rain", "raining", "rainy", "cancelled", "canceled",
    "missed my", "missed the",
};
constexpr std::array kGoodFeelings = {"happy", "glad", "excited", "thrilled", "can't wait"};
// Politeness that names a feeling and tells no news ("I am glad to meet you.", "happy to help").
constexpr std::array kCourtesies = {
    "glad to meet", "happy to meet", "nice to meet", "glad to see you", "happy to see you",
    "glad to help", "happy to help", "glad to hear", "happy to hear", "happy that you", "glad that you",
};
constexpr std::array kGoodEvents = {
    "got a job", "got the job", "get the job", "a new job", "found a job", "i passed",
    "we passed", "passed my", "passed the exam", "passed the test", "won", "promoted",
    "a promotion", "a raise", "engaged", "getting married", "got married", "pregnant", "a baby",
    "twins", "first steps", "a new car", "a new house", "a new apartment", "moved into",
    "on vacation", "on holiday",
    "my birthday", "graduated", "graduating", "a scholarship", "got accepted",
    "great news", "good news", "the lottery",
};
constexpr std::array kSympathy = {
    "sorry to hear", "so sorry", "too bad", "that's bad", "that's terrible", "that's awful",
    "that's horrible", "that's sad", "how terrible", "how awful", "how sad", "oh no", "oh dear",
    "what a pity", "what a shame", "that's a shame", "that's a pity", "poor you", "poor thing",
    "you poor", "don't worry", "feel better", "get well", "cheer up", "bad luck", "hard luck",
    "unlucky", "must be hard", "not good", "not so good", "not great", "no fun", "are you ok",
    "are you okay", "are you all right", "take care of yourself", "my condolences",
};
constexpr std::array kCheer = {
    "congratulations", "congratulation", "congrats", "good for you", "well done",
    "sounds like fun", "sounds fun", "so much fun", "a lot of fun", "lots of fun", "be fun",
    "sounds great", "sounds wonderful", "sounds good", "sounds nice", "sounds like a good idea",
    "that's great", "that's wonderful", "that's fantastic", "that's nice", "that's good",
    "that's cool", "that's exciting", "that's terrific", "that's awesome", "that's amazing",
    "how nice", "how wonderful", "how exciting", "how lovely", "great news", "good news",
    "i'm glad", "i'm so glad", "i'm happy", "i'm so happy", "i'm very happy", "happy for you",
    "lucky you", "you're lucky", "have fun", "have a good time", "enjoy yourself", "what fun",
    "proud of you", "good job", "great job",
    "wow", "awesome", "fantastic", "wonderful", "marvelous", "marvellous", "terrific", "excellent",
    "great !",
};

enum class Polarity { negative, positive, none };

struct Cue {
    std::size_t start = 0;
    std::size_t end = 0;  // one past the last word
    Polarity polarity = Polarity::negative;
};

bool is_first_person(const std::string& word) {
    static const std::array<std::string_view, 14> kWords = {"i", "i'm", "i've", "i'd", "i'll", "me", "my",
                                                            "we", "we're", "we've", "we'd", "us", "our", "myself"};
    return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

std::vector<std::string> split_words(std::string_view phrase) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < phrase.size()) {
        std::size_t end = phrase.find(' ', start);
        if (end == std::string_view::npos) end = phrase.size();
        words.emplace_back(phrase.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

bool is_negation(const std::string& word) {
    return word == "not" || word == "no" || word == "never" ||
           (word.size() > 3 && word.compare(word.size() - 3, 3, "n't") == 0);
}

bool ends_sentence(const std::string& word) { return word == "." || word == "!" || word == "?"; }

// Whether one of the `span` words before `start`, within its sentence, is such a word.
template <typename Predicate>
bool comes_shortly_after(const std::vector<std::string>& words, std::size_t start, std::size_t span, Predicate is) {
    for (std::size_t back = 1; back <= span && back <= start; ++back) {
        const std::string& word = words[start - back];
        if (ends_sentence(word)) return false;
        if (is(word)) return true;
    }
    return false;
}

bool negated(const std::vector<std::string>& words, std::size_t start) {
    return comes_shortly_after(words, start, 3, is_negation);
}

// A list of cues, each split into its words, and what they tell.
struct CueList {
    std::vector<std::vector<std::string>> phrases;
    Polarity polarity = Polarity::none;
};

template <std::size_t N>
CueList cue_list(const std::array<const char*, N>& written, Polarity polarity) {
    CueList list{{}, polarity};
    for (const char* phrase : written) list.phrases.push_back(split_words(phrase));
    return list;
}

// Every list, split once: a reply is judged with each of its candidates.
struct CueLists {
    CueList bad_events, good_events, courtesies, bad_feelings, good_feelings, sympathy, cheer;
};

const CueLists& cue_lists() {
    static const CueLists lists{
        cue_list(kBadEvents, Polarity::negative),    cue_list(kGoodEvents, Polarity::positive),
        cue_list(kCourtesies, Polarity::none),       cue_list(kBadFeelings, Polarity::negative),
        cue_list(kGoodFeelings, Polarity::positive), cue_list(kSympathy, Polarity::negative),
        cue_list(kCheer, Polarity::positive),
    };
    return lists;
}

void find_cues(const std::vector<std::string>& words, const CueList& list, std::vector<Cue>& cues) {
    for (const std::vector<std::string>& cue : list.phrases) {
        for (std::size_t start = 0; start + cue.size() <= words.size(); ++start) {
            if (std::equal(cue.begin(), cue.end(), words.begin() + static_cast<std::ptrdiff_t>(start)))
                cues.push_back({start, start + cue.size(), list.polarity});
        }
    }
}

// The overall polarity of `words`' cues, a cue inside a longer one left out ("passed" in "passed
// away", "glad" in the courtesy "glad to meet"): -1 negative, +1 positive, 0 none or both. A
// negated negative cue counts for nothing ("I'm not sick."), a negated positive one as negative
// ("I'm not happy.", "That's not good.").
int polarity_of(const std::vector<std::string>& words, std::vector<Cue> cues) {
    const auto inside_longer = [&](const Cue& cue) {
        return std::any_of(cues.begin(), cues.end(), [&](const Cue& other) {
            return other.start <= cue.start && cue.end <= other.end && other.end - other.start > cue.end - cue.start;
        });
    };
    bool negative = false;
    bool positive = false;
    for (const Cue& cue : cues) {
        if (inside_longer(cue)) continue;
        const bool is_negated = negated(words, cue.start);
        if (cue.polarity == Polarity::positive) (is_negated ? negative : positive) = true;
        else if (cue.polarity == Polarity::negative && !is_negated) negative = true;
    }
    if (negative == positive) return 0;
    return positive ? 1 : -1;
}

// `words` without the sentences that end with a question mark.
std::vector<std::string> statements(const std::vector<std::string>& words) {
    std::vector<std::string> kept;
    std::size_t sentence_start = 0;
    for (std::size_t i = 0; i <= words.size(); ++i) {
        if (i < words.size() && !ends_sentence(words[i])) continue;
        const bool question = i < words.size() && words[i] == "?";
        if (!question) {
            const std::size_t end = std::min(i + 1, words.size());
            kept.insert(kept.end(), words.begin() + static_cast<std::ptrdiff_t>(sentence_start),
                        words.begin() + static_cast<std::ptrdiff_t>(end));
        }
        sentence_start = i + 1;
    }
    return kept;
}

// `text`'s dialogue_words with "that is", "i am", "it is" and "you are" read as the cues write
// them ("that's", ...): "That is great." cheers as "That's great." does.
std::vector<std::string> cue_words(std::string_view text) {
    static constexpr std::array<std::array<std::string_view, 3>, 4> kContractions = {{
        {"that", "is", "that's"}, {"i", "am", "i'm"}, {"it", "is", "it's"}, {"you", "are", "you're"}}};
    std::vector<std::string> words;
    for (std::string& word : dialogue_words(text)) {
        if (!words.empty()) {
            const auto joined = std::find_if(kContractions.begin(), kContractions.end(), [&](const auto& c) {
                return words.back() == c[0] && word == c[1];
            });
            if (joined != kContractions.end()) {
                words.back() = (*joined)[2];
                continue;
            }
        }
        words.push_back(std::move(word));
    }
    return words;
}

}  // namespace

News message_news(std::string_view message) {
    const std::vector<std::string> words = statements(cue_words(message));
    if (std::none_of(words.begin(), words.end(), is_first_person)) return News::none;
    const CueLists& lists = cue_lists();
    std::vector<Cue> cues;
    find_cues(words, lists.bad_events, cues);
    find_cues(words, lists.good_events, cues);
    find_cues(words, lists.courtesies, cues);
    std::vector<Cue> feelings;
    find_cues(words, lists.bad_feelings, feelings);
    find_cues(words, lists.good_feelings, feelings);
    for (const Cue& cue : feelings)
        if (comes_shortly_after(words, cue.start, 4, is_first_person)) cues.push_back(cue);
    const int polarity = polarity_of(words, std::move(cues));
    return polarity < 0 ? News::bad : polarity > 0 ? News::good : News::none;
}

namespace {

// The mood of a reply's cue_words.
ReplyMood mood_of(const std::vector<std::string>& words) {
    std::vector<Cue> cues;
    find_cues(words, cue_lists().sympathy, cues);
    find_cues(words, cue_lists().cheer, cues);
    const int polarity = polarity_of(words, std::move(cues));
    return polarity < 0 ? ReplyMood::sympathy : polarity > 0 ? ReplyMood::cheer : ReplyMood::neutral;
}

}  // namespace

ReplyMood reply_mood(std::string_view reply) { return mood_of(cue_words(reply)); }

bool is_mood_formula(std::string_view reply) {
    const std::vector<std::string> words = cue_words(reply);  // read once, for the mood too
    if (mood_of(words) == ReplyMood::neutral) return false;
    const CueLists& lists = cue_lists();
    const auto in_a_cue = [](const CueList& list, const std::string& word) {
        return std::any_of(list.phrases.begin(), list.phrases.end(), [&](const std::vector<std::string>& phrase) {
            return std::find(phrase.begin(), phrase.end(), word) != phrase.end();
        });
    };
    return std::all_of(words.begin(), words.end(), [&](const std::string& word) {
        const bool letters = std::any_of(word.begin(), word.end(), [](char c) { return is_ascii_letter(c); });
        if (!letters || in_a_cue(lists.sympathy, word) || in_a_cue(lists.cheer, word)) return true;
        // A question asks about the news itself: "Wow! Great! Where?" answered a birth.
        static constexpr std::array<std::string_view, 6> kQuestionWords = {"what", "where", "when", "who", "why", "how"};
        return is_function_word(word, "en") && std::find(kQuestionWords.begin(), kQuestionWords.end(), word) == kQuestionWords.end();
    });
}

int mood_agreement(News news, ReplyMood mood) {
    if (news == News::none || mood == ReplyMood::neutral) return 0;
    const bool meets = (news == News::bad) == (mood == ReplyMood::sympathy);
    return meets ? 1 : -1;
}

}  // namespace attentive
