// The chat context: the latest turns joined with the separator, built the same way for training
// (dialogue_pairs) and for answering (Translator::reply).

#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/text/chat_context.h"
#include "core/text/vocatives.h"
#include "core/training/corpus.h"
#include "core/translator.h"
#include "support/test_models.h"

using namespace attentive;
using namespace attentive::testing;

namespace {

std::vector<std::string> to_std(const QStringList& list) {
    std::vector<std::string> result;
    for (const QString& item : list) result.push_back(item.toStdString());
    return result;
}

}  // namespace

class TestChatContext : public QObject {
    Q_OBJECT

private slots:
    void tidy_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("curly, spaced") << QString::fromUtf8("I \u2019 m fine") << QString::fromUtf8("I\u2019m fine");
        QTest::newRow("straight, spaced") << "don ' t go" << "don't go";
        QTest::newRow("space before only") << "it 's late" << "it's late";
        QTest::newRow("space after only") << "we' ll see" << "we'll see";
        QTest::newRow("every ending") << "I ' m , he ' s , we ' re , I ' ve , I ' ll , he ' d , can ' t"
                                      << "I'm , he's , we're , I've , I'll , he'd , can't";
        QTest::newRow("capitals") << "I ' M" << "I'M";
        QTest::newRow("capitals, longer") << "DON ' T" << "DON'T";
        QTest::newRow("mixed case, spaced") << QString::fromUtf8("I \u2019 Ve been") << QString::fromUtf8("I\u2019ve been");
        QTest::newRow("mixed case, joined") << "you'Re right" << "you're right";
        QTest::newRow("end of text") << QString::fromUtf8("Yes , I \u2019 m") << QString::fromUtf8("Yes , I\u2019m");
        QTest::newRow("already joined") << "I'm fine" << "I'm fine";
        QTest::newRow("quotes stay") << "he said ' so ' and ' sure '" << "he said ' so ' and ' sure '";
        QTest::newRow("not a whole ending") << "the boss ' team" << "the boss ' team";
        QTest::newRow("no letter before") << "5 ' s" << "5 ' s";
        QTest::newRow("apostrophe alone") << QString::fromUtf8("\u2019") << QString::fromUtf8("\u2019");
        QTest::newRow("empty") << "" << "";
        QTest::newRow("dollars") << "It's $ 25 , not $ 2,100 ." << "It's $25 , not $2,100 .";
        QTest::newRow("pounds and euros") << QString::fromUtf8("\u00a3 5 or \u20ac 6") << QString::fromUtf8("\u00a35 or \u20ac6");
        QTest::newRow("a sign before a word stays") << "$ signs" << "$ signs";
        QTest::newRow("a.m. apart") << "It opens at 8 a. m. and closes at 5 P. M. ." << "It opens at 8 a.m. and closes at 5 P.M.";
        QTest::newRow("a full stop after a.m.") << "It leaves at 9:30 a. m.." << "It leaves at 9:30 a.m.";
        QTest::newRow("a.m. joined, then a question") << "At 7 a.m.?" << "At 7 a.m.?";
        QTest::newRow("a.m. mid-sentence") << "At 7 a.m., he left." << "At 7 a.m., he left.";
        QTest::newRow("not after a time") << "John P. M. Smith and a. m. radio" << "John P. M. Smith and a. m. radio";
    }
    void straightApostrophes() {
        QCOMPARE(with_straight_apostrophes("I\u2019m sure you don\u2019t."), std::string("I'm sure you don't."));
        QCOMPARE(with_straight_apostrophes("I'm fine."), std::string("I'm fine."));
        // A closing quote is no apostrophe.
        QCOMPARE(with_straight_apostrophes("\u2018Hi\u2019 he said"), std::string("\u2018Hi\u2019 he said"));
    }

    void tidy() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(tidy_dialogue_text(input.toStdString())), expected);
    }

    void sentenceCapitals_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a reply's first word") << "the professor is boring. you need a coffee." << "The professor is boring. You need a coffee.";
        QTest::newRow("after ! and ?") << "excellent! what now? fine" << "Excellent! What now? Fine";
        QTest::newRow("the pronoun I") << "so did i. that's why i'm late and i'd go" << "So did I. That's why I'm late and I'd go";
        QTest::newRow("not after a.m.") << "At 9 a.m. and then we go" << "At 9 a.m. and then we go";
        QTest::newRow("not after a title") << "Ask Mr. smith, e.g. tomorrow" << "Ask Mr. smith, e.g. tomorrow";
        QTest::newRow("inside a quote") << "He said \"yes. maybe\"" << "He said \"yes. Maybe\"";
        QTest::newRow("a quoted opening") << "\"hello,\" she said." << "\"Hello,\" she said.";
        QTest::newRow("words with i stay") << "it is in the inn, isn't it" << "It is in the inn, isn't it";
        QTest::newRow("after No.") << "no. that's fine" << "No. That's fine";
        QTest::newRow("no space after the stop") << "the afternoon.it rained" << "The afternoon.it rained";
        QTest::newRow("inner capitals stay") << "OK. iPhone or eBay" << "OK. iPhone or eBay";
    }
    void sentenceCapitals() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(with_sentence_capitals(input.toStdString())), expected);
    }
    void sentenceCapitalPieces() {
        // "the professor . i 'm sure at 9 a . m . then"
        std::vector<std::string> pieces{"the", "pro", "fessor", ".", "i", "'m", "sure", "at", "9", "a", ".", "m", ".", "then"};
        const std::vector<bool> starts{true, true, false, false, true, false, true, true, true, true, false, false, false, true};
        capitalise_sentence_pieces(pieces, starts);
        const std::vector<std::string> expected{"The", "pro", "fessor", ".", "I", "'m", "sure", "at", "9", "a", ".", "m", ".", "then"};
        QCOMPARE(pieces, expected);
    }

    void separator_data() {
        QTest::addColumn<QString>("piece");
        QTest::addColumn<QString>("separator");
        QTest::newRow("piece") << "<sep>" << " <sep> ";
        QTest::newRow("no piece") << "" << " ";
    }
    void separator() {
        QFETCH(QString, piece);
        QFETCH(QString, separator);
        QCOMPARE(QString::fromStdString(turn_separator(piece.toStdString())), separator);
    }

    void context_data() {
        QTest::addColumn<QStringList>("turns");
        QTest::addColumn<int>("contextTurns");
        QTest::addColumn<QString>("context");
        QTest::newRow("no turns") << QStringList{} << 2 << "";
        QTest::newRow("one turn") << QStringList{"A"} << 2 << "A";
        QTest::newRow("exactly enough") << QStringList{"A", "B"} << 2 << "A | B";
        QTest::newRow("keeps the latest") << QStringList{"A", "B", "C", "D"} << 2 << "C | D";
        QTest::newRow("one turn of context") << QStringList{"A", "B", "C"} << 1 << "C";
        QTest::newRow("more allowed than given") << QStringList{"A", "B", "C"} << 5 << "A | B | C";
    }
    void context() {
        QFETCH(QStringList, turns);
        QFETCH(int, contextTurns);
        QFETCH(QString, context);
        QCOMPARE(QString::fromStdString(chat_context(to_std(turns), contextTurns, " | ")), context);
    }

    void contextTurnsBelowOneThrows() {
        const std::vector<std::string> turns = {"A", "B"};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, chat_context(turns, 0, " "));
    }

    // What the trainer pairs with the answer to turns[0..n) is exactly what reply() feeds the
    // model when asked to answer the same turns.
    void trainingAndReplyAgree_data() {
        QTest::addColumn<QStringList>("turns");
        QTest::addColumn<int>("contextTurns");
        QTest::newRow("one turn") << QStringList{"hello"} << 2;
        QTest::newRow("two turns") << QStringList{"hello", "how are you"} << 2;
        QTest::newRow("more than the context") << QStringList{"a b", "c d", "e f", "g h"} << 2;
        QTest::newRow("three of context") << QStringList{"a", "b", "c", "d"} << 3;
    }
    void trainingAndReplyAgree() {
        QFETCH(QStringList, turns);
        QFETCH(int, contextTurns);
        QTemporaryDir dir;
        ModelConfig config = tiny_config();
        config.task = Task::chat;
        config.sep_id = 4;  // "<sep>" in tests/data/tiny.spm
        config.chat_context_turns = contextTurns;
        const std::filesystem::path model_dir = dir.path().toStdString();
        write_random_model(model_dir, config);
        Translator translator(model_dir);
        DecodeOptions greedy;
        greedy.strategy = DecodeStrategy::greedy;
        greedy.beam_size = 1;
        greedy.max_length = 4;
        const std::string asked = translator.reply(to_std(turns), greedy).source;

        std::vector<std::string> dialogue = to_std(turns);
        dialogue.push_back("the answer");
        const std::vector<SentencePair> pairs = dialogue_pairs(dialogue, contextTurns, turn_separator("<sep>"));
        QCOMPARE(QString::fromStdString(asked), QString::fromStdString(pairs.back().source));
    }

    // core/text/vocatives.h: chat replies lose the vocatives that call the user by a name the
    // conversation never gave ("Thanks, Jim."), and keep names the user gave and names used
    // otherwise.
    void dropsUnknownVocatives_data() {
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("after a comma") << "Thanks, Jim. I didn't think guys noticed." << "You look terrific."
                                       << "Thanks. I didn't think guys noticed.";
        QTest::newRow("clause end") << "I'm worried, Tom. It is late." << "We are stuck." << "I'm worried. It is late.";
        QTest::newRow("title and name") << "Good morning, Mr. Thomas, it is nice to see you."
                                        << "Good morning!" << "Good morning, it is nice to see you.";
        QTest::newRow("title and a lowercase name") << "Hello, Mr. lie. I would like to talk." << "Hello, Mr. Wang."
                                                    << "Hello. I would like to talk.";
        QTest::newRow("ellipsis") << "Let's see, Mr. Horn... The schedule is full." << "I need a doctor."
                                  << "Let's see... The schedule is full.";
        QTest::newRow("sentence start") << "Okay. Kate, come here!" << "Where are you?" << "Okay. Come here!";
        QTest::newRow("reply start") << "Kate, come here!" << "Where are you?" << "Come here!";
        QTest::newRow("after a greeting") << "Hi Kate! How are you?" << "Hello!" << "Hi! How are you?";
        QTest::newRow("name the user gave") << "Nice to meet you, Anna." << "Hi, I'm Anna." << "Nice to meet you, Anna.";
        QTest::newRow("name used otherwise") << "I saw Kate yesterday." << "Any news?" << "I saw Kate yesterday.";
        QTest::newRow("no name") << "Yes, sir. Did you call the airline?" << "Our flight got cancelled."
                                 << "Yes, sir. Did you call the airline?";
        QTest::newRow("a name the dialogues use") << "Yeah, Judy. I will be working for the Post Office."
                                                  << "I just got a new job!" << "Yeah. I will be working for the Post Office.";
        QTest::newRow("a family word") << "Thanks, Mom. I love it!" << "Here is your present." << "Thanks. I love it!";
        QTest::newRow("miss alone") << "Yes, Miss, I'd like a single room." << "Can I help you?"
                                    << "Yes, I'd like a single room.";
        QTest::newRow("a place after a comma") << "I live in Beijing, China." << "Where do you live?"
                                               << "I live in Beijing, China.";
        QTest::newRow("any name after a greeting") << "Good morning, Gav! Did you sleep well?" << "Good morning, Helen."
                                                   << "Good morning! Did you sleep well?";
        QTest::newRow("any name after thanks") << "Thank you, Noirin." << "Here you are." << "Thank you.";
        QTest::newRow("greeting and a name") << "Hi Chris. I am glad to see you." << "Hi, Sam." << "Hi. I am glad to see you.";
        QTest::newRow("role after thanks") << "Thank you, Doctor." << "You are fine." << "Thank you, Doctor.";
        QTest::newRow("capitalised word not a name") << "Thanks, Doctor." << "You are fine." << "Thanks, Doctor.";
    }

    void dropsUnknownVocatives() {
        QFETCH(QString, reply);
        QFETCH(QString, message);
        QFETCH(QString, expected);
        const std::vector<std::string> conversation = {message.toStdString()};
        QCOMPARE(QString::fromStdString(without_unknown_vocatives(reply.toStdString(), conversation)), expected);
    }
};

QTEST_GUILESS_MAIN(TestChatContext)
#include "test_chat_context.moc"
