// Letter formulas: which salutations and closings start a sentence, how much of it they take,
// and how each is written in the other languages.

#include <QTest>

#include <string>

#include "core/text/letter_formulas.h"

using namespace attentive;

class TestLetterFormulas : public QObject {
    Q_OBJECT

private slots:
    void formulas_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("translation");  // empty: no formula
        QTest::addColumn<QString>("rest");         // what the model is left to translate
        QTest::newRow("dear, no gender") << "Dear Priya," << "en" << "fr" << "Bonjour Priya," << "";
        QTest::newRow("dear, then a sentence") << "Dear Priya Okonkwo, I hope you are well." << "en" << "de"
                                               << "Hallo Priya Okonkwo," << "I hope you are well.";
        QTest::newRow("two names") << "Dear Tom and Anna," << "en" << "fr" << "Bonjour Tom et Anna," << "";
        QTest::newRow("title gives gender") << "Dear Mr. Smith," << "en" << "de" << "Sehr geehrter Herr Smith," << "";
        QTest::newRow("title after hello") << "Hello Mr. Jensen, thanks." << "en" << "fr" << "Bonjour M. Jensen," << "thanks.";
        QTest::newRow("french title") << "Bonjour M. Dupont," << "fr" << "de" << "Hallo Herr Dupont," << "";
        QTest::newRow("sir or madam") << "Dear Sir or Madam," << "en" << "fr" << "Madame, Monsieur," << "";
        QTest::newRow("customer") << "Dear customer, thank you." << "en" << "fr"
                                  << QString::fromUtf8("Chère cliente, cher client,") << "thank you.";
        QTest::newRow("customers") << "Dear customers," << "en" << "de" << "Sehr geehrte Kundinnen und Kunden," << "";
        QTest::newRow("hello alone") << "Hello!" << "en" << "fr" << "Bonjour !" << "";
        QTest::newRow("hi, then a question") << "Hi Tom, how are you?" << "en" << "de" << "Hallo Tom," << "how are you?";
        QTest::newRow("closing") << "Best regards," << "en" << "de" << "Viele Grüße," << "";
        QTest::newRow("closing and signature") << "Kind regards, Priya" << "en" << "fr" << "Cordialement, Priya" << "";
        QTest::newRow("french feminine") << QString::fromUtf8("Chère Anna,") << "fr" << "de" << "Liebe Anna," << "";
        QTest::newRow("french to english") << "Cher Tom, merci." << "fr" << "en" << "Dear Tom," << "merci.";
        QTest::newRow("german closing, no comma") << QString::fromUtf8("Mit freundlichen Grüßen") << "de" << "en"
                                                  << "Yours sincerely" << "";
        QTest::newRow("german closing before name-like noun")
            << QString::fromUtf8("Liebe Grüße, Anna") << "de" << "en" << "Love, Anna" << "";
        // Wishes, and the family they call after a comma.
        QTest::newRow("wish alone") << "Merry Christmas!" << "en" << "fr" << QString::fromUtf8("Joyeux Noël !") << "";
        QTest::newRow("wish, family") << QString::fromUtf8("Joyeux Noël, mamie !") << "fr" << "de"
                                      << "Frohe Weihnachten, Oma!" << "";
        QTest::newRow("wish, name") << "Happy birthday, Anna!" << "en" << "de" << "Alles Gute zum Geburtstag," << "Anna!";
        QTest::newRow("german wish") << "Gute Besserung!" << "de" << "en" << "Get well soon!" << "";
        QTest::newRow("family as the name") << "Hi Mum, how are you?" << "en" << "fr" << "Salut maman," << "how are you?";
        QTest::newRow("french family as the name") << QString::fromUtf8("Salut papa, ça va ?") << "fr" << "en"
                                                   << "Hi Dad," << QString::fromUtf8("ça va ?");
        // Not formulas.
        QTest::newRow("wish before a sentence") << "Congratulations on your new job!" << "en" << "fr" << "" << "";
        QTest::newRow("longer word than the family one") << "Hello Mummies!" << "en" << "fr" << "Bonjour Mummies !" << "";
        QTest::newRow("french formal closing sentence")
            << QString::fromUtf8("Je vous prie d’agréer, Madame, l'expression de mes salutations distinguées.") << "fr"
            << "en" << "Yours sincerely," << "";
        QTest::newRow("french formal closing to german")
            << QString::fromUtf8("Veuillez agréer, Madame, Monsieur, mes sincères salutations.") << "fr" << "de"
            << QString::fromUtf8("Mit freundlichen Grüßen,") << "";
        QTest::newRow("hey with a name") << "Hey Tom!" << "en" << "fr" << "Salut Tom !" << "";
        QTest::newRow("hey, an interjection") << "Hey, this is nice." << "en" << "fr" << "" << "";
        QTest::newRow("love is blind") << "Love is blind." << "en" << "fr" << "" << "";
        QTest::newRow("closing before a sentence") << "Best regards to your mother." << "en" << "fr" << "" << "";
        QTest::newRow("closing, then more than a name") << "Love, that is what matters." << "en" << "fr" << "" << "";
        QTest::newRow("dear without a name") << "Dear me!" << "en" << "fr" << "" << "";
        QTest::newRow("word that starts like one") << "His car is red." << "en" << "fr" << "" << "";
        QTest::newRow("german noun after Liebe") << "Liebe ist blind." << "de" << "en" << "" << "";
        QTest::newRow("other language") << "Dear Priya," << "en" << "it" << "" << "";
    }
    void formulas() {
        QFETCH(QString, sentence);
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QString, translation);
        QFETCH(QString, rest);
        const std::string text = sentence.toStdString();
        const auto formula = letter_formula(text, source.toStdString(), target.toStdString());
        if (translation.isEmpty()) {
            QVERIFY2(!formula, formula ? formula->translation.c_str() : "");
            return;
        }
        QVERIFY(formula);
        QCOMPARE(QString::fromStdString(formula->translation), translation);
        QCOMPARE(QString::fromStdString(text.substr(formula->length)), rest);
    }

    // A letter to "Mr Smith" or "Sir or Madam", or one closed "Yours sincerely", is formal: its
    // translation says "Sie" and "vous" (core/text/address_forms.h).
    void formalFormulas() {
        const auto formal = [](const char* sentence, const char* source = "en") {
            const auto formula = letter_formula(sentence, source, "de");
            return formula && formula->formal;
        };
        QVERIFY(formal("Dear Mrs. Keller, thank you for your letter."));
        QVERIFY(formal("Dear Mr Smith,"));
        QVERIFY(formal("Dear Sir or Madam,"));
        QVERIFY(formal("Yours sincerely, Tom Miller"));
        QVERIFY(formal("Madame, Monsieur,", "fr"));
        QVERIFY(!formal("Dear Priya,"));
        QVERIFY(!formal("Hi Tom, how are you?"));
        QVERIFY(!formal("Best regards, Priya"));
        QVERIFY(!formal("Love, Anna"));
        QVERIFY(formal("Dear customer, your order has been sent."));
        QVERIFY(formal("Dear Customers,"));
    }

    // A letter opened "Hi Tom" or "Hey Anna", or closed "Love", is written to a friend: its
    // translation says "du" and "tu". Not one to several people, nor a formal one.
    void familiarFormulas() {
        const auto familiar = [](const char* sentence) {
            const auto formula = letter_formula(sentence, "en", "fr");
            return formula && formula->familiar;
        };
        QVERIFY(familiar("Hi Tom, how are you?"));
        QVERIFY(familiar("Hey Anna!"));
        QVERIFY(familiar("Love, Anna"));
        QVERIFY(!familiar("Hi everyone,"));
        QVERIFY(!familiar("Dear Priya,"));
        QVERIFY(!familiar("Dear Mr Smith,"));
        QVERIFY(!familiar("Best regards, Priya"));
    }
};

QTEST_GUILESS_MAIN(TestLetterFormulas)
#include "test_letter_formulas.moc"
