#include "core/decoding/rerank.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace attentive {

float rerank_score(const RerankScores& scores, const RerankWeights& weights) {
    const float backward = weights.backward == 0.0f ? 0.0f : weights.backward * scores.backward;
    float score = scores.forward + backward + weights.length * static_cast<float>(scores.length);
    if (weights.length_prior != 0.0f) {
        const float mean = weights.length_log_mean +
                           weights.length_slope * std::log1p(static_cast<float>(std::max(0, scores.message_words)));
        const float off = std::log1p(static_cast<float>(std::max(0, scores.words))) - mean;
        // A recalled reply's length is what people said to a message this alike: the prior
        // counts for the rest ("Thanks for your help." lent "Don't mention it.", which lost to
        // a longer reply at full weight).
        const float prior_share = scores.recalled ? 1.0f - std::clamp(scores.similarity, 0.0f, 1.0f) : 1.0f;
        score -= prior_share * weights.length_prior * off * off;
    }
    if (weights.max_sentences > 0 && scores.sentences > weights.max_sentences)
        score -= weights.sentence_penalty * static_cast<float>(scores.sentences - weights.max_sentences);
    if (scores.recalled) score += weights.recalled * scores.similarity;
    // Only a recalled reply earns the reward: the model's own samples meet news with nonsense
    // ("I'm so sorry. He can be a great job."); any reply pays for clashing.
    if (scores.mood < 0 || scores.recalled) score += weights.mood * static_cast<float>(scores.mood);
    return score - weights.repeat_penalty * static_cast<float>(scores.repeated_words);
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
