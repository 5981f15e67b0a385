// Negation words per language (core/text/negation.h): what counts as saying "not", and what
// does not.

#include <QTest>

#include "core/text/negation.h"

using namespace attentive;

class TestNegation : public QObject {
    Q_OBJECT

private slots:
    void english() {
        QVERIFY(has_negation("I did not write sooner.", "en"));
        QVERIFY(has_negation("I don't know.", "en"));
        QVERIFY(has_negation("I don’t know.", "en"));  // typographic apostrophe
        QVERIFY(has_negation("She can't swim.", "en"));
        QVERIFY(has_negation("Nobody came.", "en"));
        QVERIFY(!has_negation("I know Tom.", "en"));
        QVERIFY(!has_negation("Ann's tea is hot.", "en"));  // an "s", not a "t", after the apostrophe
        QVERIFY(!has_negation("Don Juan", "en"));
    }

    void french() {
        QVERIFY(has_negation("Je ne sais pas.", "fr"));
        QVERIFY(has_negation("Je n'ai rien vu.", "fr"));
        QVERIFY(has_negation("Non, merci.", "fr"));
        QVERIFY(!has_negation("J'ignore comment ça fonctionne.", "fr"));
    }

    void german() {
        QVERIFY(has_negation("Ich weiß es nicht.", "de"));
        QVERIFY(has_negation("Ich habe keine Zeit.", "de"));
        QVERIFY(has_negation("Niemand kam.", "de"));
        QVERIFY(!has_negation("Sie mag Orangen, oder?", "de"));
        QVERIFY(!has_negation("Nichtraucher", "de"));  // a word of its own
    }

    // The word a German clause's negation rests on, which de-en must not lose.
    void negatingWords() {
        QVERIFY(is_negating_word("nicht", "de"));
        QVERIFY(is_negating_word("keinen", "de"));
        QVERIFY(is_negating_word("Niemand", "de"));
        QVERIFY(!is_negating_word("Nein", "de"));
        QVERIFY(!is_negating_word("rauchen", "de"));
        QVERIFY(!is_negating_word("not", "en"));
    }

    void otherLanguagesAreNeverJudged() { QVERIFY(!has_negation("no not never", "cs")); }
};

QTEST_GUILESS_MAIN(TestNegation)
#include "test_negation.moc"
