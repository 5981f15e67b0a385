#include "core/text/known_names.h"

#include <algorithm>

#include "core/text/function_words.h"
#include "core/text/given_names.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Whether `candidate`, a usual translation of a name's `key`, comes from a longer name the key is
// part of: it is an ordinary word of the source language, which the lexicon translates
// otherwise ("York" -> new, york, from "New York"; "new" -> neue, neuen). "Marie" for "Mary",
// "Wien" for "Vienna" are no source words, and stay the name's translations.
bool from_longer_name(const std::string& candidate, const std::string& key, const Lexicon& lexicon) {
    if (candidate == key) return false;
    const std::vector<std::string>& own = lexicon.translations(candidate);
    return !own.empty() && std::find(own.begin(), own.end(), candidate) == own.end();
}

// The lexicon's first translation of `word` that is not a function word nor from a longer name,
// in lower case; empty when the lexicon has none.
std::string usual_translation(std::string_view word, const Lexicon& lexicon, std::string_view target_language) {
    for (const std::string& key : word_keys(word))
        for (const std::string& candidate : lexicon.translations(key))
            if (!is_function_word(candidate, target_language) && !from_longer_name(candidate, key, lexicon))
                return candidate;
    return {};
}

// Whether a word or a comma comes before byte `begin` (spaces aside): a word after a quote or a
// bracket starts what is quoted ("a sign that says \"Come on now\"", "(gliding) Une personne").
bool after_word(std::string_view sentence, std::size_t begin) {
    while (begin > 0 && sentence[begin - 1] == ' ') --begin;
    if (begin == 0) return false;
    const unsigned char before = static_cast<unsigned char>(sentence[begin - 1]);
    if (before == ',') return true;
    const Utf8Char c = decode_utf8_at(sentence, utf8_char_start(sentence, begin));
    return c.well_formed && (is_letter(c.code_point) || (c.code_point >= '0' && c.code_point <= '9'));
}

// The sentence's first word: its first run of letters ("« Pierre ..." -> "Pierre").
std::string_view first_word(std::string_view sentence) {
    std::size_t begin = 0;
    while (begin < sentence.size()) {
        const Utf8Char c = decode_utf8_at(sentence, begin);
        if (c.well_formed && is_letter(c.code_point)) break;
        begin += c.length;
    }
    return letters_at(sentence, begin);
}

}  // namespace

std::vector<LostName> lost_known_names(std::string_view sentence, const std::vector<ProtectedSpan>& every_name_spans,
                                       std::string_view translation, const SpanRules& rules, const Lexicon& lexicon,
                                       const std::function<std::size_t(std::string_view)>& target_pieces) {
    const std::vector<std::string> target_words = word_keys(translation);
    // Neither written as one of its usual translations nor copied, perhaps with a case ending
    // ("Tom" -> "Toms Frau"). Any other ending is a garbled name: "Paul" -> "Pauly", "Pauler".
    const auto with_case_ending = [](std::string_view word, std::string_view key) {
        if (!word.starts_with(key)) return false;
        const std::string_view ending = word.substr(key.size());
        return ending.empty() || ending == "s" || ending == "es" || ending == "n" || ending == "ns";
    };
    // A word that starts as the name does is judged by its ending alone, not taken for the
    // name's translation by the lexicon's loose comparison of stems.
    const auto missing = [&](std::string_view name) {
        const std::vector<std::string> keys = word_keys(name);
        const auto written = [&](const std::string& key) {
            return std::any_of(target_words.begin(), target_words.end(),
                               [&](const std::string& word) { return with_case_ending(word, key); });
        };
        if (std::all_of(keys.begin(), keys.end(), written)) return false;
        std::vector<std::string> other_words;
        for (const std::string& word : target_words)
            if (std::none_of(keys.begin(), keys.end(), [&](const std::string& key) {
                    return word.starts_with(key) || from_longer_name(word, key, lexicon);
                }))
                other_words.push_back(word);
        return lexicon_evidence(lexicon, name, other_words, rules.target_language) != LexiconEvidence::translation_found;
    };
    std::vector<LostName> lost;
    // A sentence's first word is as often "Ils", "Judging" or "Tie" as a name, and the span
    // finder leaves it out. A given name there that is missing was lost: "Pierre habite à
    // Lyon." -> "Let's live in Lyon.", "Julia wohnt in Hamburg." -> "July is living in Hamburg."
    // ("Marie" -> "Mary", as the lexicon translates it, is not lost).
    const std::string_view first = first_word(sentence);
    if (is_given_name(first) && missing(first)) lost.push_back({std::string(first), ""});
    // The span finder with no word known names every other capitalised word it would judge.
    for (const ProtectedSpan& span : every_name_spans) {
        if (span.kind != SpanKind::name || span.text.find(' ') != std::string::npos || !span.target_text.empty() ||
            !rules.known_word(span.text) || !after_word(sentence, span.begin) || !missing(span.text))
            continue;
        // A given name is a name, whatever the pieces below say ("mit Julia" -> "to July").
        if (is_given_name(span.text)) {
            lost.push_back({span.text, ""});
            continue;
        }
        // How the target vocabulary writes the usual translation tells a name from a word: in
        // fewer pieces capitalised ("Vienna" in one, "vienna" in three). A translation that is a
        // common word, whole in lower case ("vienne" -> "come", "Scottish" -> "écossais"), says
        // the capital was not a name's or is ambiguous: left to the model. German capitalises
        // every noun: there only the first kind is a name ("Wien"; not "Arzt" -> "doctor").
        const std::string usual = usual_translation(span.text, lexicon, rules.target_language);
        std::string written;
        if (!usual.empty()) {
            const std::string upper = with_upper_first(usual);
            const std::size_t upper_pieces = target_pieces(upper), lower_pieces = target_pieces(usual);
            if (lower_pieces == 1) continue;
            if (rules.source_language == "de" && upper_pieces >= lower_pieces) continue;
            // Written capitalised unless clearly fewer pieces in lower case ("armée": 2 and 4).
            written = lower_pieces + 1 < upper_pieces ? usual : upper;
        } else if (rules.source_language == "de") {
            continue;
        }
        if (written == span.text) written.clear();
        lost.push_back({span.text, std::move(written)});
    }
    return lost;
}

MaskedSentence mask_protecting(std::string_view sentence, const SpanRules& rules, const std::vector<LostName>& lost) {
    SpanRules protecting = rules;
    protecting.known_word = [known = rules.known_word, &lost](std::string_view word) {
        return known(word) && std::none_of(lost.begin(), lost.end(), [&](const LostName& n) { return n.word == word; });
    };
    // A lost first word is not taken for the common word it is in lower case ("pierre").
    protecting.common_word = [common = rules.common_word, &lost](std::string_view lowercase_word) {
        return common(lowercase_word) && std::none_of(lost.begin(), lost.end(), [&](const LostName& n) {
                   return with_lower_first(n.word) == lowercase_word;
               });
    };
    MaskedSentence masked = mask_protected_spans(sentence, protecting);
    for (ProtectedSpan& span : masked.spans)
        for (const LostName& name : lost)
            if (span.kind == SpanKind::name && span.text == name.word) span.target_text = name.target_text;
    return masked;
}

}  // namespace attentive
