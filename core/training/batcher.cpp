#include "core/training/batcher.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

#include "core/training/corpus.h"

namespace attentive {

namespace {

// Distinct, well-mixed seeds per epoch and purpose (splitmix64 finaliser).
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t epoch, std::uint64_t purpose) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (epoch * 2 + purpose + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::vector<std::vector<std::size_t>> cut(const std::vector<EncodedPair>& pairs,
                                          const std::vector<std::size_t>& order,
                                          const BatcherOptions& options) {
    const auto source_of = [&](std::size_t index) { return std::max<std::size_t>(1, pairs[index].source.size()); };
    const auto target_of = [&](std::size_t index) { return pairs[index].target.size() + 1; };  // + BOS/EOS
    const auto fits = [&](const std::vector<std::size_t>& batch) {
        std::size_t s = 0, t = 0;
        for (const std::size_t index : batch) {
            s = std::max(s, source_of(index));
            t = std::max(t, target_of(index));
        }
        return batch.size() <= static_cast<std::size_t>(options.max_sentences) &&
               batch.size() * (s + t) <= static_cast<std::size_t>(options.batch_tokens);
    };
    std::vector<std::vector<std::size_t>> batches;
    std::vector<std::size_t> current;
    std::size_t longest_source = 0, longest_target = 0;
    for (const std::size_t index : order) {
        const std::size_t s = std::max(longest_source, source_of(index));
        const std::size_t t = std::max(longest_target, target_of(index));
        const bool over = (current.size() + 1) * (s + t) > static_cast<std::size_t>(options.batch_tokens) ||
                          current.size() >= static_cast<std::size_t>(options.max_sentences);
        if (!current.empty() && over) {
            // Batch sizes in multiples of 8 keep the number of distinct shapes (and so of oneDNN
            // primitives to create) small; the few pairs left over start the next batch.
            std::size_t keep = current.size();
            if (keep > 8) keep -= keep % 8;
            std::vector<std::size_t> rest(current.begin() + static_cast<std::ptrdiff_t>(keep), current.end());
            current.resize(keep);
            batches.push_back(std::move(current));
            rest.push_back(index);
            while (rest.size() > 1 && !fits(rest)) {
                batches.push_back({rest.front()});
                rest.erase(rest.begin());
            }
            current = std::move(rest);
            longest_source = longest_target = 0;
            for (const std::size_t i : current) {
                longest_source = std::max(longest_source, source_of(i));
                longest_target = std::max(longest_target, target_of(i));
            }
            continue;
        }
        longest_source = s;
        longest_target = t;
        current.push_back(index);
    }
    if (!current.empty()) batches.push_back(std::move(current));
    return batches;
}

}  // namespace

Batcher::Batcher(const std::vector<EncodedPair>& pairs, BatcherOptions options)
    : m_pairs(&pairs), m_options(options) {
    if (pairs.empty()) throw std::invalid_argument("Batcher: no training pairs");
    if (options.batch_tokens < 1 || options.max_sentences < 1) {
        throw std::invalid_argument("Batcher: batch_tokens and max_sentences must be positive, got " +
                                    std::to_string(options.batch_tokens) + " and " +
                                    std::to_string(options.max_sentences));
    }
    plan(0);
}

std::vector<std::vector<std::size_t>> Batcher::plan_epoch(const std::vector<EncodedPair>& pairs,
                                                          const BatcherOptions& options,
                                                          std::uint64_t epoch) {
    std::vector<std::size_t> order(pairs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (!options.shuffle) return cut(pairs, order, options);
    // Shuffle first, then a stable sort by length: equal-length pairs land in random batches,
    // and each batch holds pairs of nearly one length.
    deterministic_shuffle(order, mix_seed(options.seed, epoch, 0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto key_a = std::make_pair(pairs[a].source.size(), pairs[a].target.size());
        const auto key_b = std::make_pair(pairs[b].source.size(), pairs[b].target.size());
        return key_a < key_b;
    });
    std::vector<std::vector<std::size_t>> batches = cut(pairs, order, options);
    deterministic_shuffle(batches, mix_seed(options.seed, epoch, 1));
    return batches;
}

void Batcher::plan(std::uint64_t epoch) {
    m_plan = plan_epoch(*m_pairs, m_options, epoch);
    m_planned_epoch = epoch;
}

const std::vector<std::size_t>& Batcher::peek() const { return m_plan[m_position.index]; }

Batch Batcher::next() {
    Batch batch = batch_of(*m_pairs, m_plan[m_position.index], m_options);
    ++m_position.index;
    if (m_position.index >= m_plan.size()) {
        ++m_position.epoch;
        m_position.index = 0;
        plan(m_position.epoch);
    }
    return batch;
}

void Batcher::set_position(BatchPosition position) {
    if (position.epoch != m_planned_epoch) plan(position.epoch);
    if (position.index >= m_plan.size()) {
        throw std::invalid_argument("Batcher: batch index " + std::to_string(position.index) +
                                    " is beyond the " + std::to_string(m_plan.size()) +
                                    " batches of an epoch (was the corpus changed?)");
    }
    m_position = position;
}

double Batcher::epoch_progress() const {
    return static_cast<double>(m_position.epoch) +
           static_cast<double>(m_position.index) / static_cast<double>(m_plan.size());
}

Batch batch_of(const std::vector<EncodedPair>& pairs, const std::vector<std::size_t>& indices,
               const BatcherOptions& options) {
    std::vector<std::vector<int>> sources, targets;
    sources.reserve(indices.size());
    targets.reserve(indices.size());
    for (const std::size_t index : indices) {
        sources.push_back(pairs[index].source);
        targets.push_back(pairs[index].target);
    }
    return make_batch(sources, targets, options.pad_id, options.bos_id, options.eos_id);
}

}  // namespace attentive
