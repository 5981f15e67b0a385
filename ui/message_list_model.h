#pragma once
// The messages of the chat page's current conversation, plus the reply being streamed. A long
// history is shown from its end: only the latest messages are rows at first (laying out every
// bubble of a 300,000-message conversation would freeze the window), and showEarlier() brings
// earlier ones in as the reader scrolls up. Rows and message indexes differ by firstShown().

#include <QAbstractListModel>
#include <QString>
#include <QVector>

#include "ui/conversation_store.h"

namespace attentive::ui {

class MessageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        SenderRole = Qt::UserRole + 1,  // "user" | "bot"
        TimeRole,
        StreamingRole,
        HasAttentionRole,
        MessageIndexRole,               // the message's index in the conversation (-1: streaming)
        VersionIndexRole,               // which of a reply's versions is shown (0-based)
        VersionCountRole,               // how many versions the reply has (1 for most)
        RecalledFromRole,               // a recalled reply: the training message it answered; else ""
    };
    // Messages shown at first, and brought in at a time by showEarlier().
    static constexpr int kPageSize = 200;

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    // Shows the last kPageSize of `messages` (and ends any streaming).
    void setMessages(const QVector<ChatMessage>& messages);
    const QVector<ChatMessage>& messages() const { return m_messages; }
    // Index of the first message shown; messages before it are not rows yet.
    int firstShown() const { return m_first; }
    // Adds up to `count` earlier messages at the top; returns how many were added.
    int showEarlier(int count = kPageSize);
    // The row of message `messageIndex`, brought in first when it is not shown yet.
    QModelIndex indexOfMessage(int messageIndex);

    void startStreaming();
    void setStreamText(const QString& text);
    void stopStreaming();
    bool isStreaming() const { return m_streaming; }
    QString streamText() const { return m_streamText; }

private:
    QVector<ChatMessage> m_messages;
    int m_first = 0;
    bool m_streaming = false;
    QString m_streamText;
};

}  // namespace attentive::ui
