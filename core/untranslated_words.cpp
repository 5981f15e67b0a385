#include "core/untranslated_words.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/errors.h"

namespace attentive {

AttentionRows target_attention(const SentenceResult& result) {
    const Hypothesis& best = result.best();
    return AttentionRows(best.attention.begin(),
                         best.attention.begin() +
                             static_cast<std::ptrdiff_t>(std::min(best.attention.size(), best.target_ids.size())));
}

std::vector<float> token_probabilities(const SentenceResult& result) {
    const Hypothesis& best = result.best();
    if (best.alternatives.size() < best.target_ids.size()) return {};
    std::vector<float> p(best.target_ids.size(), 0.0f);
    for (std::size_t t = 0; t < p.size(); ++t)
        for (const Alternative& a : best.alternatives[t])
            if (a.id == best.target_ids[t]) p[t] = a.probability;
    return p;
}

std::vector<SourceWord> judged_words(const SentenceResult& result, const std::string& language) {
    return source_words(result.source_pieces, result.source_word_start, target_attention(result),
                        token_probabilities(result), language);
}

std::vector<JudgedWord> judge_source_words(Translator& translator, const SentenceResult& result,
                                           FlagEvidence evidence, const std::atomic<bool>* cancel) {
    if (result.source_pieces.empty() || result.source_ids.size() != result.source_pieces.size()) return {};
    const ModelConfig& config = translator.config();
    std::vector<JudgedWord> judged;
    const std::vector<std::string> target_words = word_keys(result.best().text);
    const bool read_lexicons = evidence == FlagEvidence::lexicons_and_erasure;
    for (const SourceWord& word : judged_words(result, config.source_language)) {
        JudgedWord judged_word{word, LexiconEvidence::none, false, {}};
        if (word.judged && read_lexicons)
            judged_word.lexicon = lexicon_evidence(translator.lexicon(), source_word_text(result, word), target_words,
                                                   config.target_language, translator.reverse_lexicon());
        judged.push_back(std::move(judged_word));
    }
    std::vector<std::size_t> erased;
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (std::size_t w = 0; w < judged.size(); ++w) {
        if (!judged[w].word.judged || judged[w].lexicon == LexiconEvidence::translation_found) continue;
        erased.push_back(w);
        ranges.emplace_back(judged[w].word.first_piece, judged[w].word.end_piece);
    }
    if (erased.empty()) return judged;
    if (cancel && cancel->load()) throw Cancelled();
    const std::vector<std::vector<float>> log_probs =
        translator.erasure_log_probs(result.source_ids, result.best().target_ids, ranges);
    for (std::size_t k = 0; k < erased.size(); ++k) {
        judged[erased[k]].erasure = erasure_effect(log_probs.front(), log_probs[k + 1]);
        judged[erased[k]].erased = true;
    }
    return judged;
}

bool is_untranslated(const JudgedWord& word, float threshold, float unknown_word_threshold) {
    if (!word.word.judged || !word.erased || word.lexicon == LexiconEvidence::translation_found) return false;
    return erasure_flags_word(word.erasure,
                              word.lexicon == LexiconEvidence::unknown_word ? unknown_word_threshold : threshold);
}

float sentence_threshold(const std::vector<JudgedWord>& words, float threshold, float growth) {
    const auto unexplained = std::count_if(words.begin(), words.end(), [](const JudgedWord& word) {
        return word.word.judged && word.erased && word.lexicon != LexiconEvidence::translation_found;
    });
    return threshold * std::pow(static_cast<float>(std::max<std::ptrdiff_t>(1, unexplained)), growth);
}

std::optional<std::size_t> untranslated_word(const std::vector<JudgedWord>& words, float threshold,
                                             float unknown_word_threshold, float growth) {
    const float scaled = sentence_threshold(words, threshold, growth);
    std::optional<std::size_t> flagged;
    for (std::size_t w = 0; w < words.size(); ++w) {
        if (!is_untranslated(words[w], scaled, unknown_word_threshold)) continue;
        if (!flagged || words[w].erasure.loss_per_piece < words[*flagged].erasure.loss_per_piece) flagged = w;
    }
    return flagged;
}

namespace {

// The word the app flags in `result`, judged with the translator's lexicons and threshold.
std::optional<SourceWord> flagged_source_word(Translator& translator, const SentenceResult& result,
                                              const std::atomic<bool>* cancel) {
    const std::vector<JudgedWord> words =
        judge_source_words(translator, result, FlagEvidence::lexicons_and_erasure, cancel);
    const ModelConfig& config = translator.config();
    const std::optional<std::size_t> flagged = untranslated_word(words, config.untranslated_threshold,
                                                                 kUnknownWordLossPerPiece,
                                                                 config.untranslated_threshold_growth);
    if (!flagged) return std::nullopt;
    return words[*flagged].word;
}

}  // namespace

std::vector<bool> untranslated_pieces(Translator& translator, const SentenceResult& result,
                                      const std::atomic<bool>* cancel) {
    std::vector<bool> marked(result.source_pieces.size(), false);
    if (const auto word = flagged_source_word(translator, result, cancel))
        for (std::size_t s = word->first_piece; s < word->end_piece; ++s) marked[s] = true;
    return marked;
}

std::vector<std::string> untranslated_source_words(Translator& translator, const SentenceResult& result,
                                                   const std::atomic<bool>* cancel) {
    if (const auto word = flagged_source_word(translator, result, cancel)) return {source_word_text(result, *word)};
    return {};
}

std::string source_word_text(const SentenceResult& result, const SourceWord& word) {
    std::string text;
    for (std::size_t s = word.first_piece; s < word.end_piece && s < result.source_pieces.size(); ++s)
        text += result.source_pieces[s];
    return text;
}

}  // namespace attentive
