// Adam: a hand-computed first step, convergence on a quadratic, learning-rate schedules,
// gradient-norm clipping, and a bit-exact state round trip through a file.

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "core/errors.h"
#include "core/training/optimizer.h"

using namespace attentive;

namespace {

Parameters two_tensors(float a, float b) {
    Parameters p;
    p["a"] = Tensor({2});
    p["a"].values = {a, -a};
    p["b"] = Tensor({1, 3});
    p["b"].values = {b, 0.5f * b, -b};
    return p;
}

// Gradient of f(x) = sum_i (x_i - target_i)^2 with target_i = 1 + i (per tensor).
double quadratic_gradient(const Parameters& p, Parameters& g) {
    double loss = 0.0;
    for (const auto& [name, tensor] : p) {
        for (std::size_t i = 0; i < tensor.values.size(); ++i) {
            const double diff = tensor.values[i] - (1.0 + static_cast<double>(i));
            loss += diff * diff;
            g[name].values[i] = static_cast<float>(2.0 * diff);
        }
    }
    return loss;
}

}  // namespace

class TestOptimizer : public QObject {
    Q_OBJECT

private slots:
    void firstStepMovesByTheLearningRate() {
        // After bias correction, step 1 is lr * g / |g| per element: exactly lr against the sign.
        Parameters p = two_tensors(0.0f, 0.0f);
        Parameters g = two_tensors(3.0f, -0.25f);
        AdamOptions options;
        options.learning_rate = 0.01f;
        options.warmup_steps = 0;
        options.schedule = LrSchedule::constant;
        options.clip_norm = 0.0f;
        Adam adam(p, options);
        adam.step(p, g);
        QCOMPARE(adam.steps(), std::int64_t{1});
        QVERIFY(std::abs(p["a"].values[0] + 0.01f) < 1e-6f);
        QVERIFY(std::abs(p["a"].values[1] - 0.01f) < 1e-6f);
        QVERIFY(std::abs(p["b"].values[0] - 0.01f) < 1e-6f);
        QVERIFY(std::abs(p["b"].values[2] + 0.01f) < 1e-6f);
    }

    void convergesOnQuadratic() {
        Parameters p = two_tensors(-3.0f, 4.0f);
        Parameters g = two_tensors(0.0f, 0.0f);
        AdamOptions options;
        options.learning_rate = 0.05f;
        options.warmup_steps = 10;
        options.schedule = LrSchedule::inverse_sqrt;
        Adam adam(p, options);
        const double start = quadratic_gradient(p, g);
        double loss = start;
        for (int step = 0; step < 3000; ++step) {
            loss = quadratic_gradient(p, g);
            adam.step(p, g);
        }
        loss = quadratic_gradient(p, g);
        QVERIFY2(loss < 1e-4, qPrintable(QString("loss %1 (start %2)").arg(loss).arg(start)));
        QVERIFY(std::abs(p["b"].values[2] - 3.0f) < 1e-2f);
    }

    void schedule_data() {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<int>("steps_taken");
        QTest::addColumn<double>("expected");
        // Peak 1e-3, warm-up 100, total 1100, floor 5e-5.
        QTest::newRow("warm-up start") << "inverse-sqrt" << 0 << 1e-5;
        QTest::newRow("warm-up middle") << "inverse-sqrt" << 49 << 5e-4;
        QTest::newRow("peak") << "inverse-sqrt" << 99 << 1e-3;
        QTest::newRow("inverse sqrt at 4x warm-up") << "inverse-sqrt" << 399 << 5e-4;
        QTest::newRow("linear halfway") << "linear" << 599 << 5e-5 + (1e-3 - 5e-5) * 0.5;
        QTest::newRow("linear end") << "linear" << 1099 << 5e-5;
        QTest::newRow("linear beyond end") << "linear" << 5000 << 5e-5;
        QTest::newRow("cosine halfway") << "cosine" << 599 << 5e-5 + (1e-3 - 5e-5) * 0.5;
        QTest::newRow("cosine quarter") << "cosine" << 349 << 5e-5 + (1e-3 - 5e-5) * 0.5 * (1 + std::cos(M_PI / 4));
        QTest::newRow("constant") << "constant" << 700 << 1e-3;
    }
    void schedule() {
        QFETCH(QString, schedule);
        QFETCH(int, steps_taken);
        QFETCH(double, expected);
        Parameters p = two_tensors(0.0f, 0.0f);
        Parameters g = two_tensors(0.0f, 0.0f);
        AdamOptions options;
        options.learning_rate = 1e-3f;
        options.warmup_steps = 100;
        options.total_steps = 1100;
        options.schedule = parse_lr_schedule(schedule.toStdString());
        Adam adam(p, options);
        for (int i = 0; i < steps_taken; ++i) adam.step(p, g);
        QVERIFY2(std::abs(adam.learning_rate() - expected) < 1e-9,
                 qPrintable(QString("lr %1, expected %2").arg(adam.learning_rate()).arg(expected)));
    }

    void plateauDecays() {
        Parameters p = two_tensors(0.0f, 0.0f);
        AdamOptions options;
        options.learning_rate = 1e-3f;
        options.warmup_steps = 0;
        options.schedule = LrSchedule::plateau;
        options.plateau_patience = 2;
        options.plateau_factor = 0.5f;
        Adam adam(p, options);
        adam.report_validation(10.0, false);
        adam.report_validation(9.0, false);   // better
        adam.report_validation(9.5, false);   // worse: 1
        QVERIFY(std::abs(adam.learning_rate() - 1e-3) < 1e-9);
        adam.report_validation(9.2, false);   // worse: 2 -> decay
        QVERIFY(std::abs(adam.learning_rate() - 5e-4) < 1e-9);
    }

    void clipping_data() {
        QTest::addColumn<double>("max_norm");
        QTest::addColumn<double>("expected_norm_after");
        // Gradients (3, -3, 4, 2, -4) have norm sqrt(9 + 9 + 16 + 4 + 16) = sqrt(54).
        QTest::newRow("clipped") << 1.0 << 1.0;
        QTest::newRow("not clipped") << 100.0 << std::sqrt(54.0);
        QTest::newRow("off") << 0.0 << std::sqrt(54.0);
    }
    void clipping() {
        QFETCH(double, max_norm);
        QFETCH(double, expected_norm_after);
        Parameters g = two_tensors(3.0f, 4.0f);
        const double before = clip_gradient_norm(g, max_norm);
        QVERIFY(std::abs(before - std::sqrt(54.0)) < 1e-5);
        const double after = clip_gradient_norm(g, 0.0);
        QVERIFY(std::abs(after - expected_norm_after) < 1e-5);
    }

    void stateRoundTripIsExact() {
        QTemporaryDir dir;
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "optimizer.safetensors";
        AdamOptions options;
        options.learning_rate = 0.02f;
        options.warmup_steps = 3;
        options.schedule = LrSchedule::plateau;
        Parameters p = two_tensors(-1.0f, 2.0f);
        Parameters g = two_tensors(0.0f, 0.0f);
        Adam adam(p, options);
        for (int i = 0; i < 7; ++i) {
            quadratic_gradient(p, g);
            adam.step(p, g);
        }
        adam.report_validation(3.0, false);
        adam.report_validation(4.0, false);  // decays the rate (patience 1)
        adam.save(path);

        Parameters p_resumed = p;
        Adam resumed(p_resumed, options);
        resumed.load(path);
        QCOMPARE(resumed.steps(), adam.steps());
        QCOMPARE(resumed.learning_rate(), adam.learning_rate());
        for (int i = 0; i < 5; ++i) {
            quadratic_gradient(p, g);
            adam.step(p, g);
            quadratic_gradient(p_resumed, g);
            resumed.step(p_resumed, g);
        }
        for (const auto& [name, tensor] : p) {
            QVERIFY2(tensor.values == p_resumed.at(name).values, name.c_str());
        }
    }

    void loadRejectsMismatchedState() {
        QTemporaryDir dir;
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "optimizer.safetensors";
        Parameters p = two_tensors(1.0f, 1.0f);
        Adam(p, AdamOptions{}).save(path);
        Parameters other;
        other["a"] = Tensor({3});
        Adam adam(other, AdamOptions{});
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, adam.load(path));
    }

    void rejectsBadOptions() {
        Parameters p = two_tensors(1.0f, 1.0f);
        AdamOptions options;
        options.beta2 = 1.0f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Adam(p, options));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parse_lr_schedule("exponential"));
    }
};

QTEST_GUILESS_MAIN(TestOptimizer)
#include "test_optimizer.moc"
