// Units of measure after a number: which ones are found in each language, how each language
// writes them, and how they stand in as a unit the models translate ("meters") and come back.

#include <QTest>

#include <string>

#include "core/text/protected_spans.h"
#include "core/text/units.h"

using namespace attentive;

namespace {

QString units_of(const QString& sentence, const char* language, const char* target) {
    const std::string text = sentence.toStdString();
    QStringList out;
    for (const WrittenUnit& u : find_units(text, language))
        out << QString("%1=%2").arg(QString::fromStdString(text.substr(u.begin, u.length)),
                                    QString::fromStdString(write_unit(u, target)));
    return out.join(" | ");
}

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

}  // namespace

class TestUnits : public QObject {
    Q_OBJECT

private slots:
    void find_data() {
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
    void find() {
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
};

QTEST_GUILESS_MAIN(TestUnits)
#include "test_units.moc"
