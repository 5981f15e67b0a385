// Judging source words for the "possibly untranslated" flag: grouping pieces into words, the
// support of each word (attention weighted by the written pieces' probabilities), function words,
// and the one word a sentence flags.

#include <QTest>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/decoding/coverage_flags.h"
#include "core/decoding/erasure_flags.h"
#include "core/text/function_words.h"
#include "core/untranslated_words.h"

using namespace attentive;

namespace {

std::vector<std::string> to_std(const QStringList& list) {
    std::vector<std::string> result;
    for (const QString& item : list) result.push_back(item.toStdString());
    return result;
}

// "start-end" per word, judged words marked with "*": "0-1 1-3* 3-4".
QString describe(const std::vector<SourceWord>& words) {
    QStringList parts;
    for (const SourceWord& w : words)
        parts << QStringLiteral("%1-%2%3").arg(w.first_piece).arg(w.end_piece).arg(w.judged ? "*" : "");
    return parts.join(' ');
}

// A word as untranslated_word() reads it: judged or not, the lexicon's answer, its erasure loss.
JudgedWord judged_word(bool judged, LexiconEvidence lexicon, bool erased, float loss_per_piece) {
    JudgedWord w;
    w.word.judged = judged;
    w.lexicon = lexicon;
    w.erased = erased;
    w.erasure.loss_per_piece = loss_per_piece;
    return w;
}

}  // namespace

class TestCoverageFlags : public QObject {
    Q_OBJECT

private slots:
    void grouping_data() {
        QTest::addColumn<QStringList>("pieces");
        QTest::addColumn<QList<bool>>("starts");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("expected");
        QTest::newRow("pieces of one word") << QStringList{"The", "play", "ing", "."} << QList<bool>{true, true, false, false}
                                            << "en" << "0-1 1-3* 3-4";
        QTest::newRow("trailing comma") << QStringList{"dog", ",", "cat"} << QList<bool>{true, false, true} << "xx"
                                        << "0-1* 1-2 2-3*";
        QTest::newRow("elision inside a word") << QStringList{"J", "'", "ai", "faim"} << QList<bool>{true, false, false, true}
                                               << "fr" << "0-3 3-4*";
        QTest::newRow("hyphen inside a word") << QStringList{"Taisez", "-", "vous", "!"} << QList<bool>{true, false, false, true}
                                              << "fr" << "0-3* 3-4";
        QTest::newRow("space piece") << QStringList{"␣", "«", "Hund"} << QList<bool>{true, false, false} << "de"
                                     << "0-1 1-2 2-3*";
        QTest::newRow("German function words") << QStringList{"Der", "Hund", "ist", "müde"} << QList<bool>{true, true, true, true}
                                               << "de" << "0-1 1-2* 2-3 3-4*";
        QTest::newRow("other languages judge every word") << QStringList{"the", "dog"} << QList<bool>{true, true} << "cs"
                                                          << "0-1* 1-2*";
    }
    void grouping() {
        QFETCH(QStringList, pieces);
        QFETCH(QList<bool>, starts);
        QFETCH(QString, language);
        QFETCH(QString, expected);
        const std::vector<bool> word_start(starts.begin(), starts.end());
        const auto words = source_words(to_std(pieces), word_start, {}, {}, language.toStdString());
        QCOMPARE(describe(words), expected);
    }

    // Two target pieces over "the play ing": support sums the word's pieces in each row, weighted
    // by that row's probability.
    void supportWeighsAttentionByProbability() {
        const std::vector<std::string> pieces = {"the", "play", "ing"};
        const std::vector<bool> starts = {true, true, false};
        const AttentionRows attention = {{0.5f, 0.3f, 0.2f}, {0.1f, 0.1f, 0.8f}};
        const auto words = source_words(pieces, starts, attention, {0.5f, 0.25f}, "en");
        QCOMPARE(words.size(), std::size_t(2));
        QCOMPARE(words[1].attention, 1.4f);                        // 0.5 + 0.9
        QVERIFY(qAbs(words[1].support - (0.5f * 0.5f + 0.9f * 0.25f)) < 1e-6f);
        // Without probabilities, support is the attention.
        const auto plain = source_words(pieces, starts, attention, {}, "en");
        QCOMPARE(plain[1].support, plain[1].attention);
    }

    // Leaving a word out: log p of each target piece (EOS last) with the whole source and
    // without the word; the loss is their difference, summed and per position.
    void erasureEffect_data() {
        QTest::addColumn<QVector<float>>("complete");
        QTest::addColumn<QVector<float>>("erased");
        QTest::addColumn<float>("loss");
        QTest::addColumn<bool>("flagged");
        // Its translation was the second piece: leaving the word out makes it unlikely.
        QTest::newRow("translated") << QVector<float>{-0.1f, -0.2f, -0.1f} << QVector<float>{-0.1f, -4.2f, -0.3f}
                                    << 4.2f << false;
        // Missing: the target fits the source better without the word (1.2 nats over 4 positions).
        QTest::newRow("missing") << QVector<float>{-0.5f, -2.0f, -0.3f, -0.1f}
                                 << QVector<float>{-0.4f, -0.8f, -0.3f, -0.2f} << -1.2f << true;
        // A gain of 0.125 per position is not enough (the threshold is a gain of 0.15).
        QTest::newRow("a small gain") << QVector<float>{-1.0f, -1.0f} << QVector<float>{-0.875f, -0.875f}
                                      << -0.25f << false;
        // A gain of 0.25 per position is.
        QTest::newRow("a larger gain") << QVector<float>{-1.0f, -1.0f} << QVector<float>{-0.75f, -0.75f}
                                       << -0.5f << true;
    }
    void erasureEffect() {
        QFETCH(QVector<float>, complete);
        QFETCH(QVector<float>, erased);
        QFETCH(float, loss);
        QFETCH(bool, flagged);
        const ErasureEffect effect = erasure_effect(std::vector<float>(complete.begin(), complete.end()),
                                                    std::vector<float>(erased.begin(), erased.end()));
        QVERIFY2(qAbs(effect.loss - loss) < 1e-5f, qPrintable(QString::number(effect.loss)));
        QVERIFY(qAbs(effect.loss_per_piece - loss / float(complete.size())) < 1e-5f);
        QCOMPARE(erasure_flags_word(effect), flagged);
    }

    void erasureEffectNeedsMatchingRows() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, erasure_effect({-1.0f, -2.0f}, {-1.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, erasure_effect({}, {}));
    }

    void functionWords_data() {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("function");
        QTest::newRow("en the") << "The" << "en" << true;
        QTest::newRow("en don't") << "don't" << "en" << true;
        QTest::newRow("en dog") << "dog" << "en" << false;
        QTest::newRow("fr j'ai") << "J'ai" << "fr" << true;
        QTest::newRow("fr curly l'") << QString::fromUtf8("l\u2019") << "fr" << true;
        QTest::newRow("fr l'homme") << "l'homme" << "fr" << false;
        QTest::newRow("de Über") << QString::fromUtf8("Über") << "de" << true;
        QTest::newRow("unknown language") << "the" << "xx" << false;
    }
    void functionWords() {
        QFETCH(QString, word);
        QFETCH(QString, language);
        QFETCH(bool, function);
        QCOMPARE(is_function_word(word.toStdString(), language.toStdString()), function);
    }

    // Auxiliary verbs are not judged by the flag, but stay content words for the rest.
    void auxiliaryVerbs_data() {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("auxiliary");
        QTest::newRow("fr aller") << "aller" << "fr" << true;
        QTest::newRow("fr d'aller") << "d'aller" << "fr" << true;
        QTest::newRow("fr Faites") << "Faites" << "fr" << true;
        QTest::newRow("fr voudrais") << "voudrais" << "fr" << true;
        QTest::newRow("fr le (a function word)") << "le" << "fr" << true;
        QTest::newRow("fr maison") << "maison" << "fr" << false;
        QTest::newRow("fr d'eau") << "d'eau" << "fr" << false;
        QTest::newRow("de möchte") << QString::fromUtf8("möchte") << "de" << true;
        QTest::newRow("de Haus") << "Haus" << "de" << false;
        QTest::newRow("en want") << "want" << "en" << false;
        QTest::newRow("en vais (French)") << "vais" << "en" << false;
    }
    void auxiliaryVerbs() {
        QFETCH(QString, word);
        QFETCH(QString, language);
        QFETCH(bool, auxiliary);
        QCOMPARE(is_function_or_auxiliary_word(word.toStdString(), language.toStdString()), auxiliary);
        QVERIFY(!auxiliary || word == "le" || !is_function_word(word.toStdString(), language.toStdString()));
        const std::vector<std::string> pieces = {word.toStdString()};
        QCOMPARE(source_words(pieces, {true}, {{1.0f}}, {}, language.toStdString()).front().judged, !auxiliary);
    }

    void oneFlagPerSentence() {
        const auto word = judged_word;
        std::vector<JudgedWord> words = {
            word(true, LexiconEvidence::translation_missing, true, -0.3f),
            word(true, LexiconEvidence::translation_missing, true, -0.5f),  // gains the translation most
            word(true, LexiconEvidence::translation_found, false, 0.0f),
            word(true, LexiconEvidence::unknown_word, true, -0.55f),  // not below the unknown-word threshold
            word(false, LexiconEvidence::none, true, -3.0f),           // a function word
        };
        QVERIFY(untranslated_word(words, -0.2f) == std::optional<std::size_t>(1));
        QVERIFY(untranslated_word(words, -0.4f) == std::optional<std::size_t>(1));
        QVERIFY(!untranslated_word(words, -0.5f).has_value());
        words[3].erasure.loss_per_piece = -0.9f;
        QVERIFY(untranslated_word(words, -0.2f) == std::optional<std::size_t>(3));
        QVERIFY(!untranslated_word({}, -0.2f).has_value());
    }

    // With a growth, a sentence with more words the lexicons leave unexplained is judged more
    // strictly: n of them at threshold * n^growth.
    void thresholdGrowsWithUnexplainedWords() {
        const auto word = [](LexiconEvidence lexicon, bool erased, float loss_per_piece) {
            return judged_word(true, lexicon, erased, loss_per_piece);
        };
        std::vector<JudgedWord> words = {word(LexiconEvidence::translation_missing, true, -0.3f),
                                         word(LexiconEvidence::translation_found, false, 0.0f)};
        QCOMPARE(sentence_threshold(words, -0.2f, 1.0f), -0.2f);  // one unexplained word
        QVERIFY(untranslated_word(words, -0.2f, kUnknownWordLossPerPiece, 1.0f) == std::optional<std::size_t>(0));
        words.push_back(word(LexiconEvidence::translation_missing, true, 0.1f));
        words.push_back(word(LexiconEvidence::unknown_word, true, 0.2f));
        QCOMPARE(sentence_threshold(words, -0.2f, 1.0f), -0.6f);  // three: three times as strict
        QCOMPARE(sentence_threshold(words, -0.2f, 0.0f), -0.2f);  // no growth: as before
        QVERIFY(!untranslated_word(words, -0.2f, kUnknownWordLossPerPiece, 1.0f).has_value());
        QVERIFY(untranslated_word(words, -0.2f) == std::optional<std::size_t>(0));
    }

    void mismatchedLengthsThrow() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, source_words({"a", "b"}, {true}, {}, {}, "en"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 source_words({"a", "b"}, {true, true}, {{1.0f}}, {}, "en"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 source_words({"a"}, {true}, {{1.0f}}, {0.5f, 0.5f}, "en"));
    }
};

QTEST_GUILESS_MAIN(TestCoverageFlags)
#include "test_coverage_flags.moc"
