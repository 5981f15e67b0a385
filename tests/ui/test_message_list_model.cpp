// MessageListModel under QAbstractItemModelTester (as KeePassXC tests its entry model): a long
// history shown from its end, earlier messages brought in, the streamed reply's row, the roles.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "ui/message_list_model.h"

using namespace attentive::ui;

namespace {

QVector<ChatMessage> conversation(int count) {
    QVector<ChatMessage> messages;
    for (int i = 0; i < count; ++i) {
        ChatMessage message;
        message.role = i % 2 ? QStringLiteral("bot") : QStringLiteral("user");
        message.text = QStringLiteral("message %1").arg(i);
        message.timestamp = QDateTime::currentDateTimeUtc();
        messages.append(message);
    }
    return messages;
}

}  // namespace

class TestMessageListModel : public QObject {
    Q_OBJECT
private slots:
    void longHistoryShowsItsEndAndGrowsUpwards() {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMessages(conversation(450));
        QCOMPARE(model.rowCount(), MessageListModel::kPageSize);
        QCOMPARE(model.firstShown(), 450 - MessageListModel::kPageSize);
        QCOMPARE(model.index(0).data(MessageListModel::MessageIndexRole).toInt(), 250);
        QCOMPARE(model.index(model.rowCount() - 1).data().toString(), QStringLiteral("message 449"));

        QCOMPARE(model.showEarlier(), MessageListModel::kPageSize);
        QCOMPARE(model.rowCount(), 400);
        QCOMPARE(model.showEarlier(), 50);  // only what is left
        QCOMPARE(model.showEarlier(), 0);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("message 0"));

        model.setMessages(conversation(450));
        const QModelIndex early = model.indexOfMessage(3);  // brought in on demand
        QCOMPARE(early.data().toString(), QStringLiteral("message 3"));
        QCOMPARE(early.data(MessageListModel::MessageIndexRole).toInt(), 3);
    }

    void streamingRowComesAndGoes() {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMessages(conversation(3));
        model.startStreaming();
        QCOMPARE(model.rowCount(), 4);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setStreamText(QStringLiteral("I am"));
        QCOMPARE(changed.count(), 1);
        const QModelIndex live = model.index(3);
        QVERIFY(live.data(MessageListModel::StreamingRole).toBool());
        QCOMPARE(live.data().toString(), QStringLiteral("I am"));
        QCOMPARE(live.data(MessageListModel::MessageIndexRole).toInt(), -1);
        QCOMPARE(live.data(MessageListModel::SenderRole).toString(), QStringLiteral("bot"));
        model.stopStreaming();
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(!model.isStreaming());
    }

    void versionsAndAttentionRoles() {
        MessageListModel model;
        QVector<ChatMessage> messages = conversation(2);
        ChatMessage newer = messages[1];
        newer.text = QStringLiteral("another answer");
        messages[1] = messages[1].followedBy(newer);
        messages[1].attention = AttentionMatrix{};
        model.setMessages(messages);
        const QModelIndex reply = model.index(1);
        QCOMPARE(reply.data(MessageListModel::VersionCountRole).toInt(), 2);
        QCOMPARE(reply.data(MessageListModel::VersionIndexRole).toInt(), 1);
        QVERIFY(reply.data(MessageListModel::HasAttentionRole).toBool());
        QVERIFY(!model.index(0).data(MessageListModel::HasAttentionRole).toBool());
        QCOMPARE(messages[1].withVersion(0).text, QStringLiteral("message 1"));
        QCOMPARE(messages[1].withVersion(0).withVersion(1).text, QStringLiteral("another answer"));
    }

    // A reply recalled from the training dialogues says so (the bubble's caption reads the
    // role) and names the message it answered in its tooltip; each version keeps its own.
    void recalledReplyRoles() {
        MessageListModel model;
        QVector<ChatMessage> messages = conversation(2);
        ChatMessage recalled = messages[1];
        recalled.text = QStringLiteral("I'm a teacher.");
        recalled.recalledFrom = QStringLiteral("What do you do for a living?");
        messages[1] = messages[1].followedBy(recalled);
        model.setMessages(messages);
        const QModelIndex reply = model.index(1);
        QCOMPARE(reply.data(MessageListModel::RecalledFromRole).toString(), QStringLiteral("What do you do for a living?"));
        QVERIFY(reply.data(Qt::ToolTipRole).toString().contains(QStringLiteral("“What do you do for a living?”")));
        QVERIFY(model.index(0).data(MessageListModel::RecalledFromRole).toString().isEmpty());
        QVERIFY(!model.index(0).data(Qt::ToolTipRole).isValid());
        // The model's own first version is not a recalled one; switching back and forth keeps each.
        QVERIFY(messages[1].withVersion(0).recalledFrom.isEmpty());
        QCOMPARE(messages[1].withVersion(0).withVersion(1).recalledFrom, QStringLiteral("What do you do for a living?"));
    }
};

QTEST_MAIN(TestMessageListModel)
#include "test_message_list_model.moc"
