// core/text/weekday_prepositions.h: "at Thursday" -> "on Thursday", "an Sonntag" -> "am Sonntag",
// "am 18:30 Uhr" -> "um 18:30 Uhr".

#include <QTest>

#include "core/text/weekday_prepositions.h"

using namespace attentive;

class TestWeekdayPrepositions : public QObject {
    Q_OBJECT
private slots:
    void fitted_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("expected");
        QTest::newRow("en at") << "I can't attend the meeting at Thursday because I'm sick." << "en"
                               << "I can't attend the meeting on Thursday because I'm sick.";
        QTest::newRow("en sentence start") << "At Monday, we start." << "en" << "On Monday, we start.";
        QTest::newRow("en in") << "In Saturday, I go to Hamburg by train." << "en"
                               << "On Saturday, I go to Hamburg by train.";
        QTest::newRow("en in possessive") << "It was in Saturday's paper." << "en" << "It was in Saturday's paper.";
        QTest::newRow("en possessive") << "See you at Thursday's meeting." << "en" << "See you at Thursday's meeting.";
        QTest::newRow("en other noun") << "at noon, at home" << "en" << "at noon, at home";
        QTest::newRow("de an") << "Ich werde an Sonntag ankommen." << "de" << "Ich werde am Sonntag ankommen.";
        QTest::newRow("de plural") << "an Sonntagen geschlossen" << "de" << "an Sonntagen geschlossen";
        QTest::newRow("de an the wall") << "an der Wand" << "de" << "an der Wand";
        QTest::newRow("fr as it is") << "à lundi" << "fr" << "à lundi";
        // Before a time of day: "schließt am 18:30 Uhr" (en-de).
        QTest::newRow("de am time") << "Der Laden schließt am 18:30 Uhr." << "de" << "Der Laden schließt um 18:30 Uhr.";
        QTest::newRow("de im hour") << "Im 9 Uhr beginnt es." << "de" << "Um 9 Uhr beginnt es.";
        QTest::newRow("de date") << "am 3. Mai, am 18.30, an 2 Tagen" << "de" << "am 3. Mai, am 18.30, an 2 Tagen";
        QTest::newRow("en on time") << "The shop closes on 18:30." << "en" << "The shop closes at 18:30.";
        QTest::newRow("en minutes") << "in 5 minutes, on 3 May, in 2024" << "en" << "in 5 minutes, on 3 May, in 2024";
    }
    void fitted() {
        QFETCH(QString, text);
        QFETCH(QString, language);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(with_weekday_prepositions(text.toStdString(), language.toStdString())), expected);
    }

    void pieces() {
        std::vector<std::string> pieces = {"meeting", "at", "Thurs", "day", "."};
        fit_weekday_preposition_pieces(pieces, {true, true, true, false, false}, "en");
        QCOMPARE(QString::fromStdString(pieces[1]), QString("on"));
    }
};

QTEST_GUILESS_MAIN(TestWeekdayPrepositions)
#include "test_weekday_prepositions.moc"
