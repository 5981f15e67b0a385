// Where a lost source word is inserted into a translation (core/decoding/insertion_points.h):
// before the rows that attend to it most, never inside a word or after a full stop, and only
// when the insertion keeps the translation's words.

#include <QTest>

#include "core/decoding/insertion_points.h"

using namespace attentive;

class TestInsertionPoints : public QObject {
    Q_OBJECT

private slots:
    void rowsThatStartAWordAndDoNotFollowAStop() {
        // "mon frère a déménag é ." and the end-of-sentence row
        const std::vector<std::string> pieces = {"mon", "frère", "a", "déménag", "é", "."};
        const std::vector<bool> starts = {true, true, true, true, false, true};
        const std::vector<bool> rows = insertable_rows(pieces, starts, 7);
        QCOMPARE(rows, (std::vector<bool>{true, true, true, true, false, true, false}));
        // Without the full stop, the end-of-sentence row may take the word.
        QCOMPARE(insertable_rows({"mon", "frère"}, {true, true}, 3), (std::vector<bool>{true, true, true}));
    }

    void bestAttendedRowsFirst() {
        // Source: "my brother Okonkwo moved" (Okonkwo = piece 2).
        const std::vector<std::vector<float>> attention = {
            {0.9f, 0.1f, 0.0f, 0.0f},   // mon
            {0.0f, 1.0f, 0.0f, 0.0f},   // frère
            {0.0f, 0.0f, 0.35f, 0.65f}, // a
            {0.0f, 0.0f, 0.05f, 0.95f}, // déménag
            {0.0f, 0.0f, 0.40f, 0.60f}, // é (inside a word: never)
            {0.0f, 0.0f, 0.0f, 1.0f},   // end of sentence (no attention on the name: never)
        };
        const std::vector<bool> insertable = {true, true, true, true, false, true};
        QCOMPARE(insertion_points(attention, insertable, 2, 3, 2), (std::vector<std::size_t>{2, 3}));
        QCOMPARE(insertion_points(attention, insertable, 2, 3, 1), (std::vector<std::size_t>{2}));
        QCOMPARE(insertion_points(attention, insertable, 2, 3, 5), (std::vector<std::size_t>{2, 3}));
        // A span of two pieces sums their attention: "mon" gives pieces 0-1 1.0, as "frère" does;
        // the tie goes to the earlier row.
        QCOMPARE(insertion_points(attention, insertable, 0, 2, 2), (std::vector<std::size_t>{0, 1}));
        QVERIFY(insertion_points({}, {}, 0, 1, 2).empty());
    }

    void wordsDroppedByAnInsertion() {
        QCOMPARE(words_dropped("L'été dernier mon frère a déménagé.", "L'été dernier mon frère Okonkwo a déménagé."),
                 std::size_t(0));
        // The name took the place of "un maillot".
        QCOMPARE(words_dropped("Un garçon portant un maillot frappe.", "Un garçon portant Giants frappe."), std::size_t(2));
        // Case and punctuation do not count; each occurrence counts once.
        QCOMPARE(words_dropped("Tom, a man.", "tom a man"), std::size_t(0));
        QCOMPARE(words_dropped("a a man", "a man"), std::size_t(1));
        QCOMPARE(words_dropped("", "anything"), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestInsertionPoints)
#include "test_insertion_points.moc"
