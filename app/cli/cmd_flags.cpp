// attentive-cli flags: measures the "possibly untranslated" flags on a dev set by forced decoding
// (core/metrics/flag_evaluation.h): false alarms on complete references, recall on references
// with one word's translation removed.

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/decoding/coverage_flags.h"
#include "core/errors.h"
#include "core/metrics/flag_evaluation.h"
#include "core/training/corpus.h"
#include "core/translator.h"

namespace attentive::cli {

namespace {

const char* kFlagsHelp = R"(usage: attentive-cli flags -m MODEL (--tsv FILE [--columns S,T] | --src FILE --ref FILE) [options]

Measures the "possibly untranslated" flags by forcing the model to produce reference
translations (greedy forced decoding):
  false flags   words flagged on complete references, per 20 sentences
  recall        share of references with one content word's translation removed in which
                that source word is flagged (the word's translation is found by translating
                the word alone and looking for one of the resulting words in the reference)

options:
  --limit N          use the first N sentence pairs (a source given twice is used once)
  --threshold T      the support below which a word is flagged (default: the app's)
  --sweep            also print the figures for other thresholds
  --show N           print N recall trials (source word, removed reference word)
  --threads N, --precision f32|bf16|int8
  --json             print the figures as one JSON object
)";

// Support thresholds the sweep reports.
constexpr float kSweep[] = {0.0025f, 0.005f, 0.01f, 0.015f, 0.02f, 0.03f, 0.05f, 0.1f};

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
                    {"m", "model", "tsv", "columns", "src", "ref", "limit", "threshold", "show", "threads",
                     "precision"},
                    {"json", "sweep"});
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
    const float threshold = static_cast<float>(args.get_double("threshold", kUnsupportedWord));

    Translator translator(model_argument(args), engine_options_from_args(args));
    const FlagMeasurement m = measure_flags(translator, sources, references);

    if (args.has("json")) {
        nlohmann::json out = {
            {"model", model_argument(args)},
            {"sentences", m.sentences},
            {"threshold", threshold},
            {"false_flags_per_20", m.false_flags_per_20(threshold)},
            {"recall_trials", m.dropped_support.size()},
            {"recall", m.recall(threshold)},
        };
        if (args.has("sweep")) {
            for (const float t : kSweep) {
                out["sweep"].push_back({{"threshold", t},
                                        {"false_flags_per_20", m.false_flags_per_20(t)},
                                        {"recall", m.recall(t)}});
            }
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << m.sentences << " complete references: " << fixed(m.false_flags_per_20(threshold), 2)
              << " false flags per 20 sentences (threshold " << fixed(threshold, 2) << ")\n"
              << m.dropped_support.size() << " references with a word removed: "
              << fixed(100.0 * m.recall(threshold), 1) << "% of the dropped source words flagged\n";
    if (args.has("sweep")) {
        std::cout << "threshold  false flags/20  recall\n";
        for (const float t : kSweep)
            std::cout << "    " << fixed(t, 3) << "  " << fixed(m.false_flags_per_20(t), 2) << "  "
                      << fixed(100.0 * m.recall(t), 1) << "%\n";
    }
    const int show = args.get_int("show", 0);
    for (std::size_t i = 0; i < m.trials.size() && i < static_cast<std::size_t>(show); ++i) {
        std::cout << "  " << m.trials[i].source_word << " -> " << m.trials[i].target_word << " (support "
                  << fixed(m.dropped_support[i], 3) << "): " << m.trials[i].reduced_reference << "\n";
    }
    return 0;
}

}  // namespace attentive::cli
