#include "core/metrics/dialogue.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/metrics/bleu.h"

namespace attentive {

namespace {

std::vector<std::string> words_of(const std::string& text) {
    std::string lowered = tokenize_13a(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::istringstream in(lowered);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

using Ngram = std::vector<std::string>;

std::map<Ngram, int> ngram_counts(const std::vector<std::string>& words, int n) {
    std::map<Ngram, int> counts;
    for (std::size_t i = 0; i + n <= words.size(); ++i)
        ++counts[Ngram(words.begin() + static_cast<std::ptrdiff_t>(i),
                       words.begin() + static_cast<std::ptrdiff_t>(i + n))];
    return counts;
}

}  // namespace

double distinct_n(const std::vector<std::string>& replies, int n) {
    if (n < 1) throw std::invalid_argument("distinct_n: n must be at least 1");
    std::set<Ngram> distinct;
    std::size_t total = 0;
    for (const auto& reply : replies) {
        for (const auto& [gram, count] : ngram_counts(words_of(reply), n)) {
            distinct.insert(gram);
            total += static_cast<std::size_t>(count);
        }
    }
    return total == 0 ? 0.0 : static_cast<double>(distinct.size()) / static_cast<double>(total);
}

double average_sentence_bleu(const std::vector<std::string>& hypotheses,
                             const std::vector<std::string>& references, int max_order) {
    if (hypotheses.size() != references.size())
        throw std::invalid_argument("average_sentence_bleu: " + std::to_string(hypotheses.size()) +
                                    " hypotheses but " + std::to_string(references.size()) + " references");
    if (max_order < 1 || max_order > 4)
        throw std::invalid_argument("average_sentence_bleu: max_order must be 1..4");
    if (hypotheses.empty()) return 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < hypotheses.size(); ++i) {
        const auto hyp = words_of(hypotheses[i]);
        const auto ref = words_of(references[i]);
        if (hyp.empty()) continue;  // scores 0
        double log_precision = 0.0;
        for (int n = 1; n <= max_order; ++n) {
            const auto h = ngram_counts(hyp, n);
            const auto r = ngram_counts(ref, n);
            double matched = 0.0, total = 0.0;
            for (const auto& [gram, count] : h) {
                total += count;
                auto it = r.find(gram);
                if (it != r.end()) matched += std::min(count, it->second);
            }
            if (total == 0.0) {
                log_precision += std::log(0.1 / 1.0);
                continue;
            }
            log_precision += std::log((matched > 0.0 ? matched : 0.1) / total);
        }
        const double c = static_cast<double>(hyp.size()), rl = static_cast<double>(ref.size());
        const double brevity = c >= rl ? 1.0 : std::exp(1.0 - rl / c);
        sum += brevity * std::exp(log_precision / max_order);
    }
    return sum / static_cast<double>(hypotheses.size());
}

}  // namespace attentive
