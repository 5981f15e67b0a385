#include "core/metrics/bleu.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "core/text/utf8.h"

namespace attentive {

namespace {

constexpr int max_ngram_order = 4;
constexpr int chrf_char_order = 6;
constexpr double chrf_beta = 2.0;

// Decodes one code point; an ill-formed byte becomes a private marker (0xDC00 + byte, as Python's
// surrogateescape does) so it still counts as one distinct character.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
    const Utf8Char decoded = decode_utf8_at(text, pos);
    if (!decoded.well_formed) return 0xDC00 + static_cast<std::uint8_t>(text[pos++]);
    pos += decoded.length;
    return decoded.code_point;
}

void append_utf8(std::string& out, char32_t c) {
    if (c >= 0xDC80 && c <= 0xDCFF) {
        out.push_back(static_cast<char>(c - 0xDC00));  // an ill-formed byte, restored as it was
    } else if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

// Python's str.isspace(), which str.split() and str.rstrip() use in sacreBLEU.
bool is_python_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

std::u32string to_code_points(std::string_view text) {
    std::u32string result;
    result.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) result.push_back(next_code_point(text, pos));
    return result;
}

// Python's str.lower() for the scripts Attentive's languages use (Latin, Greek, Cyrillic); other
// code points are kept.
char32_t to_lower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    if (c <= 0xDE) return c == 0xD7 ? c : c + 32;
    if (c >= 0x100 && c <= 0x137) return c % 2 == 0 ? c + 1 : c;
    if (c >= 0x139 && c <= 0x148) return c % 2 == 1 ? c + 1 : c;
    if (c >= 0x14A && c <= 0x177) return c % 2 == 0 ? c + 1 : c;
    if (c == 0x178) return 0xFF;
    if (c >= 0x179 && c <= 0x17E) return c % 2 == 1 ? c + 1 : c;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c == 0x1E9E) return 0xDF;
    return c;
}

std::string lowercase(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = next_code_point(text, pos);
        if (c == 0x130) {
            result += "i\xCC\x87";  // Python lowers İ to i + combining dot above
        } else {
            append_utf8(result, to_lower(c));
        }
    }
    return result;
}

// Python's str.split(): runs of whitespace separate tokens, none are empty.
std::vector<std::string_view> split_whitespace(std::string_view text) {
    std::vector<std::string_view> tokens;
    std::size_t token_begin = std::string_view::npos;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t here = pos;
        const char32_t c = next_code_point(text, pos);
        if (is_python_space(c)) {
            if (token_begin != std::string_view::npos) {
                tokens.push_back(text.substr(token_begin, here - token_begin));
                token_begin = std::string_view::npos;
            }
        } else if (token_begin == std::string_view::npos) {
            token_begin = here;
        }
    }
    if (token_begin != std::string_view::npos) tokens.push_back(text.substr(token_begin));
    return tokens;
}

std::string_view rstrip(std::string_view text) {
    std::size_t end = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = next_code_point(text, pos);
        if (!is_python_space(c)) end = pos;
    }
    return text.substr(0, end);
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    if (text.find(from) == std::string::npos) return text;
    std::string result;
    result.reserve(text.size());
    std::size_t pos = 0;
    for (std::size_t hit; (hit = text.find(from, pos)) != std::string::npos;
         pos = hit + from.size()) {
        result.append(text, pos, hit - pos);
        result.append(to);
    }
    result.append(text, pos, std::string::npos);
    return result;
}

// The characters mteval-v13a surrounds with spaces: {|}~ [\]^_` space!"#$%& ()*+ :;<=>?@ /
bool is_13a_symbol(unsigned char c) {
    return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&') ||
           (c >= '(' && c <= '+') || (c >= ':' && c <= '@') || c == '/';
}

// Each pass below reproduces one regular-expression substitution of mteval-v13a: matches are
// found left to right without overlapping, exactly as Python's re.sub finds them. Working on
// bytes gives the same result as on code points because every pattern anchors on ASCII and
// copies the other character through unchanged.
std::string tokenize_13a_regexes(const std::string& line) {
    std::string spaced;
    spaced.reserve(line.size() * 2);
    for (unsigned char c : line) {
        if (is_13a_symbol(c)) {
            spaced.push_back(' ');
            spaced.push_back(static_cast<char>(c));
            spaced.push_back(' ');
        } else {
            spaced.push_back(static_cast<char>(c));
        }
    }

    // ([^0-9])([\.,]) -> "\1 \2 ": period and comma not preceded by a digit
    std::string pass2;
    pass2.reserve(spaced.size() * 2);
    for (std::size_t i = 0; i < spaced.size();) {
        const unsigned char c = spaced[i];
        if (!is_ascii_digit(c) && i + 1 < spaced.size() &&
            (spaced[i + 1] == '.' || spaced[i + 1] == ',')) {
            pass2.push_back(static_cast<char>(c));
            pass2.push_back(' ');
            pass2.push_back(spaced[i + 1]);
            pass2.push_back(' ');
            i += 2;
        } else {
            pass2.push_back(static_cast<char>(c));
            ++i;
        }
    }

    // ([\.,])([^0-9]) -> " \1 \2": period and comma not followed by a digit
    std::string pass3;
    pass3.reserve(pass2.size() * 2);
    for (std::size_t i = 0; i < pass2.size();) {
        const char c = pass2[i];
        if ((c == '.' || c == ',') && i + 1 < pass2.size() &&
            !is_ascii_digit(static_cast<unsigned char>(pass2[i + 1]))) {
            pass3.push_back(' ');
            pass3.push_back(c);
            pass3.push_back(' ');
            pass3.push_back(pass2[i + 1]);
            i += 2;
        } else {
            pass3.push_back(c);
            ++i;
        }
    }

    // ([0-9])(-) -> "\1 \2 ": a dash after a digit
    std::string pass4;
    pass4.reserve(pass3.size() * 2);
    for (std::size_t i = 0; i < pass3.size();) {
        const unsigned char c = pass3[i];
        if (is_ascii_digit(c) && i + 1 < pass3.size() && pass3[i + 1] == '-') {
            pass4.push_back(static_cast<char>(c));
            pass4.append(" - ");
            i += 2;
        } else {
            pass4.push_back(static_cast<char>(c));
            ++i;
        }
    }
    return pass4;
}

std::string join_tokens(const std::vector<std::string_view>& tokens) {
    std::string result;
    for (std::string_view token : tokens) {
        if (!result.empty()) result.push_back(' ');
        result.append(token);
    }
    return result;
}

using NgramCounts = std::unordered_map<std::string, int>;

// All n-grams of order 1..max_ngram_order, each keyed by its tokens joined with one space.
NgramCounts extract_ngrams(const std::vector<std::string_view>& tokens) {
    NgramCounts counts;
    for (int n = 1; n <= max_ngram_order; ++n) {
        for (std::size_t i = 0; i + n <= tokens.size(); ++i) {
            std::string key(tokens[i]);
            for (int k = 1; k < n; ++k) {
                key.push_back(' ');
                key.append(tokens[i + k]);
            }
            ++counts[key];
        }
    }
    return counts;
}

int ngram_order(const std::string& key) {
    return 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
}

void check_shapes(const std::vector<std::string>& hypotheses,
                  const std::vector<std::vector<std::string>>& references, const char* metric) {
    if (references.empty()) {
        throw std::invalid_argument(std::string(metric) + ": at least one reference set is needed");
    }
    for (std::size_t r = 0; r < references.size(); ++r) {
        if (references[r].size() != hypotheses.size()) {
            throw std::invalid_argument(
                std::string(metric) + ": reference set " + std::to_string(r + 1) + " has " +
                std::to_string(references[r].size()) + " lines but there are " +
                std::to_string(hypotheses.size()) + " hypotheses");
        }
    }
}

// sacreBLEU drops empty references and needs at least one per sentence.
std::vector<std::string_view> sentence_references(
    const std::vector<std::vector<std::string>>& references, std::size_t sentence,
    const char* metric) {
    std::vector<std::string_view> refs;
    for (const auto& set : references) {
        if (!set[sentence].empty()) refs.push_back(set[sentence]);
    }
    if (refs.empty()) {
        throw std::invalid_argument(std::string(metric) + ": sentence " +
                                    std::to_string(sentence + 1) + " has only empty references");
    }
    return refs;
}

std::string preprocess_bleu(std::string_view line, const BleuOptions& options) {
    std::string text = options.lowercase ? lowercase(line) : std::string(line);
    const std::string_view stripped = rstrip(text);
    return options.tokenize_13a ? tokenize_13a(stripped) : std::string(stripped);
}

double log_or_floor(double value) {
    return value == 0.0 ? -9999999999.0 : std::log(value);  // sacreBLEU's my_log
}

// Character n-gram counts of one order over code points.
using CharNgrams = std::unordered_map<std::u32string_view, int>;

std::array<CharNgrams, chrf_char_order> char_ngrams(const std::u32string& text) {
    std::array<CharNgrams, chrf_char_order> counts;
    for (std::size_t n = 1; n <= chrf_char_order; ++n) {
        for (std::size_t i = 0; i + n <= text.size(); ++i) {
            ++counts[n - 1][std::u32string_view(text).substr(i, n)];
        }
    }
    return counts;
}

std::u32string without_whitespace(std::string_view text) {
    std::u32string result;
    result.reserve(text.size());
    for (char32_t c : to_code_points(text)) {
        if (!is_python_space(c)) result.push_back(c);
    }
    return result;
}

// [hyp, ref, match] per order, as sacreBLEU's CHRF statistics.
using ChrfStats = std::array<double, 3 * chrf_char_order>;

// sacreBLEU's f-score with effective-order averaging (its default, eps_smoothing=False).
double chrf_f_score(const ChrfStats& stats) {
    double average_precision = 0.0;
    double average_recall = 0.0;
    int effective_order = 0;
    for (int i = 0; i < chrf_char_order; ++i) {
        const double n_hyp = stats[3 * i];
        const double n_ref = stats[3 * i + 1];
        const double n_match = stats[3 * i + 2];
        if (n_hyp > 0 && n_ref > 0) {
            average_precision += n_match / n_hyp;
            average_recall += n_match / n_ref;
            ++effective_order;
        }
    }
    if (effective_order == 0) return 0.0;
    average_precision /= effective_order;
    average_recall /= effective_order;
    if (average_precision + average_recall == 0.0) return 0.0;
    const double factor = chrf_beta * chrf_beta;
    return 100.0 * (1 + factor) * average_precision * average_recall /
           (factor * average_precision + average_recall);
}

}  // namespace

std::string tokenize_13a(std::string_view text) {
    std::string line(text);
    line = replace_all(std::move(line), "<skipped>", "");
    line = replace_all(std::move(line), "-\n", "");
    line = replace_all(std::move(line), "\n", " ");
    line = replace_all(std::move(line), "&quot;", "\"");
    line = replace_all(std::move(line), "&amp;", "&");
    line = replace_all(std::move(line), "&lt;", "<");
    line = replace_all(std::move(line), "&gt;", ">");
    const std::string tokenized = tokenize_13a_regexes(" " + line + " ");
    return join_tokens(split_whitespace(tokenized));
}

BleuScore corpus_bleu(const std::vector<std::string>& hypotheses,
                      const std::vector<std::vector<std::string>>& references,
                      const BleuOptions& options) {
    check_shapes(hypotheses, references, "BLEU");
    std::array<std::int64_t, max_ngram_order> correct{};
    std::array<std::int64_t, max_ngram_order> total{};
    BleuScore result;

    for (std::size_t i = 0; i < hypotheses.size(); ++i) {
        const std::vector<std::string_view> refs = sentence_references(references, i, "BLEU");
        const std::string hypothesis = preprocess_bleu(hypotheses[i], options);
        const std::vector<std::string_view> hyp_tokens = split_whitespace(hypothesis);
        const std::size_t hyp_length = hyp_tokens.size();

        NgramCounts max_ref_counts;
        std::size_t closest_length = 0;
        std::size_t closest_diff = std::numeric_limits<std::size_t>::max();
        for (std::string_view ref : refs) {
            const std::string reference = preprocess_bleu(ref, options);
            const std::vector<std::string_view> ref_tokens = split_whitespace(reference);
            const std::size_t length = ref_tokens.size();
            const std::size_t diff =
                length > hyp_length ? length - hyp_length : hyp_length - length;
            // The closest reference length; on a tie the shorter one.
            if (diff < closest_diff || (diff == closest_diff && length < closest_length)) {
                closest_diff = diff;
                closest_length = length;
            }
            for (const auto& [ngram, count] : extract_ngrams(ref_tokens)) {
                int& best = max_ref_counts[ngram];
                best = std::max(best, count);
            }
        }
        result.hypothesis_length += hyp_length;
        result.reference_length += closest_length;

        for (const auto& [ngram, count] : extract_ngrams(hyp_tokens)) {
            const int order = ngram_order(ngram);
            const auto found = max_ref_counts.find(ngram);
            correct[order - 1] +=
                found == max_ref_counts.end() ? 0 : std::min(count, found->second);
            total[order - 1] += count;
        }
    }

    // sacreBLEU's default 'exp' smoothing: the k-th zero match count becomes 1 / 2^k.
    double smooth = 1.0;
    for (int n = 0; n < max_ngram_order; ++n) {
        if (total[n] == 0) break;
        if (correct[n] == 0) {
            smooth *= 2.0;
            result.precisions[n] = 100.0 / (smooth * static_cast<double>(total[n]));
        } else {
            result.precisions[n] =
                100.0 * static_cast<double>(correct[n]) / static_cast<double>(total[n]);
        }
    }
    const auto sys_length = static_cast<double>(result.hypothesis_length);
    const auto ref_length = static_cast<double>(result.reference_length);
    if (sys_length < ref_length) {
        result.brevity_penalty = sys_length > 0 ? std::exp(1.0 - ref_length / sys_length) : 0.0;
    } else {
        result.brevity_penalty = 1.0;
    }
    double log_sum = 0.0;
    for (double precision : result.precisions) log_sum += log_or_floor(precision);
    result.score = result.brevity_penalty * std::exp(log_sum / max_ngram_order);
    return result;
}

double corpus_chrf(const std::vector<std::string>& hypotheses,
                   const std::vector<std::vector<std::string>>& references) {
    check_shapes(hypotheses, references, "chrF");
    ChrfStats corpus{};
    for (std::size_t i = 0; i < hypotheses.size(); ++i) {
        const std::vector<std::string_view> refs = sentence_references(references, i, "chrF");
        const std::u32string hypothesis = without_whitespace(hypotheses[i]);
        const auto hyp_ngrams = char_ngrams(hypothesis);

        // Each sentence takes the statistics of the reference it matches best.
        ChrfStats best{};
        double best_f = -1.0;
        for (std::string_view ref : refs) {
            const std::u32string reference = without_whitespace(ref);
            const auto ref_ngrams = char_ngrams(reference);
            ChrfStats stats{};
            for (int n = 0; n < chrf_char_order; ++n) {
                double hyp_count = 0;
                double match_count = 0;
                for (const auto& [ngram, count] : hyp_ngrams[n]) {
                    hyp_count += count;
                    const auto found = ref_ngrams[n].find(ngram);
                    if (found != ref_ngrams[n].end()) match_count += std::min(count, found->second);
                }
                double ref_count = 0;
                for (const auto& entry : ref_ngrams[n]) ref_count += entry.second;
                // sacreBLEU counts no hypothesis n-grams where the reference has none.
                stats[3 * n] = ref_ngrams[n].empty() ? 0 : hyp_count;
                stats[3 * n + 1] = ref_count;
                stats[3 * n + 2] = match_count;
            }
            const double f = chrf_f_score(stats);
            if (f > best_f) {
                best_f = f;
                best = stats;
            }
        }
        for (std::size_t k = 0; k < corpus.size(); ++k) corpus[k] += best[k];
    }
    return chrf_f_score(corpus);
}

BleuScore tokenized_lowercase_bleu(const std::vector<std::string>& hypotheses,
                                   const std::vector<std::vector<std::string>>& references) {
    BleuOptions options;
    options.tokenize_13a = true;
    options.lowercase = true;
    return corpus_bleu(hypotheses, references, options);
}

}  // namespace attentive
