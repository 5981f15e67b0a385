#include "ui/message_list_model.h"

#include <QDateTime>

#include <algorithm>

namespace attentive::ui {

int MessageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_messages.size()) - m_first + (m_streaming ? 1 : 0);
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() != 0) return {};
    const int messageIndex = m_first + index.row();
    const bool streamingRow = m_streaming && messageIndex == m_messages.size();
    const ChatMessage* m = streamingRow ? nullptr : &m_messages[messageIndex];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return streamingRow ? m_streamText : m->text;
    case SenderRole:
        return streamingRow ? QStringLiteral("bot") : m->role;
    case TimeRole:
        return streamingRow ? QDateTime::currentDateTimeUtc() : m->timestamp;
    case StreamingRole:
        return streamingRow;
    case HasAttentionRole:
        return !streamingRow && m->attention.has_value();
    case MessageIndexRole:
        return streamingRow ? -1 : messageIndex;
    case VersionIndexRole:
        return streamingRow ? 0 : m->versionIndex;
    case VersionCountRole:
        return streamingRow ? 1 : m->versionCount();
    case RecalledFromRole:
        return streamingRow ? QString() : m->recalledFrom;
    case Qt::ToolTipRole:
        if (streamingRow || m->recalledFrom.isEmpty()) return {};
        return tr("A reply people gave to “%1” in the training dialogues (DailyDialog), "
                  "chosen and read by the model as the best answer to your message.")
            .arg(m->recalledFrom);
    case Qt::AccessibleDescriptionRole:
        return (streamingRow || m->role == QLatin1String("bot")) ? tr("Bot") : tr("You");
    default:
        return {};
    }
}

void MessageListModel::setMessages(const QVector<ChatMessage>& messages) {
    beginResetModel();
    m_messages = messages;
    m_first = std::max(0, int(m_messages.size()) - kPageSize);
    m_streaming = false;
    m_streamText.clear();
    endResetModel();
}

int MessageListModel::showEarlier(int count) {
    const int added = std::clamp(count, 0, m_first);
    if (added == 0) return 0;
    beginInsertRows({}, 0, added - 1);
    m_first -= added;
    endInsertRows();
    return added;
}

QModelIndex MessageListModel::indexOfMessage(int messageIndex) {
    if (messageIndex < 0 || messageIndex >= m_messages.size()) return {};
    if (messageIndex < m_first) showEarlier(m_first - messageIndex);
    return index(messageIndex - m_first);
}

void MessageListModel::startStreaming() {
    if (m_streaming) return;
    const int row = int(m_messages.size()) - m_first;
    beginInsertRows({}, row, row);
    m_streaming = true;
    m_streamText.clear();
    endInsertRows();
}

void MessageListModel::setStreamText(const QString& text) {
    if (!m_streaming) return;
    m_streamText = text;
    const QModelIndex row = index(int(m_messages.size()) - m_first);
    emit dataChanged(row, row);
}

void MessageListModel::stopStreaming() {
    if (!m_streaming) return;
    const int row = int(m_messages.size()) - m_first;
    beginRemoveRows({}, row, row);
    m_streaming = false;
    m_streamText.clear();
    endRemoveRows();
}

}  // namespace attentive::ui
