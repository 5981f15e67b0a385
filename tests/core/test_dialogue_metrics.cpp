// Dialogue metrics: the PLATO scoring's words and NLTK method-7 sentence BLEU against values
// NLTK 3.8 computes (sentence_bleu([ref], hyp, weights, SmoothingFunction().method7)), and the
// 13a/epsilon scoring kept as it was.

#include <QTest>

#include <string>
#include <vector>

#include "core/metrics/dialogue.h"

using namespace attentive;

using Words = std::vector<std::string>;
Q_DECLARE_METATYPE(Words)

class TestDialogueMetrics : public QObject {
    Q_OBJECT

private slots:
    void words_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Words>("expected");
        QTest::newRow("contractions kept, punctuation apart")
            << "I don't know." << Words{"i", "don't", "know", "."};
        QTest::newRow("curly apostrophe read as straight") << "I’m FINE, thanks!"
                                                           << Words{"i'm", "fine", ",", "thanks", "!"};
        QTest::newRow("amounts split") << "It's $25." << Words{"it's", "$", "25", "."};
        QTest::newRow("quotes apart") << "'hello' there" << Words{"'", "hello", "'", "there"};
        QTest::newRow("empty") << "  " << Words{};
    }
    void words() {
        QFETCH(QString, text);
        QFETCH(Words, expected);
        QCOMPARE(dialogue_words(text.toStdString()), expected);
    }

    void plato_bleu_matches_nltk_data() {
        QTest::addColumn<QString>("hypothesis");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<double>("bleu1");
        QTest::addColumn<double>("bleu2");
        QTest::newRow("partial overlap") << "I don't know." << "I don't think so." << 0.7355340729 << 0.5071689634;
        QTest::newRow("no bigram in common") << "Yes, it is." << "It is $25." << 0.8166666667 << 0.5522449902;
        QTest::newRow("one-word reply") << "Fine" << "I am fine, thanks." << 0.0067379470 << 0.0038901555;
        QTest::newRow("no unigram in common") << "hello there" << "good morning" << 0.0 << 0.0;
    }
    void plato_bleu_matches_nltk() {
        QFETCH(QString, hypothesis);
        QFETCH(QString, reference);
        QFETCH(double, bleu1);
        QFETCH(double, bleu2);
        const std::vector<std::string> h = {hypothesis.toStdString()}, r = {reference.toStdString()};
        QVERIFY(std::abs(average_sentence_bleu(h, r, 1, DialogueScoring::plato) - bleu1) < 1e-9);
        QVERIFY(std::abs(average_sentence_bleu(h, r, 2, DialogueScoring::plato) - bleu2) < 1e-9);
    }

    void average_over_sentences() {
        const std::vector<std::string> h = {"I don't know.", "hello there"}, r = {"I don't think so.", "good morning"};
        QVERIFY(std::abs(average_sentence_bleu(h, r, 1, DialogueScoring::plato) - 0.7355340729 / 2) < 1e-9);
    }

    void distinct_counts_words() {
        // Words: i don't know . i don't (6, 4 distinct); bigrams: 4, "i don't" twice.
        const std::vector<std::string> replies = {"I don't know.", "I don’t"};
        QCOMPARE(distinct_n(replies, 1, DialogueScoring::plato), 4.0 / 6.0);
        QCOMPARE(distinct_n(replies, 2, DialogueScoring::plato), 3.0 / 4.0);
    }

    void epsilon_scoring_unchanged() {
        // 13a keeps "don't": 3 of 4 hypothesis words match, 1 of 3 bigrams; 4 words against 5.
        const std::vector<std::string> h = {"I don't know."}, r = {"I don't think so."};
        const double expected = std::exp(1.0 - 5.0 / 4.0) * std::sqrt(3.0 / 4.0 * 1.0 / 3.0);
        QVERIFY(std::abs(average_sentence_bleu(h, r, 2) - expected) < 1e-9);
    }

    void reply_shape_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("words");
        QTest::addColumn<int>("sentences");
        QTest::addColumn<int>("repeated");
        QTest::newRow("one sentence") << "Yes, it is." << 5 << 1 << 0;
        // "very" and "beautiful" again; "is" and "it" are too short to count.
        QTest::newRow("rambling") << "It is very big. It is very, very beautiful! Beautiful?" << 14 << 3 << 3;
        QTest::newRow("decimal is no sentence end") << "It's $5.00 each." << 7 << 1 << 0;
        QTest::newRow("empty") << "" << 0 << 0 << 0;
    }
    void reply_shape() {
        QFETCH(QString, text);
        QFETCH(int, words);
        QFETCH(int, sentences);
        QFETCH(int, repeated);
        const ReplyShape shape = attentive::reply_shape(text.toStdString());
        QCOMPARE(shape.words, words);
        QCOMPARE(shape.sentences, sentences);
        QCOMPARE(shape.repeated_words, repeated);
    }

    void mismatched_lists_throw() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 average_sentence_bleu({"a"}, {}, 1, DialogueScoring::plato));
    }
};

QTEST_GUILESS_MAIN(TestDialogueMetrics)
#include "test_dialogue_metrics.moc"
