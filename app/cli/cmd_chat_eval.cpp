// attentive-cli chat-eval: answers held-out DailyDialog contexts with a chat model and scores the
// replies as issue 16 does (PLATO-style BLEU-1/2 and distinct-1/2), beside the baselines on the
// same contexts: a random training reply, a constant reply and the people's own replies.

#include <chrono>
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
                                          "baseline-seed", "output", "threads", "precision"}),
                    decode_flag_options({"json"}));
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

    std::vector<std::string> people, replies, random_replies, constant_replies;
    std::mt19937_64 draws(static_cast<std::uint64_t>(args.get_int("baseline-seed", 1)));
    const bool progress = !args.has("json");
    const auto started = std::chrono::steady_clock::now();
    for (const Exchange& exchange : exchanges) {
        people.push_back(exchange.reply);
        replies.push_back(translator.reply(exchange.turns, options).best().text);
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
              << fixed(result["ms_per_reply"].get<double>(), 1) << " ms a reply\n";
    return 0;
}

}  // namespace attentive::cli
