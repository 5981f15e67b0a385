// attentive: the desktop app. Everything lives in attentive_ui; this sets up the application,
// reads the command line and shows the window.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QTemporaryDir>
#include <QTimer>

#include <optional>

#include "screenshot_demo.h"
#include "ui/app_settings.h"
#include "ui/main_window.h"
#include "ui/theme.h"
#include "ui/translate_view.h"

int main(int argc, char** argv) {
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
    parser.addOption(modelFolder);
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
