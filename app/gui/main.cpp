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

// OpenMP threads spin after each parallel region before they sleep. With libgomp's default
// (300,000 spins) they burn a desktop's or laptop's CPU while the user reads, and on two cores they
// starved the GUI and the loader: start-up took 0.8 s instead of 0.5 under load. Not spinning at
// all (OMP_WAIT_POLICY=PASSIVE) slows decoding, whose primitives follow each other closely: en-fr
// greedy took 5.8-7.0 ms against 4.2 ms with a short spin of 20,000. libgomp reads these once,
// before main(), so unless the user chose, restart this process with the short spin.
void preferShortOpenMpSpins(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("GOMP_SPINCOUNT") != nullptr) return;
    setenv("GOMP_SPINCOUNT", "20000", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: then run as we are
}

}  // namespace

int main(int argc, char** argv) {
    preferShortOpenMpSpins(argv);
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
