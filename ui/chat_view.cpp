#include "ui/chat_view.h"

#include <QAbstractListModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QComboBox>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/engine_service.h"

namespace attentive::ui {

namespace {

enum MessageRole {
    SenderRole = Qt::UserRole + 1,  // "user" | "bot"
    TimeRole,
    StreamingRole,
    HasAttentionRole,
};

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QString pairLabel(const QString& mode) {
    const QStringList pair = mode.split(QLatin1Char('-'));
    if (pair.size() == 2)
        return ChatView::tr("Translate %1 → %2").arg(pair[0], pair[1]);
    return mode;
}

// Wraps like a chat client: at word boundaries, inside a word only when it is wider than a line.
struct WrappedText {
    QSizeF size;
    qreal lineHeight = 0;
};

WrappedText wrapText(const QString& text, const QFont& font, qreal width, QTextLayout* out = nullptr) {
    QString shown = text;
    shown.replace(QLatin1Char('\n'), QChar::LineSeparator);
    QTextLayout local;
    QTextLayout& layout = out ? *out : local;
    layout.setText(shown);
    layout.setFont(font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    WrappedText result;
    qreal y = 0;
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
        result.lineHeight = line.height();
        result.size.setWidth(std::max(result.size.width(), line.naturalTextWidth()));
    }
    layout.endLayout();
    result.size.setHeight(y);
    return result;
}

// Today: the time; this year: day and month; older: with the year.
QString shortWhen(const QDateTime& utc) {
    const QDateTime local = utc.toLocalTime();
    const QDate today = QDate::currentDate();
    if (local.date() == today)
        return local.toString(QStringLiteral("HH:mm"));
    if (local.date().year() == today.year())
        return QLocale().toString(local.date(), QStringLiteral("d MMM"));
    return QLocale().toString(local.date(), QStringLiteral("d MMM yyyy"));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Messages of the current conversation, plus the reply being streamed

class MessageListModel : public QAbstractListModel {
public:
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : int(m_messages.size()) + (m_streaming ? 1 : 0);
    }

    QVariant data(const QModelIndex& index, int role) const override {
        if (!index.isValid() || index.row() >= rowCount())
            return {};
        const bool streamingRow = m_streaming && index.row() == m_messages.size();
        const ChatMessage* m = streamingRow ? nullptr : &m_messages[index.row()];
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
        case Qt::AccessibleDescriptionRole:
            return (streamingRow || m->role == QLatin1String("bot")) ? ChatView::tr("Bot")
                                                                     : ChatView::tr("You");
        default:
            return {};
        }
    }

    void setMessages(const QVector<ChatMessage>& messages) {
        beginResetModel();
        m_messages = messages;
        m_streaming = false;
        m_streamText.clear();
        endResetModel();
    }

    const QVector<ChatMessage>& messages() const { return m_messages; }

    void startStreaming() {
        if (m_streaming)
            return;
        beginInsertRows({}, int(m_messages.size()), int(m_messages.size()));
        m_streaming = true;
        m_streamText.clear();
        endInsertRows();
    }

    void setStreamText(const QString& text) {
        if (!m_streaming)
            return;
        m_streamText = text;
        const QModelIndex row = index(int(m_messages.size()));
        emit dataChanged(row, row);
    }

    void stopStreaming() {
        if (!m_streaming)
            return;
        beginRemoveRows({}, int(m_messages.size()), int(m_messages.size()));
        m_streaming = false;
        m_streamText.clear();
        endRemoveRows();
    }

    bool isStreaming() const { return m_streaming; }
    QString streamText() const { return m_streamText; }

private:
    QVector<ChatMessage> m_messages;
    bool m_streaming = false;
    QString m_streamText;
};

// Rounded bubbles: yours on the right in the accent colour, the bot's on the left in a tint of
// the base colour; a small caption with who and when above each.
class BubbleDelegate : public QStyledItemDelegate {
public:
    explicit BubbleDelegate(QListView* view) : QStyledItemDelegate(view), m_view(view) {}

    static constexpr int kPadX = 12;
    static constexpr int kPadY = 8;
    static constexpr int kMarginX = 14;
    static constexpr int kGap = 10;
    static constexpr qreal kRadius = 14;

    qreal bubbleTextWidth() const {
        const qreal available = m_view->viewport()->width() - 2 * kMarginX - 2 * kPadX;
        return std::max<qreal>(80, std::min<qreal>(available * 0.82, 620));
    }

    QFont captionFont(const QFont& base) const {
        QFont font = base;
        font.setPointSizeF(std::max(7.0, base.pointSizeF() * 0.82));
        return font;
    }

    QString displayText(const QModelIndex& index) const {
        const QString text = index.data(Qt::DisplayRole).toString();
        if (index.data(StreamingRole).toBool())
            return text.isEmpty() ? QStringLiteral("…") : text + QStringLiteral(" ▍");
        return text;
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        const WrappedText wrapped = wrapText(displayText(index), option.font, bubbleTextWidth());
        const QFontMetrics caption(captionFont(option.font));
        const int height = caption.height() + 4 + int(std::ceil(wrapped.size.height())) + 2 * kPadY + kGap;
        return {m_view->viewport()->width(), height};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        const QPalette& pal = option.palette;
        const bool mine = index.data(SenderRole).toString() == QLatin1String("user");
        const bool streaming = index.data(StreamingRole).toBool();
        const bool selected = option.state & QStyle::State_Selected;

        QTextLayout layout;
        const WrappedText wrapped = wrapText(displayText(index), option.font, bubbleTextWidth(), &layout);
        const QFont caption = captionFont(option.font);
        const QFontMetrics captionMetrics(caption);

        const QRect r = option.rect;
        const qreal bubbleWidth = std::ceil(wrapped.size.width()) + 2 * kPadX;
        const qreal bubbleHeight = std::ceil(wrapped.size.height()) + 2 * kPadY;
        const qreal top = r.top() + kGap / 2 + captionMetrics.height() + 4;
        const qreal left = mine ? r.right() - kMarginX - bubbleWidth : r.left() + kMarginX;
        const QRectF bubble(left, top, bubbleWidth, bubbleHeight);

        // Caption: who and when.
        QString who = mine ? ChatView::tr("You") : ChatView::tr("Bot");
        const QDateTime time = index.data(TimeRole).toDateTime();
        if (streaming)
            who += QStringLiteral(" · ") + ChatView::tr("writing…");
        else if (time.isValid())
            who += QStringLiteral(" · ") + shortWhen(time);
        if (index.data(HasAttentionRole).toBool())
            who += QStringLiteral(" · ") + ChatView::tr("attention");
        painter->setFont(caption);
        painter->setPen(mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45));
        const QRectF captionRect(mine ? bubble.right() - 400 : bubble.left() + 4,
                                 r.top() + kGap / 2, 400 - 4, captionMetrics.height());
        painter->drawText(captionRect, (mine ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, who);

        // Bubble.
        const QColor accent = pal.color(QPalette::Highlight);
        const QColor fill = mine ? accent
                                 : mix(pal.color(QPalette::Base), pal.color(QPalette::Text),
                                       isDark(pal) ? 0.12 : 0.07);
        QPainterPath path;
        path.addRoundedRect(bubble, kRadius, kRadius);
        painter->fillPath(path, fill);
        if (selected || option.state & QStyle::State_HasFocus) {
            painter->setPen(QPen(mine ? pal.color(QPalette::Text) : accent, 1.5));
            painter->drawPath(path);
        }

        painter->setPen(mine ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
        layout.draw(painter, bubble.topLeft() + QPointF(kPadX, kPadY));
        painter->restore();
    }

private:
    QListView* m_view;
};

// The message list with a friendly empty state.
class MessageListView : public QListView {
public:
    using QListView::QListView;
    QString placeholder;

protected:
    void paintEvent(QPaintEvent* event) override {
        QListView::paintEvent(event);
        if (model() && model()->rowCount() == 0 && !placeholder.isEmpty()) {
            QPainter p(viewport());
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(viewport()->rect().adjusted(40, 40, -40, -40),
                       Qt::AlignCenter | Qt::TextWordWrap, placeholder);
        }
    }
    void resizeEvent(QResizeEvent* event) override {
        QListView::resizeEvent(event);
        // Bubble heights depend on the width.
        scheduleDelayedItemsLayout();
    }
};

// Two lines per conversation: the title, then its mode and when it was last used.
class ConversationDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    static constexpr int kSubtitleRole = Qt::UserRole + 2;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        const QFontMetrics fm(option.font);
        size.setHeight(fm.height() * 2 + 14);
        return size;
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
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
};

// ---------------------------------------------------------------------------------------------

ChatView::ChatView(EngineService* service, ConversationStore* store, QWidget* parent)
    : QWidget(parent), m_service(service), m_store(store) {
    setObjectName(QStringLiteral("chatView"));
    buildUi();
    connectService();
    connectStore();
    refreshList();
    const QStringList ids = m_store->ids();
    if (!ids.isEmpty())
        selectConversation(ids.first());
    else
        refreshHeader();
    setBusy(false);
}

ChatView::~ChatView() {
    if (m_requestId != 0 && m_service)
        m_service->cancel(m_requestId);
}

void ChatView::buildUi() {
    // Side panel ---------------------------------------------------------------------------
    auto* side = new QWidget(this);
    side->setObjectName(QStringLiteral("conversationPanel"));
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(8, 8, 4, 8);
    sideLayout->setSpacing(6);

    m_newButton = new QToolButton(side);
    m_newButton->setObjectName(QStringLiteral("newConversationButton"));
    m_newButton->setText(tr("New chat"));
    m_newButton->setToolTip(tr("Start a new conversation (Ctrl+N)"));
    m_newButton->setAccessibleName(tr("New conversation"));
    m_newButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_newButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_newButton->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto* newMenu = new QMenu(m_newButton);
    connect(newMenu->addAction(tr("New chat")), &QAction::triggered, this,
            [this] { newConversation(QStringLiteral("chat")); });
    connect(newMenu->addAction(tr("New translation (translate whatever I type)")),
            &QAction::triggered, this, [this] { newConversation(m_translationPair); });
    m_newButton->setMenu(newMenu);
    connect(m_newButton, &QToolButton::clicked, this, [this] { newConversation(QStringLiteral("chat")); });
    auto* newAction = new QAction(this);
    newAction->setShortcut(QKeySequence::New);
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, [this] { newConversation(QStringLiteral("chat")); });
    addAction(newAction);

    m_search = new QLineEdit(side);
    m_search->setObjectName(QStringLiteral("conversationSearch"));
    m_search->setPlaceholderText(tr("Search conversations"));
    m_search->setAccessibleName(tr("Search conversations"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this] { refreshList(); });

    m_conversationList = new QListWidget(side);
    m_conversationList->setObjectName(QStringLiteral("conversationList"));
    m_conversationList->setAccessibleName(tr("Conversations"));
    m_conversationList->setItemDelegate(new ConversationDelegate(m_conversationList));
    m_conversationList->setFrameShape(QFrame::NoFrame);
    m_conversationList->setMouseTracking(true);
    m_conversationList->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_conversationList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_conversationList->installEventFilter(this);
    connect(m_conversationList, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem* item) {
                if (!m_updatingList && item)
                    selectConversation(item->data(Qt::UserRole).toString());
            });
    connect(m_conversationList, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (m_updatingList)
            return;
        // Renaming rebuilds the list, which must not happen inside the item's own signal.
        const QString id = item->data(Qt::UserRole).toString();
        const QString title = item->text();
        QTimer::singleShot(0, this, [this, id, title] { renameConversation(id, title); });
    });
    connect(m_conversationList, &QWidget::customContextMenuRequested, this,
            &ChatView::showConversationMenu);

    sideLayout->addWidget(m_newButton);
    sideLayout->addWidget(m_search);
    sideLayout->addWidget(m_conversationList, 1);

    // Conversation ---------------------------------------------------------------------------
    auto* main = new QWidget(this);
    auto* mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(4, 8, 8, 8);
    mainLayout->setSpacing(6);

    auto* header = new QHBoxLayout;
    m_titleLabel = new QLabel(main);
    m_titleLabel->setObjectName(QStringLiteral("conversationTitle"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setWeight(QFont::DemiBold);
    m_titleLabel->setFont(titleFont);
    m_titleLabel->setTextFormat(Qt::PlainText);
    m_titleLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_modeCombo = new QComboBox(main);
    m_modeCombo->setObjectName(QStringLiteral("conversationMode"));
    m_modeCombo->setAccessibleName(tr("Conversation mode"));
    m_modeCombo->setToolTip(tr("Chat with the chat model, or translate whatever you type"));
    connect(m_modeCombo, &QComboBox::activated, this, [this](int i) {
        const QString mode = m_modeCombo->itemData(i).toString();
        if (!m_currentId.isEmpty() && !mode.isEmpty())
            m_store->setMode(m_currentId, mode);
        updateModelNotice();
    });
    m_exportButton = new QToolButton(main);
    m_exportButton->setObjectName(QStringLiteral("exportConversationButton"));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setToolTip(tr("Export this conversation as Markdown, plain text or JSON"));
    m_exportButton->setAutoRaise(true);
    connect(m_exportButton, &QToolButton::clicked, this, [this] { exportConversation(m_currentId); });
    header->addWidget(m_titleLabel, 1);
    header->addWidget(m_modeCombo);
    header->addWidget(m_exportButton);

    m_messages = new MessageListModel(this);
    auto* messageView = new MessageListView(main);
    messageView->placeholder = tr("Say something. The reply appears word by word, and the "
                                  "attention dock shows where the model looks while it writes.");
    m_messageView = messageView;
    m_messageView->setObjectName(QStringLiteral("messageList"));
    m_messageView->setAccessibleName(tr("Messages"));
    m_messageView->setModel(m_messages);
    m_messageView->setItemDelegate(new BubbleDelegate(m_messageView));
    m_messageView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messageView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_messageView->setResizeMode(QListView::Adjust);
    m_messageView->setUniformItemSizes(false);
    m_messageView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messageView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_messageView->setFrameShape(QFrame::NoFrame);
    m_messageView->installEventFilter(this);
    connect(m_messageView, &QWidget::customContextMenuRequested, this, &ChatView::showMessageMenu);
    connect(m_messageView, &QListView::clicked, this, [this](const QModelIndex& index) {
        if (index.data(HasAttentionRole).toBool())
            showAttention(index.row());
    });
    connect(m_messageView->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_followBottom = value >= m_messageView->verticalScrollBar()->maximum() - 4;
    });

    m_notice = new QFrame(main);
    m_notice->setObjectName(QStringLiteral("chatNotice"));
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setAutoFillBackground(true);
    auto* noticeLayout = new QHBoxLayout(m_notice);
    noticeLayout->setContentsMargins(10, 6, 6, 6);
    m_noticeLabel = new QLabel(m_notice);
    m_noticeLabel->setObjectName(QStringLiteral("chatNoticeText"));
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retryButton = new QPushButton(tr("Retry"), m_notice);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        hideNotice();
        regenerate();
    });
    auto* closeNotice = new QToolButton(m_notice);
    closeNotice->setText(QStringLiteral("✕"));
    closeNotice->setAutoRaise(true);
    closeNotice->setToolTip(tr("Dismiss"));
    connect(closeNotice, &QToolButton::clicked, this, &ChatView::hideNotice);
    noticeLayout->addWidget(m_noticeLabel, 1);
    noticeLayout->addWidget(m_retryButton);
    noticeLayout->addWidget(closeNotice);
    m_notice->hide();

    m_editBar = new QLabel(main);
    m_editBar->setObjectName(QStringLiteral("editBar"));
    m_editBar->setText(tr("Editing a sent message: sending replaces it and everything after it "
                          "(Esc cancels)."));
    m_editBar->setWordWrap(true);
    m_editBar->hide();

    auto* composerRow = new QHBoxLayout;
    composerRow->setSpacing(6);
    m_composer = new QPlainTextEdit(main);
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setAccessibleName(tr("Message"));
    m_composer->setPlaceholderText(tr("Type a message — Enter sends, Shift+Enter adds a line"));
    m_composer->setTabChangesFocus(true);
    const QFontMetrics fm(m_composer->font());
    m_composer->setFixedHeight(fm.lineSpacing() * 3 + 16);
    m_composer->installEventFilter(this);

    auto* buttons = new QVBoxLayout;
    buttons->setSpacing(4);
    m_sendButton = new QPushButton(tr("Send"), main);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setDefault(true);
    m_sendButton->setToolTip(tr("Send (Enter)"));
    connect(m_sendButton, &QPushButton::clicked, this, [this] { send(); });
    m_stopButton = new QPushButton(tr("Stop"), main);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setToolTip(tr("Stop the reply (Esc)"));
    connect(m_stopButton, &QPushButton::clicked, this, &ChatView::stop);
    m_regenerateButton = new QToolButton(main);
    m_regenerateButton->setObjectName(QStringLiteral("regenerateButton"));
    m_regenerateButton->setText(tr("Regenerate"));
    m_regenerateButton->setToolTip(tr("Ask again for the last reply"));
    m_regenerateButton->setAutoRaise(true);
    connect(m_regenerateButton, &QToolButton::clicked, this, &ChatView::regenerate);
    buttons->addWidget(m_sendButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_regenerateButton);
    buttons->addStretch();
    composerRow->addWidget(m_composer, 1);
    composerRow->addLayout(buttons);

    mainLayout->addLayout(header);
    mainLayout->addWidget(m_messageView, 1);
    mainLayout->addWidget(m_notice);
    mainLayout->addWidget(m_editBar);
    mainLayout->addLayout(composerRow);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("chatSplitter"));
    splitter->addWidget(side);
    splitter->addWidget(main);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 600});
    splitter->setChildrenCollapsible(false);
    side->setMinimumWidth(160);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setFocusProxy(m_composer);
}

void ChatView::connectService() {
    if (!m_service)
        return;
    connect(m_service, &EngineService::modelLoaded, this,
            [this](quint64, const QString& role, const ModelInfo& info) { setModelInfo(role, info); });
    connect(m_service, &EngineService::modelFailed, this,
            [this](quint64, const QString& role, const QString& message) {
                setModelMissing(role, message);
            });
    connect(m_service, &EngineService::step, this, [this](quint64 id, const StepData& step) {
        if (id != m_requestId)
            return;
        // Sentences of a long translation are decoded in batches, so their steps interleave:
        // collect each one, show one live (the earliest unfinished) in the heatmap.
        AttentionMatrix& live = m_liveBySentence[step.sentence];
        if (live.sourcePieces.isEmpty() && live.targetPieces.isEmpty()) {
            live.sourcePieces = step.sourcePieces;
            live.sourceWordStart = step.sourceWordStart;
        }
        const bool hasRow = !step.endOfSentence || !step.piece.isEmpty();
        if (hasRow) {
            live.targetPieces.append(step.piece);
            live.targetWordStart.append(step.wordStart);
            live.weights.append(step.attentionRow);
        }
        if (m_liveSentence < 0) {
            m_liveSentence = step.sentence;
            emit attentionStarted(live.sourcePieces, live.sourceWordStart);
            for (qsizetype i = 0; i < live.targetPieces.size(); ++i)
                emit stepAttention(live.targetPieces[i], live.targetWordStart[i], live.weights[i]);
        } else if (step.sentence == m_liveSentence && hasRow) {
            emit stepAttention(step.piece, step.wordStart, step.attentionRow);
        }
        m_sentenceText[step.sentence] = step.textSoFar;
        updateStreamText();
    });
    connect(m_service, &EngineService::sentenceDone, this,
            [this](quint64 id, const SentenceData& sentence) {
                if (id != m_requestId)
                    return;
                const QString text = sentence.hypotheses.value(0).text;
                if (!text.isEmpty() || !m_sentenceText.contains(sentence.index))
                    m_sentenceText[sentence.index] = text;
                m_doneSentences.insert(sentence.index);
                updateStreamText();
                if (sentence.index != m_liveSentence)
                    return;
                // Hand the heatmap to the earliest sentence still being written, replaying it.
                m_liveSentence = -1;
                QList<int> pending = m_liveBySentence.keys();
                std::sort(pending.begin(), pending.end());
                for (int next : std::as_const(pending)) {
                    if (m_doneSentences.contains(next))
                        continue;
                    m_liveSentence = next;
                    const AttentionMatrix& live = m_liveBySentence[next];
                    emit attentionStarted(live.sourcePieces, live.sourceWordStart);
                    for (qsizetype i = 0; i < live.targetPieces.size(); ++i)
                        emit stepAttention(live.targetPieces[i], live.targetWordStart[i],
                                           live.weights[i]);
                    break;
                }
            });
    connect(m_service, &EngineService::finished, this, [this](quint64 id, const ResultData& result) {
        if (id == m_requestId)
            finishRequest(result);
    });
    connect(m_service, &EngineService::failed, this, [this](quint64 id, const QString& message) {
        if (id != m_requestId)
            return;
        m_requestId = 0;
        m_messages->stopStreaming();
        const bool chat = m_requestMode == QLatin1String("chat");
        setBusy(false);
        showNotice((chat ? tr("The chat model could not answer: %1") : tr("The translation failed: %1"))
                       .arg(message),
                   true, true);
        emit statusMessage(message);
    });
    connect(m_service, &EngineService::cancelled, this, [this](quint64 id) {
        if (id != m_requestId)
            return;
        keepPartialReply();
        setBusy(false);
        emit statusMessage(tr("Stopped."));
    });
}

void ChatView::connectStore() {
    connect(m_store, &ConversationStore::conversationAdded, this, [this] { refreshList(); });
    connect(m_store, &ConversationStore::conversationRemoved, this, [this] { refreshList(); });
    connect(m_store, &ConversationStore::conversationChanged, this, [this](const QString& id) {
        refreshList();
        if (id == m_currentId)
            refreshHeader();
    });
    connect(m_store, &ConversationStore::saveFailed, this, [this](const QString&, const QString& message) {
        showNotice(message, true);
        emit statusMessage(message);
    });
    connect(m_store, &ConversationStore::loadWarning, this, [this](const QString& message) {
        showNotice(message, true);
    });
}

// ---------------------------------------------------------------------------------------------

void ChatView::refreshList() {
    m_updatingList = true;
    const QStringList ids = m_store->search(m_search->text());
    m_conversationList->clear();
    for (const QString& id : ids) {
        const std::optional<Conversation> c = m_store->conversation(id);
        if (!c)
            continue;
        auto* item = new QListWidgetItem(c->title, m_conversationList);
        item->setData(Qt::UserRole, id);
        const QString mode = c->isTranslation() ? pairLabel(c->mode) : tr("Chat");
        const QString when = shortWhen(c->updated);
        item->setData(ConversationDelegate::kSubtitleRole,
                      QStringLiteral("%1 · %2 · %3")
                          .arg(mode, when,
                               c->messages.size() == 1
                                   ? tr("1 message")
                                   : tr("%1 messages").arg(c->messages.size())));
        item->setToolTip(c->title);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        if (id == m_currentId)
            m_conversationList->setCurrentItem(item);
    }
    m_updatingList = false;
}

void ChatView::refreshHeader() {
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    m_titleLabel->setText(c ? c->title : tr("New conversation"));
    m_exportButton->setEnabled(c.has_value());

    m_modeCombo->clear();
    m_modeCombo->addItem(tr("Chat"), QStringLiteral("chat"));
    QStringList pairs;
    if (m_models.contains(QStringLiteral("translate"))) {
        const ModelInfo& info = m_models[QStringLiteral("translate")];
        pairs.append(info.sourceLanguage + QLatin1Char('-') + info.targetLanguage);
    }
    if (!pairs.contains(m_translationPair))
        pairs.append(m_translationPair);
    if (c && c->isTranslation() && !pairs.contains(c->mode))
        pairs.append(c->mode);
    for (const QString& pair : std::as_const(pairs))
        m_modeCombo->addItem(pairLabel(pair), pair);
    const QString mode = c ? c->mode : QStringLiteral("chat");
    m_modeCombo->setCurrentIndex(std::max(0, m_modeCombo->findData(mode)));
    m_modeCombo->setEnabled(c.has_value());
    m_regenerateButton->setEnabled(!isBusy() && c && !c->messages.isEmpty());
    updateModelNotice();
}

void ChatView::refreshMessages() {
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    m_messages->setMessages(c ? c->messages : QVector<ChatMessage>{});
    if (isBusy() && m_requestConversation == m_currentId) {
        m_messages->startStreaming();
        m_messages->setStreamText(m_streamText);
    }
    scrollToBottomIfFollowing(true);
}

void ChatView::selectConversation(const QString& id) {
    if (!m_store->contains(id))
        return;
    if (id != m_currentId)
        cancelEdit();
    m_currentId = id;
    refreshMessages();
    refreshHeader();
    refreshList();
    // Show the latest attention of this conversation, if any.
    const std::optional<Conversation> c = m_store->conversation(id);
    for (qsizetype i = c->messages.size() - 1; i >= 0; --i) {
        if (c->messages[i].attention) {
            announceAttention(*c->messages[i].attention);
            break;
        }
    }
}

QString ChatView::newConversation(const QString& mode) {
    const QString id = m_store->create(
        mode == QLatin1String("chat") ? tr("New chat") : pairLabel(mode), mode);
    selectConversation(id);
    focusComposer();
    return id;
}

void ChatView::renameConversation(const QString& id, const QString& title) {
    if (title.trimmed().isEmpty()) {
        refreshList();  // put the old title back
        return;
    }
    m_store->rename(id, title);
}

bool ChatView::deleteConversation(const QString& id, bool confirm) {
    const std::optional<Conversation> c = m_store->conversation(id);
    if (!c)
        return false;
    if (confirm) {
        const auto answer = QMessageBox::question(
            this, tr("Delete conversation"),
            tr("Delete “%1” and its %n message(s)? This cannot be undone.", nullptr,
               int(c->messages.size()))
                .arg(c->title),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return false;
    }
    if (id == m_requestConversation && isBusy())
        stop();
    if (!m_store->remove(id))
        return false;
    if (id == m_currentId) {
        m_currentId.clear();
        const QStringList ids = m_store->ids();
        if (!ids.isEmpty()) {
            selectConversation(ids.first());
        } else {
            refreshMessages();
            refreshHeader();
        }
    }
    return true;
}

void ChatView::exportConversation(const QString& id) {
    const std::optional<Conversation> c = m_store->conversation(id);
    if (!c)
        return;
    const QString markdown = tr("Markdown (*.md)");
    const QString text = tr("Plain text (*.txt)");
    const QString json = tr("JSON (*.json)");
    QString filter = markdown;
    QString base = c->title;
    base.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|]")), QStringLiteral("_"));
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString path = QFileDialog::getSaveFileName(this, tr("Export conversation"),
                                                folder + QLatin1Char('/') + base + QStringLiteral(".md"),
                                                markdown + QStringLiteral(";;") + text +
                                                    QStringLiteral(";;") + json,
                                                &filter);
    if (path.isEmpty())
        return;
    ConversationStore::ExportFormat format = ConversationStore::ExportFormat::Markdown;
    QString suffix = QStringLiteral("md");
    if (filter == text || path.endsWith(QStringLiteral(".txt"), Qt::CaseInsensitive)) {
        format = ConversationStore::ExportFormat::PlainText;
        suffix = QStringLiteral("txt");
    } else if (filter == json || path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
        format = ConversationStore::ExportFormat::Json;
        suffix = QStringLiteral("json");
    }
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    QString error;
    if (!m_store->exportToFile(id, path, format, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        emit statusMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)));
}

// ---------------------------------------------------------------------------------------------
// Requests

QString ChatView::roleFor(const QString& mode) const {
    return mode == QLatin1String("chat") ? QStringLiteral("chat") : QStringLiteral("translate");
}

void ChatView::send(const QString& text) {
    const QString message = (text.isEmpty() ? m_composer->toPlainText() : text).trimmed();
    if (message.isEmpty())
        return;
    if (isBusy()) {
        // A new message supersedes the reply in flight; keep what it wrote so far.
        if (m_service)
            m_service->cancel(m_requestId);
        keepPartialReply();
        setBusy(false);
    }
    if (m_currentId.isEmpty() || !m_store->contains(m_currentId))
        newConversation(QStringLiteral("chat"));
    std::optional<Conversation> c = m_store->conversation(m_currentId);

    if (m_editIndex >= 0 && m_editIndex < c->messages.size())
        m_store->truncate(m_currentId, m_editIndex);
    cancelEdit();

    // A conversation still named by default takes its first message as its title.
    c = m_store->conversation(m_currentId);
    const bool defaultTitle = c->title == tr("New chat") || c->title == pairLabel(c->mode) ||
                              c->title == tr("New conversation");
    if (c->messages.isEmpty() && defaultTitle)
        m_store->rename(m_currentId, ConversationStore::titleFrom(message));

    ChatMessage user;
    user.role = QStringLiteral("user");
    user.text = message;
    m_store->addMessage(m_currentId, user);
    if (text.isEmpty() || m_composer->toPlainText().trimmed() == message)
        m_composer->clear();
    refreshMessages();
    ask();
}

void ChatView::ask() {
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    if (!c || c->messages.isEmpty() || c->messages.last().role != QLatin1String("user") || !m_service)
        return;
    hideNotice();
    m_requestConversation = c->id;
    m_requestMode = c->mode;
    resetStream();
    const QString role = roleFor(c->mode);
    if (c->isTranslation()) {
        m_requestId = m_service->translate(role, c->messages.last().text, m_settings);
    } else {
        QStringList turns;
        const qsizetype first = std::max<qsizetype>(0, c->messages.size() - std::max(1, m_contextTurns));
        for (qsizetype i = first; i < c->messages.size(); ++i)
            turns.append(c->messages[i].text);
        m_requestId = m_service->reply(role, turns, m_settings);
    }
    m_messages->startStreaming();
    m_followBottom = true;
    scrollToBottomIfFollowing(true);
    setBusy(true);
}

void ChatView::finishRequest(const ResultData& result) {
    const QString conversation = m_requestConversation;
    m_messages->stopStreaming();
    ChatMessage bot;
    bot.role = QStringLiteral("bot");
    bot.text = result.text.trimmed().isEmpty() ? m_streamText.trimmed() : result.text.trimmed();

    // Several sentences (a long translation) become one block-diagonal matrix.
    QVector<AttentionMatrix> sentences;
    for (const SentenceData& sentence : result.sentences)
        if (!sentence.hypotheses.isEmpty())
            sentences.append(sentence.hypotheses.first().attention);
    AttentionMatrix attention = blockDiagonal(sentences);
    if (attention.targetPieces.isEmpty())
        attention = liveAttention();
    if (!attention.targetPieces.isEmpty())
        bot.attention = attention;

    m_requestId = 0;
    if (m_store->contains(conversation) && !bot.text.isEmpty())
        m_store->addMessage(conversation, bot);
    if (conversation == m_currentId)
        refreshMessages();
    setBusy(false);
    if (bot.attention)
        announceAttention(*bot.attention);
    if (bot.text.isEmpty())
        showNotice(tr("The model answered with nothing. Try again or rephrase."), false, true);
    emit replyFinished(conversation, bot.text, result.seconds, result.targetTokens);
}

void ChatView::keepPartialReply() {
    const QString conversation = m_requestConversation;
    const QString partial = m_streamText.trimmed();
    m_messages->stopStreaming();
    m_requestId = 0;
    if (!partial.isEmpty() && m_store->contains(conversation)) {
        ChatMessage bot;
        bot.role = QStringLiteral("bot");
        bot.text = partial;
        const AttentionMatrix live = liveAttention();
        if (!live.targetPieces.isEmpty())
            bot.attention = live;
        m_store->addMessage(conversation, bot);
    }
    resetStream();
    if (conversation == m_currentId)
        refreshMessages();
}

void ChatView::resetStream() {
    m_liveSentence = -1;
    m_sentenceText.clear();
    m_liveBySentence.clear();
    m_doneSentences.clear();
    m_streamText.clear();
}

void ChatView::updateStreamText() {
    QStringList parts;
    for (const QString& text : std::as_const(m_sentenceText))
        if (!text.isEmpty())
            parts.append(text);
    m_streamText = parts.join(QLatin1Char(' '));
    m_messages->setStreamText(m_streamText);
    if (auto* delegate = m_messageView->itemDelegate())
        emit delegate->sizeHintChanged(m_messages->index(m_messages->rowCount() - 1));
    scrollToBottomIfFollowing();
}

AttentionMatrix ChatView::liveAttention() const {
    QList<int> order = m_liveBySentence.keys();
    std::sort(order.begin(), order.end());
    QVector<AttentionMatrix> parts;
    for (int i : std::as_const(order))
        parts.append(m_liveBySentence.value(i));
    return blockDiagonal(parts);
}

AttentionMatrix ChatView::blockDiagonal(const QVector<AttentionMatrix>& parts) {
    if (parts.size() == 1)
        return parts.first();
    AttentionMatrix out;
    int sourceOffset = 0;
    for (const AttentionMatrix& a : parts) {
        const int sourceCount = sourceOffset + int(a.sourcePieces.size());
        for (QVector<float>& row : out.weights)
            row.resize(sourceCount);
        for (const QVector<float>& row : a.weights) {
            QVector<float> wide(sourceCount, 0.0f);
            std::copy_n(row.begin(), std::min<qsizetype>(row.size(), a.sourcePieces.size()),
                        wide.begin() + sourceOffset);
            out.weights.append(wide);
        }
        out.sourcePieces += a.sourcePieces;
        out.sourceWordStart += a.sourceWordStart;
        out.targetPieces += a.targetPieces;
        out.targetWordStart += a.targetWordStart;
        sourceOffset = sourceCount;
    }
    return out;
}

void ChatView::stop() {
    if (!isBusy()) {
        cancelEdit();
        return;
    }
    if (m_service)
        m_service->cancel(m_requestId);
    // The service answers with cancelled(); until then the button shows we heard.
    m_stopButton->setEnabled(false);
}

void ChatView::regenerate() {
    if (isBusy() || m_currentId.isEmpty())
        return;
    std::optional<Conversation> c = m_store->conversation(m_currentId);
    if (!c || c->messages.isEmpty())
        return;
    qsizetype lastUser = c->messages.size() - 1;
    while (lastUser >= 0 && c->messages[lastUser].role != QLatin1String("user"))
        --lastUser;
    if (lastUser < 0)
        return;
    m_store->truncate(m_currentId, int(lastUser) + 1);
    refreshMessages();
    ask();
}

void ChatView::beginEdit(int index) {
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    if (!c || index < 0 || index >= c->messages.size() ||
        c->messages[index].role != QLatin1String("user"))
        return;
    m_editIndex = index;
    m_composer->setPlainText(c->messages[index].text);
    m_composer->moveCursor(QTextCursor::End);
    m_editBar->show();
    focusComposer();
}

void ChatView::cancelEdit() {
    if (m_editIndex < 0)
        return;
    m_editIndex = -1;
    m_editBar->hide();
    m_composer->clear();
}

void ChatView::editAndResend(int index, const QString& text) {
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    if (!c || index < 0 || index >= c->messages.size() || text.trimmed().isEmpty())
        return;
    if (isBusy())
        stop();
    m_editIndex = index;
    send(text);
}

void ChatView::copyMessage(int index) {
    const QModelIndex row = m_messages->index(index);
    if (row.isValid())
        QApplication::clipboard()->setText(row.data(Qt::DisplayRole).toString());
}

void ChatView::showAttention(int index) {
    const QVector<ChatMessage>& messages = m_messages->messages();
    if (index >= 0 && index < messages.size() && messages[index].attention)
        announceAttention(*messages[index].attention);
}

void ChatView::announceAttention(const AttentionMatrix& matrix) {
    m_shownAttention = matrix;
    emit currentAttentionChanged(matrix);
}

void ChatView::showCurrentAttention() {
    if (m_requestId != 0) {  // a reply is being written: what it has attended so far
        emit currentAttentionChanged(liveAttention());
        return;
    }
    if (m_shownAttention)
        emit currentAttentionChanged(*m_shownAttention);
}

void ChatView::focusComposer() { m_composer->setFocus(Qt::OtherFocusReason); }

QString ChatView::streamingText() const { return m_messages->streamText(); }

QString ChatView::noticeText() const {
    return m_notice->isVisibleTo(const_cast<ChatView*>(this)) ? m_noticeLabel->text() : QString();
}

void ChatView::setTranslationPair(const QString& pair) {
    if (!pair.isEmpty())
        m_translationPair = pair;
    refreshHeader();
}

void ChatView::setModelInfo(const QString& role, const ModelInfo& info) {
    m_models.insert(role, info);
    m_missingModels.remove(role);
    if (role == QLatin1String("translate") && !info.sourceLanguage.isEmpty())
        m_translationPair = info.sourceLanguage + QLatin1Char('-') + info.targetLanguage;
    refreshHeader();
}

void ChatView::setModelMissing(const QString& role, const QString& message) {
    m_models.remove(role);
    m_missingModels.insert(role, message);
    updateModelNotice();
}

void ChatView::updateModelNotice() {
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    const QString role = roleFor(c ? c->mode : QStringLiteral("chat"));
    if (!m_missingModels.contains(role)) {
        // Only take down a notice that was about the model.
        if (m_notice->property("modelNotice").toBool())
            hideNotice();
        return;
    }
    const QString why = m_missingModels.value(role);
    QString text = role == QLatin1String("chat")
                       ? tr("No chat model is loaded, so the bot cannot answer yet. Add one in "
                            "the model manager (a folder with config.json, model.safetensors and "
                            "its tokenizers).")
                       : tr("No translation model is loaded for this conversation. Add one in the "
                            "model manager.");
    if (!why.isEmpty())
        text += QLatin1Char('\n') + why;
    showNotice(text, false);
    m_notice->setProperty("modelNotice", true);
}

void ChatView::showNotice(const QString& text, bool error, bool retry) {
    m_noticeLabel->setText(text);
    m_notice->setProperty("modelNotice", false);
    QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor tint = error ? QColor(0xd0, 0x3a, 0x3a) : QColor(0xd8, 0x9b, 0x1c);
    pal.setColor(QPalette::Window, mix(base, tint, isDark(pal) ? 0.28 : 0.16));
    pal.setColor(QPalette::WindowText, pal.color(QPalette::Text));
    m_notice->setPalette(pal);
    m_retryButton->setVisible(retry);
    m_notice->show();
}

void ChatView::hideNotice() {
    m_notice->hide();
    m_notice->setProperty("modelNotice", false);
}

void ChatView::setBusy(bool busy) {
    m_sendButton->setVisible(!busy);
    m_stopButton->setVisible(busy);
    m_stopButton->setEnabled(busy);
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    m_regenerateButton->setEnabled(!busy && c && !c->messages.isEmpty());
    emit busyChanged(busy);
}

void ChatView::scrollToBottomIfFollowing(bool force) {
    if (!force && !m_followBottom)
        return;
    QTimer::singleShot(0, m_messageView, [view = m_messageView] { view->scrollToBottom(); });
}

// ---------------------------------------------------------------------------------------------
// Menus and keys

void ChatView::showMessageMenu(const QPoint& pos) {
    const QModelIndex index = m_messageView->indexAt(pos);
    if (!index.isValid() || index.data(StreamingRole).toBool())
        return;
    const int row = index.row();
    const bool mine = index.data(SenderRole).toString() == QLatin1String("user");
    QMenu menu(this);
    connect(menu.addAction(tr("Copy")), &QAction::triggered, this, [this, row] { copyMessage(row); });
    if (mine) {
        QAction* edit = menu.addAction(tr("Edit and ask again…"));
        edit->setEnabled(!isBusy());
        connect(edit, &QAction::triggered, this, [this, row] { beginEdit(row); });
    } else {
        if (index.data(HasAttentionRole).toBool())
            connect(menu.addAction(tr("Show attention")), &QAction::triggered, this,
                    [this, row] { showAttention(row); });
        if (row == m_messages->rowCount() - 1) {
            QAction* again = menu.addAction(tr("Regenerate"));
            again->setEnabled(!isBusy());
            connect(again, &QAction::triggered, this, &ChatView::regenerate);
        }
    }
    menu.exec(m_messageView->viewport()->mapToGlobal(pos));
}

void ChatView::showConversationMenu(const QPoint& pos) {
    QListWidgetItem* item = m_conversationList->itemAt(pos);
    if (!item)
        return;
    const QString id = item->data(Qt::UserRole).toString();
    QMenu menu(this);
    connect(menu.addAction(tr("Rename")), &QAction::triggered, this,
            [this, item] { m_conversationList->editItem(item); });
    connect(menu.addAction(tr("Export…")), &QAction::triggered, this,
            [this, id] { exportConversation(id); });
    menu.addSeparator();
    connect(menu.addAction(tr("Delete…")), &QAction::triggered, this,
            [this, id] { deleteConversation(id); });
    menu.exec(m_conversationList->viewport()->mapToGlobal(pos));
}

bool ChatView::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (watched == m_composer) {
            if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
                !(key->modifiers() & Qt::ShiftModifier)) {
                send();
                return true;
            }
            if (key->key() == Qt::Key_Escape) {
                stop();
                return true;
            }
        } else if (watched == m_conversationList) {
            if (key->matches(QKeySequence::Delete) && m_conversationList->currentItem()) {
                deleteConversation(m_conversationList->currentItem()->data(Qt::UserRole).toString());
                return true;
            }
        } else if (watched == m_messageView) {
            if (key->matches(QKeySequence::Copy) && m_messageView->currentIndex().isValid()) {
                copyMessage(m_messageView->currentIndex().row());
                return true;
            }
            if (key->key() == Qt::Key_Escape) {
                stop();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace attentive::ui
