// Numbers written as each language writes them: decimals and digit groups change their
// separators between English, French and German; dates, times, versions and plain numbers do not.

#include <QtTest>

#include "core/text/number_formats.h"

using namespace attentive;

class TestNumberFormats : public QObject {
    Q_OBJECT

private slots:
    void writesTheTargetLanguagesWay_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("written");
        QTest::newRow("en decimal to fr") << "1.5" << "en" << "fr" << "1,5";
        QTest::newRow("en decimal to de") << "10.25" << "en" << "de" << "10,25";
        QTest::newRow("en groups to fr") << "25,000" << "en" << "fr" << "25\u00A0000";
        QTest::newRow("en groups to de") << "1,250,000" << "en" << "de" << "1.250.000";
        QTest::newRow("en amount to de") << "$1,000.50" << "en" << "de" << "$1.000,50";
        QTest::newRow("en percentage to fr") << "9.4%" << "en" << "fr" << "9,4%";
        QTest::newRow("de decimal to en") << "1,5" << "de" << "en" << "1.5";
        QTest::newRow("de groups to en") << "25.000" << "de" << "en" << "25,000";
        QTest::newRow("de groups to fr") << "25.000" << "de" << "fr" << "25\u00A0000";
        QTest::newRow("fr groups to en") << "25 000" << "fr" << "en" << "25,000";
        QTest::newRow("fr no-break groups to de") << "25\u00A0000,5" << "fr" << "de" << "25.000,5";
        QTest::newRow("fr amount to en") << "12,99 €" << "fr" << "en" << "12.99 €";
        // Unchanged: "" (written as it is).
        QTest::newRow("plain number") << "2500" << "en" << "fr" << "";
        QTest::newRow("same convention") << "1,5" << "fr" << "de" << "";
        QTest::newRow("date") << "1.5.2024" << "de" << "en" << "";
        QTest::newRow("version") << "1.2.3" << "en" << "fr" << "";
        QTest::newRow("time") << "9:15" << "en" << "de" << "";
        QTest::newRow("phone") << "0171 234 5678" << "fr" << "en" << "";
        QTest::newRow("english 1,5 is no decimal") << "1,5" << "en" << "fr" << "";
        QTest::newRow("german 3.14 is no number") << "3.14" << "de" << "en" << "";
        QTest::newRow("ungrouped head") << "1234,567" << "en" << "fr" << "";
        QTest::newRow("other language") << "1.5" << "en" << "cs" << "";
    }

    void writesTheTargetLanguagesWay() {
        QFETCH(QString, text);
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QString, written);
        QCOMPARE(QString::fromStdString(number_written_in(text.toStdString(), source.toStdString(), target.toStdString())),
                 written);
    }

    void readsTheParts() {
        const auto number = read_number("$25,000.75", "en");
        QVERIFY(number);
        QCOMPARE(QString::fromStdString(number->prefix), QString("$"));
        QCOMPARE(QString::fromStdString(number->integer), QString("25000"));
        QCOMPARE(QString::fromStdString(number->fraction), QString("75"));
        QVERIFY(number->grouped);
        QVERIFY(number->suffix.empty());
        QVERIFY(!read_number("1.5.2024", "de"));
        QVERIFY(!read_number("abc", "en"));
    }
};

QTEST_GUILESS_MAIN(TestNumberFormats)
#include "test_number_formats.moc"
