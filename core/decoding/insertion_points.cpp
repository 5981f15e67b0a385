#include "core/decoding/insertion_points.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "core/metrics/dialogue.h"
#include "core/text/function_words.h"
#include "core/text/lexicon.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

bool ends_sentence(const std::string& piece) { return piece == "." || piece == "!" || piece == "?" || piece == "…"; }

bool is_word(const std::string& token) {
    const unsigned char c = token.empty() ? 0 : static_cast<unsigned char>(token[0]);
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

// How many of `before` (each occurrence once) `after` does not hold, a word of `after` standing
// for one of `before` when `same(before_word, after_word)`, each used once.
template <class Same>
std::size_t missing(const std::vector<std::string>& before, std::vector<std::string> after, Same same) {
    std::size_t dropped = 0;
    for (const std::string& word : before) {
        const auto kept = std::find_if(after.begin(), after.end(), [&](const std::string& other) { return same(word, other); });
        if (kept == after.end())
            ++dropped;
        else
            after.erase(kept);
    }
    return dropped;
}

}  // namespace

std::vector<bool> insertable_rows(const std::vector<std::string>& target_pieces,
                                  const std::vector<bool>& target_word_start, std::size_t rows) {
    std::vector<bool> insertable(rows, false);
    for (std::size_t row = 0; row < rows; ++row) {
        const bool starts_word = row >= target_word_start.size() || target_word_start[row];
        const bool after_stop = row > 0 && row - 1 < target_pieces.size() && ends_sentence(target_pieces[row - 1]);
        insertable[row] = starts_word && !after_stop;
    }
    return insertable;
}

std::vector<std::size_t> insertion_points(const std::vector<std::vector<float>>& attention,
                                          const std::vector<bool>& insertable, std::size_t source_first,
                                          std::size_t source_end, std::size_t count) {
    std::vector<std::pair<float, std::size_t>> ranked;  // (attention, row)
    for (std::size_t row = 0; row < attention.size() && row < insertable.size(); ++row) {
        if (!insertable[row]) continue;
        float weight = 0.0f;
        for (std::size_t s = source_first; s < source_end && s < attention[row].size(); ++s) weight += attention[row][s];
        if (weight > 0.0f) ranked.emplace_back(weight, row);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < ranked.size() && rows.size() < count; ++i) rows.push_back(ranked[i].second);
    return rows;
}

std::size_t words_dropped(std::string_view before, std::string_view after) {
    const auto words = [](std::string_view text) {
        std::vector<std::string> kept;
        for (std::string& word : dialogue_words(text))
            if (is_word(word)) kept.push_back(std::move(word));
        return kept;
    };
    return missing(words(before), words(after), std::equal_to<>());
}

std::vector<PieceRange> axis_words(const std::vector<bool>& word_start) {
    std::vector<PieceRange> words;
    for (std::size_t i = 0; i < word_start.size(); ++i) {
        if (words.empty() || word_start[i]) words.push_back({i, i});
        words.back().second = i + 1;
    }
    return words;
}

std::string word_text(const std::vector<std::string>& pieces, PieceRange word) {
    std::string text;
    for (std::size_t i = word.first; i < word.second && i < pieces.size(); ++i) text += pieces[i];
    return text;
}

float attention_given(const std::vector<std::vector<float>>& attention, PieceRange target_word, PieceRange source) {
    float weight = 0.0f;
    for (std::size_t row = target_word.first; row < target_word.second && row < attention.size(); ++row)
        for (std::size_t s = source.first; s < source.second && s < attention[row].size(); ++s) weight += attention[row][s];
    return weight;
}

std::size_t word_attending_most(const std::vector<std::vector<float>>& attention,
                                const std::vector<PieceRange>& target_words, std::size_t source_first,
                                std::size_t source_end) {
    std::size_t best = target_words.size();
    float most = 0.0f;
    for (std::size_t w = 0; w < target_words.size(); ++w) {
        const float weight = attention_given(attention, target_words[w], {source_first, source_end});
        if (weight > most) {
            most = weight;
            best = w;
        }
    }
    return best;
}

std::vector<std::string> content_words(std::string_view text, std::string_view language) {
    std::vector<std::string> words;
    for (std::string& key : word_keys(text))
        if (utf8_length(key) > 1 && !is_function_word(key, language)) words.push_back(std::move(key));
    return words;
}

std::size_t content_words_dropped(std::string_view before, std::string_view after, std::string_view language) {
    // Another form of a word is the word ("Chapitres" for "Chapitre").
    return missing(content_words(before, language), content_words(after, language),
                   [](const std::string& a, const std::string& b) { return same_word_stem(a, b); });
}

}  // namespace attentive
