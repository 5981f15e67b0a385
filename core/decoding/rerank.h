#pragma once
// Maximum mutual information reranking (Li et al. 2016, "A Diversity-Promoting Objective
// Function for Neural Conversation Models"): among candidate replies T to a context S, keep the
// one with the best
//     log p(T | S) / |T|  +  λ · log p(S | T) / |S|  +  γ · |T|
//     − η · (1 − similarity(T)) · (ln(1 + words(T)) − μ(S))²
//     −  ρ · max(0, sentences(T) − N)  −  κ · repeats(T)
//     + ν · similarity(T) + τ · mood(T),
// μ(S) = a + b · ln(1 + words of the message T answers).
// The forward term favours fluent replies, the backward term replies from which the context
// could be told (so not "I don't know." to everything). The length prior (η) pulls replies
// towards the length people give such a message, a log-normal on words fitted on training
// replies; it counts less for a recalled reply the more alike the message it answered (people
// gave that reply, of its own length, to such a message). γ, a reward per reply piece, favours
// longer replies without bound. ρ and κ penalise rambling: sentences beyond N, and words said
// twice. ν rewards a reply recalled from the training dialogues (core/decoding/reply_memory.h)
// by how alike the message it answered there is to this one (0..1; 0 for a sampled reply): "I
// live in the southern part of this city." answered a message about living, not "What do you do
// for a living?". τ rewards a recalled
// reply that meets the news the message tells (sympathy for bad news, cheer for good: mood = +1)
// and penalises any reply that clashes with it (mood = −1; core/decoding/reply_mood.h).

#include <cstddef>
#include <vector>

namespace attentive {

// One candidate's scores.
struct RerankScores {
    float forward = 0.0f;   // log p(reply | context) per reply piece (EOS counted)
    float backward = 0.0f;  // log p(context | reply) per context piece (EOS counted); -inf: cannot score
    int length = 0;         // reply pieces (EOS not counted)
    // The reply's shape (core/metrics/dialogue.h reply_shape) and the message's words.
    int words = 0;
    int sentences = 0;
    int repeated_words = 0;
    int message_words = 0;
    bool recalled = false;   // a reply people gave to a similar message, not sampled
    float similarity = 0.0f; // recalled: of the message it answered to this one, 0..1
    int mood = 0;            // mood_agreement of the reply with the message's news: -1, 0, +1
};

struct RerankWeights {
    float backward = 0.5f;         // λ
    float length = 0.0f;           // γ, per reply piece
    float length_prior = 0.0f;     // η; 0: no length prior
    float length_log_mean = 0.0f;  // a
    float length_slope = 0.0f;     // b
    int max_sentences = 0;         // N; 0: no limit
    float sentence_penalty = 0.0f; // ρ, per sentence beyond N
    float repeat_penalty = 0.0f;   // κ, per repeated word
    float recalled = 0.0f;         // ν
    float mood = 0.0f;             // τ
};

// The combined score above (-inf when backward is -inf and its weight is not 0).
float rerank_score(const RerankScores& scores, const RerankWeights& weights);

// The index of the candidate with the highest rerank_score; the first of equal ones. Throws
// std::invalid_argument when `candidates` is empty.
std::size_t best_candidate(const std::vector<RerankScores>& candidates, const RerankWeights& weights);

}  // namespace attentive
