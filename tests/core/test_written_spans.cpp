// Spans the translator writes itself in the target language: times of day (with their marks, or
// told in words), units of measure after a number, set phrases for amounts and days, ordinals in
// digits, and street names, which it copies. Which ones are found in each language, how each language writes them,
// and how they stand in for the model and come back.

#include <QTest>

#include <string>

#include "core/text/ordinals.h"
#include "core/text/protected_spans.h"
#include "core/text/set_phrases.h"
#include "core/text/street_names.h"
#include "core/text/times.h"
#include "core/text/units.h"

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

QString units_of(const QString& sentence, const char* language, const char* target) {
    const std::string text = sentence.toStdString();
    QStringList out;
    for (const WrittenUnit& u : find_units(text, language))
        out << QString("%1=%2").arg(QString::fromStdString(text.substr(u.begin, u.length)),
                                    QString::fromStdString(write_unit(u, target)));
    return out.join(" | ");
}

// The rules of a model that knows every word, with a name and two counts to stand in.
SpanRules rules_for(const char* source, const char* target) {
    SpanRules rules;
    rules.known_word = [](std::string_view) { return true; };
    rules.common_word = [](std::string_view) { return true; };
    rules.surrogates = {"Tom"};
    rules.count_surrogates = {{"two", "deux"}, {"three", "trois"}};
    rules.source_language = source;
    rules.target_language = target;
    return rules;
}

QString phrases_of(const QString& sentence, const char* language, const char* target) {
    const std::string text = sentence.toStdString();
    QStringList out;
    for (const SetPhrase& p : find_set_phrases(text, language))
        out << QString("%1=%2").arg(QString::fromStdString(text.substr(p.begin, p.length)),
                                    QString::fromStdString(write_set_phrase(p, target)));
    return out.join(" | ");
}

}  // namespace

class TestWrittenSpans : public QObject {
    Q_OBJECT

private slots:
    void times_data() {
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
        QTest::newRow("fr heures") << QString::fromUtf8("Nous arriverons vers 18 heures.") << "fr" << "vers 18 heures=18:00";
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
                                                   << "vers vingt et une heures=21:00";
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
        // Approximate: the words that say so are in the span ("vers 18 heures" -> "at 18:00").
        QTest::newRow("en at about") << "We arrive at about 6 pm." << "en" << "at about 6 pm=18:00";
        QTest::newRow("en around") << "Around 7:30 pm we eat." << "en" << "Around 7:30 pm=19:30";
        QTest::newRow("fr vers h") << "Je rentre vers 22 h." << "fr" << "vers 22 h=22:00";
        QTest::newRow("de etwa um") << "Ich bin etwa um 22 Uhr zu Hause." << "de" << "etwa um 22 Uhr=22:00";
        QTest::newRow("de gegen") << "Wir kommen gegen 18 Uhr an." << "de" << "gegen 18 Uhr=18:00";
    }
    void times() {
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

    // An approximate time says so in the target language, and brings its own preposition; the
    // model reads it as a time at its hour ("um Mitternacht"): read bare it wrote "leaves from
    // platform 7's around 14:30".
    void write_approximate() {
        WrittenTime evening{0, 0, 18, 40, true};
        evening.approximate = true;
        QCOMPARE(QString::fromStdString(write_time(evening, "en")), QString("around 18:40"));
        QCOMPARE(QString::fromStdString(write_time(evening, "fr")), QString("vers 18\u00A0h\u00A040"));
        QCOMPARE(QString::fromStdString(write_time(evening, "de")), QString("gegen 18:40 Uhr"));
        SpanRules rules = rules_for("de", "fr");
        rules.time_surrogates = {{"Mitternacht", "minuit"}};
        const MaskedSentence masked = mask_protected_spans("Wir kommen gegen 18 Uhr an.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("Wir kommen um Mitternacht an."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Nous arrivons à minuit.", masked.spans)),
                 QString::fromUtf8("Nous arrivons vers 18\u00A0h."));
        QVERIFY(is_approximate_time("at about 6 pm", "en"));
        QVERIFY(is_approximate_time("etwa um 22 Uhr", "de"));
        QVERIFY(!is_approximate_time("um 22 Uhr", "de"));
        QVERIFY(!is_approximate_time("18 heures", "fr"));
        // A whole hour in words is a time after a word that makes it approximate, and only then
        // ("gegen zehn Uhr" was "at ten o'clock"; "deux heures" may be a duration).
        QCOMPARE(times_of("We arrive around ten o'clock, not at nine o'clock.", "en"), QString("around ten o'clock=10:00"));
        const std::string digits = "See you about 10 o'clock.";
        const WrittenTime ten_digits = find_times(digits, "en").front();
        QCOMPARE(QString::fromStdString(write_time(ten_digits, "de")), QString("gegen 10 Uhr"));
        QCOMPARE(times_of(QString::fromUtf8("Wir kommen gegen zehn Uhr, er etwa um elf Uhr, sie um neun Uhr."), "de"),
                 QString("gegen zehn Uhr=10:00 | etwa um elf Uhr=11:00"));
        QCOMPARE(times_of(QString::fromUtf8("Il part vers huit heures ; j'ai attendu deux heures."), "fr"),
                 QString("vers huit heures=8:00"));
        WrittenTime ten = find_times("gegen zehn Uhr", "de").front();
        QCOMPARE(QString::fromStdString(write_time(ten, "en")), QString("around ten o'clock"));
        QCOMPARE(QString::fromStdString(write_time(ten, "fr")), QString("vers dix heures"));
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
        SpanRules rules = rules_for("en", "de");
        rules.time_surrogates = {{"midnight", "Mitternacht"}};
        const MaskedSentence masked = mask_protected_spans("The meeting is at half past ten.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("The meeting is at midnight."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Die Besprechung ist um Mitternacht.", masked.spans)),
                 QString("Die Besprechung ist um halb elf."));
    }

    // A time stands in as "midnight", which the models translate with the right preposition,
    // and comes back in the target language's way.
    void protected_as_midnight() {
        SpanRules rules = rules_for("en", "fr");
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

    void units_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("units");
        QTest::newRow("en metres") << "The house is 200 metres from the beach." << "en" << "fr" << QString::fromUtf8("metres=mètres");
        QTest::newRow("en meters to de") << "It is 200 meters away." << "en" << "de" << "meters=Meter";
        QTest::newRow("en symbol") << "We walked 5 km today." << "en" << "fr" << "km=km";
        QTest::newRow("en words") << "He drinks two litres of water." << "en" << "fr" << "litres=litres";
        QTest::newRow("en one") << "Buy a litre of milk." << "en" << "de" << "litre=Liter";
        QTest::newRow("en singular into fr below two") << "Add 1.5 litres." << "en" << "fr" << "litres=litre";
        QTest::newRow("en miles to de") << "The town is ten miles away." << "en" << "de" << "miles=Meilen";
        QTest::newRow("fr decimal comma") << "Il faut 1,5 litre d'eau." << "fr" << "en" << "litre=liters";
        QTest::newRow("fr one") << "Achetez un litre de lait." << "fr" << "en" << "litre=liter";
        QTest::newRow("fr thousands") << "Il a couru 1,000 kilomètres." << "fr" << "de" << "kilomètres=Kilometer";
        QTest::newRow("de Zentimeter") << QString::fromUtf8("Sie ist 165 Zentimeter groß.") << "de" << "en"
                                       << "Zentimeter=centimeters";
        QTest::newRow("de einen") << "Kauf einen Liter Milch." << "de" << "fr" << "Liter=litre";
        QTest::newRow("de kg") << "Die Kiste wiegt 4 kg." << "de" << "en" << "kg=kg";
        // No number before it, or part of a longer word: not a unit.
        QTest::newRow("no number") << "The meter is broken." << "en" << "fr" << "";
        QTest::newRow("a symbol after a word") << "I have two m." << "en" << "fr" << "";
        QTest::newRow("French elision") << "Il a 2 l'air." << "fr" << "en" << "";
        QTest::newRow("speed") << "He drove at 50 km/h." << "en" << "fr" << "";
        QTest::newRow("symbol in capitals") << "It is 5 KM long." << "en" << "fr" << "";
        QTest::newRow("glued to the number") << "We walked 5km today." << "en" << "fr" << "";
        QTest::newRow("other language") << "Sono 200 metri." << "it" << "en" << "";
    }
    void units() {
        QFETCH(QString, sentence);
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QString, units);
        QCOMPARE(units_of(sentence, source.toLatin1().constData(), target.toLatin1().constData()), units);
    }

    // The unit stands in as "meters" (the model wrote "200 rencontrés" for "200 metres") and
    // comes back as the target language writes it; one that is a surrogate stands for itself.
    void protectedAsMeters() {
        SpanRules rules = rules_for("en", "fr");
        rules.unit_surrogates = {{"meters", "mètres"}, {"kilos", "kilos"}};
        rules.unit_surrogates_one = {{"meter", "mètre"}, {"kilo", "kilo"}};
        const MaskedSentence masked = mask_protected_spans("He drinks two litres of water and walks 5 km.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("He drinks two meters of water and walks three kilos."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Il boit deux mètres d'eau et marche trois kilos.",
                                                                masked.spans)),
                 QString::fromUtf8("Il boit deux litres d'eau et marche 5 km."));
        // One takes the singular, whichever number the model wrote.
        const MaskedSentence one = mask_protected_spans("Buy a litre of milk.", rules);
        QCOMPARE(QString::fromStdString(one.text), QString("Buy a meter of milk."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Achetez un mètres de lait.", one.spans)),
                 QString("Achetez un litre de lait."));
        const MaskedSentence own = mask_protected_spans("The house is 200 meters from the beach.", rules);
        QCOMPARE(QString::fromStdString(own.text), QString("The house is two meters from the beach."));
        QCOMPARE(own.spans.size(), std::size_t{2});  // the number and the unit
        // A chat model answers in the language it reads: units are left as they are.
        SpanRules chat = rules;
        chat.target_language = "en";
        QCOMPARE(QString::fromStdString(mask_protected_spans("Buy a litre of milk.", chat).text),
                 QString("Buy a litre of milk."));
    }

    void setPhrases_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("phrases");
        QTest::newRow("en day after tomorrow") << "We'll come back the day after tomorrow." << "en" << "fr"
                                               << QString::fromUtf8("the day after tomorrow=après-demain");
        QTest::newRow("fr avant-hier") << "Je l'ai vue avant-hier." << "fr" << "de" << "avant-hier=vorgestern";
        QTest::newRow("de Übermorgen") << QString::fromUtf8("Übermorgen ist Sonntag.") << "de" << "en"
                                       << QString::fromUtf8("Übermorgen=the day after tomorrow");
        QTest::newRow("en hour and a half") << "The film lasts an hour and a half." << "en" << "de"
                                            << "an hour and a half=anderthalb Stunden";
        QTest::newRow("en two and a half hours") << "The trip takes two and a half hours." << "en" << "de"
                                                 << "two and a half hours=zweieinhalb Stunden";
        QTest::newRow("en quarter of an hour") << "Wait a quarter of an hour." << "en" << "fr"
                                               << "a quarter of an hour=un quart d'heure";
        QTest::newRow("fr demi-heure") << "Nous avons attendu une demi-heure." << "fr" << "de"
                                       << "une demi-heure=eine halbe Stunde";
        QTest::newRow("fr heures et demie") << "Le voyage dure deux heures et demie." << "fr" << "en"
                                            << "deux heures et demie=two and a half hours";
        QTest::newRow("de zweieinhalb") << "Die Reise dauert zweieinhalb Stunden." << "de" << "fr"
                                        << "zweieinhalb Stunden=deux heures et demie";
        QTest::newRow("de Dreiviertelstunde at the start") << "Eine Dreiviertelstunde ist lang." << "de" << "en"
                                                           << "Eine Dreiviertelstunde=three quarters of an hour";
        QTest::newRow("en minus in words") << "It's minus five degrees outside." << "en" << "fr"
                                           << QString::fromUtf8("minus five degrees=moins cinq degrés");
        QTest::newRow("en minus in digits") << "It is -5 degrees." << "en" << "de" << "-5 degrees=minus 5 Grad";
        QTest::newRow("de minus zehn") << "Es sind minus zehn Grad." << "de" << "en" << "minus zehn Grad=minus ten degrees";
        QTest::newRow("fr moins un") << QString::fromUtf8("Il fait moins un degré.") << "fr" << "en"
                                     << QString::fromUtf8("moins un degré=minus one degree");
        QTest::newRow("a longer number") << "It is -15 degrees." << "en" << "fr"
                                         << QString::fromUtf8("-15 degrees=moins 15 degrés");
        QTest::newRow("en three quarters of") << "Three quarters of the cake is gone." << "en" << "fr"
                                              << "Three quarters=les trois quarts";
        QTest::newRow("en a third of") << "About a third of the students failed." << "en" << "de" << "a third=ein Drittel";
        QTest::newRow("en a quarter alone") << "Give me a quarter, please." << "en" << "fr" << "";
        QTest::newRow("en a quarter of an hour wins") << "It took a quarter of an hour." << "en" << "de"
                                                      << "a quarter of an hour=eine Viertelstunde";
        QTest::newRow("fr un tiers des") << QString::fromUtf8("Un tiers des étudiants a échoué.") << "fr" << "en"
                                         << "Un tiers=a third";
        QTest::newRow("de drei Viertel der") << "Drei Viertel der Schüler kamen." << "de" << "fr"
                                             << "Drei Viertel=les trois quarts";
        QTest::newRow("de ein Viertel Wein") << "Ein Viertel Wein, bitte." << "de" << "en" << "";
        QTest::newRow("inside a word") << "The halfhour is over." << "en" << "fr" << "";
        QTest::newRow("warm") << "It is 30 degrees." << "en" << "fr" << "";
    }
    void setPhrases() {
        QFETCH(QString, sentence);
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QString, phrases);
        QCOMPARE(phrases_of(sentence, source.toLatin1().constData(), target.toLatin1().constData()), phrases);
    }

    // German says a duration after "in" in the dative.
    void fittedToTheDative() {
        QCOMPARE(QString::fromStdString(fitted_set_phrase("eine halbe Stunde", "Ich bin in ")),
                 QString("einer halben Stunde"));
        QCOMPARE(QString::fromStdString(fitted_set_phrase("eine Viertelstunde", "Er kommt nach ")),
                 QString("einer Viertelstunde"));
        QCOMPARE(QString::fromStdString(fitted_set_phrase("eine halbe Stunde", "Wir warteten ")),
                 QString("eine halbe Stunde"));
        QCOMPARE(QString::fromStdString(fitted_set_phrase("anderthalb Stunden", "in ")), QString("anderthalb Stunden"));
    }

    // The phrase stands in as a plain one ("several hours"), unless the sentence says that
    // already, and comes back as the target language says it, on the heatmap's labels too.
    void standsInAndComesBack() {
        SpanRules rules = rules_for("en", "de");
        const MaskedSentence masked = mask_protected_spans("I'll be back in half an hour.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("I'll be back in a few minutes."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Ich bin in ein paar Minuten zurück.", masked.spans)),
                 QString("Ich bin in einer halben Stunde zurück."));
        std::vector<std::string> pieces = {"Ich", "bin", "in", "ein", "paar", "Minuten", "zurück", "."};
        const std::vector<bool> starts = {true, true, true, true, true, true, true, false};
        relabel_surrogate_pieces(pieces, starts, masked.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(pieces[3]), QString("einer halben Stunde"));  // after "in"
        QCOMPARE(QString::fromStdString(pieces[4]), QString::fromUtf8("\u00B7"));
        QCOMPARE(QString::fromStdString(pieces[6]), QString::fromUtf8("zurück"));
        // The source's stand-in too, before a stop.
        std::vector<std::string> source = {"I", "'", "ll", "be", "back", "in", "a", "few", "minutes", "."};
        const std::vector<bool> source_starts = {true, false, false, true, true, true, true, true, true, false};
        relabel_surrogate_pieces(source, source_starts, masked.spans, SpanSide::source);
        QCOMPARE(QString::fromStdString(source[6]), QString("half an hour"));
        QCOMPARE(QString::fromStdString(source[8]), QString::fromUtf8("\u00B7"));
        // "the day after tomorrow" holds its stand-in, "tomorrow"; when the rest of the sentence
        // says it, the second ("next week", which the models translated without a preposition
        // too: "Morgen oder nächste Woche"); when it says both, the phrase is left as it is.
        QCOMPARE(QString::fromStdString(mask_protected_spans("The day after tomorrow is Sunday.", rules).text),
                 QString("Tomorrow is Sunday."));
        const MaskedSentence both = mask_protected_spans("Tomorrow or the day after tomorrow.", rules);
        QCOMPARE(QString::fromStdString(both.text), QString("Tomorrow or next week."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Morgen oder nächste Woche.", both.spans)),
                 QString::fromUtf8("Morgen oder übermorgen."));
        QCOMPARE(QString::fromStdString(
                     mask_protected_spans("Tomorrow, next week or the day after tomorrow.", rules).text),
                 QString("Tomorrow, next week or the day after tomorrow."));
    }

    // An age in digits ("5-year-old", "3-jährige") is a count the model reads in words, and
    // comes back in digits, in a German age too ("zweijähriger" -> "5-jähriger"), on the
    // heatmap's labels as well. Other words joined to a number stay one code, copied.
    void agesAreCounts() {
        SpanRules rules = rules_for("en", "de");
        rules.count_surrogates = {{"two", "zwei"}, {"three", "drei"}};
        const MaskedSentence masked = mask_protected_spans("My 5-year-old son loves dinosaurs.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("My two-year-old son loves dinosaurs."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Mein zweijähriger Sohn liebt Dinosaurier.", masked.spans)),
                 QString::fromUtf8("Mein 5-jähriger Sohn liebt Dinosaurier."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Mein Sohn ist zwei Jahre alt.", masked.spans)),
                 QString("Mein Sohn ist 5 Jahre alt."));
        std::vector<std::string> pieces = {"Mein", "zwei", "jährige", "r", "Sohn"};
        relabel_surrogate_pieces(pieces, {true, true, false, false, true}, masked.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(pieces[1]), QString("5-"));
        QCOMPARE(QString::fromStdString(pieces[2]), QString::fromUtf8("jährige"));
        SpanRules german = rules_for("de", "en");
        german.count_surrogates = {{"zwei", "two"}};
        const MaskedSentence from_german = mask_protected_spans("Sie hat eine 3-jährige Tochter.", german);
        QCOMPARE(QString::fromStdString(from_german.text), QString::fromUtf8("Sie hat eine zwei-jährige Tochter."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("She has a two-year-old daughter.", from_german.spans)),
                 QString("She has a 3-year-old daughter."));
        const MaskedSentence flight = mask_protected_spans("We took a 2-hour flight.", rules);
        QCOMPARE(flight.spans.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(flight.spans[0].text), QString("2-hour"));
        QVERIFY(flight.spans[0].kind != SpanKind::number);
    }

    void ordinals_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("ordinals");
        QTest::newRow("en 3rd") << "Our flat is on the 3rd floor." << "en" << "fr" << "3rd=3e";
        QTest::newRow("en 21st to de") << "It is her 21st birthday." << "en" << "de" << "21st=21.";
        QTest::newRow("fr 1er to en") << "C'est le 1er jour." << "fr" << "en" << "1er=1st";
        QTest::newRow("fr 2e to en") << "Il a fini 2e." << "fr" << "en" << "2e=2nd";
        QTest::newRow("de im 3.") << "Wir wohnen im 3. Stock." << "de" << "en" << "3.=3rd";
        QTest::newRow("de 11. to en") << "Das ist der 11. Versuch." << "de" << "en" << "11.=11th";
        QTest::newRow("de a sentence's end") << "Das kostet 3. Dann gehen wir." << "de" << "en" << "";
        QTest::newRow("en not an ordinal") << "I have 3 rds." << "en" << "fr" << "";
        QTest::newRow("code") << "Try the A3rd version." << "en" << "fr" << "";
    }
    void ordinals() {
        QFETCH(QString, sentence);
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QString, ordinals);
        const std::string text = sentence.toStdString();
        QStringList found;
        for (const WrittenOrdinal& o : find_ordinals(text, source.toStdString()))
            found << QString("%1=%2").arg(QString::fromStdString(text.substr(o.begin, o.length)),
                                          QString::fromStdString(write_ordinal(o.value, target.toStdString())));
        QCOMPARE(found.join(" | "), ordinals);
    }

    // An ordinal stands in as "third" and comes back in the target's digits, French "1re" after
    // "la", German in any ending of its stand-in ("sur le sol de 3rd" and "im 3rd" before).
    void ordinalStandsIn() {
        SpanRules rules = rules_for("en", "de");
        const MaskedSentence masked = mask_protected_spans("Our flat is on the 3rd floor.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("Our flat is on the third floor."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Unsere Wohnung ist im dritten Stock.", masked.spans)),
                 QString("Unsere Wohnung ist im 3. Stock."));
        rules.target_language = "fr";
        const MaskedSentence first = mask_protected_spans("It is the 1st time.", rules);
        QCOMPARE(QString::fromStdString(restore_protected_spans(QString::fromUtf8("C'est la troisième fois.").toStdString(),
                                                                first.spans)),
                 QString("C'est la 1re fois."));
    }

    void streets_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("streets");
        QTest::newRow("en") << "The shop is at 14 Baker Street." << "en" << "Baker Street";
        QTest::newRow("en two") << "Meet me where Oxford Street meets Regent Street." << "en" << "Oxford Street | Regent Street";
        QTest::newRow("en two words") << "It is on Old Kent Road." << "en" << "Old Kent Road";
        QTest::newRow("en at the start") << "Main Street is busy." << "en" << "Main Street";
        QTest::newRow("en after a determiner") << "The Street is a film." << "en" << "";
        QTest::newRow("en lowercase") << "We crossed the main street." << "en" << "";
        QTest::newRow("fr") << "Le magasin est au 14 rue de la Paix." << "fr" << "rue de la Paix";
        QTest::newRow("fr hyphen") << "Au 3 boulevard Saint-Michel." << "fr" << "boulevard Saint-Michel";
        QTest::newRow("fr elision") << QString::fromUtf8("Place de l'Étoile, à midi.") << "fr" << QString::fromUtf8("Place de l'Étoile");
        QTest::newRow("fr a common noun") << "Il cherche une place de parking." << "fr" << "";
        QTest::newRow("fr an indefinite street") << "Il marche dans une rue d'Europe." << "fr" << "";
        QTest::newRow("de numbered") << QString::fromUtf8("Der Laden ist in der Bahnhofstraße 14.") << "de"
                                     << QString::fromUtf8("Bahnhofstraße");
        QTest::newRow("de in der") << "Wir wohnen in der Mühlgasse." << "de" << QString::fromUtf8("Mühlgasse");
        QTest::newRow("de a common noun") << QString::fromUtf8("Das ist eine Einbahnstraße.") << "de" << "";
        QTest::newRow("de the main road") << QString::fromUtf8("Er hat ein Geschäft in der Hauptstraße.") << "de" << "";
        QTest::newRow("de Hauptstraße numbered") << QString::fromUtf8("Das Hotel liegt in der Hauptstraße 5.") << "de"
                                                 << QString::fromUtf8("Hauptstraße");
        QTest::newRow("other language") << "Via Roma 5" << "it" << "";
    }
    void streets() {
        QFETCH(QString, sentence);
        QFETCH(QString, language);
        QFETCH(QString, streets);
        const std::string text = sentence.toStdString();
        QStringList found;
        for (const StreetName& street : find_street_names(text, language.toStdString()))
            found << QString::fromStdString(text.substr(street.begin, street.length));
        QCOMPARE(found.join(" | "), streets);
    }

    // A street name stands in as a place and comes back as written ("14 Baker Street" was "14
    // Baseballschläger").
    void copiedAsAName() {
        SpanRules rules = rules_for("en", "de");
        rules.surrogates = {"Tom", "Boston"};
        rules.place_surrogates = {"Boston"};
        const MaskedSentence masked = mask_protected_spans("We live on Church Road.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("We live on Boston."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Wir wohnen in Boston.", masked.spans)),
                 QString("Wir wohnen in Church Road."));
        // An "s" glued to the surrogate is no genitive of a street.
        QCOMPARE(QString::fromStdString(restore_protected_spans("Wir wohnen in Bostons.", masked.spans)),
                 QString("Wir wohnen in Church Road."));
    }
};

QTEST_GUILESS_MAIN(TestWrittenSpans)
#include "test_written_spans.moc"
