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
translations (greedy forced decoding). A content word may be untranslated, as the app judges,
when none of its usual translations (the model's lexicon.txt) is in the target, no target word
is usually translated back by it (the reverse model's lexicon.txt), and leaving it out of the
source changes the target's log-probability by less than the threshold per target piece
(source erasure; the default is the model's "untranslated_threshold"). Of such words, a
sentence flags the one whose erasure makes the target likeliest.
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
  --growth G         a sentence with n words the lexicons leave unexplained is judged at the
                     threshold times n^G (the default is the model's
                     "untranslated_threshold_growth")
  --sweep            also print the figures for other thresholds
  --no-lexicon       judge by erasure alone, without the lexicons
  --own-translations use the model's own translations of the sources (its default decoding)
                     in place of the references: what the app judges
  --show N           print N flags on complete references and N recall trials (source
                     word, removed reference word)
  --threads N, --precision f32|bf16|int8
  --json             print the figures as one JSON object
)";

// Erasure thresholds (loss per target piece, nats) the text output's sweep reports; --json
// gives every hundredth from 0 to -0.60, so that dev sets can be pooled.
constexpr float kSweep[] = {-0.1f, -0.15f, -0.2f, -0.25f, -0.3f, -0.35f, -0.4f, -0.5f};
constexpr int kJsonSweepHundredths = 60;

// The former rule, reported for comparison: attention support below this.
constexpr float kSupportRule = 0.01f;

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
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
                    {"m", "model", "tsv", "columns", "src", "ref", "limit", "threshold", "unknown-threshold", "growth", "show", "threads",
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
    Translator translator(model_argument(args), engine_options_from_args(args));
    const float threshold =
        static_cast<float>(args.get_double("threshold", translator.config().untranslated_threshold));
    const float unknown_threshold = static_cast<float>(args.get_double("unknown-threshold", kUnknownWordLossPerPiece));
    const float growth =
        static_cast<float>(args.get_double("growth", translator.config().untranslated_threshold_growth));
    if (growth < 0.0f) throw UsageError("--growth must be 0 or more");
    // What the app judges: the model's own translations, complete as far as it can tell, with
    // one word's translation removed for the recall trials.
    if (args.has("own-translations")) references = own_translations(translator, sources);
    const bool use_lexicon = !args.has("no-lexicon");
    if (use_lexicon && translator.lexicon().empty())
        std::cerr << "note: " << model_argument(args) << " has no lexicon.txt: words are judged by erasure alone\n";
    const FlagMeasurement m = measure_flags(
        translator, sources, references, use_lexicon ? FlagEvidence::lexicons_and_erasure : FlagEvidence::erasure_alone);
    std::size_t judged = 0;
    std::size_t explained = 0;
    for (const JudgedSentence& sentence : m.complete) {
        for (const JudgedWord& word : sentence.words) {
            judged += word.word.judged;
            explained += word.word.judged && word.lexicon == LexiconEvidence::translation_found;
        }
    }
    const double explained_share = judged == 0 ? 0.0 : static_cast<double>(explained) / static_cast<double>(judged);
    const FlagRule rule = app_flag_rule(threshold, unknown_threshold, growth);
    const FlagRule support_rule = [](const std::vector<JudgedWord>& words) {
        std::vector<std::size_t> flagged;
        for (std::size_t w = 0; w < words.size(); ++w)
            if (words[w].word.judged && words[w].word.support < kSupportRule) flagged.push_back(w);
        return flagged;
    };
    const float calibrated = threshold_for_one_per_20(m, unknown_threshold, growth);
    const double judging_ms =
        m.sentences() == 0 ? 0.0 : 1000.0 * m.judging_seconds / static_cast<double>(m.sentences());
    const auto at = [&](float t) { return app_flag_rule(t, unknown_threshold, growth); };

    if (args.has("json")) {
        nlohmann::json out = {
            {"model", model_argument(args)},
            {"sentences", m.sentences()},
            {"threshold", threshold},
            {"unknown_word_threshold", unknown_threshold},
            {"threshold_growth", growth},
            {"lexicon", use_lexicon && !translator.lexicon().empty()},
            {"reverse_lexicon", use_lexicon && !translator.reverse_lexicon().empty()},
            {"lexicon_found_share", explained_share},
            {"false_flags_per_20", m.false_flags_per_20(rule)},
            {"recall_trials", m.trials.size()},
            {"recall", m.recall(rule)},
            {"threshold_for_1_per_20", calibrated},
            {"recall_at_1_per_20", m.recall(at(calibrated))},
            {"support_rule", {{"threshold", kSupportRule},
                              {"false_flags_per_20", m.false_flags_per_20(support_rule)},
                              {"recall", m.recall(support_rule)}}},
            {"judging_ms_per_sentence", judging_ms},
        };
        if (args.has("sweep")) {
            for (int h = 0; h <= kJsonSweepHundredths; ++h) {
                const float t = -0.01f * static_cast<float>(h);
                out["sweep"].push_back(
                    {{"threshold", t}, {"false_flags_per_20", m.false_flags_per_20(at(t))}, {"recall", m.recall(at(t))}});
            }
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << m.sentences() << " complete references: " << fixed(m.false_flags_per_20(rule), 2)
              << " false flags per 20 sentences (threshold " << fixed(threshold, 2) << " nats per piece, "
              << fixed(unknown_threshold, 2) << " for words the lexicon does not know)\n"
              << m.trials.size() << " references with a word removed: "
              << fixed(100.0 * m.recall(rule), 1) << "% of the dropped source words flagged\n"
              << "threshold at 1 false flag per 20: " << fixed(calibrated, 3) << " (recall "
              << fixed(100.0 * m.recall(at(calibrated)), 1) << "%)\n"
              << "support rule (below " << fixed(kSupportRule, 2)
              << "): " << fixed(m.false_flags_per_20(support_rule), 2) << " false flags per 20, "
              << fixed(100.0 * m.recall(support_rule), 1) << "% recall\n"
              << "lexicon: " << fixed(100.0 * explained_share, 1)
              << "% of the content words of complete references have a usual translation there\n"
              << "judging: " << fixed(judging_ms, 1) << " ms per sentence\n";
    if (args.has("sweep")) {
        std::cout << "threshold  false flags/20  recall\n";
        for (const float t : kSweep)
            std::cout << "    " << fixed(t, 2) << "  " << fixed(m.false_flags_per_20(at(t)), 2) << "  "
                      << fixed(100.0 * m.recall(at(t)), 1) << "%\n";
    }
    const int show = args.get_int("show", 0);
    int shown = 0;
    for (const JudgedSentence& sentence : m.complete) {
        for (const std::size_t w : rule(sentence.words)) {
            if (shown++ >= show) break;
            std::cout << "  flagged " << sentence.texts[w] << " (loss per piece "
                      << fixed(sentence.words[w].erasure.loss_per_piece, 3) << "): " << sources[sentence.index]
                      << " => " << references[sentence.index] << "\n";
        }
    }
    for (std::size_t k = 0; k < m.trials.size() && k < static_cast<std::size_t>(show); ++k) {
        const JudgedWord& dropped = m.reduced[k].words.at(m.trials[k].source_word_index);
        std::cout << "  " << m.trials[k].source_word << " -> " << m.trials[k].target_word << " (loss per piece "
                  << fixed(dropped.erasure.loss_per_piece, 3) << (dropped.erased ? "" : ", found by the lexicons")
                  << "): " << m.trials[k].reduced_reference << "\n";
    }
    return 0;
}

}  // namespace attentive::cli
