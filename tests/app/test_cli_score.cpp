// 'attentive-cli score' run as a process: sacreBLEU's README example, JSON output, and the exit
// codes and messages for bad input.

#include <QTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "support/cli_process.h"

namespace {

using Run = attentive::testing::CliRun;
using attentive::testing::run_cli;

QString write_file(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write(content);
    return path;
}

}  // namespace

class TestCliScore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_hyp, m_ref1, m_ref2;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_hyp = write_file(m_dir, "hyp.txt",
                           "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
        m_ref1 = write_file(m_dir, "ref1.txt",
                            "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n");
        // CRLF line ends and no final newline are read the same way.
        m_ref2 = write_file(m_dir, "ref2.txt",
                            "The dog had bit the man.\r\nNo one was surprised.\r\nThe man had bitten the dog.");
        QVERIFY(!m_hyp.isEmpty() && !m_ref1.isEmpty() && !m_ref2.isEmpty());
    }

    void sacrebleu_example() {
        const Run run = run_cli({"score", "--hyp", m_hyp, "--ref", m_ref1, "--ref", m_ref2});
        QCOMPARE(run.exit_code, 0);
        const QStringList lines = run.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QString("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 "
                                   "hyp_len = 17 ref_len = 18)"));
        QCOMPARE(lines[1], QString("chrF2 = 59.73"));
        QVERIFY2(lines[2].startsWith("BLEU (lowercased, tokenized) = "), qPrintable(lines[2]));
    }

    void hypotheses_from_stdin() {
        const Run run = run_cli({"score", "--hyp", "-", "--ref", m_ref1, "--ref", m_ref2},
                                "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
        QCOMPARE(run.exit_code, 0);
        QVERIFY(run.out.startsWith("BLEU = 48.53 "));
    }

    void json_output() {
        const Run run = run_cli({"score", "--hyp", m_hyp, "--ref", m_ref1, "--ref", m_ref2, "--json"});
        QCOMPARE(run.exit_code, 0);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = document.object();
        QCOMPARE(QString::number(root["bleu"].toObject()["score"].toDouble(), 'f', 2), QString("48.53"));
        QCOMPARE(root["bleu"].toObject()["hyp_len"].toInt(), 17);
        QCOMPARE(root["bleu"].toObject()["precisions"].toArray().size(), 4);
        QCOMPARE(QString::number(root["chrf"].toDouble(), 'f', 2), QString("59.73"));
        QCOMPARE(root["lines"].toInt(), 3);
    }

    void lowercase_flag() {
        const QString upper = write_file(m_dir, "upper.txt", "THE DOG BIT THE MAN TODAY.\n");
        const QString lower = write_file(m_dir, "lower.txt", "the dog bit the man today.\n");
        const Run cased = run_cli({"score", "--hyp", upper, "--ref", lower});
        QCOMPARE(cased.exit_code, 0);
        QVERIFY2(!cased.out.startsWith("BLEU = 100.00"), qPrintable(cased.out));
        const Run uncased = run_cli({"score", "--hyp", upper, "--ref", lower, "--lowercase"});
        QCOMPARE(uncased.exit_code, 0);
        QVERIFY2(uncased.out.startsWith("BLEU (lowercased) = 100.00"), qPrintable(uncased.out));
    }

    void mismatched_line_counts() {
        const QString short_ref = write_file(m_dir, "short.txt", "The dog bit the man.\nOnly two lines.\n");
        const Run run = run_cli({"score", "--hyp", m_hyp, "--ref", m_ref1, "--ref", short_ref});
        QCOMPARE(run.exit_code, 4);
        QVERIFY2(run.err.contains("short.txt") && run.err.contains("hyp.txt"), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void invalid_utf8_names_file_and_line() {
        const QString broken = write_file(m_dir, "broken.txt", "fine\ncaf\xC3 bad\nfine\n");
        const Run run = run_cli({"score", "--hyp", broken, "--ref", m_ref1});
        QCOMPARE(run.exit_code, 4);
        QVERIFY2(run.err.contains("broken.txt") && run.err.contains("line 2"), qPrintable(run.err));
    }

    void usage_errors() {
        QCOMPARE(run_cli({"score", "--ref", m_ref1}).exit_code, 2);
        QCOMPARE(run_cli({"score", "--hyp", m_hyp}).exit_code, 2);
        QCOMPARE(run_cli({"score", "--hyp", m_hyp, "--ref", m_ref1, "--bogus"}).exit_code, 2);
        const Run missing = run_cli({"score", "--hyp", m_dir.filePath("nope.txt"), "--ref", m_ref1});
        QCOMPARE(missing.exit_code, 4);
        QVERIFY(missing.err.contains("nope.txt"));
        const Run help = run_cli({"score", "--help"});
        QCOMPARE(help.exit_code, 0);
        QVERIFY(help.out.contains("--hyp"));
    }
};

QTEST_GUILESS_MAIN(TestCliScore)
#include "test_cli_score.moc"
