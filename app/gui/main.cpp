// attentive: the desktop app. Everything lives in attentive_ui; this sets up the application,
// reads the command line and shows the window.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QIcon>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdlib>
#include <optional>

#include <unistd.h>

#include "screenshot_demo.h"
#include "startup_report.h"
#include "ui/app_settings.h"
#include "ui/main_window.h"
#include "ui/theme.h"
#include "ui/translate_view.h"

namespace {

// OpenMP threads that spin after each parallel region burn a desktop's (or laptop battery's)
// CPU while the user reads, and on two cores they starve the GUI and the loader: start-up took
// twice as long with spinning threads. libgomp reads its policy once, before main(), so unless
// the user chose one, restart this process with passive waiting.
void preferPassiveOpenMpWaits(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: then run as we are
}

}  // namespace

int main(int argc, char** argv) {
    preferPassiveOpenMpWaits(argv);
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    attentive::ui::ensureResources();
    QApplication::setOrganizationName(QStringLiteral("Attentive"));
    QApplication::setApplicationName(QStringLiteral("Attentive"));
    QApplication::setApplicationVersion(QStringLiteral(ATTENTIVE_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("Attentive"));
    QApplication::setDesktopFileName(QStringLiteral("attentive"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/attentive/attentive.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Chat and translate, and see where the model looks."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption modelFolder(
        QStringLiteral("model-folder"),
        QApplication::translate("main", "Also look for models in <folder> (repeatable)."),
        QStringLiteral("folder"));
    const QCommandLineOption screenshots(
        QStringLiteral("screenshot-dir"),
        QApplication::translate("main", "Run a scripted demo, save each page as PNG into <dir>, quit."),
        QStringLiteral("dir"));
    const QCommandLineOption settingsFile(
        QStringLiteral("settings"),
        QApplication::translate("main", "Keep settings in the INI <file> instead of the usual place."),
        QStringLiteral("file"));
    const QCommandLineOption reportStartup(
        QStringLiteral("report-startup"),
        QApplication::translate("main", "Print start-up time and peak memory as JSON once the default "
                                        "models are loaded, then quit."));
    parser.addOption(modelFolder);
    parser.addOption(reportStartup);
    parser.addOption(screenshots);
    parser.addOption(settingsFile);
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "A text file to translate."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    QStringList extraFolders;
    for (const QString& folder : parser.values(modelFolder)) extraFolders << QFileInfo(folder).absoluteFilePath();

    // The demo must neither read nor change the user's settings and conversations.
    const bool demo = parser.isSet(screenshots);
    std::optional<QTemporaryDir> scratch;
    if (demo) scratch.emplace();
    const QString iniPath = demo ? scratch->filePath(QStringLiteral("settings.ini")) : parser.value(settingsFile);
    attentive::ui::AppSettings settings(iniPath);
    if (demo) settings.setTheme(QStringLiteral("light"));
    attentive::ui::MainWindow window(&settings, demo ? scratch->filePath(QStringLiteral("conversations")) : QString(),
                                     extraFolders);
    window.show();
    if (parser.isSet(reportStartup)) reportStartupWhenReady(window, sinceMain);

    if (demo) {
        int status = 0;
        QTimer::singleShot(0, &window, [&] {
            status = runScreenshotDemo(window, settings, parser.value(screenshots));
            window.close();
            QApplication::exit(status);
        });
        const int code = QApplication::exec();
        return code != 0 ? code : status;
    }
    if (!parser.positionalArguments().isEmpty()) {
        window.showTranslate();
        window.translateView()->openFile(parser.positionalArguments().constFirst());
    }
    return QApplication::exec();
}
