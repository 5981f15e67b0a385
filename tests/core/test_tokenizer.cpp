// The SentencePiece wrapper on the committed tiny model (vocab 64: <pad> <unk> <s> </s> <sep>
// then pieces), load errors, display pieces, and training a new model from memory.

#include <QTest>

#include <QTemporaryDir>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/text/tokenizer.h"

using namespace attentive;

namespace {

const std::filesystem::path tiny_model = ATTENTIVE_SOURCE_DIR "/tests/data/tiny.spm";

std::filesystem::path in_dir(const QTemporaryDir& dir, const char* name) {
    return std::filesystem::path(dir.path().toStdString()) / name;
}

// A small corpus with enough repetition for a 50-piece vocabulary.
std::vector<std::string> generated_corpus() {
    const std::vector<std::string> subjects = {"the dog", "a small cat", "my friend", "the old man",
                                               "two children", "a woman", "the teacher"};
    const std::vector<std::string> verbs = {"sees", "likes", "walks to", "plays with", "reads",
                                            "paints", "finds"};
    const std::vector<std::string> objects = {"the house", "a red ball", "the green park",
                                              "some books", "the river", "a blue car"};
    std::vector<std::string> sentences;
    for (const auto& subject : subjects) {
        for (const auto& verb : verbs) {
            for (const auto& object : objects) sentences.push_back(subject + " " + verb + " " + object + ".");
        }
    }
    return sentences;
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

private slots:
    void loads_tiny_model() {
        const Tokenizer tokenizer(tiny_model);
        QCOMPARE(tokenizer.vocab_size(), 64);
        QCOMPARE(tokenizer.pad_id(), 0);
        QCOMPARE(tokenizer.unk_id(), 1);
        QCOMPARE(tokenizer.bos_id(), 2);
        QCOMPARE(tokenizer.eos_id(), 3);
        QCOMPARE(tokenizer.piece(28), std::string("\xE2\x96\x81the"));
        QCOMPARE(tokenizer.piece_to_id("\xE2\x96\x81the"), 28);
        QCOMPARE(tokenizer.piece_to_id("<sep>"), 4);
        QCOMPARE(tokenizer.piece_to_id("no such piece"), tokenizer.unk_id());
    }

    void load_errors_data() {
        QTest::addColumn<QByteArray>("content");  // empty: the file is not created
        QTest::newRow("missing file") << QByteArray();
        QTest::newRow("garbage") << QByteArray("this is not a protobuf \x01\x02\x03\xFF");
        QTest::newRow("truncated model") << QByteArray("\x0A\x10\x0A\x05<pad>");
        // Found by scripts/fuzz.sh: a piece starting with a NUL byte makes SentencePiece's trie
        // builder throw its own exception (Darts), which escaped as a raw message.
        QFile nul_piece(QStringLiteral(ATTENTIVE_SOURCE_DIR "/tests/data/spm-piece-starting-with-nul.spm"));
        QVERIFY(nul_piece.open(QIODevice::ReadOnly));
        QTest::newRow("piece starting with NUL") << nul_piece.readAll();
    }
    void load_errors() {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path file = in_dir(dir, "broken.spm");
        if (!content.isEmpty()) {
            std::ofstream out(file, std::ios::binary);
            out.write(content.constData(), content.size());
        }
        try {
            Tokenizer tokenizer(file);
            QFAIL("expected ModelFormatError");
        } catch (const ModelFormatError& error) {
            QVERIFY2(std::string(error.what()).find(file.string()) != std::string::npos, error.what());
        }
    }

    void encode_decode_round_trip_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("known words") << "the cat sat on the mat."
                                     << QList<int>{28, 6, 49, 61, 60, 6, 32, 61, 60, 19, 28, 6, 54, 61, 60, 5};
        QTest::newRow("capitals") << "A dog is on the street!" << QList<int>{};
        QTest::newRow("empty") << "" << QList<int>{};
    }
    void encode_decode_round_trip() {
        QFETCH(QString, text);
        QFETCH(QList<int>, ids);
        const Tokenizer tokenizer(tiny_model);
        const std::vector<int> encoded = tokenizer.encode(text.toStdString());
        if (!ids.isEmpty()) QCOMPARE(QList<int>(encoded.begin(), encoded.end()), ids);
        QCOMPARE(QString::fromStdString(tokenizer.decode(encoded)), text);
    }

    void decode_skips_special_ids() {
        const Tokenizer tokenizer(tiny_model);
        QCOMPARE(tokenizer.decode({2, 28, 19, 3, 0, 0}), std::string("the on"));
        QCOMPARE(tokenizer.decode({}), std::string());
    }

    void unknown_characters_map_to_unk() {
        const Tokenizer tokenizer(tiny_model);
        const std::vector<int> ids = tokenizer.encode("xqz");
        QVERIFY(std::find(ids.begin(), ids.end(), tokenizer.unk_id()) != ids.end());
    }

    void display_pieces_data() {
        QTest::addColumn<int>("id");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<bool>("starts_word");
        QTest::newRow("word piece") << 28 << "the" << true;
        QTest::newRow("lone word boundary") << 6 << QString::fromUtf8("\u2423") << true;
        QTest::newRow("inner piece") << 61 << "a" << false;
        QTest::newRow("punctuation") << 5 << "." << false;
        QTest::newRow("pad") << 0 << "<pad>" << false;
        QTest::newRow("unknown") << 1 << "<unk>" << false;
        QTest::newRow("bos") << 2 << "<s>" << false;
        QTest::newRow("eos") << 3 << "</s>" << false;
        QTest::newRow("user symbol") << 4 << "<sep>" << false;
    }
    void display_pieces() {
        QFETCH(int, id);
        QFETCH(QString, shown);
        QFETCH(bool, starts_word);
        const Tokenizer tokenizer(tiny_model);
        QCOMPARE(QString::fromStdString(tokenizer.display_piece(id)), shown);
        QCOMPARE(tokenizer.starts_word(id), starts_word);
    }

    void bad_input_throws() {
        const Tokenizer tokenizer(tiny_model);
        QVERIFY_THROWS_EXCEPTION(InputError, tokenizer.encode("caf\xC3"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tokenizer.piece(64));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tokenizer.display_piece(-1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tokenizer.decode({28, 1000}));
    }

    void moves() {
        Tokenizer first(tiny_model);
        Tokenizer second(std::move(first));
        QCOMPARE(second.vocab_size(), 64);
        Tokenizer third(tiny_model);
        third = std::move(second);
        QCOMPARE(third.encode("the").front(), 28);
    }

    void trains_and_loads_data() {
        QTest::addColumn<QString>("model_type");
        QTest::newRow("unigram") << "unigram";
        QTest::newRow("bpe") << "bpe";
    }
    void trains_and_loads() {
        QFETCH(QString, model_type);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path file = in_dir(dir, "nested/target.spm");
        TokenizerTrainingOptions options;
        options.vocab_size = 50;
        options.model_type = model_type.toStdString();
        options.user_defined_symbols = {"<sep>"};
        options.threads = 1;
        train_tokenizer(generated_corpus(), file, options);
        QVERIFY(std::filesystem::is_regular_file(file));
        // The model comes back serialized: no stray .vocab or prefix files appear.
        QVERIFY(!std::filesystem::exists(in_dir(dir, "nested/target.vocab")));

        const Tokenizer tokenizer(file);
        QCOMPARE(tokenizer.vocab_size(), 50);
        QCOMPARE(tokenizer.pad_id(), 0);
        QCOMPARE(tokenizer.unk_id(), 1);
        QCOMPARE(tokenizer.bos_id(), 2);
        QCOMPARE(tokenizer.eos_id(), 3);
        QCOMPARE(tokenizer.piece_to_id("<sep>"), 4);
        const std::string sentence = "the old man walks to the river.";
        const std::vector<int> ids = tokenizer.encode(sentence);
        QVERIFY(std::find(ids.begin(), ids.end(), tokenizer.unk_id()) == ids.end());
        QCOMPARE(tokenizer.decode(ids), sentence);
        // nmt_nfkc normalization: full-width letters read as their ASCII forms.
        QCOMPARE(tokenizer.decode(tokenizer.encode("\xEF\xBD\x94\xEF\xBD\x88\xEF\xBD\x85 dog")),
                 std::string("the dog"));
    }

    void training_errors() {
        QTemporaryDir dir;
        const std::filesystem::path file = in_dir(dir, "bad.spm");
        TokenizerTrainingOptions options;
        options.vocab_size = 100000;  // far more pieces than this corpus has
        options.threads = 1;
        try {
            train_tokenizer(generated_corpus(), file, options);
            QFAIL("expected std::runtime_error");
        } catch (const std::runtime_error& error) {
            QVERIFY2(std::string(error.what()).find("bad.spm") != std::string::npos, error.what());
        }
        options.vocab_size = 100;
        options.model_type = "word-ish";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, train_tokenizer(generated_corpus(), file, options));
        options.model_type = "unigram";
        options.user_defined_symbols = {"a,b"};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, train_tokenizer(generated_corpus(), file, options));
        options.user_defined_symbols = {};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, train_tokenizer({}, file, options));
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
