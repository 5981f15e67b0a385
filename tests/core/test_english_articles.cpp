// core/text/english_articles.h: "a" or "an" as the next word is spelt.

#include <QTest>

#include "core/text/english_articles.h"

using namespace attentive;

class TestEnglishArticles : public QObject {
    Q_OBJECT
private slots:
    void fitted_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("vowel") << "This is a office." << "This is an office.";
        QTest::newRow("consonant") << "in front of an very unusual train" << "in front of a very unusual train";
        QTest::newRow("sentence start") << "A exceptions confirm the rule." << "An exceptions confirm the rule.";
        QTest::newRow("silent h") << "I waited a hour." << "I waited an hour.";
        QTest::newRow("spoken h") << "She has an house." << "She has a house.";
        QTest::newRow("eu and one") << "a European city, an one-way street" << "a European city, a one-way street";
        QTest::newRow("u left as written") << "a university and an umbrella" << "a university and an umbrella";
        QTest::newRow("digits and capitals") << "a 8-year-old and an FBI agent" << "a 8-year-old and an FBI agent";
        QTest::newRow("a grade, not an article") << "Plan A is ready." << "Plan A is ready.";
        QTest::newRow("right already") << "an apple and a pear" << "an apple and a pear";
        QTest::newRow("no word after") << "Vitamin a." << "Vitamin a.";
        QTest::newRow("not an article") << "Canada is a ice-cold place" << "Canada is an ice-cold place";
    }
    void fitted() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(with_fitting_articles(text.toStdString())), expected);
    }

    // The heatmap's labels read as the text does.
    void pieces() {
        std::vector<std::string> pieces = {"I", "have", "a", "off", "ice", "."};
        const std::vector<bool> word_start = {true, true, true, true, false, false};
        fit_article_pieces(pieces, word_start);
        QCOMPARE(QString::fromStdString(pieces[2]), QString("an"));
        std::vector<std::string> capital = {"An", "dog"};
        fit_article_pieces(capital, {true, true});
        QCOMPARE(QString::fromStdString(capital[0]), QString("A"));
    }
};

QTEST_GUILESS_MAIN(TestEnglishArticles)
#include "test_english_articles.moc"
