// The synthetic task of the training issue: a small model learns to reverse random symbol
// sequences of length 3-12 with GradientComputer and Adam, and must reach 98% exact-match
// accuracy under greedy decoding, with the argmax of its attention on the anti-diagonal (target
// token t looks at source token n-1-t) for 95% of target tokens: the heatmap picture.

#include <QTest>

#include <QElapsedTimer>

#include <random>
#include <vector>

#include "core/config.h"
#include "core/training/batch.h"
#include "core/training/gradients.h"
#include "core/training/optimizer.h"
#include "core/training/parameters.h"

using namespace attentive;

namespace {

constexpr int n_specials = 4;  // pad 0, unk 1, bos 2, eos 3
constexpr int n_symbols = 20;

std::vector<int> random_sequence(std::mt19937_64& rng) {
    std::uniform_int_distribution<int> length(3, 12), symbol(n_specials, n_specials + n_symbols - 1);
    std::vector<int> sequence(static_cast<std::size_t>(length(rng)));
    for (int& id : sequence) id = symbol(rng);
    return sequence;
}

}  // namespace

class TestReverseTask : public QObject {
    Q_OBJECT

private slots:
    void learnsToReverseWithDiagonalAttention_data() {
        QTest::addColumn<bool>("inputFeeding");
        QTest::newRow("input feeding") << true;
        QTest::newRow("no input feeding") << false;
    }

    void learnsToReverseWithDiagonalAttention() {
        QFETCH(bool, inputFeeding);
        ModelConfig config;
        config.source_vocab_size = n_specials + n_symbols;
        config.target_vocab_size = n_specials + n_symbols;
        config.embedding_size = 32;
        config.encoder_layers = 1;
        config.encoder_hidden_size = 48;
        config.decoder_layers = 1;
        config.decoder_hidden_size = 64;
        config.attention = AttentionType::general;
        config.input_feeding = inputFeeding;

        std::mt19937_64 rng(2024);
        Parameters parameters = init_parameters(config, rng, 0.1f);
        // One thread: this model is too small to gain from two, and a busy machine makes OpenMP
        // barriers expensive.
        GradientComputer computer(config, 1);
        AdamOptions adam_options;
        adam_options.learning_rate = 3e-3f;
        adam_options.warmup_steps = 50;
        adam_options.schedule = LrSchedule::constant;
        adam_options.clip_norm = 5.0f;
        Adam adam(parameters, adam_options);
        TrainingStepOptions options;
        options.label_smoothing = 0.0f;

        QElapsedTimer timer;
        timer.start();
        const int batch_size = 64;
        const int max_steps = 3000;
        int steps = 0;
        double recent_nll = 0.0;
        std::int64_t recent_tokens = 0;
        double last_nll = 0.0;
        Parameters gradients;
        for (; steps < max_steps; ++steps) {
            std::vector<std::vector<int>> sources, targets;
            for (int i = 0; i < batch_size; ++i) {
                sources.push_back(random_sequence(rng));
                targets.emplace_back(sources.back().rbegin(), sources.back().rend());
            }
            const Batch batch = make_batch(sources, targets, config.pad_id, config.bos_id, config.eos_id);
            const LossStats stats = computer.compute(parameters, batch, options, rng, gradients);
            adam.step(parameters, gradients, 1.0 / static_cast<double>(stats.tokens));
            recent_nll += stats.nll_sum;
            recent_tokens += stats.tokens;
            if ((steps + 1) % 100 == 0) {
                // Stop once the training loss says the task is learnt.
                const double nll = recent_nll / static_cast<double>(recent_tokens);
                last_nll = nll;
                recent_nll = 0.0;
                recent_tokens = 0;
                if (nll < 0.005) {
                    ++steps;
                    break;
                }
            }
        }
        const double seconds = timer.elapsed() / 1000.0;
        qInfo("trained %d steps in %.1f s, last training NLL per token %.4f", steps, seconds, last_nll);
        // Time is only reported: speed belongs to benchmarks, and CI machines vary.
        QVERIFY2(last_nll < 0.005, qPrintable(QString("training NLL still %1 after %2 steps").arg(last_nll).arg(steps)));

        std::mt19937_64 test_rng(77);
        int exact = 0, diagonal = 0, tokens = 0;
        const int n_tests = 300;
        for (int i = 0; i < n_tests; ++i) {
            const std::vector<int> source = random_sequence(test_rng);
            const std::vector<int> expected(source.rbegin(), source.rend());
            const auto result = computer.greedy_decode(parameters, source, 2 * static_cast<int>(source.size()) + 2);
            if (result.ids == expected) ++exact;
            const int n = static_cast<int>(source.size());
            for (int t = 0; t < n && t < static_cast<int>(result.attention.size()); ++t) {
                const auto& row = result.attention[t];
                QCOMPARE(static_cast<int>(row.size()), n);
                const int peak = static_cast<int>(std::max_element(row.begin(), row.end()) - row.begin());
                if (peak == n - 1 - t) ++diagonal;
            }
            tokens += n;
        }
        const double accuracy = static_cast<double>(exact) / n_tests;
        const double diagonal_share = static_cast<double>(diagonal) / tokens;
        qInfo("exact match %.3f, attention on the anti-diagonal %.3f", accuracy, diagonal_share);
        QVERIFY2(accuracy >= 0.98, qPrintable(QString("exact match %1").arg(accuracy)));
        QVERIFY2(diagonal_share >= 0.95, qPrintable(QString("anti-diagonal share %1").arg(diagonal_share)));
    }
};

QTEST_GUILESS_MAIN(TestReverseTask)
#include "test_reverse_task.moc"
