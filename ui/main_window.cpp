#include "ui/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>
#include <QTimer>

#include "ui/app_settings.h"
#include "ui/engine_service.h"
#include "ui/model_manager.h"
#include "ui/settings_dialog.h"
#include "ui/theme.h"
#include "ui/translate_view.h"
#include "ui/window_sizing.h"

// The chat page and the heatmap are written alongside this window; until they exist the
// window shows a placeholder so the rest of the app builds and runs.
#if __has_include("ui/chat_view.h") && __has_include("ui/conversation_store.h")
#define ATTENTIVE_HAS_CHAT_VIEW 1
#include "ui/chat_view.h"
#include "ui/conversation_store.h"
#endif
#if __has_include("ui/heatmap_view.h")
#define ATTENTIVE_HAS_HEATMAP_VIEW 1
#include "ui/heatmap_view.h"
#endif

namespace attentive::ui {

namespace {

[[maybe_unused]] QLabel* placeholder(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

const QString kChatRole = QStringLiteral("chat");
const QString kTranslateRole = QStringLiteral("translate");

}  // namespace

MainWindow::MainWindow(AppSettings* settings, const QString& conversationsDir,
                       const QStringList& extraModelFolders, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_extraModelFolders(extraModelFolders) {
    ensureResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Attentive"));
    setWindowIcon(QIcon(QStringLiteral(":/attentive/attentive.svg")));
    m_service = new EngineService(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->setAccessibleName(tr("Pages"));
    m_tabs->setDocumentMode(true);

#ifdef ATTENTIVE_HAS_CHAT_VIEW
    m_store = conversationsDir.isEmpty() ? new ConversationStore(this)
                                         : new ConversationStore(conversationsDir, this);
    m_store->load();
    m_chat = new ChatView(m_service, m_store, m_tabs);
    m_chat->setObjectName(QStringLiteral("chatView"));
    m_tabs->addTab(m_chat, tr("&Chat"));
#else
    Q_UNUSED(conversationsDir);
    m_tabs->addTab(placeholder(tr("Chat is not available in this build."), m_tabs), tr("&Chat"));
#endif
    m_translate = new TranslateView(m_service, m_settings, m_tabs);
    m_tabs->addTab(m_translate, tr("&Translate"));
    setCentralWidget(m_tabs);

    m_dock = new QDockWidget(tr("Attention"), this);
    m_dock->setObjectName(QStringLiteral("attentionDock"));
    m_dock->setAccessibleName(tr("Attention heatmap"));
    m_dock->setAllowedAreas(Qt::AllDockWidgetAreas);
#ifdef ATTENTIVE_HAS_HEATMAP_VIEW
    m_heatmap = new HeatmapView(m_dock);
    m_heatmap->setObjectName(QStringLiteral("heatmapView"));
    m_dock->setWidget(m_heatmap);
#else
    m_dock->setWidget(placeholder(tr("The attention heatmap is not available in this build."), m_dock));
#endif
    addDockWidget(Qt::BottomDockWidgetArea, m_dock);

    buildMenus();
    buildStatusBar();
    connectViews();
    m_engineOptions = {m_settings->threads(), m_settings->precision()};
    applySettings();

    // Never larger than the screen (a scale factor can make 1200×780 too big); the heatmap dock
    // keeps about 35% of the height, or the share the user gave it (restoreState keeps it).
    resize(1200, 780);
    keepOnScreen(this);
    constexpr double kDockShare = 0.35;
    resizeDocks({m_dock}, {int(kDockShare * height())}, Qt::Vertical);
    if (!m_settings->windowGeometry().isEmpty()) restoreGeometry(m_settings->windowGeometry());
    if (!m_settings->windowState().isEmpty()) restoreState(m_settings->windowState());
    keepOnScreen(this);
    new DockHeightShare(this, m_dock, kDockShare, m_settings->windowState().isEmpty());

    refreshModels();
    m_tabs->setCurrentWidget(m_translate);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Text…"), this, &MainWindow::openText);
    open->setShortcut(QKeySequence::Open);
    QAction* save = file->addAction(tr("&Save Translation…"), this, &MainWindow::saveTranslation);
    save->setShortcut(QKeySequence::Save);
    QMenu* exportMenu = file->addMenu(tr("&Export"));
#ifdef ATTENTIVE_HAS_HEATMAP_VIEW
    const QList<QPair<QString, HeatmapView::ExportFormat>> formats = {
        {tr("Heatmap as &PNG…"), HeatmapView::ExportFormat::Png},
        {tr("Heatmap as &SVG…"), HeatmapView::ExportFormat::Svg},
        {tr("Heatmap as &CSV…"), HeatmapView::ExportFormat::Csv},
        {tr("Heatmap as &JSON…"), HeatmapView::ExportFormat::Json}};
    for (const auto& [label, format] : formats)
        exportMenu->addAction(label, this, [this, format = format] { m_heatmap->exportWithDialog(format); });
#endif
#ifdef ATTENTIVE_HAS_CHAT_VIEW
    exportMenu->addSeparator();
    exportMenu->addAction(tr("&Conversation…"), this, [this] {
        if (!m_chat->currentConversation().isEmpty()) m_chat->exportConversation(m_chat->currentConversation());
    });
#endif
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* copy = edit->addAction(tr("&Copy Translation"), m_translate, &TranslateView::copyTranslation);
    copy->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    QAction* translateNow = edit->addAction(tr("&Translate Now"), this, [this] {
        showTranslate();
        m_translate->translateNow();
    });
    translateNow->setShortcut(QKeySequence(tr("Ctrl+Return")));
    translateNow->setShortcutContext(Qt::WidgetShortcut);  // the view's own shortcut does the work
    edit->addAction(tr("S&wap Languages"), m_translate, &TranslateView::swapLanguages);
    QAction* stop = edit->addAction(tr("&Stop"), this, [this] { m_service->cancelAll(); });
    stop->setShortcut(QKeySequence(tr("Ctrl+.")));
    edit->addSeparator();
    QAction* preferences = edit->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    preferences->setShortcut(QKeySequence(tr("Ctrl+,")));
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* chat = view->addAction(tr("&Chat"), this, &MainWindow::showChat);
    chat->setShortcut(QKeySequence(tr("Ctrl+1")));
    QAction* translate = view->addAction(tr("&Translate"), this, &MainWindow::showTranslate);
    translate->setShortcut(QKeySequence(tr("Ctrl+2")));
    QAction* dock = m_dock->toggleViewAction();
    dock->setText(tr("&Attention Heatmap"));
    dock->setShortcut(QKeySequence(tr("F9")));
    view->addAction(dock);
    view->addSeparator();
    QMenu* theme = view->addMenu(tr("T&heme"));
    m_themeGroup = new QActionGroup(this);
    for (const auto& [label, key] : {QPair<QString, QString>{tr("&System"), QStringLiteral("system")},
                                     QPair<QString, QString>{tr("&Light"), QStringLiteral("light")},
                                     QPair<QString, QString>{tr("&Dark"), QStringLiteral("dark")}}) {
        QAction* action = theme->addAction(label);
        action->setCheckable(true);
        action->setData(key);
        action->setChecked(m_settings->theme() == key);
        m_themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, key = key] { m_settings->setTheme(key); });
    }
    QAction* zoomIn = view->addAction(tr("Zoom &In"), this,
                                      [this] { m_settings->setFontSize(m_settings->fontSize() + 1); });
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    QAction* zoomOut = view->addAction(tr("Zoom &Out"), this,
                                       [this] { m_settings->setFontSize(m_settings->fontSize() - 1); });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* zoomReset = view->addAction(tr("&Reset Zoom"), this, [this] { m_settings->setFontSize(11); });
    zoomReset->setShortcut(QKeySequence(tr("Ctrl+0")));

    QMenu* models = menuBar()->addMenu(tr("&Models"));
    QAction* manager = models->addAction(tr("&Model Manager…"), this, &MainWindow::openModelManager);
    manager->setShortcut(QKeySequence(tr("Ctrl+M")));
    models->addAction(tr("&Rescan Model Folders"), this, &MainWindow::refreshModels);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* aboutAction = help->addAction(tr("&About Attentive"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildStatusBar() {
    const auto label = [this](const QString& name, const QString& accessible) {
        auto* item = new QLabel(this);
        item->setObjectName(name);
        item->setAccessibleName(accessible);
        statusBar()->addPermanentWidget(item);
        return item;
    };
    m_statusModel = label(QStringLiteral("statusModel"), tr("Model"));
    m_statusPrecision = label(QStringLiteral("statusPrecision"), tr("Precision"));
    m_statusThreads = label(QStringLiteral("statusThreads"), tr("Threads"));
    m_statusSpeed = label(QStringLiteral("statusSpeed"), tr("Speed of the last request"));
    updateStatus();
}

void MainWindow::connectViews() {
    connect(m_service, &EngineService::modelLoaded, this,
            [this](quint64 id, const QString& role, const ModelInfo& info) {
                m_loaded.insert(role, info);
#ifdef ATTENTIVE_HAS_CHAT_VIEW
                m_chat->setModelInfo(role, info);
#endif
                if (role == kChatRole && id == m_chatLoadId) m_chatLoadId = 0;
                updateStatus();
            });
    connect(m_service, &EngineService::modelFailed, this,
            [this](quint64, const QString& role, const QString& message) {
                m_loaded.remove(role);
#ifdef ATTENTIVE_HAS_CHAT_VIEW
                m_chat->setModelMissing(role, message);
#endif
                statusBar()->showMessage(message, 10000);
                updateStatus();
            });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateStatus();
        // The heatmap is shared: each page puts back what it showed.
        if (m_tabs->currentWidget() == m_translate && m_translate->shownSentence() >= 0)
            m_translate->showSentence(m_translate->shownSentence());
#ifdef ATTENTIVE_HAS_CHAT_VIEW
        if (m_tabs->currentWidget() == m_chat) m_chat->showCurrentAttention();
#endif
    });
    connect(m_translate, &TranslateView::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    connect(m_translate, &TranslateView::translationFinished, this,
            [this](const ResultData& result) { setLastRequest(result.seconds, result.targetTokens); });
#ifdef ATTENTIVE_HAS_HEATMAP_VIEW
    connect(m_translate, &TranslateView::attentionChanged, m_heatmap, &HeatmapView::setMatrix);
    connect(m_translate, &TranslateView::attentionStarted, m_heatmap, &HeatmapView::setMatrix);
    connect(m_translate, &TranslateView::attentionRowAdded, m_heatmap, &HeatmapView::appendRow);
    connect(m_heatmap, &HeatmapView::hoveredCell, this, [this](int target, int source) {
        if (m_tabs->currentWidget() == m_translate) m_translate->highlightCell(target, source);
    });
#endif
#ifdef ATTENTIVE_HAS_CHAT_VIEW
    connect(m_chat, &ChatView::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    connect(m_chat, &ChatView::replyFinished, this,
            [this](const QString&, const QString&, double seconds, qint64 tokens) {
                setLastRequest(seconds, tokens);
            });
#ifdef ATTENTIVE_HAS_HEATMAP_VIEW
    connect(m_chat, &ChatView::currentAttentionChanged, m_heatmap, &HeatmapView::setMatrix);
    connect(m_chat, &ChatView::attentionStarted, m_heatmap,
            [this](const QStringList& pieces, const QList<bool>& wordStart) {
                m_heatmap->clear();
                m_heatmap->setSourceTokens(pieces, wordStart);
            });
    connect(m_chat, &ChatView::stepAttention, m_heatmap, &HeatmapView::appendRow);
#endif
#endif
    connect(m_settings, &AppSettings::changed, this, &MainWindow::applySettings);
}

void MainWindow::applySettings() {
    const QPair<int, QString> engineOptions(m_settings->threads(), m_settings->precision());
    if (engineOptions != m_engineOptions) {
        m_engineOptions = engineOptions;
        m_chatModelPath.clear();
        loadChatModel();
        m_translate->reloadModel();
    }
    applyTheme(m_settings->theme(), m_settings->fontSize());
    for (QAction* action : m_themeGroup->actions())
        action->setChecked(action->data().toString() == m_settings->theme());
#ifdef ATTENTIVE_HAS_CHAT_VIEW
    m_chat->setDecodeSettings(m_settings->chatSettings());
#endif
    updateStatus();
}

void MainWindow::refreshModels() {
    m_models = discoverModels(modelSearchFolders(m_settings->modelFolders() + m_extraModelFolders));
    m_translate->setModels(m_models);
    loadChatModel();

    bool any = false;
    for (const ModelInfo& info : m_models)
        any |= info.task == kChatRole || info.task == kTranslateRole;
    if (!any && !m_noModelShown) {
        m_noModelShown = true;
        const QString help =
            tr("<p><b>No model is installed yet.</b></p>"
               "<p>Attentive runs its own models on your computer. To get one:</p>"
               "<ul><li>train one with <code>attentive-cli train</code> (it writes a model "
               "folder), then</li>"
               "<li>add that folder with <b>Models &gt; Model Manager &gt; Add Folder…</b>, or copy "
               "it into <code>%1</code>.</li></ul>")
                .arg((QStringList{} << modelSearchFolders()).value(0, QStringLiteral("models/")).toHtmlEscaped());
        statusBar()->showMessage(tr("No model installed: see Models > Model Manager."));
        auto* box = new QMessageBox(QMessageBox::Information, tr("No Model Installed"), help,
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("noModelMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QTimer::singleShot(0, box, [box] { box->open(); });
    }
}

void MainWindow::loadChatModel() {
    QVector<ModelInfo> chats;
    for (const ModelInfo& info : m_models)
        if (info.task == kChatRole) chats.append(info);
    if (chats.isEmpty()) {
#ifdef ATTENTIVE_HAS_CHAT_VIEW
        m_chat->setModelMissing(kChatRole, tr("No chat model is installed. Train one with "
                                              "attentive-cli train, or add a model folder in "
                                              "Models > Model Manager."));
#endif
        return;
    }
    QString wanted = m_settings->lastModel(kChatRole);
    const auto has = [&](const QString& path) {
        return std::any_of(chats.begin(), chats.end(), [&](const ModelInfo& i) { return i.path == path; });
    };
    if (!has(wanted)) {
        wanted = chats.front().path;
        for (const ModelInfo& info : chats)
            if (QFileInfo(info.path).fileName() == QLatin1String("chat-en") || info.name == QLatin1String("chat-en"))
                wanted = info.path;
    }
    if (wanted == m_chatModelPath && (m_loaded.contains(kChatRole) || m_chatLoadId)) return;
    m_chatModelPath = wanted;
    m_chatLoadId = m_service->loadModel(kChatRole, wanted, m_settings->threads(), m_settings->precision());
}

void MainWindow::showChat() {
    if (m_chat) m_tabs->setCurrentWidget(m_chat);
    else m_tabs->setCurrentIndex(0);
}

void MainWindow::showTranslate() { m_tabs->setCurrentWidget(m_translate); }

QString MainWindow::currentRole() const {
    return m_tabs->currentWidget() == m_translate ? kTranslateRole : kChatRole;
}

void MainWindow::updateStatus() {
    if (!m_statusModel) return;
    const QString role = currentRole();
    const int threads = m_settings->threads();
    m_statusThreads->setText(threads > 0 ? tr("%n thread(s)", nullptr, threads)
                                         : tr("%n thread(s)", nullptr, QThread::idealThreadCount()));
    if (m_loaded.contains(role)) {
        const ModelInfo info = m_loaded.value(role);
        m_statusModel->setText(info.task == kTranslateRole
                                   ? tr("%1 (%2 → %3)").arg(info.name, info.sourceLanguage, info.targetLanguage)
                                   : info.name);
        m_statusModel->setToolTip(info.path);
        m_statusPrecision->setText(info.precision);
    } else {
        m_statusModel->setText(tr("No %1 model").arg(role == kChatRole ? tr("chat") : tr("translation")));
        m_statusPrecision->clear();
    }
}

void MainWindow::setLastRequest(double seconds, qint64 tokens) {
    const double rate = seconds > 0 ? tokens / seconds : 0.0;
    m_statusSpeed->setText(tr("%1 ms · %2 tokens/s")
                               .arg(QLocale().toString(seconds * 1000.0, 'f', 0),
                                    QLocale().toString(rate, 'f', 0)));
}

void MainWindow::openText() {
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Text"), documents,
                                                      tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty()) return;
    showTranslate();
    m_translate->openFile(path);
}

void MainWindow::saveTranslation() {
    if (m_translate->targetText().isEmpty()) {
        statusBar()->showMessage(tr("There is no translation to save yet."), 5000);
        return;
    }
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Translation"),
                                                      documents + QLatin1Char('/') + tr("translation.txt"),
                                                      tr("Text files (*.txt)"));
    if (!path.isEmpty()) m_translate->saveTranslation(path);
}

void MainWindow::openModelManager() {
    if (!m_manager) {
        m_manager = new ModelManagerDialog(m_settings, this);
        m_manager->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_manager, &ModelManagerDialog::modelsChanged, this, [this] { refreshModels(); });
        connect(m_manager, &ModelManagerDialog::useModel, this,
                [this](const QString& role, const QString& folder) {
                    if (role == kTranslateRole) {
                        m_translate->selectModel(folder);
                        showTranslate();
                    } else {
                        m_settings->setLastModel(kChatRole, folder);
                        loadChatModel();
                        showChat();
                    }
                });
    }
    m_manager->show();
    m_manager->raise();
    m_manager->activateWindow();
}

void MainWindow::openSettings() {
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() == QDialog::Accepted) refreshModels();
}

void MainWindow::about() {
    QMessageBox box(this);
    box.setWindowTitle(tr("About Attentive"));
    box.setIconPixmap(QIcon(QStringLiteral(":/attentive/attentive.svg")).pixmap(72, 72));
    box.setText(tr("<h3>Attentive %1</h3>"
                   "<p>Chat and translate with small sequence-to-sequence models that run on "
                   "your own computer, and watch where each model looks while it writes.</p>"
                   "<p><i>A note on the heatmap:</i> attention weights show where the model "
                   "looked when it produced a word, not why it decided on that word.</p>")
                    .arg(QStringLiteral(ATTENTIVE_VERSION)));
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_settings->setWindowLayout(saveGeometry(), saveState());
    m_service->cancelAll();
    event->accept();
}

}  // namespace attentive::ui
