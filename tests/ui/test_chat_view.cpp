// ChatView over a real EngineService and tiny random models: send → streamed reply → history
// saved → a new view on a new store restores it; Shift+Enter, stop, regenerate, edit and re-ask,
// translation mode, the notice when no model is loaded, and the conversation panel.

#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "support/test_models.h"
#include "ui/chat_view.h"
#include "ui/conversation_store.h"
#include "ui/engine_service.h"

using namespace attentive::ui;

namespace {

constexpr int kTimeout = 60000;

DecodeSettings shortGreedy() {
    DecodeSettings settings;
    settings.strategy = QStringLiteral("greedy");
    return settings;
}

}  // namespace

class TestChatView : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_models;
    QString m_chatModel;
    QString m_translateModel;

    bool load(EngineService& service, const QString& role, const QString& dir) {
        QSignalSpy loaded(&service, &EngineService::modelLoaded);
        service.loadModel(role, dir, 1);
        return loaded.wait(kTimeout) || loaded.count() == 1;
    }

    // Sends `text` and waits for the reply; returns the replyFinished arguments.
    QList<QVariant> sendAndWait(ChatView& view, const QString& text) {
        QSignalSpy finished(&view, &ChatView::replyFinished);
        view.send(text);
        if (!finished.wait(kTimeout) && finished.isEmpty())
            return {};
        return finished.takeFirst();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_models.isValid());
        attentive::ModelConfig chat = attentive::testing::tiny_config();
        chat.task = attentive::Task::chat;
        chat.sep_id = 4;
        m_chatModel = m_models.filePath(QStringLiteral("chat"));
        attentive::testing::write_random_model(m_chatModel.toStdString(), chat, 11);
        m_translateModel = m_models.filePath(QStringLiteral("translate"));
        attentive::testing::write_random_model(m_translateModel.toStdString(),
                                               attentive::testing::tiny_config(), 12);
    }

    void sendStreamsReplySavesAndRestores() {
        QTemporaryDir storeDir;
        QString conversationId;
        QString replyText;
        {
            EngineService service;
            ConversationStore store(storeDir.path());
            store.load();
            ChatView view(&service, &store);
            view.setDecodeSettings(shortGreedy());
            view.resize(800, 500);
            view.show();
            QVERIFY(load(service, QStringLiteral("chat"), m_chatModel));

            QSignalSpy started(&view, &ChatView::attentionStarted);
            QSignalSpy steps(&view, &ChatView::stepAttention);
            QSignalSpy attention(&view, &ChatView::currentAttentionChanged);
            QSignalSpy finished(&view, &ChatView::replyFinished);
            QSignalSpy busy(&view, &ChatView::busyChanged);

            auto* composer = view.findChild<QPlainTextEdit*>(QStringLiteral("composer"));
            QVERIFY(composer);
            composer->setFocus();
            QTest::keyClicks(composer, QStringLiteral("hello there"));
            QTest::keyClick(composer, Qt::Key_Return);
            QVERIFY(view.isBusy());
            QVERIFY(composer->toPlainText().isEmpty());
            auto* stopButton = view.findChild<QPushButton*>(QStringLiteral("stopButton"));
            QVERIFY(stopButton && stopButton->isVisible());

            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
            QVERIFY(!view.isBusy());
            QVERIFY(!stopButton->isVisible());
            QCOMPARE(busy.first().at(0).toBool(), true);
            QCOMPARE(busy.last().at(0).toBool(), false);

            // Streaming: the source announced once, then one attention row per step.
            QCOMPARE(started.count(), 1);
            const QStringList sourcePieces = started.first().at(0).toStringList();
            QVERIFY(!sourcePieces.isEmpty());
            QVERIFY(steps.count() >= 1);
            for (const QList<QVariant>& step : std::as_const(steps))
                QCOMPARE(step.at(2).value<QVector<float>>().size(), sourcePieces.size());

            conversationId = view.currentConversation();
            QVERIFY(!conversationId.isEmpty());
            const Conversation c = *store.conversation(conversationId);
            QCOMPARE(c.title, QStringLiteral("hello there"));
            QCOMPARE(c.mode, QStringLiteral("chat"));
            replyText = finished.first().at(1).toString();
            QCOMPARE(c.messages.size(), replyText.isEmpty() ? 1 : 2);
            QCOMPARE(c.messages[0].role, QStringLiteral("user"));
            QCOMPARE(c.messages[0].text, QStringLiteral("hello there"));
            if (!replyText.isEmpty()) {
                QCOMPARE(c.messages[1].role, QStringLiteral("bot"));
                QCOMPARE(c.messages[1].text, replyText);
                QVERIFY(c.messages[1].attention);
                QCOMPARE(c.messages[1].attention->sourcePieces.size(), sourcePieces.size());
                QVERIFY(!attention.isEmpty());
                // Shown again when the chat page comes back (the heatmap is shared with the
                // translate page): the reply's matrix.
                const qsizetype shown = attention.count();
                view.showCurrentAttention();
                QCOMPARE(attention.count(), shown + 1);
                const auto again = qvariant_cast<AttentionMatrix>(attention.last().at(0));
                QCOMPARE(again.targetPieces, c.messages[1].attention->targetPieces);
                QCOMPARE(again.sourcePieces, c.messages[1].attention->sourcePieces);
            }
        }
        // A new store and a new view (as after a restart) show the same conversation.
        EngineService service;
        ConversationStore store(storeDir.path());
        QVERIFY(store.load().isEmpty());
        ChatView view(&service, &store);
        QCOMPARE(view.currentConversation(), conversationId);
        auto* list = view.findChild<QListView*>(QStringLiteral("messageList"));
        QVERIFY(list);
        QCOMPARE(list->model()->rowCount(), replyText.isEmpty() ? 1 : 2);
        QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("hello there"));
        if (!replyText.isEmpty())
            QCOMPARE(list->model()->index(1, 0).data().toString(), replyText);
        auto* conversations = view.findChild<QListWidget*>(QStringLiteral("conversationList"));
        QCOMPARE(conversations->count(), 1);
    }

    void shiftEnterAddsALine() {
        QTemporaryDir storeDir;
        ConversationStore store(storeDir.path());
        ChatView view(nullptr, &store);
        view.show();
        auto* composer = view.findChild<QPlainTextEdit*>(QStringLiteral("composer"));
        QTest::keyClicks(composer, QStringLiteral("one"));
        QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(composer, QStringLiteral("two"));
        QCOMPARE(composer->toPlainText(), QStringLiteral("one\ntwo"));
        QCOMPARE(store.count(), 0);
    }

    void noModelGivesAClearNotice() {
        QTemporaryDir storeDir;
        EngineService service;
        ConversationStore store(storeDir.path());
        ChatView view(&service, &store);
        view.show();
        view.setModelMissing(QStringLiteral("chat"));
        QVERIFY(view.noticeText().contains(QStringLiteral("No chat model")));
        view.send(QStringLiteral("anyone there?"));
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
        QVERIFY2(view.noticeText().contains(QStringLiteral("could not answer")),
                 qPrintable(view.noticeText()));
        // The question is kept, so nothing typed is lost.
        QCOMPARE(store.conversation(view.currentConversation())->messages.size(), 1);
        // Loading a model takes the model notice down.
        QVERIFY(load(service, QStringLiteral("chat"), m_chatModel));
        view.setModelMissing(QStringLiteral("chat"));
        QVERIFY(!view.noticeText().isEmpty());
        view.setModelInfo(QStringLiteral("chat"), ModelInfo{});
        QVERIFY(view.noticeText().isEmpty());
    }

    void stopLeavesNothingRunning() {
        QTemporaryDir storeDir;
        EngineService service;
        ConversationStore store(storeDir.path());
        ChatView view(&service, &store);
        QVERIFY(load(service, QStringLiteral("chat"), m_chatModel));
        QSignalSpy busy(&view, &ChatView::busyChanged);
        view.send(QStringLiteral("tell me a long story"));
        QVERIFY(view.isBusy());
        view.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!service.isBusy(), kTimeout);
        QCOMPARE(busy.last().at(0).toBool(), false);
        // The question stays; a partial reply (if any came) is kept after it.
        const Conversation c = *store.conversation(view.currentConversation());
        QVERIFY(c.messages.size() >= 1);
        QCOMPARE(c.messages[0].text, QStringLiteral("tell me a long story"));
    }

    void regenerateAndEditReplaceTheTail() {
        QTemporaryDir storeDir;
        EngineService service;
        ConversationStore store(storeDir.path());
        ChatView view(&service, &store);
        DecodeSettings sample;
        sample.strategy = QStringLiteral("sample");
        sample.seed = 5;
        view.setDecodeSettings(sample);
        QVERIFY(load(service, QStringLiteral("chat"), m_chatModel));
        QVERIFY(!sendAndWait(view, QStringLiteral("first question")).isEmpty());
        QVERIFY(!sendAndWait(view, QStringLiteral("second question")).isEmpty());
        const QString id = view.currentConversation();
        const int before = int(store.conversation(id)->messages.size());
        QVERIFY(before >= 2);

        QSignalSpy finished(&view, &ChatView::replyFinished);
        view.regenerate();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
        Conversation c = *store.conversation(id);
        QCOMPARE(c.messages.size(), before);  // the last reply replaced, not added
        QCOMPARE(c.messages[2].text, QStringLiteral("second question"));

        view.editAndResend(0, QStringLiteral("a better first question"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeout);
        c = *store.conversation(id);
        QCOMPARE(c.messages[0].text, QStringLiteral("a better first question"));
        QVERIFY(c.messages.size() <= 2);  // everything after the edited message is gone
    }

    void translationModeTranslates() {
        QTemporaryDir storeDir;
        EngineService service;
        ConversationStore store(storeDir.path());
        ChatView view(&service, &store);
        view.setDecodeSettings(shortGreedy());
        QVERIFY(load(service, QStringLiteral("translate"), m_translateModel));
        const QString id = view.newConversation(QStringLiteral("en-fr"));
        QVERIFY(store.conversation(id)->isTranslation());
        QSignalSpy started(&view, &ChatView::attentionStarted);
        const QList<QVariant> reply = sendAndWait(view, QStringLiteral("A cat sat. The dog ran."));
        QVERIFY(!reply.isEmpty());
        QCOMPARE(reply.at(0).toString(), id);
        // The heatmap follows one sentence at a time while streaming.
        QVERIFY2(started.count() >= 1 && started.count() <= 2, qPrintable(QString::number(started.count())));
        const Conversation c = *store.conversation(id);
        QCOMPARE(c.mode, QStringLiteral("en-fr"));
        if (c.messages.size() == 2 && c.messages[1].attention) {
            // Both sentences in one block-diagonal matrix.
            const AttentionMatrix& a = *c.messages[1].attention;
            QCOMPARE(a.weights.size(), a.targetPieces.size());
            for (const QVector<float>& row : a.weights)
                QCOMPARE(row.size(), a.sourcePieces.size());
        }
    }

    void conversationPanel() {
        QTemporaryDir storeDir;
        ConversationStore store(storeDir.path());
        ChatView view(nullptr, &store);
        auto* list = view.findChild<QListWidget*>(QStringLiteral("conversationList"));
        auto* search = view.findChild<QLineEdit*>(QStringLiteral("conversationSearch"));
        QVERIFY(list && search);
        const QString a = view.newConversation();
        view.renameConversation(a, QStringLiteral("Holiday plans"));
        const QString b = view.newConversation();
        view.renameConversation(b, QStringLiteral("Groceries"));
        QCOMPARE(list->count(), 2);
        QCOMPARE(view.currentConversation(), b);

        search->setText(QStringLiteral("holi"));
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("Holiday plans"));
        search->clear();
        QCOMPARE(list->count(), 2);

        // Renaming in place goes through the store.
        list->item(0)->setText(QStringLiteral("Shopping"));
        QTRY_COMPARE(store.conversation(b)->title, QStringLiteral("Shopping"));

        QVERIFY(view.deleteConversation(b, false));
        QCOMPARE(list->count(), 1);
        QCOMPARE(view.currentConversation(), a);
        QVERIFY(!store.contains(b));
    }
};

QTEST_MAIN(TestChatView)
#include "test_chat_view.moc"
