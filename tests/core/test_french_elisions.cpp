// core/text/french_elisions.h: "la idée" -> "l'idée" after decoding.

#include <QTest>

#include "core/text/french_elisions.h"

using namespace attentive;

class TestFrenchElisions : public QObject {
    Q_OBJECT
private slots:
    void elided_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("article") << QString::fromUtf8("Où est la erreur ?") << QString::fromUtf8("Où est l'erreur ?");
        QTest::newRow("accented vowel") << QString::fromUtf8("le étranger") << QString::fromUtf8("l'étranger");
        QTest::newRow("de") << "Il n'a pas de ordinateur." << "Il n'a pas d'ordinateur.";
        QTest::newRow("que") << "Il est aussi grand que elle." << "Il est aussi grand qu'elle.";
        QTest::newRow("capital") << "Je exigea qu'il soit puni." << "J'exigea qu'il soit puni.";
        QTest::newRow("ce est") << "ce est vrai" << "c'est vrai";
        QTest::newRow("ce before another vowel") << "ce arbre" << "ce arbre";
        QTest::newRow("si il") << "si il pleut, si elle vient" << "s'il pleut, si elle vient";
        QTest::newRow("h is left") << QString::fromUtf8("le homme, la histoire") << QString::fromUtf8("le homme, la histoire");
        QTest::newRow("onze and oui") << "le onze, le oui" << "le onze, le oui";
        QTest::newRow("before a conjunction") << "le et la" << "le et la";
        QTest::newRow("consonant") << "de pain" << "de pain";
        QTest::newRow("already elided") << "l'idée d'un ami" << "l'idée d'un ami";
        QTest::newRow("inside a word") << "parle anglais" << "parle anglais";
    }
    void elided() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(with_french_elisions(text.toStdString())), expected);
    }

    // The heatmap's labels read as the text does.
    void pieces() {
        std::vector<std::string> pieces = {"C", "'", "était", "la", "idée"};
        const std::vector<bool> word_start = {true, false, false, true, true};
        elide_french_pieces(pieces, word_start);
        QCOMPARE(QString::fromStdString(pieces[3]), QString("l'"));
        QCOMPARE(QString::fromStdString(pieces[0]), QString("C"));
        // A word the vocabulary writes after a space piece: "un manège de ␣ éléphant".
        std::vector<std::string> spaced = {"manège", "de", "\u2423", "éléphant"};
        elide_french_pieces(spaced, {true, true, true, false});
        QCOMPARE(QString::fromStdString(spaced[1]), QString("d'"));
    }
};

QTEST_GUILESS_MAIN(TestFrenchElisions)
#include "test_french_elisions.moc"
