#pragma once
// The chat page's message list: rounded bubbles (yours on the right in the accent colour, the
// bot's on the left) drawn by BubbleDelegate, in a list view that shows a friendly text when
// the conversation is empty.

#include <QListView>
#include <QStyledItemDelegate>

class QTextLayout;

namespace attentive::ui {

class BubbleDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit BubbleDelegate(QListView* view) : QStyledItemDelegate(view), m_view(view) {}

    // The links in a message's caption: Copy, and ‹ › between the versions of a reply.
    enum class Action { None, Copy, PreviousVersion, NextVersion };
    Action actionAt(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& position) const;

    static constexpr int kPadX = 12;
    static constexpr int kPadY = 8;
    static constexpr int kMarginX = 14;
    static constexpr int kGap = 10;
    static constexpr qreal kRadius = 14;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

signals:
    void copyRequested(int messageIndex);
    void versionRequested(int messageIndex, int version);

private:
    // Where a message's parts are drawn, in view coordinates.
    struct Geometry {
        bool mine = false;
        QRectF bubble;
        QRectF caption;
        QString who;
        QString counterText;          // "2/3"
        QRectF previous, counter, next, copy;  // null when absent
    };
    Geometry geometry(const QStyleOptionViewItem& option, const QModelIndex& index, QTextLayout* layout) const;

    qreal bubbleTextWidth() const;
    QFont captionFont(const QFont& base) const;
    QString displayText(const QModelIndex& index) const;

    QListView* m_view;
};

class MessageListView : public QListView {
public:
    using QListView::QListView;
    QString placeholder;  // shown when there is no message

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
};

}  // namespace attentive::ui
