// Known names a translation lost (core/text/known_names.h): which capitalised words count as
// names, when a name counts as kept, how it is to be written, and that protecting it masks it
// and writes its translation back.

#include <QTest>

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text/known_names.h"
#include "core/text/span_markers.h"
#include "core/text/utf8.h"

using namespace attentive;

namespace {

SpanRules rules_for(const std::string& source, const std::string& target) {
    static const std::set<std::string> known = {"Paul", "Rivendell", "Bruchtal", "Vienne", "Arzt", "Termin", "York", "We", "My", "Mein"};
    SpanRules rules;
    rules.known_word = [](std::string_view w) { return known.count(std::string(w)) > 0; };
    rules.common_word = [](std::string_view w) { return w == "we" || w == "my" || w == "mein"; };
    rules.source_language = source;
    rules.target_language = target;
    rules.noun_markers = noun_markers(source);
    rules.surrogates = {"Tom", "Boston"};
    return rules;
}

// A target vocabulary that holds "Rivendell", "Bruchtal" and "York" whole (a place as English and German
// write it, which core/text/place_names.h does not hold: Vienna is a place span there), their
// lowercase forms in three pieces; "doctor" and "Doctor" alike in one.
std::size_t pieces(std::string_view word) {
    if (word == "Rivendell" || word == "Bruchtal" || word == "Paul" || word == "York") return 1;
    if (word == "rivendell" || word == "bruchtal" || word == "paul" || word == "york") return 3;
    return 1;
}

// lost_known_names() with the sentence's spans found as the translator finds them.
std::vector<LostName> lost_names(std::string_view sentence, std::string_view translation, const SpanRules& rules,
                                 const Lexicon& lexicon, const std::function<std::size_t(std::string_view)>& target_pieces) {
    return lost_known_names(sentence, find_protected_spans(sentence, with_every_capital_a_name(rules)), translation, rules,
                            lexicon, target_pieces);
}

QString names(const std::vector<LostName>& lost) {
    QStringList out;
    for (const LostName& name : lost)
        out << QString::fromStdString(name.word + (name.target_text.empty() ? "" : ">" + name.target_text));
    return out.join(' ');
}

}  // namespace

class TestKnownNames : public QObject {
    Q_OBJECT

private slots:
    void aDroppedNameIsLostAndWrittenAsTheLexiconTranslatesIt() {
        const Lexicon lexicon({{"rivendell", {"bruchtal", "mich"}}, {"paul", {"paul"}}});
        const SpanRules rules = rules_for("en", "de");
        QCOMPARE(names(lost_names("We are flying to Rivendell next week.", "Wir fliegen nächste Woche auf.", rules,
                                        lexicon, pieces)),
                 QStringLiteral("Rivendell>Bruchtal"));
        // Copied by the lexicon: written as it is.
        QCOMPARE(names(lost_names("My friend Paul lives here.", "Mein Freund ist hier pouliert.", rules, lexicon,
                                        pieces)),
                 QStringLiteral("Paul"));
    }

    void aNameTheTranslationHoldsIsKept() {
        const Lexicon lexicon({{"rivendell", {"bruchtal"}}, {"paul", {"paul"}}});
        const SpanRules rules = rules_for("en", "de");
        QVERIFY(lost_names("We are flying to Rivendell next week.", "Wir fliegen nächste Woche nach Bruchtal.", rules,
                                 lexicon, pieces)
                    .empty());
        QVERIFY(lost_names("My friend Paul lives here.", "Mein Freund Paul wohnt hier.", rules, lexicon, pieces)
                    .empty());
        // With a case ending.
        QVERIFY(lost_names("I met Paul's wife.", "Ich habe Pauls Frau getroffen.", rules, lexicon, pieces).empty());
        // Any other ending is the name garbled: en-de wrote "Ich habe gestern Pauly angerufen."
        QCOMPARE(names(lost_names("I called Paul yesterday.", "Ich habe gestern Pauly angerufen.", rules, lexicon,
                                  pieces)),
                 QStringLiteral("Paul"));
        QCOMPARE(names(lost_names("I know Paul well.", "Ich kenne Pauler gut.", rules, lexicon, pieces)),
                 QStringLiteral("Paul"));
        // A sentence's first word is judged only when it is a given name: it is as often "Ils",
        // "Judging" or "Tie" as a name. "Pierre habite à Lyon." -> "Let's live in Lyon." lost one.
        QVERIFY(lost_names("Paul left.", "Paul est parti.", rules, lexicon, pieces).empty());
        QCOMPARE(names(lost_names("Paul left.", "Il est parti.", rules, lexicon, pieces)), QStringLiteral("Paul"));
        QVERIFY(lost_names("Rivendell fell.", "Il est tombé.", rules, lexicon, pieces).empty());
        // A quote's first word is left out.
        QVERIFY(lost_names("He says \"Paul left.\"", "Il dit \"parti\".", rules, lexicon, pieces).empty());
        QCOMPARE(names(lost_names("He says, Paul left.", "Il dit, parti.", rules, lexicon, pieces)),
                 QStringLiteral("Paul"));
    }

    // "York" is usually translated "New York": its lexicon lists "new", which is an English word
    // translated otherwise, so "New" alone in the translation does not keep it.
    void aWordFromTheLongerNameDoesNotKeepTheName() {
        const Lexicon lexicon({{"york", {"new", "york"}}, {"new", {"neue", "neuen"}}, {"mary", {"marie", "mary"}}});
        const SpanRules rules = rules_for("en", "de");
        QCOMPARE(names(lost_names("We spent a week in York with Paul.", "Wir verbrachten eine Woche in New mit Paul.",
                                  rules, lexicon, pieces)),
                 QStringLiteral("York"));
        QVERIFY(lost_names("We spent a week in York with Paul.", "Wir verbrachten eine Woche in York mit Paul.", rules,
                           lexicon, pieces)
                    .empty());
        // "Marie" is no English word: it is Mary's translation.
        QVERIFY(lost_names("I met Paul and Mary.", "Ich habe Paul und Marie getroffen.", rules, lexicon, pieces).empty());
    }

    void aNameWhoseTranslationIsACommonWordIsLeftToTheModel() {
        // "Vienne" is also a form of "venir": the lexicon says "come", a word the English
        // vocabulary holds whole; the capital is ambiguous, and the model's "Vienna" stands.
        const Lexicon lexicon(std::unordered_map<std::string, std::vector<std::string>>{{"vienne", {"come"}}});
        const SpanRules rules = rules_for("fr", "en");
        QVERIFY(lost_names("Nous partons à Vienne demain.", "We go to Vienna tomorrow.", rules, lexicon, pieces)
                    .empty());
    }

    void aGermanNounIsNotAName() {
        const Lexicon lexicon({{"bruchtal", {"rivendell"}}, {"arzt", {"doctor"}}, {"termin", {"appointment"}}});
        const SpanRules rules = rules_for("de", "en");
        // "Arzt" -> "doctor", no more a capital word in English than "doctor": a noun, not a name.
        QCOMPARE(names(lost_names("Ich gehe morgen zu Arzt in Bruchtal.", "I am going tomorrow.", rules, lexicon,
                                        pieces)),
                 QStringLiteral("Bruchtal>Rivendell"));
        // After an article a capitalised word is a noun.
        QVERIFY(lost_names("Ich habe einen Termin.", "I have.", rules, lexicon, pieces).empty());
    }

    void protectingMasksTheNameAndWritesItsTranslation() {
        const SpanRules rules = rules_for("en", "de");
        QVERIFY(find_protected_spans("We are flying to Rivendell.", rules).empty());
        const MaskedSentence masked = mask_protecting("We are flying to Rivendell.", rules, {{"Rivendell", "Bruchtal"}});
        QCOMPARE(masked.spans.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(masked.spans[0].text), QStringLiteral("Rivendell"));
        QCOMPARE(QString::fromStdString(masked.text), QStringLiteral("We are flying to Tom."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Wir fliegen nach Tom.", masked.spans)),
                 QStringLiteral("Wir fliegen nach Bruchtal."));
    }
};

QTEST_GUILESS_MAIN(TestKnownNames)
#include "test_known_names.moc"
