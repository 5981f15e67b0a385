#include "core/decoding/search.h"

#include "core/cpu_clones.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "core/errors.h"
#include "core/ops/ops.h"
#include "core/ops/parallel_rows.h"
#include "core/ops/vector_math.h"

namespace attentive {

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Per-row history of a hypothesis under construction. The attention rows are kept end to end in
// one buffer, so that beam search's copy of a hypothesis at every step allocates once for them
// rather than once per row (a fifth of a beam step's search time went to malloc and free).
struct Partial {
    std::vector<int> ids;
    std::vector<float> attention;  // one row of `source_length` weights per step
    std::vector<std::vector<TokenChoice>> alternatives;
    float log_prob = 0.0f;

    void add_attention(const float* row, int source_length) {
        attention.insert(attention.end(), row, row + source_length);
    }
    const float* last_attention(int source_length) const {
        return attention.data() + attention.size() - source_length;
    }
};

// Bans the pieces that would write the last word of `history` twice in a row: the last piece
// itself when it is a content word, and the piece that would complete a copy of the word of
// several pieces before the one being written ("▁wait ing ▁wait" bans "ing").
void ban_repeated_word(float* logits, int vocab, const std::vector<int>& history,
                       const std::vector<PieceKind>& kinds) {
    const auto kind = [&](int id) {
        return id >= 0 && id < static_cast<int>(kinds.size()) ? kinds[id] : PieceKind::other;
    };
    const auto ban = [&](int id) {
        if (id >= 0 && id < vocab) logits[id] = kNegInf;
    };
    // The start of the word that ends at `end` (a word start and its continuations), or `end`
    // when none does.
    const auto word_start = [&](std::size_t end) {
        std::size_t begin = end;
        while (begin > 0 && kind(history[begin - 1]) == PieceKind::word_continuation) --begin;
        const bool starts = begin > 0 && (kind(history[begin - 1]) == PieceKind::content_word ||
                                          kind(history[begin - 1]) == PieceKind::word_start);
        return starts ? begin - 1 : end;
    };
    if (kind(history.back()) == PieceKind::content_word) ban(history.back());
    const std::size_t current = word_start(history.size());
    if (current == history.size()) return;
    const std::size_t previous = word_start(current);
    if (current - previous != history.size() - current + 1) return;
    if (std::equal(history.begin() + static_cast<std::ptrdiff_t>(current), history.end(),
                   history.begin() + static_cast<std::ptrdiff_t>(previous)))
        ban(history[current - 1]);
}

// The target prefix sentence `sentence` is forced to write.
const std::vector<int>& forced_prefix(const SearchRequest& request, int sentence) {
    return request.target_prefixes.empty() ? request.options.target_prefix
                                           : request.target_prefixes[static_cast<std::size_t>(sentence)];
}

// Applies the repetition controls and bans to one row's logits, in place. `history` is what
// the row, which decodes sentence `sentence`, generated so far.
void adjust_logits(float* logits, int vocab, const std::vector<int>& history, int sentence,
                   const SearchRequest& request) {
    const DecodeOptions& o = request.options;
    if (o.repetition_penalty > 1.0f) {
        thread_local std::vector<int> seen;
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
    if (!request.piece_kinds.empty() && !history.empty() && history.size() >= forced_prefix(request, sentence).size() &&
        (request.repeats_allowed.empty() || !request.repeats_allowed[sentence])) {
        ban_repeated_word(logits, vocab, history, request.piece_kinds);
    }
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

// A row's vocabulary is dealt into this many interleaved blocks (entry i into block i mod
// kBlocks) for top_choices; a row narrower than that has one entry per block.
constexpr int kBlocks = 512;
int block_count(int vocab) { return std::min(vocab, kBlocks); }

// out[i] = the maximum of x[i], x[i + count], x[i + 2 count], ... for i < count (count <= n):
// the maxima of x dealt into `count` interleaved blocks, in one vectorised pass.
ATTENTIVE_CPU_CLONES
void interleaved_maxima(const float* __restrict x, int n, int count, float* __restrict out) {
    std::copy(x, x + count, out);
    for (int start = count; start < n; start += count) {
        const float* __restrict chunk = x + start;
        const int m = std::min(count, n - start);
        for (int i = 0; i < m; ++i) out[i] = chunk[i] > out[i] ? chunk[i] : out[i];
    }
}

// y = x, returning the largest entry (in ordered_bits' order, so a NaN row is not finite): one
// pass where a copy and then max_value made two.
ATTENTIVE_CPU_CLONES
float copy_with_maximum(const float* __restrict x, int n, float* __restrict y) {
    std::int32_t lanes[ops::kLanes];
    for (std::int32_t& lane : lanes) lane = ops::ordered_bits(x[0]);
    int i = 0;
    for (; i + ops::kLanes <= n; i += ops::kLanes)
        for (int l = 0; l < ops::kLanes; ++l) {
            y[i + l] = x[i + l];
            const std::int32_t key = ops::ordered_bits(x[i + l]);
            lanes[l] = key > lanes[l] ? key : lanes[l];
        }
    for (; i < n; ++i) {
        y[i] = x[i];
        const std::int32_t key = ops::ordered_bits(x[i]);
        lanes[0] = key > lanes[0] ? key : lanes[0];
    }
    for (int l = 1; l < ops::kLanes; ++l) lanes[0] = lanes[l] > lanes[0] ? lanes[l] : lanes[0];
    return ops::from_ordered_bits(lanes[0]);
}

// Σ exp(x - shift) over a row, for a finite `shift` at least as large as every entry, and the
// row's block maxima (interleaved_maxima with block_count(n) blocks) from the same pass. The sum
// is added up as ops::log_sum_exp adds it (16 lanes, then the tail), so that with the row's
// maximum as the shift the normaliser is the same to the bit.
ATTENTIVE_CPU_CLONES
float exp_sum_with_block_maxima(const float* __restrict x, int n, float shift, float* __restrict block_max) {
    const int blocks = block_count(n);
    float lanes[ops::kLanes] = {};
    float tail = 0.0f;
    std::copy(x, x + blocks, block_max);
    for (int start = 0; start < n; start += blocks) {
        const float* __restrict chunk = x + start;
        const int m = std::min(blocks, n - start);
        for (int i = 0; i < m; ++i) block_max[i] = chunk[i] > block_max[i] ? chunk[i] : block_max[i];
        const int whole = m / ops::kLanes * ops::kLanes;
        for (int i = 0; i < whole; i += ops::kLanes)
            for (int l = 0; l < ops::kLanes; ++l) lanes[l] += ops::vector_exp(chunk[i + l] - shift);
        for (int i = whole; i < m; ++i) tail += ops::vector_exp(chunk[i] - shift);
    }
    for (float lane : lanes) tail += lane;
    return tail;
}

// The k most probable tokens of a row of scores, best first, ties to the lower id, with their
// probabilities exp(score - log_normalizer), from the row's block maxima (interleaved_maxima
// with block_count(vocab) blocks). Beam search asks this of every row at every step, so it
// avoids a branch per vocabulary entry: the blocks are dealt into groups the same way, and only
// blocks whose maximum reaches the k-th largest group maximum are scanned. That suffices: k
// groups reach it, each holding an entry at least that large, so no entry of the top k is
// smaller. Groups rather than blocks because ordering the 512 block maxima (std::nth_element)
// took 4 µs a row, mostly mispredicted branches; a few more blocks get scanned instead.
// Compiled for AVX-512 and AVX2 as well.
ATTENTIVE_CPU_CLONES
std::vector<TokenChoice> top_choices(const float* scores, int vocab, int k, float log_normalizer,
                                     const float* block_max) {
    std::vector<TokenChoice> choices;
    if (k <= 0 || vocab <= 0) return choices;
    const int blocks = block_count(vocab);
    thread_local std::vector<float> group_max;
    int groups = 32;  // at least 3k groups, so that the threshold lies near the k-th largest entry
    while (groups < 3 * k && groups < blocks) groups *= 2;
    groups = std::min(groups, blocks);
    float threshold = kNegInf;
    if (groups > k) {  // the k-th largest group maximum
        group_max.resize(static_cast<std::size_t>(groups));
        interleaved_maxima(block_max, blocks, groups, group_max.data());
        std::nth_element(group_max.begin(), group_max.begin() + (k - 1), group_max.end(), std::greater<>());
        threshold = group_max[k - 1];
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

// The scores of every row after a step, [rows, vocab], in buffers reused from step to step: the
// logits with the controls applied, and each row's log-normaliser, so that a token's
// log-probability is its score minus the normaliser. The searches rank by score, which orders
// as the log-probability does, and only the tokens they keep are normalised: writing out the
// log-softmax of every row was a third of a beam step's search time. Rows that want them also
// get their most probable tokens (top_choices). Rows are independent, so several are scored
// in parallel: a beam step of five rows spent 60-75 µs here on one thread while the other
// waited for the next product.
class StepScores {
public:
    // `choices_per_row` tokens for each row r with wants_choices[r] (none when 0).
    void compute(const StepModel& model, const SearchRequest& request, const std::vector<Partial>& rows,
                 int choices_per_row, const std::vector<char>& wants_choices) {
        const int n_rows = static_cast<int>(rows.size());
        m_vocab = model.vocab_size();
        m_values.resize(static_cast<std::size_t>(n_rows) * m_vocab);
        m_normalizers.resize(n_rows);
        m_choices.resize(n_rows);
        m_block_maxima.resize(static_cast<std::size_t>(n_rows) * block_count(m_vocab));
        ops::for_each_row(n_rows, ops::rows_holding(kParallelEntries, m_vocab), [&](int r) {
            // Rows are the sentences' (greedy) or their beams' (beam search), in order.
            const bool wants = choices_per_row > 0 && wants_choices[r];
            float* block_max = &m_block_maxima[static_cast<std::size_t>(r) * block_count(m_vocab)];
            const bool have_maxima = score_row(model, request, rows[r].ids, r * request.sentences / n_rows, r,
                                               wants ? block_max : nullptr);
            m_choices[r].clear();
            if (!wants) return;
            if (!have_maxima) interleaved_maxima(row(r), m_vocab, block_count(m_vocab), block_max);
            m_choices[r] = top_choices(row(r), m_vocab, choices_per_row, m_normalizers[r], block_max);
        });
    }
    const float* row(int r) const { return &m_values[static_cast<std::size_t>(r) * m_vocab]; }
    // log p of `token` in row r.
    float log_prob(int r, int token) const { return ops::log_probability(row(r)[token], m_normalizers[r]); }
    // The first `count` of row r's choices (the top `count`: a prefix of a longer top list).
    std::vector<TokenChoice> choices(int r, int count) const {
        const auto& all = m_choices[r];
        return {all.begin(), all.begin() + std::min<std::size_t>(all.size(), count)};
    }
    int vocab() const { return m_vocab; }

private:
    // Two rows of 8,000 entries pay for the threads' wake-up (about 2 µs).
    static constexpr std::int64_t kParallelEntries = 16000;

    // Scores row r; with `block_max`, also writes its block maxima there when the same pass can
    // (returns whether it did).
    bool score_row(const StepModel& model, const SearchRequest& request, const std::vector<int>& history,
                   int sentence, int r, float* block_max) {
        float* values = &m_values[static_cast<std::size_t>(r) * m_vocab];
        // The controls only lower scores (a ban to -inf, the repetition penalty towards it), so
        // the raw logits' maximum bounds the row and the normaliser takes one pass more, not two.
        const float bound = copy_with_maximum(model.logits(r), m_vocab, values);
        adjust_logits(values, m_vocab, history, sentence, request);
        if (block_max && std::isfinite(bound)) {
            // A bound far above every entry left (the best tokens banned) would let the sum
            // underflow: then the exact way below.
            const float sum = exp_sum_with_block_maxima(values, m_vocab, bound, block_max);
            if (sum >= kTrustedSum) {
                m_normalizers[r] = bound + std::log(sum);
                return true;
            }
        }
        ops::log_sum_exp(1, m_vocab, values, &m_normalizers[r]);
        if (std::isfinite(m_normalizers[r])) return false;
        // No distribution, or a +inf logit: store the row as log-probabilities (all -inf, or 0
        // for the +inf entries), which rank and sample as they should.
        for (int v = 0; v < m_vocab; ++v) values[v] = ops::log_probability(values[v], m_normalizers[r]);
        m_normalizers[r] = 0.0f;
        return false;
    }

    // exp(-40): a sum this large has its largest terms far above vector_exp's floor (exp(-87)).
    static constexpr float kTrustedSum = 4.2e-18f;

    int m_vocab = 0;
    std::vector<float> m_values;
    std::vector<float> m_normalizers;
    std::vector<float> m_block_maxima;  // block_count(vocab) per row, for the rows that want choices
    std::vector<std::vector<TokenChoice>> m_choices;
};

// Sampling with temperature, then top-k and nucleus (top-p) truncation, from a row of scores
// (a softmax does not see the normaliser they lack). Candidates are ordered by score (ties to
// the higher id); the truncations keep a prefix of that order. Only
// the prefix that can be kept is ordered: top-k alone orders k entries, a nucleus first the 64
// most probable (a chat reply's nucleus almost always lies within them) and everything only
// when it does not. Sorting the whole vocabulary at every step took about a third of the CPU time
// of a chat reply.
// weights[i] = exp((scores[i] - max_score) / temperature), 0 for a -inf score; returns their sum.
ATTENTIVE_CPU_CLONES
float softmax_weights(const float* scores, int n, float max_score, float temperature, float* weights) {
    const float inverse = 1.0f / temperature;
    float lanes[16] = {};
    for (int i = 0; i < n; ++i) {
        const float w = ops::vector_exp((scores[i] - max_score) * inverse);
        weights[i] = scores[i] == kNegInf ? 0.0f : w;
        lanes[i % 16] += weights[i];
    }
    float total = 0.0f;
    for (float lane : lanes) total += lane;
    return total;
}

// Sampling from the whole softmax, no truncation: no order is needed, the draw walks the
// vocabulary in id order (ordering all 8,000 entries at every step, with a double exp each,
// took 40% of the CPU time of a reranked chat reply).
int sample_untruncated(const float* scores, int vocab, float temperature, std::mt19937_64& rng) {
    thread_local std::vector<float> weights;
    const float max_score = ops::max_value(scores, vocab);
    if (max_score == kNegInf) return 0;
    weights.resize(static_cast<std::size_t>(vocab));
    const float total = softmax_weights(scores, vocab, max_score, temperature, weights.data());
    const double target = std::uniform_real_distribution<double>(0.0, static_cast<double>(total))(rng);
    double cumulative = 0.0;
    int last = 0;  // the last entry with a weight: where rounding lands a target at the very end
    for (int id = 0; id < vocab; ++id) {
        if (weights[id] <= 0.0f) continue;
        cumulative += weights[id];
        last = id;
        if (cumulative > target) return id;
    }
    return last;
}

int sample(const float* scores, int vocab, const DecodeOptions& o, std::mt19937_64& rng) {
    if (o.top_k <= 0 && o.top_p >= 1.0f) return sample_untruncated(scores, vocab, o.temperature, rng);
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
    if (limit == candidates.size()) {
        // The whole softmax's sum, vectorised over the scores in id order.
        thread_local std::vector<float> all;
        all.resize(static_cast<std::size_t>(vocab));
        total = softmax_weights(scores, vocab, ops::max_value(scores, vocab), o.temperature, all.data());
    } else {
        for (std::size_t i = 0; i < limit; ++i) total += std::exp(static_cast<double>(candidates[i].first - max_v));
    }
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

int choose(const float* scores, int vocab, bool sampling, const DecodeOptions& o, std::mt19937_64& rng) {
    return sampling ? sample(scores, vocab, o, rng) : ops::argmax(scores, vocab);
}

// The token greedy or sampling search takes for `sentence` after `history`: its choice, or,
// while request.allows refuses it, the choice among the tokens not yet refused; after a few
// refusals, the most probable token it allows (a word that only a rare piece can finish); the
// first choice when it allows none.
int choose_allowed(const float* scores, int vocab, int sentence, const std::vector<int>& history,
                   const SearchRequest& request, bool sampling, std::mt19937_64& rng) {
    constexpr int kMaxDraws = 8;
    const DecodeOptions& o = request.options;
    const int first = choose(scores, vocab, sampling, o, rng);
    if (!request.allows || request.allows(sentence, history, first)) return first;
    thread_local std::vector<float> remaining;
    remaining.assign(scores, scores + vocab);
    int token = first;
    for (int draw = 1; draw < kMaxDraws; ++draw) {
        remaining[token] = kNegInf;
        token = choose(remaining.data(), vocab, sampling, o, rng);
        if (remaining[token] == kNegInf) return first;  // every token refused
        if (request.allows(sentence, history, token)) return token;
    }
    remaining[token] = kNegInf;
    thread_local std::vector<int> order;
    order.clear();
    for (int id = 0; id < vocab; ++id)
        if (remaining[id] != kNegInf) order.push_back(id);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return remaining[a] > remaining[b]; });
    for (int id : order)
        if (request.allows(sentence, history, id)) return id;
    return first;
}

void check_cancel(const SearchRequest& request) {
    if (request.cancel && request.cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

SearchResult finish(const Partial& partial, int source_length, bool eos, float alpha) {
    SearchResult result;
    result.ids = partial.ids;
    const std::size_t steps = partial.ids.size() + (eos ? 1 : 0);  // one attention row each
    result.attention.resize(steps);
    for (std::size_t t = 0; t < steps && source_length > 0; ++t)
        result.attention[t].assign(partial.attention.begin() + t * source_length,
                                   partial.attention.begin() + (t + 1) * source_length);
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
    std::vector<char> active(B);
    for (int t = 0;; ++t) {
        bool any_active = false;
        for (int b = 0; b < B; ++b) {
            if (!done[b] && static_cast<int>(rows[b].ids.size()) >= request.max_lengths[b]) {
                done[b] = true;
                results[b].push_back(finish(rows[b], model.source_length(b), false, o.length_penalty));
                if (request.on_step)
                    request.on_step({b, &rows[b].ids, request.eos_id, nullptr, 0, true});
            }
            any_active = any_active || !done[b];
        }
        if (!any_active) break;
        check_cancel(request);
        model.step(inputs);
        for (int b = 0; b < B; ++b) active[b] = !done[b];
        step_scores.compute(model, request, rows, o.alternatives, active);
        const int vocab = step_scores.vocab();
        for (int b = 0; b < B; ++b) {
            if (done[b]) continue;
            Partial& row = rows[b];
            const float* scores = step_scores.row(b);
            int token;
            const std::vector<int>& prefix = forced_prefix(request, b);
            if (t < static_cast<int>(prefix.size())) token = prefix[t];
            else token = choose_allowed(scores, vocab, b, row.ids, request, sampling, rng);
            const float* attention = model.attention(b);
            row.add_attention(attention, model.source_length(b));
            if (o.alternatives > 0) row.alternatives.push_back(step_scores.choices(b, o.alternatives));
            const float lp = step_scores.log_prob(b, token);
            row.log_prob += lp == kNegInf ? -1e4f : lp;
            const bool eos = token == request.eos_id;
            if (eos) {
                done[b] = true;
                results[b].push_back(finish(row, model.source_length(b), true, o.length_penalty));
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
    std::vector<Partial> rows(R), next_rows(R);
    std::vector<float> row_log_prob(R, kNegInf);
    for (int b = 0; b < B; ++b) row_log_prob[b * K] = 0.0f;
    std::vector<bool> done(B, false);
    std::vector<std::vector<SearchResult>> finished(B);
    std::vector<int> inputs(R, request.bos_id), next_inputs(R), parents(R);
    std::vector<float> next_log_prob(R);
    StepScores step_scores;
    std::vector<char> live(R);
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
        // Each live row's candidates (its 2K best tokens, or the forced prefix token) and its
        // alternatives, a prefix of the same list.
        const auto forced_at = [&](int b) { return t < static_cast<int>(forced_prefix(request, b).size()); };
        bool all_forced = true;
        for (int b = 0; b < B; ++b) all_forced = all_forced && (done[b] || forced_at(b));
        for (int r = 0; r < R; ++r) live[r] = !done[r / K] && row_log_prob[r] != kNegInf;
        step_scores.compute(model, request, rows, std::max(all_forced ? 0 : 2 * K, o.alternatives), live);
        for (int b = 0; b < B; ++b) {
            const int first = b * K;
            const bool forced = forced_at(b);
            const std::vector<int>& prefix = forced_prefix(request, b);
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
                if (o.alternatives > 0) row_alternatives[r] = step_scores.choices(r, o.alternatives);
                if (forced) {
                    const float forced_lp = step_scores.log_prob(r, prefix[t]);
                    const float lp = forced_lp == kNegInf ? -1e4f : forced_lp;
                    candidates.push_back({row_log_prob[r] + lp, r, prefix[t], lp});
                    continue;
                }
                for (const TokenChoice& choice : step_scores.choices(r, 2 * K)) {
                    const float lp = step_scores.log_prob(r, choice.id);
                    candidates.push_back({row_log_prob[r] + lp, r, choice.id, lp});
                }
            }
            // Tokens request.allows refuses are set aside; when it refuses every one, each row
            // takes the most probable token it allows from its whole distribution.
            if (request.allows && !forced) {
                const auto refused = [&](const Candidate& c) { return !request.allows(b, rows[c.row].ids, c.token); };
                if (!std::all_of(candidates.begin(), candidates.end(), refused)) {
                    std::erase_if(candidates, refused);
                } else {
                    candidates.clear();
                    std::mt19937_64 unused;  // choose_allowed draws only when sampling
                    for (int k = 0; k < K; ++k) {
                        const int r = first + k;
                        if (row_log_prob[r] == kNegInf) continue;
                        const int token = choose_allowed(step_scores.row(r), step_scores.vocab(), b, rows[r].ids,
                                                         request, false, unused);
                        const float lp = step_scores.log_prob(r, token);
                        candidates.push_back({row_log_prob[r] + lp, r, token, lp});
                    }
                }
            }
            std::sort(candidates.begin(), candidates.end(),
                      [](const Candidate& a, const Candidate& c) { return a.total > c.total; });
            const bool last_step = t + 1 >= request.max_lengths[b];
            int kept = 0;
            for (const Candidate& candidate : candidates) {
                if (kept == K) break;
                Partial extended = rows[candidate.row];
                const int source_length = model.source_length(candidate.row);
                extended.add_attention(model.attention(candidate.row), source_length);
                if (o.alternatives > 0) extended.alternatives.push_back(row_alternatives[candidate.row]);
                extended.log_prob = candidate.total;
                if (candidate.token == request.eos_id) {
                    if (static_cast<int>(finished[b].size()) < K)
                        finished[b].push_back(finish(extended, source_length, true, o.length_penalty));
                    continue;
                }
                extended.ids.push_back(candidate.token);
                if (last_step) {
                    finished[b].push_back(finish(extended, source_length, false, o.length_penalty));
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
                const float* attention = live ? next_rows[first].last_attention(model.source_length(first)) : nullptr;
                request.on_step({b, &best.ids, token, attention,
                                 live ? model.source_length(first) : 0, done[b]});
            }
        }
        model.select_rows(parents);
        for (int b = 0; b < B; ++b) {
            if (done[b] && finished[b].empty()) {
                // Nothing finished (all candidates were banned): keep the best row as it is.
                finished[b].push_back(finish(rows[b * K], model.source_length(b * K), false, o.length_penalty));
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
    if (!request.target_prefixes.empty() && static_cast<int>(request.target_prefixes.size()) != request.sentences)
        throw std::invalid_argument("run_search: target_prefixes must be empty or have one entry per sentence");
    if (model.rows() != search_rows(request))
        throw std::invalid_argument("run_search: the model has " + std::to_string(model.rows()) +
                                    " rows, the search needs " + std::to_string(search_rows(request)));
    if (request.options.strategy == DecodeStrategy::beam) return beam_search(model, request);
    return greedy_or_sample(model, request);
}

}  // namespace attentive
