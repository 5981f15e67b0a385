#pragma once
// Maximum mutual information reranking (Li et al. 2016, "A Diversity-Promoting Objective
// Function for Neural Conversation Models"): among candidate replies T to a context S, keep the
// one with the best  log p(T | S) / |T|  +  λ · log p(S | T) / |S|  +  γ · |T|.
// The forward term favours fluent replies, the backward term replies from which the context
// could be told (so not "I don't know." to everything), the length term longer ones.

#include <cstddef>
#include <vector>

namespace attentive {

// One candidate's scores.
struct RerankScores {
    float forward = 0.0f;   // log p(reply | context) per reply piece (EOS counted)
    float backward = 0.0f;  // log p(context | reply) per context piece (EOS counted); -inf: cannot score
    int length = 0;         // reply pieces (EOS not counted)
};

struct RerankWeights {
    float backward = 0.5f;  // λ
    float length = 0.0f;    // γ
};

// forward + weights.backward * backward + weights.length * length (-inf when backward is -inf
// and its weight is not 0).
float rerank_score(const RerankScores& scores, const RerankWeights& weights);

// The index of the candidate with the highest rerank_score; the first of equal ones. Throws
// std::invalid_argument when `candidates` is empty.
std::size_t best_candidate(const std::vector<RerankScores>& candidates, const RerankWeights& weights);

}  // namespace attentive
