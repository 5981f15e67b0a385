// core/text/french_past_historic.h: which words are the simple past, and when a translation
// writes them in the compound past.

#include <QTest>

#include "core/text/french_past_historic.h"

using namespace attentive;

namespace {

// A translator's target words, as target_words.txt lists them: infinitives and the forms the
// training targets hold.
const std::vector<std::string> kWords = {
    "fermer", "ferma",  "fermé",   "arriver", "arrivèrent", "marcher", "marchâmes", "manger", "mangea",
    "commencer", "commença", "finir", "finit", "finirent", "ouvrir", "ouvrit", "attendre", "attendit",
    "prit",   "pris",   "fut",     "viser",   "visa",       "trahir",  "trahit",    "vit",    "dit",
    "essuyer", "essuya", "elle",   "il",      "a",          "la",      "porte"};

}  // namespace

class TestFrenchPastHistoric : public QObject {
    Q_OBJECT
private slots:
    void forms_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("past");
        QTest::newRow("-er singular") << QString::fromUtf8("Il ferma la porte.") << true;
        QTest::newRow("-er plural") << QString::fromUtf8("Ils arrivèrent à minuit.") << true;
        QTest::newRow("-er first person plural") << QString::fromUtf8("Nous marchâmes le long de la mer.") << true;
        QTest::newRow("g before a") << "Il mangea une pomme." << true;
        QTest::newRow("c before a") << QString::fromUtf8("Ça commença.") << true;
        QTest::newRow("-ir plural") << "Ils finirent le travail." << true;
        QTest::newRow("-ir with its own past") << "Elle ouvrit la porte." << true;
        QTest::newRow("-dre") << "Il attendit." << true;
        QTest::newRow("irregular") << "Tom prit les ciseaux." << true;
        QTest::newRow("capitalised") << "Fut-il content ?" << true;
        QTest::newRow("-ir singular is also the present") << "Il finit le travail." << false;
        QTest::newRow("-ir of the second group") << "Il trahit son ami." << false;
        QTest::newRow("also a noun") << "Il a un visa." << false;
        QTest::newRow("also the present") << "Il vit et dit tout." << false;
        QTest::newRow("compound past") << QString::fromUtf8("Il a fermé la porte.") << false;
        QTest::newRow("unlisted") << "Il chanta." << false;
    }
    void forms() {
        QFETCH(QString, text);
        QFETCH(bool, past);
        QCOMPARE(FrenchPastHistoric(kWords).in(text.toStdString()), past);
    }

    void compound_data() {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<bool>("compound");
        QTest::newRow("avoir") << "Il ferma la porte." << QString::fromUtf8("Il a fermé la porte.") << true;
        QTest::newRow("agreed, pronoun between") << "Il la ferma." << QString::fromUtf8("Il l'a fermée.") << true;
        QTest::newRow("être") << QString::fromUtf8("Ils arrivèrent.") << QString::fromUtf8("Ils sont arrivés.") << true;
        QTest::newRow("irregular") << "Tom prit les ciseaux." << "Tom a pris les ciseaux." << true;
        QTest::newRow("-dre") << "Il attendit." << "Il a attendu." << true;
        QTest::newRow("-ir in -ert") << "Elle ouvrit la porte." << "Elle a ouvert la porte." << true;
        QTest::newRow("one auxiliary for two verbs")
            << "Elle ouvrit la porte et ferma la fenêtre."
            << QString::fromUtf8("Elle a ouvert la porte et fermé la fenêtre.") << true;
        QTest::newRow("no auxiliary") << "Elle essuya son visage." << QString::fromUtf8("Elle essuyé son visage.") << false;
        QTest::newRow("another verb") << "Tom prit les ciseaux." << QString::fromUtf8("Tom a décoré les ciseaux.") << false;
        QTest::newRow("one of two left out")
            << "Elle ouvrit la porte et ferma la fenêtre." << "Elle a ouvert la porte." << false;
        QTest::newRow("nothing in the simple past") << "Il a faim." << "Il a faim." << true;
    }
    void compound() {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(bool, compound);
        QCOMPARE(FrenchPastHistoric(kWords).compound_in(before.toStdString(), after.toStdString()), compound);
    }

    void withoutForms() {
        const FrenchPastHistoric past(kWords);
        const std::vector<std::string> kept = past.without_forms(kWords);
        for (const char* form : {"ferma", "arrivèrent", "marchâmes", "ouvrit", "prit", "fut"})
            QVERIFY2(std::find(kept.begin(), kept.end(), form) == kept.end(), form);
        for (const char* word : {"fermer", "fermé", "finit", "visa", "vit", "pris", "porte"})
            QVERIFY2(std::find(kept.begin(), kept.end(), word) != kept.end(), word);
        QVERIFY(FrenchPastHistoric().empty());
        QVERIFY(!FrenchPastHistoric().in("Il ferma la porte."));
    }
};

QTEST_GUILESS_MAIN(TestFrenchPastHistoric)
#include "test_french_past_historic.moc"
