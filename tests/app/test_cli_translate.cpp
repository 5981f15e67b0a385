// 'attentive-cli translate' run as a process on the shipped models: every sentence of a
// line is translated (the models end a translation after one sentence, so a line read as one
// sentence lost the rest of it), French typed without "œ" is read as the model knows it, a text
// says one "you" (a letter's formal salutation makes the lines after it formal, a friendly one
// familiar; a shop's e-mail is formal), the line after a closing is its signature, and a long
// sentence of two clauses keeps both.

#include <QTest>

#include "support/cli_process.h"

namespace {

using attentive::testing::CliRun;
using attentive::testing::run_cli;

QString model(const char* name) { return QStringLiteral(ATTENTIVE_SOURCE_DIR "/models/") + name; }

}  // namespace

class TestCliTranslate : public QObject {
    Q_OBJECT

private slots:
    void everySentenceOfALineIsTranslated() {
        const CliRun run = run_cli({"translate", "-m", model("en-fr"), "--threads", "1"},
                                   "We arrived in Lyon on Friday. The weather was lovely.\nThank you.\n");
        QCOMPARE(run.exit_code, 0);
        const QStringList lines = run.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].contains("Lyon") && lines[0].contains("temps"), qPrintable(lines[0]));
    }

    // Each text says one "you", and a letter read line by line keeps the address of its
    // salutation: formal after a formal one ("Merci pour ta réponse", "Weißt du, wann ...",
    // "Kannst du mir ..." when each line was read on its own), familiar after one to a friend
    // ("Comment êtes-vous ?", "Arbeiten Sie noch an der Bank?" under "Hi Lisa," before). A
    // shop's e-mail, one line, is formal throughout (it was "deine Bestellung", "Si tu as des
    // questions"); one to a friend keeps "tu" in an inverted question too ("Salut Sophie,
    // êtes-vous rentré ...", whose "-vous" the familiar search could not ban).
    void keepsTheReadersAddress_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("formal");
        QTest::addColumn<QList<int>>("addressing");  // the output lines that must say the address
        QTest::addColumn<QString>("choice");          // the user's: "--formal", "--informal" or none
        const QByteArray formal = "Dear Ms Fischer,\nThank you for your quick reply.\nDo you know when the parcel "
                                  "will arrive?\nCan you send me the invoice again?\n";
        const QByteArray friendly = "Hi Lisa,\nHow are you?\nAre you still working at the bank?\nDo you have time on "
                                    "the 14th?\n";
        const QByteArray shop = "Good morning, we received your order yesterday. Your package will be sent on "
                                "Monday. If you have any questions, please contact our customer service.\n";
        for (const char* name : {"en-de", "en-fr"}) {
            QTest::addRow("%s formal letter", name) << name << formal << true << QList<int>{1, 2, 3} << QString();
            QTest::addRow("%s familiar letter", name) << name << friendly << false << QList<int>{1, 2, 3} << QString();
            QTest::addRow("%s shop", name) << name << shop << true << QList<int>{0} << QString();
            // The user's choice holds over what the text would choose.
            QTest::addRow("%s shop, informal", name) << name << shop << false << QList<int>{0} << "--informal";
        }
        // A long sentence whose first translation said "tu" in a formal letter ("... mais il a
        // besoin de savoir si tu es à la maison"), which the wider beam could not mend: read
        // clause by clause with "vous".
        const QByteArray technician = "Dear Mr Keller, thank you for your email. Our technician Jonas Weber can "
                                      "visit you next week, but he needs to know whether you are at home on Tuesday "
                                      "or on Wednesday morning.\n";
        QTest::addRow("en-fr formal letter, long sentence") << "en-fr" << technician << true << QList<int>{0}
                                                            << QString();
        const QByteArray sophie = "Hi Sophie, did you get home safely? I left my umbrella in your car.\n";
        QTest::addRow("en-fr friend") << "en-fr" << sophie << false << QList<int>{0} << QString();
        QTest::addRow("en-fr friend, formal") << "en-fr" << sophie << true << QList<int>{0} << "--formal";
    }
    void keepsTheReadersAddress() {
        QFETCH(QString, name);
        QFETCH(QByteArray, text);
        QFETCH(bool, formal);
        QFETCH(QList<int>, addressing);
        QFETCH(QString, choice);
        QStringList arguments = {"translate", "-m", model(qPrintable(name)), "--threads", "1"};
        if (!choice.isEmpty()) arguments << choice;
        const CliRun run = run_cli(arguments, text);
        QCOMPARE(run.exit_code, 0);
        const QStringList lines = run.out.split('\n');
        // Unicode word boundaries: the "tes" of "êtes" is no "tes".
        const auto unicode = QRegularExpression::UseUnicodePropertiesOption;
        const QRegularExpression formal_form(
            name == "en-de" ? "\\b(Sie|Ihnen|Ihre?\\w*)\\b" : "\\b(vous|votre|vos)\\b", unicode);
        const QRegularExpression familiar_form("\\b(du|dir|dich|dein\\w*|tu|toi|ta|ton|tes|te)\\b", unicode);
        for (const QString& line : lines) QVERIFY2(!line.contains(formal ? familiar_form : formal_form), qPrintable(line));
        for (int i : addressing) {
            QVERIFY2(i < lines.size(), qPrintable(run.out));
            QVERIFY2(lines[i].contains(formal ? formal_form : familiar_form), qPrintable(lines[i]));
        }
    }

    // The line after a letter's closing is its signature, written as it is: de-en wrote "Anna
    // Keller" as "Anna is the basement", fr-en "Marie Dubois" as "Mary Dubois".
    void signatureLineIsWrittenAsItIs() {
        const CliRun german = run_cli({"translate", "-m", model("de-en"), "--threads", "1"},
                                      "Mit freundlichen Grüßen\nAnna Keller\nDer Keller ist nass.\n");
        QCOMPARE(german.exit_code, 0);
        const QStringList lines = german.out.split('\n');
        QVERIFY2(lines.size() >= 3 && lines[1] == "Anna Keller", qPrintable(german.out));
        QVERIFY2(lines[2].contains("basement") || lines[2].contains("cellar"), qPrintable(lines[2]));
        const CliRun french = run_cli({"translate", "-m", model("fr-en"), "--threads", "1"}, "Cordialement,\nMarie Dubois\n");
        QVERIFY2(french.out.contains("\nMarie Dubois"), qPrintable(french.out));
    }

    // A long sentence whose translation lost words of one clause is translated clause by clause
    // (Translator's split_dropped_clauses): the fever, the reading, the waiting outside and the
    // phone were dropped ("parce que ma fille a besoin d'acheter des médicaments", "... und dann
    // setzte sie den Brief vor ihrer Schwester", "... und musste warten, bis ...", "I tried to
    // call you last night, but I didn't want to get a message.").
    void longSentenceKeepsBothClauses_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("said");
        QTest::newRow("en-fr, because") << "en-fr"
            << "Could you tell me where the nearest pharmacy is, because my daughter has a fever and I need to buy some medicine?"
            << QStringList{"pharmacie", "fièvre", "médicaments"};
        QTest::newRow("en-de, because, and then") << "en-de"
            << "She opened the window because the room was too warm, and then she sat down to read the letter from her sister."
            << QStringList{"Fenster", "denn das Zimmer", "lesen"};
        QTest::newRow("en-de, and") << "en-de"
            << "Maria lost her keys on the bus this morning, and she had to wait outside until her husband came home from work."
            << QStringList{"Schlüssel", "draußen", "Arbeit"};
        // The first clause read alone keeps the name beside the noun it names (it wrote
        // "Mein Bruder hat Daniel ... fahren": Daniel driven, not driving).
        QTest::newRow("en-de, because, a name in apposition") << "en-de"
            << "My brother Daniel will drive us to the airport on Saturday morning because our flight to Vienna "
               "leaves at 7:45."
            << QStringList{"Mein Bruder Daniel", "Flughafen", "Flug nach Wien"};
        QTest::newRow("de-en, aber") << "de-en"
            << "Ich habe gestern Abend versucht, dich anzurufen, aber dein Handy war ausgeschaltet und ich wollte keine "
               "Nachricht hinterlassen."
            << QStringList{"call", "phone", "message"};
    }
    void longSentenceKeepsBothClauses() {
        QFETCH(QString, model);
        QFETCH(QString, source);
        QFETCH(QStringList, said);
        const CliRun run = run_cli({"translate", "-m", ::model(model.toUtf8().constData()), "--threads", "1"},
                                   (source + "\n").toUtf8());
        QCOMPARE(run.exit_code, 0);
        for (const QString& words : said) QVERIFY2(run.out.contains(words), qPrintable(run.out));
    }

    void frenchWithoutTheLigatureIsUnderstood() {
        const CliRun run = run_cli({"translate", "-m", model("fr-en"), "--threads", "1"}, "Mon coeur bat vite.\n");
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.out.contains("heart"), qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestCliTranslate)
#include "test_cli_translate.moc"
