// MainWindow: finds the models, loads "en-fr" for Translate and "chat-en" for Chat, shows them
// in the status bar, switches theme, and closes cleanly in the middle of a translation.
#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QScreen>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QDockWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QStatusBar>

#include "core/ops/ops.h"
#include "support/test_models.h"
#include "ui/app_settings.h"
#include "ui/attention_board.h"
#include "ui/chat_view.h"
#include "ui/heatmap_view.h"
#include "ui/engine_service.h"
#include "ui/main_window.h"
#include "ui/theme.h"
#include "ui/translate_view.h"

using namespace attentive::ui;

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_models;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_models = m_dir.filePath(QStringLiteral("models"));
        struct Spec { const char* name; attentive::Task task; const char* source; const char* target; };
        for (const Spec& spec : {Spec{"de-en", attentive::Task::translate, "de", "en"},
                                 Spec{"en-fr", attentive::Task::translate, "en", "fr"},
                                 Spec{"chat-en", attentive::Task::chat, "en", "en"}}) {
            auto config = attentive::testing::tiny_config();
            config.name = spec.name;
            config.task = spec.task;
            config.source_language = spec.source;
            config.target_language = spec.target;
            attentive::testing::write_random_model((m_models + "/" + spec.name).toStdString(), config, 3, 1.5f);
        }
    }

    // The window never opens larger than the screen's free area, even when the saved geometry
    // is larger (a different screen, a scale factor).
    void opensWithinTheScreen() {
        AppSettings settings(m_dir.filePath(QStringLiteral("screen.ini")));
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        {
            QMainWindow huge;
            huge.setGeometry(-50, -50, available.width() * 2, available.height() * 2);
            settings.setWindowLayout(huge.saveGeometry(), {});
        }
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("conversations")), {m_models});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(window.width() <= available.width() && window.height() <= available.height(),
                 qPrintable(QStringLiteral("%1×%2 on %3×%4").arg(window.width()).arg(window.height())
                                .arg(available.width()).arg(available.height())));
        QVERIFY2(available.contains(window.geometry()),
                 qPrintable(QStringLiteral("%1,%2 %3×%4 in %5,%6 %7×%8").arg(window.geometry().x()).arg(window.geometry().y()).arg(window.width()).arg(window.height()).arg(available.x()).arg(available.y()).arg(available.width()).arg(available.height())));
    }

    // At 800×600 the attention dock takes a share of the height that leaves the chat most of
    // it; the share follows the window and the user's own choice.
    void dockHeightFollowsTheWindow() {
        AppSettings settings(m_dir.filePath(QStringLiteral("dock.ini")));
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("conversations")), {m_models});
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("attentionDock"));
        QVERIFY(dock);
        QTRY_VERIFY2(dock->height() < 0.45 * window.height() && dock->height() > 0.3 * window.height(),
                     qPrintable(QString::number(dock->height())));
        QVERIFY2(window.centralWidget()->height() > 250, qPrintable(QString::number(window.centralWidget()->height())));
        // The user makes the dock smaller; a taller window keeps that share.
        window.resizeDocks({dock}, {150}, Qt::Vertical);
        QTRY_VERIFY(std::abs(dock->height() - 150) <= 4);
        const double share = double(dock->height()) / window.height();
        window.resize(800, 500);
        QTRY_VERIFY2(std::abs(dock->height() - share * 500) <= 6, qPrintable(QString::number(dock->height())));
    }

    void startsWithPreferredModels() {
        AppSettings settings(m_dir.filePath(QStringLiteral("start.ini")));
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("conversations")), {m_models});
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.translateView()->isModelReady(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(window.isModelLoaded(QStringLiteral("chat")), 60000);
        QCOMPARE(QFileInfo(window.translateView()->currentModel()).fileName(), QStringLiteral("en-fr"));
        window.showTranslate();
        auto* model = window.findChild<QLabel*>(QStringLiteral("statusModel"));
        QVERIFY(model);
        QVERIFY2(model->text().contains(QStringLiteral("en-fr")), qPrintable(model->text()));
        auto* precision = window.findChild<QLabel*>(QStringLiteral("statusPrecision"));
        QCOMPARE(precision->text(), QStringLiteral("f32"));
        window.showChat();
        QVERIFY2(model->text().contains(QStringLiteral("chat-en")), qPrintable(model->text()));
    }

    // Opened on Chat, the translator loads in the background: the status bar must not say
    // "Loaded en-fr." over the chat, where it reads as the chat's model.
    void statusMessagesStayWithTheirPage() {
        AppSettings settings(m_dir.filePath(QStringLiteral("chat-first.ini")));
        settings.setSession(QStringLiteral("chat"), QString(), QString());
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("conversations")), {m_models});
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.translateView()->isModelReady(), 60000);
        QVERIFY(!window.translateView()->isVisible());
        QVERIFY2(!window.statusBar()->currentMessage().contains(QStringLiteral("en-fr")),
                 qPrintable(window.statusBar()->currentMessage()));
        // Said on Translate, it goes when Chat comes back.
        window.showTranslate();
        window.translateView()->copyTranslation();
        QVERIFY(!window.statusBar()->currentMessage().isEmpty());
        window.showChat();
        QCOMPARE(window.statusBar()->currentMessage(), QString());
    }

    // Changing the precision in the settings reloads both models in it: the status bar says so
    // for each page.
    void precisionSettingReloadsModels() {
        if (!attentive::ops::precision_supported(attentive::ops::Precision::int8))
            QSKIP("int8 is not native on this CPU");
        AppSettings settings(m_dir.filePath(QStringLiteral("precision.ini")));
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("conversations")), {m_models});
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.translateView()->isModelReady(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(window.isModelLoaded(QStringLiteral("chat")), 60000);
        auto* precision = window.findChild<QLabel*>(QStringLiteral("statusPrecision"));
        window.showTranslate();
        QCOMPARE(precision->text(), QStringLiteral("f32"));
        settings.setPrecision(QStringLiteral("int8"));
        QTRY_COMPARE_WITH_TIMEOUT(precision->text(), QStringLiteral("int8"), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(window.translateView()->isModelReady(), 60000);
        window.showChat();
        QTRY_COMPARE_WITH_TIMEOUT(precision->text(), QStringLiteral("int8"), 60000);
    }

    void menusAreNamedAndReachable() {
        AppSettings settings(m_dir.filePath(QStringLiteral("menus.ini")));
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("conversations")), {m_models});
        QStringList menus;
        for (QAction* action : window.menuBar()->actions()) {
            menus << action->text().remove(QLatin1Char('&'));
            QVERIFY(action->text().contains(QLatin1Char('&')));  // Alt+letter opens it
        }
        QCOMPARE(menus, (QStringList{"File", "Edit", "View", "Models", "Help"}));
    }

    void themeFollowsSettings_data() {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<bool>("dark");
        QTest::newRow("dark") << "dark" << true;
        QTest::newRow("light") << "light" << false;
    }

    void themeFollowsSettings() {
        QFETCH(QString, theme);
        QFETCH(bool, dark);
        AppSettings settings(m_dir.filePath(QStringLiteral("theme.ini")));
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("conversations")), {m_models});
        settings.setTheme(theme);
        QCOMPARE(isDarkPalette(), dark);
    }

    // The heatmap shows the current page's attention only: never a running translation's on
    // the Chat tab, never the chat's on Translate; a new conversation starts empty; the status
    // bar names the model that answers in the conversation shown.
    void heatmapAndStatusFollowThePage() {
        AppSettings settings(m_dir.filePath(QStringLiteral("pages.ini")));
        settings.setTranslateAsYouType(false);
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("pages-conversations")), {m_models});
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.translateView()->isModelReady(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(window.isModelLoaded(QStringLiteral("chat")), 60000);
        AttentionBoard* board = window.attentionBoard();
        auto* status = window.findChild<QLabel*>(QStringLiteral("statusModel"));

        window.showChat();
        const QString translation = window.chatView()->newConversation(QStringLiteral("en-fr"));
        QSignalSpy finished(window.chatView(), &ChatView::replyFinished);
        window.chatView()->send(QStringLiteral("The cat sleeps."));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(status->text().contains(QStringLiteral("en-fr")), qPrintable(status->text()));
        QVERIFY(!board->shown().matrix.weights.isEmpty());
        QCOMPARE(board->shown().model, QStringLiteral("en-fr"));
        QVERIFY2(window.heatmapDock()->windowTitle().contains(QStringLiteral("en-fr")),
                 qPrintable(window.heatmapDock()->windowTitle()));

        window.chatView()->newConversation(QStringLiteral("chat"));
        QVERIFY(board->shown().matrix.weights.isEmpty());
        QVERIFY2(status->text().contains(QStringLiteral("chat-en")), qPrintable(status->text()));

        // A translation decoding while the Chat tab is shown: its rows never reach the chat's map.
        QSignalSpy rows(board, &AttentionBoard::rowAdded);
        QStringList many;
        for (int i = 0; i < 40; ++i) many << QStringLiteral("The dog number %1 runs.").arg(i);
        window.translateView()->setSourceText(many.join(QLatin1Char(' ')));
        window.translateView()->translateNow();
        QTRY_VERIFY_WITH_TIMEOUT(!window.translateView()->isTranslating(), 60000);
        QCOMPARE(rows.count(), 0);
        QVERIFY(board->shown().matrix.weights.isEmpty());
        window.showTranslate();
        QVERIFY(!board->shown().matrix.weights.isEmpty());
        QCOMPARE(board->shown().matrix.sourcePieces,
                 window.translateView()->result().sentences.value(0).hypotheses.value(0).attention.sourcePieces);
        window.showChat();
        window.chatView()->selectConversation(translation);
        QCOMPARE(board->shown().model, QStringLiteral("en-fr"));
    }

    // What loading the conversations could not keep is shown, not only logged.
    void storeWarningsAreShown() {
        const QString dir = m_dir.filePath(QStringLiteral("damaged-conversations"));
        QVERIFY(QDir().mkpath(dir));
        QFile damaged(dir + QStringLiteral("/broken.json"));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{ this is not json");
        damaged.close();
        AppSettings settings(m_dir.filePath(QStringLiteral("warn.ini")));
        MainWindow window(&settings, dir, {m_models});
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QMessageBox*>(QStringLiteral("conversationWarnings")), 5000);
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("conversationWarnings"));
        QVERIFY(box->detailedText().contains(QStringLiteral("broken.json")));
    }

    // The page, the Translate text and the heatmap's units come back after a restart.
    void restoresWhereItLeftOff() {
        AppSettings settings(m_dir.filePath(QStringLiteral("session.ini")));
        settings.setTranslateAsYouType(false);
        {
            MainWindow window(&settings, m_dir.filePath(QStringLiteral("session-conversations")), {m_models});
            window.show();
            window.translateView()->setSourceText(QStringLiteral("A letter I was writing."));
            window.heatmapView()->setDisplayMode(HeatmapModel::DisplayMode::Words);
            window.showChat();
            window.close();
        }
        MainWindow window(&settings, m_dir.filePath(QStringLiteral("session-conversations")), {m_models});
        QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget*>(window.chatView()));
        QCOMPARE(window.attentionBoard()->currentPage(), AttentionBoard::Page::Chat);
        QCOMPARE(window.translateView()->sourceText(), QStringLiteral("A letter I was writing."));
        QCOMPARE(window.heatmapView()->model()->displayMode(), HeatmapModel::DisplayMode::Words);
    }

    void closesDuringTranslation() {
        AppSettings settings(m_dir.filePath(QStringLiteral("close.ini")));
        auto* window = new MainWindow(&settings, m_dir.filePath(QStringLiteral("conversations")), {m_models});
        window->show();
        QTRY_VERIFY_WITH_TIMEOUT(window->translateView()->isModelReady(), 60000);
        QStringList many;
        for (int i = 0; i < 200; ++i) many << QStringLiteral("The cat number %1 sleeps.").arg(i);
        window->translateView()->setSourceText(many.join(QLatin1Char(' ')));
        window->translateView()->translateNow();
        QVERIFY(window->translateView()->isTranslating());
        QElapsedTimer timer;
        timer.start();
        window->close();
        delete window;
        QVERIFY(timer.elapsed() < 10000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
