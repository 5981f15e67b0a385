#include "core/decoding/rerank.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace attentive {

float rerank_score(const RerankScores& scores, const RerankWeights& weights) {
    const float backward = weights.backward == 0.0f ? 0.0f : weights.backward * scores.backward;
    return scores.forward + backward + weights.length * static_cast<float>(scores.length);
}

std::size_t best_candidate(const std::vector<RerankScores>& candidates, const RerankWeights& weights) {
    if (candidates.empty()) throw std::invalid_argument("best_candidate: there are no candidates");
    std::size_t best = 0;
    float best_score = -std::numeric_limits<float>::infinity();
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const float score = rerank_score(candidates[i], weights);
        // NaN never wins; the first candidate stands when none scores.
        if (score > best_score) {
            best = i;
            best_score = score;
        }
    }
    return best;
}

}  // namespace attentive
