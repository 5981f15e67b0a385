#pragma once
// The chat page: conversations in a side panel (new, rename, delete, search), message bubbles,
// a reply that streams in word by word from EngineService::step, and a composer (Enter sends,
// Shift+Enter adds a line, Esc or Stop cancels). A conversation either chats with the chat model
// or translates whatever is typed (its mode is a pair like "en-fr"). Every message is saved by
// the ConversationStore the moment it is sent or received. Attention goes through the
// AttentionBoard: the page tells it which reply to follow and which message to show.

#include <optional>

#include <QHash>
#include <QMap>
#include <QSet>
#include <QPointer>
#include <QWidget>

#include "ui/conversation_store.h"
#include "ui/engine_types.h"

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QListWidgetItem;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QComboBox;
class QToolButton;
class QFrame;
class QTimer;

namespace attentive::ui {

class AttentionBoard;
class EngineService;
class MessageListModel;
class MessageListView;

class ChatView : public QWidget {
    Q_OBJECT
public:
    // board: where the page's attention goes (none: the page shows none).
    ChatView(EngineService* service, ConversationStore* store, AttentionBoard* board = nullptr,
             QWidget* parent = nullptr);
    ~ChatView() override;

    QString currentConversation() const { return m_currentId; }
    bool isBusy() const { return m_requestId != 0; }
    // The reply being streamed (empty when idle).
    QString streamingText() const;
    // What the banner says (empty when hidden), for tests and the status bar.
    QString noticeText() const;

    // The mode of conversations created with "New chat" / "New translation".
    void setTranslationPair(const QString& pair);  // e.g. "en-fr"
    void setDecodeSettings(const DecodeSettings& settings) { m_settings = settings; }
    // Replies appear word by word at a reading pace, however fast the model is (on by default).
    void setReadingPace(bool enabled);

public slots:
    // The main window tells what is loaded (also learnt from the service's own signals).
    void setModelInfo(const QString& role, const attentive::ui::ModelInfo& info);
    void setModelMissing(const QString& role, const QString& message = {});

    void selectConversation(const QString& id);
    QString newConversation(const QString& mode = QStringLiteral("chat"));
    void renameConversation(const QString& id, const QString& title);
    // Asks first unless confirm is false.
    bool deleteConversation(const QString& id, bool confirm = true);
    void exportConversation(const QString& id);

    // Sends `text` (the composer's text when empty) in the current conversation, creating one
    // when there is none.
    void send(const QString& text = {});
    void stop();
    void regenerate();
    // Puts message `index` in the composer; sending replaces it and everything after it.
    void beginEdit(int index);
    void cancelEdit();
    // Replaces message `index` (a user message) with `text`, drops what followed and asks again.
    void editAndResend(int index, const QString& text);
    void copyMessage(int index);
    // Shows message `index`'s attention in the heatmap.
    void showAttention(int index);
    // Makes version `version` (0-based) of reply `index` the one shown, saved and sent on.
    void showVersion(int index, int version);
    void focusComposer();

signals:
    void replyFinished(const QString& conversationId, const QString& text, double seconds,
                       qint64 targetTokens);
    void statusMessage(const QString& message);
    void busyChanged(bool busy);
    void currentConversationChanged(const QString& id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    void connectService();
    void connectStore();
    void refreshList();
    void refreshMessages();
    void refreshHeader();
    void ask();
    void setBusy(bool busy);
    void showNotice(const QString& text, bool error, bool retry = false);
    void hideNotice();
    void updateModelNotice();
    void finishRequest(const ResultData& result);
    void keepPartialReply();
    void showMessageMenu(const QPoint& pos);
    void showConversationMenu(const QPoint& pos);
    void scrollToBottomIfFollowing(bool force = false);
    QString roleFor(const QString& mode) const;
    void resetStream();
    void updateStreamText();
    void revealNextWord();
    // Shows the rest of a finished reply at once and keeps it.
    void finishRevealNow();
    // What an empty conversation of `mode` says: what the bot (or the translator) is and does.
    QString emptyConversationText(const QString& mode) const;
    // The name of the model that answers in a conversation of `mode`.
    QString modelNameFor(const QString& mode) const;
    void showInBoard(const QString& conversation, const AttentionMatrix& matrix, const QString& mode);

    EngineService* m_service;
    ConversationStore* m_store;
    AttentionBoard* m_board;
    QString m_currentId;
    QString m_translationPair = QStringLiteral("en-fr");
    DecodeSettings m_settings;
    QHash<QString, ModelInfo> m_models;         // role -> loaded model
    QHash<QString, QString> m_missingModels;    // role -> why it is missing

    // The request in flight.
    quint64 m_requestId = 0;
    QString m_requestConversation;
    QString m_requestMode;
    QMap<int, QString> m_sentenceText;            // per sentence: text so far, then final
    std::optional<ChatMessage> m_replacedReply;   // the reply Regenerate is replacing
    bool m_readingPace = true;
    int m_revealedWords = 0;                      // words of the reply shown so far
    QTimer* m_revealTimer = nullptr;
    std::optional<ResultData> m_pendingResult;    // finished, still being revealed
    QString m_streamText;                         // what is shown of the reply so far
    int m_editIndex = -1;
    bool m_updatingList = false;
    bool m_followBottom = true;

    // Widgets
    QLineEdit* m_search = nullptr;
    QListWidget* m_conversationList = nullptr;
    QToolButton* m_newButton = nullptr;
    QLabel* m_titleLabel = nullptr;
    QComboBox* m_modeCombo = nullptr;
    QToolButton* m_exportButton = nullptr;
    MessageListView* m_messageView = nullptr;
    MessageListModel* m_messages = nullptr;
    QFrame* m_notice = nullptr;
    QLabel* m_noticeLabel = nullptr;
    QPushButton* m_retryButton = nullptr;
    QLabel* m_editBar = nullptr;
    QPlainTextEdit* m_composer = nullptr;
    QPushButton* m_sendButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QToolButton* m_regenerateButton = nullptr;
};

}  // namespace attentive::ui
