#include "core/metrics/dialogue.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/metrics/bleu.h"
#include "core/text/sentence_splitter.h"

namespace attentive {

namespace {

std::vector<std::string> lowercased_13a_words(const std::string& text) {
    std::string lowered = tokenize_13a(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::istringstream in(lowered);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

std::vector<std::string> words_of(const std::string& text, DialogueScoring scoring) {
    return scoring == DialogueScoring::plato ? dialogue_words(text) : lowercased_13a_words(text);
}

using Ngram = std::vector<std::string>;

std::map<Ngram, int> ngram_counts(const std::vector<std::string>& words, int n) {
    std::map<Ngram, int> counts;
    for (std::size_t i = 0; i + n <= words.size(); ++i)
        ++counts[Ngram(words.begin() + static_cast<std::ptrdiff_t>(i),
                       words.begin() + static_cast<std::ptrdiff_t>(i + n))];
    return counts;
}

// Clipped n-gram matches of `hyp` against `ref`, and max(1, hyp's n-gram count), as NLTK's
// modified_precision returns them (an unreduced fraction).
struct Precision {
    double matched = 0.0;
    double total = 1.0;
};

Precision modified_precision(const std::vector<std::string>& hyp, const std::vector<std::string>& ref, int n) {
    const auto h = ngram_counts(hyp, n);
    const auto r = ngram_counts(ref, n);
    Precision p;
    double total = 0.0;
    for (const auto& [gram, count] : h) {
        total += count;
        const auto it = r.find(gram);
        if (it != r.end()) p.matched += std::min(count, it->second);
    }
    p.total = std::max(1.0, total);
    return p;
}

double brevity_penalty(std::size_t hyp_length, std::size_t ref_length) {
    if (hyp_length > ref_length) return 1.0;
    if (hyp_length == 0) return 0.0;
    return std::exp(1.0 - static_cast<double>(ref_length) / static_cast<double>(hyp_length));
}

double epsilon_sentence_bleu(const std::vector<std::string>& hyp, const std::vector<std::string>& ref,
                             int max_order) {
    if (hyp.empty()) return 0.0;
    double log_precision = 0.0;
    for (int n = 1; n <= max_order; ++n) {
        const Precision p = modified_precision(hyp, ref, n);
        log_precision += std::log((p.matched > 0.0 ? p.matched : 0.1) / p.total);
    }
    return brevity_penalty(hyp.size(), ref.size()) * std::exp(log_precision / max_order);
}

// NLTK 3.8's sentence_bleu with SmoothingFunction().method7 and four weights (orders above
// max_order weigh 0 but are still smoothed, and method 5 reads them: they are computed too).
double method7_sentence_bleu(const std::vector<std::string>& hyp, const std::vector<std::string>& ref,
                             int max_order) {
    constexpr int kOrders = 4;
    constexpr double kK = 5.0;
    std::array<Precision, kOrders + 1> raw;
    for (int n = 1; n <= kOrders + 1; ++n) raw[n - 1] = modified_precision(hyp, ref, n);
    if (raw[0].matched == 0.0) return 0.0;
    const double hyp_length = static_cast<double>(hyp.size());
    // Method 4: a zero count becomes 1 / (2^k * 5 / ln(hyp length)), k counting the zeros.
    std::array<double, kOrders + 1> p{};
    int zeros = 1;
    for (int i = 0; i <= kOrders; ++i) {
        p[i] = raw[i].matched / raw[i].total;
        if (i < kOrders && raw[i].matched == 0.0 && hyp_length > 1.0) {
            p[i] = 1.0 / (std::pow(2.0, zeros) * kK / std::log(hyp_length)) / raw[i].total;
            ++zeros;
        }
    }
    // Method 5: each precision averaged with its smoothed predecessor and its (method-4) successor;
    // the order after the last is read unsmoothed, and the first's predecessor is p1 + 1.
    std::array<double, kOrders> smoothed{};
    double previous = p[0] + 1.0;
    for (int i = 0; i < kOrders; ++i) {
        smoothed[i] = (previous + p[i] + p[i + 1]) / 3.0;
        previous = smoothed[i];
    }
    double log_sum = 0.0;
    for (int i = 0; i < max_order; ++i) log_sum += std::log(smoothed[i]) / max_order;
    return brevity_penalty(hyp.size(), ref.size()) * std::exp(log_sum);
}

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

}  // namespace

std::vector<std::string> dialogue_words(std::string_view text) {
    // ’ (E2 80 99) read as '; lowercase ASCII.
    std::string plain;
    plain.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i, 3) == "\xE2\x80\x99") {
            plain.push_back('\'');
            i += 2;
            continue;
        }
        const unsigned char c = static_cast<unsigned char>(text[i]);
        plain.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : static_cast<char>(c));
    }
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < plain.size()) {
        const unsigned char c = static_cast<unsigned char>(plain[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++i;
            continue;
        }
        if (!is_word_byte(c)) {
            words.emplace_back(1, plain[i++]);
            continue;
        }
        // A word, and an apostrophe inside it when a word character follows ("don't", "i'm").
        std::size_t end = i;
        while (end < plain.size()) {
            if (is_word_byte(static_cast<unsigned char>(plain[end]))) ++end;
            else if (plain[end] == '\'' && end + 1 < plain.size() &&
                     is_word_byte(static_cast<unsigned char>(plain[end + 1])))
                end += 2;
            else break;
        }
        words.push_back(plain.substr(i, end - i));
        i = end;
    }
    return words;
}

ReplyShape reply_shape(std::string_view text) {
    ReplyShape shape;
    const std::vector<std::string> words = dialogue_words(text);
    shape.words = static_cast<int>(words.size());
    shape.sentences = static_cast<int>(split_sentences(text).segments.size());
    std::set<std::string_view> said;
    for (const std::string& word : words) {
        const bool letters = std::all_of(word.begin(), word.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return (u >= 'a' && u <= 'z') || u == '\'' || u >= 0x80;
        });
        if (!letters || word.size() < 4) continue;
        if (!said.insert(word).second) ++shape.repeated_words;
    }
    return shape;
}

double distinct_n(const std::vector<std::string>& replies, int n, DialogueScoring scoring) {
    if (n < 1) throw std::invalid_argument("distinct_n: n must be at least 1");
    std::set<Ngram> distinct;
    std::size_t total = 0;
    for (const auto& reply : replies) {
        for (const auto& [gram, count] : ngram_counts(words_of(reply, scoring), n)) {
            distinct.insert(gram);
            total += static_cast<std::size_t>(count);
        }
    }
    return total == 0 ? 0.0 : static_cast<double>(distinct.size()) / static_cast<double>(total);
}

double average_sentence_bleu(const std::vector<std::string>& hypotheses,
                             const std::vector<std::string>& references, int max_order,
                             DialogueScoring scoring) {
    if (hypotheses.size() != references.size())
        throw std::invalid_argument("average_sentence_bleu: " + std::to_string(hypotheses.size()) +
                                    " hypotheses but " + std::to_string(references.size()) + " references");
    if (max_order < 1 || max_order > 4)
        throw std::invalid_argument("average_sentence_bleu: max_order must be 1..4");
    if (hypotheses.empty()) return 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < hypotheses.size(); ++i) {
        const auto hyp = words_of(hypotheses[i], scoring);
        const auto ref = words_of(references[i], scoring);
        sum += scoring == DialogueScoring::plato ? method7_sentence_bleu(hyp, ref, max_order)
                                                 : epsilon_sentence_bleu(hyp, ref, max_order);
    }
    return sum / static_cast<double>(hypotheses.size());
}

}  // namespace attentive
