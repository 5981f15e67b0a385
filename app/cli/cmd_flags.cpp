// attentive-cli flags: measures the "possibly untranslated" flags on a dev set by forced decoding
// (core/metrics/flag_evaluation.h): false alarms on complete references, recall on references
// with one word's translation removed.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/errors.h"
#include "core/metrics/flag_evaluation.h"
#include "core/training/corpus.h"
#include "core/translator.h"
#include "core/untranslated_words.h"

namespace attentive::cli {

namespace {

const char* kFlagsHelp = R"(usage: attentive-cli flags -m MODEL (--tsv FILE [--columns S,T] | --src FILE --ref FILE) [options]

Measures the "possibly untranslated" flags by forcing the model to produce reference
translations (greedy forced decoding). A content word is flagged, as in the app, when none of
its usual translations (the model's lexicon.txt) is in the target and leaving it out of the
source changes the target's log-probability by less than the threshold per target piece
(source erasure; the app's threshold is the default):
  false flags   words flagged on complete references, per 20 sentences
  recall        share of references with one content word's translation removed in which
                that source word is flagged (the word's translation is found by translating
                the word alone and looking for one of the resulting words in the reference)
  threshold at 1 false flag per 20
                the highest threshold that keeps false flags at or under 1 per 20 on this
                set, and the recall there
  support rule  the former rule (attention support below 0.01), for comparison
  judging       milliseconds per sentence spent on the erasure pass of the complete references

options:
  --limit N          use the first N sentence pairs (a source given twice is used once)
  --threshold T      the loss per target piece (nats) below which a word is flagged
  --unknown-threshold U
                     the same for a word the lexicon does not know (a rare word, a name)
  --sweep            also print the figures for other thresholds
  --no-lexicon       judge by erasure alone, without the model's lexicon
  --own-translations use the model's own translations of the sources (its default decoding)
                     in place of the references: what the app judges
  --show N           print N flags on complete references and N recall trials (source
                     word, removed reference word)
  --threads N, --precision f32|bf16|int8
  --json             print the figures as one JSON object
)";

// Erasure thresholds (loss per target piece, nats) the sweep reports.
constexpr float kSweep[] = {-0.1f, -0.15f, -0.2f, -0.25f, -0.3f, -0.35f, -0.4f, -0.5f};
// The former rule, reported for comparison: attention support below this.
constexpr float kSupportRule = 0.01f;

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

WordRule erasure_rule(float threshold, float unknown_word_threshold) {
    return [=](const JudgedWord& word) { return is_untranslated(word, threshold, unknown_word_threshold); };
}

// The highest threshold (for words the lexicon knows, the unknown ones judged with
// `unknown_word_threshold`) at which the complete references get at most one false flag per 20
// sentences: flags are counted strictly below it, so it is the k-th lowest loss, k being the
// flags still allowed.
float threshold_for_one_per_20(const FlagMeasurement& m, float unknown_word_threshold) {
    std::vector<float> losses;
    std::size_t unknown_flags = 0;
    for (const JudgedWord& word : m.complete_words) {
        if (!word.erased || word.lexicon == LexiconEvidence::translation_found) continue;
        if (word.lexicon != LexiconEvidence::unknown_word) losses.push_back(word.erasure.loss_per_piece);
        else if (erasure_flags_word(word.erasure, unknown_word_threshold)) ++unknown_flags;
    }
    std::sort(losses.begin(), losses.end());
    const std::size_t allowed = m.sentences / 20;
    if (unknown_flags > allowed) return losses.empty() ? 0.0f : losses.front();
    return allowed - unknown_flags < losses.size() ? losses[allowed - unknown_flags] : 0.0f;
}

}  // namespace

int run_flags(const Words& words) {
    for (const std::string& word : words) {
        if (word == "--help" || word == "-h") {
            std::cout << kFlagsHelp;
            return 0;
        }
    }
    const Args args(words,
                    {"m", "model", "tsv", "columns", "src", "ref", "limit", "threshold", "unknown-threshold", "show", "threads",
                     "precision"},
                    {"json", "sweep", "no-lexicon", "own-translations"});
    if (!args.positional().empty()) throw UsageError("unexpected argument '" + args.positional().front() + "'");
    CleaningOptions keep_all;
    keep_all.max_chars = 1000000;
    keep_all.check_ratio = false;
    CorpusReport report;
    std::vector<SentencePair> pairs;
    if (args.has("tsv")) {
        if (args.has("src") || args.has("ref")) throw UsageError("give either --tsv or --src/--ref, not both");
        const std::string columns = args.get("columns", "0,1");
        if (columns != "0,1" && columns != "1,0") throw UsageError("--columns must be 0,1 or 1,0");
        pairs = read_tsv(args.get("tsv", ""), columns == "0,1" ? 0 : 1, columns == "0,1" ? 1 : 0, keep_all, report);
    } else {
        pairs = read_parallel(args.required("src"), args.required("ref"), keep_all, report);
    }
    const int limit = args.get_int("limit", 0);
    if (limit < 0) throw UsageError("--limit must be positive");
    std::vector<std::string> sources;
    std::vector<std::string> references;
    for (const SentencePair& pair : pairs) {
        if (limit > 0 && sources.size() >= static_cast<std::size_t>(limit)) break;
        if (!sources.empty() && sources.back() == pair.source) continue;
        sources.push_back(pair.source);
        references.push_back(pair.target);
    }
    if (sources.empty()) throw InputError("the dev set has no sentence pairs");
    const float threshold = static_cast<float>(args.get_double("threshold", kUntranslatedLossPerPiece));
    const float unknown_threshold = static_cast<float>(args.get_double("unknown-threshold", kUnknownWordLossPerPiece));

    Translator translator(model_argument(args), engine_options_from_args(args));
    // What the app judges: the model's own translations, complete as far as it can tell, with
    // one word's translation removed for the recall trials.
    if (args.has("own-translations")) references = own_translations(translator, sources);
    const bool use_lexicon = !args.has("no-lexicon");
    if (use_lexicon && translator.lexicon().empty())
        std::cerr << "note: " << model_argument(args) << " has no lexicon.txt: words are judged by erasure alone\n";
    const Lexicon no_lexicon;
    const FlagMeasurement m = measure_flags(translator, sources, references, use_lexicon ? translator.lexicon() : no_lexicon);
    const auto explained = std::count_if(m.complete_words.begin(), m.complete_words.end(), [](const JudgedWord& word) {
        return word.lexicon == LexiconEvidence::translation_found;
    });
    const double explained_share =
        m.complete_words.empty() ? 0.0 : static_cast<double>(explained) / static_cast<double>(m.complete_words.size());
    const WordRule rule = erasure_rule(threshold, unknown_threshold);
    const WordRule support_rule = [](const JudgedWord& word) {
        return word.word.judged && word.word.support < kSupportRule;
    };
    const float calibrated = threshold_for_one_per_20(m, unknown_threshold);
    const double judging_ms = m.sentences == 0 ? 0.0 : 1000.0 * m.judging_seconds / static_cast<double>(m.sentences);

    if (args.has("json")) {
        nlohmann::json out = {
            {"model", model_argument(args)},
            {"sentences", m.sentences},
            {"threshold", threshold},
            {"unknown_word_threshold", unknown_threshold},
            {"lexicon", use_lexicon && !translator.lexicon().empty()},
            {"lexicon_found_share", explained_share},
            {"false_flags_per_20", m.false_flags_per_20(rule)},
            {"recall_trials", m.dropped_words.size()},
            {"recall", m.recall(rule)},
            {"threshold_for_1_per_20", calibrated},
            {"recall_at_1_per_20", m.recall(erasure_rule(calibrated, unknown_threshold))},
            {"support_rule", {{"threshold", kSupportRule},
                              {"false_flags_per_20", m.false_flags_per_20(support_rule)},
                              {"recall", m.recall(support_rule)}}},
            {"judging_ms_per_sentence", judging_ms},
        };
        if (args.has("sweep")) {
            for (const float t : kSweep) {
                out["sweep"].push_back({{"threshold", t},
                                        {"false_flags_per_20", m.false_flags_per_20(erasure_rule(t, unknown_threshold))},
                                        {"recall", m.recall(erasure_rule(t, unknown_threshold))}});
            }
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << m.sentences << " complete references: " << fixed(m.false_flags_per_20(rule), 2)
              << " false flags per 20 sentences (threshold " << fixed(threshold, 2) << " nats per piece, "
              << fixed(unknown_threshold, 2) << " for words the lexicon does not know)\n"
              << m.dropped_words.size() << " references with a word removed: "
              << fixed(100.0 * m.recall(rule), 1) << "% of the dropped source words flagged\n"
              << "threshold at 1 false flag per 20: " << fixed(calibrated, 3) << " (recall "
              << fixed(100.0 * m.recall(erasure_rule(calibrated, unknown_threshold)), 1) << "%)\n"
              << "support rule (below " << fixed(kSupportRule, 2)
              << "): " << fixed(m.false_flags_per_20(support_rule), 2) << " false flags per 20, "
              << fixed(100.0 * m.recall(support_rule), 1) << "% recall\n"
              << "lexicon: " << fixed(100.0 * explained_share, 1)
              << "% of the content words of complete references have a usual translation there\n"
              << "judging: " << fixed(judging_ms, 1) << " ms per sentence\n";
    if (args.has("sweep")) {
        std::cout << "threshold  false flags/20  recall\n";
        for (const float t : kSweep)
            std::cout << "    " << fixed(t, 2) << "  " << fixed(m.false_flags_per_20(erasure_rule(t, unknown_threshold)), 2)
                      << "  " << fixed(100.0 * m.recall(erasure_rule(t, unknown_threshold)), 1) << "%\n";
    }
    const int show = args.get_int("show", 0);
    int shown = 0;
    for (std::size_t i = 0; i < m.complete_words.size() && shown < show; ++i) {
        if (!rule(m.complete_words[i])) continue;
        ++shown;
        const std::size_t sentence = m.complete_word_sentences[i];
        std::cout << "  flagged " << m.complete_word_texts[i] << " (loss per piece "
                  << fixed(m.complete_words[i].erasure.loss_per_piece, 3) << "): " << sources[sentence] << " => "
                  << references[sentence] << "\n";
    }
    for (std::size_t i = 0; i < m.trials.size() && i < static_cast<std::size_t>(show); ++i) {
        std::cout << "  " << m.trials[i].source_word << " -> " << m.trials[i].target_word << " (loss per piece "
                  << fixed(m.dropped_words[i].erasure.loss_per_piece, 3) << "): " << m.trials[i].reduced_reference
                  << "\n";
    }
    return 0;
}

}  // namespace attentive::cli
