// Reduced precision against f32: the Linear and Lstm ops at bf16 and int8 within error bounds
// derived from the number formats, and whole tiny random models whose logits, attention and
// greedy output stay close to f32.

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

#include "core/model/seq2seq_model.h"
#include "core/ops/ops.h"
#include "core/translator.h"
#include "support/test_models.h"

using namespace attentive;
using namespace attentive::testing;
using ops::Precision;

Q_DECLARE_METATYPE(attentive::ops::Precision)

namespace {

float max_abs(const float* values, std::size_t n) {
    float m = 0.0f;
    for (std::size_t i = 0; i < n; ++i) m = std::max(m, std::fabs(values[i]));
    return m;
}

bool skip_unsupported(Precision precision) { return !ops::precision_supported(precision); }

}  // namespace

class TestPrecision : public QObject {
    Q_OBJECT
private slots:
    void linearWithinBound_data();
    void linearWithinBound();
    void linearFirstCalledFromSeveralThreads();
    void lstmCloseToF32_data();
    void lstmCloseToF32();
    void lstmStepCloseToLstm_data();
    void lstmStepCloseToLstm();
    void smallBatchLstmCloseToLstm_data();
    void smallBatchLstmCloseToLstm();
    void modelCloseToF32_data();
    void modelCloseToF32();
    void greedyAgreesWithF32_data();
    void greedyAgreesWithF32();
    void cpuTierFollowsCap();
    void int8ProductDoesNotSaturate();
};

void TestPrecision::linearWithinBound_data() {
    QTest::addColumn<Precision>("precision");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("nIn");
    QTest::addColumn<int>("nOut");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<int>("secondRows");  // the second call's row count
    for (Precision p : {Precision::f32, Precision::bf16, Precision::int8}) {
        const QByteArray name = QByteArray::fromStdString(ops::to_string(p));
        QTest::newRow(name + " 1x7->3 bias") << p << 1 << 7 << 3 << true << 1;
        QTest::newRow(name + " 5x24->12 no bias") << p << 5 << 24 << 12 << false << 5;
        QTest::newRow(name + " 32x1024->512 bias") << p << 32 << 1024 << 512 << true << 32;
        QTest::newRow(name + " 1x512->8000 bias (generator)") << p << 1 << 512 << 8000 << true << 1;
        // Row counts above 8 run padded to a multiple of a granule: 16 runs as it is, 10 as 16
        // through owned buffers, 130 as 144. Each order, so that neither shape stands in for the other.
        QTest::newRow(name + " 16 then 10 rows") << p << 16 << 40 << 24 << true << 10;
        QTest::newRow(name + " 10 then 16 rows") << p << 10 << 40 << 24 << false << 16;
        QTest::newRow(name + " 130 then 129 rows") << p << 130 << 64 << 33 << true << 129;
        // bf16 runs one row on a plain weight copy and builds the blocked one on the first call
        // of more rows: each order.
        QTest::newRow(name + " 1 then 5 rows") << p << 1 << 40 << 24 << true << 5;
        QTest::newRow(name + " 5 then 1 rows") << p << 5 << 40 << 24 << true << 1;
        // Large weights take the gemm kernel at one row on some tiers (Linear's one_row_on_gemm).
        QTest::newRow(name + " 1 then 5 rows, 512->8000") << p << 1 << 512 << 8000 << true << 5;
    }
}

// Each output is within a bound computed from the formats, per element, against double loops:
//   f32:  1e-5 · Σ|x||w|                 (summation order only)
//   bf16: 5e-3 · Σ|x||w|                 (x and w each rounded to 8 significant bits: ≤ 2·2^-9)
//   int8: (s_w/2)·Σ|x| + (s_x/2)·Σ|w| + n·s_x·s_w/4, with s_w = max|W[n,:]|/L per output
//         channel (L = 127 with VNNI, 63 below) and s_x = max|x|/127 per call (round to
//         nearest on both sides).
// Two calls with different inputs check that cached buffers are refreshed, and that row
// counts padded into one shape do not disturb each other.
void TestPrecision::linearWithinBound() {
    QFETCH(Precision, precision);
    QFETCH(int, rows);
    QFETCH(int, nIn);
    QFETCH(int, nOut);
    QFETCH(bool, bias);
    QFETCH(int, secondRows);
    if (skip_unsupported(precision)) QSKIP("precision not native on this CPU");
    const auto weight = random_values(static_cast<std::size_t>(nOut) * nIn, 0.3f, 11);
    const auto bias_values = random_values(nOut, 0.5f, 12);
    const ops::Linear linear(weight.data(), bias ? bias_values.data() : nullptr, nOut, nIn, precision);
    QCOMPARE(linear.precision(), precision);
    const int first_rows = rows;
    for (std::uint64_t call = 0; call < 2; ++call) {
        rows = call == 0 ? first_rows : secondRows;
        const auto x = random_values(static_cast<std::size_t>(rows) * nIn, 1.0f + call, 20 + call);
        // One guard row past the end: a product must not write beyond its rows.
        std::vector<float> y(static_cast<std::size_t>(rows + 1) * nOut, NAN);
        linear.forward(rows, x.data(), y.data());
        for (int n = 0; n < nOut; ++n) QVERIFY(std::isnan(y[static_cast<std::size_t>(rows) * nOut + n]));
        const float s_x = max_abs(x.data(), x.size()) / 127.0f;
        double worst = 0.0;
        for (int r = 0; r < rows; ++r) {
            const float* xr = &x[static_cast<std::size_t>(r) * nIn];
            for (int n = 0; n < nOut; ++n) {
                const float* wn = &weight[static_cast<std::size_t>(n) * nIn];
                double exact = bias ? bias_values[n] : 0.0, magnitude = 0.0, sum_x = 0.0, sum_w = 0.0;
                for (int k = 0; k < nIn; ++k) {
                    exact += static_cast<double>(xr[k]) * wn[k];
                    magnitude += std::fabs(static_cast<double>(xr[k]) * wn[k]);
                    sum_x += std::fabs(xr[k]);
                    sum_w += std::fabs(wn[k]);
                }
                double bound = 0.0;
                switch (precision) {
                    case Precision::f32: bound = 1e-5 * magnitude; break;
                    case Precision::bf16: bound = 5e-3 * magnitude; break;
                    case Precision::int8: {
                        const double s_w = max_abs(wn, nIn) / ops::int8_weight_limit();
                        bound = s_w / 2 * sum_x + s_x / 2 * sum_w + nIn * s_x * s_w / 4;
                        break;
                    }
                }
                const double error = std::fabs(y[static_cast<std::size_t>(r) * nOut + n] - exact);
                worst = std::max(worst, error / (bound + 1e-6));
                if (!(error <= bound * 1.01 + 1e-5))
                    QFAIL(qPrintable(QString("call %1 row %2 output %3: %4 vs exact %5, bound %6")
                                         .arg(call).arg(r).arg(n)
                                         .arg(y[static_cast<std::size_t>(r) * nOut + n]).arg(exact).arg(bound)));
            }
        }
        // The bound is not vacuous: reduced precision really does use most of it somewhere.
        if (precision != Precision::f32 && nIn >= 24) QVERIFY2(worst > 0.01, qPrintable(QString::number(worst)));
    }
}

// A Linear is shared by the threads that decode with one model, and bf16 builds its blocked
// weight copy on the first product of several rows: threads racing to that first call must all
// get the same outputs as a lone caller.
void TestPrecision::linearFirstCalledFromSeveralThreads() {
    const int n_in = 40, n_out = 24, rows = 5;
    const auto weight = random_values(static_cast<std::size_t>(n_out) * n_in, 0.3f, 31);
    const auto x = random_values(static_cast<std::size_t>(rows) * n_in, 1.0f, 32);
    for (Precision p : {Precision::f32, Precision::bf16, Precision::int8}) {
        if (!ops::precision_supported(p)) continue;
        std::vector<float> want(static_cast<std::size_t>(rows) * n_out);
        ops::Linear(weight.data(), nullptr, n_out, n_in, p).forward(rows, x.data(), want.data());
        const ops::Linear shared(weight.data(), nullptr, n_out, n_in, p);
        std::vector<std::vector<float>> got(4, std::vector<float>(want.size()));
        std::vector<std::thread> threads;
        for (auto& out : got) threads.emplace_back([&] { shared.forward(rows, x.data(), out.data()); });
        for (auto& thread : threads) thread.join();
        for (const auto& out : got) QCOMPARE(out, want);
    }
}

void TestPrecision::lstmCloseToF32_data() {
    QTest::addColumn<Precision>("precision");
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("nIn");
    QTest::addColumn<int>("hidden");
    QTest::addColumn<bool>("states");
    for (Precision p : {Precision::bf16, Precision::int8}) {
        const QByteArray name = QByteArray::fromStdString(ops::to_string(p));
        QTest::newRow(name + " decoder step 1x1") << p << 1 << 1 << 40 << 32 << true;
        QTest::newRow(name + " decoder step 1x5") << p << 1 << 5 << 768 << 512 << true;
        QTest::newRow(name + " encoder 9x3 no states") << p << 9 << 3 << 8 << 6 << false;
        QTest::newRow(name + " encoder 15x32 states") << p << 15 << 32 << 256 << 256 << true;
    }
}

// Outputs and final states against the f32 op (itself checked against plain loops in
// test_engine): hidden states lie in (-1, 1), so an absolute 3e-2 is about 1% of their range
// after bf16 rounding of inputs, weights and h through every step; cell states relative 3e-2.
void TestPrecision::lstmCloseToF32() {
    QFETCH(Precision, precision);
    QFETCH(int, steps);
    QFETCH(int, batch);
    QFETCH(int, nIn);
    QFETCH(int, hidden);
    QFETCH(bool, states);
    if (skip_unsupported(precision)) QSKIP("precision not native on this CPU");
    const float scale = 1.0f / std::sqrt(static_cast<float>(hidden));
    const auto w = random_lstm_weights(nIn, hidden, scale, 0.2f, 1);
    const ops::Lstm reference(w.input.data(), w.hidden.data(), w.bias.data(), nIn, hidden, Precision::f32);
    const ops::Lstm reduced(w.input.data(), w.hidden.data(), w.bias.data(), nIn, hidden, precision);
    const std::size_t state_size = static_cast<std::size_t>(batch) * hidden;
    for (std::uint64_t call = 0; call < 2; ++call) {
        const auto src = random_values(static_cast<std::size_t>(steps) * batch * nIn, 1.0f, 30 + call);
        const auto h0 = random_values(state_size, 0.9f, 40 + call);
        const auto c0 = random_values(state_size, 2.0f, 50 + call);
        struct Out {
            std::vector<float> dst, h, c;
        } want, got;
        for (Out* out : {&want, &got}) {
            out->dst.assign(static_cast<std::size_t>(steps) * batch * hidden, NAN);
            out->h.assign(state_size, NAN);
            out->c.assign(state_size, NAN);
        }
        auto run = [&](const ops::Lstm& lstm, Out& out) {
            lstm.forward(steps, batch, src.data(), states ? h0.data() : nullptr, states ? c0.data() : nullptr,
                         out.dst.data(), states ? out.h.data() : nullptr, states ? out.c.data() : nullptr);
        };
        run(reference, want);
        run(reduced, got);
        double worst = 0.0;
        for (std::size_t i = 0; i < want.dst.size(); ++i) {
            QVERIFY2(std::fabs(got.dst[i] - want.dst[i]) < 3e-2f,
                     qPrintable(QString("dst %1: %2 vs %3").arg(i).arg(got.dst[i]).arg(want.dst[i])));
            worst = std::max(worst, static_cast<double>(std::fabs(got.dst[i] - want.dst[i])));
        }
        // An Lstm at int8 runs in bf16 where the CPU has it, in f32 below (AVX2, AVX-512 without BF16).
        if (precision == Precision::int8 && !ops::precision_supported(Precision::bf16))
            QCOMPARE(worst, 0.0);
        else
            QVERIFY2(worst > 0.0, "reduced precision gave bit-identical results: is it running f32?");
        if (!states) continue;
        for (std::size_t i = 0; i < state_size; ++i) {
            QVERIFY(std::fabs(got.h[i] - want.h[i]) < 3e-2f);
            QVERIFY2(std::fabs(got.c[i] - want.c[i]) < 3e-2f * std::max(1.0f, std::fabs(want.c[i])),
                     qPrintable(QString("c %1: %2 vs %3").arg(i).arg(got.c[i]).arg(want.c[i])));
        }
        // For one step the output sequence is the final hidden state, whatever the precision.
        if (steps == 1)
            for (std::size_t i = 0; i < state_size; ++i) QCOMPARE(got.h[i], got.dst[i]);
    }
}

void TestPrecision::lstmStepCloseToLstm_data() {
    QTest::addColumn<Precision>("precision");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("nIn");
    QTest::addColumn<int>("hidden");
    QTest::addColumn<float>("inputScale");
    QTest::addColumn<bool>("bounds");
    QTest::addColumn<float>("tolerance");
    for (Precision p : {Precision::f32, Precision::bf16, Precision::int8}) {
        const QByteArray name = QByteArray::fromStdString(ops::to_string(p));
        // Below VNNI int8 weights take 7 bits (ops::int8_weight_limit), which doubles their rounding.
        const float tolerance = p == Precision::f32  ? 1e-5f
                                : p == Precision::int8 ? 3e-2f * 127.0f / static_cast<float>(ops::int8_weight_limit())
                                                       : 3e-2f;
        QTest::newRow(name + " 1 row") << p << 1 << 40 << 32 << 1.0f << false << tolerance;
        QTest::newRow(name + " 5 rows, decoder sizes") << p << 5 << 768 << 512 << 1.0f << false << tolerance;
        QTest::newRow(name + " 32 rows") << p << 32 << 64 << 48 << 1.0f << false << tolerance;
        // Inputs of magnitude up to 6 (embeddings) with their bounds given.
        QTest::newRow(name + " large inputs, bounded") << p << 3 << 96 << 64 << 6.0f << true << tolerance;
    }
}

// The decoder's step against the f32 Lstm for one step: f32 the same op; bf16 as in
// lstmCloseToF32; int8 (one s8 product over [x / bounds; h], gates in f32 with a polynomial exp)
// within the same absolute 3e-2 on h and relative 3e-2 on c.
void TestPrecision::lstmStepCloseToLstm() {
    QFETCH(Precision, precision);
    QFETCH(int, rows);
    QFETCH(int, nIn);
    QFETCH(int, hidden);
    QFETCH(float, inputScale);
    QFETCH(bool, bounds);
    QFETCH(float, tolerance);
    if (skip_unsupported(precision)) QSKIP("precision not native on this CPU");
    const float scale = 1.0f / std::sqrt(static_cast<float>(hidden + nIn));
    const auto w = random_lstm_weights(nIn, hidden, scale, 0.5f, 1);
    const std::vector<float> input_bounds = bounds ? std::vector<float>(nIn, inputScale) : std::vector<float>{};
    const ops::Lstm reference(w.input.data(), w.hidden.data(), w.bias.data(), nIn, hidden, Precision::f32);
    const ops::LstmStep step(w.input.data(), w.hidden.data(), w.bias.data(), nIn, hidden, precision, input_bounds);
    QCOMPARE(step.precision(), precision);
    const std::size_t state_size = static_cast<std::size_t>(rows) * hidden;
    for (std::uint64_t call = 0; call < 2; ++call) {
        const auto x = random_values(static_cast<std::size_t>(rows) * nIn, inputScale, 60 + call);
        const auto h = random_values(state_size, 0.95f, 70 + call);
        const auto c = random_values(state_size, 3.0f, 80 + call);
        std::vector<float> want_dst(state_size), want_h(state_size), want_c(state_size);
        reference.forward(1, rows, x.data(), h.data(), c.data(), want_dst.data(), want_h.data(), want_c.data());
        std::vector<float> got_h(state_size, NAN), got_c(state_size, NAN);
        step.forward(rows, x.data(), h.data(), c.data(), got_h.data(), got_c.data());
        double worst = 0.0;
        for (std::size_t i = 0; i < state_size; ++i) {
            QVERIFY2(std::fabs(got_h[i] - want_h[i]) <= tolerance,
                     qPrintable(QString("h %1: %2 vs %3").arg(i).arg(got_h[i]).arg(want_h[i])));
            QVERIFY2(std::fabs(got_c[i] - want_c[i]) <= tolerance * std::max(1.0f, std::fabs(want_c[i])),
                     qPrintable(QString("c %1: %2 vs %3").arg(i).arg(got_c[i]).arg(want_c[i])));
            worst = std::max(worst, static_cast<double>(std::fabs(got_h[i] - want_h[i])));
        }
        if (precision != Precision::f32) QVERIFY2(worst > 0.0, "bit-identical to f32: is it running f32?");
    }
}

void TestPrecision::smallBatchLstmCloseToLstm_data() {
    QTest::addColumn<Precision>("precision");
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("nIn");
    QTest::addColumn<int>("hidden");
    QTest::addColumn<float>("tolerance");
    QTest::addColumn<bool>("bounded");
    for (Precision p : {Precision::f32, Precision::bf16, Precision::int8}) {
        const QByteArray name = QByteArray::fromStdString(ops::to_string(p));
        const float tolerance = p == Precision::f32 ? 1e-5f : 3e-2f;
        QTest::newRow(name + " one step") << p << 1 << 1 << 20 << 16 << tolerance << false;
        QTest::newRow(name + " 15 steps, encoder sizes") << p << 15 << 1 << 256 << 256 << tolerance << false;
        QTest::newRow(name + " 7 steps, 3 rows") << p << 7 << 3 << 48 << 40 << tolerance << false;
        QTest::newRow(name + " 15 steps, input columns of unequal bounds")
            << p << 15 << 2 << 256 << 256 << tolerance << true;
    }
}

// The encoder's few-row layer against the f32 Lstm over whole sequences from a zero state:
// f32 within rounding, bf16 and int8 (s8 recurrent product) within 3e-2 on every output.
void TestPrecision::smallBatchLstmCloseToLstm() {
    QFETCH(Precision, precision);
    QFETCH(int, steps);
    QFETCH(int, batch);
    QFETCH(int, nIn);
    QFETCH(int, hidden);
    QFETCH(float, tolerance);
    QFETCH(bool, bounded);
    if (skip_unsupported(precision)) QSKIP("precision not native on this CPU");
    const float scale = 1.0f / std::sqrt(static_cast<float>(hidden + nIn));
    auto w = random_lstm_weights(nIn, hidden, scale, 0.5f, 11);
    auto x = random_values(static_cast<std::size_t>(steps) * batch * nIn, 2.0f, 14);
    // As an embedding's columns: magnitudes from 0.05 to 8, each column's weights scaled back
    // so that the gates stay in range. One dynamic scale for the whole row would leave the
    // small columns a few levels of s8; the bounds give every column the full range.
    std::vector<float> bounds;
    if (bounded) {
        for (int k = 0; k < nIn; ++k) bounds.push_back(0.05f * std::pow(160.0f, static_cast<float>(k) / (nIn - 1)));
        for (std::size_t i = 0; i < x.size(); ++i) x[i] *= 0.5f * bounds[i % nIn];
        for (std::size_t i = 0; i < w.input.size(); ++i) w.input[i] /= bounds[i % nIn];
    }
    const ops::Lstm reference(w.input.data(), w.hidden.data(), w.bias.data(), nIn, hidden, Precision::f32);
    const ops::SmallBatchLstm few(w.input.data(), w.hidden.data(), w.bias.data(), nIn, hidden, precision, bounds);
    QCOMPARE(few.precision(), precision);
    QVERIFY(few.suits(1));
    // Below AVX-512 oneDNN has only its reference LSTM kernel, and products win at every size.
    QCOMPARE(few.suits(64), ops::cpu_tier() < ops::CpuTier::avx512);
    const std::size_t out_size = static_cast<std::size_t>(steps) * batch * hidden;
    std::vector<float> want(out_size), got(out_size, NAN);
    reference.forward(steps, batch, x.data(), nullptr, nullptr, want.data(), nullptr, nullptr);
    few.forward(steps, batch, x.data(), got.data());
    double worst = 0.0;
    for (std::size_t i = 0; i < out_size; ++i) {
        QVERIFY2(std::fabs(got[i] - want[i]) <= tolerance,
                 qPrintable(QString("h %1: %2 vs %3").arg(i).arg(got[i]).arg(want[i])));
        worst = std::max(worst, static_cast<double>(std::fabs(got[i] - want[i])));
    }
    if (precision != Precision::f32) QVERIFY2(worst > 0.0, "bit-identical to f32: is it running f32?");
}

namespace {

ModelConfig wider_tiny_config() {
    ModelConfig config = tiny_config();
    config.embedding_size = 32;
    config.encoder_hidden_size = 24;
    config.decoder_hidden_size = 48;
    return config;
}

}  // namespace

void TestPrecision::modelCloseToF32_data() {
    QTest::addColumn<Precision>("precision");
    QTest::addColumn<float>("logitTolerance");
    QTest::addColumn<float>("attentionTolerance");
    QTest::newRow("bf16") << Precision::bf16 << 0.05f << 0.02f;
    QTest::newRow("int8") << Precision::int8 << 0.15f << 0.05f;
}

// A padded batch through a whole random model, teacher-forced: logits within the tolerance,
// relative to max(1, |logit|), and attention weights within an absolute tolerance.
void TestPrecision::modelCloseToF32() {
    QFETCH(Precision, precision);
    QFETCH(float, logitTolerance);
    QFETCH(float, attentionTolerance);
    if (skip_unsupported(precision)) QSKIP("precision not native on this CPU");
    QTemporaryDir dir;
    const std::filesystem::path model_dir = dir.path().toStdString();
    const ModelConfig config = wider_tiny_config();
    write_random_model(model_dir, config, 5, 0.3f);
    const Seq2SeqModel f32_model(model_dir, Precision::f32);
    const Seq2SeqModel low_model(model_dir, precision);
    const std::vector<std::vector<int>> sources = {{5, 9, 12, 30}, {7}, {40, 41, 42, 43, 44, 45, 8}};
    const std::vector<std::vector<int>> targets = {{2, 10, 11, 12, 13}, {2, 20, 21, 22, 23}, {2, 30, 31, 63, 5}};
    struct Run {
        EncoderOutput encoded;
        std::vector<float> final_state;
        AttentionMemory memory;
        std::unique_ptr<DecoderSession> session;
    };
    auto start = [&](const Seq2SeqModel& model, Run& run) {
        run.encoded = model.encoder().encode(sources);
        run.final_state = run.encoded.final_state;
        run.memory = model.attention().prepare(std::move(run.encoded));
        run.session = std::make_unique<DecoderSession>(model, run.memory, run.final_state, std::vector<int>{0, 1, 2});
    };
    Run want, got;
    start(f32_model, want);
    start(low_model, got);
    double worst_logit = 0.0;
    for (std::size_t t = 0; t < targets[0].size(); ++t) {
        const std::vector<int> ids = {targets[0][t], targets[1][t], targets[2][t]};
        want.session->step(ids);
        got.session->step(ids);
        for (int b = 0; b < 3; ++b) {
            for (int v = 0; v < config.target_vocab_size; ++v) {
                const float w = want.session->logits(b)[v], g = got.session->logits(b)[v];
                const float error = std::fabs(g - w) / std::max(1.0f, std::fabs(w));
                worst_logit = std::max(worst_logit, static_cast<double>(error));
                QVERIFY2(error < logitTolerance,
                         qPrintable(QString("step %1 sentence %2 logit %3: %4 vs %5").arg(t).arg(b).arg(v).arg(g).arg(w)));
            }
            for (std::size_t j = 0; j < sources[b].size(); ++j)
                QVERIFY(std::fabs(got.session->attention(b)[j] - want.session->attention(b)[j]) < attentionTolerance);
        }
    }
    qInfo("%s: worst relative logit error %.4f", ops::to_string(precision).c_str(), worst_logit);
}

void TestPrecision::greedyAgreesWithF32_data() {
    QTest::addColumn<QString>("precision");
    QTest::addColumn<double>("floor");
    QTest::addColumn<double>("tie");
    QTest::newRow("bf16") << "bf16" << 0.85 << 0.01;
    QTest::newRow("int8") << "int8" << 0.75 << 0.02;
}

// Greedy translations at reduced precision equal the f32 ones on most inputs (observed: bf16 57
// and int8 53 of 60), and wherever one differs, the first differing token was a near-tie in f32:
// among f32's five best, with a probability within `tie` (relative) of the best one's. A random
// model's next-token distribution is nearly flat, full of such near-ties, so the floor is below
// what a trained model should reach; after a flip the rest of the sentence differs freely.
void TestPrecision::greedyAgreesWithF32() {
    QFETCH(QString, precision);
    QFETCH(double, floor);
    QFETCH(double, tie);
    if (skip_unsupported(ops::parse_precision(precision.toStdString()))) QSKIP("precision not native on this CPU");
    QTemporaryDir dir;
    const std::filesystem::path model_dir = dir.path().toStdString();
    write_random_model(model_dir, wider_tiny_config(), 9, 0.3f);
    EngineOptions f32_options;
    f32_options.precision = "f32";
    EngineOptions low_options;
    low_options.precision = precision.toStdString();
    Translator f32_translator(model_dir, f32_options);
    Translator low_translator(model_dir, low_options);
    QCOMPARE(QString::fromStdString(low_translator.precision()), precision);
    const std::vector<std::string> words = {"a", "man", "plays", "with", "the", "big", "red", "ball",
                                            "child", "house", "green", "small", "dog", "runs", "in", "park"};
    std::mt19937_64 rng(3);
    std::vector<std::string> sentences;
    for (int i = 0; i < 60; ++i) {
        std::string sentence;
        const int n = 2 + static_cast<int>(rng() % 8);
        for (int w = 0; w < n; ++w) sentence += (w ? " " : "") + words[rng() % words.size()];
        sentences.push_back(sentence);
    }
    DecodeOptions greedy = f32_translator.default_options();
    greedy.strategy = DecodeStrategy::greedy;
    greedy.max_length_ratio = 1.0f;
    greedy.max_length_extra = 4;
    greedy.alternatives = 5;
    greedy.no_immediate_repeat = false;  // the model's own choices, which the alternatives list
    const auto want = f32_translator.translate_sentences(sentences, greedy);
    const auto got = low_translator.translate_sentences(sentences, greedy);
    QCOMPARE(got.size(), want.size());
    int same = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto& w = want[i].best();
        const auto& g = got[i].best();
        if (g.target_ids == w.target_ids) {
            ++same;
            continue;
        }
        std::size_t p = 0;
        while (p < w.target_ids.size() && p < g.target_ids.size() && w.target_ids[p] == g.target_ids[p]) ++p;
        if (p == w.target_ids.size() || p == g.target_ids.size()) continue;  // one stopped (EOS) first
        QVERIFY(p < w.alternatives.size());
        const auto& options = w.alternatives[p];
        float chosen = -1.0f, other = -1.0f;
        for (const auto& alternative : options) {
            if (alternative.id == w.target_ids[p]) chosen = alternative.probability;
            if (alternative.id == g.target_ids[p]) other = alternative.probability;
        }
        QString listing;
        for (const auto& alternative : options) listing += QString(" %1:%2").arg(alternative.id).arg(alternative.probability);
        qInfo("sentence %zu position %zu: f32 %d, %s %d; f32 best%s", i, p, w.target_ids[p], qPrintable(precision),
              g.target_ids[p], qPrintable(listing));
        QVERIFY2(chosen >= 0.0f && other >= 0.0f,
                 qPrintable(QString("sentence %1 position %2: %3 token not among f32's five best")
                                .arg(i).arg(p).arg(precision)));
        QVERIFY2(chosen - other <= tie * chosen, qPrintable(QString("sentence %1 position %2: f32 p=%3, %4 picked p=%5")
                                                       .arg(i).arg(p).arg(chosen).arg(precision).arg(other)));
    }
    const double rate = static_cast<double>(same) / want.size();
    qInfo("%s: %d of %zu greedy outputs identical to f32", qPrintable(precision), same, want.size());
    QVERIFY2(rate >= floor, qPrintable(QString("agreement %1 below floor %2").arg(rate).arg(floor)));
}

// ATTENTIVE_MAX_ISA (set by the suite's second CTest registration) caps the tier, and with it
// oneDNN's ISA and the precisions on offer; an unknown tier is refused with the names it takes.
void TestPrecision::cpuTierFollowsCap() {
    const ops::CpuTier machine = ops::machine_cpu_tier();
    const QByteArray cap = qgetenv("ATTENTIVE_MAX_ISA");
    QCOMPARE(QByteArray::fromStdString(ops::cpu_tier_cap()), cap);
    const ops::CpuTier expected = cap.isEmpty() ? machine : std::min(ops::parse_cpu_tier(cap.toStdString()), machine);
    QCOMPARE(ops::to_string(ops::cpu_tier()), ops::to_string(expected));
    if (ops::cpu_tier() == ops::CpuTier::avx2) {
        QCOMPARE(QString::fromStdString(ops::cpu_isa()), QString("avx2"));  // oneDNN capped too
        QCOMPARE(ops::int8_weight_limit(), 63);
    }
    QCOMPARE(ops::precision_supported(Precision::int8), ops::cpu_tier() >= ops::CpuTier::avx2);
    QCOMPARE(ops::precision_supported(Precision::bf16), ops::cpu_tier() >= ops::CpuTier::avx512_bf16);
    for (const char* name : {"sse41", "avx2", "avx2_vnni", "avx512", "avx512_vnni", "avx512_bf16", "amx"})
        QCOMPARE(QString::fromStdString(ops::to_string(ops::parse_cpu_tier(name))), QString(name));
    try {
        ops::parse_cpu_tier("avx3");
        QFAIL("an unknown tier was accepted");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(QString(e.what()).contains("avx512_bf16"), e.what());
    }
}

// The worst case for products that add pairs of u8·s8 in 16 bits (AVX2 and AVX-512 without
// VNNI): every input at its largest magnitude with the sign of every weight at its largest, so
// that each pair sums to its most. The result must still be the exact one within the int8 bound.
void TestPrecision::int8ProductDoesNotSaturate() {
    if (skip_unsupported(Precision::int8)) QSKIP("int8 not native on this CPU");
    const int n_in = 512, n_out = 4;
    std::vector<float> weight(static_cast<std::size_t>(n_out) * n_in);
    std::vector<float> x(n_in);
    for (int k = 0; k < n_in; ++k) {
        x[k] = k % 3 == 0 ? -2.0f : 2.0f;
        weight[k] = x[k] > 0 ? 0.5f : -0.5f;                  // all products +1
        weight[n_in + k] = -weight[k];                          // all products -1
        weight[2 * n_in + k] = k % 2 == 0 ? weight[k] : 0.25f;  // mixed
        weight[3 * n_in + k] = 0.5f;
    }
    for (int rows : {1, 5, 32}) {
        std::vector<float> xs;
        for (int r = 0; r < rows; ++r) xs.insert(xs.end(), x.begin(), x.end());
        const ops::Linear linear(weight.data(), nullptr, n_out, n_in, Precision::int8);
        std::vector<float> y(static_cast<std::size_t>(rows) * n_out);
        linear.forward(rows, xs.data(), y.data());
        for (int r = 0; r < rows; ++r)
            for (int n = 0; n < n_out; ++n) {
                double exact = 0.0;
                for (int k = 0; k < n_in; ++k) exact += static_cast<double>(x[k]) * weight[static_cast<std::size_t>(n) * n_in + k];
                const float got = y[static_cast<std::size_t>(r) * n_out + n];
                QVERIFY2(std::fabs(got - exact) <= 1e-2 * std::fabs(exact) + 1e-3,
                         qPrintable(QString("rows %1 output %2: %3 vs exact %4").arg(rows).arg(n).arg(got).arg(exact)));
            }
    }
}

QTEST_GUILESS_MAIN(TestPrecision)
#include "test_precision.moc"
