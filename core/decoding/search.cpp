#include "core/decoding/search.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "core/errors.h"
#include "core/ops/ops.h"
#include "core/ops/vector_math.h"

namespace attentive {

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Per-row history of a hypothesis under construction.
struct Partial {
    std::vector<int> ids;
    std::vector<std::vector<float>> attention;
    std::vector<std::vector<TokenChoice>> alternatives;
    float log_prob = 0.0f;
};

// Applies the repetition controls and bans to one row's logits, in place. `history` is what
// the row generated so far; `seen` is scratch kept between calls.
void adjust_logits(float* logits, int vocab, const std::vector<int>& history,
                   const SearchRequest& request, std::vector<int>& seen) {
    const DecodeOptions& o = request.options;
    if (o.repetition_penalty > 1.0f) {
        seen.assign(history.begin(), history.end());  // penalise each generated id once
        std::sort(seen.begin(), seen.end());
        seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
        for (int id : seen) {
            if (id < 0 || id >= vocab) continue;
            float& v = logits[id];
            v = v > 0.0f ? v / o.repetition_penalty : v * o.repetition_penalty;
        }
    }
    for (int id : request.banned_ids)
        if (id >= 0 && id < vocab) logits[id] = kNegInf;
    // No-repeat n-grams: ban every token that would complete an n-gram already generated.
    const int n = o.no_repeat_ngram_size;
    const int h = static_cast<int>(history.size());
    if (n > 0 && h >= n - 1) {
        for (int i = 0; i + n - 1 < h; ++i) {
            bool same = true;
            for (int k = 0; k < n - 1 && same; ++k) same = history[i + k] == history[h - (n - 1) + k];
            if (same && history[i + n - 1] >= 0 && history[i + n - 1] < vocab)
                logits[history[i + n - 1]] = kNegInf;
        }
    }
}

// The scores of every row after a step, [rows, vocab], in buffers reused from step to step: the
// logits with the controls applied, and each row's log-normaliser, so that a token's
// log-probability is its score minus the normaliser. The searches rank by score, which orders
// as the log-probability does, and only the tokens they keep are normalised: writing out the
// log-softmax of every row was a third of a beam step's search time.
class StepScores {
public:
    void compute(const StepModel& model, const SearchRequest& request, const std::vector<Partial>& rows) {
        const int n_rows = static_cast<int>(rows.size());
        m_vocab = model.vocab_size();
        m_values.resize(static_cast<std::size_t>(n_rows) * m_vocab);
        m_normalizers.resize(n_rows);
        for (int r = 0; r < n_rows; ++r) {
            float* row = &m_values[static_cast<std::size_t>(r) * m_vocab];
            std::copy(model.logits(r), model.logits(r) + m_vocab, row);
            adjust_logits(row, m_vocab, rows[r].ids, request, m_seen);
        }
        ops::log_sum_exp(n_rows, m_vocab, m_values.data(), m_normalizers.data());
        for (int r = 0; r < n_rows; ++r) {
            if (std::isfinite(m_normalizers[r])) continue;
            // No distribution, or a +inf logit: store the row as log-probabilities (all -inf,
            // or 0 for the +inf entries), which rank and sample as they should.
            float* row = &m_values[static_cast<std::size_t>(r) * m_vocab];
            for (int v = 0; v < m_vocab; ++v) row[v] = ops::log_probability(row[v], m_normalizers[r]);
            m_normalizers[r] = 0.0f;
        }
    }
    const float* row(int r) const { return &m_values[static_cast<std::size_t>(r) * m_vocab]; }
    // log p of `token` in row r.
    float log_prob(int r, int token) const { return ops::log_probability(row(r)[token], m_normalizers[r]); }
    float normalizer(int r) const { return m_normalizers[r]; }
    int vocab() const { return m_vocab; }

private:
    int m_vocab = 0;
    std::vector<float> m_values;
    std::vector<float> m_normalizers;
    std::vector<int> m_seen;
};

// The k most probable tokens of a row of scores, best first, ties to the lower id, with their
// probabilities exp(score - log_normalizer). Beam search asks this
// of every row at every step, so it avoids a branch per vocabulary entry. The vocabulary is
// dealt into `kBlocks` interleaved blocks (entry i into block i mod kBlocks), whose maxima come
// from a vectorised pass; only blocks whose maximum reaches the k-th largest block maximum are
// scanned. That suffices: k blocks reach it, each holding an entry at least that large, so no
// entry of the top k is smaller. Compiled for AVX-512 and AVX2 as well.
__attribute__((target_clones("avx512f", "avx2", "default")))
std::vector<TokenChoice> top_choices(const float* scores, int vocab, int k, float log_normalizer) {
    std::vector<TokenChoice> choices;
    if (k <= 0 || vocab <= 0) return choices;
    constexpr int kBlocks = 512;
    const int blocks = std::min(vocab, kBlocks);
    thread_local std::vector<float> block_max, largest;
    block_max.assign(scores, scores + blocks);
    for (int start = blocks; start < vocab; start += blocks) {
        const float* chunk = scores + start;
        const int n = std::min(blocks, vocab - start);
        for (int i = 0; i < n; ++i) block_max[i] = chunk[i] > block_max[i] ? chunk[i] : block_max[i];
    }
    float threshold = kNegInf;
    if (blocks > k) {  // the k-th largest block maximum
        largest.assign(block_max.begin(), block_max.begin() + blocks);
        std::nth_element(largest.begin(), largest.begin() + (k - 1), largest.end(), std::greater<>());
        threshold = largest[k - 1];
    }
    // Descending by value, then ascending by id.
    std::vector<std::pair<float, int>> best;
    best.reserve(static_cast<std::size_t>(k) + 1);
    const auto before = [](const std::pair<float, int>& a, const std::pair<float, int>& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    };
    for (int b = 0; b < blocks; ++b) {
        if (block_max[b] < threshold || block_max[b] == kNegInf) continue;
        for (int id = b; id < vocab; id += blocks) {
            const std::pair<float, int> entry{scores[id], id};
            if (entry.first == kNegInf) continue;
            if (static_cast<int>(best.size()) == k && !before(entry, best.back())) continue;
            best.insert(std::upper_bound(best.begin(), best.end(), entry, before), entry);
            if (static_cast<int>(best.size()) > k) best.pop_back();
        }
    }
    choices.reserve(best.size());
    for (const auto& [v, id] : best) choices.push_back({id, std::exp(ops::log_probability(v, log_normalizer))});
    return choices;
}

// Sampling with temperature, then top-k and nucleus (top-p) truncation, from a row of scores
// (a softmax does not see the normaliser they lack). Candidates are ordered by score (ties to
// the higher id); the truncations keep a prefix of that order. Only
// the prefix that can be kept is ordered: top-k alone orders k entries, a nucleus first the 64
// most probable (a chat reply's nucleus almost always lies within them) and everything only
// when it does not. Sorting the whole vocabulary at every step took about a third of the CPU time
// of a chat reply.
int sample(const float* scores, int vocab, const DecodeOptions& o, std::mt19937_64& rng) {
    thread_local std::vector<std::pair<float, int>> candidates;
    thread_local std::vector<double> weights;
    candidates.clear();
    for (int id = 0; id < vocab; ++id)
        if (scores[id] != kNegInf) candidates.emplace_back(scores[id] / o.temperature, id);
    if (candidates.empty()) return 0;
    const auto order = std::greater<>();
    // What top-k keeps: the first `limit` candidates in order, over which the weights are normalised.
    const std::size_t limit = o.top_k > 0 ? std::min(candidates.size(), static_cast<std::size_t>(o.top_k))
                                          : candidates.size();
    const bool nucleus = o.top_p < 1.0f;
    std::size_t ordered = nucleus && o.top_k <= 0 ? std::min<std::size_t>(limit, 64) : limit;
    std::partial_sort(candidates.begin(), candidates.begin() + ordered, candidates.end(), order);
    const float max_v = candidates.front().first;
    double total = 0.0;
    for (std::size_t i = 0; i < limit; ++i) total += std::exp(static_cast<double>(candidates[i].first - max_v));
    std::size_t keep = limit;
    for (;;) {
        weights.clear();
        for (std::size_t i = 0; i < ordered; ++i) weights.push_back(std::exp(static_cast<double>(candidates[i].first - max_v)));
        if (!nucleus) break;
        double cumulative = 0.0;
        keep = 0;
        while (keep < ordered) {
            cumulative += weights[keep++] / total;
            if (cumulative >= o.top_p) break;
        }
        if (cumulative >= o.top_p || ordered == limit) break;
        std::partial_sort(candidates.begin() + ordered, candidates.begin() + limit, candidates.end(), order);
        ordered = limit;  // the nucleus is wider than the head: order all that top-k keeps
    }
    weights.resize(keep);
    std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
    return candidates[pick(rng)].second;
}

std::uint64_t seed_of(const DecodeOptions& o) {
    return o.seed != 0 ? o.seed : std::random_device{}();
}

void check_cancel(const SearchRequest& request) {
    if (request.cancel && request.cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

SearchResult finish(const Partial& partial, bool eos, float alpha) {
    SearchResult result;
    result.ids = partial.ids;
    result.attention = partial.attention;
    result.alternatives = partial.alternatives;
    result.ended_with_eos = eos;
    result.log_prob = partial.log_prob;
    const int length = static_cast<int>(partial.ids.size()) + (eos ? 1 : 0);
    result.score = partial.log_prob / length_penalty(std::max(length, 1), alpha);
    return result;
}

std::vector<std::vector<SearchResult>> greedy_or_sample(StepModel& model, const SearchRequest& request) {
    const DecodeOptions& o = request.options;
    const int B = request.sentences;
    const bool sampling = o.strategy == DecodeStrategy::sample;
    std::mt19937_64 rng(seed_of(o));
    std::vector<Partial> rows(B);
    std::vector<bool> done(B, false);
    std::vector<std::vector<SearchResult>> results(B);
    std::vector<int> inputs(B, request.bos_id);
    StepScores step_scores;
    const auto& prefix = o.target_prefix;
    for (int t = 0;; ++t) {
        bool any_active = false;
        for (int b = 0; b < B; ++b) {
            if (!done[b] && static_cast<int>(rows[b].ids.size()) >= request.max_lengths[b]) {
                done[b] = true;
                results[b].push_back(finish(rows[b], false, o.length_penalty));
                if (request.on_step)
                    request.on_step({b, &rows[b].ids, request.eos_id, nullptr, 0, true});
            }
            any_active = any_active || !done[b];
        }
        if (!any_active) break;
        check_cancel(request);
        model.step(inputs);
        step_scores.compute(model, request, rows);
        const int vocab = step_scores.vocab();
        for (int b = 0; b < B; ++b) {
            if (done[b]) continue;
            Partial& row = rows[b];
            const float* scores = step_scores.row(b);
            int token;
            if (t < static_cast<int>(prefix.size())) token = prefix[t];
            else if (sampling) token = sample(scores, vocab, o, rng);
            else token = ops::argmax(scores, vocab);
            const float* attention = model.attention(b);
            row.attention.emplace_back(attention, attention + model.source_length(b));
            if (o.alternatives > 0)
                row.alternatives.push_back(top_choices(scores, vocab, o.alternatives, step_scores.normalizer(b)));
            const float lp = step_scores.log_prob(b, token);
            row.log_prob += lp == kNegInf ? -1e4f : lp;
            const bool eos = token == request.eos_id;
            if (eos) {
                done[b] = true;
                results[b].push_back(finish(row, true, o.length_penalty));
            } else {
                row.ids.push_back(token);
            }
            inputs[b] = token;
            if (request.on_step)
                request.on_step({b, &row.ids, token, attention, model.source_length(b), eos});
        }
    }
    return results;
}

std::vector<std::vector<SearchResult>> beam_search(StepModel& model, const SearchRequest& request) {
    const DecodeOptions& o = request.options;
    const int B = request.sentences;
    const int K = o.beam_size;
    const int R = B * K;
    const auto& prefix = o.target_prefix;
    std::vector<Partial> rows(R), next_rows(R);
    std::vector<float> row_log_prob(R, kNegInf);
    for (int b = 0; b < B; ++b) row_log_prob[b * K] = 0.0f;
    std::vector<bool> done(B, false);
    std::vector<std::vector<SearchResult>> finished(B);
    std::vector<int> inputs(R, request.bos_id), next_inputs(R), parents(R);
    std::vector<float> next_log_prob(R);
    StepScores step_scores;
    struct Candidate {
        float total;
        int row;
        int token;
        float token_log_prob;
    };
    std::vector<Candidate> candidates;
    std::vector<std::vector<TokenChoice>> row_alternatives(R);

    for (int t = 0;; ++t) {
        if (std::all_of(done.begin(), done.end(), [](bool d) { return d; })) break;
        check_cancel(request);
        model.step(inputs);
        step_scores.compute(model, request, rows);
        const int vocab = step_scores.vocab();
        for (int b = 0; b < B; ++b) {
            const int first = b * K;
            if (done[b]) {
                for (int k = 0; k < K; ++k) {
                    parents[first + k] = first + k;
                    next_inputs[first + k] = request.eos_id;
                    next_log_prob[first + k] = row_log_prob[first + k];
                }
                continue;
            }
            candidates.clear();
            for (int k = 0; k < K; ++k) {
                const int r = first + k;
                if (row_log_prob[r] == kNegInf) continue;
                const float* scores = step_scores.row(r);
                const float normalizer = step_scores.normalizer(r);
                if (o.alternatives > 0) row_alternatives[r] = top_choices(scores, vocab, o.alternatives, normalizer);
                if (t < static_cast<int>(prefix.size())) {
                    const float forced = step_scores.log_prob(r, prefix[t]);
                    const float lp = forced == kNegInf ? -1e4f : forced;
                    candidates.push_back({row_log_prob[r] + lp, r, prefix[t], lp});
                    continue;
                }
                for (const TokenChoice& choice : top_choices(scores, vocab, 2 * K, normalizer)) {
                    const float lp = step_scores.log_prob(r, choice.id);
                    candidates.push_back({row_log_prob[r] + lp, r, choice.id, lp});
                }
            }
            std::sort(candidates.begin(), candidates.end(),
                      [](const Candidate& a, const Candidate& c) { return a.total > c.total; });
            const bool last_step = t + 1 >= request.max_lengths[b];
            int kept = 0;
            for (const Candidate& candidate : candidates) {
                if (kept == K) break;
                Partial extended = rows[candidate.row];
                const float* attention = model.attention(candidate.row);
                extended.attention.emplace_back(attention, attention + model.source_length(candidate.row));
                if (o.alternatives > 0) extended.alternatives.push_back(row_alternatives[candidate.row]);
                extended.log_prob = candidate.total;
                if (candidate.token == request.eos_id) {
                    if (static_cast<int>(finished[b].size()) < K)
                        finished[b].push_back(finish(extended, true, o.length_penalty));
                    continue;
                }
                extended.ids.push_back(candidate.token);
                if (last_step) {
                    finished[b].push_back(finish(extended, false, o.length_penalty));
                    continue;
                }
                const int slot = first + kept++;
                next_rows[slot] = std::move(extended);
                parents[slot] = candidate.row;
                next_inputs[slot] = candidate.token;
                next_log_prob[slot] = candidate.total;
            }
            for (int k = kept; k < K; ++k) {  // dead rows: nothing left to continue
                parents[first + k] = first;
                next_inputs[first + k] = request.eos_id;
                next_log_prob[first + k] = kNegInf;
                next_rows[first + k] = Partial{};
            }
            if (static_cast<int>(finished[b].size()) >= K || last_step || kept == 0) done[b] = true;
            if (request.on_step) {
                const bool live = kept > 0 && !done[b];
                const Partial& best = live ? next_rows[first] : rows[first];
                const int token = live ? next_inputs[first] : request.eos_id;
                const float* attention = live ? next_rows[first].attention.back().data() : nullptr;
                request.on_step({b, &best.ids, token, attention,
                                 live ? model.source_length(first) : 0, done[b]});
            }
        }
        model.select_rows(parents);
        for (int b = 0; b < B; ++b) {
            if (done[b] && finished[b].empty()) {
                // Nothing finished (all candidates were banned): keep the best row as it is.
                finished[b].push_back(finish(rows[b * K], false, o.length_penalty));
            }
        }
        for (int r = 0; r < R; ++r) {
            if (done[r / K]) continue;
            rows[r] = std::move(next_rows[r]);
        }
        row_log_prob = next_log_prob;
        inputs = next_inputs;
    }
    for (auto& list : finished) {
        std::stable_sort(list.begin(), list.end(),
                         [](const SearchResult& a, const SearchResult& c) { return a.score > c.score; });
        if (static_cast<int>(list.size()) > o.n_best) list.resize(o.n_best);
    }
    return finished;
}

}  // namespace

float length_penalty(int length, float alpha) {
    if (alpha == 0.0f) return 1.0f;
    return std::pow((5.0f + static_cast<float>(length)) / 6.0f, alpha);
}

int search_rows(const SearchRequest& request) {
    return request.options.strategy == DecodeStrategy::beam
               ? request.sentences * request.options.beam_size
               : request.sentences;
}

std::vector<std::vector<SearchResult>> run_search(StepModel& model, const SearchRequest& request) {
    validate(request.options);
    if (request.sentences <= 0) return {};
    if (static_cast<int>(request.max_lengths.size()) != request.sentences)
        throw std::invalid_argument("run_search: max_lengths must have one entry per sentence");
    if (model.rows() != search_rows(request))
        throw std::invalid_argument("run_search: the model has " + std::to_string(model.rows()) +
                                    " rows, the search needs " + std::to_string(search_rows(request)));
    if (request.options.strategy == DecodeStrategy::beam) return beam_search(model, request);
    return greedy_or_sample(model, request);
}

}  // namespace attentive
