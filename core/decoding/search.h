#pragma once
// Greedy, beam and sampling search over a StepModel, with length limits, repetition controls,
// forced target prefixes, top-k alternatives and streaming. Every result carries its attention.

#include <atomic>
#include <functional>
#include <vector>

#include "core/decoding/step_model.h"
#include "core/decoding_options.h"

namespace attentive {

struct TokenChoice {
    int id = 0;
    float probability = 0.0f;
};

struct SearchResult {
    std::vector<int> ids;                          // without BOS and EOS
    bool ended_with_eos = false;
    float log_prob = 0.0f;
    float score = 0.0f;                            // log_prob with the GNMT length penalty
    std::vector<std::vector<float>> attention;     // one row per id (+ one for EOS)
    std::vector<std::vector<TokenChoice>> alternatives;  // per position, when asked for
};

// A streamed step of sentence `sentence`: the ids so far of its current best row and the
// attention row of the newest id. `finished` is true when that sentence is done.
struct SearchStep {
    int sentence = 0;
    const std::vector<int>* ids = nullptr;
    int token = 0;
    const float* attention = nullptr;
    int source_length = 0;
    bool finished = false;
};
using SearchStepCallback = std::function<void(const SearchStep&)>;

// What a target piece is to the no-repeat rule (SearchRequest::piece_kinds).
enum class PieceKind : char {
    other,              // punctuation, digits, marks: never part of a repeated word
    content_word,       // starts a word and is a content word on its own ("▁bike")
    word_start,         // starts a word of letters but is no content word alone ("▁dans", "▁l")
    word_continuation,  // letters continuing a word ("ing")
};

struct SearchRequest {
    int sentences = 0;                  // batch size B
    std::vector<int> max_lengths;       // [B]: target length limit per sentence
    int bos_id = 2;
    int eos_id = 3;
    int pad_id = 0;
    std::vector<int> banned_ids;        // never generated (pad, bos, unk...)
    // [vocab] or empty: what each target piece is, for the rule that no content word follows
    // itself once the forced prefix is done ("Könnten Sie mir bitte bitte bitte die Rechnung
    // schicken?", "A rickshaw driver waiting waiting"), except in the sentences whose
    // repeats_allowed ([B] or empty) is set. A content-word piece may not follow itself; a word
    // of several pieces may not be written again right after itself (the piece that would
    // complete the copy is banned), whatever its first piece.
    std::vector<PieceKind> piece_kinds;
    std::vector<char> repeats_allowed;
    // Greedy and sampling search: when set and it refuses the token chosen for a sentence after
    // `history`, that token is set aside and the next best (or another draw) taken, up to 8
    // choices in all; then the most probable token it allows, or the first choice when it allows
    // none. Beam search sets aside the candidates it refuses, unless it refuses all of a
    // sentence's. Replies and translations keep to known words with it
    // (core/decoding/word_list_filter.h).
    std::function<bool(int sentence, const std::vector<int>& history, int token)> allows;
    DecodeOptions options;
    // [B] or empty: each sentence's forced prefix, in place of options.target_prefix, so that
    // one batch decodes the same source after several prefixes (Translator's repairs).
    std::vector<std::vector<int>> target_prefixes;
    SearchStepCallback on_step;
    const std::atomic<bool>* cancel = nullptr;  // checked before every step; throws Cancelled
};

// Rows the model must be set up with for a request: B (greedy, sample) or B * beam_size.
int search_rows(const SearchRequest& request);

// Runs the search given by request.options.strategy. The model's rows must follow
// search_rows(): row r decodes sentence r (greedy, sample) or r / beam_size (beam).
// Returns, per sentence, up to n_best results, best first.
std::vector<std::vector<SearchResult>> run_search(StepModel& model, const SearchRequest& request);

// GNMT length penalty ((5 + length) / 6)^alpha.
float length_penalty(int length, float alpha);

}  // namespace attentive
