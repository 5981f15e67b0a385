// train/torch against the engine, end to end: a model trained a few steps in PyTorch loads in
// attentive-cli and gives the same greedy ids, logits within 1e-4 (f32) and text; a model
// trained by attentive-cli loads into the PyTorch module with the same result; fine-tuning
// starts from a model folder and resumes from its checkpoint; two torchrun processes (gloo)
// end with identical weights and a falling loss. Tiny models, a few steps each.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "support/cli_process.h"

namespace {

using attentive::testing::CliRun;
using attentive::testing::run_cli;

const QString kTrainer = QStringLiteral(ATTENTIVE_SOURCE_DIR "/train/torch/train.py");
const QString kCompare = QStringLiteral(ATTENTIVE_SOURCE_DIR "/train/torch/compare.py");
const QString kCheckModule = QStringLiteral(ATTENTIVE_SOURCE_DIR "/tests/torch/check_module.py");

CliRun run_program(const QString& program, const QStringList& arguments, int timeout_ms = 300000) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // One thread a process: the machine is shared, and the results must not depend on it.
    environment.insert("OMP_NUM_THREADS", "1");
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    CliRun run;
    if (!process.waitForStarted(10000)) {
        run.err = program + " did not start: " + process.errorString();
        return run;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        process.waitForFinished();
        run.err = program + " timed out";
        return run;
    }
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() == QProcess::NormalExit) run.exit_code = process.exitCode();
    return run;
}

CliRun run_python(const QStringList& arguments) {
    return run_program(QStringLiteral(ATTENTIVE_TORCH_PYTHON), arguments);
}

void write_text(const QString& path, const QString& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

QByteArray read_bytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QStringList kEnglish = {"the cat sleeps", "a dog runs", "the man eats bread", "a woman reads",
                              "the child plays", "my friend sings", "the bird flies", "a horse jumps"};
const QStringList kFrench = {"le chat dort", "un chien court", "l'homme mange du pain", "une femme lit",
                             "l'enfant joue", "mon ami chante", "l'oiseau vole", "un cheval saute"};

QString tiny_tsv() {
    QString text;
    for (int repeat = 0; repeat < 5; ++repeat)
        for (int i = 0; i < kEnglish.size(); ++i) text += kEnglish[i] + "\t" + kFrench[i] + "\n";
    return text;
}

// Sizes shared by both trainers; input feeding and mlp attention exercise the step-by-step path.
QStringList tiny_architecture() {
    return {"--vocab-size", "40", "--joint-vocab", "--embedding", "8", "--encoder-layers", "2",
            "--encoder-hidden", "6", "--decoder-layers", "2", "--decoder-hidden", "12",
            "--attention", "mlp", "--batch-tokens", "120", "--lr", "0.02", "--warmup", "2",
            "--threads", "1", "--quiet"};
}

}  // namespace

class TestTorchTrainer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_corpus, m_sentences;

    // The engine's f32 dump and greedy text for `model`, compared by compare.py; returns its report.
    QJsonObject compareWithEngine(const QString& model) {
        const QString dump = QDir(model).filePath("../" + QFileInfo(model).fileName() + ".dump.json");
        const CliRun bench = run_cli({"bench", "-m", model, "--precision", "f32", "--threads", "1", "--dump", dump});
        if (bench.exit_code != 0) {
            qWarning("%s", qPrintable(bench.err));
            return {};
        }
        QByteArray sentences = read_bytes(m_sentences);
        // The network's arithmetic is compared, not the search's word list (PyTorch has none).
        const CliRun translate = run_cli({"translate", "-m", model, "--greedy", "--json", "--precision", "f32",
                                          "--threads", "1", "--any-words"}, sentences);
        if (translate.exit_code != 0) {
            qWarning("%s", qPrintable(translate.err));
            return {};
        }
        const QString engineJson = dump + ".jsonl";
        write_text(engineJson, translate.out);
        const CliRun compare = run_python({kCompare, "-m", model, "--dump", dump, "--sentences", m_sentences,
                                           "--engine-json", engineJson, "--tolerance", "1e-4"});
        if (compare.exit_code != 0) qWarning("compare.py: %s\n%s", qPrintable(compare.out), qPrintable(compare.err));
        QJsonObject report = QJsonDocument::fromJson(compare.out.toUtf8()).object();
        report.insert("exit_code", compare.exit_code);
        return report;
    }

    void verifyMatch(const QJsonObject& report) {
        QVERIFY2(!report.isEmpty(), "no comparison report");
        QCOMPARE(report.value("exit_code").toInt(), 0);
        QVERIFY(report.value("match").toBool());
        QCOMPARE(report.value("same_ids").toInt(), 4);
        QVERIFY(report.value("max_logit_diff").toDouble() <= 1e-4);
        QVERIFY(report.value("max_attention_diff").toDouble() <= 1e-4);
        // Trained weights, not a near-zero model where any logits would agree.
        QVERIFY(report.value("max_abs_logit").toDouble() > 0.5);
        QCOMPARE(report.value("text").toObject().value("same_ids").toInt(), kEnglish.size());
    }

private slots:
    void initTestCase() {
        const CliRun probe = run_python({"-c", "import torch, sentencepiece"});
        if (probe.exit_code != 0)
            QSKIP(qPrintable("PyTorch tests skipped: " ATTENTIVE_TORCH_PYTHON " cannot import torch and "
                             "sentencepiece (install python3-torch python3-sentencepiece, as "
                             "scripts/install-deps.sh does): " + probe.err.trimmed()));
        QVERIFY(m_dir.isValid());
        m_corpus = m_dir.filePath("tiny.tsv");
        write_text(m_corpus, tiny_tsv());
        m_sentences = m_dir.filePath("sentences.txt");
        write_text(m_sentences, kEnglish.join('\n') + '\n');
    }

    void moduleChecksItself() {
        const CliRun check = run_python({kCheckModule});
        QVERIFY2(check.exit_code == 0, qPrintable(check.out + check.err));
        QCOMPARE(check.out.trimmed(), QStringLiteral("ok"));
    }

    void pytorchModelRunsInTheEngine() {
        const QString out = m_dir.filePath("from-pytorch");
        const CliRun train = run_python(QStringList{kTrainer, "--out", out, "--tsv", m_corpus, "--max-steps", "12",
                                                    "--dropout", "0.1"} + tiny_architecture());
        QVERIFY2(train.exit_code == 0, qPrintable(train.err));
        const QStringList files = QDir(out).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{"card.md", "config.json", "model.safetensors", "source.spm", "target.spm"}));
        const QString card = QString::fromUtf8(read_bytes(QDir(out).filePath("card.md")));
        QVERIFY2(card.contains("train.py --out"), qPrintable(card));
        QVERIFY(card.contains("## Licence"));
        QVERIFY(card.contains(m_corpus));

        const CliRun info = run_cli({"info", "-m", out});
        QVERIFY2(info.exit_code == 0, qPrintable(info.err));
        QVERIFY(info.out.contains("\"attention\": \"mlp\""));
        verifyMatch(compareWithEngine(out));
    }

    // Both trainers list a chat model's words alike (core/decoding/word_list_filter.h reads them),
    // and write the same reply memory.
    void chatModelListsItsReplyWordsAsTheEngineDoes() {
        const QString dialogues = m_dir.filePath("dialogues.txt");
        QString text;
        for (int repeat = 0; repeat < 10; ++repeat)
            text += "Hello there! __eou__ Hi, how's Aisha? __eou__ She's fine, thanks. __eou__\n";
        write_text(dialogues, text);
        const QStringList chat = {"--task", "chat", "--source-lang", "en", "--target-lang", "en", "--dialogues",
                                  dialogues, "--max-steps", "1"};
        const QString torch_out = m_dir.filePath("chat-torch");
        const CliRun torch = run_python(QStringList{kTrainer, "--out", torch_out} + chat + tiny_architecture() +
                                        QStringList{"--vocab-size", "28"});
        QVERIFY2(torch.exit_code == 0, qPrintable(torch.err));
        const QString engine_out = m_dir.filePath("chat-engine");
        const CliRun engine = run_cli(QStringList{"train", "--out", engine_out} + chat + tiny_architecture() +
                                      QStringList{"--vocab-size", "28"});
        QVERIFY2(engine.exit_code == 0, qPrintable(engine.err));
        const auto words = [](const QString& folder) {
            QStringList listed;
            for (const QString& line : QString::fromUtf8(read_bytes(QDir(folder).filePath("reply_words.txt"))).split('\n'))
                if (!line.isEmpty() && !line.startsWith('#')) listed << line;
            return listed;
        };
        QCOMPARE(words(torch_out), (QStringList{"aisha", "fine", "hello", "hi", "how", "s", "she", "thanks", "there"}));
        QCOMPARE(words(torch_out), words(engine_out));
        // And their reply memories alike (core/decoding/reply_memory.h).
        const auto pairs = [](const QString& folder) {
            QStringList listed;
            for (const QString& line : QString::fromUtf8(read_bytes(QDir(folder).filePath("replies.tsv"))).split('\n'))
                if (!line.isEmpty() && !line.startsWith('#')) listed << line;
            return listed;
        };
        QCOMPARE(pairs(torch_out), (QStringList{"Hello there!\tHi, how's Aisha?", "Hi, how's Aisha?\tShe's fine, thanks."}));
        QCOMPARE(pairs(torch_out), pairs(engine_out));
    }

    void engineModelRunsInPytorch() {
        const QString out = m_dir.filePath("from-engine");
        const CliRun train = run_cli(QStringList{"train", "--out", out, "--tsv", m_corpus, "--max-steps", "12",
                                                 "--valid-every", "0"} + tiny_architecture());
        QVERIFY2(train.exit_code == 0, qPrintable(train.err));
        verifyMatch(compareWithEngine(out));
    }

    void fineTunesAnEngineModel() {
        const QString start = m_dir.filePath("from-engine");
        QVERIFY2(QFile::exists(start + "/config.json"), "needs engineModelRunsInPytorch's model");
        const QString out = m_dir.filePath("fine-tuned");
        const CliRun train = run_python(QStringList{kTrainer, "--out", out, "--from", start, "--tsv", m_corpus,
                                                    "--max-steps", "4", "--lr", "0.01", "--warmup", "0",
                                                    "--threads", "1", "--quiet"});
        QVERIFY2(train.exit_code == 0, qPrintable(train.err));
        // Same vocabularies, architecture and decoding; new weights.
        QCOMPARE(read_bytes(out + "/source.spm"), read_bytes(start + "/source.spm"));
        QCOMPARE(read_bytes(out + "/target.spm"), read_bytes(start + "/target.spm"));
        QJsonObject before = QJsonDocument::fromJson(read_bytes(start + "/config.json")).object();
        QJsonObject after = QJsonDocument::fromJson(read_bytes(out + "/config.json")).object();
        QCOMPARE(after.value("name").toString(), QStringLiteral("fine-tuned"));
        before.remove("name");
        after.remove("name");
        QCOMPARE(after, before);
        QVERIFY(read_bytes(out + "/model.safetensors") != read_bytes(start + "/model.safetensors"));
        QVERIFY(QString::fromUtf8(read_bytes(out + "/card.md")).contains("Fine-tuned from"));
        verifyMatch(compareWithEngine(out));

        // Two more steps from the checkpoint the run left in out/checkpoint.
        const QByteArray weights = read_bytes(out + "/model.safetensors");
        const CliRun resumed = run_python({kTrainer, "--out", out, "--resume", "--tsv", m_corpus, "--max-steps", "6",
                                           "--lr", "0.01", "--warmup", "0", "--threads", "1", "--quiet"});
        QVERIFY2(resumed.exit_code == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains("at step 4"), qPrintable(resumed.err));
        const QString card = QString::fromUtf8(read_bytes(out + "/card.md"));
        QVERIFY2(card.contains("- Steps: 6 ") && card.contains("Fine-tuned from"), qPrintable(card));
        QVERIFY(read_bytes(out + "/model.safetensors") != weights);
        const CliRun info = run_cli({"info", "-m", out});
        QVERIFY2(info.exit_code == 0, qPrintable(info.err));
    }

    void twoTorchrunRanksAgree() {
        const QString out = m_dir.filePath("two-ranks");
        const QString report = m_dir.filePath("two-ranks-report");
        // Debian 12's torchrun (torch 1.13 on Python 3.11) needs non-zero --redirects/--tee: its
        // default "0" parses to None there (an IntFlag change in Python 3.11).
        const CliRun run = run_program(QStringLiteral(ATTENTIVE_TORCHRUN),
                                       QStringList{"--redirects", "1", "--tee", "1", "--nproc_per_node", "2",
                                                   "--standalone", kTrainer, "--out", out, "--tsv", m_corpus,
                                                   "--max-steps", "16", "--dropout", "0", "--schedule", "constant",
                                                   "--report", report} + tiny_architecture());
        QVERIFY2(run.exit_code == 0, qPrintable(run.out + run.err));
        QJsonObject ranks[2];
        for (int rank = 0; rank < 2; ++rank) {
            ranks[rank] = QJsonDocument::fromJson(read_bytes(QString("%1.rank%2.json").arg(report).arg(rank))).object();
            QCOMPARE(ranks[rank].value("world").toInt(), 2);
            QCOMPARE(ranks[rank].value("steps").toInt(), 16);
        }
        QCOMPARE(ranks[0].value("rank").toInt(), 0);
        QCOMPARE(ranks[1].value("rank").toInt(), 1);
        const QString digest = ranks[0].value("weights_sha256").toString();
        QCOMPARE(digest.size(), 64);
        QCOMPARE(ranks[1].value("weights_sha256").toString(), digest);
        // The loss (over both ranks' batches) falls: the last four steps against the first four.
        const QJsonArray losses = ranks[0].value("losses").toArray();
        QCOMPARE(losses.size(), 16);
        double first = 0, last = 0;
        for (int i = 0; i < 4; ++i) {
            first += losses[i].toDouble() / 4;
            last += losses[losses.size() - 1 - i].toDouble() / 4;
        }
        QVERIFY2(last < first - 0.2, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
        QCOMPARE(ranks[1].value("losses").toArray(), losses);
        const CliRun info = run_cli({"info", "-m", out});
        QVERIFY2(info.exit_code == 0, qPrintable(info.err));
    }
};

QTEST_GUILESS_MAIN(TestTorchTrainer)
#include "test_torch_trainer.moc"
