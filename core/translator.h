#pragma once
// The engine's public face: load a model folder, translate text (or answer a chat turn) with
// decoding options, stream each generated token with its attention row, cancel between steps.
// A GUI uses only this header (and config.h, decoding_options.h): it never sees oneDNN.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config.h"
#include "core/decoding/rerank.h"
#include "core/decoding_options.h"
#include "core/text/lexicon.h"

namespace attentive {

struct EngineOptions {
    int threads = 0;                 // 0: oneDNN's default (all cores)
    // "" = the model's default (f32 where this CPU lacks it); "f32", "bf16", "int8" (an
    // explicit precision this CPU lacks is an error).
    std::string precision;
    // Load the models that rerank the beam: the translator of the opposite direction that the
    // model's config names (ModelConfig::reverse_model), when its folder is there, and its
    // right-to-left model (ModelConfig::right_to_left_model). Those are loaded without their own.
    bool load_reranking_models = true;
    // Load the model's ensemble partner (ModelConfig::ensemble_model). Off for a translator
    // loaded only to score another's beam: scores are this model's alone.
    bool load_ensemble_model = true;
};

// One alternative for a target position: the piece, its id and its probability.
struct Alternative {
    std::string piece;  // display form (see Hypothesis::target_pieces)
    int id = 0;
    float probability = 0.0f;
};

struct Hypothesis {
    std::string text;                         // detokenized
    std::vector<int> target_ids;              // without BOS/EOS
    // Pieces as a person reads them on a heatmap axis: SentencePiece's "▁" word marker removed
    // (a piece that starts a word has word_start set), never half a UTF-8 character.
    std::vector<std::string> target_pieces;
    std::vector<bool> target_word_start;
    float score = 0.0f;                       // length-normalised log-probability
    float log_prob = 0.0f;                    // total log-probability
    // attention[t][s]: weight of source piece s when generating target piece t. One row per
    // target piece, plus a last row for EOS when the hypothesis ended with it.
    std::vector<std::vector<float>> attention;
    // alternatives[t]: the top-k tokens at position t (when DecodeOptions::alternatives > 0).
    std::vector<std::vector<Alternative>> alternatives;

    // One label per attention row: the target pieces, then kEndOfSentenceLabel for the EOS row.
    std::vector<std::string> attention_row_labels() const;
};

struct SentenceResult {
    std::string source;                        // the sentence as it appeared in the input
    std::vector<std::string> source_pieces;    // display form, as target_pieces
    std::vector<bool> source_word_start;
    // The piece ids the model read, one per source piece (a protected span as its surrogate).
    std::vector<int> source_ids;
    std::vector<Hypothesis> hypotheses;        // n-best, best first (at least one)
    // coverage[s]: total attention source piece s received in the best hypothesis.
    std::vector<float> coverage;
    // The source was longer than max_sentence_chars (sentence_splitter.h). A translated sentence
    // was then cut and decoded in pieces: its one hypothesis joins the pieces' best ones (text,
    // target ids and pieces); it has no source pieces, coverage, attention matrix or
    // alternatives, which would grow with the text; its pieces stream as
    // sentences of the same index (a SentenceStart and steps each). A chat reply read only
    // the most recent max_sentence_chars of its context.
    bool cut = false;
    // A chat reply recalled from the training dialogues (core/decoding/reply_memory.h): the
    // training message it answered there. Empty for a reply the model wrote.
    std::string recalled_from;
    const Hypothesis& best() const { return hypotheses.front(); }
};

struct TranslationResult {
    std::vector<SentenceResult> sentences;     // in input order
    std::string text;                          // translations reassembled with the input's spacing
    double seconds = 0.0;
    std::int64_t target_tokens = 0;
    bool cut = false;                          // a sentence was cut at max_sentence_chars
};

// What labels an attention row that has no target piece: the row of the end of sentence.
inline constexpr const char* kEndOfSentenceLabel = "</s>";

// A sentence about to be decoded, for streaming: the source pieces its attention rows are over.
// Sent once per sentence before its first StepEvent, with exactly the pieces (and so the
// number of columns) of every attention row and of SentenceResult::source_pieces.
struct SentenceStart {
    std::size_t sentence = 0;                  // index into TranslationResult::sentences
    std::string source;                        // the sentence (for chat: the joined context)
    std::vector<std::string> source_pieces;    // display form, as SentenceResult::source_pieces
    std::vector<bool> source_word_start;
};
using SentenceStartCallback = std::function<void(const SentenceStart&)>;

// One decoding step of one sentence, for streaming.
struct StepEvent {
    std::size_t sentence = 0;            // index into TranslationResult::sentences
    int step = 0;                        // 0-based target position
    std::string piece;                   // display form of the new piece ("" for EOS)
    std::string row_label;               // the attention row's label: piece, or kEndOfSentenceLabel
    bool word_start = false;
    std::string text_so_far;             // detokenized, always whole UTF-8 characters
    // Over the sentence's source pieces (SentenceStart::source_pieces); empty when the step
    // adds no row (the search ended on its length limit without an EOS row).
    std::vector<float> attention_row;
    bool end_of_sentence = false;        // EOS was generated (or the length limit reached)
};
using StepCallback = std::function<void(const StepEvent&)>;

// Called once per sentence when it is finished, with its result (sentence index = its
// position); sentences with nothing to decode are delivered first.
using SentenceCallback = std::function<void(std::size_t index, const SentenceResult&)>;
// Progress over a long text: sentences done, sentences in total.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// A candidate reply and the scores a reranker combines (see core/decoding/rerank.h).
struct ScoredReply {
    SentenceResult result;   // as decoded: one hypothesis, with its attention
    RerankScores scores;
};

struct RequestHooks {
    SentenceStartCallback on_sentence_start;
    StepCallback on_step;                    // streamed steps (best hypothesis / greedy path)
    SentenceCallback on_sentence;
    ProgressCallback on_progress;
    const std::atomic<bool>* cancel = nullptr;  // set it to stop between two decoding steps
    // Sentences from this index on are returned (by translate and translate_sentences) with
    // their best hypothesis's text, ids and pieces alone: no attention, alternatives, source
    // pieces, coverage or other hypotheses, so that a long text costs its text, not its
    // attention. on_sentence still gets each sentence whole, before this.
    std::size_t detailed_sentences = std::numeric_limits<std::size_t>::max();
};

class Translator {
public:
    // Loads and validates a model folder (config.json, weights, tokenizers). Throws
    // ModelFormatError naming the file and problem; std::invalid_argument for bad options.
    explicit Translator(const std::filesystem::path& model_dir, EngineOptions options = {});
    ~Translator();
    Translator(const Translator&) = delete;
    Translator& operator=(const Translator&) = delete;

    const ModelConfig& config() const;
    const std::filesystem::path& model_dir() const;
    // The model's lexicon.txt (core/text/lexicon.h); empty when its folder has none.
    const Lexicon& lexicon() const;
    // The lexicon.txt of its reverse model (config().reverse_model: target word -> source
    // words), which the "possibly untranslated" judgement also reads; empty when there is none.
    const Lexicon& reverse_lexicon() const;
    std::string precision() const;          // the precision in use
    int threads() const;
    // The model's own decoding defaults (config.json "decoding"), over DecodeOptions' defaults.
    DecodeOptions default_options() const;

    // Translates a text of any length: split into sentences (paragraphs and line breaks kept),
    // decoded in batches, reassembled with the original spacing. Empty or whitespace-only text
    // gives an empty result. Invalid UTF-8 is replaced by U+FFFD. Throws Cancelled when the
    // cancel flag is set, std::invalid_argument for bad options.
    TranslationResult translate(std::string_view text, const DecodeOptions& options,
                                const RequestHooks& hooks = {});

    // Translates sentences as given (no splitting at sentence ends), in one or more batches. A
    // sentence over max_sentence_chars code points is cut and decoded in pieces (see
    // SentenceResult::cut), so memory stays bounded whatever the length.
    std::vector<SentenceResult> translate_sentences(const std::vector<std::string>& sentences,
                                                    const DecodeOptions& options,
                                                    const RequestHooks& hooks = {});

    // Chat: answers the last turn of `turns` (oldest first), using the last
    // config().chat_context_turns turns as context, joined with the separator piece. With a
    // reranker (has_reranker()) and options.rerank_candidates > 1, samples that many replies in
    // one batch and returns the one best by forward, backward and length scores (weights in
    // `options`), with its own attention; its steps are streamed to hooks.on_step once chosen.
    // A context over max_sentence_chars code points is read from its most recent part only
    // (cut = true). Throws std::invalid_argument when `turns` is empty.
    SentenceResult reply(const std::vector<std::string>& turns, const DecodeOptions& options,
                         const RequestHooks& hooks = {});

    // Whether the model folder names a reranker (config.json "reranker"), loaded beside it.
    bool has_reranker() const;
    // Whether the reverse model the config names (ModelConfig::reverse_model) was loaded: false
    // when it names none, when EngineOptions::load_reranking_models is off, or when its folder is not
    // beside this one (then DecodeOptions::reverse_weight has no effect).
    bool has_reverse_model() const;
    // Whether the right-to-left model the config names (ModelConfig::right_to_left_model, a
    // sub-folder) was loaded (false when it names none or EngineOptions::load_reranking_models is off).
    bool has_right_to_left_model() const;
    // Whether the config names an ensemble partner (ModelConfig::ensemble_model), loaded with it.
    bool has_ensemble_model() const;

    // The candidates reply() chooses among: max(1, options.rerank_candidates) replies decoded in
    // one batch, each scored forward (its log-probability per piece) and, with a reranker,
    // backward (log p(context | reply) per context piece; 0 without one). Deterministic for a
    // seed. Throws std::invalid_argument when `turns` is empty, Cancelled when cancelled.
    std::vector<ScoredReply> reply_candidates(const std::vector<std::string>& turns,
                                              const DecodeOptions& options,
                                              const std::atomic<bool>* cancel = nullptr);

    // Forced decoding: log p(targets[i] | sources[i]) under the model (EOS included, no decoding
    // controls), summed over the target's pieces; -inf when the source has no pieces. Returns
    // the sums and, in `target_pieces` when given, each target's piece count (EOS included).
    // Throws std::invalid_argument when the lists differ in length.
    std::vector<float> score(const std::vector<std::string>& sources, const std::vector<std::string>& targets,
                             std::vector<int>* target_pieces = nullptr);

    // Source erasure (leave-one-out, Li, Monroe & Jurafsky 2016): forced decoding of one
    // target, `target_ids` (without BOS/EOS), from `source_ids` (row 0) and from `source_ids`
    // with the pieces [first, end) of each of `erased` left out (row 1 + k); a source left
    // with no piece reads one unknown piece instead. Returns, per row, log p of each target
    // piece and then of EOS (target_ids.size() + 1 values). The rows are decoded in batches of
    // up to 32 (fewer for a long source, as translate_sentences bounds its batches). Throws
    // std::invalid_argument when `source_ids` is empty or a range is empty or reaches past it.
    std::vector<std::vector<float>> erasure_log_probs(const std::vector<int>& source_ids,
                                                      const std::vector<int>& target_ids,
                                                      const std::vector<std::pair<std::size_t, std::size_t>>& erased);

private:
    // translate_sentences; with `one_text`, the sentences are those of one text (translate),
    // which keeps to one address ("du" or "Sie", "tu" or "vous") throughout.
    std::vector<SentenceResult> translate_sentences(const std::vector<std::string>& sentences,
                                                    const DecodeOptions& options, const RequestHooks& hooks,
                                                    bool one_text);
    // Translates the parentheses inside `texts` (core/text/sentence_splitter.h inner_asides) that
    // Impl::aside_translations lacks, each apart, so that each becomes one span of its sentence.
    void translate_inner_asides(const std::vector<std::string>& texts, const DecodeOptions& options,
                                const std::atomic<bool>* cancel);

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace attentive
