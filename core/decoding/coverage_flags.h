#pragma once
// The source words whose translation may be missing, as the "possibly untranslated" flag judges
// them: a word is judged whole (all its pieces together), and only content words are judged
// (function words often have no counterpart of their own). The judgement itself is by source
// erasure (core/decoding/erasure_flags.h, core/untranslated_words.h).
//
// Each word also carries its attention support: the attention it received from the target
// pieces, each piece's share weighted by the probability the model gave that piece. It was the
// flag's signal before erasure, and measured worse (docs/attention.md); scripts/measure-flags.sh
// still reports it beside the erasure rule.

#include <cstddef>
#include <string>
#include <vector>

namespace attentive {

// A source word: pieces [first_piece, end_piece) of the sentence.
struct SourceWord {
    std::size_t first_piece = 0;
    std::size_t end_piece = 0;
    // True for a content word: it has letters or digits and is not a function word of the
    // source language nor an auxiliary verb (core/text/function_words.h,
    // is_function_or_auxiliary_word). Only content words are flagged.
    bool judged = false;
    float attention = 0.0f;  // total attention its pieces received
    float support = 0.0f;    // the same, weighted by each target piece's probability
};

// Attention rows: attention[t][s] is the weight of source piece s for target piece t (one row
// per target piece; a row for EOS, when present, is left out by the caller).
using AttentionRows = std::vector<std::vector<float>>;

// Groups `pieces` (display form, as SentenceResult::source_pieces) into words: a word starts at
// a piece with word_start set; a punctuation piece that ends a word ("dog" ",") is a word of
// its own. token_probability[t] is the probability the model gave target piece t (0 when not
// known to be among its top choices); empty means 1 for every piece (plain attention).
// `language` is the source language ("en", "fr", "de"; others judge every word).
// Throws std::invalid_argument when word_start, a row of `attention` or token_probability
// differs in length from what it describes.
std::vector<SourceWord> source_words(const std::vector<std::string>& pieces,
                                     const std::vector<bool>& word_start,
                                     const AttentionRows& attention,
                                     const std::vector<float>& token_probability,
                                     const std::string& language);

// True when `piece` holds a letter or a digit.
bool has_letter_or_digit(const std::string& piece);

}  // namespace attentive
