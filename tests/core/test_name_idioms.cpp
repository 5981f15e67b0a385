// French name idioms read word by word (core/text/name_idioms.h): which misreadings are found,
// in what case the idiom comes back, and what is left alone.

#include <QTest>

#include "core/text/name_idioms.h"

using namespace attentive;

class TestNameIdioms : public QObject {
    Q_OBJECT

private slots:
    void misreadings() {
        auto idiom = misread_name_idiom("Je m'appelle Aurélie.", "I'm calling Aurélie.", "fr", "en");
        QVERIFY(idiom.has_value());
        QCOMPARE(idiom->misread, std::string("I'm calling"));
        QCOMPARE(idiom->meant, std::string("My name is"));
        // Inside a sentence, in lowercase; a typographic apostrophe in the source.
        idiom = misread_name_idiom("Bonjour, je m’appelle Aurélie.", "Hello, I call Aurélie.", "fr", "en");
        QVERIFY(idiom.has_value());
        QCOMPARE(idiom->misread, std::string("I call"));
        idiom = misread_name_idiom("Elle s'appelle Julie.", "she's calling Julie.", "fr", "en");
        QVERIFY(idiom.has_value());
        QCOMPARE(idiom->meant, std::string("her name is"));
        idiom = misread_name_idiom("Mon frère s'appelle Marc.", "My brother is calling Marc.", "fr", "en");
        QVERIFY(idiom.has_value());
        QCOMPARE(idiom->meant, std::string("is called"));
    }

    void leftAlone() {
        // Read right, or another verb ("Je t'appelle demain." is a call), or another direction.
        QVERIFY(!misread_name_idiom("Je m'appelle Tom.", "My name is Tom.", "fr", "en"));
        QVERIFY(!misread_name_idiom("Je t'appelle demain.", "I'm calling you tomorrow.", "fr", "en"));
        QVERIFY(!misread_name_idiom("Je m'appelle Tom.", "I'm calling Tom.", "fr", "de"));
        // A whole word only: "I called" is not "I call".
        QVERIFY(!misread_name_idiom("Je m'appelle Tom.", "I called Tom.", "fr", "en"));
    }
};

QTEST_GUILESS_MAIN(TestNameIdioms)
#include "test_name_idioms.moc"
