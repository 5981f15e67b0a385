// Spellings the models were trained on: French typed without "œ" (core/text/french_spelling.h),
// the word for an e-mail (core/text/email_word.h), English in its American spelling
// (core/text/american_spelling.h), chat shorthand written out (core/text/chat_shorthand.h) and an
// age said with "turn" read as one (core/text/age_phrases.h).

#include <QTest>

#include "core/text/age_phrases.h"
#include "core/text/american_spelling.h"
#include "core/text/chat_shorthand.h"
#include "core/text/email_word.h"
#include "core/text/french_spelling.h"
#include "core/text/language_id.h"

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
        const std::string text = "What is your favourite colour?";
        relabel_rewritten_pieces(pieces, starts, text, american_spellings(text));
        const std::vector<std::string> shown = {"What", "is", "your", "favourite", "\u00B7", "colour", "?"};
        QCOMPARE(pieces, shown);
        // A shorthand read as several words shows on the first of their pieces.
        std::vector<std::string> chat = {"I", "don", "'", "t", "know", ",", "thanks", "!"};
        const std::vector<bool> chat_starts = {true, true, false, false, true, false, true, false};
        const std::string typed = "idk, thx!";
        relabel_rewritten_pieces(chat, chat_starts, typed, shorthand_words(typed));
        const std::vector<std::string> chat_shown = {"idk", "\u00B7", "\u00B7", "\u00B7", "\u00B7", ",", "thx", "!"};
        QCOMPARE(chat, chat_shown);
    }

    // "thx for ur help, c u tmrw" was "Die Krüße um Hilfe, grührert."; written out, en-de gets it.
    void chatShorthandWrittenOut() {
        const auto read = [](const char* text) { return QString::fromStdString(with_shorthand_written_out(text)); };
        QCOMPARE(read("thx for ur help, c u tmrw"), QString("Thanks for your help, see you tomorrow"));
        QCOMPARE(read("Idk. r u coming 2nite? pls call me asap"),
                 QString("I don't know. Are you coming tonight? Please call me as soon as possible"));
        QCOMPARE(read("im sorry i cant come, i gotta work. ur welcome, i'm sure"),
                 QString("I'm sorry I can't come, I have to work. You're welcome, I'm sure"));
        QCOMPARE(read("Thx! Btw ur the best"), QString("Thanks! By the way you're the best"));
        QCOMPARE(read("Tom & Anna like R&B & AT&T"), QString("Tom and Anna like R&B and AT&T"));
        // Capitals, letters joined to others, and words that are English as they stand stay.
        for (const char* text : {"The U.S. team made a U-turn in 100 BC.", "Ty and R&B, its well; lets go", "I'm fine.",
                                 "www.ur.com u2 me@u.com", "Im Winter", "c d e", ""})
            QCOMPARE(read(text), QString(text) == "Im Winter" ? QString("I'm Winter") : QString(text));
        // The language check reads the message written out too.
        QCOMPARE(QString::fromStdString(identify_language("thx for ur help, c u tmrw").language), QString("en"));
        QCOMPARE(QString::fromStdString(identify_language("Im Winter fahren wir oft in die Berge.").language), QString("de"));
    }

    // "Grandpa Harold turns ninety in June." was "Papi Harold se tourne à quatre-vingt-dix juins."
    void ageSaidWithTurnReadAsAnAge() {
        const auto read = [](const char* text) {
            return QString::fromStdString(with_rewritten_words(text, age_phrases(text)));
        };
        QCOMPARE(read("Grandpa Harold turns ninety in June."), QString("Grandpa Harold is ninety years old in June."));
        QCOMPARE(read("Mia turns 4 next week and Leo turns twenty-one!"),
                 QString("Mia is 4 years old next week and Leo is twenty-one years old!"));
        QCOMPARE(read("I'm turning thirty tomorrow."), QString("I'm thirty years old tomorrow."));
        QCOMPARE(read("She\u2019s turning 18 years old today"), QString("She\u2019s 18 years old today"));
        QCOMPARE(read("The baby turns one on Sunday."), QString("The baby is one year old on Sunday."));
        QCOMPARE(read("Gran turns a hundred next month."), QString("Gran is a hundred years old next month."));
        // No age: a turn by so many degrees, pages, a turn that is not after "be", a year.
        for (const char* text : {"The road turns 90 degrees.", "She turns 3 pages.", "Turning forty is hard.",
                                 "He turns 2024 into a good year.", "It turns out fine.", "turns ninety", ""})
            QCOMPARE(read(text), QString(text) == "turns ninety" ? QString("is ninety years old") : QString(text));
    }
};

QTEST_GUILESS_MAIN(TestFrenchSpelling)
#include "test_french_spelling.moc"
