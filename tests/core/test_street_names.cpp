// Street names: which are found in each language, and that the translator copies them as names.

#include <QTest>

#include <string>

#include "core/text/protected_spans.h"
#include "core/text/street_names.h"

using namespace attentive;

class TestStreetNames : public QObject {
    Q_OBJECT

private slots:
    void find_data() {
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
    void find() {
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
        SpanRules rules;
        rules.known_word = [](std::string_view) { return true; };
        rules.common_word = [](std::string_view) { return true; };
        rules.surrogates = {"Tom", "Boston"};
        rules.place_surrogates = {"Boston"};
        rules.count_surrogates = {{"two", "zwei"}};
        rules.source_language = "en";
        rules.target_language = "de";
        const MaskedSentence masked = mask_protected_spans("We live on Church Road.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("We live on Boston."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Wir wohnen in Boston.", masked.spans)),
                 QString("Wir wohnen in Church Road."));
    }
};

QTEST_GUILESS_MAIN(TestStreetNames)
#include "test_street_names.moc"
