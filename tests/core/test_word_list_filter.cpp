// A chat reply's or a translation's known words (core/decoding/word_list_filter.h): which pieces may
// follow the pieces so far, so that every word it writes is one its training targets use or its
// source holds; into French, with the agreement of a listed word.

#include <QTest>

#include "core/decoding/word_list_filter.h"

using namespace attentive;

namespace {

// Ids: 0 pad, 1 unk, 2 bos, 3 eos; then pieces as SentencePiece writes them.
const std::vector<std::string> kPieces = {"<pad>", "<unk>", "<s>", "</s>", "▁love", "d", "ed", "!",
                                          "▁I", "'", "m", "▁Ais", "ha", "▁", "-", "ly"};
enum : int { kLove = 4, kD, kEd, kBang, kI, kApostrophe, kM, kAis, kHa, kSpace, kHyphen, kLy };
constexpr int kEos = 3;

WordListFilter filter() {
    return WordListFilter(WordList({"love", "loved", "lovely", "i", "m"}), kPieces, {0, 1, 2, 3});
}

}  // namespace

class TestReplyWords : public QObject {
    Q_OBJECT

private slots:
    void lettersMakeWords() {
        QCOMPARE(letter_words("Don't, Aisha-Marie: 3pm ÉTÉ!"),
                 (std::vector<std::string>{"don", "t", "aisha", "marie", "pm", "été"}));
        QVERIFY(letter_words("12, 13 !").empty());
    }

    void listAnswersWordsAndPrefixes() {
        const WordList words({"love", "lovely", "apple"});
        QVERIFY(words.contains("love"));
        QVERIFY(!words.contains("lov"));
        QVERIFY(words.begins_a_word("lov"));
        QVERIFY(words.begins_a_word("lovely"));
        QVERIFY(!words.begins_a_word("lovee"));
        QVERIFY(!words.begins_a_word("b"));
        QVERIFY(WordList().empty());
    }

    // "loveed" is refused at the piece that makes it; "loved" and "lovely" are not.
    void aPieceMayNotMakeAnUnknownWord() {
        const WordListFilter f = filter();
        const WordList none;
        QVERIFY(f.allows({}, kLove, kEos, none));
        QVERIFY(f.allows({kLove}, kD, kEos, none));
        QVERIFY(!f.allows({kLove}, kEd, kEos, none));
        QVERIFY(f.allows({kLove}, kLy, kEos, none));
        QVERIFY(f.allows({kLove, kD}, kBang, kEos, none));
        QVERIFY(f.allows({kLove}, kEos, kEos, none));
    }

    // A word must be whole before a space, a mark or the end: "lovel" is only the start of one.
    void anUnfinishedWordMayNotEnd() {
        WordListFilter f(WordList({"love", "lovely"}), std::vector<std::string>{"<pad>", "<unk>", "<s>", "</s>", "▁lovel", "y", "!"},
                          {0, 1, 2, 3});
        const WordList none;
        QVERIFY(f.allows({}, 4, kEos, none));
        QVERIFY(!f.allows({4}, 6, kEos, none));
        QVERIFY(!f.allows({4}, kEos, kEos, none));
        QVERIFY(f.allows({4}, 5, kEos, none));
        QVERIFY(f.allows({4, 5}, kEos, kEos, none));
    }

    // Apostrophes and hyphens end a word: "I'm" is "i" and "m"; "love-ly" two words.
    void marksSeparateWords() {
        const WordListFilter f = filter();
        const WordList none;
        QVERIFY(f.allows({kI}, kApostrophe, kEos, none));
        QVERIFY(f.allows({kI, kApostrophe}, kM, kEos, none));
        QVERIFY(f.allows({kLove, kHyphen}, kLy, kEos, none) == false);  // "ly" begins no word
        QVERIFY(f.allows({kLove}, kHyphen, kEos, none));
    }

    // A name of the message may be said back.
    void theMessagesWordsAreAllowed() {
        const WordListFilter f = filter();
        QVERIFY(!f.allows({}, kAis, kEos, WordList()));
        const WordList message(letter_words("My name is Aisha."));
        QVERIFY(f.allows({}, kAis, kEos, message));
        QVERIFY(f.allows({kAis}, kHa, kEos, message));
        QVERIFY(f.allows({kAis, kHa}, kBang, kEos, message));
    }

    // Special pieces are no text, and a filter without words allows everything.
    // French agreement: "séchées" and "boucs" from "séché" and "bouc", not "chevals", "tombers"
    // or "inscritss"; nothing of the kind without allow_french_agreement.
    void frenchAgreement() {
        const std::vector<std::string> pieces = {"<pad>", "<unk>", "<s>", "</s>", "▁séché", "es", "e", "s",
                                                 "▁bouc", "▁cheval", "▁tomber", "▁inscrits", "▁mon"};
        const WordList words({"séché", "bouc", "cheval", "tomber", "inscrits", "mon"});
        WordListFilter plain(words, pieces, {0, 1, 2, 3});
        WordListFilter french(words, pieces, {0, 1, 2, 3});
        french.allow_french_agreement();
        const WordList none;
        for (const std::vector<int>& word : std::vector<std::vector<int>>{{4, 5}, {4, 6}, {4, 7}, {8, 7}}) {
            const std::vector<int> before(word.begin(), word.end() - 1);
            QVERIFY(!plain.allows(before, word.back(), kEos, none));
            QVERIFY(french.allows(before, word.back(), kEos, none));
            QVERIFY(french.allows(word, kEos, kEos, none));
        }
        QVERIFY(!french.allows({8}, 6, kEos, none));   // "bouce": a noun takes "s" only
        QVERIFY(!french.allows({9}, 7, kEos, none));   // "chevals"
        QVERIFY(!french.allows({10}, 7, kEos, none));  // "tombers"
        QVERIFY(!french.allows({11}, 7, kEos, none));  // "inscritss"
        QVERIFY(!french.allows({12}, 7, kEos, none));  // "mons": too short a stem to tell
    }

    void specialPiecesAndNoList() {
        const WordListFilter f = filter();
        QVERIFY(f.allows({2}, kLove, kEos, WordList()));
        QVERIFY(f.allows({kLove}, kSpace, kEos, WordList()));
        QVERIFY(WordListFilter().allows({kLove}, kEd, kEos, WordList()));
    }
};

QTEST_GUILESS_MAIN(TestReplyWords)
#include "test_word_list_filter.moc"
