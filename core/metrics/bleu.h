#pragma once
// Corpus BLEU and chrF computed as sacreBLEU computes them.

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// sacreBLEU's default "13a" tokenization (mteval-v13a).
std::string tokenize_13a(std::string_view text);

struct BleuOptions {
    bool tokenize_13a = true;  // false: split on whitespace only (for pre-tokenized text)
    bool lowercase = false;
};

struct BleuScore {
    double score = 0.0;                      // 0..100
    std::array<double, 4> precisions{};      // n-gram precisions in percent
    double brevity_penalty = 0.0;
    std::size_t hypothesis_length = 0;
    std::size_t reference_length = 0;        // closest reference length, summed
};

// references[r][i] is reference r of sentence i; every reference set has hypotheses.size()
// lines. Throws std::invalid_argument otherwise.
BleuScore corpus_bleu(const std::vector<std::string>& hypotheses,
                      const std::vector<std::vector<std::string>>& references,
                      const BleuOptions& options = {});

// Corpus chrF (character 6-grams, beta 2, whitespace removed), 0..100, as sacreBLEU's CHRF.
double corpus_chrf(const std::vector<std::string>& hypotheses,
                   const std::vector<std::vector<std::string>>& references);

// "Lowercased tokenized" BLEU used by Multi30k papers: lowercase, then 13a-style split
// (punctuation separated), whitespace tokens.
BleuScore tokenized_lowercase_bleu(const std::vector<std::string>& hypotheses,
                                   const std::vector<std::vector<std::string>>& references);

}  // namespace attentive
