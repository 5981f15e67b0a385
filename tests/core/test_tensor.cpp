// Storage dtype conversions (hand-computed bit patterns) and the small shape helpers.

#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include "core/tensor.h"

using namespace attentive;

namespace {

float from_bits(std::uint32_t bits) {
    return std::bit_cast<float>(bits);
}

}  // namespace

class TestTensor : public QObject {
    Q_OBJECT

private slots:
    void dtype_sizes_and_names() {
        QCOMPARE(dtype_size(DType::f32), std::size_t{4});
        QCOMPARE(dtype_size(DType::bf16), std::size_t{2});
        QCOMPARE(dtype_size(DType::f16), std::size_t{2});
        QCOMPARE(dtype_name(DType::f32), std::string("F32"));
        QCOMPARE(dtype_name(DType::bf16), std::string("BF16"));
        QCOMPARE(dtype_name(DType::f16), std::string("F16"));
        QCOMPARE(parse_dtype("f16"), DType::f16);
        QCOMPARE(parse_dtype("BF16"), DType::bf16);
        QCOMPARE(parse_dtype("f32"), DType::f32);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parse_dtype("f8"));
    }

    void shapes() {
        QCOMPARE(element_count({}), std::int64_t{1});
        QCOMPARE(element_count({4, 256}), std::int64_t{1024});
        QCOMPARE(element_count({3, 0, 7}), std::int64_t{0});
        QCOMPARE(shape_string({4, 256}), std::string("[4, 256]"));
        QCOMPARE(shape_string({}), std::string("[]"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, element_count({2, -1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 element_count({std::int64_t{1} << 32, std::int64_t{1} << 32}));
    }

    void f32_to_bf16_rounding_data() {
        QTest::addColumn<float>("value");
        QTest::addColumn<quint16>("bits");
        QTest::newRow("one") << 1.0f << quint16(0x3F80);
        QTest::newRow("minus two") << -2.0f << quint16(0xC000);
        QTest::newRow("zero") << 0.0f << quint16(0x0000);
        QTest::newRow("minus zero") << -0.0f << quint16(0x8000);
        // 1 + 2^-8 lies half-way between 0x3F80 and 0x3F81: ties go to the even 0x3F80.
        QTest::newRow("tie to even down") << from_bits(0x3F808000) << quint16(0x3F80);
        // 1 + 3 * 2^-8 lies half-way between 0x3F81 and 0x3F82: ties go to 0x3F82.
        QTest::newRow("tie to even up") << from_bits(0x3F818000) << quint16(0x3F82);
        QTest::newRow("just above half") << from_bits(0x3F808001) << quint16(0x3F81);
        QTest::newRow("just below half") << from_bits(0x3F807FFF) << quint16(0x3F80);
        QTest::newRow("pi") << from_bits(0x40490FDB) << quint16(0x4049);
        QTest::newRow("infinity") << std::numeric_limits<float>::infinity() << quint16(0x7F80);
        QTest::newRow("minus infinity") << -std::numeric_limits<float>::infinity() << quint16(0xFF80);
        // FLT_MAX's dropped half is above the midpoint: it rounds up into infinity.
        QTest::newRow("float max overflows") << std::numeric_limits<float>::max() << quint16(0x7F80);
        QTest::newRow("f32 subnormal") << from_bits(0x000116C2) << quint16(0x0001);
    }

    void f32_to_bf16_rounding() {
        QFETCH(float, value);
        QFETCH(quint16, bits);
        QCOMPARE(quint16(f32_to_bf16(value)), bits);
    }

    void bf16_to_f32_exact() {
        QCOMPARE(bf16_to_f32(0x3F80), 1.0f);
        QCOMPARE(bf16_to_f32(0xC000), -2.0f);
        QCOMPARE(bf16_to_f32(0x4049), from_bits(0x40490000));
        QVERIFY(std::isinf(bf16_to_f32(0x7F80)));
        QVERIFY(std::isnan(bf16_to_f32(0x7FC0)));
    }

    void bf16_nan_stays_nan() {
        // A signalling NaN whose payload lives only in the low 16 bits would truncate to
        // infinity; the conversion must keep it a NaN.
        const float nan_low_payload = from_bits(0x7F800001);
        QVERIFY(std::isnan(nan_low_payload));
        QVERIFY(std::isnan(bf16_to_f32(f32_to_bf16(nan_low_payload))));
        QVERIFY(std::isnan(bf16_to_f32(f32_to_bf16(std::numeric_limits<float>::quiet_NaN()))));
        QVERIFY(std::signbit(bf16_to_f32(f32_to_bf16(-std::numeric_limits<float>::quiet_NaN()))));
    }

    void f32_to_f16_rounding_data() {
        QTest::addColumn<float>("value");
        QTest::addColumn<quint16>("bits");
        QTest::newRow("one") << 1.0f << quint16(0x3C00);
        QTest::newRow("minus two") << -2.0f << quint16(0xC000);
        QTest::newRow("zero") << 0.0f << quint16(0x0000);
        QTest::newRow("minus zero") << -0.0f << quint16(0x8000);
        QTest::newRow("0.1") << 0.1f << quint16(0x2E66);
        QTest::newRow("one third") << 1.0f / 3.0f << quint16(0x3555);
        // 1 + 2^-11 is half-way between 0x3C00 and 0x3C01: ties to even 0x3C00.
        QTest::newRow("tie to even down") << 1.00048828125f << quint16(0x3C00);
        // 1 + 3 * 2^-11 is half-way between 0x3C01 and 0x3C02: ties to even 0x3C02.
        QTest::newRow("tie to even up") << 1.00146484375f << quint16(0x3C02);
        QTest::newRow("largest finite") << 65504.0f << quint16(0x7BFF);
        QTest::newRow("below overflow midpoint") << 65519.0f << quint16(0x7BFF);
        // 65520 is half-way between 65504 (odd mantissa 0x3FF) and 65536: rounds to infinity.
        QTest::newRow("overflow midpoint") << 65520.0f << quint16(0x7C00);
        QTest::newRow("far overflow") << 1.0e10f << quint16(0x7C00);
        QTest::newRow("negative overflow") << -1.0e10f << quint16(0xFC00);
        QTest::newRow("infinity") << std::numeric_limits<float>::infinity() << quint16(0x7C00);
        QTest::newRow("minus infinity") << -std::numeric_limits<float>::infinity() << quint16(0xFC00);
        QTest::newRow("smallest normal") << std::ldexp(1.0f, -14) << quint16(0x0400);
        QTest::newRow("largest subnormal") << std::ldexp(1023.0f, -24) << quint16(0x03FF);
        QTest::newRow("smallest subnormal") << std::ldexp(1.0f, -24) << quint16(0x0001);
        QTest::newRow("negative subnormal") << -std::ldexp(5.0f, -24) << quint16(0x8005);
        // Half the smallest subnormal is a tie between 0 and 1: ties to even, i.e. zero.
        QTest::newRow("subnormal tie to zero") << std::ldexp(1.0f, -25) << quint16(0x0000);
        QTest::newRow("subnormal above tie") << std::ldexp(3.0f, -26) << quint16(0x0001);
        // 1.5 * 2^-24 is half-way between subnormals 1 and 2: ties to even 2.
        QTest::newRow("subnormal tie to even") << std::ldexp(3.0f, -25) << quint16(0x0002);
        QTest::newRow("far underflow") << 1.0e-10f << quint16(0x0000);
        QTest::newRow("negative underflow") << -1.0e-10f << quint16(0x8000);
        // Just under the smallest normal rounds up into it (carry from subnormal to normal).
        QTest::newRow("subnormal carries to normal") << std::ldexp(2047.0f, -25) << quint16(0x0400);
    }

    void f32_to_f16_rounding() {
        QFETCH(float, value);
        QFETCH(quint16, bits);
        QCOMPARE(quint16(f32_to_f16(value)), bits);
    }

    // A whole f16 tensor is widened by a vectorised loop: bit for bit what f16_to_f32 gives,
    // for all 65,536 values (NaN payloads and signed zeros included), from an odd address.
    void f16_tensor_widening_matches_every_value() {
        std::vector<std::byte> bytes(1 + 2 * 65536);
        for (std::uint32_t v = 0; v < 65536; ++v) {
            const std::uint16_t half = static_cast<std::uint16_t>(v);
            std::memcpy(bytes.data() + 1 + 2 * v, &half, 2);
        }
        const TensorView view{DType::f16, {65536}, bytes.data() + 1, 2 * 65536};
        std::vector<float> widened(65536);
        to_f32(view, widened);
        for (std::uint32_t v = 0; v < 65536; ++v) {
            const float want = f16_to_f32(static_cast<std::uint16_t>(v));
            QVERIFY2(std::bit_cast<std::uint32_t>(widened[v]) == std::bit_cast<std::uint32_t>(want),
                     qPrintable(QString("f16 0x%1").arg(v, 4, 16, QChar('0'))));
        }
    }

    void f16_to_f32_exact_data() {
        QTest::addColumn<quint16>("bits");
        QTest::addColumn<float>("value");
        QTest::newRow("one") << quint16(0x3C00) << 1.0f;
        QTest::newRow("minus two") << quint16(0xC000) << -2.0f;
        QTest::newRow("largest finite") << quint16(0x7BFF) << 65504.0f;
        QTest::newRow("smallest normal") << quint16(0x0400) << std::ldexp(1.0f, -14);
        QTest::newRow("smallest subnormal") << quint16(0x0001) << std::ldexp(1.0f, -24);
        QTest::newRow("largest subnormal") << quint16(0x03FF) << std::ldexp(1023.0f, -24);
        QTest::newRow("negative subnormal") << quint16(0x8005) << -std::ldexp(5.0f, -24);
        QTest::newRow("0.1 rounded") << quint16(0x2E66) << 0.0999755859375f;
        QTest::newRow("infinity") << quint16(0x7C00) << std::numeric_limits<float>::infinity();
        QTest::newRow("minus infinity") << quint16(0xFC00) << -std::numeric_limits<float>::infinity();
    }

    void f16_to_f32_exact() {
        QFETCH(quint16, bits);
        QFETCH(float, value);
        QCOMPARE(f16_to_f32(bits), value);
    }

    void f16_zero_signs_and_nan() {
        QVERIFY(!std::signbit(f16_to_f32(0x0000)));
        QCOMPARE(f16_to_f32(0x0000), 0.0f);
        QVERIFY(std::signbit(f16_to_f32(0x8000)));
        QVERIFY(std::isnan(f16_to_f32(0x7E00)));
        QVERIFY(std::isnan(f16_to_f32(0x7C01)));  // signalling NaN, smallest payload
        QVERIFY(std::isnan(f16_to_f32(f32_to_f16(std::numeric_limits<float>::quiet_NaN()))));
        // A NaN whose payload sits below f16's mantissa must not become infinity.
        QVERIFY(std::isnan(f16_to_f32(f32_to_f16(from_bits(0x7F800001)))));
        QCOMPARE(quint16(f32_to_f16(from_bits(0x7F800001)) & 0x7C00), quint16(0x7C00));
    }

    void every_f16_round_trips() {
        // Each finite half converts to f32 exactly and back to the same bits.
        for (std::uint32_t bits = 0; bits <= 0xFFFF; ++bits) {
            const auto half = static_cast<std::uint16_t>(bits);
            if ((half & 0x7C00) == 0x7C00 && (half & 0x3FF) != 0) continue;  // NaN payloads
            QCOMPARE(quint16(f32_to_f16(f16_to_f32(half))), quint16(half));
        }
    }

    void to_f32_converts_each_dtype() {
        // Unaligned on purpose: views into a mapping need not be 4-byte aligned.
        std::vector<std::byte> buffer(1 + 12);
        const float f32_values[3] = {1.5f, -2.0f, 0.25f};
        std::memcpy(buffer.data() + 1, f32_values, 12);
        TensorView view{DType::f32, {3}, buffer.data() + 1, 12};
        std::vector<float> out(3);
        to_f32(view, out);
        QCOMPARE(out, std::vector<float>({1.5f, -2.0f, 0.25f}));

        const std::uint16_t bf16_values[2] = {0x3F80, 0xC000};
        std::memcpy(buffer.data() + 1, bf16_values, 4);
        view = TensorView{DType::bf16, {2, 1}, buffer.data() + 1, 4};
        out.assign(2, 0.0f);
        to_f32(view, out);
        QCOMPARE(out, std::vector<float>({1.0f, -2.0f}));

        const std::uint16_t f16_values[2] = {0x3C00, 0x0001};
        std::memcpy(buffer.data() + 1, f16_values, 4);
        view = TensorView{DType::f16, {2}, buffer.data() + 1, 4};
        to_f32(view, out);
        QCOMPARE(out, std::vector<float>({1.0f, std::ldexp(1.0f, -24)}));
    }

    void to_f32_rejects_wrong_sizes() {
        std::vector<std::byte> buffer(8);
        const TensorView view{DType::f32, {2}, buffer.data(), 8};
        std::vector<float> too_small(1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, to_f32(view, too_small));
        const TensorView inconsistent{DType::f32, {2}, buffer.data(), 6};
        std::vector<float> out(2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, to_f32(inconsistent, out));
    }
};

QTEST_GUILESS_MAIN(TestTensor)
#include "test_tensor.moc"
