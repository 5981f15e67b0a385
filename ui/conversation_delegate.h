#pragma once
// Two lines per conversation in the chat page's side panel: the title, then its mode and when
// it was last used (set as kSubtitleRole).

#include <QStyledItemDelegate>

namespace attentive::ui {

class ConversationDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    static constexpr int kSubtitleRole = Qt::UserRole + 2;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace attentive::ui
