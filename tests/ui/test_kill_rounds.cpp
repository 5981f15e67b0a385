// SIGKILL rounds (issue 18, section 1): the chat page is driven in a child process of this test
// (sends at random moments, Stop and supersede among them), killed with SIGKILL at a random
// moment, and its conversation folder reloaded here. Every message the child saw saved must be
// there, and no conversation may be set aside or repaired. The child writes "<id> <count>" to
// stdout after each save of a conversation (ConversationStore::conversationChanged follows
// the write). ATTENTIVE_KILL_ROUNDS sets the number of rounds (default 8).
#include <QApplication>
#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

#include "support/test_models.h"
#include "ui/chat_view.h"
#include "ui/conversation_store.h"
#include "ui/engine_service.h"

using namespace attentive::ui;

namespace {

constexpr char kChildStore[] = "ATTENTIVE_KILL_CHILD_STORE";
constexpr char kChildModel[] = "ATTENTIVE_KILL_CHILD_MODEL";

// The child: chats without end until it is killed.
int runChild(const QString& storeDir, const QString& modelDir) {
    EngineService service;
    ConversationStore store(storeDir);
    store.load();
    ChatView view(&service, &store);
    view.setReadingPace(false);
    DecodeSettings settings;
    settings.strategy = QStringLiteral("greedy");
    view.setDecodeSettings(settings);
    QObject::connect(&store, &ConversationStore::conversationChanged, [&](const QString& id) {
        const auto conversation = store.conversation(id);
        if (!conversation) return;
        std::printf("%s %d\n", qPrintable(id), int(conversation->messages.size()));
        std::fflush(stdout);
    });
    service.loadModel(QStringLiteral("chat"), modelDir, 1);
    QRandomGenerator random(quint32(QCoreApplication::applicationPid()));
    int sent = 0;
    QTimer act;
    act.setInterval(15);
    QObject::connect(&act, &QTimer::timeout, [&] {
        const quint32 dice = random.bounded(100);
        if (dice < 3) view.newConversation();
        else if (dice < 15 && view.isBusy()) view.stop();
        else if (dice < 35) view.send(QStringLiteral("message %1 how are you today").arg(++sent));  // supersedes a reply
    });
    act.start();
    return QCoreApplication::exec();
}

}  // namespace

class TestKillRounds : public QObject {
    Q_OBJECT

private slots:
    void killedWhileChattingLosesNothing() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        attentive::ModelConfig chat = attentive::testing::tiny_config();
        chat.task = attentive::Task::chat;
        chat.sep_id = 4;
        chat.name = "tiny-chat";
        const QString model = dir.filePath(QStringLiteral("chat"));
        attentive::testing::write_random_model(model.toStdString(), chat, 11);
        const QString storeDir = dir.filePath(QStringLiteral("conversations"));

        const int rounds = qEnvironmentVariableIsSet("ATTENTIVE_KILL_ROUNDS")
                               ? qEnvironmentVariableIntValue("ATTENTIVE_KILL_ROUNDS") : 8;
        QRandomGenerator random(20261203);
        int saves = 0, lost = 0, setAside = 0, warned = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess child;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(kChildStore, storeDir);
            environment.insert(kChildModel, model);
            child.setProcessEnvironment(environment);
            child.start(QCoreApplication::applicationFilePath(), {});
            QVERIFY(child.waitForStarted(10000));
            QTest::qWait(300 + int(random.bounded(1500)));
            child.kill();  // SIGKILL
            QVERIFY(child.waitForFinished(10000));

            QHash<QString, int> acknowledged;  // the last count each conversation was saved with
            for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
                const QList<QByteArray> words = line.split(' ');
                if (words.size() != 2) continue;  // a line cut by the kill
                acknowledged.insert(QString::fromUtf8(words[0]), words[1].toInt());
                ++saves;
            }
            ConversationStore reloaded(storeDir);
            const QStringList warnings = reloaded.load();
            warned += int(warnings.size());
            setAside += int(QDir(storeDir).entryList({QStringLiteral("*.corrupt*"), QStringLiteral("*.before-repair")},
                                                     QDir::Files).size());
            for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
                const auto conversation = reloaded.conversation(it.key());
                const int kept = conversation ? int(conversation->messages.size()) : 0;
                if (kept < it.value()) lost += it.value() - kept;
            }
        }
        ConversationStore last(storeDir);
        last.load();
        int messages = 0;
        for (const Conversation& conversation : last.conversations()) messages += int(conversation.messages.size());
        qInfo("%d rounds: %d saves seen, %d messages lost, %d files set aside or repaired, %d warnings; "
              "%d conversations, %d messages at the end",
              rounds, saves, lost, setAside, warned, last.count(), messages);
        QVERIFY(saves > 0);
        QCOMPARE(lost, 0);
        QCOMPARE(setAside, 0);
        QCOMPARE(warned, 0);
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(kChildStore))
        return runChild(qEnvironmentVariable(kChildStore), qEnvironmentVariable(kChildModel));
    TestKillRounds test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_kill_rounds.moc"
