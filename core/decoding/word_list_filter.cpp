#include "core/decoding/word_list_filter.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace attentive {

namespace {

// Calls on_word(word, finished) for each run of letters of `text`, lowercase, in order; the
// last run is unfinished when `text` ends inside it.
template <typename OnWord>
void for_each_letter_word(std::string_view text, OnWord on_word) {
    std::string word;
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Char c = decode_utf8_at(text, at);
        at += c.length;
        if (c.well_formed && is_letter(c.code_point)) {
            append_utf8(word, to_lower(c.code_point));
        } else if (!word.empty()) {
            on_word(word, true);
            word.clear();
        }
    }
    if (!word.empty()) on_word(word, false);
}

std::vector<std::string> pieces_of(const Tokenizer& tokenizer) {
    std::vector<std::string> pieces;
    for (int id = 0; id < tokenizer.vocab_size(); ++id) pieces.push_back(tokenizer.piece(id));
    return pieces;
}

bool starts_with_letter(std::string_view text) {
    if (text.empty()) return false;
    const Utf8Char c = decode_utf8_at(text, 0);
    return c.well_formed && is_letter(c.code_point);
}

}  // namespace

std::vector<std::string> letter_words(std::string_view text) {
    std::vector<std::string> words;
    for_each_letter_word(text, [&](const std::string& word, bool) { words.push_back(word); });
    return words;
}

WordList::WordList(std::vector<std::string> words) : m_words(std::move(words)) {
    std::sort(m_words.begin(), m_words.end());
    m_words.erase(std::unique(m_words.begin(), m_words.end()), m_words.end());
}

bool WordList::contains(std::string_view word) const {
    return std::binary_search(m_words.begin(), m_words.end(), word);
}

bool WordList::begins_a_word(std::string_view prefix) const {
    const auto first = std::lower_bound(m_words.begin(), m_words.end(), prefix);
    return first != m_words.end() && std::string_view(*first).substr(0, prefix.size()) == prefix;
}

WordListFilter::WordListFilter(WordList words, const std::vector<std::string>& pieces,
                                 const std::vector<int>& special_ids)
    : m_words(std::move(words)), m_piece_texts(pieces.size()) {
    constexpr std::string_view kWordBoundary = "\xE2\x96\x81";  // "▁"
    for (std::size_t id = 0; id < pieces.size(); ++id) {
        const std::string_view piece = pieces[id];
        std::string& text = m_piece_texts[id];
        for (std::size_t at = 0; at < piece.size();) {
            const bool boundary = piece.substr(at, kWordBoundary.size()) == kWordBoundary;
            text += boundary ? ' ' : piece[at];
            at += boundary ? kWordBoundary.size() : 1;
        }
    }
    for (int id : special_ids)
        if (id >= 0 && id < static_cast<int>(pieces.size())) m_piece_texts[id].assign(1, ' ');
}

WordListFilter::WordListFilter(WordList words, const Tokenizer& target, const std::vector<int>& special_ids)
    : WordListFilter(std::move(words), pieces_of(target), special_ids) {}

bool WordListFilter::allows(const std::vector<int>& history, int token, int eos, const WordList& also_allowed) const {
    if (m_words.empty()) return true;
    const auto text_of = [&](int id) -> std::string_view {
        return id >= 0 && id < static_cast<int>(m_piece_texts.size()) ? std::string_view(m_piece_texts[id]) : " ";
    };
    // The text from the last piece that begins with something other than a letter (a space, a
    // mark) on: the word being written lies inside it, whole.
    std::string text;
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        text.insert(0, text_of(*it));
        if (!starts_with_letter(text_of(*it))) break;
    }
    text += token == eos ? std::string_view(" ") : text_of(token);
    bool allowed = true;
    for_each_letter_word(text, [&](const std::string& word, bool finished) {
        if (!allowed) return;
        allowed = finished ? listed(word, true) || also_allowed.contains(word)
                           : listed(word, false) || also_allowed.begins_a_word(word);
    });
    return allowed;
}

bool WordListFilter::listed(const std::string& word, bool finished) const {
    if (finished ? m_words.contains(word) : m_words.begins_a_word(word)) return true;
    if (!m_french_agreement) return false;
    const std::string_view text = word;
    const auto takes = [](std::string_view stem, std::string_view ending) {
        if (stem.ends_with("\u00E9")) return true;  // é: a past participle takes all three
        const char last = stem.back();
        return ending == "s" && std::string_view("sxzlur").find(last) == std::string_view::npos;
    };
    for (std::string_view ending : {"e", "s", "es"}) {
        // A finished word ends with the whole ending; an unfinished one with a beginning of it.
        for (std::size_t k = finished ? ending.size() : 1; k <= ending.size(); ++k) {
            if (text.size() < kMinStem + k || !text.ends_with(ending.substr(0, k))) continue;
            const std::string_view stem = text.substr(0, text.size() - k);
            if (takes(stem, ending) && m_words.contains(stem)) return true;
        }
    }
    return false;
}

}  // namespace attentive
