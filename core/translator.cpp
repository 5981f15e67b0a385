#include "core/translator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <unordered_set>
#include <utility>

#include "core/decoding/ensemble.h"
#include "core/decoding/repeated_words.h"
#include "core/decoding/reply_memory.h"
#include "core/decoding/reply_mood.h"
#include "core/decoding/rerank.h"
#include "core/decoding/search.h"
#include "core/decoding/word_list_filter.h"
#include "core/errors.h"
#include "core/file_access.h"
#include "core/hypothesis_preferences.h"
#include "core/metrics/dialogue.h"
#include "core/model/seq2seq_model.h"
#include "core/ops/ops.h"
#include "core/text/address_forms.h"
#include "core/text/durations.h"
#include "core/text/chat_context.h"
#include "core/text/dates.h"
#include "core/text/english_articles.h"
#include "core/text/french_elisions.h"
#include "core/text/age_phrases.h"
#include "core/text/american_spelling.h"
#include "core/text/chat_shorthand.h"
#include "core/text/inner_asides.h"
#include "core/text/email_word.h"
#include "core/text/french_spelling.h"
#include "core/text/formal_rewrite.h"
#include "core/text/french_verb_forms.h"
#include "core/text/function_words.h"
#include "core/text/given_names.h"
#include "core/text/known_names.h"
#include "core/text/negation.h"
#include "core/text/number_words.h"
#include "core/text/protected_spans.h"
#include "core/text/quotes.h"
#include "core/text/sentence_splitter.h"
#include "core/text/service_register.h"
#include "core/text/span_markers.h"
#include "core/text/utf8.h"
#include "core/text/vocatives.h"
#include "core/text/weekday_prepositions.h"
#include "core/text/word_order.h"
#include "core/translation_units.h"
#include "core/translator_impl.h"

namespace attentive {

std::vector<std::string> Hypothesis::attention_row_labels() const {
    std::vector<std::string> labels(target_pieces.begin(), target_pieces.end());
    labels.resize(attention.size(), kEndOfSentenceLabel);  // pads the EOS row, or trims
    return labels;
}

namespace {

// Articles, elisions and prepositions that the model wrote before it knew the next word, fitted
// in the text and in the heatmap's labels.
void fit_words_to_the_next(Hypothesis& h, const std::string& language) {
    if (language == "en") {
        h.text = with_fitting_articles(h.text);
        fit_article_pieces(h.target_pieces, h.target_word_start);
    } else if (language == "fr") {
        h.text = with_agreeing_auxiliaries(with_first_person_future(with_french_elisions(with_avoir_for_ages(h.text))));
        avoir_for_age_pieces(h.target_pieces, h.target_word_start);
        elide_french_pieces(h.target_pieces, h.target_word_start);
        first_person_future_pieces(h.target_pieces, h.target_word_start);
        agree_auxiliary_pieces(h.target_pieces, h.target_word_start);
    }
    h.text = with_weekday_prepositions(h.text, language);
    fit_weekday_preposition_pieces(h.target_pieces, h.target_word_start, language);
}

// Whether `config`'s model reads English sources in American spelling (core/text/american_spelling.h):
// the translators from English learned it so; a chat model read both spellings.
bool reads_american_spelling(const ModelConfig& config) {
    return config.task == Task::translate && config.source_language == "en";
}

// The words of `text` that `config`'s model reads otherwise than written: for a translator, a
// relative clause in brackets between commas (core/text/inner_asides.h); an English source's chat
// shorthand written out (core/text/chat_shorthand.h), and for a translator its American spelling
// and the ages said with "turn" (core/text/age_phrases.h).
std::vector<RewrittenWord> source_rewrites(const ModelConfig& config, std::string_view text) {
    std::vector<RewrittenWord> rewrites;
    if (config.task == Task::translate) rewrites = relative_clause_commas(text, config.source_language);
    if (config.source_language != "en") return rewrites;
    rewrites = merged_rewrites(std::move(rewrites), shorthand_words(text));
    if (reads_american_spelling(config)) rewrites = merged_rewrites(std::move(rewrites), american_spellings(text));
    if (config.task == Task::translate) rewrites = merged_rewrites(std::move(rewrites), age_phrases(text));
    return rewrites;
}

}  // namespace

std::vector<int> Translator::Impl::encode_source(const std::string& text) const {
    const Tokenizer& tokenizer = model->source_tokenizer();
    const std::string& language = model->config().source_language;
    const std::string written = with_rewritten_words(text, source_rewrites(model->config(), text));
    // A chat model read both spellings in DailyDialog (75 "e-mail", 67 "email").
    const std::string spelled =
        model->config().task != Task::translate ? written : with_models_email_word(written, language);
    return language == "fr" ? tokenizer.encode(with_french_ligatures(spelled)) : tokenizer.encode(spelled);
}

void Translator::Impl::display_source(const std::vector<int>& ids, const std::vector<ProtectedSpan>& spans,
                                      std::string_view text, std::vector<std::string>& pieces,
                                      std::vector<bool>& word_start) const {
    describe(model->source_tokenizer(), ids, pieces, word_start);
    relabel_surrogate_pieces(pieces, word_start, spans, SpanSide::source);
    relabel_rewritten_pieces(pieces, word_start, text, source_rewrites(model->config(), text));
}

void Translator::Impl::rerank_hypotheses(std::vector<SentenceResult>& results, const std::vector<std::string>& texts,
                                         const DecodeOptions& options) const {
    std::vector<std::string> hypotheses, sources;
    for (std::size_t b = 0; b < results.size(); ++b) {
        if (results[b].hypotheses.size() < 2) continue;
        for (const Hypothesis& h : results[b].hypotheses) {
            hypotheses.push_back(h.text);
            sources.push_back(texts[b]);
        }
    }
    if (hypotheses.empty()) return;
    const std::vector<float> added = rerank_terms(sources, hypotheses, options);
    std::size_t k = 0;
    for (SentenceResult& result : results) {
        if (result.hypotheses.size() < 2) continue;
        std::vector<std::pair<float, std::size_t>> ranked;  // (combined score, hypothesis)
        for (std::size_t i = 0; i < result.hypotheses.size(); ++i, ++k)
            ranked.emplace_back(result.hypotheses[i].score + added[k], i);
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        std::vector<Hypothesis> ordered;
        for (const auto& entry : ranked) ordered.push_back(std::move(result.hypotheses[entry.second]));
        result.hypotheses = std::move(ordered);
    }
}

std::vector<float> Translator::Impl::rerank_terms(const std::vector<std::string>& sources,
                                                  const std::vector<std::string>& hypotheses,
                                                  const DecodeOptions& options) const {
    std::vector<float> added(hypotheses.size(), 0.0f);
    // weight · log p(target | source) per target piece under `scorer`, for each pair.
    const auto add_scores = [&](Translator& scorer, const std::vector<std::string>& from,
                                const std::vector<std::string>& to, float weight) {
        std::vector<int> pieces;
        const std::vector<float> log_probs = scorer.score(from, to, &pieces);
        for (std::size_t k = 0; k < added.size(); ++k)
            added[k] += weight * log_probs[k] / static_cast<float>(std::max(1, pieces[k]));
    };
    if (reverse && options.reverse_weight > 0.0f) add_scores(*reverse, hypotheses, sources, options.reverse_weight);
    if (right_to_left && options.right_to_left_weight > 0.0f) {
        std::vector<std::string> backwards;
        for (const std::string& h : hypotheses) backwards.push_back(reversed_words(h));
        add_scores(*right_to_left, sources, backwards, options.right_to_left_weight);
    }
    return added;
}

bool Translator::Impl::reranks(const DecodeOptions& options) const {
    const bool any = (reverse && options.reverse_weight > 0.0f) ||
                     (right_to_left && options.right_to_left_weight > 0.0f);
    return any && options.strategy == DecodeStrategy::beam && options.beam_size > 1;
}

bool Translator::Impl::judges_negation(const DecodeOptions& options) const {
    return !chat() && options.protect_spans && model->config().source_language == "en";
}

std::string Translator::Impl::tidy(std::string text) const {
    // The articles too, so that a streamed reply reads as the finished one.
    return chat() ? with_fitting_articles(with_sentence_capitals(with_straight_apostrophes(tidy_dialogue_text(text))))
                  : text;
}

std::string Translator::Impl::separator() const {
    const ModelConfig& config = model->config();
    return turn_separator(config.sep_id >= 0 ? model->source_tokenizer().piece(config.sep_id) : "");
}

Translator::Impl::ReadSources Translator::Impl::read_sources(const Seq2SeqModel& reader,
                                                             const std::vector<std::vector<int>>& sources) {
    EncoderOutput encoded = reader.encoder().encode(sources);
    std::vector<float> final_state = std::move(encoded.final_state);
    return {std::move(final_state), reader.attention().prepare(std::move(encoded))};
}

std::vector<std::vector<float>> Translator::Impl::forced_log_probs(const std::vector<std::vector<int>>& sources,
                                                                   const std::vector<std::vector<int>>& targets) const {
    const ModelConfig& config = model->config();
    const int B = static_cast<int>(sources.size());
    std::vector<std::vector<int>> distinct;
    std::map<std::vector<int>, int> distinct_index;
    std::vector<int> row_sentence(B);
    for (int b = 0; b < B; ++b) {
        const auto [it, added] = distinct_index.emplace(sources[b], static_cast<int>(distinct.size()));
        if (added) distinct.push_back(sources[b]);
        row_sentence[b] = it->second;
    }
    const ReadSources read = read_sources(*model, distinct);
    DecoderSession session(*model, read.memory, read.final_state, std::move(row_sentence));
    std::size_t steps = 0;
    for (const auto& target : targets) steps = std::max(steps, target.size() + 1);
    std::vector<std::vector<float>> log_probs(B);
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
            log_probs[b].push_back(ops::log_probability(logits[token], normalizer));
            inputs[b] = token;
        }
    }
    return log_probs;
}

void Translator::Impl::replay_steps(const SentenceResult& result, const StepCallback& on_step) const {
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
            // The hypothesis's own labels: a protected span shows as itself, not its surrogate.
            event.piece = t < h.target_pieces.size() ? h.target_pieces[t] : target.display_piece(h.target_ids[t]);
            event.word_start = target.starts_word(h.target_ids[t]);
            event.row_label = event.piece;
        } else {
            event.row_label = kEndOfSentenceLabel;
            event.word_start = true;
        }
        const std::string text = tidy(target.decode(ids));
        event.text_so_far = text.substr(0, complete_utf8_prefix(text));
        if (t < h.attention.size()) event.attention_row = h.attention[t];
        on_step(event);
    }
}

void Translator::Impl::describe(const Tokenizer& tokenizer, const std::vector<int>& ids,
                                std::vector<std::string>& pieces, std::vector<bool>& word_start) const {
    pieces.clear();
    word_start.clear();
    for (int id : ids) {
        pieces.push_back(tokenizer.display_piece(id));
        word_start.push_back(tokenizer.starts_word(id));
    }
}

std::vector<int> Translator::Impl::max_lengths(const std::vector<std::vector<int>>& sources, const DecodeOptions& o,
                                               const std::vector<std::vector<int>>& target_prefixes) const {
    std::vector<int> limits;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::vector<int>& prefix = target_prefixes.empty() ? o.target_prefix : target_prefixes[i];
        int limit = static_cast<int>(std::ceil(o.max_length_ratio * sources[i].size())) + o.max_length_extra;
        limit = std::min(limit, o.max_length);
        limit = std::max<int>(limit, static_cast<int>(prefix.size()) + 1);
        limits.push_back(limit);
    }
    return limits;
}

std::vector<float> Translator::Impl::coverage_of(const Hypothesis& best, std::size_t source_pieces) {
    std::vector<float> coverage(source_pieces, 0.0f);
    for (std::size_t t = 0; t < best.target_ids.size() && t < best.attention.size(); ++t)
        for (std::size_t s = 0; s < coverage.size() && s < best.attention[t].size(); ++s)
            coverage[s] += best.attention[t][s];
    return coverage;
}

std::vector<SentenceResult> Translator::Impl::decode_batch(const std::vector<std::vector<int>>& sources,
                                                           const std::vector<std::string>& texts,
                                                           const std::vector<std::size_t>& global_index,
                                                           const std::vector<std::vector<ProtectedSpan>>& spans,
                                                           const DecodeOptions& options, int n_best,
                                                           const RequestHooks& hooks,
                                                           std::vector<char>* first_choice_kept,
                                                           const std::vector<int>& banned_ids,
                                                           const WordListFilter* words,
                                                           const std::vector<std::vector<int>>& target_prefixes) const {
    const ModelConfig& config = model->config();
    const Tokenizer& target = model->target_tokenizer();
    // A chat model learned DailyDialog's contractions and amounts written apart; its replies
    // are shown joined (tidy).
    const int B = static_cast<int>(sources.size());
    // Copies of one source (a chat reply's candidates) are encoded once; every row reads it.
    const bool copies = B > 1 && std::all_of(sources.begin() + 1, sources.end(),
                                             [&](const std::vector<int>& s) { return s == sources.front(); });
    const std::vector<std::vector<int>> distinct_sources =
        copies ? std::vector<std::vector<int>>{sources.front()} : std::vector<std::vector<int>>{};
    const std::vector<std::vector<int>>& to_read = copies ? distinct_sources : sources;
    const ReadSources read = read_sources(*model, to_read);
    SearchRequest request;
    request.sentences = B;
    request.max_lengths = max_lengths(sources, options, target_prefixes);
    request.target_prefixes = target_prefixes;
    request.bos_id = config.bos_id;
    request.eos_id = config.eos_id;
    request.pad_id = config.pad_id;
    request.banned_ids = {config.pad_id, config.bos_id, config.unk_id};
    request.banned_ids.insert(request.banned_ids.end(), banned_ids.begin(), banned_ids.end());
    if (options.no_immediate_repeat && !piece_kinds.empty()) {
        request.piece_kinds = piece_kinds;
        for (const std::string& text : texts) request.repeats_allowed.push_back(repeats_a_word(text));
    }
    if (config.sep_id >= 0) request.banned_ids.push_back(config.sep_id);
    // A reply or a translation may use the words of its source too: a name, a word the training
    // targets never use. Read once per distinct source, as the encoder is (a reply's candidates
    // are copies).
    std::vector<WordList> message_words;
    const WordListFilter& allowed = words ? *words : target_words;
    if (!allowed.empty() && options.known_words_only) {
        for (const std::vector<int>& source : to_read)
            message_words.emplace_back(letter_words(model->source_tokenizer().decode(source)));
        request.allows = [&](int sentence, const std::vector<int>& history, int token) {
            return allowed.allows(history, token, config.eos_id, message_words[copies ? 0 : sentence]);
        };
    }
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
                event.row_label = event.piece;
            } else {
                event.row_label = kEndOfSentenceLabel;
                event.word_start = true;
            }
            const std::string text = restore_protected_spans(tidy(target.decode(*s.ids)), spans[s.sentence]);
            event.text_so_far = text.substr(0, complete_utf8_prefix(text));
            if (s.attention) event.attention_row.assign(s.attention, s.attention + s.source_length);
            event.end_of_sentence = s.finished;
            hooks.on_step(event);
        };
    }
    std::vector<SentenceResult> results(B);
    for (int b = 0; b < B; ++b) {
        results[b].source = texts[b];
        results[b].source_ids = sources[b];
        display_source(sources[b], spans[b], texts[b], results[b].source_pieces, results[b].source_word_start);
        if (hooks.on_sentence_start)
            hooks.on_sentence_start({global_index[b], results[b].source, results[b].source_pieces,
                                     results[b].source_word_start});
    }
    std::vector<int> row_sentence(search_rows(request));
    const int per_sentence = static_cast<int>(row_sentence.size()) / B;
    for (std::size_t r = 0; r < row_sentence.size(); ++r) row_sentence[r] = copies ? 0 : static_cast<int>(r) / per_sentence;
    DecoderSession session(*model, read.memory, read.final_state, row_sentence);
    std::vector<std::vector<SearchResult>> searched;
    if (ensemble && options.ensemble_weight > 0.0f) {
        // The partner reads the same source pieces (the vocabularies are checked at load).
        const ReadSources partner_read = read_sources(*ensemble, to_read);
        DecoderSession partner(*ensemble, partner_read.memory, partner_read.final_state, std::move(row_sentence));
        EnsembleStepModel both(session, partner, options.ensemble_weight);
        searched = run_search(both, request);
    } else {
        searched = run_search(session, request);
    }

    for (int b = 0; b < B; ++b) {
        SentenceResult& result = results[b];
        for (const SearchResult& found : searched[b]) {
            Hypothesis h;
            h.target_ids = found.ids;
            h.text = restore_protected_spans(tidy(target.decode(found.ids)), spans[b]);
            describe(target, found.ids, h.target_pieces, h.target_word_start);
            relabel_surrogate_pieces(h.target_pieces, h.target_word_start, spans[b], SpanSide::target);
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
        // The model's own first choice, before any reranking: whether it lost a span decides
        // the retries (retry_lost_spans).
        if (first_choice_kept)
            first_choice_kept->push_back(result.hypotheses.empty() || keeps_spans(result.hypotheses.front(), spans[b]));
    }
    if (reranks(options)) rerank_hypotheses(results, texts, options);
    for (int b = 0; b < B; ++b) {
        SentenceResult& result = results[b];
        // Spans first; then, among the hypotheses that keep them, the negation and the formal
        // "you" (a best that lost the date said "vous": "Merci pour votre courriel." kept
        // "Merci pour tes courriels du 3 mai." ahead of "... votre courriel du 3 mai.").
        const auto group_end = prefer_hypotheses_keeping_spans(result.hypotheses, spans[b]);
        if (judges_negation(options) && has_negation(texts[b], config.source_language))
            prefer_hypothesis_keeping_negation(result.hypotheses.begin(), group_end, config.target_language);
        if (tells_duration_until_now(texts[b], config.source_language)) {
            if (config.target_language == "en") prefer_perfect_for_durations(result.hypotheses.begin(), group_end);
            if (config.target_language == "fr")
                prefer_present_for_durations(result.hypotheses.begin(), group_end, texts[b]);
        }
        if (options.formal_address)
            prefer_formal_address(result.hypotheses.begin(), group_end, config.target_language);
        else if (options.familiar_address && !addresses_several(texts[b], config.source_language))
            prefer_familiar_address(result.hypotheses.begin(), group_end, config.target_language);
        else
            prefer_one_address(result.hypotheses.begin(), group_end, config.target_language);
        if (result.hypotheses.size() > static_cast<std::size_t>(n_best)) result.hypotheses.resize(n_best);
        if (result.hypotheses.empty()) result.hypotheses.emplace_back();
        result.coverage = coverage_of(result.best(), sources[b].size());
    }
    return results;
}

namespace {

// The most source pieces (padding included) one batch encodes and attends over: 32 sentences of
// 128 pieces, far above ordinary sentences (20-40 pieces), so it only shortens batches of long
// ones. Bounds the working memory of a batch whatever the sentences.
constexpr std::size_t kMaxBatchSourcePieces = 4096;

// The sentences of a long text's first batch: the reader sees the first sentence once that
// batch is done, and a full batch of 32 took 2.7 s for de-en with its reranking models (1
// thread), against 0.2 s for 4.
constexpr std::size_t kFirstBatchSentences = 4;

// Keeps a text to the address most of its translated sentences say so far: each sentence whose
// best translation says only familiar forms ("du", "tu") or only formal ones ("Sie", "vous")
// votes, not one whose source says "you" to several (French calls them "vous" either way); a
// tie goes to the formal, the polite choice when unsure. Nothing when none votes. The models
// choose sentence by sentence: "Hallo Tom, danke, dass du uns eingeladen hast! ... Meine
// Telefonnummer ist 0612 345 678, wenn Sie mich erreichen müssen.".
void choose_text_address(const std::vector<SentenceResult>& results, const std::vector<std::string>& sources,
                         const ModelConfig& config, DecodeOptions& options) {
    int familiar = 0, formal = 0;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty() || addresses_several(sources[k], config.source_language)) continue;
        const std::string& text = results[k].best().text;
        const bool says_familiar = addresses_familiarly(text, config.target_language);
        const bool says_formal = addresses_formally(text, config.target_language);
        if (says_familiar != says_formal) ++(says_familiar ? familiar : formal);
    }
    if (familiar > formal) options.familiar_address = true;
    else if (formal > 0) options.formal_address = true;
}

// Training messages less alike than this to the one answered lend no reply (ReplyMemory::recall).
// 0.2 when messages were compared by the cosine alone; the similarity now is at least the
// cosine, and at 0.2 "I just got a new job at a hospital." took "That's great. I thought you said
// you didn't get the job." from "I got a job offer from Dell." (dev replies at 0.2 / 0.25 / 0.3:
// BLEU-1 0.535 / 0.535 / 0.536, news met 25 / 23 / 19 of 34; models/chat-en/card.md).
constexpr float kMinRecalledSimilarity = 0.25f;
// Replies that meet a message's news recalled beside those (Translator::reply), from messages at
// least as alike. From less alike ones (0.05 and 0.1 tried on my own forty openings), generic
// replies won on their mood alone:
// "I feel sick after lunch." -> "Don't worry about it. Try to look on the bright sight of things."
constexpr std::size_t kNewsRecalled = 3;
// Parentheses remembered with their translations (Impl::aside_translations) before the memory starts over.
constexpr std::size_t kMaxAsideTranslations = 1000;
// When none of those meets the news: one reply that only says its sympathy or cheer
// (is_mood_formula: "My condolences.", "Oh, congratulations!"), which meets any such news, from the
// most alike message with the same news that shares a word with this one.
constexpr std::size_t kMaxNewsFormulaBytes = 60;  // a quick first test: most replies are longer

// One piece of decoding: a whole sentence, or a piece of one cut at max_sentence_chars.
// Keeps only the best hypothesis's text, ids and pieces: what a long text's results need.
void drop_details(SentenceResult& result) {
    result.hypotheses.resize(1);
    result.hypotheses.front().attention = {};
    result.hypotheses.front().alternatives = {};
    result.source_pieces = {};
    result.source_word_start = {};
    result.source_ids = {};
    result.coverage = {};
}

// The result of a cut sentence from its pieces' results, in order; each piece's `source` holds
// the separator that followed it. Only the best translation is kept: the source pieces,
// coverage and attention of a text of any length would grow with it.
SentenceResult join_pieces(const std::string& source, std::vector<SentenceResult>& pieces) {
    SentenceResult joined;
    joined.source = source;
    joined.cut = true;
    Hypothesis& h = joined.hypotheses.emplace_back();
    float scores = 0.0f;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        SentenceResult& piece = pieces[k];
        const Hypothesis& best = piece.best();
        h.text += best.text;
        if (k + 1 < pieces.size() && !piece.source.empty() && !best.text.empty()) h.text += ' ';
        h.target_ids.insert(h.target_ids.end(), best.target_ids.begin(), best.target_ids.end());
        h.target_pieces.insert(h.target_pieces.end(), best.target_pieces.begin(), best.target_pieces.end());
        h.target_word_start.insert(h.target_word_start.end(), best.target_word_start.begin(),
                                   best.target_word_start.end());
        h.log_prob += best.log_prob;
        scores += best.score;
    }
    h.score = pieces.empty() ? 0.0f : scores / static_cast<float>(pieces.size());
    return joined;
}

// The end of a chat context that fits max_sentence_chars, starting at a cut cut_long_sentence
// would make, so the model reads the latest words whole.
std::string most_recent_part(const std::string& context) {
    const std::vector<TextSegment> pieces = cut_long_sentence(context);
    std::size_t first = pieces.size() - 1;
    std::size_t chars = utf8_length(pieces.back().sentence);
    while (first > 0) {
        const std::size_t more = utf8_length(pieces[first - 1].sentence) + utf8_length(pieces[first - 1].separator);
        if (chars + more > max_sentence_chars) break;
        chars += more;
        --first;
    }
    std::string part;
    for (std::size_t k = first; k < pieces.size(); ++k) part += pieces[k].sentence + pieces[k].separator;
    return part;
}

bool is_town_ending(std::string_view word) {
    for (const char* ending : {"Burg", "Berg", "Dorf", "Heim", "Stadt", "Hausen"})
        if (word == ending) return true;
    return false;
}

bool one_piece(const Tokenizer& tokenizer, std::string_view word) {
    return tokenizer.encode(word).size() == 1;
}

// The word key of `word` (one word) and its lexicon's likeliest translation ("" when the
// lexicon has none); both "" for more than one word.
std::pair<std::string, std::string> likeliest_translation(const Lexicon& lexicon, std::string_view word) {
    const std::vector<std::string> keys = word_keys(word);
    if (keys.size() != 1) return {};
    const std::vector<std::string>& translations = lexicon.translations(keys.front());
    return {keys.front(), translations.empty() ? std::string() : translations.front()};
}

// The given name the model writes for given name `word` when it is another, by its lexicon's
// likeliest translation of it; "" otherwise.
std::string renamed_as(const Lexicon& lexicon, std::string_view word) {
    if (!is_given_name(word)) return "";
    const auto [key, translation] = likeliest_translation(lexicon, word);
    if (translation.empty() || translation == key) return "";
    const std::string name = with_upper_first(translation);
    return is_given_name(name) ? name : "";
}

// Whether the model copies `word`: its lexicon's likeliest translation is the word itself.
bool copies_word(const Lexicon& lexicon, std::string_view word) {
    const auto [key, translation] = likeliest_translation(lexicon, word);
    return !translation.empty() && translation == key;
}

// Whether the model never met `word` (lowercase) in training, as far as its lexicon tells: no
// entry for it, nor for what it is without an inflection ("cinemas", "printed", "printing").
bool never_met(const Lexicon& lexicon, std::string_view word, std::string_view language) {
    if (is_function_word(word, language) || !lexicon.translations(word).empty()) return false;
    for (std::string_view ending : {"s", "es", "ed", "d", "ing", "er", "ers", "ly", "x", "e"}) {
        if (!word.ends_with(ending) || word.size() < ending.size() + 3) continue;
        const std::string stem(word.substr(0, word.size() - ending.size()));
        if (!lexicon.translations(stem).empty() || !lexicon.translations(stem + "e").empty()) return false;
        // A doubled last consonant: "stopped", "running".
        if (stem.size() >= 4 && stem.back() == stem[stem.size() - 2] &&
            !lexicon.translations(stem.substr(0, stem.size() - 1)).empty())
            return false;
    }
    return true;
}

// Which capitalised words are names to protect, and the surrogates this model copies: words
// each vocabulary holds as one piece, that the model saw thousands of times and copies.
SpanRules span_rules_for(const Seq2SeqModel& model, const std::unordered_set<std::string>& known_words,
                         const Lexicon& lexicon) {
    const Tokenizer& source = model.source_tokenizer();
    const Tokenizer& target = model.target_tokenizer();
    SpanRules rules;
    if (!lexicon.empty()) {
        rules.renamed_as = [&lexicon](std::string_view word) { return attentive::renamed_as(lexicon, word); };
        rules.copies_word = [&lexicon](std::string_view word) { return attentive::copies_word(lexicon, word); };
    }
    // Without a list (a model trained before lists existed) a word the source vocabulary holds
    // whole is taken as known.
    // An English word is read in its American spelling (encode_source), and judged so.
    const bool respelled = reads_american_spelling(model.config());
    const auto as_read = [respelled](std::string_view word) {
        return respelled ? with_american_spelling(word) : std::string(word);
    };
    // Chat shorthand is read written out ("Thx" as "Thanks"): no name to protect.
    const bool english = model.config().source_language == "en";
    const auto shorthand = [english](std::string_view word) { return english && !shorthand_words(word).empty(); };
    const auto known = [&source, &known_words, as_read, shorthand](std::string_view written) {
        if (shorthand(written)) return true;
        const std::string word = as_read(written);
        return known_words.empty() ? one_piece(source, word) : known_words.count(word) > 0;
    };
    // A compound of two known words ("Sonnenschirm": "Sonnen", "Schirm") is translated, not
    // copied: German writes new nouns this way, and copying them cost de-en 0.4 BLEU on the dev sets.
    // A town's ending is not a noun of its own: "Hamburg" is not "Ham" + "Burg", nor "Mannheim"
    // "Mann" + "Heim".
    rules.known_word = [known](std::string_view word) {
        if (known(word)) return true;
        for (std::size_t split = 3; split + 4 <= word.size(); ++split) {
            const unsigned char first = static_cast<unsigned char>(word[split]);
            if (first < 'a' || first > 'z') continue;
            std::string tail(word.substr(split));
            tail[0] = static_cast<char>(first - 32);
            if (!known(tail) || is_town_ending(tail)) continue;
            const std::string_view head = word.substr(0, split);
            for (std::size_t link = 0; link <= 2 && link < head.size() - 2; ++link)
                if (known(head.substr(0, head.size() - link))) return true;
        }
        return false;
    };
    rules.common_word = [&source](std::string_view word) { return one_piece(source, word); };
    if (!lexicon.empty() && model.config().task == Task::translate) {
        const std::string language = model.config().source_language;
        rules.determiners = determiners(language);
        // The lexicon leaves out words whose translations vary ("turn", "date"), which the
        // vocabulary holds whole.
        rules.unknown_word = [&lexicon, &source, language, as_read, shorthand](std::string_view written) {
            if (shorthand(written)) return false;
            const std::string word = as_read(written);
            return !one_piece(source, word) && never_met(lexicon, word, language);
        };
    }
    rules.noun_markers = noun_markers(model.config().source_language);
    rules.name_titles = name_titles(model.config().source_language);
    const auto usable = [&](const std::string& word) {
        return one_piece(source, word) && one_piece(target, word) && renamed_as(lexicon, word).empty();
    };
    // Tom and Boston are copied in 97-100% of the training pairs that hold them, both ways, and
    // were the pair that lost fewest numbers on the hand-written sentences (6 in 95, against 12
    // with Tom and Mary: en-de writes Mary as "Maria", John as "Johannes"); the rest, rarer, only
    // serve sentences with more spans.
    for (const char* name : {"Tom", "Boston", "Ken", "Jack", "Chicago", "Bob", "Jim", "Mary", "John", "Alice"})
        if (usable(name)) rules.surrogates.push_back(name);
    rules.place_markers = place_markers(model.config().source_language);
    rules.person_cues = person_cues(model.config().source_language);
    rules.travel_place_markers = travel_place_markers(model.config().source_language);
    rules.travel_cues = travel_cues(model.config().source_language);
    for (const char* place : {"Boston", "Chicago"})
        if (usable(place)) rules.place_surrogates.push_back(place);
    const std::vector<std::string>& source_counts = count_words(model.config().source_language);
    const std::vector<std::string>& target_counts = count_words(model.config().target_language);
    for (std::size_t i = 0; i < std::min(source_counts.size(), target_counts.size()); ++i)
        if (one_piece(source, source_counts[i]) && one_piece(target, target_counts[i]))
            rules.count_surrogates.emplace_back(source_counts[i], target_counts[i]);
    rules.source_language = model.config().source_language;
    rules.target_language = model.config().target_language;
    const std::vector<std::string>& source_days = weekday_names(rules.source_language);
    const std::vector<std::string>& target_days = weekday_names(rules.target_language);
    for (std::size_t i = 0; i < std::min(source_days.size(), target_days.size()); ++i)
        if (one_piece(source, source_days[i]) && one_piece(target, target_days[i]))
            rules.date_surrogates.emplace_back(source_days[i], target_days[i]);
    // Saturday, Monday and Friday came through all four translators in 31-32 of 32 hand-written
    // sentences ("Can we talk on ...?", "The report is due next ..."), Sunday in 29; en-fr wrote
    // Wednesday in 1 of 8 ("dimanche" or nothing), Tuesday in 4 (scripts/measure-weekdays.py).
    // Only these four stand in, and each stands for itself.
    for (const int day : {6, 1, 5, 7}) {
        const std::string& from = source_days.size() == 7 ? source_days[day - 1] : std::string();
        const std::string& to = target_days.size() == 7 ? target_days[day - 1] : std::string();
        if (!from.empty() && !to.empty() && one_piece(source, from) && one_piece(target, to))
            rules.weekday_surrogates.emplace_back(from, to);
    }
    // Midnight and noon came through every translator with the right preposition ("à minuit" ->
    // "at midnight", "um Mitternacht"); a name did not ("à Tom" -> "leaves Tom", "mit Tom").
    const auto time_words = [](const std::string& language) -> std::vector<std::string> {
        if (language == "en") return {"midnight", "noon"};
        if (language == "fr") return {"minuit", "midi"};
        if (language == "de") return {"Mitternacht", "Mittag"};
        return {};
    };
    const std::vector<std::string> source_times = time_words(rules.source_language);
    const std::vector<std::string> target_times = time_words(rules.target_language);
    for (std::size_t i = 0; i < std::min(source_times.size(), target_times.size()); ++i)
        rules.time_surrogates.emplace_back(source_times[i], target_times[i]);
    // Meters and kilos came through every translator after any number, whatever the sentence
    // measured ("He drinks two meters of water a day." -> "Il boit deux mètres d'eau par jour."),
    // where "metres", "litres", "km" and "Zentimeter" did not (core/text/units.h).
    const auto unit_words = [](const std::string& language, bool one) -> std::vector<std::string> {
        if (language == "en") return {one ? "meter" : "meters", one ? "kilo" : "kilos"};
        if (language == "fr") return {one ? "mètre" : "mètres", one ? "kilo" : "kilos"};
        if (language == "de") return {"Meter", "Kilo"};
        return {};
    };
    for (const bool one : {false, true}) {
        const std::vector<std::string> from = unit_words(rules.source_language, one);
        const std::vector<std::string> to = unit_words(rules.target_language, one);
        auto& pairs = one ? rules.unit_surrogates_one : rules.unit_surrogates;
        for (std::size_t i = 0; i < std::min(from.size(), to.size()); ++i) pairs.emplace_back(from[i], to[i]);
    }
    // June, July, January, October and September came through all four translators in "She was
    // born in ..." and "We will meet again in ..."; March, May, August and December did not in
    // at least one (en-fr: "en di d'investissement" for December).
    for (const int month : {6, 7, 1, 10, 9}) {
        const std::string_view from = month_name(month, rules.source_language), to = month_name(month, rules.target_language);
        if (!from.empty() && !to.empty()) rules.month_surrogates.emplace_back(from, to);
    }
    return rules;
}

}  // namespace

namespace {

// A translator that only rescores another's beam (a reverse or right-to-left model), loaded
// without reranking models of its own; refused when it does not translate `source` into `target`.
std::unique_ptr<Translator> load_scoring_model(const std::filesystem::path& model_dir,
                                               const std::filesystem::path& dir, const std::string& what,
                                               const std::string& source, const std::string& target,
                                               EngineOptions options) {
    options.load_reranking_models = false;
    options.load_ensemble_model = false;
    auto scorer = std::make_unique<Translator>(dir, options);
    const ModelConfig& config = scorer->config();
    if (config.task != Task::translate || config.source_language != source || config.target_language != target)
        throw ModelFormatError((model_dir / "config.json").string() + ": the " + what + " does not translate " +
                               source + " into " + target);
    return scorer;
}

// The translator of the same direction in the sub-folder `config.ensemble_model`, which must
// read and write the same pieces as `model` (their ids are mixed in one search).
std::unique_ptr<Seq2SeqModel> load_ensemble_partner(const std::filesystem::path& model_dir, const ModelConfig& config,
                                                    const Seq2SeqModel& model, ops::Precision precision) {
    const std::filesystem::path dir = model_dir / config.ensemble_model;
    const std::string origin = (model_dir / "config.json").string() + ": the ensemble model '" + config.ensemble_model + "'";
    if (!std::filesystem::exists(dir / "config.json"))
        throw ModelFormatError(origin + " is missing (no " + (dir / "config.json").string() + ")");
    auto partner = std::make_unique<Seq2SeqModel>(dir, precision);
    const ModelConfig& other = partner->config();
    if (other.task != Task::translate || other.source_language != config.source_language ||
        other.target_language != config.target_language)
        throw ModelFormatError(origin + " does not translate " + config.source_language + " into " + config.target_language);
    const auto same_pieces = [](const Tokenizer& a, const Tokenizer& b) {
        if (a.vocab_size() != b.vocab_size()) return false;
        for (int id = 0; id < a.vocab_size(); ++id)
            if (a.piece(id) != b.piece(id)) return false;
        return true;
    };
    if (!same_pieces(model.source_tokenizer(), partner->source_tokenizer()) ||
        !same_pieces(model.target_tokenizer(), partner->target_tokenizer()) || other.bos_id != config.bos_id ||
        other.eos_id != config.eos_id)
        throw ModelFormatError(origin + " has other vocabularies (train it with --vocab-from " + model_dir.string() + ")");
    return partner;
}

}  // namespace

Translator::Translator(const std::filesystem::path& model_dir, EngineOptions options)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->dir = model_dir;
    m_impl->options = options;
    m_impl->threads = ops::set_threads(options.threads);
    const ModelConfig config = load_model_config(model_dir);
    m_impl->precision = ops::choose_precision(options.precision, config.precision);
    m_impl->model = std::make_unique<Seq2SeqModel>(model_dir, m_impl->precision);
    if (std::filesystem::exists(model_dir / "known_words.txt")) {
        const std::vector<std::string> words = read_word_list(model_dir / "known_words.txt");
        m_impl->known_words.insert(words.begin(), words.end());
    }
    if (std::filesystem::exists(model_dir / "lexicon.txt"))
        m_impl->lexicon = Lexicon::load(file_inside_folder(model_dir, "lexicon.txt"));
    m_impl->span_rules = span_rules_for(*m_impl->model, m_impl->known_words, m_impl->lexicon);
    if (config.task == Task::translate)
        m_impl->span_rules.aside_translation = [impl = m_impl.get()](std::string_view aside) {
            const auto found = impl->aside_translations.find(std::string(aside));
            return found == impl->aside_translations.end() ? std::string() : found->second;
        };
    m_impl->every_name_rules = with_every_capital_a_name(m_impl->span_rules);
    if (config.task == Task::translate) {
        m_impl->piece_kinds = target_piece_kinds(m_impl->model->target_tokenizer(), config.target_language);
        m_impl->familiar_pieces = familiar_form_pieces(m_impl->model->target_tokenizer(), config.target_language);
        m_impl->formal_pieces = formal_form_pieces(m_impl->model->target_tokenizer(), config.target_language);
    }
    const char* word_file = config.task == Task::chat ? "reply_words.txt" : "target_words.txt";
    if (std::filesystem::exists(model_dir / word_file)) {
        const std::vector<std::string> words = read_word_list(file_inside_folder(model_dir, word_file));
        const std::vector<int> special = {config.pad_id, config.unk_id, config.bos_id, config.eos_id, config.sep_id};
        m_impl->target_words = WordListFilter(WordList(words), m_impl->model->target_tokenizer(), special);
        if (config.target_language == "fr" && config.task == Task::translate) {
            m_impl->target_words.allow_french_agreement();
            m_impl->past_historic = FrenchPastHistoric(words);
            m_impl->compound_past_words = WordListFilter(WordList(m_impl->past_historic.without_forms(words)),
                                                         m_impl->model->target_tokenizer(), special);
            m_impl->compound_past_words.allow_french_agreement();
        }
    }
    if (config.task == Task::chat && std::filesystem::exists(model_dir / "replies.tsv"))
        m_impl->reply_memory = ReplyMemory::load(file_inside_folder(model_dir, "replies.tsv"));
    if (!config.reverse_model.empty()) {
        // A sibling folder: "models/en-fr" names "fr-en" for "models/fr-en".
        const std::filesystem::path folder = model_dir.has_filename() ? model_dir : model_dir.parent_path();
        const std::filesystem::path reverse_dir = folder.parent_path() / config.reverse_model;
        if (options.load_reranking_models && std::filesystem::exists(reverse_dir / "config.json"))
            m_impl->reverse = load_scoring_model(model_dir, reverse_dir, "reverse model '" + config.reverse_model + "'",
                                                 config.target_language, config.source_language, options);
        // Its lexicon, which the loaded reverse model has read already.
        if (!m_impl->reverse && std::filesystem::exists(reverse_dir / "lexicon.txt"))
            m_impl->reverse_lexicon = Lexicon::load(file_inside_folder(reverse_dir, "lexicon.txt"));
    }
    if (!config.right_to_left_model.empty() && options.load_reranking_models)
        m_impl->right_to_left = load_scoring_model(model_dir, model_dir / config.right_to_left_model,
                                                   "right-to-left model '" + config.right_to_left_model + "'",
                                                   config.source_language, config.target_language, options);
    if (!config.ensemble_model.empty() && options.load_ensemble_model)
        m_impl->ensemble = load_ensemble_partner(model_dir, config, *m_impl->model, m_impl->precision);
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
const Lexicon& Translator::lexicon() const { return m_impl->lexicon; }
const Lexicon& Translator::reverse_lexicon() const { return m_impl->reverse_words(); }
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
    return translate_sentences(sentences, options, hooks, false);
}

void Translator::translate_inner_asides(const std::vector<std::string>& texts, const DecodeOptions& options,
                                        const std::atomic<bool>* cancel) {
    std::vector<std::string> asides;
    for (const std::string& text : texts)
        for (const AsideBrackets& brackets : inner_asides(text, config().source_language)) {
            std::string aside = text.substr(brackets.open, brackets.close + 1 - brackets.open);
            if (!m_impl->aside_translations.contains(aside) &&
                std::find(asides.begin(), asides.end(), aside) == asides.end())
                asides.push_back(std::move(aside));
        }
    // An enumeration's letter or number ("(a)", "(ii)", "(3)") stays as written: read as a
    // sentence, "(a)" was "(ein)".
    std::erase_if(asides, [&](const std::string& aside) {
        const std::string_view inside = std::string_view(aside).substr(1, aside.size() - 2);
        const bool enumerator = inside.size() <= 3 && std::all_of(inside.begin(), inside.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || is_ascii_digit(c);
        });
        if (enumerator) m_impl->aside_translations[aside] = aside;
        return enumerator;
    });
    if (asides.empty()) return;
    // Each read as a parenthesis of its own after a sentence ("(near the station)." -> "(in der
    // Nähe des Bahnhofs)."), which translation_units reads without its brackets; the stop goes.
    std::vector<std::string> sentences;
    for (const std::string& aside : asides) sentences.push_back(aside + ".");
    DecodeOptions quiet = options;
    quiet.n_best = 1;
    quiet.target_prefix.clear();
    RequestHooks hooks;
    hooks.cancel = cancel;
    const std::vector<SentenceResult> results = translate_sentences(sentences, quiet, hooks, false);
    if (m_impl->aside_translations.size() > kMaxAsideTranslations) m_impl->aside_translations.clear();
    for (std::size_t i = 0; i < asides.size(); ++i) {
        if (results[i].hypotheses.empty()) continue;
        std::string text = results[i].best().text;
        while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
        // A translation that lost its brackets is no parenthesis: the sentence keeps its own.
        if (text.size() <= 2 || text.front() != '(' || text.back() != ')') continue;
        // Read as a sentence, it starts with a capital that a German noun gave it: "(The
        // contract and bill)" goes on in lower case inside the sentence.
        const std::string_view first_word = letters_at(text, 1);
        if (first_word != "I" && is_function_word(first_word, config().target_language))
            text = "(" + with_lower_first(std::string_view(text).substr(1));
        m_impl->aside_translations[asides[i]] = text;
    }
}

std::vector<SentenceResult> Translator::translate_sentences(const std::vector<std::string>& sentences,
                                                            const DecodeOptions& options, const RequestHooks& hooks,
                                                            bool one_text) {
    validate(options);
    const int target_vocab = config().target_vocab_size;
    for (std::size_t i = 0; i < options.target_prefix.size(); ++i) {
        if (options.target_prefix[i] >= target_vocab)
            throw std::invalid_argument("decoding option 'target_prefix' holds piece id " +
                                        std::to_string(options.target_prefix[i]) + " at position " +
                                        std::to_string(i) + ", outside the target vocabulary (" +
                                        std::to_string(target_vocab) + " pieces)");
    }
    ops::set_threads(m_impl->options.threads);
    // Each sentence is one unit of decoding, or several when it is over the bound; a letter's
    // salutation or closing is taken off (written from a table), a short fragment read with a stop.
    std::vector<std::string> texts(sentences.size());
    for (std::size_t i = 0; i < sentences.size(); ++i) texts[i] = sanitize_utf8(sentences[i]);
    UnitRules unit_rules;
    unit_rules.letter_formulas = options.protect_spans && !m_impl->chat();
    unit_rules.stop_for_fragments = options.stop_after_fragments && !m_impl->chat();
    unit_rules.list_markers = !m_impl->chat();
    unit_rules.source_language = config().source_language;
    unit_rules.target_language = config().target_language;
    std::vector<TranslationUnit> units = translation_units(texts, unit_rules);
    if (options.protect_spans && !m_impl->chat()) {
        std::vector<std::string> unit_texts;
        for (const TranslationUnit& unit : units) unit_texts.push_back(unit.text);
        translate_inner_asides(unit_texts, options, hooks.cancel);
    }
    std::vector<std::vector<int>> encoded(units.size());
    std::vector<std::vector<ProtectedSpan>> spans(units.size());
    // Batches are formed the same with protection and without: by each sentence's length as
    // written, and sentences with spans apart from those without. With int8 a batch shares one
    // input scale, so a sentence whose neighbours change gets another translation: masking one
    // sentence's name moved others' (en-de Multi30k val: 35 of the 66 sentences that changed held
    // no span). Now turning protection on or off changes only the sentences it protects.
    std::vector<std::size_t> length(units.size());
    std::vector<char> has_spans(units.size());
    // A fragment of protected spans alone ("Tom Miller", a letter's signature; "Apollo 13") is
    // written as it is: the models read it as a sentence and put a verb in ("Tom a Miller", "Tom
    // hat Miller", "Apollo a 13"). The model is made to write its surrogates (a forced prefix),
    // so that its heatmap shows where each span came from. Not when the request forces a prefix
    // of its own (an alternative chosen).
    std::vector<std::vector<int>> forced_prefix(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
        has_spans[u] = !find_protected_spans(units[u].text, m_impl->span_rules).empty();
        if (options.protect_spans && has_spans[u]) {
            MaskedSentence masked = mask_protected_spans(units[u].text, m_impl->span_rules);
            encoded[u] = m_impl->encode_source(masked.text);
            length[u] = m_impl->encode_source(units[u].text).size();
            spans[u] = std::move(masked.spans);
        } else {
            encoded[u] = m_impl->encode_source(units[u].text);
            length[u] = encoded[u].size();
        }
        if (units[u].added_stop && options.protect_spans && options.target_prefix.empty() && !encoded[u].empty() &&
            spans_only(units[u].text, spans[u], m_impl->span_rules))
            forced_prefix[u] = m_impl->model->target_tokenizer().encode(target_side_masked(units[u].text, spans[u]));
    }
    // A beam sometimes drops a surrogate ("before Tom" left out) or a negation; its other
    // hypotheses are searched anyway, and the best that keeps every span (and then the negation)
    // is preferred.
    DecodeOptions search_options = options;
    const bool any_spans = std::any_of(spans.begin(), spans.end(), [](const auto& s) { return !s.empty(); });
    const bool any_negation = m_impl->judges_negation(options) &&
                              std::any_of(units.begin(), units.end(), [&](const TranslationUnit& unit) {
                                  return has_negation(unit.text, config().source_language);
                              });
    // A letter that opens or closes formally is formal throughout ("Sehr geehrte Frau Keller, ...
    // Ihren Brief", not "deinen").
    // One that opens or closes as to a friend ("Hi Tom,", "Love,") says "du" and "tu". A text
    // with neither between a business and its customer is formal ("we received your order").
    // An address the caller chose (the user's "Formal" or "Informal") stands.
    const bool familiar_formula =
        one_text && std::any_of(units.begin(), units.end(), [](const TranslationUnit& unit) { return unit.familiar; });
    const bool formal_formula =
        std::any_of(units.begin(), units.end(), [](const TranslationUnit& unit) { return unit.formal; });
    if (!options.formal_address && !options.familiar_address)
        take_letter_address(search_options,
                            formal_formula || (one_text && !familiar_formula && !m_impl->chat() &&
                                               reads_as_service_message(sentences, config().source_language)),
                            familiar_formula);
    // A text into German or French keeps to one address (choose_text_address), among the beam's
    // hypotheses where it can.
    const bool keeps_one_address =
        one_text && !m_impl->chat() && (config().target_language == "de" || config().target_language == "fr");
    if ((any_spans || any_negation || keeps_one_address || search_options.formal_address ||
         search_options.familiar_address || m_impl->reranks(options)) &&
        options.strategy == DecodeStrategy::beam)
        search_options.n_best = options.beam_size;

    std::vector<SentenceResult> results(sentences.size());
    std::vector<std::size_t> n_pieces(sentences.size(), 0);
    std::vector<std::size_t> piece_index(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) piece_index[u] = n_pieces[units[u].sentence]++;
    std::vector<std::size_t> pieces_left = n_pieces;
    std::vector<std::vector<SentenceResult>> pieces(sentences.size());  // of cut sentences
    std::size_t done = 0;
    // Files a decoded unit; reports its sentence when it was the sentence's last unit.
    const auto finish_unit = [&](std::size_t u, SentenceResult&& result) {
        const std::size_t i = units[u].sentence;
        ++done;
        restore_unit(result, units[u], unit_rules);
        for (Hypothesis& h : result.hypotheses) {
            if (m_impl->chat()) capitalise_sentence_pieces(h.target_pieces, h.target_word_start);
            fit_words_to_the_next(h, config().target_language);
            if (search_options.formal_address) {
                h.text = with_formal_forms(h.text, config().target_language);
                relabel_formal_forms(h.target_pieces, h.target_word_start, config().target_language);
            }
            if (!m_impl->chat()) {
                h.text = with_paired_quotes(h.text, result.source, config().target_language);
                pair_quote_pieces(h.target_pieces, h.text, config().target_language);
            }
        }
        if (n_pieces[i] == 1) {
            results[i] = std::move(result);
        } else {
            // Only what the joined result keeps, so a long text costs its output, not its
            // attention matrices.
            drop_details(result);
            result.source = units[u].separator;  // kept for the join
            if (pieces[i].empty()) pieces[i].resize(n_pieces[i]);
            pieces[i][piece_index[u]] = std::move(result);
            if (--pieces_left[i] > 0) return;
            results[i] = join_pieces(texts[i], pieces[i]);
            pieces[i] = {};
        }
        if (hooks.on_sentence) hooks.on_sentence(i, results[i]);
        if (i >= hooks.detailed_sentences) drop_details(results[i]);
    };
    std::vector<std::size_t> order;  // the units decoded in batches, in the order they are decoded
    std::vector<std::size_t> forced;  // the units decoded alone after a forced prefix
    for (std::size_t u = 0; u < encoded.size(); ++u) {
        if (encoded[u].empty()) {
            SentenceResult empty;
            empty.source = units[u].text;
            empty.hypotheses.emplace_back();
            finish_unit(u, std::move(empty));
        } else if (!forced_prefix[u].empty()) {
            forced.push_back(u);
        } else {
            order.push_back(u);
        }
    }
    // Longest first within windows taken in input order: each batch holds sentences of similar
    // length (little padding), yet the start of a long text is ready early. The first window is
    // one short batch (kFirstBatchSentences), the others four full ones; batches never straddle
    // two windows. A batch also stops before
    // its padded source pieces pass kMaxBatchSourcePieces, so that a batch of long sentences
    // (or of pieces cut from one long line) works in the same memory as one of short ones.
    const std::size_t batch_size = static_cast<std::size_t>(options.max_batch_size);
    std::vector<std::pair<std::size_t, std::size_t>> batches;  // [first, end) in `order`
    for (std::size_t start = 0, window = std::min(batch_size, kFirstBatchSentences); start < order.size();
         window = 4 * batch_size) {
        const std::size_t end = std::min(order.size(), start + window);
        std::stable_sort(order.begin() + start, order.begin() + end, [&](std::size_t a, std::size_t b) {
            return has_spans[a] != has_spans[b] ? has_spans[a] < has_spans[b] : length[a] > length[b];
        });
        for (std::size_t first = start; first < end;) {
            // Sorted longest first: the first sentence's length is the batch's padded length
            // (a masked sentence can be a piece or two longer than written: it is counted too).
            std::size_t longest = 0, last = first;
            while (last < end && last - first < batch_size && has_spans[order[last]] == has_spans[order[first]]) {
                const std::size_t next_longest = std::max({longest, length[order[last]], encoded[order[last]].size()});
                if (last > first && (last - first + 1) * next_longest > kMaxBatchSourcePieces) break;
                longest = next_longest;
                ++last;
            }
            batches.emplace_back(first, last);
            first = last;
        }
        start = end;
    }
    // Every sentence is delivered once, the empty ones (nothing to decode) first: finish_unit
    // above has delivered those.
    if (hooks.on_progress) hooks.on_progress(done, units.size());
    for (std::size_t u : forced) {
        DecodeOptions forcing = search_options;
        forcing.target_prefix = std::move(forced_prefix[u]);
        auto result = m_impl->decode_batch({std::move(encoded[u])}, {units[u].text}, {units[u].sentence}, {spans[u]},
                                           forcing, options.n_best, hooks);
        finish_unit(u, std::move(result.front()));
        if (hooks.on_progress) hooks.on_progress(done, units.size());
    }
    for (const auto& [start, end] : batches) {
        std::vector<std::vector<int>> batch;
        std::vector<std::string> batch_texts;
        std::vector<std::vector<ProtectedSpan>> batch_spans;
        std::vector<std::size_t> owner;  // the request index of each, for streamed steps
        const std::vector<std::size_t> index(order.begin() + start, order.begin() + end);
        for (std::size_t u : index) {
            batch.push_back(std::move(encoded[u]));
            batch_texts.push_back(units[u].text);
            batch_spans.push_back(spans[u]);
            owner.push_back(units[u].sentence);
        }
        std::vector<char> first_choice_kept;
        auto batch_results = m_impl->decode_batch(batch, batch_texts, owner, batch_spans, search_options,
                                                  options.n_best, hooks, &first_choice_kept);
        Translator::Impl::RepairBatch repair{batch_results, batch_texts, owner, batch_spans,
                                             search_options, options.n_best, hooks.cancel};
        if (options.protect_spans && !m_impl->chat()) {
            // Every capitalised word the span finder would judge, as a name: where lost known
            // names and names in apposition are looked for, found once per sentence.
            std::vector<std::vector<ProtectedSpan>> every_name_spans;
            for (const std::string& text : batch_texts)
                every_name_spans.push_back(find_protected_spans(text, m_impl->every_name_rules));
            m_impl->retry_lost_spans(repair, first_choice_kept);
            m_impl->retry_lost_names(repair, every_name_spans);
            if (options.target_prefix.empty()) {
                m_impl->retry_lost_count_nouns(repair);
                m_impl->insert_lost_spans(repair);
                m_impl->restore_appositions(repair, every_name_spans);
                m_impl->comma_after_time_openings(repair);
                m_impl->insert_lost_negation(repair);
                m_impl->since_before_years(repair);
                m_impl->retry_misread_name_idioms(repair);
            }
        }
        if (!m_impl->chat() && options.target_prefix.empty()) {
            m_impl->retry_repeated_phrases(repair);
            m_impl->retry_mistranslated_words(repair);
            if (options.protect_spans) m_impl->split_dropped_clauses(repair);
            m_impl->lowercase_garbled_openings(repair);
            m_impl->widen_for_duration_tense(repair);
            m_impl->use_compound_past(repair);
        }
        if (keeps_one_address && !search_options.formal_address && !search_options.familiar_address)
            choose_text_address(batch_results, batch_texts, config(), search_options);
        m_impl->widen_for_formal_address(repair);
        m_impl->widen_for_familiar_address(repair);
        for (std::size_t k = 0; k < index.size(); ++k) finish_unit(index[k], std::move(batch_results[k]));
        if (hooks.on_progress) hooks.on_progress(done, units.size());
    }
    return results;
}

TranslationResult Translator::translate(std::string_view text, const DecodeOptions& options,
                                        const RequestHooks& hooks) {
    const auto started = std::chrono::steady_clock::now();
    const std::string clean = sanitize_utf8(text);
    SplitText split = split_sentences(clean);
    split_trailing_asides(split);
    std::vector<std::string> sentences;
    for (const auto& segment : split.segments) sentences.push_back(segment.sentence);
    TranslationResult result;
    result.sentences = translate_sentences(sentences, options, hooks, true);
    result.cut = split.cut;
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
    std::string context = chat_context(turns, config().chat_context_turns, m_impl->separator());
    const bool cut = utf8_length(context) > max_sentence_chars;
    if (cut) context = most_recent_part(context);
    // A context cut to its most recent part is answered without reranking (the candidates read
    // the turns whole).
    if (cut || !has_reranker() || options.rerank_candidates <= 1) {
        auto results = translate_sentences({context}, options, hooks);
        results.front().cut = cut;
        return std::move(results.front());
    }
    if (hooks.on_progress) hooks.on_progress(0, 1);
    std::vector<ScoredReply> candidates = reply_candidates(turns, options, hooks.cancel);
    // Candidates step aside for others, unless they are all there is.
    const auto step_aside = [&](const auto& when) {
        if (!std::all_of(candidates.begin(), candidates.end(), when)) std::erase_if(candidates, when);
    };
    // "Regenerate" asks for another reply: the ones given before step aside (recalled replies
    // would otherwise win again and again).
    step_aside([&](const ScoredReply& candidate) {
        const auto& avoided = options.avoided_replies;
        return std::find(avoided.begin(), avoided.end(), candidate.result.best().text) != avoided.end();
    });
    // So does a reply that calls the user by a name the conversation never gave (recalled
    // replies lose such a name before the model reads them: reply_candidates).
    step_aside([&](const ScoredReply& candidate) {
        const std::string& text = candidate.result.best().text;
        return without_unknown_vocatives(text, turns) != text;
    });
    std::vector<RerankScores> scores;
    for (const ScoredReply& candidate : candidates) scores.push_back(candidate.scores);
    SentenceResult kept = std::move(candidates[best_candidate(scores, options.rerank)].result);
    // The kept reply streams as any reply does: its source pieces, then its steps.
    if (hooks.on_sentence_start)
        hooks.on_sentence_start({0, kept.source, kept.source_pieces, kept.source_word_start});
    m_impl->replay_steps(kept, hooks.on_step);
    if (hooks.on_sentence) hooks.on_sentence(0, kept);
    if (hooks.on_progress) hooks.on_progress(1, 1);
    return kept;
}

bool Translator::has_reranker() const { return m_impl->reranker != nullptr; }
bool Translator::has_reverse_model() const { return m_impl->reverse != nullptr; }
bool Translator::has_right_to_left_model() const { return m_impl->right_to_left != nullptr; }
bool Translator::has_ensemble_model() const { return m_impl->ensemble != nullptr; }

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
    // The turns as the model reads them (encode_source): chat shorthand written out, for the
    // reply memory, the news and the backward model too.
    std::vector<std::string> read_turns = turns;
    if (config().source_language == "en")
        for (std::string& turn : read_turns) turn = with_shorthand_written_out(turn);
    const std::string& message = read_turns.back();
    const int message_words = static_cast<int>(dialogue_words(message).size());
    const News news = message_news(message);
    const auto add_candidate = [&](SentenceResult&& result, const RecalledReply* recalled) {
        ScoredReply candidate;
        const Hypothesis& h = result.best();
        // Attention has a row per piece and one for EOS when the reply ended with it.
        candidate.scores.forward = h.log_prob / static_cast<float>(std::max<std::size_t>(1, h.attention.size()));
        candidate.scores.length = static_cast<int>(h.target_ids.size());
        const ReplyShape shape = reply_shape(h.text);
        candidate.scores.words = shape.words;
        candidate.scores.sentences = shape.sentences;
        candidate.scores.repeated_words = shape.repeated_words;
        candidate.scores.message_words = message_words;
        candidate.scores.recalled = recalled != nullptr;
        candidate.scores.similarity = recalled ? recalled->similarity : 0.0f;
        candidate.scores.mood = mood_agreement(news, reply_mood(h.text));
        if (recalled) result.recalled_from = recalled->message;
        replies.push_back(h.text);
        candidate.result = std::move(result);
        candidates.push_back(std::move(candidate));
    };
    for (SentenceResult& result : results) add_candidate(std::move(result), nullptr);
    // Replies people gave to the training messages most like this one, each read by the model as
    // if it had written it (forced, then the end), so that its scores and attention are the
    // model's own.
    if (!m_impl->reply_memory.empty() && options.recalled_replies > 0) {
        const ReplyMemory& memory = m_impl->reply_memory;
        std::vector<RecalledReply> recalled = memory.recall(
            message, static_cast<std::size_t>(options.recalled_replies), kMinRecalledSimilarity, seed_of(options));
        // A message telling news also recalls how people met such news, from further down the
        // same ranking: "I lost my job last week." recalled "Oh, that's too bad. Was it
        // stolen?" (a lost wallet) among its eight, but not "I'm sorry to hear that. Have you
        // been looking for another job?". The reranker reads them like the others.
        if (news != News::none) {
            const auto meets_news = [&](const std::string& message, const std::string& reply) {
                // The reply's mood first: few replies meet any news, and the message's news is
                // then read only for those.
                return mood_agreement(news, reply_mood(reply)) > 0 && message_news(message) == news &&
                       std::none_of(recalled.begin(), recalled.end(),
                                    [&](const RecalledReply& r) { return r.reply == reply; });
            };
            for (RecalledReply& reply : memory.recall(message, kNewsRecalled, kMinRecalledSimilarity,
                                                      seed_of(options), meets_news))
                recalled.push_back(std::move(reply));
            // No message alike enough told such news ("My dog died this morning." recalled "I can
            // put you down for ten o'clock." from "Morning."): a short reply that meets any such
            // news ("My condolences.", "I'm so sorry to hear that.") from a less alike one.
            const bool met = std::any_of(recalled.begin(), recalled.end(), [&](const RecalledReply& r) {
                return mood_agreement(news, reply_mood(r.reply)) > 0;
            });
            if (!met) {
                const auto formula = [&](const std::string& message, const std::string& reply) {
                    return reply.size() <= kMaxNewsFormulaBytes && meets_news(message, reply) && is_mood_formula(reply);
                };
                for (RecalledReply& reply : memory.recall(message, 1, 0.0f, seed_of(options),
                                                          formula, memory.size()))
                    recalled.push_back(std::move(reply));
            }
        }
        for (const RecalledReply& reply : recalled) {
            DecodeOptions forcing = options;
            forcing.target_prefix = m_impl->model->target_tokenizer().encode(without_unknown_vocatives(reply.reply, turns));
            forcing.target_prefix.push_back(config().eos_id);
            if (forcing.target_prefix.size() > static_cast<std::size_t>(std::max(1, options.max_length))) continue;
            add_candidate(std::move(translate_sentences({context}, forcing, hooks).front()), &reply);
        }
    }
    if (m_impl->reranker) {
        Translator& backward = *m_impl->reranker;
        const std::string asked = chat_context(read_turns, backward.config().chat_context_turns, backward.m_impl->separator());
        // Samples often repeat ("Yes, it is."): each distinct reply is scored once.
        std::vector<std::string> distinct;
        std::vector<std::size_t> which(replies.size());
        for (std::size_t i = 0; i < replies.size(); ++i) {
            const auto found = std::find(distinct.begin(), distinct.end(), replies[i]);
            which[i] = static_cast<std::size_t>(found - distinct.begin());
            if (found == distinct.end()) distinct.push_back(replies[i]);
        }
        std::vector<int> pieces;
        const std::vector<float> totals =
            backward.score(distinct, std::vector<std::string>(distinct.size(), asked), &pieces);
        for (std::size_t i = 0; i < candidates.size(); ++i)
            candidates[i].scores.backward = totals[which[i]] / static_cast<float>(std::max(1, pieces[which[i]]));
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
        const std::vector<std::vector<float>> scored = m_impl->forced_log_probs(chunk_sources, chunk_targets);
        for (std::size_t k = start; k < end; ++k)
            totals[index[k]] = std::accumulate(scored[k - start].begin(), scored[k - start].end(), 0.0f);
    }
    return totals;
}

std::vector<std::vector<float>> Translator::erasure_log_probs(
    const std::vector<int>& source_ids, const std::vector<int>& target_ids,
    const std::vector<std::pair<std::size_t, std::size_t>>& erased) {
    if (source_ids.empty()) throw std::invalid_argument("erasure_log_probs: the source has no pieces");
    std::vector<std::vector<int>> sources{source_ids};
    for (const auto& [first, end] : erased) {
        if (first >= end || end > source_ids.size())
            throw std::invalid_argument("erasure_log_probs: cannot erase pieces [" + std::to_string(first) + ", " +
                                        std::to_string(end) + ") of a source of " +
                                        std::to_string(source_ids.size()) + " pieces");
        std::vector<int>& source = sources.emplace_back(source_ids.begin(), source_ids.begin() + first);
        source.insert(source.end(), source_ids.begin() + end, source_ids.end());
        if (source.empty()) source.push_back(config().unk_id);
    }
    ops::set_threads(m_impl->options.threads);
    std::vector<std::vector<float>> log_probs;
    // Every row is at most as long as the complete source: a batch holds 32 rows, fewer when
    // that would pass kMaxBatchSourcePieces.
    const std::size_t batch = std::clamp<std::size_t>(kMaxBatchSourcePieces / source_ids.size(), 1, 32);
    for (std::size_t start = 0; start < sources.size(); start += batch) {
        const std::size_t end = std::min(sources.size(), start + batch);
        const std::vector<std::vector<int>> chunk(sources.begin() + start, sources.begin() + end);
        for (auto& row : m_impl->forced_log_probs(chunk, std::vector<std::vector<int>>(chunk.size(), target_ids)))
            log_probs.push_back(std::move(row));
    }
    return log_probs;
}

}  // namespace attentive
