// Dates with the month's name: which are found in each language, how each language writes them,
// and how a date takes the place of the day of the week that stood in for it.

#include <QTest>

#include <string>

#include "core/text/dates.h"

using namespace attentive;

namespace {

// The dates of `sentence` as "text=day/month/year", joined by " | ".
QString dates_of(const QString& sentence, const char* language) {
    const std::string text = sentence.toStdString();
    QStringList out;
    for (const WrittenDate& d : find_dates(text, language))
        out << QString("%1=%2/%3/%4%5%6")
                   .arg(QString::fromStdString(text.substr(d.begin, d.length)))
                   .arg(d.day)
                   .arg(d.month)
                   .arg(d.year)
                   .arg(d.weekday > 0 ? QString(" weekday %1").arg(d.weekday) : QString())
                   .arg(d.first_day > 0 ? QString(" from %1").arg(d.first_day) : QString());
    return out.join(" | ");
}

QString appended(const QString& before, const char* date, const char* language, bool capitalise = false) {
    std::string out = before.toStdString();
    append_date(out, date, language, capitalise);
    return QString::fromStdString(out);
}

}  // namespace

class TestDates : public QObject {
    Q_OBJECT

private slots:
    void find_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("dates");
        QTest::newRow("en day month") << "Thank you for your letter of 12 March." << "en" << "12 March=12/3/0";
        QTest::newRow("en month day year") << "I was born on June 4, 1974." << "en" << "June 4, 1974=4/6/1974";
        QTest::newRow("en ordinal of") << "The deadline is the 15th of October." << "en" << "the 15th of October=15/10/0";
        QTest::newRow("en ordinal after month") << "Christmas is on December 25th." << "en" << "December 25th=25/12/0";
        QTest::newRow("en abbreviation") << "It happened on Sept. 11, 2001." << "en" << "Sept. 11, 2001=11/9/2001";
        QTest::newRow("en two dates") << "Closed from 24 December to 2 January 2027." << "en"
                                      << "24 December=24/12/0 | 2 January 2027=2/1/2027";
        QTest::newRow("en month and year") << "She was born in May 1990." << "en" << "May 1990=0/5/1990";
        QTest::newRow("en month alone") << "We will meet again in December." << "en" << "December=0/12/0";
        QTest::newRow("en modal May") << "May I leave at 5?" << "en" << "";
        QTest::newRow("en name June") << "June Carter sang." << "en" << "";
        QTest::newRow("en not a day") << "He scored 45 March points." << "en" << "March=0/3/0";
        QTest::newRow("en lowercase") << "We march on 12 may." << "en" << "";
        QTest::newRow("fr with article") << QString::fromUtf8("Je suis né le 1er mai 1980.") << "fr"
                                         << QString::fromUtf8("le 1er mai 1980=1/5/1980");
        QTest::newRow("fr contracted") << "Merci pour votre lettre du 12 mars." << "fr" << "12 mars=12/3/0";
        QTest::newRow("fr sentence start") << QString::fromUtf8("Le 14 juillet est un jour férié.") << "fr"
                                           << "Le 14 juillet=14/7/0";
        QTest::newRow("fr planet") << "Mars est rouge." << "fr" << "";
        QTest::newRow("de ordinal") << QString::fromUtf8("Ich bin am 1. Mai 1980 geboren.") << "de"
                                    << "1. Mai 1980=1/5/1980";
        QTest::newRow("de name August") << "August kommt morgen." << "de" << "";
        QTest::newRow("de im August") << "Wir kommen im August." << "de" << "August=0/8/0";
        QTest::newRow("day out of range") << "It was 32 March." << "en" << "March=0/3/0";
        QTest::newRow("other language") << "12 marzo" << "it" << "";
        // A day of the week alone; not a plural or a compound, which the models translate.
        QTest::newRow("en weekday") << "Can we talk on Wednesday?" << "en" << "Wednesday=0/0/0 weekday 3";
        QTest::newRow("en weekday and date") << "Monday, 12 March." << "en" << "Monday, 12 March=12/3/0 weekday 1";
        QTest::newRow("en weekday and month first")
            << "Come on Friday July 7th, 2023 at noon." << "en" << "Friday July 7th, 2023=7/7/2023 weekday 5";
        QTest::newRow("en weekday, then a date later") << "On Monday we leave, on 12 March we return." << "en"
                                                       << "Monday=0/0/0 weekday 1 | 12 March=12/3/0";
        QTest::newRow("en range") << "A room from 14 to 17 August, please." << "en" << "14 to 17 August=17/8/0 from 14";
        QTest::newRow("fr range") << "Une chambre du 14 au 17 août." << "fr" << QString::fromUtf8("14 au 17 août=17/8/0 from 14");
        QTest::newRow("de range") << "Vom 14. bis zum 17. August 2026." << "de" << "14. bis zum 17. August 2026=17/8/2026 from 14";
        QTest::newRow("en not a range") << "Count from 14 to 17 slowly." << "en" << "";
        QTest::newRow("en year after in") << "I was born in 1990." << "en" << "1990=0/0/1990";
        QTest::newRow("en year as a count") << "We sold 1990 tickets." << "en" << "";
        QTest::newRow("de year before a verb") << "Ich bin 1990 geboren." << "de" << "1990=0/0/1990";
        QTest::newRow("de year after seit") << "Sie arbeitet hier seit 2012." << "de" << "2012=0/0/2012";
        QTest::newRow("de count before a noun") << "Wir haben 2000 Euro bezahlt." << "de" << "";
        QTest::newRow("de year after Jahr") << "Im Jahr 1990 fiel die Mauer." << "de" << "";
        QTest::newRow("fr year keeps a count") << "Je suis né en 1990." << "fr" << "";
        QTest::newRow("fr weekday and date") << "Rendez-vous le vendredi 7 juillet." << "fr"
                                             << "vendredi 7 juillet=7/7/0 weekday 5";
        QTest::newRow("de weekday, article and date") << "Am Freitag, den 7. Juli um 10 Uhr." << "de"
                                                      << "Freitag, den 7. Juli=7/7/0 weekday 5";
        QTest::newRow("en plural") << "We play on Saturdays." << "en" << "";
        QTest::newRow("fr weekday capitalised") << "Lundi, nous partons." << "fr" << "Lundi=0/0/0 weekday 1";
        QTest::newRow("de weekday") << "Bis Sonntag!" << "de" << "Sonntag=0/0/0 weekday 7";
        QTest::newRow("de compound") << "Am Freitagabend." << "de" << "";
        QTest::newRow("fr name") << "Des perles de Mardi Gras." << "fr" << "";
        QTest::newRow("en name") << "Shops open on Good Friday." << "en" << "";
        QTest::newRow("de sentence start") << "Am Montag." << "de" << "Montag=0/0/0 weekday 1";
    }
    void find() {
        QFETCH(QString, sentence);
        QFETCH(QString, language);
        QFETCH(QString, dates);
        QCOMPARE(dates_of(sentence, language.toLatin1().constData()), dates);
    }

    void write() {
        WrittenDate tuesday;
        tuesday.weekday = 2;
        QCOMPARE(QString::fromStdString(write_date(tuesday, "fr")), QString("mardi"));
        QCOMPARE(QString::fromStdString(write_date(tuesday, "de")), QString("Dienstag"));
        const WrittenDate first_of_may{0, 0, 1, 5, 1980};
        QCOMPARE(QString::fromStdString(write_date(first_of_may, "en")), QString("1 May 1980"));
        QCOMPARE(QString::fromStdString(write_date(first_of_may, "fr")), QString("1er mai 1980"));
        QCOMPARE(QString::fromStdString(write_date(first_of_may, "de")), QString("1. Mai 1980"));
        const WrittenDate march_12{0, 0, 12, 3, 0};
        QCOMPARE(QString::fromStdString(write_date(march_12, "de")), QString::fromUtf8("12. März"));
        const WrittenDate friday_7_july{0, 0, 7, 7, 0, 5};
        QCOMPARE(QString::fromStdString(write_date(friday_7_july, "en")), QString("Friday 7 July"));
        QCOMPARE(QString::fromStdString(write_date(friday_7_july, "fr")), QString("vendredi 7 juillet"));
        QCOMPARE(QString::fromStdString(write_date(friday_7_july, "de")), QString("Freitag, 7. Juli"));
        const WrittenDate august_14_to_17{0, 0, 17, 8, 0, 0, 14};
        QCOMPARE(QString::fromStdString(write_date(august_14_to_17, "en")), QString("14 to 17 August"));
        QCOMPARE(QString::fromStdString(write_date(august_14_to_17, "fr")), QString::fromUtf8("14 au 17 août"));
        QCOMPARE(QString::fromStdString(write_date(august_14_to_17, "de")), QString("14. bis 17. August"));
        const WrittenDate year_1990{0, 0, 0, 0, 1990};
        QCOMPARE(QString::fromStdString(write_date(year_1990, "de")), QString("1990"));
        const WrittenDate december{0, 0, 0, 12, 0};
        QCOMPARE(QString::fromStdString(write_date(december, "fr")), QString::fromUtf8("décembre"));
        QCOMPARE(QString::fromStdString(write_date(december, "it")), QString());
    }

    void fit_to_the_word_before() {
        QCOMPARE(appended("La réunion est ", "4 juin", "fr"), QString::fromUtf8("La réunion est le 4 juin"));
        QCOMPARE(appended("Merci pour votre lettre de ", "12 mars", "fr"), QString("Merci pour votre lettre du 12 mars"));
        QCOMPARE(appended("jusqu'à ", "3 mai", "fr"), QString("jusqu'au 3 mai"));
        QCOMPARE(appended("Il vient le ", "3 mai", "fr"), QString("Il vient le 3 mai"));
        QCOMPARE(appended("Un ", "3 mai", "fr"), QString("Le 3 mai"));
        QCOMPARE(appended("", "3 mai", "fr", true), QString("Le 3 mai"));
        QCOMPARE(appended("Elle est née en ", "mai 1990", "fr"), QString::fromUtf8("Elle est née en mai 1990"));
        QCOMPARE(appended("The ", "3 October", "en"), QString("3 October"));
        QCOMPARE(appended("on ", "3 October", "en"), QString("on 3 October"));
        QCOMPARE(appended("Der ", "3. Oktober", "de"), QString("Der 3. Oktober"));
        QCOMPARE(appended("Ich bin bis ", "3. Oktober", "de"), QString("Ich bin bis zum 3. Oktober"));
        QCOMPARE(appended("Seit ", "3. Oktober", "de"), QString("Seit dem 3. Oktober"));
        QCOMPARE(appended("Danke für Ihren Brief von ", "12. März", "de"), QString::fromUtf8("Danke für Ihren Brief vom 12. März"));
        QCOMPARE(appended("Wir treffen uns am ", "3. Oktober", "de"), QString("Wir treffen uns am 3. Oktober"));
        QCOMPARE(appended("Ein Termin für ", "3. Oktober", "de"), QString::fromUtf8("Ein Termin für den 3. Oktober"));
        QCOMPARE(appended("bis ", "Oktober 2020", "de"), QString("bis Oktober 2020"));  // a month: none
        QCOMPARE(appended("Merci pour votre lettre de ", "vendredi 7 juillet", "fr"),
                 QString("Merci pour votre lettre du vendredi 7 juillet"));
        QCOMPARE(appended("La réunion aura lieu le ", "vendredi 7 juillet", "fr"),
                 QString::fromUtf8("La réunion aura lieu le vendredi 7 juillet"));
        QCOMPARE(appended("Nous arriverons ", "vendredi", "fr"), QString("Nous arriverons vendredi"));
        QCOMPARE(appended("Thank you for your letter on ", "12 March", "en"), QString("Thank you for your letter of 12 March"));
        QCOMPARE(appended("A room on ", "14 to 17 August", "en"), QString("A room from 14 to 17 August"));
        QCOMPARE(appended("Ich wurde im ", "1990", "de"), QString("Ich wurde 1990"));
        QCOMPARE(appended("Sie arbeitet seit ", "2012", "de"), QString("Sie arbeitet seit 2012"));
        QCOMPARE(appended("Je suis né en ", "1990", "fr"), QString::fromUtf8("Je suis né en 1990"));
        QCOMPARE(appended("I was born in ", "1990", "en"), QString("I was born in 1990"));
        QCOMPARE(appended("The store opens ", "5 December", "en"), QString("The store opens on 5 December"));
        QCOMPARE(appended("Today is ", "3 May", "en"), QString("Today is 3 May"));
        QCOMPARE(appended("We stay until ", "3 May", "en"), QString("We stay until 3 May"));
        QCOMPARE(appended("", "3 May", "en", true), QString("3 May"));
        QCOMPARE(appended("It opens ", "May 1990", "en"), QString("It opens May 1990"));  // no day
        QCOMPARE(appended("Die Ausstellung läuft aus ", "3. bis 28. März", "de"),
                 QString::fromUtf8("Die Ausstellung läuft vom 3. bis 28. März"));
        QCOMPARE(appended("Une chambre le ", "14 au 17 août", "fr"), QString::fromUtf8("Une chambre du 14 au 17 août"));
        QCOMPARE(appended("Une chambre ", "14 au 17 août", "fr"), QString::fromUtf8("Une chambre du 14 au 17 août"));
        QCOMPARE(appended("Thank you for your email from ", "Monday 3 June", "en"),
                 QString("Thank you for your email of Monday 3 June"));
        QCOMPARE(appended("We arrive on ", "12 March", "en"), QString("We arrive on 12 March"));
        QCOMPARE(appended("The letter came from ", "March 1990", "en"), QString("The letter came from March 1990"));
    }

    void weekdays_and_months() {
        QCOMPARE(weekday_names("fr").front(), std::string("lundi"));
        QCOMPARE(weekday_names("de").size(), std::size_t{7});
        QVERIFY(weekday_names("it").empty());
        QCOMPARE(QString::fromStdString(std::string(month_name(8, "fr"))), QString::fromUtf8("août"));
        QVERIFY(month_name(13, "en").empty());
    }
};

QTEST_GUILESS_MAIN(TestDates)
#include "test_dates.moc"
