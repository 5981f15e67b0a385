// Two models decoding together (core/decoding/ensemble.h): the search follows the weighted mean
// of their log-probabilities, reads the first model's attention, and keeps both models' rows in
// step; a mismatched pair is refused.

#include <QTest>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/decoding/ensemble.h"
#include "core/decoding/search.h"

using namespace attentive;

namespace {

constexpr int kVocab = 6;  // 0 pad, 1 unk, 2 BOS, 3 EOS, 4 and 5 words

// The same distribution at every step whatever came before, from fixed probabilities of the
// two words and EOS; records which rows it was asked to keep.
class FixedModel : public StepModel {
public:
    FixedModel(int rows, float word4, float word5, float eos, float attention_first)
        : m_rows(rows), m_attention{attention_first, 1.0f - attention_first} {
        m_logits.assign(kVocab, -30.0f);
        // Logits off by a constant: a model's logits are only defined up to one.
        m_logits[4] = std::log(word4) + 7.0f;
        m_logits[5] = std::log(word5) + 7.0f;
        m_logits[3] = std::log(eos) + 7.0f;
    }
    int rows() const override { return m_rows; }
    int vocab_size() const override { return kVocab; }
    int source_length(int) const override { return 2; }
    void step(const std::vector<int>& ids) override { steps.push_back(ids); }
    const float* logits(int) const override { return m_logits.data(); }
    const float* attention(int) const override { return m_attention; }
    void select_rows(const std::vector<int>& parents) override {
        selections.push_back(parents);
        m_rows = static_cast<int>(parents.size());
    }

    std::vector<std::vector<int>> steps;
    std::vector<std::vector<int>> selections;

private:
    int m_rows;
    std::vector<float> m_logits;
    float m_attention[2];
};

float log_softmax_at(const float* logits, int id) {
    double sum = 0.0;
    for (int v = 0; v < kVocab; ++v) sum += std::exp(static_cast<double>(logits[v]));
    return static_cast<float>(logits[id] - std::log(sum));
}

}  // namespace

class TestEnsemble : public QObject {
    Q_OBJECT
private slots:
    void followsTheWeightedMeanOfLogProbabilities() {
        FixedModel first(1, 0.7f, 0.2f, 0.1f, 0.9f), second(1, 0.1f, 0.8f, 0.1f, 0.1f);
        EnsembleStepModel both(first, second, 0.25f);
        both.step({2});
        QCOMPARE(first.steps.size(), std::size_t{1});
        QCOMPARE(second.steps.size(), std::size_t{1});
        // Up to one constant per row, the ensemble's logits are 0.75 log p1 + 0.25 log p2.
        const float* mixed = both.logits(0);
        const float expected_4 = 0.75f * std::log(0.7f) + 0.25f * std::log(0.1f);
        const float expected_5 = 0.75f * std::log(0.2f) + 0.25f * std::log(0.8f);
        QVERIFY(std::abs((mixed[4] - mixed[5]) - (expected_4 - expected_5)) < 1e-4f);
        // Near log-probabilities, not the raw logits (which were 7 higher).
        QVERIFY(std::abs(mixed[4] - expected_4) < 1e-3f);
        QCOMPARE(both.attention(0)[0], 0.9f);  // the first model's attention
        QCOMPARE(both.vocab_size(), kVocab);
    }

    void changesWhatTheSearchChooses() {
        // Alone, the first model prefers word 4; weighed in, the second's strong 5 wins.
        SearchRequest request;
        request.sentences = 1;
        request.max_lengths = {1};
        request.banned_ids = {0, 1, 2};
        request.options.strategy = DecodeStrategy::beam;
        request.options.beam_size = 2;
        request.options.n_best = 1;
        request.options.length_penalty = 0.0f;
        FixedModel alone(2, 0.5f, 0.4f, 0.1f, 0.5f);
        QCOMPARE(run_search(alone, request)[0][0].ids, std::vector<int>{4});

        FixedModel first(2, 0.5f, 0.4f, 0.1f, 0.5f), second(2, 0.05f, 0.9f, 0.05f, 0.5f);
        EnsembleStepModel both(first, second, 0.5f);
        const auto found = run_search(both, request);
        QCOMPARE(found[0][0].ids, std::vector<int>{5});
        // The combined score is the mean of the two log-probabilities, renormalised.
        const float* mixed = both.logits(0);
        QVERIFY(std::abs(found[0][0].log_prob - log_softmax_at(mixed, 5)) < 1e-3f);
        // Both models saw every step and kept the same rows.
        QCOMPARE(first.steps, second.steps);
        QCOMPARE(first.selections, second.selections);
        QVERIFY(!first.steps.empty());
    }

    void refusesAMismatchedPair() {
        FixedModel first(1, 0.5f, 0.4f, 0.1f, 0.5f), more_rows(2, 0.5f, 0.4f, 0.1f, 0.5f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EnsembleStepModel(first, more_rows, 0.5f));
        FixedModel second(1, 0.5f, 0.4f, 0.1f, 0.5f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EnsembleStepModel(first, second, 0.0f));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EnsembleStepModel(first, second, 1.0f));
    }
};

QTEST_GUILESS_MAIN(TestEnsemble)
#include "test_ensemble.moc"
