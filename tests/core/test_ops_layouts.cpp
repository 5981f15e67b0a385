// The ops' alternative code paths agree: an LSTM layer run on many rows (oneDNN's brgemm kernel
// on blocked weights) gives what each row gives alone (reference kernel on ldigo weights), and
// the vectorised log-softmax matches hand-computed values, including banned (-inf) entries, and
// two layers run side by side on two threads give what each gives alone.

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "core/ops/ops.h"
#include "support/test_models.h"

using namespace attentive;
using attentive::testing::random_values;
using attentive::testing::random_lstm_weights;
using ops::Precision;

Q_DECLARE_METATYPE(attentive::ops::Precision)

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

}  // namespace

class TestOpsLayouts : public QObject {
    Q_OBJECT
private slots:
    void lstmBatchMatchesSingleRows_data();
    void lstmBatchMatchesSingleRows();
    void logSoftmaxValues();
    void logSoftmaxRejectsBadWidth();
    void sideBySideRunsBoth_data();
    void sideBySideRunsBoth();
    void sideBySideRethrows();
};

void TestOpsLayouts::lstmBatchMatchesSingleRows_data() {
    QTest::addColumn<Precision>("precision");
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("nIn");
    QTest::addColumn<int>("hidden");
    QTest::addColumn<float>("tolerance");
    // 1e-4 at f32: the two kernels only sum in a different order. At bf16 the batch and the
    // single row can round h differently at each step, which then feeds back.
    QTest::newRow("f32 decoder step 32 rows") << Precision::f32 << 1 << 32 << 768 << 512 << 1e-4f;
    QTest::newRow("f32 decoder step 5 rows") << Precision::f32 << 1 << 5 << 96 << 64 << 1e-4f;
    QTest::newRow("f32 encoder 15x32") << Precision::f32 << 15 << 32 << 256 << 256 << 1e-4f;
    QTest::newRow("bf16 encoder 15x8") << Precision::bf16 << 15 << 8 << 64 << 48 << 3e-2f;
}

// Every row of a batched call against the same row run alone, which takes the other kernel.
void TestOpsLayouts::lstmBatchMatchesSingleRows() {
    QFETCH(Precision, precision);
    QFETCH(int, steps);
    QFETCH(int, batch);
    QFETCH(int, nIn);
    QFETCH(int, hidden);
    QFETCH(float, tolerance);
    if (!ops::precision_supported(precision)) QSKIP("precision not native on this CPU");
    const float scale = 1.0f / std::sqrt(static_cast<float>(hidden));
    const auto w = random_lstm_weights(nIn, hidden, scale, 0.2f, 1);
    const ops::Lstm lstm(w.input.data(), w.hidden.data(), w.bias.data(), nIn, hidden, precision);
    const auto src = random_values(static_cast<std::size_t>(steps) * batch * nIn, 1.0f, 4);  // [T, B, nIn]
    const auto h0 = random_values(static_cast<std::size_t>(batch) * hidden, 0.9f, 5);
    const auto c0 = random_values(static_cast<std::size_t>(batch) * hidden, 2.0f, 6);
    const bool states = steps == 1;  // the decoder passes states, the encoder does not
    std::vector<float> dst(static_cast<std::size_t>(steps) * batch * hidden);
    std::vector<float> h_n(static_cast<std::size_t>(batch) * hidden), c_n(h_n.size());
    lstm.forward(steps, batch, src.data(), states ? h0.data() : nullptr, states ? c0.data() : nullptr,
                 dst.data(), states ? h_n.data() : nullptr, states ? c_n.data() : nullptr);
    for (int r = 0; r < batch; ++r) {
        std::vector<float> row_src(static_cast<std::size_t>(steps) * nIn);
        for (int t = 0; t < steps; ++t)
            std::copy_n(&src[(static_cast<std::size_t>(t) * batch + r) * nIn], nIn, &row_src[static_cast<std::size_t>(t) * nIn]);
        std::vector<float> row_dst(static_cast<std::size_t>(steps) * hidden), row_h(hidden), row_c(hidden);
        const float* row_h0 = &h0[static_cast<std::size_t>(r) * hidden];
        const float* row_c0 = &c0[static_cast<std::size_t>(r) * hidden];
        lstm.forward(steps, 1, row_src.data(), states ? row_h0 : nullptr, states ? row_c0 : nullptr,
                     row_dst.data(), states ? row_h.data() : nullptr, states ? row_c.data() : nullptr);
        for (int t = 0; t < steps; ++t)
            for (int i = 0; i < hidden; ++i) {
                const float want = row_dst[static_cast<std::size_t>(t) * hidden + i];
                const float got = dst[(static_cast<std::size_t>(t) * batch + r) * hidden + i];
                QVERIFY2(std::fabs(got - want) < tolerance,
                         qPrintable(QString("row %1 step %2 unit %3: %4 vs %5").arg(r).arg(t).arg(i).arg(got).arg(want)));
            }
        if (!states) continue;
        for (int i = 0; i < hidden; ++i) {
            QVERIFY(std::fabs(h_n[static_cast<std::size_t>(r) * hidden + i] - row_h[i]) < tolerance);
            QVERIFY(std::fabs(c_n[static_cast<std::size_t>(r) * hidden + i] - row_c[i]) <
                    tolerance * std::max(1.0f, std::fabs(row_c[i])));
        }
    }
}

// Rows: [0, ln 2, ln 3] -> log([1, 2, 3] / 6); a banned entry stays -inf and leaves the rest a
// distribution; a row of only -inf comes back all -inf.
void TestOpsLayouts::logSoftmaxValues() {
    const std::vector<float> x = {0.0f, std::log(2.0f), std::log(3.0f),
                                  1.0f, kNegInf, 1.0f,
                                  kNegInf, kNegInf, kNegInf};
    std::vector<float> y(x.size());
    ops::log_softmax(3, 3, x.data(), y.data());
    const float expected[] = {std::log(1.0f / 6), std::log(2.0f / 6), std::log(3.0f / 6),
                              std::log(0.5f), kNegInf, std::log(0.5f)};
    for (int i = 0; i < 6; ++i) {
        if (expected[i] == kNegInf) QCOMPARE(y[i], kNegInf);
        else QVERIFY2(std::fabs(y[i] - expected[i]) < 1e-5f, qPrintable(QString("%1: %2").arg(i).arg(y[i])));
    }
    for (int i = 6; i < 9; ++i) QCOMPARE(y[i], kNegInf);
    // In place, over a vocabulary-sized row: probabilities sum to one.
    auto row = random_values(8000, 8.0f, 7);
    ops::log_softmax(1, 8000, row.data(), row.data());
    double total = 0.0;
    for (float v : row) total += std::exp(static_cast<double>(v));
    QVERIFY2(std::fabs(total - 1.0) < 1e-5, qPrintable(QString::number(total, 'g', 10)));
}

void TestOpsLayouts::logSoftmaxRejectsBadWidth() {
    float x = 0.0f;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ops::log_softmax(1, 0, &x, &x));
}

void TestOpsLayouts::sideBySideRunsBoth_data() {
    QTest::addColumn<int>("threads");
    QTest::newRow("1 thread: one after the other") << 1;
    QTest::newRow("2 threads: side by side") << 2;
}

// Two LSTM layers run side by side (the encoder's directions) give what each gives alone.
void TestOpsLayouts::sideBySideRunsBoth() {
    QFETCH(int, threads);
    ops::set_threads(threads);
    const int steps = 6, n_in = 20, hidden = 16;
    std::vector<float> w_in(4 * hidden * n_in), w_h(4 * hidden * hidden), b(4 * hidden), src(steps * n_in);
    for (std::size_t i = 0; i < w_in.size(); ++i) w_in[i] = std::sin(0.1f * i) * 0.3f;
    for (std::size_t i = 0; i < w_h.size(); ++i) w_h[i] = std::cos(0.07f * i) * 0.3f;
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = 0.01f * i;
    for (std::size_t i = 0; i < src.size(); ++i) src[i] = std::sin(0.3f * i);
    const ops::Lstm one(w_in.data(), w_h.data(), b.data(), n_in, hidden);
    const std::vector<float> w_in_other(w_in.rbegin(), w_in.rend()), w_h_other(w_h.rbegin(), w_h.rend());
    const ops::Lstm other(w_in_other.data(), w_h_other.data(), b.data(), n_in, hidden);  // different weights
    std::vector<float> want_one(steps * hidden), want_other(steps * hidden);
    one.forward(steps, 1, src.data(), nullptr, nullptr, want_one.data(), nullptr, nullptr);
    other.forward(steps, 1, src.data(), nullptr, nullptr, want_other.data(), nullptr, nullptr);
    std::vector<float> got_one(steps * hidden, NAN), got_other(steps * hidden, NAN);
    ops::run_side_by_side(
        [&] { one.forward(steps, 1, src.data(), nullptr, nullptr, got_one.data(), nullptr, nullptr); },
        [&] { other.forward(steps, 1, src.data(), nullptr, nullptr, got_other.data(), nullptr, nullptr); });
    ops::set_threads(0);
    for (int i = 0; i < steps * hidden; ++i) {
        QVERIFY(std::fabs(got_one[i] - want_one[i]) < 1e-6f);
        QVERIFY(std::fabs(got_other[i] - want_other[i]) < 1e-6f);
    }
}

void TestOpsLayouts::sideBySideRethrows() {
    ops::set_threads(2);
    bool other_ran = false;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             ops::run_side_by_side([] { throw std::runtime_error("first failed"); },
                                                   [&] { other_ran = true; }));
    ops::set_threads(0);
    QVERIFY(other_ran);
}

QTEST_GUILESS_MAIN(TestOpsLayouts)
#include "test_ops_layouts.moc"
