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
#include "ui/attention_board.h"
#include "ui/chat_view.h"
#include "ui/conversation_store.h"
#include "ui/engine_service.h"
#include "ui/heatmap_view.h"
#include "ui/model_manager.h"
#include "ui/settings_dialog.h"
#include "ui/theme.h"
#include "ui/translate_view.h"
#include "ui/window_sizing.h"


namespace attentive::ui {

namespace {

const QString kChatRole = QStringLiteral("chat");
const QString kTranslateRole = QStringLiteral("translate");

}  // namespace

MainWindow::MainWindow(AppSettings* settings, const QString& conversationsDir,
                       const QStringList& extraModelFolders, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_extraModelFolders(extraModelFolders) {
    ensureResources();
    // Theme and font first: widgets built before them would keep the platform's font size.
    applyTheme(m_settings->theme(), m_settings->fontSize());
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Attentive"));
    setWindowIcon(QIcon(QStringLiteral(":/attentive/attentive.svg")));
    m_service = new EngineService(this);
    m_attention = new AttentionBoard(m_service, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->setAccessibleName(tr("Pages"));
    m_tabs->setDocumentMode(true);

    m_store = conversationsDir.isEmpty() ? new ConversationStore(this)
                                         : new ConversationStore(conversationsDir, this);
    // Read in the background: a history of any length must not hold the window back.
    connect(m_store, &ConversationStore::loaded, this, [this](const QStringList& warnings) {
        if (!warnings.isEmpty()) reportStoreWarnings(warnings);
    });
    m_store->loadInBackground();
    m_chat = new ChatView(m_service, m_store, m_attention, m_tabs);
    m_chat->setObjectName(QStringLiteral("chatView"));
    m_tabs->addTab(m_chat, tr("&Chat"));
    m_translate = new TranslateView(m_service, m_settings, m_attention, m_tabs);
    m_tabs->addTab(m_translate, tr("&Translate"));
    setCentralWidget(m_tabs);

    m_dock = new QDockWidget(tr("Attention"), this);
    m_dock->setObjectName(QStringLiteral("attentionDock"));
    m_dock->setAccessibleName(tr("Attention heatmap"));
    m_dock->setAllowedAreas(Qt::AllDockWidgetAreas);
    m_heatmap = new HeatmapView(m_dock);
    m_heatmap->setObjectName(QStringLiteral("heatmapView"));
    m_dock->setWidget(m_heatmap);
    addDockWidget(Qt::BottomDockWidgetArea, m_dock);

    buildMenus();
    buildStatusBar();
    connectViews();
    m_engineOptions = {m_settings->threads(), m_settings->precision()};
    applySettings();

    // Never larger than the screen (a scale factor can make 1200×780 too big); the heatmap dock
    // keeps about 35% of the height, or the share the user gave it (restoreState keeps it).
    resize(firstWindowSize(this));
    keepOnScreen(this);
    constexpr double kDockShare = 0.35;
    resizeDocks({m_dock}, {int(kDockShare * height())}, Qt::Vertical);
    if (!m_settings->windowGeometry().isEmpty()) restoreGeometry(m_settings->windowGeometry());
    if (!m_settings->windowState().isEmpty()) restoreState(m_settings->windowState());
    keepOnScreen(this);
    new DockHeightShare(this, m_dock, kDockShare, m_settings->windowState().isEmpty());

    // Where the last session left off.
    m_translate->setSourceText(m_settings->lastTranslateText());
    if (m_settings->heatmapUnits() == QLatin1String("words"))
        m_heatmap->setDisplayMode(HeatmapModel::DisplayMode::Words);
    refreshModels();
    m_tabs->setCurrentWidget(m_settings->lastPage() == QLatin1String("chat") ? static_cast<QWidget*>(m_chat)
                                                                              : m_translate);
    m_attention->setCurrentPage(m_tabs->currentWidget() == m_chat ? AttentionBoard::Page::Chat
                                                                   : AttentionBoard::Page::Translate);
}

void MainWindow::reportStoreWarnings(const QStringList& warnings) {
    const QString summary = tr("%n conversation file(s) could not be read completely: see the details.",
                               nullptr, int(warnings.size()));
    statusBar()->showMessage(summary, 15000);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Conversations"), summary, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("conversationWarnings"));
    box->setInformativeText(tr("Every message that could be read is kept; what could not is listed."));
    box->setDetailedText(warnings.join(QStringLiteral("\n\n")));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QTimer::singleShot(0, box, [box] { box->open(); });
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Text…"), this, &MainWindow::openText);
    open->setShortcut(QKeySequence::Open);
    QAction* save = file->addAction(tr("&Save Translation…"), this, &MainWindow::saveTranslation);
    save->setShortcut(QKeySequence::Save);
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    const QList<QPair<QString, HeatmapView::ExportFormat>> formats = {
        {tr("Heatmap as &PNG…"), HeatmapView::ExportFormat::Png},
        {tr("Heatmap as &SVG…"), HeatmapView::ExportFormat::Svg},
        {tr("Heatmap as &CSV…"), HeatmapView::ExportFormat::Csv},
        {tr("Heatmap as &JSON…"), HeatmapView::ExportFormat::Json}};
    for (const auto& [label, format] : formats)
        exportMenu->addAction(label, this, [this, format = format] { m_heatmap->exportWithDialog(format); });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("&Conversation…"), this, [this] {
        if (!m_chat->currentConversation().isEmpty()) m_chat->exportConversation(m_chat->currentConversation());
    });
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
    models->addAction(tr("&Import Model…"), this, [this] { openModelManager(); m_manager->importInteractively(); });
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
                m_chat->setModelInfo(role, info);
                if (role == kChatRole && id == m_chatLoadId) m_chatLoadId = 0;
                updateStatus();
            });
    connect(m_service, &EngineService::modelFailed, this,
            [this](quint64, const QString& role, const QString& message) {
                m_loaded.remove(role);
                m_chat->setModelMissing(role, message);
                statusBar()->showMessage(message, 10000);
                updateStatus();
            });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        // A page's passing message ("Loaded en-fr.", "Translation copied.") is not the next one's.
        statusBar()->clearMessage();
        m_attention->setCurrentPage(m_tabs->currentWidget() == m_chat ? AttentionBoard::Page::Chat
                                                                       : AttentionBoard::Page::Translate);
        updateStatus();
    });
    connect(m_translate, &TranslateView::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    connect(m_translate, &TranslateView::translationFinished, this,
            [this](const ResultData& result) { setLastRequest(result.seconds, result.targetTokens); });
    // The heatmap shows what the attention board says the current page shows.
    connect(m_attention, &AttentionBoard::matrixShown, this,
            [this](const AttentionMatrix& matrix, const QString& model) {
                const QVector<AttentionMatrix>& hypotheses = m_attention->shown().hypotheses;
                if (hypotheses.size() > 1) m_heatmap->setHypotheses(hypotheses);
                else m_heatmap->setMatrix(matrix);
                m_dock->setWindowTitle(model.isEmpty() ? tr("Attention") : tr("Attention · %1").arg(model));
            });
    connect(m_attention, &AttentionBoard::rowAdded, m_heatmap, &HeatmapView::appendRow);
    // Heatmap rows and columns are words or pieces; the translate page links pieces.
    connect(m_heatmap, &HeatmapView::hoveredPieces, this,
            [this](int firstTarget, int, int firstSource, int) {
                if (m_tabs->currentWidget() == m_translate) m_translate->highlightCell(firstTarget, firstSource);
            });
    connect(m_heatmap, &HeatmapView::clickedCell, this, [this](int row, int) {
        if (m_tabs->currentWidget() != m_translate || row < 0) return;
        m_translate->chooseAlternative(m_heatmap->model()->piecesForRow(row).first);
    });
    connect(m_chat, &ChatView::currentConversationChanged, this, &MainWindow::updateStatus);
    connect(m_chat, &ChatView::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    connect(m_chat, &ChatView::replyFinished, this,
            [this](const QString&, const QString&, double seconds, qint64 tokens) {
                setLastRequest(seconds, tokens);
            });
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
    m_chat->setDecodeSettings(m_settings->chatSettings());
    m_chat->setReadingPace(m_settings->chatReadingPace());
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
        m_chat->setModelMissing(kChatRole, tr("No chat model is installed. Train one with "
                                              "attentive-cli train, or add a model folder in "
                                              "Models > Model Manager."));
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
    if (m_tabs->currentWidget() == m_translate) return kTranslateRole;
    // A conversation that translates is answered by the translation model.
    const std::optional<Conversation> conversation = m_store->conversation(m_chat->currentConversation());
    return conversation && conversation->isTranslation() ? kTranslateRole : kChatRole;
}

void MainWindow::updateStatus() {
    if (!m_statusModel) return;
    const QString role = currentRole();
    const int threads = m_settings->threads();
    const int used = threads > 0 ? threads : QThread::idealThreadCount();
    m_statusThreads->setText(used == 1 ? tr("1 thread") : tr("%1 threads").arg(used));
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
    m_settings->setSession(m_tabs->currentWidget() == m_chat ? QStringLiteral("chat") : QStringLiteral("translate"),
                           m_translate->sourceText(),
                           m_heatmap->model()->displayMode() == HeatmapModel::DisplayMode::Words
                               ? QStringLiteral("words")
                               : QStringLiteral("pieces"));
    m_service->cancelAll();
    event->accept();
}

}  // namespace attentive::ui
