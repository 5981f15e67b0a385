// 'attentive-cli translate --precision' run as a process, on a CPU that has the reduced
// precisions and on one limited to AVX2 by ONEDNN_MAX_CPU_ISA (which oneDNN reads once, at its
// first call: hence a child process): a precision the CPU lacks is refused with a clear message
// and a non-zero exit, never run slowly or crash; a model's default precision falls back to f32.

#include <QtTest>

#include <QProcessEnvironment>
#include <QTemporaryDir>

#include "core/ops/ops.h"
#include "support/cli_process.h"
#include "support/test_models.h"

namespace {

using Run = attentive::testing::CliRun;

// ONEDNN_MAX_CPU_ISA limited to `max_isa`, or unset when it is empty.
Run run_cli(const QStringList& arguments, const QByteArray& input, const QString& max_isa) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (max_isa.isEmpty()) environment.remove("ONEDNN_MAX_CPU_ISA");
    else environment.insert("ONEDNN_MAX_CPU_ISA", max_isa);
    return attentive::testing::run_cli(arguments, input, environment, 60000);
}

}  // namespace

class TestCliPrecision : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath("model");
        attentive::testing::write_random_model(m_model.toStdString(), attentive::testing::tiny_config(), 4);
    }

    void precisionOnCpu_data() {
        QTest::addColumn<QString>("precision");
        QTest::addColumn<QString>("maxIsa");
        QTest::addColumn<bool>("expectRefusal");
        const bool bf16 = attentive::ops::precision_supported(attentive::ops::Precision::bf16);
        const bool int8 = attentive::ops::precision_supported(attentive::ops::Precision::int8);
        QTest::newRow("f32, this CPU") << "f32" << "" << false;
        QTest::newRow("bf16, this CPU") << "bf16" << "" << !bf16;
        QTest::newRow("int8, this CPU") << "int8" << "" << !int8;
        QTest::newRow("f32, AVX2") << "f32" << "AVX2" << false;
        QTest::newRow("bf16, AVX2") << "bf16" << "AVX2" << true;
        QTest::newRow("int8, AVX2") << "int8" << "AVX2" << true;
    }

    // Refused: exit code non-zero, stderr names the precision and says it is not supported,
    // nothing on stdout. Accepted: exit 0 and one translation line per input line.
    void precisionOnCpu() {
        QFETCH(QString, precision);
        QFETCH(QString, maxIsa);
        QFETCH(bool, expectRefusal);
        const Run run = run_cli({"translate", "-m", m_model, "--greedy", "--precision", precision},
                                "a man plays\nthe dog\n", maxIsa);
        if (expectRefusal) {
            QVERIFY2(run.exit_code > 0, qPrintable(run.err));
            QVERIFY2(run.err.startsWith("error: "), qPrintable(run.err));
            QVERIFY2(run.err.contains("precision " + precision) && run.err.contains("not supported"),
                     qPrintable(run.err));
            QVERIFY(run.out.isEmpty());
        } else {
            QVERIFY2(run.exit_code == 0, qPrintable(run.err));
            QCOMPARE(run.out.count('\n'), 2);
        }
    }

    // A model whose config prefers int8 (as the shipped ones do) still translates and
    // benchmarks on an AVX2-only CPU, in f32: a model's default is a preference.
    void modelDefaultFallsBackToF32() {
        QTemporaryDir dir;
        const QString model = dir.filePath("int8-model");
        attentive::ModelConfig config = attentive::testing::tiny_config();
        config.precision = "int8";
        attentive::testing::write_random_model(model.toStdString(), config, 4);
        const Run translate = run_cli({"translate", "-m", model, "--greedy"}, "a man plays\n", "AVX2");
        QVERIFY2(translate.exit_code == 0, qPrintable(translate.err));
        QCOMPARE(translate.out.count('\n'), 1);
        const Run bench = run_cli({"bench", "-m", model, "--repeats", "1", "--threads", "1"}, {}, "AVX2");
        QVERIFY2(bench.exit_code == 0, qPrintable(bench.err));
        QVERIFY2(bench.out.contains("\"precision\": \"f32\""), qPrintable(bench.out));
        QVERIFY2(bench.out.contains("\"isa\": \"avx2\""), qPrintable(bench.out));
    }
};

QTEST_GUILESS_MAIN(TestCliPrecision)
#include "test_cli_precision.moc"
