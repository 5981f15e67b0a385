#pragma once
// attentive-cli's subcommands. Each takes the words after its name and returns the exit code;
// errors propagate as exceptions to main(), which maps them to messages and exit codes.

#include <string>
#include <vector>

namespace attentive::cli {

using Words = std::vector<std::string>;

int run_translate(const Words& args);
int run_info(const Words& args);
int run_bench(const Words& args);
int run_score(const Words& args);
int run_eval(const Words& args);
int run_train(const Words& args);
int run_chat(const Words& args);
int run_flags(const Words& args);
int run_language_id(const Words& args);
int run_language_profiles(const Words& args);
int run_chat_eval(const Words& args);
int run_average(const Words& args);
int run_reply_memory(const Words& args);

}  // namespace attentive::cli
