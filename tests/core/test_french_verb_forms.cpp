// core/text/french_verb_forms.h: "J'arrivera à midi." -> "J'arriverai à midi." and "J'ai ouvert la
// boîte et a trouvé une lettre." -> "... et ai trouvé ..." and "Les jumeaux sont cinq ans." ->
// "Les jumeaux ont cinq ans." after decoding.

#include <QTest>

#include "core/text/french_elisions.h"
#include "core/text/french_verb_forms.h"

using namespace attentive;

class TestFrenchVerbForms : public QObject {
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

    void coordinatedAuxiliary_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("avoir, first person") << QString::fromUtf8("J'ai ouvert la boîte et a trouvé une lettre.")
                                             << QString::fromUtf8("J'ai ouvert la boîte et ai trouvé une lettre.");
        QTest::newRow("être after être") << QString::fromUtf8("Nous sommes arrivés en retard et est allés au lit.")
                                         << QString::fromUtf8("Nous sommes arrivés en retard et sommes allés au lit.");
        QTest::newRow("être after avoir") << QString::fromUtf8("J'ai pris une douche et est allé au lit.")
                                          << QString::fromUtf8("J'ai pris une douche et suis allé au lit.");
        QTest::newRow("second person") << "Tu as fini ton travail et est parti." << "Tu as fini ton travail et es parti.";
        QTest::newRow("third person plural") << "Ils ont vendu la maison et a acheté un bateau."
                                             << "Ils ont vendu la maison et ont acheté un bateau.";
        QTest::newRow("an object pronoun") << QString::fromUtf8("J'ai aimé ton idée et l'a adoptée.")
                                           << QString::fromUtf8("J'ai aimé ton idée et l'ai adoptée.");
        QTest::newRow("a negation") << "Nous avons attendu et n'a pas vu le bus." << "Nous avons attendu et n'avons pas vu le bus.";
        QTest::newRow("the third person is right") << QString::fromUtf8("Il a ouvert la porte et a regardé.")
                                                   << QString::fromUtf8("Il a ouvert la porte et a regardé.");
        QTest::newRow("another clause") << QString::fromUtf8("J'ai vu qu'il est venu et a mangé.")
                                        << QString::fromUtf8("J'ai vu qu'il est venu et a mangé.");
        QTest::newRow("another sentence") << QString::fromUtf8("J'ai mangé. Tom et Anna ont dormi et a rêvé.")
                                          << QString::fromUtf8("J'ai mangé. Tom et Anna ont dormi et ont rêvé.");
        QTest::newRow("not a compound past") << "J'ai un chien et a un chat." << "J'ai un chien et a un chat.";
        QTest::newRow("a subject after et") << QString::fromUtf8("J'ai appelé Tom et il a répondu.")
                                            << QString::fromUtf8("J'ai appelé Tom et il a répondu.");
    }
    void coordinatedAuxiliary() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(with_agreeing_auxiliaries(text.toStdString())), expected);
    }

    void auxiliaryPieces() {
        std::vector<std::string> pieces = {"J", "'", "ai", "ouvert", "la", "boîte", "et", "l'", "a", "adopt", "ée", "."};
        const std::vector<bool> word_start = {true, false, false, true, true, true, true, true, false, true, false, false};
        agree_auxiliary_pieces(pieces, word_start);
        QCOMPARE(pieces[8], std::string("ai"));
        QCOMPARE(pieces[9], std::string("adopt"));
    }

    // en-fr wrote "Les jumeaux sont cinq ans aujourd'hui." for "The twins are turning five today."
    void ageTakesAvoir_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("present") << "Les jumeaux sont cinq ans aujourd'hui." << "Les jumeaux ont cinq ans aujourd'hui.";
        QTest::newRow("imperfect") << "Mon fils était sept ans hier." << "Mon fils avait sept ans hier.";
        QTest::newRow("future, digits") << "Elle sera 18 ans en mai." << "Elle aura 18 ans en mai.";
        QTest::newRow("hyphenated number") << "Il est quatre-vingt-dix ans." << "Il a quatre-vingt-dix ans.";
        QTest::newRow("teen in words") << "Elle est dix-sept ans." << "Elle a dix-sept ans.";
        QTest::newRow("twenty-one") << "Ils sont vingt et un ans." << "Ils ont vingt et un ans.";
        QTest::newRow("elided after") << "Je suis trente ans." << "J'ai trente ans.";
        QTest::newRow("a duration") << "C'est vingt ans de travail." << "C'est vingt ans de travail.";
        QTest::newRow("no number") << "Ils sont là depuis des ans." << "Ils sont là depuis des ans.";
        QTest::newRow("avoir already") << "Mia a quatre ans." << "Mia a quatre ans.";
    }
    void ageTakesAvoir() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(with_french_elisions(with_avoir_for_ages(text.toStdString()))), expected);
    }

    void agePieces() {
        std::vector<std::string> pieces = {"Les", "jum", "eaux", "sont", "cinq", "ans", "."};
        const std::vector<bool> word_start = {true, true, false, true, true, true, false};
        avoir_for_age_pieces(pieces, word_start);
        QCOMPARE(pieces[3], std::string("ont"));
        QCOMPARE(pieces[4], std::string("cinq"));
    }
};

QTEST_GUILESS_MAIN(TestFrenchVerbForms)
#include "test_french_verb_forms.moc"
