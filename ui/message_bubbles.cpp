#include "ui/message_bubbles.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

#include "ui/chat_style.h"
#include "ui/chat_view.h"
#include "ui/message_list_model.h"

namespace attentive::ui {

namespace {
constexpr int SenderRole = MessageListModel::SenderRole;
constexpr int TimeRole = MessageListModel::TimeRole;
constexpr int StreamingRole = MessageListModel::StreamingRole;
constexpr int HasAttentionRole = MessageListModel::HasAttentionRole;
constexpr int MessageIndexRole = MessageListModel::MessageIndexRole;
constexpr int VersionIndexRole = MessageListModel::VersionIndexRole;
constexpr int VersionCountRole = MessageListModel::VersionCountRole;
constexpr int RecalledFromRole = MessageListModel::RecalledFromRole;
}  // namespace

qreal BubbleDelegate::bubbleTextWidth() const {
    const qreal available = m_view->viewport()->width() - 2 * kMarginX - 2 * kPadX;
    return std::max<qreal>(80, std::min<qreal>(available * 0.82, 620));
}

QFont BubbleDelegate::captionFont(const QFont& base) const {
    QFont font = base;
    font.setPointSizeF(std::max(7.0, base.pointSizeF() * 0.82));
    return font;
}

QString BubbleDelegate::displayText(const QModelIndex& index) const {
    const QString text = index.data(Qt::DisplayRole).toString();
    if (index.data(StreamingRole).toBool())
        return text.isEmpty() ? QStringLiteral("…") : text + QStringLiteral(" ▍");
    return text;
}

QSize BubbleDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const WrappedText wrapped = wrapText(displayText(index), option.font, bubbleTextWidth());
    const QFontMetrics caption(captionFont(option.font));
    const int height = caption.height() + 4 + int(std::ceil(wrapped.size.height())) + 2 * kPadY + kGap;
    return {m_view->viewport()->width(), height};
}

BubbleDelegate::Geometry BubbleDelegate::geometry(const QStyleOptionViewItem& option,
                                                  const QModelIndex& index, QTextLayout* layout) const {
    Geometry g;
    g.mine = index.data(SenderRole).toString() == QLatin1String("user");
    const bool streaming = index.data(StreamingRole).toBool();
    const WrappedText wrapped = wrapText(displayText(index), option.font, bubbleTextWidth(), layout);
    const QFontMetricsF metrics(captionFont(option.font));

    const QRect r = option.rect;
    const qreal bubbleWidth = std::ceil(wrapped.size.width()) + 2 * kPadX;
    const qreal bubbleHeight = std::ceil(wrapped.size.height()) + 2 * kPadY;
    const qreal top = r.top() + kGap / 2 + metrics.height() + 4;
    const qreal left = g.mine ? r.right() - kMarginX - bubbleWidth : r.left() + kMarginX;
    g.bubble = QRectF(left, top, bubbleWidth, bubbleHeight);

    // Caption: who and when, then the actions (after it for the bot, before it for you).
    g.who = g.mine ? ChatView::tr("You") : ChatView::tr("Bot");
    const QDateTime time = index.data(TimeRole).toDateTime();
    if (streaming)
        g.who += QStringLiteral(" · ") + ChatView::tr("writing…");
    else if (time.isValid())
        g.who += QStringLiteral(" · ") + shortWhen(time);
    if (!index.data(RecalledFromRole).toString().isEmpty())
        g.who += QStringLiteral(" · ") + ChatView::tr("from the dialogues");
    if (index.data(HasAttentionRole).toBool())
        g.who += QStringLiteral(" · ") + ChatView::tr("attention");
    const qreal captionTop = r.top() + kGap / 2;
    const qreal h = metrics.height();
    const qreal whoWidth = metrics.horizontalAdvance(g.who) + 2;
    g.caption = g.mine ? QRectF(g.bubble.right() - whoWidth, captionTop, whoWidth, h)
                       : QRectF(g.bubble.left() + 4, captionTop, whoWidth, h);
    if (streaming)
        return g;
    const int count = index.data(VersionCountRole).toInt();
    const int shown = index.data(VersionIndexRole).toInt();
    if (count > 1) g.counterText = QStringLiteral("%1/%2").arg(shown + 1).arg(count);
    const qreal gap = metrics.horizontalAdvance(QStringLiteral("   "));
    const qreal arrow = metrics.horizontalAdvance(QStringLiteral("‹")) + 8;
    const qreal counter = metrics.horizontalAdvance(g.counterText) + 6;
    const qreal copy = metrics.horizontalAdvance(ChatView::tr("Copy")) + 8;
    const qreal total = (count > 1 ? 2 * arrow + counter + gap : 0) + copy;
    qreal x = g.mine ? g.caption.left() - gap - total : g.caption.right() + gap;
    if (count > 1) {
        g.previous = QRectF(x, captionTop, arrow, h);
        g.counter = QRectF(x + arrow, captionTop, counter, h);
        g.next = QRectF(x + arrow + counter, captionTop, arrow, h);
        x += 2 * arrow + counter + gap;
    }
    g.copy = QRectF(x, captionTop, copy, h);
    return g;
}

void BubbleDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const {
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QPalette& pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    QTextLayout layout;
    const Geometry g = geometry(option, index, &layout);

    const QColor faint = mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45);
    const QColor link = pal.color(QPalette::Link);
    painter->setFont(captionFont(option.font));
    painter->setPen(faint);
    painter->drawText(g.caption, (g.mine ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, g.who);
    // Actions: links, so that they read as something to click.
    const int version = index.data(VersionIndexRole).toInt();
    const int versions = index.data(VersionCountRole).toInt();
    if (!g.counter.isNull()) {
        painter->setPen(version > 0 ? link : faint);
        painter->drawText(g.previous, Qt::AlignCenter, QStringLiteral("‹"));
        painter->setPen(faint);
        painter->drawText(g.counter, Qt::AlignCenter, g.counterText);
        painter->setPen(version + 1 < versions ? link : faint);
        painter->drawText(g.next, Qt::AlignCenter, QStringLiteral("›"));
    }
    if (!g.copy.isNull()) {
        painter->setPen(link);
        painter->drawText(g.copy, Qt::AlignCenter, ChatView::tr("Copy"));
    }

    // Bubble.
    const QColor accent = pal.color(QPalette::Highlight);
    const QColor fill = g.mine ? accent
                               : mix(pal.color(QPalette::Base), pal.color(QPalette::Text),
                                     isDark(pal) ? 0.12 : 0.07);
    QPainterPath path;
    path.addRoundedRect(g.bubble, kRadius, kRadius);
    painter->fillPath(path, fill);
    if (selected || option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(g.mine ? pal.color(QPalette::Text) : accent, 1.5));
        painter->drawPath(path);
    }

    painter->setPen(g.mine ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
    layout.draw(painter, g.bubble.topLeft() + QPointF(kPadX, kPadY));
    painter->restore();
}

BubbleDelegate::Action BubbleDelegate::actionAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                                                const QPoint& position) const {
    const Geometry g = geometry(option, index, nullptr);
    // A little slack around the links: they are small.
    const auto hit = [&](const QRectF& rect) { return !rect.isNull() && rect.adjusted(-3, -3, 3, 3).contains(position); };
    if (hit(g.copy)) return Action::Copy;
    if (hit(g.previous)) return Action::PreviousVersion;
    if (hit(g.next)) return Action::NextVersion;
    return Action::None;
}

bool BubbleDelegate::editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) {
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const int message = index.data(MessageIndexRole).toInt();
        const int version = index.data(VersionIndexRole).toInt();
        switch (actionAt(option, index, mouse->position().toPoint())) {
        case Action::Copy:
            emit copyRequested(message);
            return true;
        case Action::PreviousVersion:
            emit versionRequested(message, version - 1);
            return true;
        case Action::NextVersion:
            emit versionRequested(message, version + 1);
            return true;
        case Action::None:
            break;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

void MessageListView::paintEvent(QPaintEvent* event) {
    QListView::paintEvent(event);
    if (model() && model()->rowCount() == 0 && !placeholder.isEmpty()) {
        QPainter p(viewport());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(40, 40, -40, -40),
                   Qt::AlignCenter | Qt::TextWordWrap, placeholder);
    }
}

void MessageListView::resizeEvent(QResizeEvent* event) {
    QListView::resizeEvent(event);
    // Bubble heights depend on the width.
    scheduleDelayedItemsLayout();
}

}  // namespace attentive::ui
