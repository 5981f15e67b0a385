// core/text/address_forms.h: the familiar "you" of German and French.

#include <QTest>

#include "core/text/address_forms.h"

using namespace attentive;

class TestAddressForms : public QObject {
    Q_OBJECT
private slots:
    void familiarForms() {
        QVERIFY(addresses_familiarly("Danke für deinen Brief.", "de"));
        QVERIFY(addresses_familiarly("Ich werde dich morgen anrufen.", "de"));
        QVERIFY(addresses_familiarly("Habt ihr euch gesehen?", "de"));
        QVERIFY(addresses_familiarly("Je t'appellerai demain.", "fr"));
        QVERIFY(addresses_familiarly("Comment prends-tu ton café ?", "fr"));
        QVERIFY(addresses_familiarly("Je parle de toi.", "fr"));
    }
    void formalOrNoForms() {
        QVERIFY(!addresses_familiarly("Danke für Ihren Brief.", "de"));
        QVERIFY(!addresses_familiarly("Ich werde Sie morgen anrufen.", "de"));
        QVERIFY(!addresses_familiarly("Je vous appellerai demain.", "fr"));
        QVERIFY(!addresses_familiarly("Comment prenez-vous votre café ?", "fr"));
        // Words that only look like a form: "Dusche", "tente", "toit", "tard".
        QVERIFY(!addresses_familiarly("Die Dusche ist kalt.", "de"));
        QVERIFY(!addresses_familiarly("La tente est sous le toit, il est tard.", "fr"));
        // English has no familiar form.
        QVERIFY(!addresses_familiarly("Thank you for your letter.", "en"));
    }
};

QTEST_GUILESS_MAIN(TestAddressForms)
#include "test_address_forms.moc"
