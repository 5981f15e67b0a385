// Set phrases for amounts and days: which are found in each language, how each language says
// them, and how they stand in as a plain phrase of their kind and come back.

#include <QTest>

#include <string>

#include "core/text/protected_spans.h"
#include "core/text/set_phrases.h"

using namespace attentive;

namespace {

QString phrases_of(const QString& sentence, const char* language, const char* target) {
    const std::string text = sentence.toStdString();
    QStringList out;
    for (const SetPhrase& p : find_set_phrases(text, language))
        out << QString("%1=%2").arg(QString::fromStdString(text.substr(p.begin, p.length)),
                                    QString::fromStdString(write_set_phrase(p, target)));
    return out.join(" | ");
}

}  // namespace

class TestSetPhrases : public QObject {
    Q_OBJECT

private slots:
    void find_data() {
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
        QTest::newRow("inside a word") << "The halfhour is over." << "en" << "fr" << "";
        QTest::newRow("warm") << "It is 30 degrees." << "en" << "fr" << "";
    }
    void find() {
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
        SpanRules rules;
        rules.known_word = [](std::string_view) { return true; };
        rules.common_word = [](std::string_view) { return true; };
        rules.surrogates = {"Tom"};
        rules.source_language = "en";
        rules.target_language = "de";
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
        // "the day after tomorrow" holds its stand-in, "tomorrow"; the rest of the sentence must not.
        QCOMPARE(QString::fromStdString(mask_protected_spans("The day after tomorrow is Sunday.", rules).text),
                 QString("Tomorrow is Sunday."));
        QCOMPARE(QString::fromStdString(mask_protected_spans("Tomorrow or the day after tomorrow.", rules).text),
                 QString("Tomorrow or the day after tomorrow."));
    }
};

QTEST_GUILESS_MAIN(TestSetPhrases)
#include "test_set_phrases.moc"
