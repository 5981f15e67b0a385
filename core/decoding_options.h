#pragma once
// Options for one decode: the strategy and its knobs.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/decoding/rerank.h"

namespace attentive {

enum class DecodeStrategy { greedy, beam, sample };

struct DecodeOptions {
    DecodeStrategy strategy = DecodeStrategy::beam;
    int beam_size = 5;
    int n_best = 1;                     // hypotheses returned (<= beam_size)
    float length_penalty = 0.6f;        // GNMT alpha: score = logp / ((5 + len) / 6)^alpha
    float max_length_ratio = 2.0f;      // target length limit = ratio * source length + extra
    int max_length_extra = 10;
    int max_length = 256;               // absolute cap

    // Sampling (strategy == sample).
    float temperature = 1.0f;
    int top_k = 0;                      // 0: off
    float top_p = 1.0f;                 // 1: off
    std::uint64_t seed = 0;             // 0: random seed

    // Repetition controls (any strategy).
    float repetition_penalty = 1.0f;    // > 1 discourages already generated pieces
    int no_repeat_ngram_size = 0;       // 0: off

    // Forced prefix: decoding continues after these target pieces (SentencePiece ids). Applies
    // to every sentence of the request, so use it with one sentence.
    std::vector<int> target_prefix;
    // Return the top-k alternatives at each position (0: none).
    int alternatives = 0;
    // Names, numbers, e-mail addresses, URLs and code-like tokens come through unchanged
    // (core/text/protected_spans.h); false: the model reads the sentence as it is.
    bool protect_spans = true;
    // Every word written is one of the model's training targets (its reply_words.txt or
    // target_words.txt) or of the source (core/decoding/word_list_filter.h); false: any the pieces make.
    bool known_words_only = true;
    // Translators: a content word is not written twice in a row unless the source does so
    // (SearchRequest::no_immediate_repeat); false: the search follows the model alone.
    bool no_immediate_repeat = true;
    // Translators into German and French: a hypothesis that says "du" or "tu" is passed over for
    // the best that does not, within 1 of its score (core/text/address_forms.h). Set for every
    // sentence of a text whose letter opens or closes formally ("Dear Mrs Keller,", "Yours
    // sincerely,") or that a business writes (core/text/service_register.h); true: always,
    // whatever the text's salutation (the user chose "Formal").
    bool formal_address = false;
    // The same for "du" and "tu": a hypothesis that says "Sie" or "vous" is passed over for the
    // best that says "du" or "tu" instead. Set for the rest of a text whose first sentences
    // that address the reader mostly say "du" or "tu" (Translator::translate_sentences keeps
    // a text to one address); true: always (the user chose "Informal"). Not with
    // formal_address.
    bool familiar_address = false;
    // A fragment of up to four words that ends in a letter or digit ("Tom", "Thanks") is read
    // with a full stop, taken off its translation again (core/translation_units.h): for models
    // trained on sentences that end with one, which otherwise repeat words up to the length
    // bound. The shipped translators set it in their config.json.
    bool stop_after_fragments = false;

    int max_batch_size = 32;            // sentences decoded together

    // Translators with a reverse model (ModelConfig::reverse_model): the beam's hypotheses are
    // ranked by score + reverse_weight * log p(source | hypothesis) per source piece, a noisy
    // channel reranking (Yee et al. 2019) that prefers translations from which the source can
    // be told: "Demain nous allons visiter" over "Demain que nous allons visiter". 0: off.
    float reverse_weight = 0.0f;
    // Translators with a right-to-left model (ModelConfig::right_to_left_model): plus this weight
    // times its log p(hypothesis, words reversed | source) per hypothesis piece. 0: off.
    float right_to_left_weight = 0.0f;
    // Translators with an ensemble partner (ModelConfig::ensemble_model): the partner's share of
    // the log-probabilities the search follows, in [0, 1). 0: the model decodes alone.
    float ensemble_weight = 0.0f;

    // Reranking (chat models whose config names a reranker; Translator::reply): sample this many
    // candidate replies in one batch and keep the best by the combined score of
    // core/decoding/rerank.h, with these weights. 0 or 1: off.
    int rerank_candidates = 0;
    RerankWeights rerank;
    // Chat models with a reply memory (replies.tsv, core/decoding/reply_memory.h): this many
    // replies people gave to the training messages most like the one answered join the
    // candidates. 0: none.
    int recalled_replies = 0;
    // Replies not to give again (a regenerated reply's earlier versions): a reranked reply keeps
    // the best candidate that is none of them, when there is one. Per request, not in configs.
    std::vector<std::string> avoided_replies;
};


// Throws std::invalid_argument naming the option when a value is out of range.
void validate(const DecodeOptions& options);

// The address a letter's salutation or closing asks for (core/text/letter_formulas.h): a formal
// one makes `options` formal, over a familiar one; a familiar one makes it familiar unless it is
// formal already.
void take_letter_address(DecodeOptions& options, bool formal_formula, bool familiar_formula);

// The seed a request draws with: its own, or a random one when it is 0.
std::uint64_t seed_of(const DecodeOptions& options);
// Reads the fields present in `json` over `base` (names as above; strategy "greedy"|"beam"|"sample").
DecodeOptions decode_options_from_json(const nlohmann::json& json, DecodeOptions base = {});
nlohmann::json to_json(const DecodeOptions& options);

}  // namespace attentive
