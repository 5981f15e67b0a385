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
#include <QTest>

#include "support/test_models.h"
#include "ui/attention_board.h"
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
        chat.name = "tiny-chat";
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
            AttentionBoard board(&service);
            board.setCurrentPage(AttentionBoard::Page::Chat);
            ChatView view(&service, &store, &board);
            view.setDecodeSettings(shortGreedy());
            view.resize(800, 500);
            view.show();
            QVERIFY(load(service, QStringLiteral("chat"), m_chatModel));

            QSignalSpy shownSpy(&board, &AttentionBoard::matrixShown);
            QSignalSpy steps(&board, &AttentionBoard::rowAdded);
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

            // Streaming: the new conversation's map starts empty, the engine's source pieces
            // come next, then one attention row per step over exactly those pieces.
            QVERIFY(shownSpy.count() >= 2);
            qsizetype firstWithSource = 0;
            while (firstWithSource < shownSpy.count() &&
                   qvariant_cast<AttentionMatrix>(shownSpy.at(firstWithSource).at(0)).sourcePieces.isEmpty())
                ++firstWithSource;
            QVERIFY(firstWithSource >= 1 && firstWithSource < shownSpy.count());
            QVERIFY(qvariant_cast<AttentionMatrix>(shownSpy.at(firstWithSource - 1).at(0)).weights.isEmpty());
            const QStringList sourcePieces =
                qvariant_cast<AttentionMatrix>(shownSpy.at(firstWithSource).at(0)).sourcePieces;
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
                QCOMPARE(board.shown().matrix.targetPieces, c.messages[1].attention->targetPieces);
                // Shown again when the chat page comes back (the heatmap is shared with the
                // translate page): the reply's matrix, and nothing of the translate page's.
                board.setCurrentPage(AttentionBoard::Page::Translate);
                QVERIFY(qvariant_cast<AttentionMatrix>(shownSpy.last().at(0)).weights.isEmpty());
                board.setCurrentPage(AttentionBoard::Page::Chat);
                const auto again = qvariant_cast<AttentionMatrix>(shownSpy.last().at(0));
                QCOMPARE(again.targetPieces, c.messages[1].attention->targetPieces);
                QCOMPARE(again.sourcePieces, c.messages[1].attention->sourcePieces);
                // A new conversation shows an empty map, not the previous one's.
                const QString previous = view.currentConversation();
                const QString fresh = view.newConversation(QStringLiteral("chat"));
                QVERIFY(qvariant_cast<AttentionMatrix>(shownSpy.last().at(0)).weights.isEmpty());
                QVERIFY(board.shown().matrix.weights.isEmpty());
                QVERIFY(view.deleteConversation(fresh, false));
                view.selectConversation(previous);
                QCOMPARE(board.shown().matrix.targetPieces, c.messages[1].attention->targetPieces);
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

    // With the shipped chat model a recalled reply wins most questions; Regenerate must still
    // bring another reply each time (it won again and again before the earlier ones stepped
    // aside), and a recalled reply says so beside the message.
    void regenerateNeverRepeatsAReply() {
        const QString shipped = QStringLiteral(ATTENTIVE_SOURCE_DIR "/models/chat-en");
        if (!QFileInfo::exists(shipped + QStringLiteral("/replies.tsv"))) QSKIP("the chat model has no reply memory");
        QTemporaryDir storeDir;
        EngineService service;
        ConversationStore store(storeDir.path());
        ChatView view(&service, &store);
        DecodeSettings seeded;
        seeded.seed = 3;
        view.setDecodeSettings(seeded);
        QVERIFY(load(service, QStringLiteral("chat"), shipped));
        QVERIFY(!sendAndWait(view, QStringLiteral("Can I pay by credit card?")).isEmpty());
        const QString id = view.currentConversation();
        QVERIFY(!store.conversation(id)->messages.last().recalledFrom.isEmpty());
        for (int again = 0; again < 2; ++again) {
            QSignalSpy finished(&view, &ChatView::replyFinished);
            view.regenerate();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
        }
        const ChatMessage reply = store.conversation(id)->messages.last();
        QCOMPARE(reply.versionCount(), 3);
        QSet<QString> texts;
        for (int v = 0; v < 3; ++v) texts.insert(reply.withVersion(v).text);
        QCOMPARE(texts.size(), 3);
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
        // ... and kept: ‹ 1/2 › switches between the two, the chosen one is what is saved.
        const ChatMessage firstVersion = c.messages.last().withVersion(0);
        QCOMPARE(c.messages.last().versionCount(), 2);
        QCOMPARE(c.messages.last().versionIndex, 1);
        const QString newest = c.messages.last().text;
        view.showVersion(before - 1, 0);
        QCOMPARE(store.conversation(id)->messages.last().text, firstVersion.text);
        QCOMPARE(store.conversation(id)->messages.last().versionIndex, 0);
        {
            ConversationStore reloaded(storeDir.path());
            reloaded.load();
            const ChatMessage saved = reloaded.conversation(id)->messages.last();
            QCOMPARE(saved.versionCount(), 2);
            QCOMPARE(saved.text, firstVersion.text);
            QCOMPARE(saved.withVersion(1).text, newest);
        }
        view.showVersion(before - 1, 1);
        QCOMPARE(store.conversation(id)->messages.last().text, newest);
        // A regenerate stopped before it says anything gives the reply back as it was.
        view.setReadingPace(false);
        view.regenerate();
        view.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
        c = *store.conversation(id);
        QCOMPARE(c.messages.size(), before);
        QVERIFY(c.messages.last().versionCount() >= 2);

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
        AttentionBoard board(&service);
        board.setCurrentPage(AttentionBoard::Page::Chat);
        ChatView view(&service, &store, &board);
        view.setDecodeSettings(shortGreedy());
        QVERIFY(load(service, QStringLiteral("translate"), m_translateModel));
        QVERIFY(load(service, QStringLiteral("chat"), m_chatModel));
        const QString id = view.newConversation(QStringLiteral("en-fr"));
        QVERIFY(store.conversation(id)->isTranslation());
        QSignalSpy shown(&board, &AttentionBoard::matrixShown);
        const QList<QVariant> reply = sendAndWait(view, QStringLiteral("A cat sat. The dog ran."));
        QVERIFY(!reply.isEmpty());
        QCOMPARE(reply.at(0).toString(), id);
        // The heatmap follows one sentence at a time while streaming, every matrix consistent,
        // and names the model that translated (not the chat model).
        QVERIFY(shown.count() >= 2);
        for (const QList<QVariant>& emitted : std::as_const(shown)) {
            const auto matrix = qvariant_cast<AttentionMatrix>(emitted.at(0));
            QCOMPARE(matrix.targetPieces.size(), matrix.weights.size());
            for (const QVector<float>& row : matrix.weights) QCOMPARE(row.size(), matrix.sourcePieces.size());
        }
        QCOMPARE(board.shown().model, QStringLiteral("tiny-random"));  // the translator, not "tiny-chat"
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

    // Stop and supersede replies at many points, then reload: every conversation comes back
    // whole, and every saved attention has one row per label over exactly its source pieces.
    void stoppedRepliesSaveConsistentAttention() {
        QTemporaryDir storeDir;
        QStringList ids;
        {
            EngineService service;
            ConversationStore store(storeDir.path());
            AttentionBoard board(&service);
            ChatView view(&service, &store, &board);
            DecodeSettings sampled;
            sampled.strategy = QStringLiteral("sample");
            sampled.seed = 7;
            view.setDecodeSettings(sampled);
            QVERIFY(load(service, QStringLiteral("chat"), m_chatModel));
            QVERIFY(load(service, QStringLiteral("translate"), m_translateModel));
            for (int round = 0; round < 12; ++round) {
                if (round % 4 == 0)
                    ids.append(view.newConversation(round % 8 == 0 ? QStringLiteral("chat") : QStringLiteral("en-fr")));
                view.send(QStringLiteral("message %1: the red dog is in the small house. a cat.").arg(round));
                // Let a few steps through (a different number each round), then stop or supersede.
                QSignalSpy steps(&service, &EngineService::step);
                QTRY_VERIFY_WITH_TIMEOUT(steps.count() > round % 5 || !view.isBusy(), kTimeout);
                if (round % 2 == 0) {
                    view.stop();
                } else {
                    QSignalSpy finished(&view, &ChatView::replyFinished);
                    view.send(QStringLiteral("a newer message %1").arg(round));
                    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
                }
                QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
            }
        }
        ConversationStore reloaded(storeDir.path());
        QSignalSpy warnings(&reloaded, &ConversationStore::loadWarning);
        reloaded.load();
        QCOMPARE(warnings.count(), 0);
        int withAttention = 0;
        for (const QString& id : std::as_const(ids)) {
            const std::optional<Conversation> c = reloaded.conversation(id);
            QVERIFY2(c, qPrintable(QStringLiteral("conversation %1 was set aside").arg(id)));
            QVERIFY(c->messages.size() >= 3);
            for (const ChatMessage& message : c->messages) {
                if (!message.attention) continue;
                ++withAttention;
                const AttentionMatrix& a = *message.attention;
                QCOMPARE(a.targetPieces.size(), a.weights.size());
                QCOMPARE(a.sourceWordStart.size(), a.sourcePieces.size());
                for (const QVector<float>& row : a.weights) QCOMPARE(row.size(), a.sourcePieces.size());
            }
        }
        QVERIFY(withAttention > 0);
    }

    // A reply the model finishes at once still appears word by word; Stop shows the rest.
    void repliesAppearAtReadingPace() {
        QTemporaryDir storeDir;
        EngineService service;
        ConversationStore store(storeDir.path());
        ChatView view(&service, &store);
        view.setDecodeSettings(shortGreedy());
        QVERIFY(load(service, QStringLiteral("chat"), m_chatModel));
        // What the page shows at the moment the engine is done (the view's own slot runs first).
        QString full;
        QString shownWhenDone;
        bool busyWhenDone = false;
        connect(&service, &EngineService::finished, this, [&](quint64, const ResultData& result) {
            full = result.text;
            shownWhenDone = view.streamingText();
            busyWhenDone = view.isBusy();
        });
        QSignalSpy finished(&view, &ChatView::replyFinished);
        view.send(QStringLiteral("hello there, how are you today?"));
        QTRY_VERIFY_WITH_TIMEOUT(!full.isEmpty(), kTimeout);
        if (full.count(QLatin1Char(' ')) < 2)
            QSKIP("the tiny model answered in fewer than three words");
        // The engine is done, the page is still revealing: fewer words shown than written.
        QVERIFY(busyWhenDone);
        QVERIFY2(shownWhenDone.size() < full.size(), qPrintable(shownWhenDone + " | " + full));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
        QCOMPARE(finished.first().at(1).toString(), full.trimmed());
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
