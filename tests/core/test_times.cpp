// Times of day: which ones are found in each language (with their language's marks, and not a
// French duration), and how each language writes them.

#include <QTest>

#include <string>

#include "core/text/protected_spans.h"
#include "core/text/times.h"

using namespace attentive;

namespace {

QString times_of(const QString& sentence, const char* language) {
    const std::string text = sentence.toStdString();
    QStringList out;
    for (const WrittenTime& t : find_times(text, language))
        out << QString("%1=%2:%3")
                   .arg(QString::fromStdString(text.substr(t.begin, t.length)))
                   .arg(t.hour)
                   .arg(t.minute, 2, 10, QChar('0'));
    return out.join(" | ");
}

}  // namespace

class TestTimes : public QObject {
    Q_OBJECT

private slots:
    void find_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("times");
        QTest::newRow("en pm") << "The train leaves at 6:40 pm." << "en" << "6:40 pm=18:40";
        QTest::newRow("en a.m.") << "I woke up at 7 a.m. and had breakfast." << "en" << "7 a.m.=7:00";
        QTest::newRow("en range") << "Open from 9am to 12 PM." << "en" << "9am=9:00 | 12 PM=12:00";
        QTest::newRow("en midnight") << "It ends at 12 am." << "en" << "12 am=0:00";
        QTest::newRow("en plain clock") << "The train leaves at 18:40." << "en" << "18:40=18:40";
        QTest::newRow("en score") << "They won 2:30 in the end." << "en" << "";
        QTest::newRow("en clock with seconds") << "It started at 12:30:45." << "en" << "";
        QTest::newRow("de plain clock") << QString::fromUtf8("Der Zug fährt um 7:45 ab.") << "de" << "7:45=7:45";
        QTest::newRow("en not a time") << "It weighs 5 kg and costs 13 pm." << "en" << "";
        QTest::newRow("fr spaced") << QString::fromUtf8("Le train part à 18 h 40.") << "fr" << "18 h 40=18:40";
        // As French typesets it, and as write_time writes it: no-break spaces.
        QTest::newRow("fr no-break spaces") << QString::fromUtf8("Le train part à 18\u00A0h\u00A040.") << "fr"
                                            << QString::fromUtf8("18\u00A0h\u00A040=18:40");
        QTest::newRow("fr narrow no-break space") << QString::fromUtf8("Rendez-vous à 9\u202Fh.") << "fr"
                                                  << QString::fromUtf8("9\u202Fh=9:00");
        QTest::newRow("fr joined") << QString::fromUtf8("Rendez-vous à 14h.") << "fr" << "14h=14:00";
        QTest::newRow("fr range") << "Ouvert de 9 h à 17 h 30." << "fr" << "9 h=9:00 | 17 h 30=17:30";
        QTest::newRow("fr duration") << QString::fromUtf8("J'ai attendu 2 h.") << "fr" << "";
        QTest::newRow("fr heures") << QString::fromUtf8("Nous arriverons vers 18 heures.") << "fr" << "18 heures=18:00";
        QTest::newRow("fr heures et minutes") << QString::fromUtf8("Rendez-vous à 14 heures 30.") << "fr"
                                              << "14 heures 30=14:30";
        QTest::newRow("fr une heure") << QString::fromUtf8("Le magasin ouvre à 1 heure.") << "fr" << "1 heure=1:00";
        QTest::newRow("fr heures of a duration") << QString::fromUtf8("Le film dure 2 heures.") << "fr" << "";
        QTest::newRow("de Uhr") << QString::fromUtf8("Der Zug fährt um 18.40 Uhr ab.") << "de" << "18.40 Uhr=18:40";
        QTest::newRow("de hour") << "Wir treffen uns um 9 Uhr." << "de" << "9 Uhr=9:00";
        QTest::newRow("de hours") << "Ich habe 2 Stunden gewartet." << "de" << "";
        // An hour in words from 13 on, which the models garble; a lesser one they translate.
        QTest::newRow("fr hour in words") << QString::fromUtf8("Le magasin ferme à dix-neuf heures.") << "fr"
                                          << "dix-neuf heures=19:00";
        QTest::newRow("fr feminine hour in words") << "Le film commence vers vingt et une heures." << "fr"
                                                   << "vingt et une heures=21:00";
        QTest::newRow("fr lesser hour in words") << QString::fromUtf8("Il ouvre à neuf heures.") << "fr" << "";
        QTest::newRow("fr hours in words of a duration") << "Le vol dure treize heures." << "fr" << "";
        QTest::newRow("de hour in words") << QString::fromUtf8("Der Laden schließt um neunzehn Uhr.") << "de"
                                          << "neunzehn Uhr=19:00";
        QTest::newRow("de more than a day") << "Es ist dreißig Uhr." << "de" << "";
        // Clocks in words (core/text/word_clocks.h), which the models told an hour off.
        QTest::newRow("en half past") << "The meeting was moved to half past ten." << "en" << "half past ten=10:30";
        QTest::newRow("en quarter past") << "The train leaves at a quarter past nine." << "en"
                                         << "a quarter past nine=9:15";
        QTest::newRow("en quarter to") << "We eat at quarter to eight." << "en" << "quarter to eight=7:45";
        QTest::newRow("en minutes past") << "It's already twenty past eight." << "en" << "twenty past eight=8:20";
        QTest::newRow("en minutes to one") << "Come at ten minutes to one." << "en" << "ten minutes to one=12:50";
        QTest::newRow("en a range") << "Children from five to ten years old." << "en" << "";
        QTest::newRow("en joined") << "Meet me at half past ten-thirty." << "en" << "";
        QTest::newRow("fr et demie") << QString::fromUtf8("La réunion est à dix heures et demie.") << "fr"
                                     << "dix heures et demie=10:30";
        QTest::newRow("fr et quart past an adverb") << QString::fromUtf8("Il est déjà neuf heures et quart.") << "fr"
                                                    << "neuf heures et quart=9:15";
        QTest::newRow("fr moins le quart") << QString::fromUtf8("Rendez-vous à huit heures moins le quart.") << "fr"
                                           << "huit heures moins le quart=7:45";
        QTest::newRow("fr moins dix") << QString::fromUtf8("On part à une heure moins dix.") << "fr"
                                      << "une heure moins dix=12:50";
        QTest::newRow("fr heures vingt") << QString::fromUtf8("Le bus passe à huit heures vingt.") << "fr"
                                         << "huit heures vingt=8:20";
        QTest::newRow("fr et demie of a duration") << QString::fromUtf8("J'ai attendu deux heures et demie.") << "fr"
                                                   << "";
        QTest::newRow("fr 24-hour clock in words") << QString::fromUtf8("Le train part à dix-neuf heures trente.")
                                                   << "fr" << "dix-neuf heures trente=19:30";
        QTest::newRow("de halb") << "Die Besprechung ist um halb elf." << "de" << "halb elf=10:30";
        QTest::newRow("de halb eins") << "Wir essen um halb eins." << "de" << "halb eins=12:30";
        QTest::newRow("de Viertel nach") << QString::fromUtf8("Der Zug fährt um Viertel nach neun.") << "de"
                                         << "Viertel nach neun=9:15";
        QTest::newRow("de zehn vor") << "Es ist zehn vor sechs." << "de" << "zehn vor sechs=5:50";
        QTest::newRow("de Uhr zwanzig") << "Wir essen um acht Uhr zwanzig." << "de" << "acht Uhr zwanzig=8:20";
        QTest::newRow("fr midi et demi") << QString::fromUtf8("Le déjeuner est servi à partir de midi et demi.") << "fr"
                                         << "midi et demi=12:30";
        QTest::newRow("fr minuit et quart") << QString::fromUtf8("Il est parti à minuit et quart.") << "fr"
                                            << "minuit et quart=0:15";
        QTest::newRow("de fünf nach halb") << QString::fromUtf8("Der Bus fährt um fünf nach halb elf.") << "de"
                                           << QString::fromUtf8("fünf nach halb elf=10:35");
        QTest::newRow("de halb so") << "Das kostet halb so viel." << "de" << "";
        QTest::newRow("other language") << "alle 9 pm" << "it" << "";
    }
    void find() {
        QFETCH(QString, sentence);
        QFETCH(QString, language);
        QFETCH(QString, times);
        QCOMPARE(times_of(sentence, language.toLatin1().constData()), times);
    }

    void write() {
        const WrittenTime evening{0, 0, 18, 40};
        QCOMPARE(QString::fromStdString(write_time(evening, "en")), QString("18:40"));
        QCOMPARE(QString::fromStdString(write_time(evening, "fr")), QString("18\u00A0h\u00A040"));
        QCOMPARE(QString::fromStdString(write_time(evening, "de")), QString("18:40 Uhr"));
        const WrittenTime nine{0, 0, 9, 0};
        QCOMPARE(QString::fromStdString(write_time(nine, "en")), QString("9:00"));
        QCOMPARE(QString::fromStdString(write_time(WrittenTime{0, 0, 0, 5}, "en")), QString("0:05"));
        QCOMPARE(QString::fromStdString(write_time(nine, "fr")), QString("9\u00A0h"));
        QCOMPARE(QString::fromStdString(write_time(nine, "de")), QString("9 Uhr"));
    }

    // An am/pm time keeps its digits, with the part of the day.
    void write_twelve_hour() {
        WrittenTime dawn{0, 0, 4, 0, true, true};
        QCOMPARE(QString::fromStdString(write_time(dawn, "fr")), QString("4\u00A0h\u00A000 du matin"));
        QCOMPARE(QString::fromStdString(write_time(dawn, "de")), QString("4:00 Uhr morgens"));
        WrittenTime afternoon{0, 0, 15, 0, false, true};
        QCOMPARE(QString::fromStdString(write_time(afternoon, "fr")), QString::fromUtf8("3\u00A0h de l'après-midi"));
        QCOMPARE(QString::fromStdString(write_time(afternoon, "de")), QString("3 Uhr nachmittags"));
        WrittenTime evening{0, 0, 18, 40, true, true};
        QCOMPARE(QString::fromStdString(write_time(evening, "fr")), QString("6\u00A0h\u00A040 du soir"));
        QCOMPARE(QString::fromStdString(write_time(evening, "de")), QString("6:40 Uhr abends"));
    }

    // A clock in words is told in the target language's words, on the same 12-hour clock.
    void write_in_words_data() {
        QTest::addColumn<int>("hour");
        QTest::addColumn<int>("minute");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("french");
        QTest::addColumn<QString>("german");
        QTest::newRow("half") << 10 << 30 << "half past ten" << "dix heures et demie" << "halb elf";
        QTest::newRow("quarter to") << 7 << 45 << "a quarter to eight" << "huit heures moins le quart"
                                    << "Viertel vor acht";
        QTest::newRow("quarter past") << 9 << 15 << "a quarter past nine" << "neuf heures et quart"
                                      << "Viertel nach neun";
        QTest::newRow("to one") << 12 << 50 << "ten to one" << "une heure moins dix" << "zehn vor eins";
        QTest::newRow("past") << 8 << 20 << "twenty past eight" << "huit heures vingt" << "zwanzig nach acht";
        QTest::newRow("five past half") << 10 << 35 << "twenty-five to eleven" << "onze heures moins vingt-cinq"
                                        << QString::fromUtf8("fünf nach halb elf");
        QTest::newRow("o'clock") << 1 << 0 << "one o'clock" << "une heure" << "ein Uhr";
        QTest::newRow("other minutes") << 8 << 17 << "8:17" << "huit heures dix-sept" << "acht Uhr siebzehn";
        QTest::newRow("past midnight") << 0 << 15 << "a quarter past midnight" << "minuit et quart"
                                       << QString::fromUtf8("Viertel nach zwölf");
        QTest::newRow("24-hour") << 19 << 30 << "19:30" << QString::fromUtf8("19\u00A0h\u00A030") << "19:30 Uhr";
    }
    void write_in_words() {
        QFETCH(int, hour);
        QFETCH(int, minute);
        WrittenTime clock{0, 0, hour, minute, true};
        clock.in_words = true;
        QTEST(QString::fromStdString(write_time(clock, "en")), "english");
        QTEST(QString::fromStdString(write_time(clock, "fr")), "french");
        QTEST(QString::fromStdString(write_time(clock, "de")), "german");
    }

    // "half past ten" stands in as "midnight" and comes back as German tells it ("halb zehn"
    // was the model's, 9:30).
    void clock_in_words_protected() {
        SpanRules rules;
        rules.known_word = [](std::string_view) { return true; };
        rules.common_word = [](std::string_view) { return true; };
        rules.surrogates = {"Tom"};
        rules.count_surrogates = {{"two", "zwei"}};
        rules.source_language = "en";
        rules.target_language = "de";
        rules.time_surrogates = {{"midnight", "Mitternacht"}};
        const MaskedSentence masked = mask_protected_spans("The meeting is at half past ten.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("The meeting is at midnight."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Die Besprechung ist um Mitternacht.", masked.spans)),
                 QString("Die Besprechung ist um halb elf."));
    }

    // A time stands in as "midnight", which the models translate with the right preposition,
    // and comes back in the target language's way.
    void protected_as_midnight() {
        SpanRules rules;
        rules.known_word = [](std::string_view) { return true; };
        rules.common_word = [](std::string_view) { return true; };
        rules.surrogates = {"Tom"};
        rules.source_language = "en";
        rules.target_language = "fr";
        rules.time_surrogates = {{"midnight", "minuit"}, {"noon", "midi"}};
        const MaskedSentence masked = mask_protected_spans("The shop is open from 9 am to 6:30 pm.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("The shop is open from midnight to noon."));
        QVERIFY(masked.spans.at(0).kind == SpanKind::time);
        QCOMPARE(QString::fromStdString(restore_protected_spans("Le magasin est ouvert de minuit à midi.", masked.spans)),
                 QString::fromUtf8("Le magasin est ouvert de 9\u00A0h du matin à 6\u00A0h\u00A030 du soir."));
        // A chat model answers in the language it reads: the time comes back as written.
        rules.target_language = "en";
        rules.time_surrogates = {{"midnight", "midnight"}};
        const MaskedSentence chat = mask_protected_spans("A table at 7:30 pm, please.", rules);
        QCOMPARE(QString::fromStdString(chat.text), QString("A table at midnight, please."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Sure, at midnight.", chat.spans)),
                 QString("Sure, at 7:30 pm."));
    }
};

QTEST_GUILESS_MAIN(TestTimes)
#include "test_times.moc"
