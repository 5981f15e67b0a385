// Translation units: what the translator takes off a sentence before the model reads it (a
// letter formula), adds to it (a stop after a short fragment), and puts back on the translation.

#include <QTest>

#include <string>
#include <vector>

#include "core/text/quotes.h"
#include "core/translation_units.h"

using namespace attentive;

namespace {

UnitRules translation_rules() {
    UnitRules rules;
    rules.letter_formulas = true;
    rules.stop_for_fragments = true;
    rules.list_markers = true;
    rules.source_language = "en";
    rules.target_language = "fr";
    return rules;
}

SentenceResult decoded(const std::string& source, const std::string& translation) {
    SentenceResult result;
    result.source = source;
    result.hypotheses.emplace_back();
    result.hypotheses.back().text = translation;
    return result;
}

// `translation`, the decode of `unit`, with what translation_units() took off or added put back.
SentenceResult restored(const TranslationUnit& unit, const std::string& translation,
                        const UnitRules& rules = translation_rules()) {
    SentenceResult result = decoded(unit.text, translation);
    restore_unit(result, unit, rules);
    return result;
}

QString text_of(const SentenceResult& result) { return QString::fromStdString(result.best().text); }

}  // namespace

class TestTranslationUnits : public QObject {
    Q_OBJECT

private slots:
    void formulaTakenOffAndPutBack() {
        const auto units = translation_units({"Dear Priya, I hope you are well."}, translation_rules());
        QCOMPARE(int(units.size()), 1);
        QCOMPARE(QString::fromStdString(units[0].text), QString("I hope you are well."));
        SentenceResult result = decoded(units[0].text, "J'espère que vous allez bien.");
        result.hypotheses.back().target_pieces = {"J'", "espère"};
        restore_unit(result, units[0], translation_rules());
        QCOMPARE(QString::fromStdString(result.best().text), QString::fromUtf8("Bonjour Priya, j'espère que vous allez bien."));
        // The heatmap's first row reads as the text does.
        QCOMPARE(QString::fromStdString(result.best().target_pieces.front()), QString("j'"));
        QCOMPARE(QString::fromStdString(result.source), QString("Dear Priya, I hope you are well."));
    }

    // German keeps a noun's capital after the salutation's comma, not that of "Danke".
    void germanWordAfterFormula() {
        UnitRules rules = translation_rules();
        rules.target_language = "de";
        const auto units = translation_units({"Dear Mrs. Keller, thank you for your letter.", "Dear Anna, Tom is here.",
                                              "Dear Anna, weather permitting we come."},
                                             rules);
        const std::vector<std::pair<std::string, std::string>> cases = {
            {"Danke für Ihren Brief.", "Sehr geehrte Frau Keller, danke für Ihren Brief."},
            {"Tom ist hier.", "Hallo Anna, Tom ist hier."},
            {"Wetter erlaubt, kommen wir.", "Hallo Anna, Wetter erlaubt, kommen wir."}};
        for (std::size_t i = 0; i < cases.size(); ++i) {
            SentenceResult result = decoded(units[i].text, cases[i].first);
            restore_unit(result, units[i], rules);
            QCOMPARE(QString::fromStdString(result.best().text), QString::fromUtf8(cases[i].second.c_str()));
        }
    }

    // The name on the line after a closing is the signature, written as it is ("Claire" was
    // "Cut it"); a sentence there is translated.
    void signatureAfterClosing() {
        const auto units = translation_units({"See you soon,", "Claire", "Best regards,", "Jonas Weber", "Thanks,",
                                              "See you on Friday.", "Claire"},
                                             translation_rules());
        QCOMPARE(int(units.size()), 7);
        for (int i : {1, 3}) {
            QVERIFY(units[i].text.empty());
            SentenceResult result;
            restore_unit(result, units[i], translation_rules());
            QCOMPARE(result.best().text, units[i].written);
        }
        QCOMPARE(QString::fromStdString(units[5].text), QString("See you on Friday."));
        QCOMPARE(QString::fromStdString(units[6].text), QString("Claire."));  // not after a closing: a fragment
        // A closing the table does not know, on the line before a letter's last: "Tom schrückte".
        const auto own = translation_units({"Dear Anna,", "See you.", "thx again & c u soon,", "Tom Baker"},
                                           translation_rules());
        QVERIFY(own.back().text.empty());
        const auto middle = translation_units({"thx again,", "Tom Baker", "Is here."}, translation_rules());
        QVERIFY(!middle[1].text.empty());  // not the text's last line
    }

    void formulaAloneNeedsNoModel() {
        const auto units = translation_units({"Best regards,"}, translation_rules());
        QVERIFY(units[0].text.empty());
        SentenceResult result;  // an empty unit is not decoded
        restore_unit(result, units[0], translation_rules());
        QCOMPARE(QString::fromStdString(result.best().text), QString("Cordialement,"));
    }

    void nameAfterFormulaKeepsItsCapital() {
        const auto units = translation_units({"Hi Tom, Anna is here."}, translation_rules());
        SentenceResult result = decoded(units[0].text, "Anna est là.");
        restore_unit(result, units[0], translation_rules());
        QCOMPARE(QString::fromStdString(result.best().text), QString::fromUtf8("Salut Tom, Anna est là."));
    }

    // A title the model wrote for one in the source keeps its capital too: "Hallo, Herr Müller!"
    // was "Hello, mr Müller!".
    void titleAfterFormulaKeepsItsCapital() {
        UnitRules rules = translation_rules();
        rules.source_language = "de";
        rules.target_language = "en";
        const auto units = translation_units({"Hallo, Herr Müller!", "Hallo, wie geht es dir?"}, rules);
        QCOMPARE(QString::fromStdString(units[0].text), QString::fromUtf8("Herr Müller!"));
        QCOMPARE(text_of(restored(units[0], "Mr Müller!", rules)), QString::fromUtf8("Hello, Mr Müller!"));
        QCOMPARE(text_of(restored(units[1], "How are you?", rules)), QString("Hello, how are you?"));
    }

    void shortFragmentReadWithAStop_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<bool>("stop");
        QTest::newRow("a name") << "Tom" << true;
        QTest::newRow("a number") << "Windows 10" << true;
        QTest::newRow("four words") << "The old man and" << true;
        QTest::newRow("five words") << "The old man and the" << false;
        QTest::newRow("already a stop") << "Thanks." << false;
        QTest::newRow("a question") << "Really?" << false;
        QTest::newRow("a quote") << "\"Tom\"" << false;
        QTest::newRow("accented last letter") << QString::fromUtf8("Café") << true;
    }
    void shortFragmentReadWithAStop() {
        QFETCH(QString, sentence);
        QFETCH(bool, stop);
        const auto units = translation_units({sentence.toStdString()}, translation_rules());
        QCOMPARE(units[0].added_stop, stop);
        QCOMPARE(QString::fromStdString(units[0].text), stop ? sentence + "." : sentence);
        if (!stop) return;
        SentenceResult result = decoded(units[0].text, "Merci .");
        restore_unit(result, units[0], translation_rules());
        QCOMPARE(QString::fromStdString(result.best().text), QString("Merci"));
        QCOMPARE(QString::fromStdString(result.source), sentence);
    }

    // An English heading of a label and a number is read with an article, which comes off the
    // translation again: alone, "Chapter 3" came out "Soyez 3 3".
    void headingReadWithAnArticle() {
        const auto units = translation_units({"Chapter 3", "Room 214", "Windows 10", "Chapter 3 of"}, translation_rules());
        QCOMPARE(QString::fromStdString(units[0].text), QString("The chapter 3."));
        QVERIFY(units[0].heading && units[1].heading);
        QVERIFY(!units[2].heading && !units[3].heading);  // not a label; not a heading alone
        SentenceResult result = decoded(units[0].text, "Le chapitre 3.");
        restore_unit(result, units[0], translation_rules());
        QCOMPARE(QString::fromStdString(result.best().text), QString("Chapitre 3"));
        QCOMPARE(QString::fromStdString(result.source), QString("Chapter 3"));
        SentenceResult elided = decoded(units[1].text, QString::fromUtf8("L'étage 214.").toStdString());
        restore_unit(elided, units[1], translation_rules());
        QCOMPARE(QString::fromStdString(elided.best().text), QString::fromUtf8("Étage 214"));
        UnitRules german = translation_rules();
        german.source_language = "de";
        QVERIFY(!translation_units({"Kapitel 3"}, german)[0].heading);
        // A heading that ends in a colon, too ("Ingredients:" was "Les abeilles ne sont pas."); the
        // colon comes back, set off by a space in French. Not a clause ("What you need:").
        const auto colon = translation_units({"Shopping list:", "What you need:", "Ingredients: flour"},
                                             translation_rules());
        QCOMPARE(QString::fromStdString(colon[0].text), QString("The shopping list."));
        QVERIFY(!colon[1].heading && !colon[2].heading);
        const SentenceResult list = restored(colon[0], "La liste de courses.");
        QCOMPARE(text_of(list), QString::fromUtf8("Liste de courses\u00A0:"));
        QCOMPARE(QString::fromStdString(list.source), QString("Shopping list:"));
        UnitRules into_german = translation_rules();
        into_german.target_language = "de";
        QCOMPARE(text_of(restored(colon[0], "Die Einkaufsliste.", into_german)), QString("Einkaufsliste:"));
    }

    // A list item's marker comes off before the model reads the item and goes back before its
    // translation: read as a word, "1. Preheat the oven." came out "1 plongeurs.", "- Buy milk"
    // "Une lait à lait".
    void listMarkerTakenOffAndPutBack_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("marker");
        QTest::newRow("number") << "1. Preheat the oven." << "1. ";
        QTest::newRow("number, bracket") << "12) Add the eggs." << "12) ";
        QTest::newRow("letter") << "a) The first option." << "a) ";
        QTest::newRow("in brackets") << "(3) Add two eggs." << "(3) ";
        QTest::newRow("dash") << "- buy milk" << "- ";
        QTest::newRow("bullet") << QString::fromUtf8("•  Pay the bill.") << QString::fromUtf8("•  ");
        QTest::newRow("star") << "* Call Tom" << "* ";
        QTest::newRow("negative number") << "-5 degrees tonight." << "";
        QTest::newRow("a year") << "2024 was a good year." << "";
        QTest::newRow("a number") << "3.5 kilos of flour." << "";
        QTest::newRow("a marker alone") << "- " << "";
    }
    void listMarkerTakenOffAndPutBack() {
        QFETCH(QString, sentence);
        QFETCH(QString, marker);
        const auto units = translation_units({sentence.toStdString()}, translation_rules());
        QCOMPARE(QString::fromStdString(units[0].marker), marker);
        if (marker.isEmpty()) return;
        QVERIFY(!units[0].text.empty() && units[0].text[0] >= 'A' && units[0].text[0] <= 'Z');  // read as a sentence
        const SentenceResult result = restored(units[0], "Achetez du lait.");
        QCOMPARE(text_of(result), marker + "Achetez du lait" + (units[0].added_stop ? "" : "."));
        QCOMPARE(QString::fromStdString(result.source), sentence);  // as written
    }

    // An aside (a sentence split_trailing_asides made of a parenthesis) is read without its
    // brackets, as a sentence, and so is the sentence before it; the brackets go back around the
    // translation, which goes on in lower case where the source does (or with English "I").
    void asideReadWithoutBrackets() {
        const auto units = translation_units({"I can't come on Friday", "(I have an appointment).", "(due on 15 June)"},
                                             translation_rules());
        QCOMPARE(QString::fromStdString(units[0].text), QString("I can't come on Friday."));
        QCOMPARE(QString::fromStdString(units[1].text), QString("I have an appointment."));
        QCOMPARE(QString::fromStdString(units[2].text), QString("Due on 15 June."));
        QCOMPARE(text_of(restored(units[0], "Je ne peux pas venir vendredi.")), QString("Je ne peux pas venir vendredi"));
        const SentenceResult aside = restored(units[1], "J'ai un rendez-vous.");
        QCOMPARE(text_of(aside), QString("(j'ai un rendez-vous)."));
        QCOMPARE(QString::fromStdString(aside.source), QString("(I have an appointment)."));
        QCOMPARE(text_of(restored(units[2], "Payable le 15 juin.")), QString("(payable le 15 juin)"));
        UnitRules into_german = translation_rules();
        into_german.target_language = "de";
        QCOMPARE(text_of(restored(units[2], "Zahlung am 15. Juni.", into_german)), QString("(Zahlung am 15. Juni)"));
        // Whatever split_trailing_asides splits off is read so, an ellipsis after it too.
        QCOMPARE(QString::fromStdString(translation_units({"(see below)…"}, translation_rules())[0].closing_marker),
                 QString::fromUtf8(")…"));
    }

    // "1. Mai" is a date's day in German, not an item.
    void dayIsNoListMarker() {
        UnitRules german = translation_rules();
        german.source_language = "de";
        german.target_language = "en";
        QVERIFY(translation_units({"1. Mai ist ein Feiertag."}, german)[0].marker.empty());
        QCOMPARE(QString::fromStdString(translation_units({"1. Mehl sieben."}, german)[0].marker), QString("1. "));
    }

    // Quotation marks after decoding (core/text/quotes.h): paired, in the target language's
    // style, a lost closing mark put back where the source has it.
    void quotationMarksPaired() {
        const auto paired = [](const char* translation, const char* source, const char* language) {
            return QString::fromStdString(with_paired_quotes(translation, source, language));
        };
        const char* asked = "\"Where are you going?\" she asked.";
        QCOMPARE(paired("« Où allez-vous ?\" elle a demandé.", asked, "fr"),
                 QString::fromUtf8("«\u00A0Où allez-vous ?\u00A0» elle a demandé."));
        QCOMPARE(paired("„Wohin gehst du?\" sie fragte.", asked, "de"), QString::fromUtf8("„Wohin gehst du?“ sie fragte."));
        // The closing mark lost: before the comma after the quotation (after it in English), or at
        // the end, before the stop when the source's stop follows the mark.
        const char* said = "\"To the market,\" he said.";
        QCOMPARE(paired("\"Au marché, il a dit.", said, "fr"), QString::fromUtf8("«\u00A0Au marché\u00A0», il a dit."));
        QCOMPARE(paired("„Zum Markt, sagte er.", said, "de"), QString::fromUtf8("„Zum Markt“, sagte er."));
        QCOMPARE(paired("\"Au marché, dit-il.", "« Au marché », dit-il.", "en"), QString("\"Au marché,\" dit-il."));
        QCOMPARE(paired("Das Schild sagt: „Parken verboten.", "The sign says \"No parking\".", "de"),
                 QString::fromUtf8("Das Schild sagt: „Parken verboten“."));
        QCOMPARE(paired("Il a dit : « Je t'appellerai demain.", "He said: \"I will call you tomorrow.\"", "fr"),
                 QString::fromUtf8("Il a dit : «\u00A0Je t'appellerai demain.\u00A0»"));
        // Left as they are: no marks in the source, marks that cannot be paired.
        QCOMPARE(paired("Il a dit \"oui\".", "He said yes.", "fr"), QString("Il a dit \"oui\"."));
        QCOMPARE(paired("Il dit \"a \"b\".", "He says \"a b\".", "fr"), QString("Il dit \"a \"b\"."));
        // The heatmap's labels follow the text.
        std::vector<std::string> pieces = {"«", "▁Wohin", "?\"", "▁sie"};
        pair_quote_pieces(pieces, "„Wohin?“ sie", "de");
        QCOMPARE(QString::fromStdString(pieces[0] + "|" + pieces[2]), QString::fromUtf8("„|?“"));
    }

    void chatRulesLeaveTheTextAlone() {
        QVERIFY(translation_units({"- hi"}, UnitRules{})[0].marker.empty());
        const auto units = translation_units({"Dear Priya,", "Tom"}, UnitRules{});
        QCOMPARE(QString::fromStdString(units[0].text), QString("Dear Priya,"));
        QCOMPARE(QString::fromStdString(units[1].text), QString("Tom"));
        QVERIFY(!units[1].added_stop && units[0].formula.empty());
    }
};

QTEST_GUILESS_MAIN(TestTranslationUnits)
#include "test_translation_units.moc"
