// Word order for right-to-left models (core/text/word_order.h), as scripts/reverse-words.py
// makes their training targets.

#include <QTest>

#include "core/text/word_order.h"

using namespace attentive;

class TestWordOrder : public QObject {
    Q_OBJECT

private slots:
    void reversesWords() {
        QCOMPARE(reversed_words("A man sleeps on a couch."), std::string("couch. a on sleeps man A"));
        QCOMPARE(reversed_words("  two\tspaced \n words "), std::string("words spaced two"));
        QCOMPARE(reversed_words("Okonkwo"), std::string("Okonkwo"));
        QCOMPARE(reversed_words(""), std::string());
        // Twice gives the words back, with single spaces.
        QCOMPARE(reversed_words(reversed_words("Das ist  gut.")), std::string("Das ist gut."));
        // Only ASCII spaces split: a no-break space stays inside its word.
        QCOMPARE(reversed_words("100\xC2\xA0km away"), std::string("away 100\xC2\xA0km"));
    }
};

QTEST_GUILESS_MAIN(TestWordOrder)
#include "test_word_order.moc"
