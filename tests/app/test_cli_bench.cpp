// 'attentive-cli bench' end to end on a tiny model (with tokenizers) the test writes: it runs and
// reports every figure -- latencies, peak memory, the "paste" text, training -- as positive JSON
// numbers. Timings are not asserted (they belong to benchmarks).

#include <QTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "support/cli_process.h"
#include "support/test_models.h"

using attentive::testing::CliRun;
using attentive::testing::run_cli;

class TestCliBench : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model;

    static QJsonObject parsed(const CliRun& run) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) qWarning("not JSON: %s", qPrintable(run.out));
        return document.object();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath("model");
        attentive::testing::write_random_model(m_model.toStdString(), attentive::testing::tiny_config(), 5);
    }

    void decodingFigures() {
        const CliRun run =
            run_cli({"bench", "-m", m_model, "--repeats", "1", "--threads", "1", "--paste-pages", "1"});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject figures = parsed(run);
        for (const char* key : {"load_ms", "greedy_batch1_ms", "greedy_batch1_ms_per_token", "beam5_batch1_ms",
                                "greedy_batch32_sentences_per_s", "peak_rss_mb_after_load", "read_bandwidth_gb_s",
                                "decoder_weights_per_token_mb", "bandwidth_floor_20_tokens_ms",
                                "search_only_greedy_ms", "search_only_beam5_ms"})
            QVERIFY2(figures.value(key).toDouble() > 0.0, key);
        QVERIFY(figures.value("peak_rss_mb_after_runs").toDouble() >= figures.value("peak_rss_mb_after_load").toDouble());
        QCOMPARE(figures.value("threads").toInt(), 1);
        QCOMPARE(figures.value("precision").toString(), QString("f32"));
        QVERIFY(!figures.value("cpu").toString().isEmpty());
        const QJsonObject paste = figures.value("paste").toObject();
        QVERIFY(paste.value("sentences").toInt() > 20);  // 30 written, as the splitter sees them
        QCOMPARE(paste.value("pages").toInt(), 1);
        for (const char* key : {"pages_per_s", "sentences_per_s", "first_sentence_in_order_ms"})
            QVERIFY2(paste.value(key).toDouble() > 0.0, key);
    }

    void trainingFigures() {
        const CliRun run = run_cli({"bench", "-m", m_model, "--training", "--repeats", "1", "--threads", "1"});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject figures = parsed(run);
        QVERIFY(figures.value("training_target_tokens_per_s").toDouble() > 0.0);
        QVERIFY(figures.value("training_step_ms").toDouble() > 0.0);
        QCOMPARE(figures.value("training_precision").toString(), QString("f32"));
    }

    void badArgumentsAreRefused() {
        const CliRun missing = run_cli({"bench", "-m", m_dir.filePath("no-such-model"), "--repeats", "1"});
        QVERIFY(missing.exit_code > 0);
        QVERIFY(missing.err.contains("error"));
        const CliRun shape = run_cli({"bench", "--shape", "huge"});
        QCOMPARE(shape.exit_code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "test_cli_bench.moc"
