#pragma once
// Response metrics used for dialogue models: distinct-n (diversity) and averaged sentence-level
// BLEU-n (overlap with the human reply), in one of two scorings (see DialogueScoring).

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

enum class DialogueScoring {
    // Lowercased 13a tokens; a zero n-gram count smoothed to 0.1 (NLTK's method 1). The figures
    // `attentive-cli eval --dialogues` has always reported.
    epsilon_13a,
    // PLATO's: lowercased words with their contractions, punctuation apart, ’ read as '
    // (dialogue_words); NLTK's sentence_bleu with smoothing method 7 (Chen & Cherry's methods 4
    // then 5, k = 5), weights 1/n over orders 1..n and 0 above, as `sentence_bleu([ref], hyp,
    // weights=[1, 0, 0, 0] or [0.5, 0.5, 0, 0], smoothing_function=method7)` computes it; 0 when
    // no unigram matches. The scoring of issue 16 and of `attentive-cli chat-eval`.
    plato,
};

// `text` lowercased and cut into words and punctuation: a word is a run of letters, digits,
// '_' and non-ASCII characters, with its contractions kept ("don't", "i'm"; ’ is read as ');
// every other non-space character is a token of its own ("$25" -> "$", "25").
std::vector<std::string> dialogue_words(std::string_view text);

// How a reply is built, for a reranker that keeps replies near people's length and penalises
// rambling (core/decoding/rerank.h).
struct ReplyShape {
    int words = 0;           // dialogue_words, punctuation included
    int sentences = 0;       // split_sentences' sentences (0 for an empty reply)
    int repeated_words = 0;  // words of 4 or more letters said earlier in the reply
};
ReplyShape reply_shape(std::string_view text);

// Distinct n-grams over all n-grams in all replies, 0..1 (0 when there are no n-grams).
double distinct_n(const std::vector<std::string>& replies, int n,
                  DialogueScoring scoring = DialogueScoring::epsilon_13a);

// Sentence BLEU with weights 1/max_order over orders 1..max_order and the brevity penalty of each
// sentence, averaged over sentences; 0..1. Throws std::invalid_argument when the lists differ in
// length or max_order is not 1..4.
double average_sentence_bleu(const std::vector<std::string>& hypotheses,
                             const std::vector<std::string>& references, int max_order,
                             DialogueScoring scoring = DialogueScoring::epsilon_13a);

}  // namespace attentive
