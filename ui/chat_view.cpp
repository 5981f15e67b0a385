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

#include "ui/attention_board.h"
#include "ui/chat_style.h"
#include "ui/conversation_delegate.h"
#include "ui/message_bubbles.h"
#include "ui/message_list_model.h"
#include "ui/engine_service.h"
#include "ui/language_name.h"

namespace attentive::ui {

namespace {

// A word every 80 ms (about 12 words a second): visibly word by word, quicker than reading aloud.
constexpr int kRevealIntervalMs = 80;

QString pairLabel(const QString& mode) {
    const QStringList pair = mode.split(QLatin1Char('-'));
    if (pair.size() == 2)
        return ChatView::tr("Translate %1 → %2").arg(pair[0], pair[1]);
    return mode;
}

}  // namespace

ChatView::ChatView(EngineService* service, ConversationStore* store, AttentionBoard* board,
                   QWidget* parent)
    : QWidget(parent), m_service(service), m_store(store), m_board(board) {
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
    m_revealTimer = new QTimer(this);
    m_revealTimer->setInterval(kRevealIntervalMs);
    connect(m_revealTimer, &QTimer::timeout, this, &ChatView::revealNextWord);
    m_messageView = new MessageListView(main);
    m_messageView->setObjectName(QStringLiteral("messageList"));
    m_messageView->setAccessibleName(tr("Messages"));
    m_messageView->setModel(m_messages);
    auto* bubbles = new BubbleDelegate(m_messageView);
    m_messageView->setItemDelegate(bubbles);
    connect(bubbles, &BubbleDelegate::copyRequested, this, [this](int index) {
        copyMessage(index);
        emit statusMessage(tr("Copied."));
    });
    connect(bubbles, &BubbleDelegate::versionRequested, this, &ChatView::showVersion);
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
        if (index.data(MessageListModel::HasAttentionRole).toBool())
            showAttention(index.data(MessageListModel::MessageIndexRole).toInt());
    });
    connect(m_messageView->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        QScrollBar* bar = m_messageView->verticalScrollBar();
        m_followBottom = value >= bar->maximum() - 4;
        // Reaching the top of a long history brings earlier messages in, keeping the view still.
        if (value == bar->minimum() && bar->maximum() > bar->minimum() && m_messages->firstShown() > 0) {
            const QModelIndex top = m_messageView->indexAt(QPoint(0, 0));
            const int added = m_messages->showEarlier();
            if (top.isValid())
                m_messageView->scrollTo(m_messages->index(top.row() + added), QAbstractItemView::PositionAtTop);
        }
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
                updateStreamText();
            });
    connect(m_service, &EngineService::finished, this, [this](quint64 id, const ResultData& result) {
        if (id != m_requestId)
            return;
        // A reply faster than a person reads is revealed at reading pace, then kept.
        m_sentenceText.clear();
        for (const SentenceData& sentence : result.sentences)
            m_sentenceText[sentence.index] = sentence.hypotheses.value(0).text;
        updateStreamText();
        if (m_revealTimer->isActive())
            m_pendingResult = result;
        else
            finishRequest(result);
    });
    connect(m_service, &EngineService::failed, this, [this](quint64 id, const QString& message) {
        if (id != m_requestId)
            return;
        m_requestId = 0;
        m_messages->stopStreaming();
        if (m_replacedReply && m_store->contains(m_requestConversation)) {
            m_store->addMessage(m_requestConversation, *m_replacedReply);
            if (m_requestConversation == m_currentId)
                refreshMessages();
        }
        m_replacedReply.reset();
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
    // Conversations read in the background arrive after the page is built.
    connect(m_store, &ConversationStore::loaded, this, [this] {
        refreshList();
        const QStringList ids = m_store->ids();
        if (m_currentId.isEmpty() && !ids.isEmpty())
            selectConversation(ids.first());
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
    m_messageView->placeholder = emptyConversationText(mode);
    m_messageView->viewport()->update();
    updateModelNotice();
}

QString ChatView::emptyConversationText(const QString& mode) const {
    if (mode != QLatin1String("chat")) {
        const QStringList pair = mode.split(QLatin1Char('-'));
        return tr("Type a sentence or a paragraph in %1: it is translated into %2 as you send it, "
                  "and the Attention panel shows which words each translated word came from.")
            .arg(languageName(pair.value(0)), languageName(pair.value(1)));
    }
    return tr("This bot is a small neural model (17 million parameters) trained on everyday English "
              "dialogues. It manages short small talk about plans, food, shopping, travel or the "
              "weather; it knows no facts, no news and nothing about you, and it can be wrong or "
              "off-topic.\n\nSay something: the reply appears word by word, and the Attention "
              "panel shows where the model looks while it writes.");
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
    const bool changed = id != m_currentId;
    m_currentId = id;
    refreshMessages();
    refreshHeader();
    refreshList();
    if (changed)
        emit currentConversationChanged(id);
    if (!m_board)
        return;
    // A conversation seen for the first time shows its latest attention, if it has any; the
    // board remembers what each conversation shows after that.
    const AttentionBoard::Shown& shown = m_board->shown(AttentionBoard::Page::Chat, id);
    if (shown.liveRequest == 0 && shown.matrix.weights.isEmpty()) {
        const std::optional<Conversation> c = m_store->conversation(id);
        for (qsizetype i = c->messages.size() - 1; i >= 0; --i) {
            if (c->messages[i].attention) {
                showInBoard(id, *c->messages[i].attention, c->mode);
                break;
            }
        }
    }
    m_board->setCurrentContext(AttentionBoard::Page::Chat, id);
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
    if (m_pendingResult) {
        finishRevealNow();
    } else if (isBusy()) {
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
    DecodeSettings settings = m_settings;
    // Regenerate asks for another reply: a fixed seed moves on with each version.
    if (m_replacedReply && settings.seed > 0)
        settings.seed += m_replacedReply->versionCount();
    // Nor gives a reply it gave before (a recalled reply would win each time).
    if (m_replacedReply) {
        settings.avoidedReplies << m_replacedReply->text;
        for (const ReplyVersion& version : m_replacedReply->otherVersions) settings.avoidedReplies << version.text;
    }
    if (c->isTranslation()) {
        m_requestId = m_service->translate(role, c->messages.last().text, settings);
    } else {
        QStringList turns;
        // As many turns as any model may use (config.json allows up to 16): the engine keeps
        // the last chat_context_turns of them, so this page needs no copy of that number.
        constexpr qsizetype kTurnsSent = 16;
        const qsizetype first = std::max<qsizetype>(0, c->messages.size() - kTurnsSent);
        for (qsizetype i = first; i < c->messages.size(); ++i)
            turns.append(c->messages[i].text);
        m_requestId = m_service->reply(role, turns, settings);
    }
    if (m_board)
        m_board->follow(m_requestId, AttentionBoard::Page::Chat, c->id, modelNameFor(c->mode));
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
    AttentionMatrix attention = sentences.isEmpty() ? AttentionMatrix{} : blockDiagonal(sentences);
    if (attention.weights.isEmpty() && m_board)
        attention = m_board->requestAttention(m_requestId);
    if (!attention.weights.isEmpty())
        bot.attention = attention;
    if (result.sentences.size() == 1)
        bot.recalledFrom = result.sentences.front().recalledFrom;

    m_requestId = 0;
    if (m_replacedReply && !bot.text.isEmpty())
        bot = m_replacedReply->followedBy(bot);
    else if (m_replacedReply)
        bot = *m_replacedReply;
    m_replacedReply.reset();
    if (m_store->contains(conversation) && !bot.text.isEmpty())
        m_store->addMessage(conversation, bot);
    if (conversation == m_currentId)
        refreshMessages();
    setBusy(false);
    if (bot.attention)
        showInBoard(conversation, *bot.attention, m_requestMode);
    if (bot.text.isEmpty())
        showNotice(tr("The model answered with nothing. Try again or rephrase."), false, true);
    emit replyFinished(conversation, bot.text, result.seconds, result.targetTokens);
}

void ChatView::keepPartialReply() {
    const QString conversation = m_requestConversation;
    const QString partial = m_streamText.trimmed();
    // The rows of the pieces written so far, over the source pieces they attended to.
    const AttentionMatrix live = m_board ? m_board->requestAttention(m_requestId) : AttentionMatrix{};
    m_messages->stopStreaming();
    m_requestId = 0;
    if (!partial.isEmpty() && m_store->contains(conversation)) {
        ChatMessage bot;
        bot.role = QStringLiteral("bot");
        bot.text = partial;
        if (!live.weights.isEmpty())
            bot.attention = live;
        m_store->addMessage(conversation, m_replacedReply ? m_replacedReply->followedBy(bot) : bot);
    } else if (m_replacedReply && m_store->contains(conversation)) {
        m_store->addMessage(conversation, *m_replacedReply);
    }
    m_replacedReply.reset();
    if (!live.weights.isEmpty())
        showInBoard(conversation, live, m_requestMode);
    resetStream();
    if (conversation == m_currentId)
        refreshMessages();
}

void ChatView::resetStream() {
    m_sentenceText.clear();
    m_streamText.clear();
    m_revealedWords = 0;
    m_revealTimer->stop();
    m_pendingResult.reset();
}

void ChatView::revealNextWord() {
    ++m_revealedWords;
    updateStreamText();
    if (!m_revealTimer->isActive() && m_pendingResult) {
        const ResultData result = *m_pendingResult;
        m_pendingResult.reset();
        finishRequest(result);
    }
}

void ChatView::finishRevealNow() {
    m_revealTimer->stop();
    const ResultData result = *m_pendingResult;
    m_pendingResult.reset();
    finishRequest(result);
}

void ChatView::setReadingPace(bool enabled) {
    m_readingPace = enabled;
    if (!enabled && m_pendingResult)
        finishRevealNow();
}

void ChatView::updateStreamText() {
    QStringList parts;
    for (const QString& text : std::as_const(m_sentenceText))
        if (!text.isEmpty())
            parts.append(text);
    m_streamText = parts.join(QLatin1Char(' '));
    QString shown = m_streamText;
    if (m_readingPace) {
        // The first m_revealedWords words (a word ends at a space), more with each tick.
        int words = 0;
        qsizetype end = 0;
        while (end < m_streamText.size() && words < m_revealedWords) {
            const qsizetype space = m_streamText.indexOf(QLatin1Char(' '), end + 1);
            end = space < 0 ? m_streamText.size() : space;
            ++words;
        }
        shown = m_streamText.left(end);
        if (end < m_streamText.size() && !m_revealTimer->isActive())
            m_revealTimer->start();
        else if (end >= m_streamText.size())
            m_revealTimer->stop();
    }
    m_messages->setStreamText(shown);
    if (auto* delegate = m_messageView->itemDelegate())
        emit delegate->sizeHintChanged(m_messages->index(m_messages->rowCount() - 1));
    scrollToBottomIfFollowing();
}

void ChatView::stop() {
    if (!isBusy()) {
        cancelEdit();
        return;
    }
    if (m_pendingResult) {  // the reply is complete: stopping only skips the reveal
        finishRevealNow();
        return;
    }
    if (m_service)
        m_service->cancel(m_requestId);
    // The service answers with cancelled(); until then the button shows we heard.
    m_stopButton->setEnabled(false);
}

void ChatView::regenerate() {
    if (isBusy() || m_currentId.isEmpty() || !m_service)
        return;
    std::optional<Conversation> c = m_store->conversation(m_currentId);
    if (!c || c->messages.isEmpty())
        return;
    qsizetype lastUser = c->messages.size() - 1;
    while (lastUser >= 0 && c->messages[lastUser].role != QLatin1String("user"))
        --lastUser;
    if (lastUser < 0)
        return;
    // The reply being replaced stays one of the reply's versions (‹ 1/2 ›), and comes back
    // as it was if the new one fails or is stopped before it says anything.
    if (lastUser + 1 < c->messages.size())
        m_replacedReply = c->messages[lastUser + 1];
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
    const QVector<ChatMessage>& messages = m_messages->messages();
    if (index >= 0 && index < messages.size())
        QApplication::clipboard()->setText(messages[index].text);
}

void ChatView::showAttention(int index) {
    const QVector<ChatMessage>& messages = m_messages->messages();
    if (index < 0 || index >= messages.size() || !messages[index].attention)
        return;
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    showInBoard(m_currentId, *messages[index].attention, c ? c->mode : QString());
}

void ChatView::showVersion(int index, int version) {
    const std::optional<Conversation> c = m_store->conversation(m_currentId);
    if (!c || index < 0 || index >= c->messages.size() || isBusy())
        return;
    const ChatMessage& message = c->messages[index];
    if (version < 0 || version >= message.versionCount() || version == message.versionIndex)
        return;
    const ChatMessage chosen = message.withVersion(version);
    m_store->replaceMessage(m_currentId, index, chosen);
    refreshMessages();
    if (chosen.attention)
        showInBoard(m_currentId, *chosen.attention, c->mode);
}

QString ChatView::modelNameFor(const QString& mode) const {
    const auto model = m_models.constFind(roleFor(mode));
    if (model != m_models.constEnd() && !model->name.isEmpty())
        return model->name;
    return mode == QLatin1String("chat") ? QString() : mode;
}

void ChatView::showInBoard(const QString& conversation, const AttentionMatrix& matrix,
                           const QString& mode) {
    if (m_board)
        m_board->show(AttentionBoard::Page::Chat, conversation, matrix, modelNameFor(mode));
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
    if (!index.isValid() || index.data(MessageListModel::StreamingRole).toBool())
        return;
    const int row = index.data(MessageListModel::MessageIndexRole).toInt();
    const bool mine = index.data(MessageListModel::SenderRole).toString() == QLatin1String("user");
    QMenu menu(this);
    connect(menu.addAction(tr("Copy")), &QAction::triggered, this, [this, row] { copyMessage(row); });
    if (mine) {
        QAction* edit = menu.addAction(tr("Edit and ask again…"));
        edit->setEnabled(!isBusy());
        connect(edit, &QAction::triggered, this, [this, row] { beginEdit(row); });
    } else {
        if (index.data(MessageListModel::HasAttentionRole).toBool())
            connect(menu.addAction(tr("Show attention")), &QAction::triggered, this,
                    [this, row] { showAttention(row); });
        if (row == m_messages->messages().size() - 1) {
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
