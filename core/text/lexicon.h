#pragma once
// A translation model's lexicon (lexicon.txt in its folder, written by scripts/make-lexicon.py
// from the training pairs with IBM Model 1): for a source word, the target words it is usually
// translated by. The "possibly untranslated" flag reads it (core/untranslated_words.h): a word
// whose usual translation is in the sentence's translation is not flagged, whatever its
// erasure effect, which alone flags correct words whose translation the context predicts.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attentive {

// A lexicon.txt larger than this is refused (the shipped ones hold about 0.3 MB).
inline constexpr std::uint64_t kMaxLexiconBytes = 64ull << 20;

class Lexicon {
public:
    Lexicon() = default;
    // `entries`: word key -> usual translations (word keys), most likely first.
    explicit Lexicon(std::unordered_map<std::string, std::vector<std::string>> entries);

    // Reads a lexicon file: '#' starts a comment line; every other line is a source word key, a
    // tab, and its translations separated by spaces. Throws ModelFormatError naming the file
    // and line when a line has no tab or a word is not a word key (word_keys()), FileError when
    // it cannot be read or is larger than kMaxLexiconBytes.
    static Lexicon load(const std::filesystem::path& file);

    // The usual translations of `key` (a word key), most likely first; empty when unknown.
    const std::vector<std::string>& translations(std::string_view key) const;
    bool empty() const { return m_entries.empty(); }

private:
    std::unordered_map<std::string, std::vector<std::string>> m_entries;
};

// The words of `text` as a lexicon compares them: lowercase runs of letters and digits ("J'ai
// vu un arc-en-ciel" -> j, ai, vu, un, arc, en, ciel).
std::vector<std::string> word_keys(std::string_view text);

// The words of `text` as written: the runs between spaces, punctuation included ("Mr.",
// "brother,"), as views into `text`.
std::vector<std::string_view> words_as_written(std::string_view text);

// Whether two word keys read as forms of one word: equal, or sharing a first four letters or
// more that are at least 60% of the shorter ("bleu" and "bleue", "essaye" and "essayer",
// "fahrrad" and "fahrradfahrer"; not "main" and "maison").
bool same_word_stem(std::string_view a, std::string_view b);

enum class LexiconEvidence {
    none,                 // no lexicon to ask (a model folder without lexicon.txt)
    unknown_word,         // the lexicon has none of the word's keys (a rare word, a name)
    translation_found,    // one of its usual translations is in the translation
    translation_missing,  // none of them is
};

// What `lexicon` says of `source_word` (as it reads in the source) in a translation whose
// word_keys() are `target_words` (in `target_language`; a sentence's words are split once for
// all its source words). A word the translation holds as itself (a name, a number) is
// found, whether the lexicon knows it or not. Translations that are function words of the target language
// (core/text/function_words.h) are not looked for: they are in almost every sentence, so a
// word with no other translation is an unknown word.
// `reverse`, when given, is the lexicon of the opposite direction (target word -> source
// words): a word is also found when a word of the translation is usually translated back by it.
// It catches what one direction's five likeliest words miss: "poussette" -> stroller, baby
// (for "baby stroller"), "applaudissent" -> clapping, hands (docs/attention.md).
LexiconEvidence lexicon_evidence(const Lexicon& lexicon, std::string_view source_word,
                                 const std::vector<std::string>& target_words, std::string_view target_language,
                                 const Lexicon& reverse = Lexicon());

}  // namespace attentive
