#pragma once
// The chat page: conversations in a side panel (new, rename, delete, search), message bubbles,
// a reply that streams in word by word from EngineService::step, and a composer (Enter sends,
// Shift+Enter adds a line, Esc or Stop cancels). A conversation either chats with the chat model
// or translates whatever is typed (its mode is a pair like "en-fr"). Every message is saved by
// the ConversationStore the moment it is sent or received. Attention travels out through
// signals so the main window can feed the heatmap dock.

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

namespace attentive::ui {

class EngineService;
class MessageListModel;

class ChatView : public QWidget {
    Q_OBJECT
public:
    ChatView(EngineService* service, ConversationStore* store, QWidget* parent = nullptr);
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
    // How many earlier turns go to the chat model with the new one (the model keeps what it can).
    void setContextTurns(int turns) { m_contextTurns = turns; }

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
    // Shows message `index`'s attention in the heatmap (emits currentAttentionChanged).
    void showAttention(int index);
    // Shows again the attention this page showed last (the heatmap is shared with the translate
    // page): the reply being written, or the message last shown.
    void showCurrentAttention();
    void focusComposer();

signals:
    void currentAttentionChanged(const attentive::ui::AttentionMatrix& matrix);
    // Live attention of the reply being generated: a new source, then one row per step.
    void attentionStarted(const QStringList& sourcePieces, const QList<bool>& wordStart);
    void stepAttention(const QString& piece, bool wordStart, const QVector<float>& row);
    void replyFinished(const QString& conversationId, const QString& text, double seconds,
                       qint64 targetTokens);
    void statusMessage(const QString& message);
    void busyChanged(bool busy);

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
    AttentionMatrix liveAttention() const;
    // Emits currentAttentionChanged and remembers the matrix for showCurrentAttention().
    void announceAttention(const AttentionMatrix& matrix);
    static AttentionMatrix blockDiagonal(const QVector<AttentionMatrix>& parts);

    EngineService* m_service;
    ConversationStore* m_store;
    QString m_currentId;
    QString m_translationPair = QStringLiteral("en-fr");
    DecodeSettings m_settings;
    int m_contextTurns = 6;
    QHash<QString, ModelInfo> m_models;         // role -> loaded model
    QHash<QString, QString> m_missingModels;    // role -> why it is missing

    // The request in flight.
    quint64 m_requestId = 0;
    QString m_requestConversation;
    QString m_requestMode;
    int m_liveSentence = -1;                      // the sentence shown live in the heatmap
    QMap<int, QString> m_sentenceText;            // per sentence: text so far, then final
    QHash<int, AttentionMatrix> m_liveBySentence; // attention seen while streaming
    std::optional<AttentionMatrix> m_shownAttention;  // the matrix last sent to the heatmap
    QSet<int> m_doneSentences;
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
    QListView* m_messageView = nullptr;
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
