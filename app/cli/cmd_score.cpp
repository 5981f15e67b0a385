// attentive-cli score: corpus BLEU, chrF and lowercased tokenized BLEU of a translation file
// against one or more reference files, computed as sacreBLEU computes them.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "core/errors.h"
#include "core/metrics/bleu.h"
#include "core/text/utf8.h"

namespace attentive::cli {

namespace {

const char* kScoreHelp = R"(usage: attentive-cli score --hyp FILE --ref FILE [--ref FILE...] [options]

Scores translations (one per line, FILE '-' reads standard input) against reference files with
the same number of lines, as sacreBLEU does with its defaults:
  BLEU   corpus BLEU, 13a tokenization, exp smoothing, closest reference length
  chrF2  character 6-grams, beta 2, whitespace ignored
  BLEU (lowercased, tokenized)   the figure most Multi30k papers report

options:
  --lowercase   case-insensitive first BLEU (sacreBLEU -lc)
  --json        print the scores as one JSON object
)";

// The lines of `path` (or standard input for "-"), without line ends (LF or CRLF). Throws
// InputError naming the file and line when it cannot be read or is not UTF-8.
std::vector<std::string> read_lines(const std::string& path) {
    std::string content;
    if (path == "-") {
        content.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw InputError("cannot open '" + path + "' for reading");
        content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad()) throw InputError("cannot read '" + path + "'");
    }
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < content.size()) {
        std::size_t end = content.find('\n', begin);
        if (end == std::string::npos) end = content.size();
        std::string line = content.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!is_valid_utf8(line)) {
            throw InputError("'" + path + "' line " + std::to_string(lines.size() + 1) +
                             " is not valid UTF-8");
        }
        lines.push_back(std::move(line));
        begin = end + 1;
    }
    return lines;
}

std::string format_fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

double length_ratio(const BleuScore& bleu) {
    return bleu.reference_length == 0 ? 0.0
                                      : static_cast<double>(bleu.hypothesis_length) /
                                            static_cast<double>(bleu.reference_length);
}

// sacreBLEU's one-line summary: "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = ...)".
std::string bleu_line(const std::string& name, const BleuScore& bleu) {
    std::string line = name + " = " + format_fixed(bleu.score, 2) + " ";
    for (std::size_t n = 0; n < bleu.precisions.size(); ++n) {
        if (n > 0) line += "/";
        line += format_fixed(bleu.precisions[n], 1);
    }
    line += " (BP = " + format_fixed(bleu.brevity_penalty, 3) +
            " ratio = " + format_fixed(length_ratio(bleu), 3) +
            " hyp_len = " + std::to_string(bleu.hypothesis_length) +
            " ref_len = " + std::to_string(bleu.reference_length) + ")";
    return line;
}

nlohmann::json bleu_json(const BleuScore& bleu) {
    return {
        {"score", bleu.score},
        {"precisions", bleu.precisions},
        {"brevity_penalty", bleu.brevity_penalty},
        {"ratio", length_ratio(bleu)},
        {"hyp_len", bleu.hypothesis_length},
        {"ref_len", bleu.reference_length},
    };
}

}  // namespace

int run_score(const Words& words) {
    const Args args(words, {"hyp", "ref"}, {"lowercase", "json", "help", "h"});
    if (args.has("help") || args.has("h")) {
        std::cout << kScoreHelp;
        return 0;
    }
    if (!args.positional().empty()) {
        throw UsageError("unexpected argument '" + args.positional().front() +
                         "' (give files with --hyp and --ref)");
    }
    const std::string hyp_path = args.required("hyp");
    const std::vector<std::string> ref_paths = args.all("ref");
    if (ref_paths.empty()) throw UsageError("missing required option --ref");

    const std::vector<std::string> hypotheses = read_lines(hyp_path);
    std::vector<std::vector<std::string>> references;
    for (const std::string& path : ref_paths) {
        references.push_back(read_lines(path));
        if (references.back().size() != hypotheses.size()) {
            throw InputError("'" + hyp_path + "' has " + std::to_string(hypotheses.size()) +
                             " lines but reference '" + path + "' has " +
                             std::to_string(references.back().size()) +
                             "; each line must translate the same line of the reference");
        }
    }
    // sacreBLEU ignores empty references but needs one that is not empty on every line.
    for (std::size_t i = 0; i < hypotheses.size(); ++i) {
        bool any = false;
        for (const auto& set : references) any = any || !set[i].empty();
        if (!any) {
            throw InputError("line " + std::to_string(i + 1) +
                             " is empty in every reference file (" + ref_paths.front() +
                             (ref_paths.size() > 1 ? ", ..." : "") + ")");
        }
    }

    BleuOptions options;
    options.lowercase = args.has("lowercase");
    const BleuScore bleu = corpus_bleu(hypotheses, references, options);
    const double chrf = corpus_chrf(hypotheses, references);
    const BleuScore lowercase_bleu = tokenized_lowercase_bleu(hypotheses, references);

    if (args.has("json")) {
        const nlohmann::json out = {
            {"hyp", hyp_path},
            {"refs", ref_paths},
            {"lines", hypotheses.size()},
            {"bleu", bleu_json(bleu)},
            {"bleu_options",
             {{"tokenize", "13a"}, {"lowercase", options.lowercase}, {"smooth", "exp"}}},
            {"chrf", chrf},
            {"bleu_lowercase_tokenized", bleu_json(lowercase_bleu)},
        };
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << bleu_line(options.lowercase ? "BLEU (lowercased)" : "BLEU", bleu) << "\n"
              << "chrF2 = " << format_fixed(chrf, 2) << "\n"
              << bleu_line("BLEU (lowercased, tokenized)", lowercase_bleu) << "\n";
    return 0;
}

}  // namespace attentive::cli
