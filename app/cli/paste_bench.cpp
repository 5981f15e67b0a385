#include "paste_bench.h"

#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace attentive::cli {

namespace {

// Sentences of 6 to 24 everyday words, six to a paragraph, from a fixed seed: the same text on
// every run, with the length spread of ordinary prose.
std::string synthetic_text(int sentences) {
    static const char* const kWords[] = {
        "the", "a", "man", "woman", "child", "dog", "city", "house", "street", "water", "small",
        "old", "young", "red", "blue", "is", "walks", "sits", "looks", "at", "in", "on", "with",
        "near", "and", "while", "people", "car", "table", "window", "garden", "morning", "evening",
        "works", "reads", "book", "friend", "music", "plays", "under", "tree", "market", "bread"};
    constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> length(6, 24), word(0, kWordCount - 1);
    std::string text;
    for (int s = 0; s < sentences; ++s) {
        if (s > 0) text += s % 6 == 0 ? "\n\n" : " ";
        const int n = length(rng);
        for (int w = 0; w < n; ++w) {
            std::string piece = kWords[word(rng)];
            if (w == 0) piece[0] = static_cast<char>(piece[0] - 'a' + 'A');
            text += piece;
            text += w + 1 < n ? " " : ".";
        }
    }
    return text;
}

}  // namespace

nlohmann::json run_paste_bench(const std::filesystem::path& model_dir, const EngineOptions& engine,
                               int pages) {
    using Clock = std::chrono::steady_clock;
    Translator translator(model_dir, engine);
    const std::string text = synthetic_text(pages * kSentencesPerPage);
    const DecodeOptions options = translator.default_options();
    // Streaming in input order: the reader sees sentence i once 0..i are all done.
    std::vector<bool> done;
    std::size_t in_order = 0;
    double first_in_order_ms = -1.0;
    const auto start = Clock::now();
    RequestHooks hooks;
    hooks.on_sentence = [&](std::size_t index, const SentenceResult&) {
        if (done.size() <= index) done.resize(index + 1, false);
        done[index] = true;
        while (in_order < done.size() && done[in_order]) ++in_order;
        if (in_order > 0 && first_in_order_ms < 0.0)
            first_in_order_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    };
    const TranslationResult result = translator.translate(text, options, hooks);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    // Pages as written (30 sentences each); the splitter may see a few sentences fewer, where
    // a sentence ends in a word it takes for an abbreviation.
    const double sentences = static_cast<double>(result.sentences.size());
    return {
        {"sentences", result.sentences.size()},
        {"characters", text.size()},
        {"pages", pages},
        {"page_definition", std::to_string(kSentencesPerPage) + " sentences"},
        {"decoding", to_json(options)},
        {"target_tokens", result.target_tokens},
        {"seconds", seconds},
        {"pages_per_s", pages / seconds},
        {"sentences_per_s", sentences / seconds},
        {"first_sentence_in_order_ms", first_in_order_ms},
    };
}

}  // namespace attentive::cli
