// The training loop end to end on a tiny model and corpus: a model folder in the documented
// layout, and --resume continuing exactly: N steps, stop, M more steps gives bit for bit the
// weights and optimizer state of N + M uninterrupted steps with the same seed; checkpoint
// averaging gives the element-wise mean and refuses folders of another vocabulary.

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

#include "core/config.h"
#include "core/errors.h"
#include "core/training/checkpoint_average.h"
#include "core/training/parameters.h"
#include "core/training/trainer.h"

using namespace attentive;
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// A small parallel corpus with enough variety for a 40-piece vocabulary.
fs::path write_corpus(const fs::path& dir) {
    const char* english[] = {"the cat sleeps", "a dog runs", "the man eats bread", "a woman reads",
                             "the child plays", "my friend sings", "the bird flies", "a horse jumps",
                             "the cat eats fish", "a dog sleeps", "the woman sings", "my child reads"};
    const char* french[] = {"le chat dort", "un chien court", "l'homme mange du pain", "une femme lit",
                            "l'enfant joue", "mon ami chante", "l'oiseau vole", "un cheval saute",
                            "le chat mange du poisson", "un chien dort", "la femme chante", "mon enfant lit"};
    const fs::path path = dir / "tiny.tsv";
    std::ofstream out(path);
    for (int repeat = 0; repeat < 4; ++repeat) {
        for (int i = 0; i < 12; ++i) out << english[i] << "\t" << french[i] << "\n";
    }
    return path;
}

TrainingOptions tiny_options(const fs::path& corpus, const fs::path& out) {
    TrainingOptions options;
    options.output_dir = out;
    CorpusSource source;
    source.path = corpus;
    options.train_sources = {source};
    options.model.embedding_size = 8;
    options.model.encoder_layers = 1;
    options.model.encoder_hidden_size = 6;
    options.model.decoder_layers = 2;
    options.model.decoder_hidden_size = 12;
    options.model.dropout = 0.1f;  // exercises the saved random state
    options.vocab_size = 40;
    options.joint_vocab = true;
    options.batch_tokens = 120;    // several batches an epoch, so the data position matters
    options.adam.warmup_steps = 3;
    options.valid_every = 0;
    options.seed = 11;
    options.threads = 1;
    options.progress = false;
    options.log = [](const std::string&) {};
    return options;
}

}  // namespace

class TestTrainerResume : public QObject {
    Q_OBJECT

private slots:
    void writesModelFolder() {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        TrainingOptions options = tiny_options(write_corpus(root), root / "model");
        options.max_steps = 3;
        options.save_dtype = DType::f16;
        options.command_line = "attentive-cli train --test";
        const TrainingResult result = train_model(options);
        QCOMPARE(result.steps, std::int64_t{3});
        QCOMPARE(QString::fromStdString(result.stop_reason), QString("max steps"));
        for (const char* file : {"config.json", "model.safetensors", "source.spm", "target.spm", "card.md",
                                 "checkpoint/config.json", "checkpoint/model.safetensors",
                                 "checkpoint/optimizer.safetensors", "checkpoint/trainer_state.json"}) {
            QVERIFY2(fs::exists(root / "model" / file), file);
        }
        const ModelConfig config = load_config(root / "model" / "config.json");
        QCOMPARE(config.task, Task::translate);
        QCOMPARE(config.source_vocab_size, 40);
        QCOMPARE(config.decoding.value("beam_size", 0), 5);
        // f16 weights are half the size of the f32 checkpoint's (headers aside).
        QVERIFY(fs::file_size(root / "model" / "model.safetensors") <
                fs::file_size(root / "model" / "checkpoint" / "model.safetensors") * 6 / 10);
        const std::string card = read_bytes(root / "model" / "card.md");
        QVERIFY(card.find("attentive-cli train --test") != std::string::npos);
        QVERIFY(card.find("Parameters:") != std::string::npos);
    }

    void resumeContinuesExactly() {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const fs::path corpus = write_corpus(root);

        TrainingOptions straight = tiny_options(corpus, root / "straight");
        straight.max_steps = 9;
        train_model(straight);

        TrainingOptions first = tiny_options(corpus, root / "split");
        first.max_steps = 5;
        QCOMPARE(train_model(first).steps, std::int64_t{5});
        TrainingOptions second = tiny_options(corpus, root / "split");
        second.max_steps = 9;
        second.resume_from = root / "split";
        QCOMPARE(train_model(second).steps, std::int64_t{9});

        const std::string a = read_bytes(root / "straight" / "checkpoint" / "model.safetensors");
        const std::string b = read_bytes(root / "split" / "checkpoint" / "model.safetensors");
        QVERIFY(!a.empty());
        QVERIFY2(a == b, "resumed weights differ from uninterrupted training");
        QVERIFY(read_bytes(root / "straight" / "checkpoint" / "optimizer.safetensors") ==
                read_bytes(root / "split" / "checkpoint" / "optimizer.safetensors"));

        // A run with another seed really differs, so the comparison above can fail.
        TrainingOptions other = tiny_options(corpus, root / "other");
        other.max_steps = 9;
        other.seed = 12;
        train_model(other);
        QVERIFY(read_bytes(root / "other" / "checkpoint" / "model.safetensors") != a);
    }

    void stopFlagSavesCheckpoint() {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        TrainingOptions options = tiny_options(write_corpus(root), root / "model");
        options.max_steps = 100;
        const std::atomic<bool> stop{true};
        const TrainingResult result = train_model(options, &stop);
        QVERIFY(result.interrupted);
        QCOMPARE(result.steps, std::int64_t{0});
        QVERIFY(fs::exists(root / "model" / "checkpoint" / "trainer_state.json"));
        QVERIFY(fs::exists(root / "model" / "model.safetensors"));
    }

    void resumeRefusesOtherData() {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        TrainingOptions options = tiny_options(write_corpus(root), root / "model");
        options.max_steps = 2;
        train_model(options);
        std::ofstream(root / "tiny.tsv", std::ios::app) << "one more line\tune ligne de plus\n";
        TrainingOptions resumed = tiny_options(root / "tiny.tsv", root / "model");
        resumed.max_steps = 4;
        resumed.resume_from = root / "model";
        QVERIFY_THROWS_EXCEPTION(InputError, train_model(resumed));
    }

    void resumeNeedsCheckpoint() {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        TrainingOptions options = tiny_options(write_corpus(root), root / "model");
        options.resume_from = root / "nothing-here";
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, train_model(options));
    }

    void averagesCheckpoints() {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const fs::path corpus = write_corpus(root);
        TrainingOptions first = tiny_options(corpus, root / "a");
        first.max_steps = 2;
        train_model(first);
        TrainingOptions second = tiny_options(corpus, root / "b");
        second.max_steps = 4;
        second.seed = 12;
        second.vocab_from = root / "a";
        train_model(second);

        average_model_folders({root / "a", root / "b"}, root / "mean", DType::f32);
        const ModelConfig config = load_config(root / "mean" / "config.json");
        const Parameters a = load_parameters(config, root / "a" / "model.safetensors");
        const Parameters b = load_parameters(config, root / "b" / "model.safetensors");
        const Parameters mean = load_parameters(config, root / "mean" / "model.safetensors");
        bool differ = false;
        for (const auto& [name, tensor] : mean) {
            for (std::size_t k = 0; k < tensor.values.size(); ++k) {
                const float expected = (a.at(name).values[k] + b.at(name).values[k]) * 0.5f;
                QVERIFY2(std::abs(tensor.values[k] - expected) < 1e-6f, name.c_str());
                differ = differ || a.at(name).values[k] != b.at(name).values[k];
            }
        }
        QVERIFY(differ);  // two different runs, so the mean is not one of them
        QCOMPARE(read_bytes(root / "mean" / "target.spm"), read_bytes(root / "a" / "target.spm"));

        TrainingOptions other = tiny_options(corpus, root / "other");
        other.max_steps = 1;
        other.vocab_size = 38;  // another vocabulary
        train_model(other);
        QVERIFY_THROWS_EXCEPTION(ModelFormatError,
                                 average_model_folders({root / "a", root / "other"}, root / "bad", DType::f32));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, average_model_folders({}, root / "none", DType::f32));
    }

    void groupsReferencesBySource() {
        const auto [sources, references] =
            group_references({{"Hi.", "Salut."}, {"Go.", "Va !"}, {"Hi.", "Bonjour."}, {"Hi.", "Coucou."}});
        QCOMPARE(sources.size(), std::size_t{2});
        QCOMPARE(references.size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(references[0][0]), QString("Salut."));
        QCOMPARE(QString::fromStdString(references[2][0]), QString("Coucou."));
        QCOMPARE(QString::fromStdString(references[1][1]), QString("Va !"));  // padded with the first
        QCOMPARE(QString::fromStdString(references[2][1]), QString("Va !"));
    }
};

QTEST_GUILESS_MAIN(TestTrainerResume)
#include "test_trainer_resume.moc"
