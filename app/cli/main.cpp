// attentive-cli: translate, chat, evaluate, train and benchmark from the terminal.

#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <new>
#include <string>

#include "args.h"
#include "commands.h"
#include "core/errors.h"

namespace {

using namespace attentive::cli;

// Exit codes: one per kind of failure, so scripts can tell them apart.
enum ExitCode { ok = 0, failure = 1, usage = 2, bad_model = 3, bad_input = 4, cancelled = 5 };

const char* kUsage = R"(usage: attentive-cli COMMAND [options]

commands:
  translate -m MODEL     translate stdin line by line (--beam N, --n-best N, --json, --threads N,
                         --precision f32|bf16|int8, --greedy)
  chat -m MODEL          interactive chat (--batch reads one context per line; --seed,
                         --temperature, --top-k, --top-p)
  chat-eval -m MODEL     answer held-out DailyDialog contexts and score the replies as issue 16
                         does, beside random-reply, constant-reply and human baselines
  info -m MODEL          print a model's config and parameter count
  eval -m MODEL          translate and score (--src FILE --ref FILE [--ref FILE...], or --tsv FILE)
  score                  score translations (--hyp FILE --ref FILE [--ref FILE...])
  train                  train a model (see 'attentive-cli train --help')
  average --out DIR M...  average the weights of model folders (checkpoint averaging)
  bench                  benchmark a model (-m MODEL or --shape reference)
  flags -m MODEL         measure the "possibly untranslated" flags on a dev set (--tsv FILE)
  language-id            the language of each stdin line (en, fr, de, other)
  language-profiles      count the language identifier's profiles (--data DIR --out FILE)
  reply-memory           write a chat model's replies.tsv (--dialogues FILE --out MODEL_DIR)
)";

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        std::cout << kUsage;
        return argc < 2 ? usage : ok;
    }
    const std::map<std::string, std::function<int(const Words&)>> commands = {
        {"translate", run_translate}, {"info", run_info},   {"bench", run_bench},
        {"score", run_score},         {"eval", run_eval},   {"train", run_train},
        {"chat", run_chat},           {"flags", run_flags},
        {"chat-eval", run_chat_eval}, {"average", run_average},
        {"language-id", run_language_id}, {"language-profiles", run_language_profiles},
        {"reply-memory", run_reply_memory},
    };
    const std::string name = argv[1];
    auto command = commands.find(name);
    if (command == commands.end()) {
        std::cerr << "error: unknown command '" << name << "'\n" << kUsage;
        return usage;
    }
    Words args(argv + 2, argv + argc);
    try {
        return command->second(args);
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.what() << "\n(see 'attentive-cli --help')\n";
        return usage;
    } catch (const attentive::ModelFormatError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return bad_model;
    } catch (const attentive::InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return bad_input;
    } catch (const attentive::Cancelled& e) {
        std::cerr << "error: " << e.what() << "\n";
        return cancelled;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory\n";
        return failure;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return failure;
    }
}
