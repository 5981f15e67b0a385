#include "core/translator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/decoding/rerank.h"
#include "core/decoding/search.h"
#include "core/errors.h"
#include "core/model/seq2seq_model.h"
#include "core/ops/ops.h"
#include "core/text/chat_context.h"
#include "core/text/sentence_splitter.h"
#include "core/text/utf8.h"

namespace attentive {

struct Translator::Impl {
    std::filesystem::path dir;
    EngineOptions options;
    ops::Precision precision = ops::Precision::f32;
    int threads = 0;
    std::unique_ptr<Seq2SeqModel> model;
    std::unique_ptr<Translator> reranker;  // a chat model's backward model, when it names one

    bool chat() const { return model->config().task == Task::chat; }
    std::string tidy(std::string text) const { return chat() ? tidy_dialogue_text(text) : text; }

    // The separator between turns in this model's sources (" <sep> ", or " " without one).
    std::string separator() const {
        const ModelConfig& config = model->config();
        return turn_separator(config.sep_id >= 0 ? model->source_tokenizer().piece(config.sep_id) : "");
    }

    // log p(target | source) summed over each target's pieces and EOS, by forced decoding of
    // one batch: sources [B] (none empty), targets [B].
    std::vector<float> forced_log_probs(const std::vector<std::vector<int>>& sources,
                                        const std::vector<std::vector<int>>& targets) const {
        const ModelConfig& config = model->config();
        const int B = static_cast<int>(sources.size());
        EncoderOutput encoded = model->encoder().encode(sources);
        const std::vector<float> final_state = std::move(encoded.final_state);
        const AttentionMemory memory = model->attention().prepare(std::move(encoded));
        std::vector<int> row_sentence(B);
        std::iota(row_sentence.begin(), row_sentence.end(), 0);
        DecoderSession session(*model, memory, final_state, std::move(row_sentence));
        std::size_t steps = 0;
        for (const auto& target : targets) steps = std::max(steps, target.size() + 1);
        std::vector<float> totals(B, 0.0f);
        std::vector<int> inputs(B, config.bos_id);
        const int vocab = session.vocab_size();
        for (std::size_t t = 0; t < steps; ++t) {
            session.step(inputs);
            for (int b = 0; b < B; ++b) {
                const auto& target = targets[b];
                if (t > target.size()) continue;  // finished: its row runs on, unread
                const int token = t < target.size() ? target[t] : config.eos_id;
                const float* logits = session.logits(b);
                float normalizer = 0.0f;
                ops::log_sum_exp(1, vocab, logits, &normalizer);
                totals[b] += ops::log_probability(logits[token], normalizer);
                inputs[b] = token;
            }
        }
        return totals;
    }

    // Streams a finished reply's steps as decoding would have: one event per piece with its
    // attention row, then the end (with the EOS row when it has one).
    void replay_steps(const SentenceResult& result, const StepCallback& on_step) const {
        if (!on_step) return;
        const Tokenizer& target = model->target_tokenizer();
        const Hypothesis& h = result.best();
        std::vector<int> ids;
        for (std::size_t t = 0; t <= h.target_ids.size(); ++t) {
            StepEvent event;
            event.step = static_cast<int>(t);
            event.end_of_sentence = t == h.target_ids.size();
            if (!event.end_of_sentence) {
                ids.push_back(h.target_ids[t]);
                event.piece = target.display_piece(h.target_ids[t]);
                event.word_start = target.starts_word(h.target_ids[t]);
            }
            const std::string text = tidy(target.decode(ids));
            event.text_so_far = text.substr(0, complete_utf8_prefix(text));
            if (t < h.attention.size()) event.attention_row = h.attention[t];
            on_step(event);
        }
    }

    // Pieces of ids as a person reads them.
    void describe(const Tokenizer& tokenizer, const std::vector<int>& ids,
                  std::vector<std::string>& pieces, std::vector<bool>& word_start) const {
        pieces.clear();
        word_start.clear();
        for (int id : ids) {
            pieces.push_back(tokenizer.display_piece(id));
            word_start.push_back(tokenizer.starts_word(id));
        }
    }

    std::vector<int> max_lengths(const std::vector<std::vector<int>>& sources,
                                 const DecodeOptions& o) const {
        std::vector<int> limits;
        for (const auto& source : sources) {
            int limit = static_cast<int>(std::ceil(o.max_length_ratio * source.size())) + o.max_length_extra;
            limit = std::min(limit, o.max_length);
            limit = std::max<int>(limit, static_cast<int>(o.target_prefix.size()) + 1);
            limits.push_back(limit);
        }
        return limits;
    }

    // Decodes one batch of encoded sentences; `global_index[i]` is sentence i's request index.
    std::vector<SentenceResult> decode_batch(const std::vector<std::vector<int>>& sources,
                                             const std::vector<std::string>& texts,
                                             const std::vector<std::size_t>& global_index,
                                             const DecodeOptions& options,
                                             const RequestHooks& hooks) const {
        const ModelConfig& config = model->config();
        const Tokenizer& target = model->target_tokenizer();
        // A chat model learned DailyDialog's contractions and amounts written apart; its replies
        // are shown joined (tidy).
        const int B = static_cast<int>(sources.size());
        EncoderOutput encoded = model->encoder().encode(sources);
        const std::vector<float> final_state = std::move(encoded.final_state);
        const AttentionMemory memory = model->attention().prepare(std::move(encoded));
        SearchRequest request;
        request.sentences = B;
        request.max_lengths = max_lengths(sources, options);
        request.bos_id = config.bos_id;
        request.eos_id = config.eos_id;
        request.pad_id = config.pad_id;
        request.banned_ids = {config.pad_id, config.bos_id, config.unk_id};
        if (config.sep_id >= 0) request.banned_ids.push_back(config.sep_id);
        request.options = options;
        request.cancel = hooks.cancel;
        if (hooks.on_step) {
            request.on_step = [&](const SearchStep& s) {
                StepEvent event;
                event.sentence = global_index[s.sentence];
                event.step = static_cast<int>(s.ids->size()) - (s.finished ? 0 : 1);
                if (s.token != config.eos_id && !s.finished) {
                    event.piece = target.display_piece(s.token);
                    event.word_start = target.starts_word(s.token);
                }
                const std::string text = tidy(target.decode(*s.ids));
                event.text_so_far = text.substr(0, complete_utf8_prefix(text));
                if (s.attention) event.attention_row.assign(s.attention, s.attention + s.source_length);
                event.end_of_sentence = s.finished;
                hooks.on_step(event);
            };
        }
        std::vector<int> row_sentence(search_rows(request));
        const int per_sentence = static_cast<int>(row_sentence.size()) / B;
        for (std::size_t r = 0; r < row_sentence.size(); ++r) row_sentence[r] = static_cast<int>(r) / per_sentence;
        DecoderSession session(*model, memory, final_state, std::move(row_sentence));
        auto searched = run_search(session, request);

        std::vector<SentenceResult> results(B);
        for (int b = 0; b < B; ++b) {
            SentenceResult& result = results[b];
            result.source = texts[b];
            describe(model->source_tokenizer(), sources[b], result.source_pieces, result.source_word_start);
            for (const SearchResult& found : searched[b]) {
                Hypothesis h;
                h.target_ids = found.ids;
                h.text = tidy(target.decode(found.ids));
                describe(target, found.ids, h.target_pieces, h.target_word_start);
                h.score = found.score;
                h.log_prob = found.log_prob;
                h.attention = found.attention;
                for (const auto& choices : found.alternatives) {
                    auto& row = h.alternatives.emplace_back();
                    for (const TokenChoice& c : choices)
                        row.push_back({target.display_piece(c.id), c.id, c.probability});
                }
                result.hypotheses.push_back(std::move(h));
            }
            if (result.hypotheses.empty()) result.hypotheses.emplace_back();
            const Hypothesis& best = result.hypotheses.front();
            result.coverage.assign(sources[b].size(), 0.0f);
            for (std::size_t t = 0; t < best.target_ids.size() && t < best.attention.size(); ++t)
                for (std::size_t s = 0; s < result.coverage.size() && s < best.attention[t].size(); ++s)
                    result.coverage[s] += best.attention[t][s];
        }
        return results;
    }
};

Translator::Translator(const std::filesystem::path& model_dir, EngineOptions options)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->dir = model_dir;
    m_impl->options = options;
    m_impl->threads = ops::set_threads(options.threads);
    if (!std::filesystem::is_directory(model_dir))
        throw ModelFormatError(model_dir.string() +
                               ": not a model folder (it does not exist or is not a directory)");
    ModelConfig config = load_config(model_dir / "config.json");
    m_impl->precision = ops::choose_precision(options.precision, config.precision);
    m_impl->model = std::make_unique<Seq2SeqModel>(model_dir, m_impl->precision);
    if (!config.reranker.empty()) {
        const std::filesystem::path reranker_dir = model_dir / config.reranker;
        m_impl->reranker = std::make_unique<Translator>(reranker_dir, options);
        if (!m_impl->reranker->config().predicts_context) {
            throw ModelFormatError((model_dir / "config.json").string() + ": the reranker '" + config.reranker +
                                   "' is not a backward chat model (its config.json needs \"dialogue_direction\": "
                                   "\"backward\")");
        }
    }
}

Translator::~Translator() = default;

const ModelConfig& Translator::config() const { return m_impl->model->config(); }
const std::filesystem::path& Translator::model_dir() const { return m_impl->dir; }
std::string Translator::precision() const { return ops::to_string(m_impl->precision); }
int Translator::threads() const { return m_impl->threads; }

DecodeOptions Translator::default_options() const {
    DecodeOptions defaults;
    if (config().task == Task::chat) {
        defaults.strategy = DecodeStrategy::sample;
        defaults.temperature = 0.8f;
        defaults.top_p = 0.9f;
        defaults.repetition_penalty = 1.2f;
        defaults.no_repeat_ngram_size = 3;
        defaults.max_length_ratio = 4.0f;
        defaults.max_length_extra = 20;
        defaults.max_length = 60;
    }
    return decode_options_from_json(config().decoding, defaults);
}

std::vector<SentenceResult> Translator::translate_sentences(const std::vector<std::string>& sentences,
                                                            const DecodeOptions& options,
                                                            const RequestHooks& hooks) {
    validate(options);
    ops::set_threads(m_impl->options.threads);
    const Tokenizer& source = m_impl->model->source_tokenizer();
    std::vector<std::vector<int>> encoded(sentences.size());
    std::vector<std::string> texts(sentences.size());
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        texts[i] = sanitize_utf8(sentences[i]);
        encoded[i] = source.encode(texts[i]);
    }
    std::vector<SentenceResult> results(sentences.size());
    std::vector<std::size_t> order;  // the non-empty sentences, in the order they are decoded
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i].empty()) {
            results[i].source = texts[i];
            results[i].hypotheses.emplace_back();
        } else {
            order.push_back(i);
        }
    }
    // Longest first within windows taken in input order: each batch holds sentences of similar
    // length (little padding), yet the start of a long text is ready early. The first window is
    // one batch, the others four; batches never straddle two windows.
    const std::size_t batch_size = static_cast<std::size_t>(options.max_batch_size);
    for (std::size_t start = 0, window = batch_size; start < order.size(); window = 4 * batch_size) {
        const std::size_t end = std::min(order.size(), start + window);
        std::stable_sort(order.begin() + start, order.begin() + end,
                         [&](std::size_t a, std::size_t b) { return encoded[a].size() > encoded[b].size(); });
        start = end;
    }
    std::size_t done = sentences.size() - order.size();
    if (hooks.on_progress) hooks.on_progress(done, sentences.size());
    for (std::size_t start = 0; start < order.size(); start += batch_size) {
        const std::size_t end = std::min(order.size(), start + batch_size);
        std::vector<std::vector<int>> batch;
        std::vector<std::string> batch_texts;
        std::vector<std::size_t> index(order.begin() + start, order.begin() + end);
        for (std::size_t i : index) {
            batch.push_back(encoded[i]);
            batch_texts.push_back(texts[i]);
        }
        auto batch_results = m_impl->decode_batch(batch, batch_texts, index, options, hooks);
        for (std::size_t k = 0; k < index.size(); ++k) {
            results[index[k]] = std::move(batch_results[k]);
            if (hooks.on_sentence) hooks.on_sentence(index[k], results[index[k]]);
        }
        done += index.size();
        if (hooks.on_progress) hooks.on_progress(done, sentences.size());
    }
    return results;
}

TranslationResult Translator::translate(std::string_view text, const DecodeOptions& options,
                                        const RequestHooks& hooks) {
    const auto started = std::chrono::steady_clock::now();
    const std::string clean = sanitize_utf8(text);
    const SplitText split = split_sentences(clean);
    std::vector<std::string> sentences;
    for (const auto& segment : split.segments) sentences.push_back(segment.sentence);
    TranslationResult result;
    result.sentences = translate_sentences(sentences, options, hooks);
    std::vector<std::string> translations;
    for (const auto& sentence : result.sentences) {
        translations.push_back(sentence.best().text);
        result.target_tokens += static_cast<std::int64_t>(sentence.best().target_ids.size());
    }
    result.text = join_sentences(split, translations);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

SentenceResult Translator::reply(const std::vector<std::string>& turns, const DecodeOptions& options,
                                 const RequestHooks& hooks) {
    if (turns.empty()) throw std::invalid_argument("reply: there is no message to answer");
    if (!has_reranker() || options.rerank_candidates <= 1) {
        const std::string context = chat_context(turns, config().chat_context_turns, m_impl->separator());
        auto results = translate_sentences({context}, options, hooks);
        return std::move(results.front());
    }
    if (hooks.on_progress) hooks.on_progress(0, 1);
    std::vector<ScoredReply> candidates = reply_candidates(turns, options, hooks.cancel);
    std::vector<RerankScores> scores;
    for (const ScoredReply& candidate : candidates) scores.push_back(candidate.scores);
    const RerankWeights weights{options.rerank_backward_weight, options.rerank_length_weight};
    SentenceResult kept = std::move(candidates[best_candidate(scores, weights)].result);
    m_impl->replay_steps(kept, hooks.on_step);
    if (hooks.on_sentence) hooks.on_sentence(0, kept);
    if (hooks.on_progress) hooks.on_progress(1, 1);
    return kept;
}

bool Translator::has_reranker() const { return m_impl->reranker != nullptr; }

std::vector<ScoredReply> Translator::reply_candidates(const std::vector<std::string>& turns,
                                                      const DecodeOptions& options,
                                                      const std::atomic<bool>* cancel) {
    if (turns.empty()) throw std::invalid_argument("reply_candidates: there is no message to answer");
    const std::string context = chat_context(turns, config().chat_context_turns, m_impl->separator());
    const int n = std::max(1, options.rerank_candidates);
    DecodeOptions batch_options = options;
    batch_options.max_batch_size = std::max(batch_options.max_batch_size, n);  // one batch
    RequestHooks hooks;
    hooks.cancel = cancel;
    std::vector<SentenceResult> results =
        translate_sentences(std::vector<std::string>(static_cast<std::size_t>(n), context), batch_options, hooks);

    std::vector<ScoredReply> candidates;
    std::vector<std::string> replies;
    for (SentenceResult& result : results) {
        ScoredReply candidate;
        const Hypothesis& h = result.best();
        // Attention has a row per piece and one for EOS when the reply ended with it.
        candidate.scores.forward = h.log_prob / static_cast<float>(std::max<std::size_t>(1, h.attention.size()));
        candidate.scores.length = static_cast<int>(h.target_ids.size());
        replies.push_back(h.text);
        candidate.result = std::move(result);
        candidates.push_back(std::move(candidate));
    }
    if (m_impl->reranker) {
        Translator& backward = *m_impl->reranker;
        const std::string asked = chat_context(turns, backward.config().chat_context_turns, backward.m_impl->separator());
        std::vector<int> pieces;
        const std::vector<float> totals =
            backward.score(replies, std::vector<std::string>(replies.size(), asked), &pieces);
        for (std::size_t i = 0; i < candidates.size(); ++i)
            candidates[i].scores.backward = totals[i] / static_cast<float>(std::max(1, pieces[i]));
    }
    return candidates;
}

std::vector<float> Translator::score(const std::vector<std::string>& sources, const std::vector<std::string>& targets,
                                     std::vector<int>* target_pieces) {
    if (sources.size() != targets.size()) {
        throw std::invalid_argument("score: " + std::to_string(sources.size()) + " sources but " +
                                    std::to_string(targets.size()) + " targets");
    }
    ops::set_threads(m_impl->options.threads);
    const Tokenizer& source_tokenizer = m_impl->model->source_tokenizer();
    const Tokenizer& target_tokenizer = m_impl->model->target_tokenizer();
    std::vector<float> totals(sources.size(), -std::numeric_limits<float>::infinity());
    if (target_pieces) target_pieces->assign(sources.size(), 0);
    std::vector<std::vector<int>> batch_sources, batch_targets;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::vector<int> source = source_tokenizer.encode(sanitize_utf8(sources[i]));
        std::vector<int> target = target_tokenizer.encode(sanitize_utf8(targets[i]));
        if (target_pieces) (*target_pieces)[i] = static_cast<int>(target.size()) + 1;
        if (source.empty()) continue;
        batch_sources.push_back(std::move(source));
        batch_targets.push_back(std::move(target));
        index.push_back(i);
    }
    constexpr std::size_t kBatch = 32;
    for (std::size_t start = 0; start < index.size(); start += kBatch) {
        const std::size_t end = std::min(index.size(), start + kBatch);
        const std::vector<std::vector<int>> chunk_sources(batch_sources.begin() + start, batch_sources.begin() + end);
        const std::vector<std::vector<int>> chunk_targets(batch_targets.begin() + start, batch_targets.begin() + end);
        const std::vector<float> scored = m_impl->forced_log_probs(chunk_sources, chunk_targets);
        for (std::size_t k = start; k < end; ++k) totals[index[k]] = scored[k - start];
    }
    return totals;
}

}  // namespace attentive
