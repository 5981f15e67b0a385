// Spellings the models were trained on: French typed without "œ" (core/text/french_spelling.h),
// the word for an e-mail (core/text/email_word.h), English in its American spelling
// (core/text/american_spelling.h).

#include <QTest>

#include "core/text/american_spelling.h"
#include "core/text/email_word.h"
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

    // en-fr read "e-mail" as "bout", en-de dropped the date after it, fr-en read "mail" as
    // "place", de-en "Email" as "elbow".
    void emailSpelledAsTheModelKnowsIt() {
        const auto spelled = [](const char* text, const char* language) {
            return QString::fromStdString(with_models_email_word(text, language));
        };
        QCOMPARE(spelled("Thank you for your e-mail. E-mails, E-Mail!", "en"), QString("Thank you for your email. Emails, Email!"));
        QCOMPARE(spelled("Je t'envoie un mail, deux e-mails et un Email.", "fr"),
                 QString("Je t'envoie un courriel, deux courriels et un Courriel."));
        QCOMPARE(spelled("Danke für Ihre Email und zwei Mails.", "de"), QString("Danke für Ihre E-Mail und zwei E-Mails."));
        // Not a part of another word, an address or a compound.
        for (const char* text : {"mailbox Gmail anna@mail.com mail.com e-mailing Mail-Adresse", "email", ""})
            QCOMPARE(spelled(text, "fr").toStdString(), std::string(text) == "email" ? std::string("courriel") : std::string(text));
        QCOMPARE(spelled("e-mail", "es"), QString("e-mail"));
    }

    // "What is your favourite colour?" was "Was ist dein Fach-Web?", "the theatre" "die Gänse".
    void britishSpellingReadAsAmerican() {
        const auto read = [](const char* text) { return QString::fromStdString(with_american_spelling(text)); };
        QCOMPARE(read("What is your favourite colour? My neighbours' behaviour!"),
                 QString("What is your favorite color? My neighbors' behavior!"));
        QCOMPARE(read("Theatre CENTRE, 5 kilometres; I didn't realise the organisation was travelling."),
                 QString("Theater CENTER, 5 kilometers; I didn't realize the organization was traveling."));
        QCOMPARE(read("A grey lorry on the motorway needs petrol."), QString("A gray truck on the highway needs gasoline."));
        // "flat" where it is a home ("Mein flach ist im dritten Stock.", "Nous avons loué un plat").
        QCOMPARE(read("My flat is cold. We rented a small flat in London; the flat."),
                 QString("My apartment is cold. We rented a small apartment in London; the apartment."));
        // Words that are no British spellings, or are parts of others, stay.
        for (const char* text : {"Four hours in our tour; advise, surprise, exercise.", "The organism's emphasis.",
                                 "colour-blind e-colour colours2", "A flat tire, a flat and boring road; it is flat.",
                                 "Give me a lift.", ""})
            QCOMPARE(read(text), QString(text));
    }

    // The heatmap shows the words as written, not as the model read them.
    void heatmapShowsTheWordsAsWritten() {
        std::vector<std::string> pieces = {"What", "is", "your", "favor", "ite", "color", "?"};
        const std::vector<bool> starts = {true, true, true, true, false, true, false};
        relabel_american_pieces(pieces, starts, "What is your favourite colour?");
        const std::vector<std::string> shown = {"What", "is", "your", "favourite", "\u00B7", "colour", "?"};
        QCOMPARE(pieces, shown);
    }
};

QTEST_GUILESS_MAIN(TestFrenchSpelling)
#include "test_french_spelling.moc"
