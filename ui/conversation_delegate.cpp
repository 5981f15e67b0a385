#include "ui/conversation_delegate.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

#include "ui/chat_style.h"

namespace attentive::ui {

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(option.font);
    size.setHeight(fm.height() * 2 + 14);
    return size;
}

void ConversationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QPalette& pal = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const bool hovered = opt.state & QStyle::State_MouseOver;
    const QRectF box = QRectF(opt.rect).adjusted(4, 2, -4, -2);
    if (selected || hovered) {
        QPainterPath path;
        path.addRoundedRect(box, 8, 8);
        QColor fill = selected ? pal.color(QPalette::Highlight)
                               : mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.06);
        painter->fillPath(path, fill);
    }
    const QColor text = selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
    const QFontMetrics fm(opt.font);
    const QRectF inner = box.adjusted(10, 5, -10, -5);
    QFont titleFont = opt.font;
    titleFont.setWeight(QFont::DemiBold);
    painter->setFont(titleFont);
    painter->setPen(text);
    const QString title = QFontMetrics(titleFont).elidedText(
        index.data(Qt::DisplayRole).toString(), Qt::ElideRight, int(inner.width()));
    painter->drawText(QRectF(inner.left(), inner.top(), inner.width(), fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, title);
    QFont small = opt.font;
    small.setPointSizeF(std::max(7.0, opt.font.pointSizeF() * 0.85));
    painter->setFont(small);
    painter->setPen(selected ? text : mix(text, pal.color(QPalette::Base), 0.45));
    const QString subtitle = QFontMetrics(small).elidedText(index.data(kSubtitleRole).toString(),
                                                            Qt::ElideRight, int(inner.width()));
    painter->drawText(QRectF(inner.left(), inner.top() + fm.height(), inner.width(), fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, subtitle);
    painter->restore();
}

}  // namespace attentive::ui
