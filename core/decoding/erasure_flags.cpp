#include "core/decoding/erasure_flags.h"

#include <stdexcept>
#include <string>

namespace attentive {

ErasureEffect erasure_effect(const std::vector<float>& complete, const std::vector<float>& erased) {
    if (complete.size() != erased.size() || complete.empty())
        throw std::invalid_argument("erasure_effect: expected as many log-probabilities with the word erased (" +
                                    std::to_string(erased.size()) + ") as with the complete source (" +
                                    std::to_string(complete.size()) + "), at least one");
    ErasureEffect effect;
    for (std::size_t t = 0; t < complete.size(); ++t) effect.loss += complete[t] - erased[t];
    effect.loss_per_piece = effect.loss / static_cast<float>(complete.size());
    return effect;
}

bool erasure_flags_word(const ErasureEffect& effect, float threshold) { return effect.loss_per_piece < threshold; }

}  // namespace attentive
