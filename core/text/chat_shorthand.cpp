#include "core/text/chat_shorthand.h"

#include <algorithm>
#include <unordered_map>

#include "core/text/utf8.h"

namespace attentive {

namespace {

// Shorthand read in any case ("Thx", "BTW"), and what it stands for.
const std::unordered_map<std::string, std::string>& abbreviations() {
    static const std::unordered_map<std::string, std::string> table = {
        {"thx", "thanks"}, {"thnx", "thanks"}, {"thanx", "thanks"}, {"tnx", "thanks"}, {"thks", "thanks"},
        {"ty", "thank you"}, {"tysm", "thank you so much"}, {"pls", "please"}, {"plz", "please"},
        {"plse", "please"}, {"tmrw", "tomorrow"}, {"tmr", "tomorrow"}, {"tmrrw", "tomorrow"},
        {"tmw", "tomorrow"}, {"2moro", "tomorrow"}, {"2morrow", "tomorrow"}, {"2day", "today"},
        {"2nite", "tonight"}, {"2night", "tonight"}, {"tonite", "tonight"}, {"nite", "night"},
        {"b4", "before"}, {"gr8", "great"}, {"l8r", "later"}, {"l8er", "later"},
        {"idk", "I don't know"}, {"idc", "I don't care"}, {"btw", "by the way"},
        {"asap", "as soon as possible"}, {"imo", "in my opinion"}, {"imho", "in my opinion"},
        {"tbh", "to be honest"}, {"brb", "be right back"}, {"omg", "oh my god"}, {"np", "no problem"},
        {"nvm", "never mind"}, {"ofc", "of course"}, {"rn", "right now"}, {"jk", "just kidding"},
        {"fyi", "for your information"}, {"ttyl", "talk to you later"}, {"cya", "see you"},
        {"gonna", "going to"}, {"wanna", "want to"}, {"gotta", "have to"}, {"dunno", "don't know"},
        {"gimme", "give me"}, {"lemme", "let me"}, {"kinda", "kind of"}, {"sorta", "sort of"},
        {"cuz", "because"}, {"coz", "because"}, {"bc", "because"}, {"bcoz", "because"},
        {"bcuz", "because"}, {"thru", "through"}, {"tho", "though"}, {"ppl", "people"},
        {"msg", "message"}, {"bday", "birthday"}, {"wknd", "weekend"}, {"abt", "about"},
        {"pic", "picture"}, {"pics", "pictures"}, {"luv", "love"}, {"sry", "sorry"},
        {"smth", "something"}, {"sth", "something"}, {"txt", "text"},
        // Contractions typed without their apostrophe, where no English word is spelled so.
        {"dont", "don't"}, {"doesnt", "doesn't"}, {"didnt", "didn't"}, {"cant", "can't"},
        {"couldnt", "couldn't"}, {"shouldnt", "shouldn't"}, {"wouldnt", "wouldn't"}, {"wont", "won't"},
        {"isnt", "isn't"}, {"arent", "aren't"}, {"wasnt", "wasn't"}, {"werent", "weren't"},
        {"havent", "haven't"}, {"hasnt", "hasn't"}, {"hadnt", "hadn't"}, {"mustnt", "mustn't"},
        {"im", "I'm"}, {"ive", "I've"}, {"youre", "you're"}, {"youve", "you've"}, {"youll", "you'll"},
        {"theyre", "they're"}, {"theyve", "they've"}, {"theyll", "they'll"}, {"weve", "we've"},
        {"thats", "that's"}, {"whats", "what's"}, {"wheres", "where's"}, {"whos", "who's"},
        {"theres", "there's"}, {"heres", "here's"}, {"hes", "he's"}, {"shes", "she's"},
        // Names of days, months and languages typed in lower case ("friday": "Ich sollte mit dem
        // Geburtstagtag meines Geburtstags kommen."); not "may", "march" or "august".
        {"monday", "Monday"}, {"tuesday", "Tuesday"}, {"wednesday", "Wednesday"}, {"thursday", "Thursday"},
        {"friday", "Friday"}, {"saturday", "Saturday"}, {"sunday", "Sunday"}, {"january", "January"},
        {"february", "February"}, {"april", "April"}, {"june", "June"}, {"july", "July"},
        {"september", "September"}, {"october", "October"}, {"november", "November"},
        {"december", "December"}, {"christmas", "Christmas"}, {"english", "English"}, {"french", "French"},
        {"german", "German"}, {"spanish", "Spanish"}, {"italian", "Italian"}, {"chinese", "Chinese"},
        {"japanese", "Japanese"},
        // "i" alone and contracted.
        {"i", "I"}, {"i'm", "I'm"}, {"i'll", "I'll"}, {"i've", "I've"}, {"i'd", "I'd"},
    };
    return table;
}

// Shorthand that is another word with a capital ("100 BC", "an RN", "Ty"): lower case only.
bool lower_case_only(std::string_view shorthand) {
    return shorthand == "bc" || shorthand == "rn" || shorthand == "ty" || shorthand == "jk";
}

// After "ur", these make it "you're" ("ur welcome"); elsewhere it is "your".
bool follows_you_are(std::string_view next) {
    static const std::string_view words[] = {"welcome", "right", "wrong", "late", "so", "not", "going", "coming",
                                             "kidding", "sure", "being", "very", "too", "always", "the", "a"};
    return std::find(std::begin(words), std::end(words), next) != std::end(words);
}

// A run of ASCII letters, digits and inner apostrophes ("i'm", "b4").
struct Token {
    std::size_t begin = 0, end = 0;
    std::string lower;  // "’" read as "'"
};

std::vector<Token> tokens_of(std::string_view text) {
    std::vector<Token> tokens;
    const auto word_char = [](char c) { return is_ascii_letter(c) || is_ascii_digit(c); };
    for (std::size_t at = 0; at < text.size();) {
        if (!word_char(text[at])) {
            ++at;
            continue;
        }
        Token token{at, at, {}};
        while (at < text.size()) {
            if (word_char(text[at])) {
                token.lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[at]))));
                ++at;
            } else if (text[at] == '\'' && at + 1 < text.size() && word_char(text[at + 1])) {
                token.lower.push_back('\'');
                ++at;
            } else if (text.substr(at).starts_with("\u2019") && at + 3 < text.size() && word_char(text[at + 3])) {
                token.lower.push_back('\'');
                at += 3;
            } else {
                break;
            }
        }
        token.end = at;
        tokens.push_back(std::move(token));
    }
    return tokens;
}

// A token that is part of something else: a number, an address, a path, "U-turn", "U.S.".
bool is_joined(std::string_view text, const Token& token) {
    const auto joining = [](char c) { return c == '-' || c == '@' || c == '/' || c == '_' || c == '&' || c == '.'; };
    if (token.begin > 0 && joining(text[token.begin - 1])) return true;
    if (token.end < text.size() && joining(text[token.end])) {
        // A full stop ends a sentence; a dot before a letter joins ("U.S.", "www.ur.com").
        if (text[token.end] != '.') return true;
        const std::size_t after = token.end + 1;
        return after < text.size() && (is_ascii_letter(text[after]) || is_ascii_digit(text[after]));
    }
    return false;
}

// Whether a sentence starts at byte `at`: only spaces, quotes or brackets since the text's start
// or an end mark.
bool starts_sentence(std::string_view text, std::size_t at) {
    while (at > 0) {
        const char c = text[at - 1];
        if (c == '.' || c == '!' || c == '?' || c == '\n') return true;
        if (c != ' ' && c != '"' && c != '(' && c != '\t') return false;
        --at;
    }
    return true;
}

}  // namespace

std::vector<RewrittenWord> shorthand_words(std::string_view text) {
    const std::vector<Token> tokens = tokens_of(text);
    std::vector<RewrittenWord> found;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const Token& token = tokens[k];
        if (is_joined(text, token)) continue;
        const std::string_view written = text.substr(token.begin, token.end - token.begin);
        const bool lower_case = std::none_of(written.begin(), written.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        const std::string_view next = k + 1 < tokens.size() ? std::string_view(tokens[k + 1].lower) : std::string_view();
        const std::string_view before = k > 0 ? std::string_view(tokens[k - 1].lower) : std::string_view();
        std::string out;
        if (lower_case && token.lower == "u") out = "you";
        else if (lower_case && token.lower == "r") out = "are";
        else if (lower_case && token.lower == "ur") out = follows_you_are(next) ? "you're" : "your";
        else if (lower_case && token.lower == "c" && (next == "u" || next == "ya" || next == "you")) out = "see";
        else if (lower_case && token.lower == "ya" && (before == "c" || before == "see")) out = "you";
        else if (const auto entry = abbreviations().find(token.lower);
                 entry != abbreviations().end() && (lower_case || !lower_case_only(token.lower)))
            out = entry->second;
        // "I’ve" is "I've" already.
        std::string typed(written);
        for (std::size_t at = typed.find("\u2019"); at != std::string::npos; at = typed.find("\u2019", at))
            typed.replace(at, 3, "'");
        if (out.empty() || out == typed) continue;
        if (starts_sentence(text, token.begin) && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
        found.push_back({token.begin, token.end - token.begin, std::move(out)});
    }
    // "&" between spaces is "and" ("Tom & Anna are here." -> "Tom zwischen Anna sind hier.");
    // not in "R&B" or "AT&T".
    for (std::size_t at = text.find(" & "); at != std::string_view::npos; at = text.find(" & ", at + 1))
        found.push_back({at + 1, 1, "and"});
    std::sort(found.begin(), found.end(), [](const RewrittenWord& a, const RewrittenWord& b) { return a.begin < b.begin; });
    return found;
}

std::string with_shorthand_written_out(std::string_view text) {
    return with_rewritten_words(text, shorthand_words(text));
}

}  // namespace attentive
