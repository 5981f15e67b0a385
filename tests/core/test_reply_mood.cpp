// The news a chat message tells and the mood of a reply (core/decoding/reply_mood.h): cues,
// negation, questions, cues of both kinds, and how the two agree.

#include <QTest>

#include "core/decoding/reply_mood.h"

using namespace attentive;

Q_DECLARE_METATYPE(attentive::News)
Q_DECLARE_METATYPE(attentive::ReplyMood)

class TestReplyMood : public QObject {
    Q_OBJECT

private slots:
    void messageNews_data() {
        QTest::addColumn<QString>("message");
        QTest::addColumn<News>("news");
        QTest::newRow("sick") << "My cat is sick and I'm worried." << News::bad;
        QTest::newRow("rain") << "It's raining again. I wanted to go to the beach." << News::bad;
        QTest::newRow("failed") << "I failed my driving test." << News::bad;
        QTest::newRow("passed away") << "My grandfather passed away last week." << News::bad;
        QTest::newRow("new job") << "I just got a new job at a bank!" << News::good;
        QTest::newRow("passed") << "I passed my exam!" << News::good;
        QTest::newRow("lost") << "My laptop broke and I lost all my photos." << News::bad;
        QTest::newRow("ran away") << "My cat ran away two days ago." << News::bad;
        QTest::newRow("twins") << "We're going to have twins!" << News::good;
        QTest::newRow("moved into") << "I just moved into my own apartment!" << News::good;
        QTest::newRow("typographic apostrophe") << "I can’t wait, I’m getting married!" << News::good;
        // A negated bad cue tells nothing; a negated good one is bad news.
        QTest::newRow("not sick") << "I'm not sick anymore." << News::none;
        QTest::newRow("don't worry") << "Don't worry about it." << News::none;
        QTest::newRow("not happy") << "I'm not happy with my new haircut." << News::bad;
        QTest::newRow("didn't get the job") << "I didn't get the job." << News::bad;
        // Questions tell none; the statement beside one does.
        QTest::newRow("question") << "Are you sick?" << News::none;
        QTest::newRow("statement and question") << "My son is sick. What should I do?" << News::bad;
        // Feelings are the writer's; events need a writer who speaks of themselves.
        QTest::newRow("someone else's feeling") << "You look tired." << News::none;
        QTest::newRow("happy for someone") << "You have no idea how happy I am for you." << News::none;
        QTest::newRow("courtesy") << "I am glad to meet you here at the fair." << News::none;
        QTest::newRow("no writer") << "We have various birthday cakes." << News::none;
        QTest::newRow("both kinds") << "I got a new job, but I'm tired." << News::none;
        QTest::newRow("plain") << "What time is it?" << News::none;
        QTest::newRow("neutral statement") << "I'd like to book a table for two." << News::none;
        QTest::newRow("empty") << "" << News::none;
    }

    void messageNews() {
        QFETCH(QString, message);
        QFETCH(News, news);
        QCOMPARE(message_news(message.toStdString()), news);
    }

    void replyMood_data() {
        QTest::addColumn<QString>("reply");
        QTest::addColumn<ReplyMood>("mood");
        QTest::newRow("sorry") << "I'm sorry to hear that." << ReplyMood::sympathy;
        QTest::newRow("oh no") << "Oh no! What happened?" << ReplyMood::sympathy;
        QTest::newRow("don't worry") << "Don't worry, she will be fine." << ReplyMood::sympathy;
        QTest::newRow("are you ok") << "Oh, my god, are you OK?" << ReplyMood::sympathy;
        QTest::newRow("condolences") << "My condolences." << ReplyMood::sympathy;
        QTest::newRow("fun") << "That sounds like fun." << ReplyMood::cheer;
        QTest::newRow("proud") << "We're all proud of you." << ReplyMood::cheer;
        QTest::newRow("congratulations") << "Congratulations! When do you start?" << ReplyMood::cheer;
        QTest::newRow("not good") << "That's not good." << ReplyMood::sympathy;
        QTest::newRow("that is, not that's") << "That is great." << ReplyMood::cheer;
        QTest::newRow("you are, not you're") << "You are lucky!" << ReplyMood::cheer;
        QTest::newRow("that is not") << "That is not good." << ReplyMood::sympathy;
        QTest::newRow("neutral") << "Maybe you should get a dog." << ReplyMood::neutral;
        QTest::newRow("both kinds") << "Wow, that's terrible." << ReplyMood::neutral;
        QTest::newRow("empty") << "" << ReplyMood::neutral;
    }

    void replyMood() {
        QFETCH(QString, reply);
        QFETCH(ReplyMood, mood);
        QCOMPARE(reply_mood(reply.toStdString()), mood);
    }

    // A reply that only says its sympathy or cheer meets any news of its kind.
    void moodFormulas() {
        QVERIFY(is_mood_formula("Oh, congratulations!"));
        QVERIFY(is_mood_formula("I'm so sorry to hear that."));
        QVERIFY(is_mood_formula("My condolences."));
        QVERIFY(is_mood_formula("Oh dear, that sounds terrible."));
        QVERIFY(!is_mood_formula("Wow, a real step up!"));  // a promotion's
        QVERIFY(!is_mood_formula("Wow! Great! Where?"));
        QVERIFY(is_mood_formula("Oh no! Are you OK?"));
        QVERIFY(!is_mood_formula("I'm sorry to hear that. Have you been looking for another job?"));
        QVERIFY(!is_mood_formula("Yes, it is."));  // no mood at all
        QVERIFY(!is_mood_formula(""));
    }

    void agreement() {
        QCOMPARE(mood_agreement(News::bad, ReplyMood::sympathy), 1);
        QCOMPARE(mood_agreement(News::good, ReplyMood::cheer), 1);
        QCOMPARE(mood_agreement(News::bad, ReplyMood::cheer), -1);
        QCOMPARE(mood_agreement(News::good, ReplyMood::sympathy), -1);
        QCOMPARE(mood_agreement(News::none, ReplyMood::cheer), 0);
        QCOMPARE(mood_agreement(News::bad, ReplyMood::neutral), 0);
    }
};

QTEST_GUILESS_MAIN(TestReplyMood)
#include "test_reply_mood.moc"
