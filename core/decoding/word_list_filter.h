#pragma once
// Keeps a chat model's replies, and a translator's translations, to words people write. The
// model writes word pieces, and a piece that continues a word can make one nobody writes: 22 of
// 300 DailyDialog dev replies held a word the training dialogues never use ("loveed",
// "managerded", "com-poy", "Siaavations"). With a model's reply_words.txt (target_words.txt for a
// translator) the search (SearchRequest::allows) sets aside a piece that would begin a word no
// listed word begins, or end one that is not listed.

#include <string>
#include <string_view>
#include <vector>

#include "core/text/tokenizer.h"

namespace attentive {

// The words of `text` as the filter reads them: maximal runs of letters (is_letter in
// core/text/utf8.h), lowercase; digits, apostrophes and hyphens end a word ("Don't" -> don, t).
std::vector<std::string> letter_words(std::string_view text);

// A sorted list of lowercase words.
class WordList {
public:
    WordList() = default;
    explicit WordList(std::vector<std::string> words);

    bool empty() const { return m_words.empty(); }
    bool contains(std::string_view word) const;
    // Whether some listed word begins with `prefix` (the word itself included).
    bool begins_a_word(std::string_view prefix) const;

private:
    std::vector<std::string> m_words;
};

class WordListFilter {
public:
    WordListFilter() = default;
    // `words`: what a reply may say (reply_words.txt); `pieces`: the target pieces by id, as
    // SentencePiece writes them ("▁love", "ed"); `special_ids`: pieces that are no text (pad,
    // unk, bos, eos, the separator).
    WordListFilter(WordList words, const std::vector<std::string>& pieces, const std::vector<int>& special_ids);
    WordListFilter(WordList words, const Tokenizer& target, const std::vector<int>& special_ids);

    // Also allow the French agreement the training pairs may not hold for a given word, after a
    // listed word of at least kMinStem letters: "e", "s" or "es" after a past participle
    // ("séché" listed, "séchées" not), "s" after a noun or adjective ("bouc", "boucs") that does
    // not end in s, x or z (unchanged), l or u ("cheval", "chevaux") or r (an infinitive).
    void allow_french_agreement() { m_french_agreement = true; }
    static constexpr std::size_t kMinStem = 4;

    bool empty() const { return m_words.empty(); }
    // Whether writing `token` after `history` keeps every word of the reply in the list or in
    // `also_allowed` (the words of the message, so that a name in it can be said back): a word
    // the token finishes must be listed, the word it leaves unfinished must begin one. `eos`
    // finishes the last word.
    bool allows(const std::vector<int>& history, int token, int eos, const WordList& also_allowed) const;

private:
    // Whether `word` is listed (or a listed word with French agreement, when allowed), or, when
    // it is not `finished`, begins such a word.
    bool listed(const std::string& word, bool finished) const;

    WordList m_words;
    std::vector<std::string> m_piece_texts;  // per id: the piece with "▁" as a space
    bool m_french_agreement = false;
};

}  // namespace attentive
