// 'attentive-cli translate' run as a process on the shipped en-fr model: every sentence of a
// line is translated (the models end a translation after one sentence, so a line read as one
// sentence lost the rest of it), and French typed without "œ" is read as the model knows it.

#include <QtTest>

#include "support/cli_process.h"

namespace {

using attentive::testing::CliRun;
using attentive::testing::run_cli;

QString model(const char* name) { return QStringLiteral(ATTENTIVE_SOURCE_DIR "/models/") + name; }

}  // namespace

class TestCliTranslate : public QObject {
    Q_OBJECT

private slots:
    void everySentenceOfALineIsTranslated() {
        const CliRun run = run_cli({"translate", "-m", model("en-fr"), "--threads", "1"},
                                   "We arrived in Lyon on Friday. The weather was lovely.\nThank you.\n");
        QCOMPARE(run.exit_code, 0);
        const QStringList lines = run.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].contains("Lyon") && lines[0].contains("temps"), qPrintable(lines[0]));
    }

    void frenchWithoutTheLigatureIsUnderstood() {
        const CliRun run = run_cli({"translate", "-m", model("fr-en"), "--threads", "1"}, "Mon coeur bat vite.\n");
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.out.contains("heart"), qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestCliTranslate)
#include "test_cli_translate.moc"
