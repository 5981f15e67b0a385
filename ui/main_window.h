#pragma once
// The application window: Chat and Translate tabs, the attention heatmap in a dock beside
// them, menus, and a status bar with the model, precision, threads and the speed of the last
// request. Owns the EngineService; closing the window stops and joins the engine thread.

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QVector>

#include "ui/engine_types.h"

class QActionGroup;
class QDockWidget;
class QLabel;
class QTabWidget;

namespace attentive::ui {

class AppSettings;
class AttentionBoard;
class ChatView;
class ConversationStore;
class EngineService;
class HeatmapView;
class ModelManagerDialog;
class TranslateView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // conversationsDir: where chats are kept ("" = the user's data folder).
    // extraModelFolders: searched besides the usual folders for this session only.
    MainWindow(AppSettings* settings, const QString& conversationsDir = {},
               const QStringList& extraModelFolders = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    EngineService* service() const { return m_service; }
    AttentionBoard* attentionBoard() const { return m_attention; }
    TranslateView* translateView() const { return m_translate; }
    ChatView* chatView() const { return m_chat; }
    HeatmapView* heatmapView() const { return m_heatmap; }
    QDockWidget* heatmapDock() const { return m_dock; }
    QTabWidget* tabs() const { return m_tabs; }
    const QVector<ModelInfo>& installedModels() const { return m_models; }
    bool isModelLoaded(const QString& role) const { return m_loaded.contains(role); }

    void showChat();
    void showTranslate();

public slots:
    // Looks for models again and hands them to the views.
    void refreshModels();
    void openText();
    void saveTranslation();
    void openModelManager();
    void openSettings();
    void about();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void connectViews();
    void loadChatModel();
    void applySettings();
    void updateStatus();
    void setLastRequest(double seconds, qint64 tokens);
    // Tells the person, visibly, what loading the conversations could not keep.
    void reportStoreWarnings(const QStringList& warnings);
    QString currentRole() const;

    AppSettings* m_settings;
    QStringList m_extraModelFolders;
    EngineService* m_service = nullptr;
    AttentionBoard* m_attention = nullptr;
    ConversationStore* m_store = nullptr;
    QTabWidget* m_tabs = nullptr;
    TranslateView* m_translate = nullptr;
    ChatView* m_chat = nullptr;
    HeatmapView* m_heatmap = nullptr;
    QDockWidget* m_dock = nullptr;
    QPointer<ModelManagerDialog> m_manager;
    QVector<ModelInfo> m_models;
    QHash<QString, ModelInfo> m_loaded;  // role -> loaded model
    QString m_chatModelPath;
    quint64 m_chatLoadId = 0;
    // The threads and precision the loaded models were loaded with: a change reloads them.
    QPair<int, QString> m_engineOptions;
    bool m_noModelShown = false;

    QLabel* m_statusModel = nullptr;
    QLabel* m_statusPrecision = nullptr;
    QLabel* m_statusThreads = nullptr;
    QLabel* m_statusSpeed = nullptr;
    QActionGroup* m_themeGroup = nullptr;
};

}  // namespace attentive::ui
