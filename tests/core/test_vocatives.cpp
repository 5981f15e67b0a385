// Chat replies lose the vocatives that call the user by a name the conversation never gave
// ("Thanks, Jim."), and keep names the user gave and names used otherwise.

#include <QtTest>

#include "core/text/vocatives.h"

using namespace attentive;

class TestVocatives : public QObject {
    Q_OBJECT

private slots:
    void dropsUnknownVocatives_data() {
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("after a comma") << "Thanks, Jim. I didn't think guys noticed." << "You look terrific."
                                       << "Thanks. I didn't think guys noticed.";
        QTest::newRow("clause end") << "I'm worried, Tom. It is late." << "We are stuck." << "I'm worried. It is late.";
        QTest::newRow("title and name") << "Good morning, Mr. Thomas, it is nice to see you."
                                        << "Good morning!" << "Good morning, it is nice to see you.";
        QTest::newRow("ellipsis") << "Let's see, Mr. Horn... The schedule is full." << "I need a doctor."
                                  << "Let's see... The schedule is full.";
        QTest::newRow("sentence start") << "Okay. Kate, come here!" << "Where are you?" << "Okay. Come here!";
        QTest::newRow("reply start") << "Kate, come here!" << "Where are you?" << "Come here!";
        QTest::newRow("after a greeting") << "Hi Kate! How are you?" << "Hello!" << "Hi! How are you?";
        QTest::newRow("name the user gave") << "Nice to meet you, Anna." << "Hi, I'm Anna." << "Nice to meet you, Anna.";
        QTest::newRow("name used otherwise") << "I saw Kate yesterday." << "Any news?" << "I saw Kate yesterday.";
        QTest::newRow("no name") << "Yes, sir. Did you call the airline?" << "Our flight got cancelled."
                                 << "Yes, sir. Did you call the airline?";
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

QTEST_GUILESS_MAIN(TestVocatives)
#include "test_vocatives.moc"
