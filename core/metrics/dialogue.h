#pragma once
// Response metrics used for dialogue models: distinct-n (diversity) and averaged sentence-level
// BLEU-n (overlap with the human reply), over lowercased 13a tokens.

#include <string>
#include <vector>

namespace attentive {

// Distinct n-grams over all n-grams in all replies, 0..1 (0 when there are no n-grams).
double distinct_n(const std::vector<std::string>& replies, int n);

// Sentence BLEU with uniform weights over orders 1..max_order, brevity penalty per sentence,
// zero counts smoothed with epsilon 0.1 (NLTK's method 1), averaged over sentences; 0..1.
// Throws std::invalid_argument when the lists differ in length or max_order is not 1..4.
double average_sentence_bleu(const std::vector<std::string>& hypotheses,
                             const std::vector<std::string>& references, int max_order);

}  // namespace attentive
