// Repairs of a finished translation: the steps of Translator that decode a sentence again,
// or force a word into it, when its first translation lost what the source says.
// Declared, with what each does and why, in core/translator_impl.h.

#include "core/translator_impl.h"

#include <algorithm>
#include <cstdio>
#include <array>
#include <limits>
#include <optional>
#include <set>

#include "core/decoding/coverage_flags.h"
#include "core/decoding/insertion_points.h"
#include "core/hypothesis_preferences.h"
#include "core/text/address_forms.h"
#include "core/text/appositions.h"
#include "core/text/clause_cuts.h"
#include "core/text/durations.h"
#include "core/text/function_words.h"
#include "core/text/given_names.h"
#include "core/text/known_names.h"
#include "core/text/lexicon.h"
#include "core/text/name_idioms.h"
#include "core/text/negation.h"
#include "core/text/protected_spans.h"
#include "core/text/repeated_phrases.h"
#include "core/text/time_openings.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// A repair may not lose what the translation kept: true when `before` kept every span of
// `spans` and `after` does not keep every span of `after_spans`, those it was decoded with.
bool loses_kept_spans(const Hypothesis& before, const std::vector<ProtectedSpan>& spans, const Hypothesis& after,
                      const std::vector<ProtectedSpan>& after_spans) {
    return keeps_spans(before, spans) && !keeps_spans(after, after_spans);
}

// `again`, decoded from a source that differs from `first`'s in its first pieces only (its first
// word in lowercase), shown over `first`'s pieces: those were announced to the heatmap before
// decoding, and every row must have one weight per announced piece. The weight of `again`'s
// differing first pieces is spread evenly over `first`'s ("excellent" over "Ex", "cel", "lent"),
// the other columns are kept one for one.
void shown_over_first_source(SentenceResult& again, const SentenceResult& first) {
    const std::vector<int>& read = again.source_ids;
    const std::vector<int>& shown = first.source_ids;
    std::size_t common = 0;  // pieces the two end with
    while (common < read.size() && common < shown.size() &&
           read[read.size() - 1 - common] == shown[shown.size() - 1 - common])
        ++common;
    const std::size_t read_head = read.size() - common, shown_head = shown.size() - common;
    if (shown_head == 0) return;
    for (Hypothesis& h : again.hypotheses)
        for (std::vector<float>& row : h.attention) {
            const std::size_t head_end = std::min(read_head, row.size());
            float head = 0.0f;
            for (std::size_t s = 0; s < head_end; ++s) head += row[s];
            std::vector<float> columns(shown_head, head / static_cast<float>(shown_head));
            columns.insert(columns.end(), row.begin() + static_cast<std::ptrdiff_t>(head_end), row.end());
            row = std::move(columns);
        }
    again.source_ids = first.source_ids;
    again.source_pieces = first.source_pieces;
    again.source_word_start = first.source_word_start;
}

}  // namespace

void Translator::Impl::retry_lost_spans(RepairBatch& repair, std::vector<char>& first_choice_kept) const {
    SpanRules names_only = span_rules;
    names_only.count_surrogates.clear();
    // A name the model renders as another, lost as itself ("Tom and William ..." -> "Tom et
    // s'être mariés."), takes a name surrogate like any name the model does not know.
    if (names_only.renamed_as) {
        names_only.known_word = [known = span_rules.known_word,
                                 renamed_as = span_rules.renamed_as](std::string_view word) {
            return known(word) && renamed_as(word).empty();
        };
        names_only.renamed_as = nullptr;
    }
    SpanRules other_names = names_only;
    const std::size_t shift = std::min<std::size_t>(2, other_names.surrogates.size());
    std::rotate(other_names.surrogates.begin(), other_names.surrogates.begin() + shift, other_names.surrogates.end());
    if (!other_names.weekday_surrogates.empty())
        std::rotate(other_names.weekday_surrogates.begin(), other_names.weekday_surrogates.begin() + 1,
                    other_names.weekday_surrogates.end());
    if (!other_names.month_surrogates.empty())
        std::rotate(other_names.month_surrogates.begin(), other_names.month_surrogates.begin() + 1,
                    other_names.month_surrogates.end());
    // A date's day of the week from Friday on (Monday first otherwise): en-de dropped "of
    // Monday" in "Thank you for your email of Monday." and wrote "von Freitag".
    if (other_names.date_surrogates.size() == 7)
        std::rotate(other_names.date_surrogates.begin(), other_names.date_surrogates.begin() + 4,
                    other_names.date_surrogates.end());
    SpanRules other_counts = span_rules;
    if (!other_counts.count_surrogates.empty())
        std::rotate(other_counts.count_surrogates.begin(), other_counts.count_surrogates.begin() + 1,
                    other_counts.count_surrogates.end());
    SpanRules other_places = span_rules;
    if (!other_places.place_surrogates.empty())
        std::rotate(other_places.place_surrogates.begin(), other_places.place_surrogates.begin() + 1,
                    other_places.place_surrogates.end());
    for (const SpanRules* rules : {&names_only, &other_names, &other_counts, &other_places})
        retry_with(*rules, repair, first_choice_kept);
}

void Translator::Impl::retry_with(const SpanRules& rules, RepairBatch& repair,
                                  std::vector<char>& first_choice_kept) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    Redecoding batch;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (spans[k].empty() || results[k].hypotheses.empty() || first_choice_kept[k]) continue;
        MaskedSentence masked = mask_protected_spans(texts[k], rules);
        const bool same_surrogates = std::equal(
            masked.spans.begin(), masked.spans.end(), spans[k].begin(), spans[k].end(),
            [](const ProtectedSpan& a, const ProtectedSpan& b) { return a.surrogate == b.surrogate; });
        if (same_surrogates) continue;
        add(batch, k, texts[k], global_index[k], std::move(masked));
    }
    if (batch.sentences.empty()) return;
    std::vector<char> again_first_kept;
    auto again = decode_quietly(batch, options, n_best, cancel, &again_first_kept);
    for (std::size_t j = 0; j < batch.sentences.size(); ++j) {
        const std::size_t k = batch.sentences[j];
        // It keeps what it protects, and what the first protected: a count the names-only
        // retry leaves to the model comes out garbled ("Grandpa Harold turns ninety in June, and
        // my aunt Julia ..." -> "ist neun Jahre alt").
        if (again[j].hypotheses.empty() || !keeps_spans(again[j].best(), batch.spans[j]) ||
            !keeps_spans(again[j].best(), spans[k]))
            continue;
        // A first translation that kept its spans (lower in its beam) is replaced only by a
        // first choice that says all it says: "Can you lend me two euros till tomorrow?" lost
        // "euros" to a name standing in ("lend me Tom until tomorrow").
        if (keeps_spans(results[k].best(), spans[k]) &&
            (!again_first_kept[j] || content_words_dropped(results[k].best().text, again[j].best().text,
                                                           model->config().target_language) > 0))
            continue;
        // Nor by the first with only function words taken out, besides the spans: the name
        // took a word's place ("My daughter Sophie is seven years old." -> "Meine Tochter ist
        // sieben Jahre alt." -> "Meine Tochter Sophie sieben Jahre alt."); the first gets the
        // name inserted instead (insert_lost_spans, restore_appositions).
        if (lost_function_words_only(results[k].best().text, again[j].best().text, batch.spans[j])) continue;
        results[k] = std::move(again[j]);
        spans[k] = std::move(batch.spans[j]);
        first_choice_kept[k] = again_first_kept[j];
    }
}

bool Translator::Impl::lost_function_words_only(std::string before, std::string after,
                                                const std::vector<ProtectedSpan>& spans) const {
    const auto without = [](const std::string& text, const std::string& part) {
        std::string out;
        std::size_t from = 0;
        for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, from)) {
            out.append(text, from, at - from).push_back(' ');
            from = at + part.size();
        }
        return out.append(text, from);
    };
    for (const ProtectedSpan& span : spans) {
        if (span.translated_text().empty()) continue;
        before = without(before, span.translated_text());
        after = without(after, span.translated_text());
    }
    const std::size_t content = content_words_dropped(before, after, model->config().target_language);
    return words_dropped(after, before) == 0 && words_dropped(before, after) > content;
}

void Translator::Impl::add(Redecoding& batch, std::size_t sentence, const std::string& text, std::size_t global_index,
                           MaskedSentence masked) const {
    batch.sentences.push_back(sentence);
    batch.sources.push_back(encode_source(masked.text));
    batch.texts.push_back(text);
    batch.global_index.push_back(global_index);
    batch.spans.push_back(std::move(masked.spans));
}

std::vector<SentenceResult> Translator::Impl::decode_quietly(const Redecoding& batch, const DecodeOptions& options,
                                                             int n_best, const std::atomic<bool>* cancel,
                                                             std::vector<char>* first_choice_kept) const {
    RequestHooks silent;
    silent.cancel = cancel;
    return decode_batch(batch.sources, batch.texts, batch.global_index, batch.spans, options, n_best, silent,
                        first_choice_kept, batch.banned_ids, batch.words, batch.target_prefixes);
}

SentenceResult Translator::Impl::decode_with_insertion(const SentenceResult& result, const std::string& text,
                                                       std::size_t global_index,
                                                       const std::vector<ProtectedSpan>& spans, std::size_t kept,
                                                       const std::vector<int>& inserted, const DecodeOptions& options,
                                                       int n_best, const std::atomic<bool>* cancel) const {
    const std::vector<int>& best = result.best().target_ids;
    DecodeOptions forcing = options;
    forcing.target_prefix.assign(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(std::min(kept, best.size())));
    forcing.target_prefix.insert(forcing.target_prefix.end(), inserted.begin(), inserted.end());
    RequestHooks silent;
    silent.cancel = cancel;
    return std::move(decode_batch({result.source_ids}, {text}, {global_index}, {spans}, forcing, n_best, silent).front());
}

void Translator::Impl::retry_lost_names(RepairBatch& repair,
                                        const std::vector<std::vector<ProtectedSpan>>& every_name_spans) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    const auto target_pieces = [this](std::string_view word) { return model->target_tokenizer().encode(word).size(); };
    std::vector<std::size_t> retried;
    std::vector<std::vector<LostName>> lost_names;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty()) continue;
        std::vector<LostName> lost =
            lost_known_names(texts[k], every_name_spans[k], results[k].best().text, span_rules, lexicon, target_pieces);
        if (lost.empty()) continue;
        retried.push_back(k);
        lost_names.push_back(std::move(lost));
    }
    if (retried.empty()) return;
    SpanRules places_first = span_rules;
    for (auto place = span_rules.place_surrogates.rbegin(); place != span_rules.place_surrogates.rend(); ++place) {
        auto& names = places_first.surrogates;
        names.erase(std::remove(names.begin(), names.end(), *place), names.end());
        names.insert(names.begin(), *place);
    }
    // A retry must score above the translation that lost the names, unless every lost name is
    // a given name: that one is a person for certain, and a translation without them is wrong
    // however likely ("Claire me manque beaucoup." -> "I miss that a lot.", -1.68, against "I
    // miss Claire very much.", -1.79).
    std::vector<float> best_score;
    for (std::size_t j = 0; j < retried.size(); ++j) {
        const bool people = std::all_of(lost_names[j].begin(), lost_names[j].end(),
                                        [](const LostName& name) { return is_given_name(name.word); });
        best_score.push_back(people ? -std::numeric_limits<float>::infinity() : results[retried[j]].best().score);
    }
    for (const SpanRules* reading : {&span_rules, static_cast<const SpanRules*>(&places_first)}) {
        Redecoding batch;
        for (std::size_t j = 0; j < retried.size(); ++j) {
            const std::size_t k = retried[j];
            add(batch, k, texts[k], global_index[k], mask_protecting(texts[k], *reading, lost_names[j]));
        }
        auto again = decode_quietly(batch, options, n_best, cancel);
        for (std::size_t j = 0; j < retried.size(); ++j) {
            if (again[j].hypotheses.empty() || !keeps_spans(again[j].best(), batch.spans[j]) ||
                again[j].best().score <= best_score[j])
                continue;
            best_score[j] = again[j].best().score;
            results[retried[j]] = std::move(again[j]);
            spans[retried[j]] = std::move(batch.spans[j]);
        }
    }
}

void Translator::Impl::insert_lost_spans(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    for (std::size_t k = 0; k < results.size(); ++k) {
        for (std::size_t round = 0; round < spans[k].size(); ++round) {
            if (results[k].hypotheses.empty() || keeps_spans(results[k].best(), spans[k])) break;
            std::optional<SentenceResult> better =
                with_lost_span_inserted(results[k], texts[k], global_index[k], spans[k], options, n_best, cancel);
            if (!better) break;
            results[k] = std::move(*better);
        }
    }
}

std::optional<SentenceResult> Translator::Impl::with_lost_span_inserted(const SentenceResult& result,
                                                                        const std::string& text,
                                                                        std::size_t global_index,
                                                                        const std::vector<ProtectedSpan>& spans,
                                                                        const DecodeOptions& options, int n_best,
                                                                        const std::atomic<bool>* cancel) const {
    const Hypothesis& best = result.best();
    const auto lost = std::find_if(spans.begin(), spans.end(),
                                   [&](const ProtectedSpan& span) { return span_occurrences(best.text, span) == 0; });
    if (lost == spans.end()) return std::nullopt;
    const std::vector<int> surrogate = encode_source(lost->surrogate);
    const auto at = std::search(result.source_ids.begin(), result.source_ids.end(), surrogate.begin(), surrogate.end());
    if (surrogate.empty() || at == result.source_ids.end()) return std::nullopt;
    const std::size_t first = static_cast<std::size_t>(at - result.source_ids.begin());
    const std::vector<int> written = model->target_tokenizer().encode(lost->target_surrogate);
    const std::size_t kept_before = kept_spans(best, spans);
    std::optional<SentenceResult> chosen;
    const std::vector<bool> insertable =
        insertable_rows(best.target_pieces, best.target_word_start, best.attention.size());
    // A span put in place of a word of the translation does not count: "Meine Tochter ist
    // sieben Jahre alt." -> "Meine Tochter Sophie sieben Jahre alt.".
    const auto inserts = [&](const SentenceResult& candidate) {
        return !candidate.hypotheses.empty() && kept_spans(candidate.best(), spans) > kept_before &&
               words_dropped(best.text, candidate.best().text) <= kInsertionWordsDropped &&
               !lost_function_words_only(best.text, candidate.best().text, spans);
    };
    for (std::size_t row : insertion_points(best.attention, insertable, first, first + surrogate.size(),
                                            kInsertionTries)) {
        SentenceResult candidate =
            decode_with_insertion(result, text, global_index, spans, row, written, options, n_best, cancel);
        if (!inserts(candidate)) continue;
        if (!chosen || candidate.best().score > chosen->best().score) chosen = std::move(candidate);
    }
    if (!chosen && lost->kind == SpanKind::weekday)
        return with_lost_weekday_spliced(result, text, global_index, spans, *lost, options, n_best, cancel);
    return chosen;
}

std::optional<SentenceResult> Translator::Impl::with_lost_weekday_spliced(
    const SentenceResult& result, const std::string& text, std::size_t global_index,
    const std::vector<ProtectedSpan>& spans, const ProtectedSpan& lost, const DecodeOptions& options, int n_best,
    const std::atomic<bool>* cancel) const {
    const Hypothesis& best = result.best();
    const std::size_t n = best.target_ids.size();
    if (best.target_word_start.size() != n || n == 0) return std::nullopt;
    const std::string& language = model->config().target_language;
    const std::string preposition = language == "en" ? "on " : language == "de" ? "am " : "";
    const std::vector<int> day = model->target_tokenizer().encode(preposition + lost.target_surrogate);
    const std::size_t kept_before = kept_spans(best, spans);
    std::optional<SentenceResult> chosen;
    const auto ends_sentence = [](const std::string& piece) { return piece == "." || piece == "?" || piece == "!"; };
    // Between two words or before the closing mark, never before the first word (the sentence's
    // opening stays as written).
    for (std::size_t at = 1; at < n; ++at) {
        if (!best.target_word_start[at] && !ends_sentence(best.target_pieces[at])) continue;
        SentenceResult candidate = decode_with_insertion(result, text, global_index, spans, at,
                                                         spliced(day, best.target_ids, at), options, n_best, cancel);
        if (candidate.hypotheses.empty() || kept_spans(candidate.best(), spans) <= kept_before ||
            words_dropped(best.text, candidate.best().text) > 0)
            continue;
        if (!chosen || candidate.best().score > chosen->best().score) chosen = std::move(candidate);
    }
    return chosen;
}

std::vector<int> Translator::Impl::spliced(const std::vector<int>& inserted, const std::vector<int>& ids,
                                           std::size_t from) {
    std::vector<int> out = inserted;
    out.insert(out.end(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(from, ids.size())), ids.end());
    return out;
}

void Translator::Impl::restore_appositions(RepairBatch& repair,
                                           const std::vector<std::vector<ProtectedSpan>>& every_name_spans) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    for (std::size_t k = 0; k < results.size(); ++k)
        if (!results[k].hypotheses.empty() && !results[k].cut)
            restore_appositions_in(results[k], texts[k], global_index[k], spans[k], every_name_spans[k], options,
                                   n_best, cancel);
}

void Translator::Impl::restore_appositions_in(SentenceResult& result, const std::string& text,
                                              std::size_t global_index, const std::vector<ProtectedSpan>& spans,
                                              const std::vector<ProtectedSpan>& every_name_spans,
                                              const DecodeOptions& options, int n_best,
                                              const std::atomic<bool>* cancel) const {
    for (const Apposition& apposition : appositions_of(text, spans, every_name_spans)) {
        std::optional<SentenceResult> better =
            with_apposition_restored(result, text, global_index, spans, apposition, options, n_best, cancel);
        if (!better)
            better = with_apposition_noun_restored(result, text, global_index, spans, apposition, options, n_best,
                                                   cancel);
        if (better) result = std::move(*better);
    }
}

void Translator::Impl::decode_again(
    RepairBatch& repair, const DecodeOptions& options, const std::vector<int>& banned, const WordListFilter* words,
    const std::function<bool(std::size_t k)>& needs,
    const std::function<bool(std::size_t k, const Hypothesis& before, const Hypothesis& after)>& takes) const {
    auto& [results, texts, global_index, spans, first_options, n_best, cancel] = repair;
    // The same source ids and spans the translation came from (a retry may have changed its
    // surrogates).
    Redecoding batch;
    batch.banned_ids = banned;
    batch.words = words;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty() || !needs(k)) continue;
        batch.sentences.push_back(k);
        batch.sources.push_back(results[k].source_ids);
        batch.texts.push_back(texts[k]);
        batch.global_index.push_back(global_index[k]);
        batch.spans.push_back(spans[k]);
    }
    if (batch.sentences.empty()) return;
    auto again = decode_quietly(batch, options, n_best, cancel);
    for (std::size_t j = 0; j < batch.sentences.size(); ++j) {
        const std::size_t k = batch.sentences[j];
        if (again[j].hypotheses.empty() || loses_kept_spans(results[k].best(), spans[k], again[j].best(), spans[k]) ||
            !takes(k, results[k].best(), again[j].best()))
            continue;
        results[k] = std::move(again[j]);
    }
}

void Translator::Impl::decode_wider(
    RepairBatch& repair, const std::vector<int>& banned, const std::function<bool(std::size_t k)>& needs,
    const std::function<bool(std::size_t k, const Hypothesis& before, const Hypothesis& after)>& takes) const {
    if (repair.options.strategy != DecodeStrategy::beam) return;
    DecodeOptions wider = repair.options;
    wider.beam_size = repair.options.beam_size * kWiderBeamFactor;
    wider.n_best = std::max(wider.n_best, wider.beam_size);
    decode_again(repair, wider, banned, nullptr, needs, takes);
}

void Translator::Impl::widen_for_formal_address(RepairBatch& repair) const {
    if (!repair.options.formal_address) return;
    const std::string& language = model->config().target_language;
    decode_wider(
        repair, familiar_pieces,
        [&](std::size_t k) { return addresses_familiarly(repair.results[k].best().text, language); },
        [&](std::size_t, const Hypothesis& before, const Hypothesis& after) {
            return !addresses_familiarly(after.text, language) && addresses_formally(after.text, language) &&
                   imperatives_in(after.text, language) >= imperatives_in(before.text, language) &&
                   says_all_but_verb_forms(before.text, after.text, language);
        });
}

void Translator::Impl::widen_for_familiar_address(RepairBatch& repair) const {
    if (!repair.options.familiar_address) return;
    const ModelConfig& config = model->config();
    const std::string& language = config.target_language;
    decode_wider(
        repair, formal_pieces,
        [&](std::size_t k) {
            return addresses_formally(repair.results[k].best().text, language) &&
                   !addresses_several(repair.texts[k], config.source_language);
        },
        [&](std::size_t, const Hypothesis& before, const Hypothesis& after) {
            return addresses_familiarly(after.text, language) && !addresses_formally(after.text, language) &&
                   imperatives_in(after.text, language) >= imperatives_in(before.text, language) &&
                   says_all_but_verb_forms(before.text, after.text, language);
        });
}

void Translator::Impl::widen_for_duration_tense(RepairBatch& repair) const {
    const ModelConfig& config = model->config();
    // English: the perfect ("I have lived ... for"); French: "depuis" with the present.
    const auto right_tense = [&](const std::string& text, std::size_t k) {
        return config.target_language == "en" ? has_perfect(text) : says_depuis_with_present(text, repair.texts[k]);
    };
    if (config.target_language != "en" && config.target_language != "fr") return;
    decode_wider(
        repair, {},
        [&](std::size_t k) {
            const std::string& text = repair.results[k].best().text;
            return tells_duration_until_now(repair.texts[k], config.source_language) && !right_tense(text, k) &&
                   (config.target_language != "en" || says_since_or_for(text));
        },
        [&](std::size_t k, const Hypothesis&, const Hypothesis& after) { return right_tense(after.text, k); });
}

void Translator::Impl::use_compound_past(RepairBatch& repair) const {
    if (past_historic.empty() || !repair.options.known_words_only) return;
    decode_again(
        repair, repair.options, {}, &compound_past_words,
        [&](std::size_t k) { return !repair.results[k].cut && past_historic.in(repair.results[k].best().text); },
        [&](std::size_t, const Hypothesis& before, const Hypothesis& after) {
            return !past_historic.in(after.text) && past_historic.compound_in(before.text, after.text) &&
                   after.score >= before.score - kCompoundPastMargin;
        });
}

void Translator::Impl::insert_lost_negation(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    const ModelConfig& config = model->config();
    if (config.source_language != "de" || config.target_language != "en") return;
    const std::vector<int> negation = model->target_tokenizer().encode("not");
    for (std::size_t k = 0; k < results.size(); ++k) {
        SentenceResult& result = results[k];
        if (result.hypotheses.empty() || has_negation(result.best().text, "en")) continue;
        const Hypothesis& best = result.best();
        const std::vector<PieceRange> words = axis_words(result.source_word_start);
        const auto negating = std::find_if(words.begin(), words.end(), [&](PieceRange word) {
            return is_negating_word(word_text(result.source_pieces, word), "de");
        });
        if (negating == words.end()) continue;
        const std::vector<bool> insertable =
            insertable_rows(best.target_pieces, best.target_word_start, best.attention.size());
        std::optional<SentenceResult> chosen;
        for (std::size_t row : insertion_points(best.attention, insertable, negating->first, negating->second,
                                                kInsertionTries)) {
            SentenceResult candidate =
                decode_with_insertion(result, texts[k], global_index[k], spans[k], row, negation, options, n_best, cancel);
            if (candidate.hypotheses.empty()) continue;
            if (!has_negation(candidate.best().text, "en") || !keeps_spans(candidate.best(), spans[k]) ||
                content_words_dropped(best.text, candidate.best().text, "en") > 0)
                continue;
            if (!chosen || candidate.best().score > chosen->best().score) chosen = std::move(candidate);
        }
        if (chosen && chosen->best().score >= best.score - kNegationInsertionMargin) result = std::move(*chosen);
    }
}

void Translator::Impl::comma_after_time_openings(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    const ModelConfig& config = model->config();
    const int comma = model->target_tokenizer().piece_to_id(",");
    if (config.target_language != "fr" || comma == model->target_tokenizer().unk_id()) return;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty() || results[k].cut) continue;
        const std::size_t opening = time_opening_words(texts[k], config.source_language);
        const std::vector<PieceRange> source_words = axis_words(results[k].source_word_start);
        if (opening == 0 || source_words.size() <= opening) continue;
        const Hypothesis& best = results[k].best();
        const std::vector<PieceRange> target_words = axis_words(best.target_word_start);
        std::size_t last = 0;
        for (std::size_t w = 0; w < opening; ++w)
            last = std::max(last, word_attending_most(best.attention, target_words, source_words[w].first,
                                                      source_words[w].second));
        // The adverbial's translation opens the translation: its first word attends most to
        // the adverbial ("Nous sommes ..." for "Yesterday we ..." is left alone), and no
        // comma follows it.
        const PieceRange adverbial{source_words.front().first, source_words[opening - 1].second};
        const PieceRange after{adverbial.second, source_words.back().second};
        if (last >= target_words.size() || last > opening + 1 ||
            attention_given(best.attention, target_words.front(), adverbial) <=
                attention_given(best.attention, target_words.front(), after))
            continue;
        const std::size_t end = std::min(target_words[last].second, best.target_ids.size());
        const auto has_comma = [&](std::size_t w) {
            return w < target_words.size() && word_text(best.target_pieces, target_words[w]).find(',') != std::string::npos;
        };
        if (end >= best.target_ids.size() || has_comma(last) || has_comma(last + 1)) continue;
        SentenceResult again =
            decode_with_insertion(results[k], texts[k], global_index[k], spans[k], end, {comma}, options, n_best, cancel);
        if (again.hypotheses.empty()) continue;
        const Hypothesis& restored = again.best();
        if (kept_spans(restored, spans[k]) < kept_spans(best, spans[k]) ||
            words_dropped(best.text, restored.text) > kInsertionWordsDropped ||
            content_words(restored.text, config.target_language).size() <
                content_words(best.text, config.target_language).size())
            continue;
        results[k] = std::move(again);
    }
}

namespace {

// The word right before byte `pos` of `text`, one space between, as a lexicon key; "" when
// punctuation or nothing stands there ("second floor, 12").
std::string key_before(std::string_view text, std::size_t pos) {
    if (pos < 2 || text[pos - 1] != ' ') return "";
    if (!is_letter(decode_utf8_at(text, utf8_char_start(text, pos - 1)).code_point)) return "";
    const std::vector<std::string> keys = word_keys(text.substr(0, pos - 1));
    return keys.empty() ? std::string() : keys.back();
}

}  // namespace

Translator::Impl::CountNounFaults Translator::Impl::count_noun_faults(const std::string& text,
                                                                     const std::vector<ProtectedSpan>& spans,
                                                                     const std::string& translation) const {
    const std::vector<std::string> target_words = word_keys(translation);
    CountNounFaults faults;
    for (const ProtectedSpan& span : spans) {
        const std::string surrogate = with_lower_first(span.surrogate);
        const bool count = std::any_of(span_rules.count_surrogates.begin(), span_rules.count_surrogates.end(),
                                       [&](const auto& pair) { return pair.first == surrogate; });
        if (span.kind != SpanKind::number || !count) continue;
        const std::string noun = key_before(text, span.begin);
        if (noun.empty() || is_function_word(noun, model->config().source_language)) continue;
        if (lexicon_misses(noun, target_words)) {
            ++faults.lost;
            continue;
        }
        const std::vector<std::string> number = word_keys(span.translated_text());
        if (number.size() != 1) continue;
        const auto number_at = std::find(target_words.begin(), target_words.end(), number.front());
        const auto noun_at = std::find_if(target_words.begin(), target_words.end(),
                                          [&](const std::string& word) { return !lexicon_misses(noun, {word}); });
        if (number_at < noun_at && noun_at != target_words.end()) ++faults.after_number;
    }
    return faults;
}

std::size_t Translator::Impl::words_missing(const std::string& source, const std::string& translation) const {
    const ModelConfig& config = model->config();
    const std::vector<std::string> target_words = word_keys(translation);
    std::size_t missing = 0;
    for (const std::string& word : word_keys(source))
        if (!is_function_word(word, config.source_language) && lexicon_misses(word, target_words)) ++missing;
    return missing;
}

bool Translator::Impl::lexicon_misses(std::string_view source_word, const std::vector<std::string>& target_words) const {
    return lexicon_evidence(lexicon, source_word, target_words, model->config().target_language, reverse_words()) ==
           LexiconEvidence::translation_missing;
}

void Translator::Impl::retry_lost_count_nouns(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    if (lexicon.empty() || span_rules.count_surrogates.size() < 2) return;
    std::vector<std::size_t> pending;
    for (std::size_t k = 0; k < results.size(); ++k)
        if (!results[k].hypotheses.empty() && !results[k].cut &&
            count_noun_faults(texts[k], spans[k], results[k].best().text).weight() > 0)
            pending.push_back(k);
    SpanRules rules = span_rules;
    for (int shift = 1; shift <= 3 && !pending.empty(); ++shift) {
        std::rotate(rules.count_surrogates.begin(), rules.count_surrogates.begin() + 1, rules.count_surrogates.end());
        Redecoding batch;
        for (std::size_t k : pending) add(batch, k, texts[k], global_index[k], mask_protected_spans(texts[k], rules));
        auto again = decode_quietly(batch, options, n_best, cancel);
        std::vector<std::size_t> still_pending;
        for (std::size_t j = 0; j < batch.sentences.size(); ++j) {
            const std::size_t k = batch.sentences[j];
            const std::string& before_text = results[k].best().text;
            CountNounFaults kept = count_noun_faults(texts[k], spans[k], before_text);
            if (!again[j].hypotheses.empty() && keeps_spans(again[j].best(), batch.spans[j])) {
                const std::string& after_text = again[j].best().text;
                const CountNounFaults after = count_noun_faults(texts[k], batch.spans[j], after_text);
                // Each noun found must leave one source word fewer missing; nothing else may go.
                const std::size_t found = kept.lost > after.lost ? kept.lost - after.lost : 0;
                if (after.weight() < kept.weight() &&
                    words_missing(texts[k], after_text) + found <= words_missing(texts[k], before_text)) {
                    results[k] = std::move(again[j]);
                    spans[k] = std::move(batch.spans[j]);
                    kept = after;
                }
            }
            if (kept.weight() > 0) still_pending.push_back(k);
        }
        pending = std::move(still_pending);
    }
}

namespace {

// The pieces to leave out of `h` so that a run of pieces said twice in a row, with at most a
// comma between ("▁but ▁tomorrow , ▁but ▁tomorrow"), or a run of whole words said again after a
// genitive linker ("▁petit - dé jeuner ▁du ▁petit - dé jeuner"), is said once: the gap and the
// second run, as [first, last); empty when there is no such run (of two words or more, unless
// linked). Pieces compare in lowercase ("Ich glaube, ich glaube nicht").
std::pair<std::size_t, std::size_t> repeated_run(const Hypothesis& h) {
    const std::size_t n = h.target_ids.size();
    if (h.target_pieces.size() != n || h.target_word_start.size() != n) return {0, 0};
    std::vector<std::string> pieces;
    for (const std::string& piece : h.target_pieces) pieces.push_back(with_lower_first(piece));
    const auto is_comma = [&](std::size_t i) { return pieces[i] == "," || pieces[i] == ";"; };
    // A linker of one piece, a word of its own ("du" in "petit-déjeuner du petit-déjeuner"), and
    // a word's end (a run after one must be whole words: not "personnel du personnelle").
    const auto is_linker = [&](std::size_t i) {
        return h.target_word_start[i] && i + 1 < n && h.target_word_start[i + 1] && is_genitive_linker(pieces[i]);
    };
    const auto ends_word = [&](std::size_t i) {
        if (i == n || h.target_word_start[i] || pieces[i].empty()) return true;
        const char c = pieces[i].front();
        return !is_word_byte(c);
    };
    for (std::size_t length = n / 2; length >= 1; --length)
        for (std::size_t start = 0; start + 2 * length <= n; ++start) {
            const auto words = std::count(h.target_word_start.begin() + static_cast<std::ptrdiff_t>(start),
                                          h.target_word_start.begin() + static_cast<std::ptrdiff_t>(start + length), true);
            if (words < 1 || !h.target_word_start[start]) continue;
            for (std::size_t gap : {0u, 1u}) {
                const std::size_t second = start + length + gap;
                if (second + length > n) continue;
                const bool linked = gap == 1 && is_linker(start + length) && ends_word(second + length);
                if (words < 2 && !linked) continue;
                if (gap == 1 && !is_comma(start + length) && !linked) continue;
                if (std::equal(pieces.begin() + static_cast<std::ptrdiff_t>(start),
                               pieces.begin() + static_cast<std::ptrdiff_t>(start + length),
                               pieces.begin() + static_cast<std::ptrdiff_t>(second)))
                    return {start + length, second + length};
            }
        }
    return {0, 0};
}

}  // namespace

void Translator::Impl::retry_repeated_phrases(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty() || results[k].cut || !repeats_a_phrase(results[k].best().text) ||
            repeats_a_phrase(texts[k]))
            continue;
        const Hypothesis& before = results[k].best();
        const auto [first, last] = repeated_run(before);
        if (first == last) continue;
        // The model reads the translation with the run said once, and ends it.
        std::vector<int> once(before.target_ids.begin(), before.target_ids.begin() + static_cast<std::ptrdiff_t>(first));
        once.insert(once.end(), before.target_ids.begin() + static_cast<std::ptrdiff_t>(last), before.target_ids.end());
        SentenceResult again =
            decode_with_insertion(results[k], texts[k], global_index[k], spans[k], 0, once, options, n_best, cancel);
        if (again.hypotheses.empty()) continue;
        const Hypothesis& after = again.best();
        if (repeats_a_phrase(after.text) || loses_kept_spans(before, spans[k], after, spans[k]) ||
            words_missing(texts[k], after.text) > words_missing(texts[k], before.text))
            continue;
        results[k] = std::move(again);
    }
}

namespace {

// The mark that ends `sentence` ("?", "!"), or a full stop: what each clause is read with.
std::string final_mark(std::string_view sentence) {
    const std::size_t end = sentence.find_last_not_of(' ');
    if (end != std::string_view::npos && (sentence[end] == '?' || sentence[end] == '!')) return {sentence[end]};
    return ".";
}

// The spans of a sentence whose surrogates a part of it holds.
std::vector<ProtectedSpan> spans_read_in(std::string_view part, const std::vector<ProtectedSpan>& spans) {
    std::vector<ProtectedSpan> read;
    for (const ProtectedSpan& span : spans)
        if (!span.surrogate.empty() && whole_word_occurrences(part, span.surrogate) > 0) read.push_back(span);
    return read;
}

// Whether the translation of a cut's second clause keeps its first capital after the
// conjunction: a name, English "I", a German noun, German "Sie" for "you".
bool keeps_capital(std::string_view second_source, std::string_view second_translation,
                   std::string_view target_language, const Tokenizer& tokenizer) {
    const std::string_view word = letters_at(second_translation);
    const std::string_view source_word = letters_at(second_source);
    if (target_language == "en") return word == "I" || whole_word_occurrences(second_source, word) > 0;  // "Peter"
    if (source_word != "I" && is_upper(decode_utf8_at(second_source, 0).code_point)) return true;  // "Peter"
    if (target_language != "de") return false;
    static const std::set<std::string, std::less<>> polite = {"Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer",
                                                               "Ihres"};
    if (polite.contains(word)) return source_word == "you" || source_word == "your" || source_word == "yours";
    // A noun is a word of its own only with its capital ("▁Flug", "▁", "flug"); "▁Jetzt" and
    // "▁jetzt", "▁Da", "n", "n" and "▁dann" are words in lower case.
    return !is_function_word(word, target_language) &&
           tokenizer.encode(with_lower_first(word)).size() > tokenizer.encode(word).size();
}

}  // namespace

void Translator::Impl::split_dropped_clauses(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    const ModelConfig& config = model->config();
    if (lexicon.empty()) return;
    struct Candidate {
        std::size_t k;
        ClauseCut cut;
        std::string second_source;  // the second clause as the sentence has it
        // The sentence as written without the conjunction, which the join translates itself
        // ("because" -> "denn", which the lexicon does not list), to count missing words in.
        std::string judged;
    };
    std::vector<Candidate> candidates;
    // Each sentence masked as at first (a retry's surrogates may have been chosen for a clause
    // the split leaves out), cut there; the same cuts in the sentence as written name the parts.
    std::vector<MaskedSentence> masked(results.size());
    std::vector<std::vector<int>> masked_ids(results.size());
    // A sentence that says the "you" the text does not (the wider beam of widen_for_formal_address
    // held no formal translation that kept the rest: "..., mais il a besoin de savoir si tu es à
    // la maison" in a letter to "Monsieur Keller") may be split too: its clauses are read with
    // the text's "you" (below).
    const std::string& language = config.target_language;
    const auto wrong_address = [&](std::size_t k, const Hypothesis& h) {
        return (options.formal_address && addresses_familiarly(h.text, language)) ||
               (options.familiar_address && addresses_formally(h.text, language) &&
                !addresses_several(texts[k], config.source_language));
    };
    Redecoding batch;  // each candidate's two clauses, one after the other
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty() || results[k].cut) continue;
        // The cheap test first: most sentences are short or have no conjunction to cut at.
        const std::vector<ClauseCut> written = clause_cuts(texts[k], config.source_language, config.target_language);
        if (written.empty() ||
            (words_missing(texts[k], results[k].best().text) == 0 && !wrong_address(k, results[k].best())))
            continue;
        masked[k] = mask_protected_spans(texts[k], span_rules);
        const std::vector<ClauseCut> cuts = clause_cuts(masked[k].text, config.source_language, config.target_language);
        if (cuts.size() != written.size()) continue;
        masked_ids[k] = encode_source(masked[k].text);
        const std::string stop = final_mark(texts[k]);
        for (std::size_t c = 0; c < cuts.size(); ++c) {
            const std::string first = masked[k].text.substr(0, cuts[c].first_end) + stop;
            const std::string second = masked[k].text.substr(cuts[c].second_begin);
            add(batch, k, texts[k].substr(0, written[c].first_end) + stop, global_index[k],
                {first, spans_read_in(first, masked[k].spans)});
            add(batch, k, with_upper_first(texts[k].substr(written[c].second_begin)), global_index[k],
                {with_upper_first(second), spans_read_in(second, masked[k].spans)});
            candidates.push_back({k, cuts[c], second,
                                  texts[k].substr(0, written[c].first_end) + ' ' + texts[k].substr(written[c].second_begin)});
        }
    }
    if (candidates.empty()) return;
    // French clauses in the compound past, as use_compound_past would write them (it would
    // decode the sentence again whole, and lose the clause again).
    if (!past_historic.empty() && options.known_words_only) batch.words = &compound_past_words;
    // Clauses in the text's "you", as widen_for_formal_address and widen_for_familiar_address
    // would have them.
    if (options.formal_address) batch.banned_ids = familiar_pieces;
    else if (options.familiar_address) batch.banned_ids = formal_pieces;
    std::vector<SentenceResult> clauses = decode_quietly(batch, options, 1, cancel);
    // A clause read alone gets its name in apposition back as a whole sentence does ("My brother
    // Daniel will drive us ..." -> "Mein Bruder hat Daniel ... fahren", Daniel the one driven).
    for (std::size_t i = 0; i < clauses.size(); ++i)
        if (!clauses[i].hypotheses.empty())
            restore_appositions_in(clauses[i], batch.texts[i], batch.global_index[i], batch.spans[i],
                                   find_protected_spans(batch.texts[i], every_name_rules), options, 1, cancel);
    const Tokenizer& target = model->target_tokenizer();
    RequestHooks silent;
    silent.cancel = cancel;
    std::vector<std::optional<SentenceResult>> best(results.size());
    std::vector<std::size_t> fewest(results.size());
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        const auto& [k, cut, second_source, judged] = candidates[c];
        const SentenceResult& first = clauses[2 * c];
        const SentenceResult& second = clauses[2 * c + 1];
        if (first.best().target_ids.empty() || second.best().target_ids.empty()) continue;
        // The clauses' translations joined, as the model writes them (surrogates and all), and
        // read by the model as the whole sentence's translation.
        const std::string second_translation = target.decode(second.best().target_ids);
        const std::string joined =
            joined_clauses(target.decode(first.best().target_ids), cut, second_translation,
                           keeps_capital(second_source, second_translation, config.target_language, target));
        DecodeOptions forcing = options;
        forcing.target_prefix = target.encode(joined);
        SentenceResult again = std::move(decode_batch({masked_ids[k]}, {texts[k]}, {global_index[k]},
                                                      {masked[k].spans}, forcing, n_best, silent)
                                             .front());
        if (again.hypotheses.empty() || again.best().target_ids != forcing.target_prefix) continue;  // it went on
        const Hypothesis& before = results[k].best();
        const Hypothesis& after = again.best();
        // The split is taken for fewer missing words, or for as few and the text's "you"; never
        // for a "you" against the text's.
        if (wrong_address(k, after)) continue;
        const std::size_t missing = words_missing(judged, after.text);
        if (!best[k]) fewest[k] = words_missing(judged, before.text);
        const bool mends_address = !best[k] && wrong_address(k, before);
        if (missing > fewest[k] || (missing == fewest[k] && !mends_address) || defects(after.text, texts[k]) > defects(before.text, texts[k]) ||
            loses_kept_spans(before, spans[k], after, masked[k].spans))
            continue;
        fewest[k] = missing;
        best[k] = std::move(again);
    }
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (!best[k]) continue;
        results[k] = std::move(*best[k]);
        spans[k] = std::move(masked[k].spans);
    }
}

void Translator::Impl::retry_misread_name_idioms(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    const ModelConfig& config = model->config();
    const Tokenizer& target = model->target_tokenizer();
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty() || results[k].cut) continue;
        const Hypothesis& before = results[k].best();
        const std::optional<NameIdiom> idiom =
            misread_name_idiom(texts[k], before.text, config.source_language, config.target_language);
        if (!idiom) continue;
        const std::vector<int> misread = target.encode(idiom->misread);
        const auto at = std::search(before.target_ids.begin(), before.target_ids.end(), misread.begin(), misread.end());
        if (misread.empty() || at == before.target_ids.end()) continue;
        // Forced up to the misreading, then the idiom; the model goes on from there.
        SentenceResult again = decode_with_insertion(results[k], texts[k], global_index[k], spans[k],
                                                     static_cast<std::size_t>(at - before.target_ids.begin()),
                                                     target.encode(idiom->meant), options, n_best, cancel);
        if (again.hypotheses.empty() || loses_kept_spans(before, spans[k], again.best(), spans[k])) continue;
        results[k] = std::move(again);
    }
}

void Translator::Impl::since_before_years(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    const ModelConfig& config = model->config();
    if (config.target_language != "en" || (config.source_language != "fr" && config.source_language != "de")) return;
    const std::string marker = config.source_language == "fr" ? "depuis" : "seit";
    const auto is_year = [](const std::string& word) {
        return word.size() == 4 && (word[0] == '1' || word[0] == '2') &&
               std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty() || results[k].cut) continue;
        const std::vector<std::string> source_words = word_keys(texts[k]);
        std::string year;
        for (std::size_t w = 0; w + 1 < source_words.size(); ++w)
            if (source_words[w] == marker && is_year(source_words[w + 1])) year = source_words[w + 1];
        if (year.empty() || std::count(source_words.begin(), source_words.end(), year) != 1) continue;
        const Hypothesis& best = results[k].best();
        const std::vector<PieceRange> target_words = axis_words(best.target_word_start);
        std::vector<std::string> written;  // each target word's keys joined: "2015", "for", "since"
        for (const PieceRange& word : target_words) {
            std::string keys;
            for (const std::string& key : word_keys(word_text(best.target_pieces, word))) keys += key;
            written.push_back(keys);
        }
        if (std::count(written.begin(), written.end(), year) != 1) continue;
        const std::size_t at = static_cast<std::size_t>(std::find(written.begin(), written.end(), year) - written.begin());
        if (at > 0 && written[at - 1] == "since") continue;
        static constexpr std::array<std::string_view, 10> prepositions = {"for", "in", "from", "at", "on", "during",
                                                                           "of", "as", "by", "to"};
        const bool replaced =
            at > 0 && (std::find(prepositions.begin(), prepositions.end(), written[at - 1]) != prepositions.end() ||
                       reverse_words().translations(written[at - 1]).empty());
        const std::size_t from = target_words[replaced ? at - 1 : at].first;
        const std::vector<int> since = model->target_tokenizer().encode(from == 0 ? "Since" : "since");
        SentenceResult again =
            decode_with_insertion(results[k], texts[k], global_index[k], spans[k], from, since, options, n_best, cancel);
        if (again.hypotheses.empty()) continue;
        const Hypothesis& restored = again.best();
        const bool says_since = restored.text.find("since " + year) != std::string::npos ||
                                restored.text.find("Since " + year) != std::string::npos;
        if (!says_since || kept_spans(restored, spans[k]) < kept_spans(best, spans[k]) ||
            words_dropped(best.text, restored.text) > kInsertionWordsDropped)
            continue;
        results[k] = std::move(again);
    }
}

void Translator::Impl::lowercase_garbled_openings(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    const std::string& language = model->config().source_language;
    if (language != "en" || reverse_words().empty()) return;
    const Tokenizer& tokenizer = model->source_tokenizer();
    Redecoding batch;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (results[k].hypotheses.empty() || results[k].cut) continue;
        const std::string_view opening = letters_at(texts[k]);
        if (utf8_length(opening) < 2) continue;
        // "Wonderful", not "wonderful" nor "NATO".
        const Utf8Char first = decode_utf8_at(opening, 0);
        if (!is_upper(first.code_point) || is_upper(decode_utf8_at(opening, first.length).code_point)) continue;
        // Two capitalised words are a name ("Central Park is near my office").
        const std::size_t next = texts[k].find_first_not_of(' ', texts[k].find(' '));
        if (next != std::string::npos && is_upper(decode_utf8_at(texts[k], next).code_point)) continue;
        if (std::any_of(spans[k].begin(), spans[k].end(), [](const ProtectedSpan& span) { return span.begin == 0; }))
            continue;
        const std::string lowered = with_lower_first(opening);
        if (tokenizer.encode(opening).size() <= tokenizer.encode(lowered).size()) continue;
        if (opening_defects(results[k].best().text, texts[k]) == 0) continue;
        const std::string text = with_lower_first(texts[k]);
        add(batch, k, texts[k], global_index[k], mask_protected_spans(text, span_rules));
    }
    if (batch.sentences.empty()) return;
    auto again = decode_quietly(batch, options, n_best, cancel);
    for (std::size_t j = 0; j < batch.sentences.size(); ++j) {
        const std::size_t k = batch.sentences[j];
        if (again[j].hypotheses.empty()) continue;
        const Hypothesis& before = results[k].best();
        const Hypothesis& after = again[j].best();
        if (opening_defects(after.text, texts[k]) >= opening_defects(before.text, texts[k]) ||
            loses_kept_spans(before, spans[k], after, batch.spans[j]))
            continue;
        for (Hypothesis& h : again[j].hypotheses) {
            h.text = with_upper_first(h.text);
            if (!h.target_pieces.empty()) h.target_pieces.front() = with_upper_first(h.target_pieces.front());
        }
        shown_over_first_source(again[j], results[k]);
        again[j].coverage = coverage_of(again[j].best(), again[j].source_ids.size());
        results[k] = std::move(again[j]);
    }
}

// A garbled opening left made-up words or repeats (defects) before the translations kept to known
// words (target_words.txt); since, it leaves a wrong word, so the opening word's translation is
// missing by the lexicon ("Excellent work!" -> "L'après de travail a prêté !"). A function word
// or a conjunction opening the source ("If", "Since") is not counted: the lexicon lists few of
// their renderings ("Since my mother was sick" is "Comme ma mère était malade").
std::size_t Translator::Impl::opening_defects(const std::string& text, const std::string& source) const {
    static const std::set<std::string, std::less<>> conjunctions = {"since", "because", "while", "until",
                                                                    "although", "unless", "once", "though"};
    const std::vector<std::string> source_words = word_keys(source);
    const bool opening_missing = !source_words.empty() &&
                                 !is_function_word(source_words.front(), model->config().source_language) &&
                                 !conjunctions.contains(source_words.front()) &&
                                 lexicon_misses(source_words.front(), word_keys(text));
    return defects(text, source) + (opening_missing ? 1 : 0);
}

std::size_t Translator::Impl::defects(const std::string& text, const std::string& source) const {
    const std::string& language = model->config().target_language;
    std::vector<std::string> words = content_words(text, language);
    const std::vector<std::string> source_words = content_words(source, model->config().source_language);
    std::size_t repeated = 0;
    if (std::set<std::string>(source_words.begin(), source_words.end()).size() == source_words.size()) {
        std::sort(words.begin(), words.end());
        repeated = static_cast<std::size_t>(words.end() - std::unique(words.begin(), words.end()));
    }
    return non_words(text, source) + repeated;
}

std::size_t Translator::Impl::non_words(const std::string& text, const std::string& source) const {
    const std::vector<std::string> source_words = word_keys(source);
    std::size_t count = 0;
    for (const std::string& word : word_keys(text)) {
        const bool number = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!number && reverse_words().translations(word).empty() &&
            std::find(source_words.begin(), source_words.end(), word) == source_words.end())
            ++count;
    }
    return count;
}

std::vector<Apposition> Translator::Impl::appositions_of(const std::string& text,
                                                         const std::vector<ProtectedSpan>& spans,
                                                         const std::vector<ProtectedSpan>& every_name_spans) const {
    const Tokenizer& target = model->target_tokenizer();
    std::vector<std::string_view> names;
    for (const ProtectedSpan& span : every_name_spans) {
        // A name of several words is one span: "Mr. Okafor", "Anna Schmidt".
        if (span.kind != SpanKind::name) continue;
        const bool protected_here = std::any_of(spans.begin(), spans.end(), [&](const ProtectedSpan& p) {
            // By text, not offset: a clause's spans keep their offsets in the whole sentence.
            return p.text == span.text && p.kind == SpanKind::name;
        });
        // German capitalises every noun: there a word the model reads itself is a name only
        // when the target vocabulary writes it in fewer pieces capitalised.
        if (!protected_here && model->config().source_language == "de" &&
            target.encode(span.text).size() >= target.encode(with_lower_first(span.text)).size())
            continue;
        names.push_back(std::string_view(text).substr(span.begin, span.text.size()));
    }
    return find_appositions(text, names, model->config().source_language);
}

std::optional<SentenceResult> Translator::Impl::with_apposition_restored(const SentenceResult& result,
                                                                         const std::string& text,
                                                                         std::size_t global_index,
                                                                         const std::vector<ProtectedSpan>& spans,
                                                                         const Apposition& apposition,
                                                                         const DecodeOptions& options, int n_best,
                                                                         const std::atomic<bool>* cancel) const {
    const Hypothesis& best = result.best();
    // The source pieces of the noun: the word that is the noun, followed by the word that
    // starts with the name.
    const std::vector<PieceRange> source_words = axis_words(result.source_word_start);
    const std::size_t head = apposition_head(result, source_words, apposition);
    if (head == source_words.size()) return std::nullopt;
    // What the translation shows for the name, and the pieces the model writes for it.
    const ProtectedSpan* span = name_span(spans, apposition);
    const std::string shown = span ? span->translated_text() : std::string(apposition.name);
    const std::vector<int> written = model->target_tokenizer().encode(span ? span->target_surrogate : shown);
    // The name belongs right after the word that translates the noun.
    const std::vector<PieceRange> target_words = axis_words(best.target_word_start);
    const std::size_t noun =
        word_attending_most(best.attention, target_words, source_words[head].first, source_words[head].second);
    if (noun == target_words.size() || written.empty()) return std::nullopt;
    // The name goes after the noun itself, not after a possessive the model gave it: de-en
    // "Meine Schwester Anna ist krank." -> "My sister's Anna is sick.".
    // Nor after the punctuation that closes it: en-fr wrote "avec mon collègue. Peter.".
    std::size_t noun_end = target_words[noun].second;
    while (noun_end > target_words[noun].first + 1 && !has_letter_or_digit(best.target_pieces[noun_end - 1])) --noun_end;
    const std::size_t kept = without_possessive(best.target_pieces, {target_words[noun].first, noun_end});
    if (kept == noun_end && noun + 1 < target_words.size() &&
        word_text(best.target_pieces, target_words[noun + 1]).rfind(shown, 0) == 0)
        return std::nullopt;
    // The name as often as the source has it, and as many content words as before with the
    // name added where it was missing, at most one of them another ("My brother went Paul to
    // Vienna" -> "My brother Paul to Vienna" lost its verb). A name that was missing takes no
    // function word's place either ("Meine Tochter ist sieben Jahre alt." -> "Meine Tochter
    // Sophie sieben Jahre alt." lost "ist"); one that was elsewhere moves with the words
    // around it ("Meine Frau hat Priya in einem Krankenhaus arbeitet." -> "Meine Frau Priya
    // arbeitet in einem Krankenhaus.").
    const std::string& language = model->config().target_language;
    const bool had_name = occurrences(best.text, shown) > 0;
    const auto restores = [&](const SentenceResult& candidate) {
        if (candidate.hypotheses.empty()) return false;
        const Hypothesis& restored = candidate.best();
        // A surrogate the model ran into the next piece is not put back: "avec mon collègue Toma."
        // for "Tom" + "a.", Peter's surrogate.
        const bool surrogate_left =
            span && occurrences(restored.text, span->target_surrogate) > occurrences(text, span->target_surrogate);
        return !surrogate_left && occurrences(restored.text, shown) == occurrences(text, std::string(apposition.name)) &&
               kept_spans(restored, spans) >= kept_spans(best, spans) &&
               content_words(restored.text, language).size() >=
                   content_words(best.text, language).size() + (had_name ? 0 : 1) &&
               content_words_dropped(best.text, restored.text, language) <= kInsertionWordsDropped &&
               (had_name || !lost_function_words_only(best.text, restored.text, spans));
    };
    SentenceResult candidate =
        decode_with_insertion(result, text, global_index, spans, kept, written, options, n_best, cancel);
    if (restores(candidate)) return candidate;
    if (had_name) return std::nullopt;
    candidate = decode_with_insertion(result, text, global_index, spans, kept, spliced(written, best.target_ids, kept),
                                      options, n_best, cancel);
    if (restores(candidate)) return candidate;
    return std::nullopt;
}

std::optional<SentenceResult> Translator::Impl::with_apposition_noun_restored(const SentenceResult& result,
                                                                              const std::string& text,
                                                                              std::size_t global_index,
                                                                              const std::vector<ProtectedSpan>& spans,
                                                                              const Apposition& apposition,
                                                                              const DecodeOptions& options,
                                                                              int n_best,
                                                                              const std::atomic<bool>* cancel) const {
    const ModelConfig& config = model->config();
    const Hypothesis& best = result.best();
    if (config.target_language != "en") return std::nullopt;
    const std::vector<PieceRange> source_words = axis_words(result.source_word_start);
    const std::size_t head = apposition_head(result, source_words, apposition);
    if (head == 0 || head == source_words.size()) return std::nullopt;
    const std::string before = word_text(result.source_pieces, source_words[head - 1]);
    if (!is_function_word(before, config.source_language)) return std::nullopt;
    const std::vector<std::string> possessive = word_keys(before), noun = word_keys(apposition.head);
    if (possessive.size() != 1 || noun.size() != 1 || lexicon.translations(possessive[0]).empty() ||
        lexicon.translations(noun[0]).empty() || !lexicon_misses(apposition.head, word_keys(best.text)))
        return std::nullopt;
    // Where the translation writes the name.
    const ProtectedSpan* span = name_span(spans, apposition);
    const std::string shown = span ? span->translated_text() : std::string(apposition.name);
    const std::vector<PieceRange> target_words = axis_words(best.target_word_start);
    std::size_t name = 0;
    while (name < target_words.size() && word_text(best.target_pieces, target_words[name]).rfind(shown, 0) != 0) ++name;
    if (name == target_words.size()) return std::nullopt;
    const std::size_t at = target_words[name].first;
    std::string phrase = lexicon.translations(possessive[0]).front() + " " + lexicon.translations(noun[0]).front();
    if (at == 0) phrase = with_upper_first(phrase);
    SentenceResult candidate =
        decode_with_insertion(result, text, global_index, spans, at,
                              spliced(model->target_tokenizer().encode(phrase), best.target_ids, at), options, n_best, cancel);
    if (candidate.hypotheses.empty() || occurrences(candidate.best().text, shown) != occurrences(best.text, shown) ||
        kept_spans(candidate.best(), spans) < kept_spans(best, spans) || words_dropped(best.text, candidate.best().text) > 0)
        return std::nullopt;
    return candidate;
}

std::size_t Translator::Impl::apposition_head(const SentenceResult& result,
                                              const std::vector<PieceRange>& source_words,
                                              const Apposition& apposition) {
    const auto source_word = [&](std::size_t w) { return word_text(result.source_pieces, source_words[w]); };
    for (std::size_t w = 0; w + 1 < source_words.size(); ++w)
        if (source_word(w) == apposition.head && source_word(w + 1).rfind(apposition.name, 0) == 0) return w;
    return source_words.size();
}

const ProtectedSpan* Translator::Impl::name_span(const std::vector<ProtectedSpan>& spans,
                                                 const Apposition& apposition) {
    const auto span = std::find_if(spans.begin(), spans.end(), [&](const ProtectedSpan& p) {
        return p.text == apposition.name && p.kind == SpanKind::name;
    });
    return span == spans.end() ? nullptr : &*span;
}

std::size_t Translator::Impl::without_possessive(const std::vector<std::string>& pieces, PieceRange word) {
    for (std::size_t i = word.first + 1; i < word.second; ++i) {
        const std::string rest = word_text(pieces, {i, word.second});
        if (rest == "'s" || rest == "\u2019s") return i;
    }
    return word.second;
}

std::vector<std::pair<std::string, PieceRange>> Translator::Impl::mistranslated_words(const SentenceResult& result,
                                                                                 const std::string& text) const {
    const ModelConfig& config = model->config();
    const Hypothesis& best = result.best();
    const std::vector<std::string> target_keys = word_keys(best.text);
    const std::vector<std::string> source_keys = word_keys(text);
    const std::vector<PieceRange> target_words = axis_words(best.target_word_start);
    // A target word no source word accounts for, by the lexicons: a wrong word ("véhicules").
    const auto unexplained = [&](std::size_t w) {
        if (w >= target_words.size()) return false;
        const std::vector<std::string> keys = word_keys(word_text(best.target_pieces, target_words[w]));
        return std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
            return !is_function_word(key, config.target_language) &&
                   std::none_of(source_keys.begin(), source_keys.end(), [&](const std::string& source) {
                       return lexicon_evidence(lexicon, source, {key}, config.target_language, reverse_words()) ==
                              LexiconEvidence::translation_found;
                   });
        });
    };
    std::vector<std::pair<std::string, PieceRange>> words;
    for (PieceRange word : axis_words(result.source_word_start)) {
        const std::vector<std::string> keys = word_keys(word_text(result.source_pieces, word));
        if (keys.size() == 1 && !is_function_word(keys.front(), config.source_language) &&
            lexicon_misses(keys.front(), target_keys) &&
            unexplained(word_attending_most(best.attention, target_words, word.first, word.second)))
            words.emplace_back(keys.front(), word);
    }
    return words;
}

std::vector<std::string> Translator::Impl::usual_translations(const std::string& key) const {
    const std::string& language = model->config().target_language;
    const Tokenizer& target = model->target_tokenizer();
    std::vector<std::string> forms;
    for (const std::string& translation : lexicon.translations(key)) {
        if (forms.size() >= kMistranslatedWordChoices) break;
        if (is_function_word(translation, language)) continue;
        // German writes a noun with a capital: the form its vocabulary, learned from German
        // text, splits into fewer pieces ("Apotheke", but "kaputt").
        const std::string capitalised = with_upper_first(translation);
        const bool noun = language == "de" && target.encode(capitalised).size() < target.encode(translation).size();
        forms.push_back(noun ? capitalised : translation);
    }
    return forms;
}

void Translator::Impl::retry_mistranslated_words(RepairBatch& repair) const {
    auto& [results, texts, global_index, spans, options, n_best, cancel] = repair;
    // Beam search only, as the reranking whose choice it mends.
    if (lexicon.empty() || options.strategy != DecodeStrategy::beam) return;
    const Tokenizer& target = model->target_tokenizer();
    // Every forced decoding of the batch, decoded together: the sentence's source after each
    // prefix, and the word the prefix forces in (a key).
    Redecoding forced;
    std::vector<std::string> forced_keys;
    // What each first translation misses, garbles and keeps, measured once: a candidate must
    // do better.
    struct Measures {
        std::size_t missing = 0, defects = 0, kept = 0;
    };
    std::vector<Measures> first(results.size());
    for (std::size_t k = 0; k < results.size(); ++k) {
        const SentenceResult& result = results[k];
        if (result.hypotheses.empty() || result.cut) continue;
        const std::vector<std::pair<std::string, PieceRange>> words = mistranslated_words(result, texts[k]);
        if (words.empty() || words.size() > kMaxMistranslatedWords) continue;
        const Hypothesis& best = result.best();
        first[k] = {words_missing(texts[k], best.text), defects(best.text, texts[k]), kept_spans(best, spans[k])};
        const std::vector<bool> insertable =
            insertable_rows(best.target_pieces, best.target_word_start, best.attention.size());
        for (const auto& [key, word] : words) {
            const std::vector<std::string> forms = usual_translations(key);
            for (std::size_t row : insertion_points(best.attention, insertable, word.first, word.second, kInsertionTries)) {
                for (const std::string& written : forms) {
                    const std::string form = row == 0 ? with_upper_first(written) : written;
                    std::vector<int> prefix(best.target_ids.begin(),
                                            best.target_ids.begin() + static_cast<std::ptrdiff_t>(std::min(row, best.target_ids.size())));
                    const std::vector<int> pieces = target.encode(form);
                    prefix.insert(prefix.end(), pieces.begin(), pieces.end());
                    forced.sentences.push_back(k);
                    forced.sources.push_back(result.source_ids);
                    forced.texts.push_back(texts[k]);
                    forced.global_index.push_back(global_index[k]);
                    forced.spans.push_back(spans[k]);
                    forced.target_prefixes.push_back(std::move(prefix));
                    forced_keys.push_back(with_lower_first(form));
                }
            }
        }
    }
    if (forced.sentences.empty()) return;
    // A narrow beam from the forced word on, its hypotheses scored by the reranker below only
    // when they fit. Greedy lost what the first translation had further on ("deux kilos de
    // terre"); the model's own beam of 5, reranked within, took half as long again as the
    // whole translation for few more changes (docs in README, "A mistranslated word").
    DecodeOptions continuing = options;
    continuing.beam_size = kContinuationBeam;
    continuing.n_best = kContinuationBeam;
    continuing.reverse_weight = 0.0f;
    continuing.right_to_left_weight = 0.0f;
    std::vector<SentenceResult> decoded = decode_quietly(forced, continuing, kContinuationBeam, cancel);
    struct Candidate {
        std::size_t decoded, hypothesis;
    };
    std::vector<std::vector<Candidate>> fitting(results.size());
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        const std::size_t k = forced.sentences[i];
        const Hypothesis& best = results[k].best();
        for (std::size_t h = 0; h < decoded[i].hypotheses.size(); ++h) {
            const Hypothesis& after = decoded[i].hypotheses[h];
            // The forced pieces are a prefix the model may lengthen ("mag" -> "magst").
            const std::vector<std::string> after_keys = word_keys(after.text);
            if (std::find(after_keys.begin(), after_keys.end(), forced_keys[i]) != after_keys.end() &&
                words_missing(texts[k], after.text) < first[k].missing && kept_spans(after, spans[k]) >= first[k].kept &&
                defects(after.text, texts[k]) <= first[k].defects &&
                words_dropped(best.text, after.text) <= words_dropped(after.text, best.text) + 1)
                fitting[k].push_back({i, h});
        }
    }
    // Scored as the reranker scores a beam: each sentence's first translation, then its candidates.
    std::vector<std::string> sources, hypotheses;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (fitting[k].empty()) continue;
        sources.insert(sources.end(), fitting[k].size() + 1, texts[k]);
        hypotheses.push_back(results[k].best().text);
        for (const Candidate& c : fitting[k]) hypotheses.push_back(decoded[c.decoded].hypotheses[c.hypothesis].text);
    }
    const std::vector<float> added = rerank_terms(sources, hypotheses, options);
    std::size_t next = 0;
    for (std::size_t k = 0; k < results.size(); ++k) {
        if (fitting[k].empty()) continue;
        float best_score = results[k].best().score + added[next++];
        std::optional<Candidate> chosen;
        for (const Candidate& c : fitting[k]) {
            const float score = decoded[c.decoded].hypotheses[c.hypothesis].score + added[next++];
            if (score > best_score) {
                best_score = score;
                chosen = c;
            }
        }
        if (!chosen) continue;
        // The chosen hypothesis, then the first beam's, as the alternatives asked for (n_best).
        SentenceResult taken = decoded[chosen->decoded];
        taken.hypotheses = {std::move(taken.hypotheses[chosen->hypothesis])};
        for (Hypothesis& h : results[k].hypotheses) {
            if (taken.hypotheses.size() >= static_cast<std::size_t>(std::max(1, n_best))) break;
            taken.hypotheses.push_back(std::move(h));
        }
        taken.coverage = coverage_of(taken.best(), taken.source_ids.size());
        results[k] = std::move(taken);
    }
}

}  // namespace attentive
