// core/text/french_future.h: "J'arrivera à midi." -> "J'arriverai à midi." after decoding.

#include <QTest>

#include "core/text/french_future.h"

using namespace attentive;

class TestFrenchFuture : public QObject {
    Q_OBJECT
private slots:
    void firstPerson_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("elided") << QString::fromUtf8("J'arrivera à midi.") << QString::fromUtf8("J'arriverai à midi.");
        QTest::newRow("je") << QString::fromUtf8("Je deviendra un médecin.") << QString::fromUtf8("Je deviendrai un médecin.");
        QTest::newRow("typographic apostrophe") << QString::fromUtf8("J’arrivera demain.") << QString::fromUtf8("J’arriverai demain.");
        QTest::newRow("past pronouns") << "Je ne te le dira pas." << "Je ne te le dirai pas.";
        QTest::newRow("elided pronoun") << "Je l'aimera toujours." << "Je l'aimerai toujours.";
        QTest::newRow("later in the sentence") << "Il pense que je viendra." << "Il pense que je viendrai.";
        QTest::newRow("end of the text") << "Demain, je partira" << "Demain, je partirai";
        QTest::newRow("already right") << "Je serai en retard." << QString::fromUtf8("Je serai en retard.");
        QTest::newRow("another subject") << "Il arrivera demain." << "Il arrivera demain.";
        QTest::newRow("a verb between") << "Je sais qu'il viendra." << "Je sais qu'il viendra.";
        QTest::newRow("too short") << "Je ra" << "Je ra";
        QTest::newRow("a stop between") << "Je. Arrivera" << "Je. Arrivera";
        QTest::newRow("inside a word") << "Jeanne arrivera." << "Jeanne arrivera.";
    }
    void firstPerson() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(with_first_person_future(text.toStdString())), expected);
    }

    // The heatmap's labels read as the text does: the verb's last piece gets the "i".
    void pieces() {
        std::vector<std::string> pieces = {"J", "'", "arri", "vera", "à", "midi", "."};
        const std::vector<bool> word_start = {true, false, false, false, true, true, false};
        first_person_future_pieces(pieces, word_start);
        QCOMPARE(pieces, (std::vector<std::string>{"J", "'", "arri", "verai", "à", "midi", "."}));
        // An elided "Je" is a label of its own ("J'", then the verb).
        std::vector<std::string> elided = {"J'", "arrivera", "à", "midi"};
        first_person_future_pieces(elided, {true, true, true, true});
        QCOMPARE(elided, (std::vector<std::string>{"J'", "arriverai", "à", "midi"}));
        std::vector<std::string> unchanged = {"Il", "arrive", "ra"};
        first_person_future_pieces(unchanged, {true, true, false});
        QCOMPARE(unchanged, (std::vector<std::string>{"Il", "arrive", "ra"}));
    }
};

QTEST_GUILESS_MAIN(TestFrenchFuture)
#include "test_french_future.moc"
