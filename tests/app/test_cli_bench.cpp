// 'attentive-cli bench' run as a process on a tiny random model with tokenizers: it exits 0 and
// prints JSON with the latency figures, the peak memory and the "paste" figure.

#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "support/test_models.h"

class TestCliBench : public QObject {
    Q_OBJECT

private slots:
    void reportsLatencyMemoryAndPaste() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString model = dir.filePath("model");
        attentive::testing::write_random_model(model.toStdString(), attentive::testing::tiny_config(), 4);
        QProcess process;
        process.start(ATTENTIVE_CLI_PATH, {"bench", "-m", model, "--threads", "1", "--repeats", "1",
                                           "--paste-pages", "1"});
        QVERIFY(process.waitForFinished(120000));
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitCode(), 0);
        QJsonParseError error{};
        const QJsonObject out = QJsonDocument::fromJson(process.readAllStandardOutput(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + " " + err));
        QVERIFY(out["greedy_batch1_ms"].toDouble() > 0.0);
        QVERIFY(out["beam5_batch1_ms"].toDouble() > 0.0);
        QVERIFY(out["greedy_batch32_sentences_per_s"].toDouble() > 0.0);
        QVERIFY(out["peak_rss_mb_after_load"].toDouble() > 0.0);
        QVERIFY(out["peak_rss_mb_after_runs"].toDouble() >= out["peak_rss_mb_after_load"].toDouble());
        const QJsonObject paste = out["paste"].toObject();
        QVERIFY(paste["sentences"].toInt() > 20);  // 30 written, as the splitter sees them
        QCOMPARE(paste["pages"].toInt(), 1);
        QVERIFY(paste["pages_per_s"].toDouble() > 0.0);
        QVERIFY(paste["sentences_per_s"].toDouble() > 0.0);
        QVERIFY(paste["first_sentence_in_order_ms"].toDouble() > 0.0);
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "test_cli_bench.moc"
