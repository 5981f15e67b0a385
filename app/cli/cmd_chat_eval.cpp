// attentive-cli chat-eval: answers held-out DailyDialog contexts with a chat model and scores the
// replies as issue 16 does (PLATO-style BLEU-1/2 and distinct-1/2), beside the baselines on the
// same contexts: a random training reply, a constant reply and the people's own replies.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/errors.h"
#include "core/metrics/dialogue.h"
#include "core/text/utf8.h"
#include "core/training/corpus.h"
#include "core/translator.h"

namespace attentive::cli {

namespace {

const char* kChatEvalHelp = R"(usage: attentive-cli chat-eval -m MODEL --dialogues VALID --train-dialogues TRAIN [options]

Answers held-out contexts of DailyDialog-layout dialogues and scores the replies against the
people's: average sentence BLEU-1/2 (NLTK smoothing method 7, PLATO's; lowercased words with their
contractions, punctuation apart, ’ read as ') and distinct-1/2, beside baselines on the same
contexts: a reply drawn at random from TRAIN's dialogues (seeded), the constant reply
"I don't know." and the people's own replies' distinct-1/2.

Contexts: every reply of a dialogue after its first turn, with the (up to) two turns before it, in
file order. The dialogues are split in two halves: --split test (the default) takes the first N
replies of the second half, --split dev the first N of the first half, so that what is tuned on
dev is never reported on test.

options:
  --split test|dev          (test)
  --contexts N              replies scored (test: 1000, dev: 500)
  --baseline-seed N         the random-reply baseline's draws (1)
  --output FILE             write "context<TAB>person<TAB>model" lines
  --sweep                   tune the reranker: sample --candidates N replies per context once,
                            then score the reply kept by every weight setting of the grid
                            (λ = --sweep-backward list, γ = --sweep-length list, and the first
                            n candidates for n in --sweep-candidates), one line each
  decoding with a reranker: --candidates N (the model's default), --rerank-backward λ,
                            --rerank-length γ, --no-rerank
  --json                    print the scores as one JSON object
  decoding (defaults: the model's own): --seed N, --temperature T, --top-k K, --top-p P, ...
  --threads N, --precision f32|bf16|int8
)";

struct Exchange {
    std::vector<std::string> turns;  // the context, oldest first
    std::string reply;               // what the person said next
};

std::vector<std::vector<std::string>> read_dialogue_turns(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open '" + path + "' for reading");
    std::vector<std::vector<std::string>> dialogues;
    std::string line;
    while (std::getline(in, line)) {
        if (!is_valid_utf8(line)) line = sanitize_utf8(line);
        dialogues.push_back(split_dialogue(line));
    }
    return dialogues;
}

// The held-out exchanges of one split (see kChatEvalHelp).
std::vector<Exchange> held_out_exchanges(const std::vector<std::vector<std::string>>& dialogues,
                                         bool test_split, std::size_t count) {
    const std::size_t half = dialogues.size() / 2;
    const std::size_t first = test_split ? half : 0, last = test_split ? dialogues.size() : half;
    std::vector<Exchange> exchanges;
    for (std::size_t d = first; d < last && exchanges.size() < count; ++d) {
        const auto& turns = dialogues[d];
        for (std::size_t i = 1; i < turns.size() && exchanges.size() < count; ++i) {
            const std::size_t start = i >= 2 ? i - 2 : 0;
            exchanges.push_back({std::vector<std::string>(turns.begin() + start, turns.begin() + i), turns[i]});
        }
    }
    return exchanges;
}

nlohmann::json scores_of(const std::vector<std::string>& replies, const std::vector<std::string>& people) {
    const auto plato = DialogueScoring::plato;
    return {{"bleu1", average_sentence_bleu(replies, people, 1, plato)},
            {"bleu2", average_sentence_bleu(replies, people, 2, plato)},
            {"distinct1", distinct_n(replies, 1, plato)},
            {"distinct2", distinct_n(replies, 2, plato)}};
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string table_row(const std::string& name, const nlohmann::json& s, bool with_bleu, bool with_distinct) {
    const auto cell = [&](const char* key, bool shown) { return shown ? fixed(s.at(key).get<double>(), 3) : std::string("–"); };
    return "| " + name + " | " + cell("bleu1", with_bleu) + " | " + cell("bleu2", with_bleu) + " | " +
           cell("distinct1", with_distinct) + " | " + cell("distinct2", with_distinct) + " |\n";
}

// The value below which a `fraction` of `values` lies (nearest rank); 0 for none.
double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())));
    return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

std::vector<double> number_list(const std::string& name, const std::string& text) {
    std::vector<double> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        try {
            std::size_t used = 0;
            const std::string item = text.substr(start, comma - start);
            values.push_back(std::stod(item, &used));
            if (used != item.size()) throw std::invalid_argument(item);
        } catch (const std::logic_error&) {
            throw UsageError("--" + name + " expects numbers separated by commas, got '" + text + "'");
        }
        start = comma + 1;
    }
    return values;
}

// Samples the candidates of every exchange once, then prints the scores of the replies each
// weight setting keeps: the reranker's tuning on the dev split.
int sweep(Translator& translator, const DecodeOptions& options, const std::vector<Exchange>& exchanges,
          const Args& args) {
    if (!translator.has_reranker()) throw UsageError("--sweep needs a model whose config names a reranker");
    if (options.rerank_candidates < 2) throw UsageError("--sweep needs --candidates N (N >= 2)");
    const auto lambdas = number_list("sweep-backward", args.get("sweep-backward", "0,0.25,0.5,0.75,1,1.5,2"));
    const auto gammas = number_list("sweep-length", args.get("sweep-length", "0,0.05,0.1,0.2"));
    const auto sizes = number_list("sweep-candidates", args.get("sweep-candidates", std::to_string(options.rerank_candidates)));
    std::vector<std::vector<ScoredReply>> candidates;
    std::vector<std::string> people;
    for (const Exchange& exchange : exchanges) {
        candidates.push_back(translator.reply_candidates(exchange.turns, options));
        people.push_back(exchange.reply);
        if (candidates.size() % 50 == 0) std::cerr << "\rsampled " << candidates.size() << "/" << exchanges.size() << std::flush;
    }
    std::cerr << "\n";
    const nlohmann::json human = scores_of(people, people);
    std::cout << "people's distinct-1/2: " << fixed(human["distinct1"].get<double>(), 3) << " "
              << fixed(human["distinct2"].get<double>(), 3) << "\n"
              << "| candidates | λ (backward) | γ (length) | BLEU-1 | BLEU-2 | distinct-1 | distinct-2 | words |\n"
              << "|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (double size : sizes) {
        const std::size_t n = std::clamp<std::size_t>(static_cast<std::size_t>(size), 1, static_cast<std::size_t>(options.rerank_candidates));
        for (double lambda : lambdas) {
            for (double gamma : gammas) {
                const RerankWeights weights{static_cast<float>(lambda), static_cast<float>(gamma)};
                std::vector<std::string> kept;
                std::size_t words = 0;
                for (const auto& these : candidates) {
                    std::vector<RerankScores> scores;
                    for (std::size_t i = 0; i < n; ++i) scores.push_back(these[i].scores);
                    kept.push_back(these[best_candidate(scores, weights)].result.best().text);
                    words += dialogue_words(kept.back()).size();
                }
                const nlohmann::json s = scores_of(kept, people);
                std::cout << "| " << n << " | " << lambda << " | " << gamma << " | " << fixed(s["bleu1"].get<double>(), 3)
                          << " | " << fixed(s["bleu2"].get<double>(), 3) << " | " << fixed(s["distinct1"].get<double>(), 3)
                          << " | " << fixed(s["distinct2"].get<double>(), 3) << " | "
                          << fixed(static_cast<double>(words) / static_cast<double>(kept.size()), 1) << " |" << std::endl;
            }
        }
    }
    return 0;
}

}  // namespace

int run_chat_eval(const Words& words) {
    for (const std::string& word : words) {
        if (word == "--help" || word == "-h") {
            std::cout << kChatEvalHelp;
            return 0;
        }
    }
    const Args args(words,
                    decode_value_options({"m", "model", "dialogues", "train-dialogues", "split", "contexts",
                                          "baseline-seed", "output", "threads", "precision",
                                          "sweep-backward", "sweep-length", "sweep-candidates"}),
                    decode_flag_options({"json", "sweep"}));
    if (!args.positional().empty()) throw UsageError("unexpected argument '" + args.positional().front() + "'");
    const std::string split = args.get("split", "test");
    if (split != "test" && split != "dev") throw UsageError("--split must be test or dev, got '" + split + "'");
    const bool test_split = split == "test";
    const int count = args.get_int("contexts", test_split ? 1000 : 500);
    if (count < 1) throw UsageError("--contexts must be at least 1");

    const auto held_out = read_dialogue_turns(args.required("dialogues"));
    const std::vector<Exchange> exchanges = held_out_exchanges(held_out, test_split, static_cast<std::size_t>(count));
    if (exchanges.size() < static_cast<std::size_t>(count)) {
        std::cerr << "note: the " << split << " half holds only " << exchanges.size() << " replies\n";
    }
    if (exchanges.empty()) throw InputError("no replies to score in '" + args.get("dialogues", "") + "'");

    // Every reply after a first turn of the training dialogues, for the random baseline.
    std::vector<std::string> training_replies;
    for (const auto& turns : read_dialogue_turns(args.required("train-dialogues")))
        for (std::size_t i = 1; i < turns.size(); ++i) training_replies.push_back(turns[i]);
    if (training_replies.empty()) throw InputError("no replies in '" + args.get("train-dialogues", "") + "'");

    Translator translator(model_argument(args), engine_options_from_args(args));
    const DecodeOptions options = decode_options_from_args(args, translator.default_options());

    if (args.has("sweep")) return sweep(translator, options, exchanges, args);

    std::vector<std::string> people, replies, random_replies, constant_replies;
    std::mt19937_64 draws(static_cast<std::uint64_t>(args.get_int("baseline-seed", 1)));
    const bool progress = !args.has("json");
    const auto started = std::chrono::steady_clock::now();
    std::vector<double> two_turn_ms;  // reply latency, for the contexts of two turns
    for (const Exchange& exchange : exchanges) {
        people.push_back(exchange.reply);
        const auto asked = std::chrono::steady_clock::now();
        replies.push_back(translator.reply(exchange.turns, options).best().text);
        if (exchange.turns.size() == 2)
            two_turn_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - asked).count());
        random_replies.push_back(training_replies[uniform_below(draws(), training_replies.size())]);
        constant_replies.emplace_back("I don't know.");
        if (progress && (replies.size() % 50 == 0 || replies.size() == exchanges.size()))
            std::cerr << "\ranswered " << replies.size() << "/" << exchanges.size() << std::flush;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress) std::cerr << "\n";

    if (args.has("output")) {
        std::ofstream out(args.get("output", ""), std::ios::binary);
        if (!out) throw InputError("cannot write '" + args.get("output", "") + "'");
        for (std::size_t i = 0; i < exchanges.size(); ++i) {
            std::string context;
            for (const std::string& turn : exchanges[i].turns) context += (context.empty() ? "" : " __eou__ ") + turn;
            out << context << '\t' << people[i] << '\t' << replies[i] << '\n';
        }
    }

    const nlohmann::json result = {
        {"model", model_argument(args)},
        {"split", split},
        {"contexts", exchanges.size()},
        {"replies", scores_of(replies, people)},
        {"random_training_reply", scores_of(random_replies, people)},
        {"constant_reply", scores_of(constant_replies, people)},
        {"people", scores_of(people, people)},
        {"seconds", seconds},
        {"ms_per_reply", 1000.0 * seconds / static_cast<double>(exchanges.size())},
        {"two_turn_ms_median", percentile(two_turn_ms, 0.5)},
        {"two_turn_ms_p90", percentile(two_turn_ms, 0.9)},
    };
    if (args.has("json")) {
        std::cout << result.dump(2) << "\n";
        return 0;
    }
    std::cout << "| replies (" << exchanges.size() << " " << split << " contexts) | BLEU-1 | BLEU-2 | distinct-1 | distinct-2 |\n"
              << "|---|---|---|---|---|\n"
              << table_row(translator.config().name, result["replies"], true, true)
              << table_row("a random training reply", result["random_training_reply"], true, true)
              << table_row("\"I don't know.\"", result["constant_reply"], true, false)
              << table_row("the people's own replies", result["people"], false, true)
              << "a reply to two turns: median " << fixed(result["two_turn_ms_median"].get<double>(), 1)
              << " ms, 90th percentile " << fixed(result["two_turn_ms_p90"].get<double>(), 1) << " ms (reranking "
              << (translator.has_reranker() && options.rerank_candidates > 1 ? std::to_string(options.rerank_candidates) + " candidates" : std::string("off"))
              << ", " << translator.precision() << ", " << translator.threads() << " thread(s))\n";
    return 0;
}

}  // namespace attentive::cli
