// Corpus BLEU, chrF and 13a tokenization against hand-computed values and sacreBLEU's own
// documented example.

#include <QTest>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/metrics/bleu.h"

using namespace attentive;

using Lines = std::vector<std::string>;
using ReferenceSets = std::vector<Lines>;

Q_DECLARE_METATYPE(Lines)
Q_DECLARE_METATYPE(ReferenceSets)

namespace {

// The example in sacreBLEU's README (Python API section).
const Lines sacrebleu_hypotheses = {"The dog bit the man.", "It wasn't surprising.",
                                    "The man had just bitten him."};
const ReferenceSets sacrebleu_references = {
    {"The dog bit the man.", "It was not unexpected.", "The man bit him first."},
    {"The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."},
};

}  // namespace

class TestBleu : public QObject {
    Q_OBJECT

private slots:
    void tokenize_13a_cases_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("punctuation") << "Hello, world!" << "Hello , world !";
        QTest::newRow("final period") << "The dog bit the man." << "The dog bit the man .";
        QTest::newRow("decimal kept") << "It costs $3.50." << "It costs $ 3.50 .";
        QTest::newRow("thousands kept") << "1,000 people" << "1,000 people";
        QTest::newRow("abbreviation") << "e.g. this" << "e . g . this";
        QTest::newRow("period before letter") << "5.x" << "5 . x";
        QTest::newRow("dash after digit") << "2-3 times" << "2 - 3 times";
        QTest::newRow("hyphenated word") << "well-known" << "well-known";
        QTest::newRow("apostrophe kept") << "It wasn't" << "It wasn't";
        QTest::newRow("entities") << "&quot;Hi&quot; &amp; &lt;b&gt;" << "\" Hi \" & < b >";
        QTest::newRow("skipped") << "a <skipped> b" << "a b";
        QTest::newRow("brackets and slash") << "(a/b)[c]" << "( a / b ) [ c ]";
        QTest::newRow("extra spaces") << "  a   b  " << "a b";
        QTest::newRow("no-break space splits") << QString::fromUtf8("a\u00A0b") << "a b";
        QTest::newRow("non-ASCII") << QString::fromUtf8("Grüße, Zoë.") << QString::fromUtf8("Grüße , Zoë .");
        QTest::newRow("empty") << "" << "";
    }
    void tokenize_13a_cases() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(tokenize_13a(input.toStdString())), expected);
    }

    void bleu_hand_computed_data() {
        QTest::addColumn<Lines>("hypotheses");
        QTest::addColumn<ReferenceSets>("references");
        QTest::addColumn<double>("score");
        QTest::addColumn<double>("brevity_penalty");
        QTest::addColumn<qulonglong>("hyp_length");
        QTest::addColumn<qulonglong>("ref_length");
        QTest::newRow("identical") << Lines{"the cat sat on the mat"}
                                   << ReferenceSets{{"the cat sat on the mat"}} << 100.0 << 1.0
                                   << 6ULL << 6ULL;
        // Precisions 1/4, then 'exp' smoothing 1/(2*3), 1/(4*2), 1/(8*1): (25*16.67*12.5*12.5)^(1/4).
        QTest::newRow("repeated word, exp smoothing")
            << Lines{"the the the the"} << ReferenceSets{{"the cat"}} << 15.973577606156812 << 1.0
            << 4ULL << 2ULL;
        // Every n-gram matches, but 5 of 10 words: BP = exp(1 - 10/5).
        QTest::newRow("brevity penalty") << Lines{"a b c d e"} << ReferenceSets{{"a b c d e f g h i j"}}
                                         << 36.787944117144235 << 0.36787944117144233 << 5ULL
                                         << 10ULL;
        // No 4-gram in the hypothesis: its precision is 0 and so is BLEU.
        QTest::newRow("too short for 4-grams") << Lines{"a b c"} << ReferenceSets{{"a b c"}} << 0.0
                                               << 1.0 << 3ULL << 3ULL;
        QTest::newRow("empty hypothesis") << Lines{""} << ReferenceSets{{"a b"}} << 0.0 << 0.0 << 0ULL
                                          << 2ULL;
        // References of 3 and 5 words are equally close to 4: the shorter one counts.
        QTest::newRow("closest length tie goes to shorter")
            << Lines{"a b c d"} << ReferenceSets{{"a b c"}, {"a b c d e"}} << 100.0 << 1.0 << 4ULL
            << 3ULL;
        QTest::newRow("empty reference ignored") << Lines{"a b c d"} << ReferenceSets{{""}, {"a b c d"}}
                                                 << 100.0 << 1.0 << 4ULL << 4ULL;
    }
    void bleu_hand_computed() {
        QFETCH(Lines, hypotheses);
        QFETCH(ReferenceSets, references);
        QFETCH(double, score);
        QFETCH(double, brevity_penalty);
        QFETCH(qulonglong, hyp_length);
        QFETCH(qulonglong, ref_length);
        const BleuScore bleu = corpus_bleu(hypotheses, references);
        QVERIFY2(std::abs(bleu.score - score) < 1e-9, std::to_string(bleu.score).c_str());
        QVERIFY(std::abs(bleu.brevity_penalty - brevity_penalty) < 1e-12);
        QCOMPARE(qulonglong(bleu.hypothesis_length), hyp_length);
        QCOMPARE(qulonglong(bleu.reference_length), ref_length);
    }

    void bleu_precisions() {
        const BleuScore bleu = corpus_bleu({"the the the the"}, {{"the cat"}});
        QCOMPARE(bleu.precisions[0], 25.0);
        QVERIFY(std::abs(bleu.precisions[1] - 100.0 / 6.0) < 1e-12);
        QCOMPARE(bleu.precisions[2], 12.5);
        QCOMPARE(bleu.precisions[3], 12.5);
    }

    void sacrebleu_readme_example() {
        const BleuScore bleu = corpus_bleu(sacrebleu_hypotheses, sacrebleu_references);
        QCOMPARE(QString::number(bleu.score, 'f', 2), QString("48.53"));
        QCOMPARE(bleu.hypothesis_length, std::size_t{17});
        QCOMPARE(bleu.reference_length, std::size_t{18});
        QCOMPARE(QString::number(bleu.precisions[0], 'f', 1), QString("82.4"));
        QCOMPARE(QString::number(bleu.precisions[1], 'f', 1), QString("50.0"));
        QCOMPARE(QString::number(bleu.precisions[2], 'f', 1), QString("45.5"));
        QCOMPARE(QString::number(bleu.precisions[3], 'f', 1), QString("37.5"));
        QCOMPARE(QString::number(bleu.brevity_penalty, 'f', 3), QString("0.943"));
        const double chrf = corpus_chrf(sacrebleu_hypotheses, sacrebleu_references);
        QCOMPARE(QString::number(chrf, 'f', 2), QString("59.73"));
    }

    void lowercase_and_whitespace_options() {
        BleuOptions options;
        options.lowercase = true;
        QCOMPARE(corpus_bleu({"THE CAT SAT DOWN ."}, {{"the cat sat down ."}}, options).score, 100.0);
        // Case-sensitive, only "." matches: p1 = 1/5, the rest smoothed, about 10.7.
        QVERIFY(corpus_bleu({"THE CAT SAT DOWN ."}, {{"the cat sat down ."}}).score < 11.0);
        QCOMPARE(tokenized_lowercase_bleu({"The Cat sat down."}, {{"the cat sat down ."}}).score, 100.0);
        QCOMPARE(tokenized_lowercase_bleu({QString::fromUtf8("ÜBER ÉTÉ Ÿ OK").toStdString()},
                                          {{QString::fromUtf8("über été ÿ ok").toStdString()}})
                     .score,
                 100.0);
        // Without 13a, "down." is one token and does not match "down".
        BleuOptions whitespace_only;
        whitespace_only.tokenize_13a = false;
        const BleuScore split_on_spaces =
            corpus_bleu({"a b c down."}, {{"a b c down"}}, whitespace_only);
        QCOMPARE(split_on_spaces.precisions[0], 75.0);
        QCOMPARE(corpus_bleu({"a b c down."}, {{"a b c down"}}).precisions[0], 80.0);
    }

    void chrf_hand_computed_data() {
        QTest::addColumn<Lines>("hypotheses");
        QTest::addColumn<ReferenceSets>("references");
        QTest::addColumn<double>("score");
        // Orders 1 and 2 match fully; orders 3..6 have no n-grams and are left out.
        QTest::newRow("identical short") << Lines{"ab"} << ReferenceSets{{"ab"}} << 100.0;
        // Precision = recall = (2/3 + 1/2 + 0) / 3 = 7/18 over the three effective orders.
        QTest::newRow("one char differs") << Lines{"abc"} << ReferenceSets{{"abd"}} << 100.0 * 7 / 18;
        QTest::newRow("whitespace removed") << Lines{"a b  c"} << ReferenceSets{{"abc"}} << 100.0;
        QTest::newRow("best reference wins") << Lines{"abc"} << ReferenceSets{{"xyz"}, {"abc"}}
                                             << 100.0;
        QTest::newRow("no match") << Lines{"abc"} << ReferenceSets{{"xyz"}} << 0.0;
        QTest::newRow("empty hypothesis") << Lines{""} << ReferenceSets{{"abc"}} << 0.0;
        // Corpus statistics are summed before the f-score: order 1 matches 2 of 3 on both sides,
        // order 2 only has "ab" (the one-letter sentence has no bigrams), so P = R = (2/3 + 1)/2.
        QTest::newRow("corpus sums statistics") << Lines{"ab", "x"} << ReferenceSets{{"ab", "y"}}
                                                << 100.0 * 5 / 6;
    }
    void chrf_hand_computed() {
        QFETCH(Lines, hypotheses);
        QFETCH(ReferenceSets, references);
        QFETCH(double, score);
        const double chrf = corpus_chrf(hypotheses, references);
        QVERIFY2(std::abs(chrf - score) < 1e-9, std::to_string(chrf).c_str());
    }

    void invalid_shapes_throw() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, corpus_bleu({"a", "b"}, {{"a"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, corpus_bleu({"a"}, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, corpus_bleu({"a"}, {{""}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, corpus_chrf({"a"}, {{"a"}, {"a", "b"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, corpus_chrf({"a"}, {{""}}));
    }

    void invalid_utf8_does_not_crash() {
        const std::string broken = "caf\xC3 \xFF\xFE na\xE2\x82 one two";
        QVERIFY(!tokenize_13a(broken).empty());
        QCOMPARE(corpus_bleu({broken}, {{broken}}).score, 100.0);
        QCOMPARE(corpus_chrf({broken}, {{broken}}), 100.0);
    }
};

QTEST_GUILESS_MAIN(TestBleu)
#include "test_bleu.moc"
