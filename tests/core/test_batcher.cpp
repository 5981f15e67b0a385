// Token-sized, length-bucketed batches: budgets respected, every pair once per epoch,
// deterministic plans per (seed, epoch), resumable positions.

#include <QTest>

#include <algorithm>
#include <set>

#include "core/training/batcher.h"

using namespace attentive;

namespace {

// Pairs of varied lengths: source i has 1 + i % 13 pieces, target 1 + (i * 7) % 11.
std::vector<EncodedPair> varied_pairs(int n) {
    std::vector<EncodedPair> pairs;
    for (int i = 0; i < n; ++i) {
        EncodedPair pair;
        pair.source.assign(1 + i % 13, 10 + i);
        pair.target.assign(1 + (i * 7) % 11, 20 + i);
        pairs.push_back(pair);
    }
    return pairs;
}

}  // namespace

class TestBatcher : public QObject {
    Q_OBJECT

private slots:
    void budgetAndCoverage_data() {
        QTest::addColumn<int>("batch_tokens");
        QTest::addColumn<int>("max_sentences");
        QTest::addColumn<bool>("shuffle");
        QTest::newRow("small budget") << 64 << 512 << true;
        QTest::newRow("large budget") << 2048 << 512 << true;
        QTest::newRow("sentence cap") << 100000 << 7 << true;
        QTest::newRow("corpus order") << 128 << 512 << false;
    }
    void budgetAndCoverage() {
        QFETCH(int, batch_tokens);
        QFETCH(int, max_sentences);
        QFETCH(bool, shuffle);
        const auto pairs = varied_pairs(300);
        BatcherOptions options;
        options.batch_tokens = batch_tokens;
        options.max_sentences = max_sentences;
        options.shuffle = shuffle;
        const auto plan = Batcher::plan_epoch(pairs, options, 0);
        std::vector<int> seen(pairs.size(), 0);
        for (const auto& batch : plan) {
            QVERIFY(!batch.empty());
            QVERIFY(static_cast<int>(batch.size()) <= max_sentences);
            std::size_t s = 0, t = 0;
            for (std::size_t index : batch) {
                ++seen[index];
                s = std::max(s, pairs[index].source.size());
                t = std::max(t, pairs[index].target.size() + 1);
            }
            // Padded tokens stay within budget (a single over-long pair may form a batch alone).
            QVERIFY(batch.size() == 1 || batch.size() * (s + t) <= static_cast<std::size_t>(batch_tokens));
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
        // Sizes above 8 are multiples of 8 (few distinct shapes), except possibly the last cut.
        const auto odd = std::count_if(plan.begin(), plan.end(),
                                       [](const auto& batch) { return batch.size() > 8 && batch.size() % 8 != 0; });
        QVERIFY2(odd <= 1, qPrintable(QString::number(odd)));
        if (!shuffle) {
            std::size_t expected = 0;
            for (const auto& batch : plan) {
                for (std::size_t index : batch) QCOMPARE(index, expected++);
            }
        }
    }

    void bucketingKeepsPaddingLow() {
        const auto pairs = varied_pairs(1000);
        BatcherOptions options;
        options.batch_tokens = 512;
        std::size_t real = 0, padded = 0;
        for (const auto& batch : Batcher::plan_epoch(pairs, options, 0)) {
            std::size_t s = 0;
            for (std::size_t index : batch) s = std::max(s, pairs[index].source.size());
            for (std::size_t index : batch) real += pairs[index].source.size();
            padded += batch.size() * s;
        }
        // Sorted by source length: source padding is nearly zero.
        QVERIFY2(real * 100 >= padded * 95, qPrintable(QString("%1 of %2").arg(real).arg(padded)));
    }

    void plansAreDeterministicPerSeedAndEpoch() {
        const auto pairs = varied_pairs(200);
        BatcherOptions options;
        options.batch_tokens = 100;
        options.seed = 5;
        const auto a = Batcher::plan_epoch(pairs, options, 0);
        const auto b = Batcher::plan_epoch(pairs, options, 0);
        const auto next_epoch = Batcher::plan_epoch(pairs, options, 1);
        options.seed = 6;
        const auto other_seed = Batcher::plan_epoch(pairs, options, 0);
        QVERIFY(a == b);
        QVERIFY(a != next_epoch);
        QVERIFY(a != other_seed);
    }

    void nextWrapsEpochsAndBuildsBatches() {
        const auto pairs = varied_pairs(50);
        BatcherOptions options;
        options.batch_tokens = 80;
        options.pad_id = 0;
        options.bos_id = 2;
        options.eos_id = 3;
        Batcher batcher(pairs, options);
        const std::size_t n = batcher.batches_in_epoch();
        QVERIFY(n > 1);
        std::size_t sentences = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::vector<std::size_t> expected = batcher.peek();
            const Batch batch = batcher.next();
            QCOMPARE(static_cast<std::size_t>(batch.batch_size), expected.size());
            QCOMPARE(batch.target_input[0], 2);
            sentences += expected.size();
        }
        QCOMPARE(sentences, pairs.size());
        QCOMPARE(batcher.position(), (BatchPosition{1, 0}));
        QCOMPARE(batcher.epoch_progress(), 1.0);
    }

    void resumesFromPosition() {
        const auto pairs = varied_pairs(120);
        BatcherOptions options;
        options.batch_tokens = 60;
        options.seed = 9;
        Batcher straight(pairs, options);
        const std::size_t n = straight.batches_in_epoch();
        // Run into the second epoch, remember the position, then compare a fresh batcher.
        for (std::size_t i = 0; i < n + 3; ++i) straight.next();
        const BatchPosition position = straight.position();
        QCOMPARE(position, (BatchPosition{1, 3}));
        Batcher resumed(pairs, options);
        resumed.set_position(position);
        for (int i = 0; i < 10; ++i) {
            QVERIFY(straight.peek() == resumed.peek());
            straight.next();
            resumed.next();
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resumed.set_position({0, 1000000}));
    }

    void rejectsBadOptions() {
        const auto pairs = varied_pairs(3);
        BatcherOptions options;
        options.batch_tokens = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Batcher(pairs, options));
        const std::vector<EncodedPair> none;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Batcher(none, BatcherOptions{}));
    }
};

QTEST_GUILESS_MAIN(TestBatcher)
#include "test_batcher.moc"
