// attentive-cli translate: stdin line by line -> translations (or JSON with tokens, scores and
// attention per sentence).

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/text/sentence_splitter.h"
#include "core/translator.h"

namespace attentive::cli {

namespace {

nlohmann::json sentence_json(const SentenceResult& sentence) {
    nlohmann::json out;
    out["source"] = sentence.source;
    out["source_pieces"] = sentence.source_pieces;
    out["coverage"] = sentence.coverage;
    for (const Hypothesis& h : sentence.hypotheses) {
        out["hypotheses"].push_back({{"text", h.text},
                                     {"target_pieces", h.target_pieces},
                                     {"target_ids", h.target_ids},
                                     {"score", h.score},
                                     {"log_prob", h.log_prob},
                                     {"attention", h.attention}});
    }
    return out;
}

}  // namespace

int run_translate(const Words& words) {
    const Args args(words, decode_value_options({"m", "model", "threads", "precision"}),
                    decode_flag_options({"json", "help"}));
    if (args.has("help")) {
        std::cout << "usage: attentive-cli translate -m MODEL [--beam N] [--n-best N] [--greedy]\n"
                     "         [--json] [--threads N] [--precision f32|bf16|int8]\n"
                     "Reads stdin line by line and writes one translation per line (with --n-best N,\n"
                     "N lines 'rank ||| score ||| text'; with --json one JSON object per line).\n";
        return 0;
    }
    const EngineOptions engine = engine_options_from_args(args);
    Translator translator(model_argument(args), engine);
    const DecodeOptions options = decode_options_from_args(args, translator.default_options());
    std::string line;
    bool noted = false;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto results = translator.translate_sentences({line}, options);
        const SentenceResult& sentence = results.front();
        if (sentence.cut && !noted) {
            noted = true;
            std::cerr << "note: a line longer than " << max_sentence_chars
                      << " characters was translated in pieces cut at spaces (one best translation, "
                         "no attention)\n";
        }
        if (args.has("json")) {
            std::cout << sentence_json(sentence).dump() << "\n";
        } else if (options.n_best > 1) {
            for (std::size_t i = 0; i < sentence.hypotheses.size(); ++i)
                std::cout << i << " ||| " << sentence.hypotheses[i].score << " ||| "
                          << sentence.hypotheses[i].text << "\n";
        } else {
            std::cout << sentence.best().text << "\n";
        }
        std::cout.flush();
    }
    return 0;
}

}  // namespace attentive::cli
