#include "core/text/vocatives.h"

#include <algorithm>
#include <array>
#include <set>
#include <vector>

#include "core/text/given_names.h"
#include "core/text/lexicon.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

constexpr std::array<std::string_view, 7> kTitles = {"Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Mr", "Mrs"};
constexpr std::array<std::string_view, 8> kGreetings = {"Hi", "Hello", "Hey", "Bye", "Goodbye", "Thanks", "Morning", "Evening"};
// The last word of a greeting or thanks that a name follows after a comma: "Good morning, Gav!",
// "Thank you, Chris.", "Nice to meet you, Noirin."; there any capitalised word is a name.
constexpr std::array<std::string_view, 11> kGreetingEnds = {"hi", "hello", "hey", "bye", "goodbye", "thanks",
                                                            "morning", "afternoon", "evening", "night", "you"};
// Ways to address the user that the user's own words may call for ("Thanks, Doctor.").
constexpr std::array<std::string_view, 6> kRoles = {"Doctor", "Professor", "Officer", "Sir", "Madam", "Captain"};

// Whom the training dialogues address that given_names.h leaves out (it keeps to names that are
// no English word, for the translators): the names most often set off by commas in DailyDialog's
// training turns ("Yeah, Judy.", "Thanks, Bill."), family words ("Thanks, Mom.") and "Miss"
// alone ("Yes, Miss, ..."). Roles the user's words may imply ("Thanks, Doctor.") stay.
const std::set<std::string_view> kAddressedNames = {
    "Alex", "Amy", "Andy", "Ann", "Anne", "Annie", "Benjamin", "Betty", "Bill", "Billy", "Bob", "Brad",
    "Brian", "Carl", "Carol", "Celia", "Charles", "Cindy", "Dan", "Danny", "Dave", "Debbie", "Don", "Donald",
    "Doris", "Ella", "Ellen", "Frank", "Francis", "Fred", "Gary", "Geoff", "Gordon", "Iris", "Jack", "Janet",
    "Janice", "Jason", "Jeff", "Jenny", "Jerry", "Jimmy", "Joan", "Joanne", "Johnny", "Jordan", "Judy", "Justin",
    "Karen", "Kathy", "Kevin", "Larry", "Lee", "Lily", "Linda", "Liz", "Mark", "Martin", "Melissa",
    "Michelle", "Mike", "Monica", "Nancy", "Nick", "Nigel", "Randy", "Rebecca", "Rick", "Robin", "Ruth",
    "Ryan", "Sally", "Sandy", "Sara", "Shirley", "Steve", "Steven", "Sue", "Ted", "Tina", "Todd", "Tony",
    "Veronica", "Vince", "Vivian", "Walter", "Wendy",
    "Dad", "Daddy", "Grandma", "Grandpa", "Mom", "Mommy", "Mum", "Mummy", "Miss"};

bool is_addressed_name(std::string_view word) { return is_given_name(word) || kAddressedNames.contains(word); }

bool is_capitalised_word(std::string_view word) {
    return !word.empty() && letters_at(word) == word && is_upper(decode_utf8_at(word, 0).code_point);
}

// A greeting or thanks ends at word `greeting`, with a comma or before a name ("Hi Chris.").
bool is_greeting_end(std::string_view greeting, char after) {
    if (after == 0) return std::find(kGreetings.begin(), kGreetings.end(), greeting) != kGreetings.end();
    if (after != ',') return false;
    return std::find(kGreetingEnds.begin(), kGreetingEnds.end(), ascii_lowercase(greeting)) != kGreetingEnds.end();
}

bool is_title(std::string_view word) { return std::find(kTitles.begin(), kTitles.end(), word) != kTitles.end(); }

// Words of `text` split at spaces, with their byte offsets.
struct Word {
    std::size_t begin = 0;
    std::string_view text;  // without the punctuation that follows it
    char after = 0;         // the first mark of that punctuation ('\0' for none)
};

std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> words;
    for (std::string_view token : words_as_written(text)) {
        const auto begin = static_cast<std::size_t>(token.data() - text.data());
        char after = 0;
        if (!is_title(token))  // "Mr." keeps its stop
            while (!token.empty() && std::string_view(",.!?;").find(token.back()) != std::string_view::npos) {
                after = token.back();
                token.remove_suffix(1);
            }
        words.push_back({begin, token, after});
    }
    return words;
}

}  // namespace

std::string without_unknown_vocatives(std::string_view reply, std::span<const std::string> conversation) {
    const auto named = [&](std::string_view name) {
        return std::any_of(conversation.begin(), conversation.end(),
                           [&](const std::string& turn) { return turn.find(name) != std::string::npos; });
    };
    const std::vector<Word> words = words_of(reply);
    std::string out(reply);
    // Byte ranges to cut, found left to right, cut right to left.
    std::vector<std::pair<std::size_t, std::size_t>> cuts;
    for (std::size_t i = 0; i < words.size(); ++i) {
        // A name: a given name, or a title and a name, ending at word `last`.
        std::size_t last = i;
        if (is_title(words[i].text) && i + 1 < words.size() && words[i].after == 0 &&
            !words[i + 1].text.empty() && letters_at(words[i + 1].text) == words[i + 1].text) {
            // The name after a title may come out in lowercase ("Hello, Mr. lie.").
            last = i + 1;
        } else if (!is_addressed_name(words[i].text) &&
                   !(i > 0 && is_greeting_end(words[i - 1].text, words[i - 1].after) &&
                     is_capitalised_word(words[i].text) &&
                     std::find(kRoles.begin(), kRoles.end(), words[i].text) == kRoles.end())) {
            continue;
        }
        const std::string_view name = words[last].text;
        if (named(name)) continue;
        const bool ends_clause = words[last].after != 0;
        const bool after_comma = i > 0 && words[i - 1].after == ',';
        const bool after_greeting = i > 0 && words[i - 1].after == 0 && is_greeting_end(words[i - 1].text, 0);
        const bool starts = i == 0 || (words[i - 1].after != 0 && words[i - 1].after != ',');
        const std::size_t name_end = words[last].begin + words[last].text.size();
        if ((after_comma || after_greeting) && ends_clause) {
            // ", Jim." -> "."; "Hi Judy!" -> "Hi!"
            cuts.emplace_back(words[i - 1].begin + words[i - 1].text.size(), name_end);
        } else if (starts && words[last].after == ',') {
            // "Judy, come here." -> "Come here."
            const std::size_t next = last + 1 < words.size() ? words[last + 1].begin : reply.size();
            cuts.emplace_back(words[i].begin, next);
        }
        i = last;
    }
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
        const auto [from, to] = *it;
        const bool sentence_start = from == 0 || (from >= 2 && std::string_view(".!?").find(out[from - 2]) != std::string_view::npos);
        out.erase(from, to - from);
        // The word that now starts a sentence takes its capital.
        if (sentence_start && from < out.size() && out[from] >= 'a' && out[from] <= 'z' &&
            (from == 0 || out[from - 1] == ' '))
            out[from] = static_cast<char>(out[from] - 32);
    }
    return out;
}

}  // namespace attentive
