#include "core/decoding/coverage_flags.h"

#include <stdexcept>

#include "core/text/function_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

bool is_letter_or_digit(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    // Latin-1 punctuation and symbols (« » ¿ ¡ ° ...) sit below U+00C0; × and ÷ among the letters;
    // general punctuation, currency and arrows at U+2000–U+2BFF.
    if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c < 0x2C00) return false;
    if (c >= 0x3000 && c < 0x3040) return false;  // CJK punctuation
    return true;
}

}  // namespace

bool has_letter_or_digit(const std::string& piece) {
    for (std::size_t pos = 0; pos < piece.size();) {
        const Utf8Char c = decode_utf8_at(piece, pos);
        if (c.well_formed && is_letter_or_digit(c.code_point)) return true;
        pos += c.well_formed ? c.length : 1;
    }
    return false;
}

std::vector<SourceWord> source_words(const std::vector<std::string>& pieces,
                                     const std::vector<bool>& word_start,
                                     const AttentionRows& attention,
                                     const std::vector<float>& token_probability,
                                     const std::string& language) {
    if (word_start.size() != pieces.size())
        throw std::invalid_argument("source_words: expected as many word starts (" +
                                    std::to_string(word_start.size()) + ") as pieces (" +
                                    std::to_string(pieces.size()) + ")");
    if (!token_probability.empty() && token_probability.size() != attention.size())
        throw std::invalid_argument("source_words: expected a probability per attention row (" +
                                    std::to_string(attention.size()) + "), got " +
                                    std::to_string(token_probability.size()));
    for (std::size_t t = 0; t < attention.size(); ++t)
        if (attention[t].size() != pieces.size())
            throw std::invalid_argument("source_words: attention row " + std::to_string(t) + " has " +
                                        std::to_string(attention[t].size()) + " weights for " +
                                        std::to_string(pieces.size()) + " source pieces");

    std::vector<SourceWord> words;
    for (std::size_t s = 0; s < pieces.size(); ++s) {
        const bool letters = has_letter_or_digit(pieces[s]);
        // Punctuation glued to the end of a word ("dog" ",") is its own word; inside a word
        // ("J" "'" "ai", "Taisez" "-" "vous") it stays part of it.
        const bool ends_word = s + 1 == pieces.size() || word_start[s + 1];
        const bool trailing_punctuation = !letters && ends_word && !words.empty() &&
                                          words.back().judged && !word_start[s];
        if (word_start[s] || words.empty() || trailing_punctuation || !words.back().judged) {
            SourceWord word;
            word.first_piece = s;
            words.push_back(word);
        }
        SourceWord& word = words.back();
        word.end_piece = s + 1;
        word.judged = word.judged || letters;
    }
    for (SourceWord& word : words) {
        if (!word.judged) continue;
        std::string text;
        for (std::size_t s = word.first_piece; s < word.end_piece; ++s) text += pieces[s];
        word.judged = !is_function_or_auxiliary_word(text, language);
    }
    for (std::size_t t = 0; t < attention.size(); ++t) {
        const float probability = token_probability.empty() ? 1.0f : token_probability[t];
        for (SourceWord& word : words) {
            float mass = 0.0f;
            for (std::size_t s = word.first_piece; s < word.end_piece; ++s) mass += attention[t][s];
            word.attention += mass;
            word.support += mass * probability;
        }
    }
    return words;
}

}  // namespace attentive
