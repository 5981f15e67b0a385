#include "core/training/corpus.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <span>
#include <stdexcept>

#include "core/errors.h"
#include "core/text/chat_context.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

constexpr std::size_t kMaxExamples = 5;

void note(CorpusReport& report, const std::filesystem::path& path, std::size_t line_number,
          const std::string& reason) {
    if (report.examples.size() < kMaxExamples) {
        report.examples.push_back(path.string() + ":" + std::to_string(line_number) + ": " + reason);
    }
}

std::ifstream open_for_reading(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open corpus file '" + path.string() + "'");
    return in;
}

// getline that also strips a trailing CR (files written on Windows) and a UTF-8 BOM on line 1.
bool read_line(std::istream& in, std::string& line, std::size_t line_number) {
    if (!std::getline(in, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    return true;
}

// Reads the one-record-a-line file `path`, counting every line in `report` and skipping, with a
// note, those that are not valid UTF-8; `use_line(line, line_number)` takes each of the others.
void for_each_valid_line(const std::filesystem::path& path, CorpusReport& report,
                         const std::function<void(const std::string&, std::size_t)>& use_line) {
    std::ifstream in = open_for_reading(path);
    std::string line;
    std::size_t line_number = 0;
    while (read_line(in, line, line_number + 1)) {
        ++line_number;
        ++report.lines;
        if (!is_valid_utf8(line)) {
            ++report.invalid_utf8;
            note(report, path, line_number, "invalid UTF-8");
            continue;
        }
        use_line(line, line_number);
    }
}

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) {
            fields.push_back(line.substr(start));
            return fields;
        }
        fields.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
}

bool is_space_byte(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::uint64_t uniform_below(std::uint64_t draw, std::uint64_t bound) {
    // Lemire's multiply-shift: maps a 64-bit draw onto [0, bound) with negligible bias.
    __extension__ typedef unsigned __int128 wide;
    return static_cast<std::uint64_t>((static_cast<wide>(draw) * bound) >> 64);
}

std::string CorpusSource::describe() const {
    switch (kind) {
        case Kind::tsv:
            return path.string() + " (columns " + std::to_string(source_column) + "," +
                   std::to_string(target_column) + ")";
        case Kind::parallel:
            return path.string() + " + " + target_path.string();
        case Kind::dialogues:
            return path.string() + " (dialogues)";
    }
    return path.string();
}

std::string CorpusReport::summary() const {
    std::string text = origin + ": " + std::to_string(lines) + " lines -> " +
                       std::to_string(pairs) + " pairs";
    std::vector<std::string> parts;
    auto add = [&](std::size_t count, const char* what) {
        if (count > 0) parts.push_back(std::to_string(count) + " " + what);
    };
    add(malformed, "malformed");
    add(invalid_utf8, "invalid UTF-8");
    add(empty, "empty");
    add(too_long, "too long");
    add(bad_ratio, "length ratio");
    if (!parts.empty()) {
        text += " (dropped: ";
        for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
        text += ")";
    }
    return text;
}

std::string normalize_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        bool space = is_space_byte(c);
        std::size_t width = 1;
        if (!space && c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
            space = true;
            width = 2;
        }
        if (space) {
            pending_space = !out.empty();
            i += width - 1;
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    }
    return out;
}

std::string detokenize_dialogue_turn(std::string_view turn) {
    static const std::vector<std::string> clitics = {"'m", "'s", "'re", "'ve", "'ll", "'d",
                                                     "n't", "'M", "'S", "'RE", "'VE", "'LL",
                                                     "'D", "N'T", "’m", "’s", "’re", "’ve",
                                                     "’ll", "’d", "n’t"};
    static const std::string attach_left = ".,?!;:)%";
    const std::string normalized = normalize_whitespace(turn);
    // Work token by token: a token that should hug its left neighbour drops the space before it.
    std::vector<std::string_view> tokens;
    std::string_view rest = normalized;
    while (!rest.empty()) {
        const std::size_t space = rest.find(' ');
        tokens.push_back(rest.substr(0, space));
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    std::string out;
    bool previous_opens = false;  // the previous token was "(": no space after it
    for (const std::string_view token : tokens) {
        bool hug = false;
        if (!out.empty()) {
            if (previous_opens) {
                hug = true;
            } else if (token.find_first_not_of(attach_left) == std::string_view::npos) {
                hug = true;  // ".", "?", "!!", "...", ")"
            } else {
                hug = std::find(clitics.begin(), clitics.end(), token) != clitics.end();
            }
        }
        if (!out.empty() && !hug) out.push_back(' ');
        out.append(token);
        previous_opens = token == "(";
    }
    return tidy_dialogue_text(out);
}

std::vector<std::string> split_dialogue(std::string_view line) {
    static const std::string_view marker = "__eou__";
    std::vector<std::string> turns;
    std::size_t start = 0;
    while (start <= line.size()) {
        const std::size_t end = line.find(marker, start);
        const std::string_view raw =
            line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        std::string turn = detokenize_dialogue_turn(raw);
        if (!turn.empty()) turns.push_back(std::move(turn));
        if (end == std::string_view::npos) break;
        start = end + marker.size();
    }
    return turns;
}

std::vector<SentencePair> dialogue_pairs(const std::vector<std::string>& turns, int context_turns,
                                         const std::string& separator) {
    if (context_turns < 1) {
        throw std::invalid_argument("dialogue_pairs: context_turns must be at least 1, got " +
                                    std::to_string(context_turns));
    }
    std::vector<SentencePair> pairs;
    for (std::size_t i = 1; i < turns.size(); ++i) {
        pairs.push_back({chat_context(std::span(turns).first(i), context_turns, separator), turns[i]});
    }
    return pairs;
}

bool clean_pair(SentencePair& pair, const CleaningOptions& cleaning, CorpusReport& report) {
    pair.source = normalize_whitespace(pair.source);
    pair.target = normalize_whitespace(pair.target);
    if (pair.source.empty() || pair.target.empty()) {
        ++report.empty;
        return false;
    }
    const std::size_t source_chars = utf8_length(pair.source);
    const std::size_t target_chars = utf8_length(pair.target);
    if (source_chars > cleaning.max_chars || target_chars > cleaning.max_chars) {
        ++report.too_long;
        return false;
    }
    if (cleaning.check_ratio) {
        const double a = static_cast<double>(source_chars + cleaning.ratio_allowance);
        const double b = static_cast<double>(target_chars + cleaning.ratio_allowance);
        if (std::max(a, b) > cleaning.max_length_ratio * std::min(a, b)) {
            ++report.bad_ratio;
            return false;
        }
    }
    return true;
}

std::vector<SentencePair> read_tsv(const std::filesystem::path& path, int source_column,
                                   int target_column, const CleaningOptions& cleaning,
                                   CorpusReport& report) {
    if (source_column < 0 || target_column < 0 || source_column == target_column) {
        throw std::invalid_argument("TSV columns must be two different non-negative numbers, got " +
                                    std::to_string(source_column) + "," +
                                    std::to_string(target_column) + " for '" + path.string() + "'");
    }
    const std::size_t needed = static_cast<std::size_t>(std::max(source_column, target_column)) + 1;
    std::vector<SentencePair> pairs;
    for_each_valid_line(path, report, [&](const std::string& line, std::size_t line_number) {
        const std::vector<std::string_view> fields = split_tabs(line);
        if (fields.size() < needed) {
            ++report.malformed;
            note(report, path, line_number,
                 "expected at least " + std::to_string(needed) + " tab-separated columns, found " +
                     std::to_string(fields.size()));
            return;
        }
        SentencePair pair{std::string(fields[source_column]), std::string(fields[target_column])};
        if (clean_pair(pair, cleaning, report)) pairs.push_back(std::move(pair));
    });
    report.pairs += pairs.size();
    return pairs;
}

std::vector<SentencePair> read_parallel(const std::filesystem::path& source_path,
                                        const std::filesystem::path& target_path,
                                        const CleaningOptions& cleaning, CorpusReport& report) {
    std::ifstream source_in = open_for_reading(source_path);
    std::ifstream target_in = open_for_reading(target_path);
    std::vector<SentencePair> pairs;
    std::string source_line, target_line;
    std::size_t line_number = 0;
    while (true) {
        const bool has_source = read_line(source_in, source_line, line_number + 1);
        const bool has_target = read_line(target_in, target_line, line_number + 1);
        if (!has_source && !has_target) break;
        if (has_source != has_target) {
            // Count the rest so the message says how far apart the files are.
            std::size_t longer = line_number + 1;
            std::istream& rest = has_source ? source_in : target_in;
            std::string skipped;
            while (std::getline(rest, skipped)) ++longer;
            throw InputError("parallel files are not line-aligned: '" + source_path.string() +
                             "' has " + std::to_string(has_source ? longer : line_number) +
                             " lines but '" + target_path.string() + "' has " +
                             std::to_string(has_source ? line_number : longer));
        }
        ++line_number;
        ++report.lines;
        if (!is_valid_utf8(source_line) || !is_valid_utf8(target_line)) {
            ++report.invalid_utf8;
            note(report, is_valid_utf8(source_line) ? target_path : source_path, line_number,
                 "invalid UTF-8");
            continue;
        }
        SentencePair pair{source_line, target_line};
        if (clean_pair(pair, cleaning, report)) pairs.push_back(std::move(pair));
    }
    report.pairs += pairs.size();
    return pairs;
}

std::vector<SentencePair> read_dialogues(const std::filesystem::path& path, int context_turns,
                                         const std::string& separator,
                                         const CleaningOptions& cleaning, CorpusReport& report) {
    CleaningOptions dialogue_cleaning = cleaning;
    dialogue_cleaning.check_ratio = false;
    std::vector<SentencePair> pairs;
    for_each_valid_line(path, report, [&](const std::string& line, std::size_t line_number) {
        const std::vector<std::string> turns = split_dialogue(line);
        if (turns.size() < 2) {
            if (turns.empty()) {
                ++report.empty;
            } else {
                ++report.malformed;
                note(report, path, line_number, "a dialogue needs at least two turns");
            }
            return;
        }
        // Context length limits apply to the joined context; a long context is dropped rather
        // than truncated, so the model never learns from a context it could not see whole.
        for (SentencePair& pair : dialogue_pairs(turns, context_turns, separator)) {
            if (clean_pair(pair, dialogue_cleaning, report)) pairs.push_back(std::move(pair));
        }
    });
    report.pairs += pairs.size();
    return pairs;
}

std::vector<SentencePair> read_source(const CorpusSource& source, const CleaningOptions& cleaning,
                                      int context_turns, const std::string& separator,
                                      CorpusReport& report) {
    report.origin = source.describe();
    switch (source.kind) {
        case CorpusSource::Kind::tsv:
            return read_tsv(source.path, source.source_column, source.target_column, cleaning,
                            report);
        case CorpusSource::Kind::parallel:
            return read_parallel(source.path, source.target_path, cleaning, report);
        case CorpusSource::Kind::dialogues:
            return read_dialogues(source.path, context_turns, separator, cleaning, report);
    }
    throw std::invalid_argument("unknown corpus source kind");
}

}  // namespace attentive
