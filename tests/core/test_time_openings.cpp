// core/text/time_openings.h: a time adverbial a sentence opens with, before its subject.

#include <QTest>

#include "core/text/time_openings.h"

using namespace attentive;

class TestTimeOpenings : public QObject {
    Q_OBJECT
private slots:
    void openings_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<int>("words");
        QTest::newRow("one word") << "Tomorrow we will visit the museum with the children." << 1;
        QTest::newRow("before I") << "Yesterday I saw your sister." << 1;
        QTest::newRow("last week") << "Last week my brother called." << 2;
        QTest::newRow("next year") << "Next year we will move to Lyon." << 2;
        QTest::newRow("on a day") << "On Monday the shop is closed." << 2;
        QTest::newRow("in the evening") << "In the evening we played cards." << 3;
        QTest::newRow("lower case") << "tomorrow we leave." << 1;
        // Already with its comma, the adverbial as the subject, no subject after it.
        QTest::newRow("comma") << "Tomorrow, we will visit the museum." << 0;
        QTest::newRow("subject") << "Today is a very exciting day." << 0;
        QTest::newRow("verb after") << "Tomorrow will be sunny." << 0;
        QTest::newRow("no opening") << "We will visit the museum tomorrow." << 0;
        QTest::newRow("last alone") << "Last of all we ate." << 0;
        // Not a point in time: French places such adverbs elsewhere ("Nous sommes finalement ...").
        QTest::newRow("finally") << "Finally we arrived." << 0;
        QTest::newRow("then") << "Then we went home." << 0;
        QTest::newRow("alone") << "Tomorrow" << 0;
        QTest::newRow("empty") << "" << 0;
    }
    void openings() {
        QFETCH(QString, sentence);
        QFETCH(int, words);
        QCOMPARE(static_cast<int>(time_opening_words(sentence.toStdString(), "en")), words);
    }
    void englishOnly() {
        QCOMPARE(time_opening_words("Morgen gehen wir ins Museum.", "de"), std::size_t(0));
        QCOMPARE(time_opening_words("Tomorrow we leave.", "fr"), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestTimeOpenings)
#include "test_time_openings.moc"
