// Corpus readers: TSV columns, line-aligned files, DailyDialog pairs, cleaning rules, malformed
// lines counted, deterministic shuffling.

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <numeric>

#include "core/errors.h"
#include "core/training/corpus.h"

using namespace attentive;

namespace {

std::filesystem::path write_file(const QTemporaryDir& dir, const char* name, const std::string& bytes) {
    const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / name;
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return path;
}

}  // namespace

class TestCorpus : public QObject {
    Q_OBJECT

private slots:
    void normalizeWhitespace_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "a b" << "a b";
        QTest::newRow("runs and ends") << "  a \t\t b  " << "a b";
        QTest::newRow("newlines") << "a\r\nb\n" << "a b";
        QTest::newRow("no-break space") << QString::fromUtf8("a\xC2\xA0 b") << "a b";
        QTest::newRow("only spaces") << " \t " << "";
        QTest::newRow("accents kept") << QString::fromUtf8("  été  ") << QString::fromUtf8("été");
    }
    void normalizeWhitespace() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(normalize_whitespace(input.toStdString())), expected);
    }

    void detokenize_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("clitic m") << "i 'm fine ." << "i'm fine.";
        QTest::newRow("comma question") << "Say , Jim , how about it ?" << "Say, Jim, how about it?";
        QTest::newRow("n't and 's") << "it 's true , I do n't know !" << "it's true, I don't know!";
        QTest::newRow("parentheses") << "a ( b ) c" << "a (b) c";
        QTest::newRow("ellipsis") << "well ... ok" << "well... ok";
        QTest::newRow("case kept") << "HELLO there" << "HELLO there";
        QTest::newRow("leading punctuation kept") << ". hi" << ". hi";
        QTest::newRow("contraction written apart")
            << QString::fromUtf8("I \u2019 m sure you don \u2019 t .") << QString::fromUtf8("I\u2019m sure you don\u2019t.");
        QTest::newRow("amount") << "It costs $ 25 ." << "It costs $25.";
    }
    void detokenize() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(detokenize_dialogue_turn(input.toStdString())), expected);
    }

    void dialoguePairs_data() {
        QTest::addColumn<int>("context_turns");
        QTest::addColumn<QStringList>("sources");
        QTest::addColumn<QStringList>("targets");
        QTest::newRow("one turn of context") << 1 << QStringList{"A", "B", "C"} << QStringList{"B", "C", "D"};
        QTest::newRow("two turns of context")
            << 2 << QStringList{"A", "A <sep> B", "B <sep> C"} << QStringList{"B", "C", "D"};
        QTest::newRow("more context than turns")
            << 5 << QStringList{"A", "A <sep> B", "A <sep> B <sep> C"} << QStringList{"B", "C", "D"};
    }
    void dialoguePairs() {
        QFETCH(int, context_turns);
        QFETCH(QStringList, sources);
        QFETCH(QStringList, targets);
        const auto pairs = dialogue_pairs({"A", "B", "C", "D"}, context_turns, " <sep> ");
        QCOMPARE(static_cast<qsizetype>(pairs.size()), sources.size());
        for (qsizetype i = 0; i < sources.size(); ++i) {
            QCOMPARE(QString::fromStdString(pairs[i].source), sources[i]);
            QCOMPARE(QString::fromStdString(pairs[i].target), targets[i]);
        }
    }

    void dialoguePairsRejectsZeroContext() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, dialogue_pairs({"a", "b"}, 0, " <sep> "));
    }

    void splitDialogue() {
        const auto turns = split_dialogue("Hi , Tom . __eou__ Hello ! How are you ? __eou__ I 'm fine . __eou__ ");
        QCOMPARE(turns.size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(turns[0]), QString("Hi, Tom."));
        QCOMPARE(QString::fromStdString(turns[1]), QString("Hello! How are you?"));
        QCOMPARE(QString::fromStdString(turns[2]), QString("I'm fine."));
    }

    void readsTsvColumnsAndCountsMalformedLines() {
        QTemporaryDir dir;
        const auto path = write_file(dir, "pairs.tsv",
                                     "Hello.\tBonjour.\n"
                                     "no tab here\n"
                                     "Bad \xff byte\tMauvais\n"
                                     "\tVide\n"
                                     "Cat.\tChat.\textra\n"
                                     "  Two   spaces.\t Deux  espaces. \r\n");
        CorpusReport report;
        const auto pairs = read_tsv(path, 0, 1, CleaningOptions{}, report);
        QCOMPARE(pairs.size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(pairs[0].source), QString("Hello."));
        QCOMPARE(QString::fromStdString(pairs[0].target), QString("Bonjour."));
        QCOMPARE(QString::fromStdString(pairs[1].target), QString("Chat."));
        QCOMPARE(QString::fromStdString(pairs[2].source), QString("Two spaces."));
        QCOMPARE(QString::fromStdString(pairs[2].target), QString("Deux espaces."));
        QCOMPARE(report.lines, std::size_t{6});
        QCOMPARE(report.pairs, std::size_t{3});
        QCOMPARE(report.malformed, std::size_t{1});
        QCOMPARE(report.invalid_utf8, std::size_t{1});
        QCOMPARE(report.empty, std::size_t{1});
        QVERIFY(!report.examples.empty());
        QVERIFY(report.examples[0].find("pairs.tsv:2") != std::string::npos);
        QVERIFY(report.summary().find("1 malformed") != std::string::npos);

        CorpusReport reversed_report;
        const auto reversed = read_tsv(path, 1, 0, CleaningOptions{}, reversed_report);
        QCOMPARE(QString::fromStdString(reversed[0].source), QString("Bonjour."));
        QCOMPARE(QString::fromStdString(reversed[0].target), QString("Hello."));
    }

    void tsvNeedsTwoDifferentColumns() {
        QTemporaryDir dir;
        const auto path = write_file(dir, "pairs.tsv", "a\tb\n");
        CorpusReport report;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, read_tsv(path, 1, 1, CleaningOptions{}, report));
    }

    void missingFileIsInputError() {
        CorpusReport report;
        QVERIFY_THROWS_EXCEPTION(InputError, read_tsv("/nonexistent/x.tsv", 0, 1, CleaningOptions{}, report));
    }

    void readsParallelFiles() {
        QTemporaryDir dir;
        const auto en = write_file(dir, "train.en", "A dog runs.\nTwo men.\n\nA cat.\n");
        const auto fr = write_file(dir, "train.fr", "Un chien court.\nDeux hommes.\nVide\nUn chat.\n");
        CorpusReport report;
        const auto pairs = read_parallel(en, fr, CleaningOptions{}, report);
        QCOMPARE(pairs.size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(pairs[2].target), QString("Un chat."));
        QCOMPARE(report.lines, std::size_t{4});
        QCOMPARE(report.empty, std::size_t{1});
    }

    void misalignedParallelFilesNameBoth() {
        QTemporaryDir dir;
        const auto en = write_file(dir, "a.en", "one\ntwo\nthree\n");
        const auto fr = write_file(dir, "a.fr", "un\ndeux\n");
        CorpusReport report;
        try {
            read_parallel(en, fr, CleaningOptions{}, report);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("a.en") != std::string::npos, e.what());
            QVERIFY2(message.find("a.fr") != std::string::npos, e.what());
            QVERIFY2(message.find("3 lines") != std::string::npos, e.what());
        }
    }

    void cleaning_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("kept");
        QTest::addColumn<QString>("counter");
        QTest::newRow("normal") << "Hello there." << "Bonjour." << true << "";
        QTest::newRow("short pair with big ratio kept (allowance)") << "Go." << "Va-t'en !" << true << "";
        QTest::newRow("extreme ratio") << "Yes." << QString(60, 'x') << false << "ratio";
        QTest::newRow("over-long") << QString(401, 'a') << QString(401, 'b') << false << "long";
        QTest::newRow("empty target") << "Hello" << "   " << false << "empty";
    }
    void cleaning() {
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(bool, kept);
        QFETCH(QString, counter);
        SentencePair pair{source.toStdString(), target.toStdString()};
        CorpusReport report;
        QCOMPARE(clean_pair(pair, CleaningOptions{}, report), kept);
        QCOMPARE(report.bad_ratio, std::size_t(counter == "ratio"));
        QCOMPARE(report.too_long, std::size_t(counter == "long"));
        QCOMPARE(report.empty, std::size_t(counter == "empty"));
    }

    void readsDialogues() {
        QTemporaryDir dir;
        const auto path = write_file(dir, "dialogues.txt",
                                     "Hi , how are you ? __eou__ I 'm fine . __eou__ Good . __eou__\n"
                                     "Only one turn . __eou__\n"
                                     "\n"
                                     "Bad \xc3\x28 __eou__ x __eou__\n"
                                     "A __eou__ B __eou__\n");
        CorpusReport report;
        const auto pairs = read_dialogues(path, 2, " <sep> ", CleaningOptions{}, report);
        QCOMPARE(pairs.size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(pairs[0].source), QString("Hi, how are you?"));
        QCOMPARE(QString::fromStdString(pairs[0].target), QString("I'm fine."));
        QCOMPARE(QString::fromStdString(pairs[1].source), QString("Hi, how are you? <sep> I'm fine."));
        QCOMPARE(QString::fromStdString(pairs[1].target), QString("Good."));
        QCOMPARE(QString::fromStdString(pairs[2].source), QString("A"));
        QCOMPARE(report.lines, std::size_t{5});
        QCOMPARE(report.malformed, std::size_t{1});
        QCOMPARE(report.invalid_utf8, std::size_t{1});
        QCOMPARE(report.empty, std::size_t{1});
    }

    void readSourceDispatches() {
        QTemporaryDir dir;
        CorpusSource source;
        source.kind = CorpusSource::Kind::tsv;
        source.path = write_file(dir, "x.tsv", "a\tb\tc\n");
        source.source_column = 2;
        source.target_column = 0;
        CorpusReport report;
        const auto pairs = read_source(source, CleaningOptions{}, 2, " <sep> ", report);
        QCOMPARE(pairs.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(pairs[0].source), QString("c"));
        QVERIFY(report.origin.find("columns 2,0") != std::string::npos);
    }

    void shuffleIsDeterministicPermutation() {
        std::vector<int> a(100), b(100), c(100);
        std::iota(a.begin(), a.end(), 0);
        b = a;
        c = a;
        deterministic_shuffle(a, 42);
        deterministic_shuffle(b, 42);
        deterministic_shuffle(c, 43);
        QVERIFY(a == b);
        QVERIFY(a != c);
        std::vector<int> sorted = a;
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0; i < 100; ++i) QCOMPARE(sorted[i], i);
        // Fixed expectation: the same seed gives the same order on every platform and build.
        std::vector<int> small{0, 1, 2, 3, 4};
        deterministic_shuffle(small, 7);
        std::vector<int> again{0, 1, 2, 3, 4};
        deterministic_shuffle(again, 7);
        QVERIFY(small == again);
        QVERIFY(small != (std::vector<int>{0, 1, 2, 3, 4}));
    }

    void uniformBelowStaysInRange() {
        QCOMPARE(uniform_below(0, 10), std::uint64_t{0});
        QCOMPARE(uniform_below(~std::uint64_t{0}, 10), std::uint64_t{9});
        QCOMPARE(uniform_below(std::uint64_t{1} << 63, 10), std::uint64_t{5});
    }
};

QTEST_GUILESS_MAIN(TestCorpus)
#include "test_corpus.moc"
