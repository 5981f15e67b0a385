// 'attentive-cli translate --precision' run as a process, on a CPU that has the reduced
// precisions and on lesser ones emulated by ATTENTIVE_MAX_ISA or ONEDNN_MAX_CPU_ISA (which
// oneDNN reads once, at its first call: hence a child process): a precision the CPU lacks is
// refused with a clear message and a non-zero exit, never run slowly or crash; int8 runs from
// AVX2 on; a model's default precision falls back to f32 below AVX2.

#include <QTest>

#include <QProcessEnvironment>
#include <QTemporaryDir>

#include "core/ops/ops.h"
#include "support/cli_process.h"
#include "support/test_models.h"

namespace {

using Run = attentive::testing::CliRun;

// `cap` is "VARIABLE=value" (ATTENTIVE_MAX_ISA or ONEDNN_MAX_CPU_ISA), or empty for neither.
Run run_cli(const QStringList& arguments, const QByteArray& input, const QString& cap) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("ONEDNN_MAX_CPU_ISA");
    environment.remove("ATTENTIVE_MAX_ISA");
    if (!cap.isEmpty()) environment.insert(cap.section('=', 0, 0), cap.section('=', 1));
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
        for (const QString cap : {"ONEDNN_MAX_CPU_ISA=AVX2", "ATTENTIVE_MAX_ISA=avx2"}) {
            const QByteArray name = ", " + cap.toUtf8();
            QTest::newRow("f32" + name) << "f32" << cap << false;
            QTest::newRow("bf16" + name) << "bf16" << cap << true;
            QTest::newRow("int8" + name) << "int8" << cap << !int8;
        }
        QTest::newRow("int8, below AVX2") << "int8" << "ATTENTIVE_MAX_ISA=sse41" << true;
        QTest::newRow("f32, unknown tier") << "f32" << "ATTENTIVE_MAX_ISA=avx3" << true;
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
            if (maxIsa.endsWith("avx3"))
                QVERIFY2(run.err.contains("ATTENTIVE_MAX_ISA") && run.err.contains("avx512_bf16"), qPrintable(run.err));
            else
                QVERIFY2(run.err.contains("precision " + precision) && run.err.contains("not supported"),
                         qPrintable(run.err));
            QVERIFY(run.out.isEmpty());
        } else {
            QVERIFY2(run.exit_code == 0, qPrintable(run.err));
            QCOMPARE(run.out.count('\n'), 2);
        }
    }

    // A model whose config prefers int8 (as the shipped ones do) runs it on an AVX2-only CPU,
    // and still translates and benchmarks below AVX2, in f32: a model's default is a preference.
    void modelDefaultFallsBackToF32() {
        QTemporaryDir dir;
        const QString model = dir.filePath("int8-model");
        attentive::ModelConfig config = attentive::testing::tiny_config();
        config.precision = "int8";
        attentive::testing::write_random_model(model.toStdString(), config, 4);
        const Run translate = run_cli({"translate", "-m", model, "--greedy"}, "a man plays\n", "ATTENTIVE_MAX_ISA=sse41");
        QVERIFY2(translate.exit_code == 0, qPrintable(translate.err));
        QCOMPARE(translate.out.count('\n'), 1);
        const Run old_cpu = run_cli({"bench", "-m", model, "--repeats", "1", "--threads", "1"}, {}, "ATTENTIVE_MAX_ISA=sse41");
        QVERIFY2(old_cpu.exit_code == 0, qPrintable(old_cpu.err));
        QVERIFY2(old_cpu.out.contains("\"precision\": \"f32\""), qPrintable(old_cpu.out));
        QVERIFY2(old_cpu.out.contains("\"cpu_tier\": \"sse41\""), qPrintable(old_cpu.out));
        const Run avx2 = run_cli({"bench", "-m", model, "--repeats", "1", "--threads", "1"}, {}, "ATTENTIVE_MAX_ISA=avx2");
        QVERIFY2(avx2.exit_code == 0, qPrintable(avx2.err));
        QVERIFY2(avx2.out.contains("\"precision\": \"int8\""), qPrintable(avx2.out));
        QVERIFY2(avx2.out.contains("\"isa\": \"avx2\""), qPrintable(avx2.out));
        QVERIFY2(avx2.out.contains("\"cpu_tier\": \"avx2\""), qPrintable(avx2.out));
        QVERIFY2(avx2.out.contains("\"max_isa_cap\": \"avx2\""), qPrintable(avx2.out));
    }
};

QTEST_GUILESS_MAIN(TestCliPrecision)
#include "test_cli_precision.moc"
