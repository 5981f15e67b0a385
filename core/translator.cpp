#include "core/translator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <unordered_set>

#include "core/decoding/search.h"
#include "core/errors.h"
#include "core/model/seq2seq_model.h"
#include "core/ops/ops.h"
#include "core/text/chat_context.h"
#include "core/text/protected_spans.h"
#include "core/text/sentence_splitter.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Moves the hypotheses whose text holds every span ahead of those that lost one, keeping the
// order of scores within each group.
void prefer_hypotheses_keeping_spans(std::vector<Hypothesis>& hypotheses, const std::vector<ProtectedSpan>& spans) {
    if (spans.empty()) return;
    std::stable_partition(hypotheses.begin(), hypotheses.end(), [&](const Hypothesis& h) {
        return std::all_of(spans.begin(), spans.end(),
                           [&](const ProtectedSpan& span) { return h.text.find(span.text) != std::string::npos; });
    });
}

}  // namespace

struct Translator::Impl {
    std::filesystem::path dir;
    EngineOptions options;
    ops::Precision precision = ops::Precision::f32;
    int threads = 0;
    std::unique_ptr<Seq2SeqModel> model;
    std::unordered_set<std::string> known_words;  // the model's known_words.txt, when it has one
    SpanRules span_rules;

    // The heatmap's column labels for a sentence: its pieces, each surrogate shown as the span
    // it stands for. Every place that shows source pieces takes them from here.
    void display_source(const std::vector<int>& ids, const std::vector<ProtectedSpan>& spans,
                        std::vector<std::string>& pieces, std::vector<bool>& word_start) const {
        describe(model->source_tokenizer(), ids, pieces, word_start);
        relabel_surrogate_pieces(pieces, word_start, spans);
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
                                             const std::vector<std::vector<ProtectedSpan>>& spans,
                                             const DecodeOptions& options, int n_best,
                                             const RequestHooks& hooks) const {
        const ModelConfig& config = model->config();
        const Tokenizer& target = model->target_tokenizer();
        // A chat model learned DailyDialog's contractions and amounts written apart; its replies are shown joined.
        const bool chat = config.task == Task::chat;
        const auto tidy = [chat](std::string text) { return chat ? tidy_dialogue_text(text) : text; };
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
                    event.piece = relabel_surrogate_piece(target.display_piece(s.token), spans[s.sentence]);
                    event.word_start = target.starts_word(s.token);
                }
                const std::string text = restore_protected_spans(tidy(target.decode(*s.ids)), spans[s.sentence]);
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
            display_source(sources[b], spans[b], result.source_pieces, result.source_word_start);
            for (const SearchResult& found : searched[b]) {
                Hypothesis h;
                h.target_ids = found.ids;
                h.text = restore_protected_spans(tidy(target.decode(found.ids)), spans[b]);
                describe(target, found.ids, h.target_pieces, h.target_word_start);
                relabel_surrogate_pieces(h.target_pieces, h.target_word_start, spans[b]);
                h.score = found.score;
                h.log_prob = found.log_prob;
                h.attention = found.attention;
                for (const auto& choices : found.alternatives) {
                    auto& row = h.alternatives.emplace_back();
                    for (const TokenChoice& c : choices)
                        row.push_back({relabel_surrogate_piece(target.display_piece(c.id), spans[b]), c.id,
                                       c.probability});
                }
                result.hypotheses.push_back(std::move(h));
            }
            prefer_hypotheses_keeping_spans(result.hypotheses, spans[b]);
            if (result.hypotheses.size() > static_cast<std::size_t>(n_best)) result.hypotheses.resize(n_best);
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

namespace {

bool one_piece(const Tokenizer& tokenizer, std::string_view word) {
    return tokenizer.encode(word).size() == 1;
}

// Which capitalised words are names to protect, and the surrogates this model copies: words
// each vocabulary holds as one piece, that the model saw thousands of times and copies.
SpanRules span_rules_for(const Seq2SeqModel& model, const std::unordered_set<std::string>& known_words) {
    const Tokenizer& source = model.source_tokenizer();
    const Tokenizer& target = model.target_tokenizer();
    SpanRules rules;
    // Without a list (a model trained before lists existed) a word the source vocabulary holds
    // whole is taken as known.
    const auto known = [&source, &known_words](std::string_view word) {
        return known_words.empty() ? one_piece(source, word) : known_words.count(std::string(word)) > 0;
    };
    // A compound of two known words ("Sonnenschirm": "Sonnen", "Schirm") is translated, not
    // copied: German writes new nouns this way, and copying them cost de-en 0.4 BLEU on the dev sets.
    rules.known_word = [known](std::string_view word) {
        if (known(word)) return true;
        for (std::size_t split = 3; split + 4 <= word.size(); ++split) {
            const unsigned char first = static_cast<unsigned char>(word[split]);
            if (first < 'a' || first > 'z') continue;
            std::string tail(word.substr(split));
            tail[0] = static_cast<char>(first - 32);
            if (!known(tail)) continue;
            const std::string_view head = word.substr(0, split);
            for (std::size_t link = 0; link <= 2 && link < head.size() - 2; ++link)
                if (known(head.substr(0, head.size() - link))) return true;
        }
        return false;
    };
    rules.common_word = [&source](std::string_view word) { return one_piece(source, word); };
    const auto usable = [&](const std::string& word) {
        return one_piece(source, word) && one_piece(target, word);
    };
    // Tom and Boston are copied in 97-100% of the training pairs that hold them, both ways, and
    // were the pair that lost fewest numbers on the hand-written sentences (6 in 95, against 12
    // with Tom and Mary: en-de writes Mary as "Maria", John as "Johannes"); the rest, rarer, only
    // serve sentences with more spans.
    for (const char* name : {"Tom", "Boston", "Ken", "Jack", "Chicago", "Bob", "Jim", "Mary", "John", "Alice"})
        if (usable(name)) rules.surrogates.push_back(name);
    return rules;
}

}  // namespace

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
    if (std::filesystem::exists(model_dir / "known_words.txt")) {
        const std::vector<std::string> words = read_word_list(model_dir / "known_words.txt");
        m_impl->known_words.insert(words.begin(), words.end());
    }
    m_impl->span_rules = span_rules_for(*m_impl->model, m_impl->known_words);
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
    std::vector<std::vector<ProtectedSpan>> spans(sentences.size());
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        texts[i] = sanitize_utf8(sentences[i]);
        if (options.protect_spans) {
            MaskedSentence masked = mask_protected_spans(texts[i], m_impl->span_rules);
            encoded[i] = source.encode(masked.text);
            spans[i] = std::move(masked.spans);
        } else {
            encoded[i] = source.encode(texts[i]);
        }
    }
    // A beam sometimes drops a surrogate ("before Tom" left out); its other hypotheses are
    // searched anyway, and the best that keeps every span is preferred.
    DecodeOptions search_options = options;
    const bool any_spans = std::any_of(spans.begin(), spans.end(), [](const auto& s) { return !s.empty(); });
    if (any_spans && options.strategy == DecodeStrategy::beam) search_options.n_best = options.beam_size;
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
        std::vector<std::vector<ProtectedSpan>> batch_spans;
        std::vector<std::size_t> index(order.begin() + start, order.begin() + end);
        for (std::size_t i : index) {
            batch.push_back(encoded[i]);
            batch_texts.push_back(texts[i]);
            batch_spans.push_back(spans[i]);
        }
        auto batch_results =
            m_impl->decode_batch(batch, batch_texts, index, batch_spans, search_options, options.n_best, hooks);
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
    const ModelConfig& cfg = config();
    const std::string separator =
        turn_separator(cfg.sep_id >= 0 ? m_impl->model->source_tokenizer().piece(cfg.sep_id) : "");
    const std::string context = chat_context(turns, cfg.chat_context_turns, separator);
    auto results = translate_sentences({context}, options, hooks);
    return std::move(results.front());
}

}  // namespace attentive
