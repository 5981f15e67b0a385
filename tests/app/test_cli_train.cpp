// attentive-cli train / eval / info end to end: a tiny model trained from a tiny corpus through
// the command line, then inspected and scored; usage mistakes exit with code 2.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QThread>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/types.h>

#include "support/cli_process.h"

namespace {

using Run = attentive::testing::CliRun;
using attentive::testing::run_cli;

void write_text(const QString& path, const QString& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

QString tiny_tsv() {
    const QStringList english = {"the cat sleeps", "a dog runs", "the man eats bread", "a woman reads",
                                 "the child plays", "my friend sings", "the bird flies", "a horse jumps"};
    const QStringList french = {"le chat dort", "un chien court", "l'homme mange du pain", "une femme lit",
                                "l'enfant joue", "mon ami chante", "l'oiseau vole", "un cheval saute"};
    QString text;
    for (int repeat = 0; repeat < 5; ++repeat) {
        for (int i = 0; i < english.size(); ++i) text += english[i] + "\t" + french[i] + "\n";
    }
    text += "a line without a tab\n";  // malformed: counted, not fatal
    return text;
}

QStringList tiny_model_options() {
    return {"--vocab-size", "40", "--joint-vocab", "--embedding", "8", "--encoder-layers", "1",
            "--encoder-hidden", "6", "--decoder-layers", "1", "--decoder-hidden", "12",
            "--batch-tokens", "200", "--warmup", "2", "--threads", "1", "--quiet"};
}

}  // namespace

class TestCliTrain : public QObject {
    Q_OBJECT

private slots:
    void trainsThenEvaluates() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString corpus = dir.filePath("tiny.tsv");
        write_text(corpus, tiny_tsv());
        const QString out = dir.filePath("model");
        const Run train = run_cli(QStringList{"train", "--out", out, "--tsv", corpus, "--dev-tsv", corpus,
                                              "--max-steps", "6", "--valid-every", "3", "--valid-sentences",
                                              "4"} +
                                  tiny_model_options());
        QVERIFY2(train.exit_code == 0, qPrintable(train.err));
        QVERIFY2(train.err.contains("1 malformed"), qPrintable(train.err));
        QVERIFY2(train.err.contains("validation at step 3"), qPrintable(train.err));
        for (const char* file : {"config.json", "model.safetensors", "source.spm", "target.spm", "card.md",
                                 "target_words.txt"}) {
            QVERIFY2(QFile::exists(QDir(out).filePath(file)), file);
        }
        QFile card(QDir(out).filePath("card.md"));
        QVERIFY(card.open(QIODevice::ReadOnly));
        const QString card_text = QString::fromUtf8(card.readAll());
        QVERIFY(card_text.contains("attentive-cli train --out"));
        QVERIFY(card_text.contains("| 6 |"));

        const Run info = run_cli({"info", "-m", out});
        QVERIFY2(info.exit_code == 0, qPrintable(info.err));
        QVERIFY(info.out.contains("translate"));

        const QString hypotheses = dir.filePath("hyp.txt");
        const Run eval = run_cli({"eval", "-m", out, "--tsv", corpus, "--greedy", "--limit", "5",
                                  "--output", hypotheses, "--threads", "1"});
        QVERIFY2(eval.exit_code == 0, qPrintable(eval.err));
        QVERIFY2(eval.out.contains("BLEU = "), qPrintable(eval.out));
        QVERIFY(eval.out.contains("chrF2 = "));
        QVERIFY(eval.out.contains("BLEU (lowercased, tokenized) = "));
        QVERIFY(eval.out.contains("5 sentences"));
        QFile hyp(hypotheses);
        QVERIFY(hyp.open(QIODevice::ReadOnly));
        QCOMPARE(hyp.readAll().count('\n'), 5);

        // Resume the same run for two more steps.
        const Run resumed = run_cli(QStringList{"train", "--out", out, "--tsv", corpus, "--max-steps", "8",
                                                "--valid-every", "0", "--resume", out} +
                                    tiny_model_options());
        QVERIFY2(resumed.exit_code == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains("resumed from"), qPrintable(resumed.err));
        QVERIFY(resumed.out.contains("8 steps"));
    }

    // Ctrl+C in the middle of training steps: the run stops after the step, saves a checkpoint
    // and exits with code 5; the run then resumes from it. (A signal handler running on the
    // computing thread once corrupted the heap here; a run of steps is interrupted at several
    // points to catch that.)
    // A chat model's folder gets the words of its training dialogues, which its replies keep to
    // (core/decoding/word_list_filter.h); the separator of the context's turns is no word. And the
    // pairs of its reply memory.
    void chatModelListsItsReplyWords() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dialogues = dir.filePath("dialogues.txt");
        QString text;
        for (int repeat = 0; repeat < 10; ++repeat)
            text += "Hello there! __eou__ Hi, how's Aisha? __eou__ She's fine, thanks. __eou__\n";
        write_text(dialogues, text);
        const QString out = dir.filePath("chat");
        const Run train = run_cli(QStringList{"train", "--out", out, "--task", "chat", "--source-lang", "en",
                                              "--target-lang", "en", "--dialogues", dialogues, "--max-steps", "1"} +
                                  tiny_model_options() + QStringList{"--vocab-size", "28"});
        QVERIFY2(train.exit_code == 0, qPrintable(train.err));
        QFile list(QDir(out).filePath("reply_words.txt"));
        QVERIFY(list.open(QIODevice::ReadOnly));
        QStringList words;
        for (const QString& line : QString::fromUtf8(list.readAll()).split('\n'))
            if (!line.isEmpty() && !line.startsWith('#')) words << line;
        QCOMPARE(words, (QStringList{"aisha", "fine", "hello", "hi", "how", "s", "she", "thanks", "there"}));
        // And its reply memory (core/decoding/reply_memory.h): each distinct reply beside the
        // turn it answers, not the context's earlier turns.
        QFile memory(QDir(out).filePath("replies.tsv"));
        QVERIFY(memory.open(QIODevice::ReadOnly));
        QStringList pairs;
        for (const QString& line : QString::fromUtf8(memory.readAll()).split('\n'))
            if (!line.isEmpty() && !line.startsWith('#')) pairs << line;
        QCOMPARE(pairs, (QStringList{"Hello there!\tHi, how's Aisha?", "Hi, how's Aisha?\tShe's fine, thanks."}));
    }

    void interruptSavesACheckpoint_data() {
        QTest::addColumn<int>("delayMs");
        for (int delay : {0, 100, 250, 400, 600})
            QTest::newRow(qPrintable(QString("after %1 ms").arg(delay))) << delay;
    }
    void interruptSavesACheckpoint() {
        QFETCH(int, delayMs);
        QTemporaryDir dir;
        const QString corpus = dir.filePath("tiny.tsv");
        write_text(corpus, tiny_tsv());
        const QString out = dir.filePath("model");
        const QStringList options = {"--vocab-size", "40", "--joint-vocab", "--embedding", "64",
                                     "--encoder-hidden", "64", "--decoder-hidden", "128", "--batch-tokens", "200",
                                     "--valid-every", "0", "--threads", "1"};
        QProcess train;
        train.start(QStringLiteral(ATTENTIVE_CLI_PATH), QStringList{"train", "--out", out, "--tsv", corpus} + options);
        QVERIFY(train.waitForStarted());
        QByteArray err;
        QElapsedTimer waited;
        waited.start();
        while (!err.contains("step ") && waited.elapsed() < 60000 && train.state() == QProcess::Running) {
            train.waitForReadyRead(100);
            err += train.readAllStandardError();
        }
        QVERIFY2(err.contains("step "), err.constData());  // the training loop runs
        QThread::msleep(delayMs);
        QVERIFY(::kill(static_cast<pid_t>(train.processId()), SIGINT) == 0);
        QVERIFY(train.waitForFinished(60000));
        err += train.readAllStandardError();
        QCOMPARE(train.exitStatus(), QProcess::NormalExit);
        QVERIFY2(train.exitCode() == 5, err.constData());
        QVERIFY2(err.contains("stopped (interrupted)"), err.constData());
        QVERIFY(QFile::exists(QDir(out).filePath("checkpoint/model.safetensors")));

        const Run resumed = run_cli(QStringList{"train", "--out", out, "--tsv", corpus, "--resume", out,
                                                "--max-steps", "1000000", "--max-epochs", "1", "--quiet"} +
                                    options);
        QVERIFY2(resumed.exit_code == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains("resumed from"), qPrintable(resumed.err));
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no data") << QStringList{"train", "--out", "x"} << "no training data";
        QTest::newRow("no out") << QStringList{"train", "--tsv", "a.tsv"} << "--out";
        QTest::newRow("bad columns") << QStringList{"train", "--out", "x", "--tsv", "a.tsv", "--columns", "1,1"}
                                     << "--columns";
        QTest::newRow("src without tgt") << QStringList{"train", "--out", "x", "--src", "a.en"} << "--tgt";
        QTest::newRow("bad task") << QStringList{"train", "--out", "x", "--tsv", "a", "--task", "poem"} << "--task";
        QTest::newRow("unknown option") << QStringList{"train", "--out", "x", "--frobnicate"} << "unknown option";
        QTest::newRow("eval without refs") << QStringList{"eval", "-m", "x", "--src", "a"} << "--ref";
    }
    void usageErrors() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = run_cli(arguments);
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void misalignedFilesAreInputErrors() {
        QTemporaryDir dir;
        write_text(dir.filePath("a.en"), "one\ntwo\n");
        write_text(dir.filePath("a.fr"), "un\n");
        const Run run = run_cli(QStringList{"train", "--out", dir.filePath("m"), "--src", dir.filePath("a.en"),
                                            "--tgt", dir.filePath("a.fr")} +
                                tiny_model_options());
        QCOMPARE(run.exit_code, 4);
        QVERIFY2(run.err.contains("a.en") && run.err.contains("a.fr"), qPrintable(run.err));
    }

    void helpExplainsOptions() {
        const Run run = run_cli({"train", "--help"});
        QCOMPARE(run.exit_code, 0);
        QVERIFY(run.out.contains("--batch-tokens"));
        QVERIFY(run.out.contains("--resume"));
    }
};

QTEST_GUILESS_MAIN(TestCliTrain)
#include "test_cli_train.moc"
