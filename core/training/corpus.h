#pragma once
// Training data readers: parallel text (TSV columns or two line-aligned files) and dialogues in
// the DailyDialog layout, cleaned with the defaults a user would want and reported line by line
// in a summary (malformed lines are counted, never silently dropped and never fatal).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// One training example: a source segment and the target segment it maps to. For chat data the
// source is the context (previous turns joined with the separator) and the target the response.
struct SentencePair {
    std::string source;
    std::string target;
};

// Where a set of pairs comes from.
struct CorpusSource {
    enum class Kind { tsv, parallel, dialogues };
    Kind kind = Kind::tsv;
    std::filesystem::path path;         // the TSV, the source-side file, or the dialogue file
    std::filesystem::path target_path;  // the target-side file (parallel only)
    int source_column = 0;              // TSV only (0-based)
    int target_column = 1;
    // A short human description: "tatoeba/en-fr.train.tsv (columns 0,1)".
    std::string describe() const;
};

// Cleaning rules applied to every pair (after whitespace normalisation).
struct CleaningOptions {
    std::size_t max_chars = 400;        // either side longer than this (in code points) is dropped
    double max_length_ratio = 3.0;      // longer side / shorter side, in code points ...
    std::size_t ratio_allowance = 10;   // ... after adding this to both (short pairs stay)
    bool check_ratio = true;            // off for dialogues: a reply may be any length
};

// What a reader did with its input: every line read ends in exactly one of these counters.
struct CorpusReport {
    std::string origin;                 // CorpusSource::describe()
    std::size_t lines = 0;              // lines read (dialogues: dialogues read)
    std::size_t pairs = 0;              // pairs kept
    std::size_t malformed = 0;          // wrong column count / unusable dialogue
    std::size_t invalid_utf8 = 0;
    std::size_t empty = 0;              // a side empty after normalisation
    std::size_t too_long = 0;
    std::size_t bad_ratio = 0;
    std::vector<std::string> examples;  // the first few problems, "file:line: reason"
    // "origin: 1000 lines -> 990 pairs (3 malformed, 2 invalid UTF-8, ...)"
    std::string summary() const;
};

// Collapses runs of ASCII whitespace (space, tab, CR, LF, FF, VT) and no-break
// spaces (U+00A0) to one space and trims both ends.
std::string normalize_whitespace(std::string_view text);

// Light detokenization of DailyDialog's space-separated tokens: removes the space before
// . , ? ! ; : ) and closing quotes' apostrophe clitics ('m 's 're 've 'll 'd n't), and after "(",
// e.g. "i 'm fine , thanks ." -> "i'm fine, thanks.". Case is kept as it is.
std::string detokenize_dialogue_turn(std::string_view turn);

// Splits one DailyDialog line into its turns (separated by "__eou__"), each detokenized and
// whitespace-normalised; empty turns (e.g. after the final "__eou__") are removed.
std::vector<std::string> split_dialogue(std::string_view line);

// Turns one dialogue into (context -> response) pairs: for every turn i >= 1 the context is the
// previous min(i, context_turns) turns joined with `separator` (e.g. " <sep> ").
// Throws std::invalid_argument when context_turns < 1.
std::vector<SentencePair> dialogue_pairs(const std::vector<std::string>& turns, int context_turns,
                                         const std::string& separator);

// Reads a TSV file, taking `source_column` as source and `target_column` as target. A line with
// fewer columns than needed is counted as malformed. Throws InputError naming the file when it
// cannot be opened, std::invalid_argument for negative or equal columns.
std::vector<SentencePair> read_tsv(const std::filesystem::path& path, int source_column,
                                   int target_column, const CleaningOptions& cleaning,
                                   CorpusReport& report);

// Reads two line-aligned files. Throws InputError naming both files when their line counts
// differ (the files are not aligned, so no pair can be trusted), or when either cannot be opened.
std::vector<SentencePair> read_parallel(const std::filesystem::path& source_path,
                                        const std::filesystem::path& target_path,
                                        const CleaningOptions& cleaning, CorpusReport& report);

// Reads a DailyDialog file into (context -> response) pairs (see dialogue_pairs). A line with
// invalid UTF-8 is counted and skipped; a line with fewer than two turns counts as malformed.
// Length limits apply; the ratio check does not. Throws InputError when the file cannot be opened.
std::vector<SentencePair> read_dialogues(const std::filesystem::path& path, int context_turns,
                                         const std::string& separator,
                                         const CleaningOptions& cleaning, CorpusReport& report);

// Reads any source (dispatching on its kind); `context_turns` and `separator` are for dialogues.
std::vector<SentencePair> read_source(const CorpusSource& source, const CleaningOptions& cleaning,
                                      int context_turns, const std::string& separator,
                                      CorpusReport& report);

// Applies the cleaning rules to one pair (whitespace normalisation in place). Returns true to
// keep it; otherwise increments the matching counter of `report`.
bool clean_pair(SentencePair& pair, const CleaningOptions& cleaning, CorpusReport& report);

// Shuffles in place, deterministically for a given seed on every platform (a Fisher-Yates pass
// over std::mt19937_64, whose output the standard fixes; std::shuffle's is not).
template <typename T>
void deterministic_shuffle(std::vector<T>& items, std::uint64_t seed);

// Uniform integer in [0, bound) from a 64-bit draw, the same on every platform.
std::uint64_t uniform_below(std::uint64_t draw, std::uint64_t bound);

}  // namespace attentive

#include <random>
#include <utility>

namespace attentive {

template <typename T>
void deterministic_shuffle(std::vector<T>& items, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (std::size_t i = items.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(uniform_below(rng(), i));
        std::swap(items[i - 1], items[j]);
    }
}

}  // namespace attentive
