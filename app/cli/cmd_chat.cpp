// attentive-cli chat: an interactive terminal chat that keeps the conversation's context, or,
// with --batch, one reply per stdin line (turns separated by " __eou__ ", the last one answered).

#include <algorithm>
#include <iostream>
#include <string>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "line_pieces.h"
#include "core/text/sentence_splitter.h"
#include "core/translator.h"

namespace attentive::cli {

namespace {

std::vector<std::string> split_turns(const std::string& line) {
    std::vector<std::string> turns;
    std::size_t start = 0;
    const std::string marker = "__eou__";
    while (true) {
        const std::size_t at = line.find(marker, start);
        std::string turn = line.substr(start, at == std::string::npos ? std::string::npos : at - start);
        const auto first = turn.find_first_not_of(" \t");
        const auto last = turn.find_last_not_of(" \t\r");
        if (first != std::string::npos) turns.push_back(turn.substr(first, last - first + 1));
        if (at == std::string::npos) break;
        start = at + marker.size();
    }
    return turns;
}

// A reply reads at most the most recent max_sentence_chars code points (4 bytes at most each) of
// its context; a line keeps this many of its last bytes, so that one of any length costs no more.
constexpr std::size_t kKeptLineBytes = 16 * max_sentence_chars;

// The next line, or its last kKeptLineBytes (from a character start) when it is longer; false
// at the end of the input.
bool next_line_end(LinePieces& lines, std::string& line) {
    line.clear();
    std::string piece;
    bool line_ends = false;
    bool any = false;
    while (lines.next(piece, line_ends)) {
        if (any) line += ' ';  // the whitespace the cut dropped
        any = true;
        line += piece;
        if (line.size() > 2 * kKeptLineBytes) {
            std::size_t from = line.size() - kKeptLineBytes;
            while (from < line.size() && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) ++from;
            line.erase(0, from);
        }
        if (line_ends) return true;
    }
    return any;
}

// Says once per run that a context was too long to be read whole.
void note_cut(const SentenceResult& reply, bool& noted) {
    if (!reply.cut || noted) return;
    noted = true;
    std::cerr << "note: a conversation longer than " << max_sentence_chars
              << " characters was read from its most recent " << max_sentence_chars
              << " characters only\n";
}

}  // namespace

int run_chat(const Words& words) {
    const Args args(words, decode_value_options({"m", "model", "threads", "precision"}),
                    decode_flag_options({"batch", "help"}));
    if (args.has("help")) {
        std::cout << "usage: attentive-cli chat -m MODEL [--batch] [--seed N] [--temperature T]\n"
                     "         [--top-k K] [--top-p P] [--repetition-penalty R] [--no-repeat-ngram N]\n"
                     "         [--candidates N] [--recalled N] [--no-rerank]\n"
                     "Interactive: type a message, Enter to send; /reset starts over, /quit leaves.\n"
                     "--batch: one context per stdin line, turns separated by ' __eou__ '.\n"
                     "--recalled N: replies people gave to similar messages in the training dialogues\n"
                     "(the model's replies.tsv) that compete with the N sampled --candidates; 0: none.\n";
        return 0;
    }
    const EngineOptions engine = engine_options_from_args(args);
    Translator translator(model_argument(args), engine);
    const DecodeOptions options = decode_options_from_args(args, translator.default_options());

    LinePieces lines(std::cin);
    if (args.has("batch")) {
        std::string line;
        bool noted = false;
        while (next_line_end(lines, line)) {
            const auto turns = split_turns(line);
            if (turns.empty()) {
                std::cout << "\n" << std::flush;
                continue;
            }
            const SentenceResult reply = translator.reply(turns, options);
            note_cut(reply, noted);
            std::cout << reply.best().text << "\n" << std::flush;
        }
        return 0;
    }

    const bool interactive = isatty(STDIN_FILENO);
    if (interactive)
        std::cout << "Chatting with " << translator.config().name
                  << ". Type a message and press Enter; /reset starts over, /quit leaves.\n";
    std::vector<std::string> turns;
    std::string line;
    bool noted = false;
    while (true) {
        if (interactive) std::cout << "you> " << std::flush;
        if (!next_line_end(lines, line)) break;
        if (line == "/quit" || line == "/exit") break;
        if (line == "/reset") {
            turns.clear();
            continue;
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        turns.push_back(line);
        // Only the most recent turns are read: a long session keeps no more.
        const std::size_t read = static_cast<std::size_t>(std::max(1, translator.config().chat_context_turns));
        if (turns.size() > read) turns.erase(turns.begin(), turns.end() - static_cast<std::ptrdiff_t>(read));
        std::cout << "bot> " << std::flush;
        std::size_t shown = 0;
        RequestHooks hooks;
        hooks.on_step = [&](const StepEvent& step) {
            // Stream whole words: print the new part of the text so far.
            if (step.text_so_far.size() > shown) {
                std::cout << step.text_so_far.substr(shown) << std::flush;
                shown = step.text_so_far.size();
            }
        };
        const SentenceResult reply = translator.reply(turns, options, hooks);
        note_cut(reply, noted);
        if (reply.best().text.size() > shown) std::cout << reply.best().text.substr(shown);
        std::cout << "\n";
        turns.push_back(reply.best().text);
    }
    return 0;
}

}  // namespace attentive::cli
