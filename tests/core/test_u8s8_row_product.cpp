// The engine's own int8 row product (core/ops/u8s8_row_product.h) against plain integer sums,
// for every row count decoding gives it and for batches (several tiles of rows, split over the
// threads for large weights), with vpmaddubsw on 256 and 512 bits and, where the CPU has
// AVX-VNNI, vpdpbusd.

#include <QTest>

#include <cstdint>
#include <random>
#include <vector>

#include "core/ops/u8s8_row_product.h"

using namespace attentive::ops;
Q_DECLARE_METATYPE(U8S8RowProduct::Kernel)

class TestU8S8RowProduct : public QObject {
    Q_OBJECT

private slots:
    void matchesIntegerSums_data() {
        QTest::addColumn<U8S8RowProduct::Kernel>("kernel");
        QTest::newRow("vpmaddubsw") << U8S8RowProduct::Kernel::avx2;
        QTest::newRow("vpdpbusd") << U8S8RowProduct::Kernel::avx2_vnni;
        QTest::newRow("vpmaddubsw on 512 bits") << U8S8RowProduct::Kernel::avx512;
    }

    void matchesIntegerSums() {
        QFETCH(U8S8RowProduct::Kernel, kernel);
        if (!__builtin_cpu_supports("avx2")) QSKIP("this CPU has no AVX2");
        if (kernel == U8S8RowProduct::Kernel::avx2_vnni && !__builtin_cpu_supports("avxvnni"))
            QSKIP("this CPU has no AVX-VNNI");
        if (kernel == U8S8RowProduct::Kernel::avx512 && !__builtin_cpu_supports("avx512bw"))
            QSKIP("this CPU has no AVX-512BW");
        // Sizes that leave a partial block of outputs and a partial group of inputs; the second
        // is large enough to be split over the threads, into an odd number of steps of blocks.
        for (const int n_out : {37, 301}) {
            checkSums(kernel, n_out, 1283);
            if (QTest::currentTestFailed()) return;
        }
    }

private:
    static void checkSums(U8S8RowProduct::Kernel kernel, int n_out, int n_in) {
        std::mt19937 random(7);
        std::uniform_int_distribution<int> weight(-63, 63), input(0, 255);
        std::vector<std::int8_t> weights(static_cast<std::size_t>(n_out) * n_in);
        for (auto& w : weights) w = static_cast<std::int8_t>(weight(random));
        weights[0] = 63;  // the extremes, where vpmaddubsw would saturate with 8-bit weights
        weights[1] = -63;
        const U8S8RowProduct product(weights.data(), n_out, n_in, kernel);
        QCOMPARE(product.padded_in(), 1288);
        for (const int rows : {1, 2, 3, 4, 5, 6, 7, 8, 13, 32, 64}) {
            std::vector<std::uint8_t> x(static_cast<std::size_t>(rows) * product.padded_in(), 0);
            for (int r = 0; r < rows; ++r)
                for (int k = 0; k < n_in; ++k) x[static_cast<std::size_t>(r) * product.padded_in() + k] =
                    static_cast<std::uint8_t>(r == 0 && k < 2 ? 255 : input(random));
            std::vector<std::int32_t> acc(static_cast<std::size_t>(rows) * n_out, -1);
            product.multiply(rows, x.data(), acc.data());
            for (int r = 0; r < rows; ++r) {
                for (int n = 0; n < n_out; ++n) {
                    std::int32_t expected = 0;
                    for (int k = 0; k < n_in; ++k)
                        expected += static_cast<std::int32_t>(x[static_cast<std::size_t>(r) * product.padded_in() + k]) *
                                    weights[static_cast<std::size_t>(n) * n_in + k];
                    QCOMPARE(acc[static_cast<std::size_t>(r) * n_out + n], expected);
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestU8S8RowProduct)
#include "test_u8s8_row_product.moc"
