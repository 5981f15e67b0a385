// French typed without "œ" gets the spelling the models were trained on (core/text/french_spelling.h).

#include <QTest>

#include "core/text/french_spelling.h"

using namespace attentive;

class TestFrenchSpelling : public QObject {
    Q_OBJECT

private slots:
    void wordsWrittenWithTheLigatureGetIt() {
        QCOMPARE(QString::fromStdString(with_french_ligatures("Ma soeur a mal au coeur.")),
                 QStringLiteral("Ma sœur a mal au cœur."));
        QCOMPARE(QString::fromStdString(with_french_ligatures("l'oeil, des oeufs, un chef-d'oeuvre, mes voeux")),
                 QStringLiteral("l'œil, des œufs, un chef-d'œuvre, mes vœux"));
        // Quotes and punctuation outside ASCII end a word too.
        QCOMPARE(QString::fromStdString(with_french_ligatures("«coeur» et soeur…")), QStringLiteral("«cœur» et sœur…"));
    }

    void caseIsKept() {
        QCOMPARE(QString::fromStdString(with_french_ligatures("Oeuvres complètes. OEIL")), QStringLiteral("Œuvres complètes. ŒIL"));
    }

    void otherWordsAreUnchanged() {
        // "poete" and "Noel" are not written with "œ"; "oeuvré" continues past ASCII letters.
        for (const char* text : {"Le poete Noel goes to Boeing.", "coeurs oeuvré", "", "sœur déjà écrite", "\xFF\xFE coeur"}) {
            const std::string expected = std::string(text) == "coeurs oeuvré" ? "cœurs oeuvré"
                                         : std::string(text) == "\xFF\xFE coeur" ? "\xFF\xFE cœur" : text;
            QCOMPARE(with_french_ligatures(text), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestFrenchSpelling)
#include "test_french_spelling.moc"
