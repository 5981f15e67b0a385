// The engine's vectorisable float kernels against the standard library: exp, sigmoid and tanh
// over their whole useful range, dot products and argmax of awkward lengths, rounding.

#include <QTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/ops/vector_math.h"

using namespace attentive::ops;

class TestVectorMath : public QObject {
    Q_OBJECT
private slots:
    void expIsAccurate();
    void sigmoidAndTanhAreAccurate();
    void roundsToNearestEven();
    void bf16RoundsToNearestEven();
    void dotMatchesDouble();
    void argmaxFindsFirstLargest();
    void maxValueOfEveryLength();
};

// Relative error below 1e-6 wherever exp is a normal float; saturates instead of overflowing.
void TestVectorMath::expIsAccurate() {
    for (float x = -87.0f; x <= 88.0f; x += 0.0137f) {
        const double want = std::exp(static_cast<double>(x));
        const double got = vector_exp(x);
        QVERIFY2(std::fabs(got - want) <= 1e-6 * want, qPrintable(QString("exp(%1) = %2, want %3").arg(x).arg(got).arg(want)));
    }
    QVERIFY(std::isfinite(vector_exp(1000.0f)));
    QVERIFY(vector_exp(-1000.0f) >= 0.0f && vector_exp(-1000.0f) < 1e-37f);
}

// Absolute error below 1e-6 (values lie in [0, 1] and [-1, 1]); the extremes saturate exactly.
void TestVectorMath::sigmoidAndTanhAreAccurate() {
    for (float x = -60.0f; x <= 60.0f; x += 0.0071f) {
        QVERIFY(std::fabs(vector_sigmoid(x) - 1.0 / (1.0 + std::exp(-static_cast<double>(x)))) < 1e-6);
        QVERIFY(std::fabs(vector_tanh(x) - std::tanh(static_cast<double>(x))) < 1e-6);
    }
    QCOMPARE(vector_tanh(100.0f), 1.0f);
    QCOMPARE(vector_tanh(-100.0f), -1.0f);
    QCOMPARE(vector_sigmoid(-200.0f) < 1e-37f, true);
}

void TestVectorMath::roundsToNearestEven() {
    QCOMPARE(round_nearest(2.4f), 2.0f);
    QCOMPARE(round_nearest(-2.6f), -3.0f);
    QCOMPARE(round_nearest(2.5f), 2.0f);
    QCOMPARE(round_nearest(3.5f), 4.0f);
    QCOMPARE(round_nearest(-126.7f), -127.0f);
}

void TestVectorMath::bf16RoundsToNearestEven() {
    auto bf16 = [](std::uint32_t bits) { return to_bf16(std::bit_cast<float>(bits)); };
    QCOMPARE(bf16(0x3f800000u), std::uint16_t{0x3f80});  // 1 is exact
    QCOMPARE(bf16(0x3f807fffu), std::uint16_t{0x3f80});  // below half way: down
    QCOMPARE(bf16(0x3f808000u), std::uint16_t{0x3f80});  // tie, even below: down
    QCOMPARE(bf16(0x3f818000u), std::uint16_t{0x3f82});  // tie, odd below: up to even
    QCOMPARE(bf16(0x3f808001u), std::uint16_t{0x3f81});  // above half way: up
    QCOMPARE(bf16(0xbf808001u), std::uint16_t{0xbf81});  // the sign is kept
    QCOMPARE(bf16(0x7f7fffffu), std::uint16_t{0x7f80});  // the largest float rounds to infinity
    QCOMPARE(bf16(0xff800000u), std::uint16_t{0xff80});  // -inf stays
    QCOMPARE(bf16(0x00000001u), std::uint16_t{0x0000});  // the smallest subnormal rounds to zero
    const std::uint16_t nan = bf16(0x7f800001u);  // a NaN whose payload is all in the low bits
    QVERIFY((nan & 0x7f80) == 0x7f80 && (nan & 0x7f) != 0);
}

void TestVectorMath::dotMatchesDouble() {
    for (int n : {0, 1, 15, 16, 17, 33, 512, 1000}) {
        std::vector<float> a(n), b(n);
        double want = 0.0, magnitude = 0.0;
        for (int i = 0; i < n; ++i) {
            a[i] = std::sin(0.37f * i) * 2.0f;
            b[i] = std::cos(0.11f * i + 1.0f);
            want += static_cast<double>(a[i]) * b[i];
            magnitude += std::fabs(static_cast<double>(a[i]) * b[i]);
        }
        QVERIFY2(std::fabs(dot(a.data(), b.data(), n) - want) <= 1e-6 * magnitude + 1e-7,
                 qPrintable(QString("n = %1").arg(n)));
    }
}

void TestVectorMath::argmaxFindsFirstLargest() {
    const float inf = std::numeric_limits<float>::infinity();
    for (int n : {1, 7, 16, 17, 100, 8000}) {
        for (int at : {0, n / 2, n - 1}) {
            std::vector<float> values(n);
            for (int i = 0; i < n; ++i) values[i] = -std::fabs(std::sin(0.5f * i)) - 1.0f;
            values[at] = 0.5f;
            QCOMPARE(argmax(values.data(), n), at);
            values[n - 1] = 0.5f;  // a tie: the first one wins
            QCOMPARE(argmax(values.data(), n), at);
        }
    }
    const std::vector<float> with_infinities = {-inf, -inf, -3.0f, -inf};
    QCOMPARE(argmax(with_infinities.data(), 4), 2);
    QCOMPARE(argmax(with_infinities.data(), 0), 0);
}

// Every length from 1 to 70 and every position of the maximum: the lanes, the tail and the
// pairwise horizontal step each get their turn.
void TestVectorMath::maxValueOfEveryLength() {
    for (int n = 1; n <= 70; ++n) {
        for (int at = 0; at < n; ++at) {
            std::vector<float> values(n);
            for (int i = 0; i < n; ++i) values[i] = -static_cast<float>((i * 7) % 13) - 1.0f;
            values[at] = 3.0f;
            QCOMPARE(max_value(values.data(), n), 3.0f);
        }
    }
    // Signs, zeros and infinities order as floats do.
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> negatives = {-5.0f, -0.5f, -inf, -2.0f};
    QCOMPARE(max_value(negatives.data(), 4), -0.5f);
    const std::vector<float> zeros = {-0.0f, 0.0f, -1.0f};
    QVERIFY(!std::signbit(max_value(zeros.data(), 3)));
    const std::vector<float> infinite = {-inf, 1.0f, inf, 2.0f};
    QCOMPARE(max_value(infinite.data(), 4), inf);
    const std::vector<float> all_negative_infinity(20, -inf);
    QCOMPARE(max_value(all_negative_infinity.data(), 20), -inf);
    for (float x : {-inf, -3.5f, -1e-30f, -0.0f, 0.0f, 1e-30f, 2.0f, inf})
        QCOMPARE(from_ordered_bits(ordered_bits(x)), x);
}

QTEST_GUILESS_MAIN(TestVectorMath)
#include "test_vector_math.moc"
