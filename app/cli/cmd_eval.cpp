// attentive-cli eval: translates a test set with a model and scores it as sacreBLEU does.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/errors.h"
#include "core/metrics/bleu.h"
#include "core/metrics/dialogue.h"
#include "core/text/chat_context.h"
#include "core/text/utf8.h"
#include "core/training/corpus.h"
#include "core/training/trainer.h"
#include "core/translator.h"

namespace attentive::cli {

namespace {

const char* kEvalHelp = R"(usage: attentive-cli eval -m MODEL (--src FILE --ref FILE [--ref FILE...] | --tsv FILE) [options]

Translates a test set and scores it against its references:
  BLEU   corpus BLEU as sacreBLEU computes it (13a tokenization, cased, several references)
  chrF2  character 6-grams, beta 2
  BLEU (lowercased, tokenized)   the figure most Multi30k papers report

input:
  --src FILE --ref FILE...   line-aligned source and reference files (several --ref allowed)
  --tsv FILE                 tab-separated pairs; --columns S,T picks source and reference
                             columns (default 0,1). Rows with the same source are grouped: every
                             translation of a sentence is one of its references.
  --dialogues FILE           chat models: DailyDialog-layout dialogues; every turn after the
                             first is answered from its context and scored: BLEU-1/2 (averaged
                             sentence BLEU) and distinct-1/2, beside the human replies' distinct-n
  --limit N                  score only the first N source sentences

decoding (defaults: the model's own):
  --beam N, --greedy, --length-penalty A, --batch-size N, --max-length N, ...
  --reverse-weight W         rerank the beam with the reverse model (0 or --no-rerank: off)
  --threads N, --precision f32|bf16|int8

output:
  --output FILE              write the translations there, one a line
  --json                     print the scores as one JSON object
)";

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open '" + path + "' for reading");
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!is_valid_utf8(line)) {
            throw InputError("'" + path + "' line " + std::to_string(lines.size() + 1) +
                             " is not valid UTF-8");
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string bleu_line(const std::string& name, const BleuScore& bleu) {
    const double ratio = bleu.reference_length == 0
                             ? 0.0
                             : static_cast<double>(bleu.hypothesis_length) / static_cast<double>(bleu.reference_length);
    std::string line = name + " = " + fixed(bleu.score, 2) + " ";
    for (std::size_t n = 0; n < bleu.precisions.size(); ++n) {
        if (n > 0) line += '/';
        line += fixed(bleu.precisions[n], 1);
    }
    line += " (BP = " + fixed(bleu.brevity_penalty, 3) + " ratio = " + fixed(ratio, 3) +
            " hyp_len = " + std::to_string(bleu.hypothesis_length) +
            " ref_len = " + std::to_string(bleu.reference_length) + ")";
    return line;
}

std::pair<int, int> columns_of(const std::string& text) {
    const auto comma = text.find(',');
    try {
        if (comma == std::string::npos) throw std::invalid_argument(text);
        const int source = std::stoi(text.substr(0, comma));
        const int target = std::stoi(text.substr(comma + 1));
        if (source < 0 || target < 0 || source == target) throw std::invalid_argument(text);
        return {source, target};
    } catch (const std::logic_error&) {
        throw UsageError("--columns expects two different column numbers like 0,1, got '" + text + "'");
    }
}

}  // namespace

int run_eval(const Words& words) {
    for (const std::string& word : words) {
        if (word == "--help" || word == "-h") {
            std::cout << kEvalHelp;
            return 0;
        }
    }
    const Args args(words,
                    decode_value_options({"m", "model", "src", "ref", "tsv", "columns", "limit",
                                          "threads", "precision", "output", "dialogues"}),
                    decode_flag_options({"json"}));
    if (!args.positional().empty()) throw UsageError("unexpected argument '" + args.positional().front() + "'");
    const std::string model_dir = model_argument(args);

    std::vector<std::string> sources;
    std::vector<std::vector<std::string>> references;  // references[r][i]
    const bool dialogues = args.has("dialogues");
    if (dialogues) {
        if (args.has("src") || args.has("tsv")) throw UsageError("give --dialogues alone, without --src or --tsv");
        const ModelConfig config = load_config(std::filesystem::path(model_argument(args)) / "config.json");
        if (config.sep_id < 0) throw UsageError("--dialogues needs a chat model (its config has no sep_id)");
        CleaningOptions keep_all;
        keep_all.max_chars = 1000000;
        keep_all.check_ratio = false;
        CorpusReport report;
        const std::vector<SentencePair> pairs =
            read_dialogues(args.get("dialogues", ""), config.chat_context_turns, turn_separator("<sep>"), keep_all, report);
        references.emplace_back();
        for (const SentencePair& pair : pairs) {
            sources.push_back(pair.source);
            references.front().push_back(pair.target);
        }
    } else if (args.has("tsv")) {
        if (args.has("src") || args.has("ref")) throw UsageError("give either --tsv or --src/--ref, not both");
        const auto [source_column, target_column] = columns_of(args.get("columns", "0,1"));
        CleaningOptions keep_all;
        keep_all.max_chars = 1000000;
        keep_all.check_ratio = false;
        CorpusReport report;
        const std::vector<SentencePair> pairs =
            read_tsv(args.get("tsv", ""), source_column, target_column, keep_all, report);
        if (report.pairs != report.lines) std::cerr << "warning: " << report.summary() << "\n";
        std::tie(sources, references) = group_references(pairs);
    } else {
        const std::string source_path = args.required("src");
        const std::vector<std::string> ref_paths = args.all("ref");
        if (ref_paths.empty()) throw UsageError("missing required option --ref (or give --tsv)");
        sources = read_lines(source_path);
        for (const std::string& path : ref_paths) {
            references.push_back(read_lines(path));
            if (references.back().size() != sources.size()) {
                throw InputError("'" + args.get("src", "") + "' has " + std::to_string(sources.size()) +
                                 " lines but reference '" + path + "' has " +
                                 std::to_string(references.back().size()));
            }
        }
    }
    const int limit = args.get_int("limit", 0);
    if (limit < 0) throw UsageError("--limit must be positive");
    if (limit > 0 && static_cast<std::size_t>(limit) < sources.size()) {
        sources.resize(static_cast<std::size_t>(limit));
        for (auto& set : references) set.resize(sources.size());
    }
    if (sources.empty()) throw InputError("the test set has no sentences");

    const EngineOptions engine_options = engine_options_from_args(args);
    Translator translator(model_dir, engine_options);
    note_missing_reverse_model(translator, engine_options);
    const DecodeOptions options = decode_options_from_args(args, translator.default_options());

    RequestHooks hooks;
    std::size_t done = 0;
    const bool show_progress = !args.has("json");
    hooks.on_sentence = [&](std::size_t, const SentenceResult&) {
        ++done;
        if (show_progress && (done % 20 == 0 || done == sources.size())) {
            std::cerr << "\rtranslated " << done << "/" << sources.size() << std::flush;
        }
    };
    const auto started = std::chrono::steady_clock::now();
    const std::vector<SentenceResult> results = translator.translate_sentences(sources, options, hooks);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (show_progress) std::cerr << "\n";

    std::vector<std::string> hypotheses;
    hypotheses.reserve(results.size());
    for (const SentenceResult& result : results) hypotheses.push_back(result.best().text);
    if (args.has("output")) {
        std::ofstream out(args.get("output", ""), std::ios::binary);
        if (!out) throw InputError("cannot write '" + args.get("output", "") + "'");
        for (const std::string& line : hypotheses) out << line << "\n";
    }

    if (dialogues) {
        const auto& humans = references.front();
        const nlohmann::json out = {
            {"model", model_dir},
            {"replies", hypotheses.size()},
            {"bleu1", average_sentence_bleu(hypotheses, humans, 1)},
            {"bleu2", average_sentence_bleu(hypotheses, humans, 2)},
            {"distinct1", distinct_n(hypotheses, 1)},
            {"distinct2", distinct_n(hypotheses, 2)},
            {"human_distinct1", distinct_n(humans, 1)},
            {"human_distinct2", distinct_n(humans, 2)},
            {"seconds", seconds},
        };
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    const BleuScore bleu = corpus_bleu(hypotheses, references);
    const double chrf = corpus_chrf(hypotheses, references);
    const BleuScore lowercase_bleu = tokenized_lowercase_bleu(hypotheses, references);
    const double sentences_per_second = static_cast<double>(sources.size()) / std::max(seconds, 1e-9);
    if (args.has("json")) {
        const nlohmann::json out = {
            {"model", model_dir},
            {"sentences", sources.size()},
            {"references", references.size()},
            {"bleu", bleu.score},
            {"chrf", chrf},
            {"bleu_lowercase_tokenized", lowercase_bleu.score},
            {"seconds", seconds},
            {"sentences_per_second", sentences_per_second},
        };
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << bleu_line("BLEU", bleu) << "\n"
              << "chrF2 = " << fixed(chrf, 2) << "\n"
              << bleu_line("BLEU (lowercased, tokenized)", lowercase_bleu) << "\n"
              << sources.size() << " sentences, " << references.size() << " reference"
              << (references.size() == 1 ? "" : "s") << " each, " << fixed(seconds, 1) << " s, "
              << fixed(sentences_per_second, 1) << " sentences/s\n";
    return 0;
}

}  // namespace attentive::cli
