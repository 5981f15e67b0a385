// attentive-cli reply-memory: writes a chat model's replies.tsv (core/decoding/reply_memory.h)
// from dialogues, as `attentive-cli train --task chat` does for the models it trains.

#include <filesystem>
#include <iostream>
#include <utility>
#include <vector>

#include "args.h"
#include "commands.h"
#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/decoding/reply_memory.h"
#include "core/text/chat_context.h"
#include "core/training/corpus.h"

namespace attentive::cli {

namespace {

const char* kReplyMemoryHelp = R"(usage: attentive-cli reply-memory --dialogues FILE --out MODEL_DIR

Writes MODEL_DIR/replies.tsv: every reply of the DailyDialog-style FILE (turns separated by
__eou__) beside the turn it answers. A chat model with this file adds replies people gave to
messages like the one it answers to its reranked candidates (decoding option recalled_replies).
)";

}  // namespace

int run_reply_memory(const Words& words) {
    const Args args(words, {"dialogues", "out"}, {"help"});
    if (args.has("help")) {
        std::cout << kReplyMemoryHelp;
        return 0;
    }
    if (!args.has("dialogues") || !args.has("out"))
        throw UsageError(std::string("missing --dialogues FILE or --out MODEL_DIR\n") + kReplyMemoryHelp);
    const std::filesystem::path out = args.required("out");
    if (!std::filesystem::is_directory(out)) throw InputError(out.string() + ": not a model folder");
    CorpusReport report;
    report.origin = args.required("dialogues");
    // One turn of context: the message each reply answers.
    const std::vector<SentencePair> dialogue =
        read_dialogues(args.required("dialogues"), 1, turn_separator("<sep>"), CleaningOptions{}, report);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const SentencePair& pair : dialogue) pairs.emplace_back(pair.source, pair.target);
    write_file_atomically(out / "replies.tsv", reply_memory_text(pairs));
    std::cerr << report.summary() << "\nwrote " << (out / "replies.tsv").string() << "\n";
    return 0;
}

}  // namespace attentive::cli
