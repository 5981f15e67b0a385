#include "screenshot_demo.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QThread>

#include <cstdio>
#include <functional>

#include "ui/app_settings.h"
#include "ui/chat_view.h"
#include "ui/main_window.h"
#include "ui/translate_view.h"

using namespace attentive::ui;

namespace {

// Keeps the event loop running until `done` holds or `timeoutMs` passes.
bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) return false;
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

void settle(int ms = 300) {
    waitUntil([] { return false; }, ms);
}

bool save(QWidget* widget, const QDir& directory, const QString& name) {
    settle();
    const QString path = directory.filePath(name);
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

// Everyday text a user would paste: a letter, with a name and numbers the models never saw, a
// date, and a salutation and closing (core/text/letter_formulas.h). The jagged cliffs were
// added because en-fr's earlier weights left "jagged" out and flagged it; the weights of 3
// December mistranslate it ("la falaise en l'air") and flag nothing. The apology's "not" was
// dropped by en-fr ("Je suis désolé d'avoir écrit plus tôt") before core/text/negation.h. The
// brother's name was dropped in every direction ("Mon frère a déménagé ...") before names were
// inserted where the attention looked for them (core/decoding/insertion_points.h).
const char* kSampleText =
    "Dear Priya,\n\nThank you for your letter of 12 March. I am sorry that I did not write sooner, but the last "
    "few weeks have been very busy. We arrived in Boston at 9:30 after a long trip.\n\n"
    "The hotel has 250 rooms and a small garden. Tomorrow we will visit the museum with the children. "
    "We walked along the jagged cliffs by the sea. My brother Paul moved to Vienna last summer.\n\n"
    "Best regards,\nTom Miller";

}  // namespace

int runScreenshotDemo(MainWindow& window, AppSettings& settings, const QString& directory) {
    QDir dir(directory);
    dir.mkpath(QStringLiteral("."));
    int status = 0;
    window.resize(1360, 860);
    settle(500);

    // Translate, with the second sentence's heatmap and a hovered word linking both panes.
    TranslateView* translate = window.translateView();
    window.showTranslate();
    if (!waitUntil([&] { return translate->isModelReady(); }, 60000)) {
        std::fprintf(stderr, "no translation model became ready\n");
        status = 1;
    } else {
        translate->setSourceText(QString::fromUtf8(kSampleText));
        translate->translateNow();
        waitUntil([&] { return !translate->isTranslating() && !translate->result().sentences.isEmpty(); },
                  180000);
        translate->showSentence(1);
        translate->highlightCell(2, -1);
    }
    save(&window, dir, QStringLiteral("translate.png"));
    if (window.heatmapDock()) save(window.heatmapDock(), dir, QStringLiteral("heatmap.png"));

    ChatView* chat = window.chatView();
    window.showChat();
    if (!waitUntil([&] { return window.isModelLoaded(QStringLiteral("chat")); }, 60000)) status = 1;
    chat->newConversation(QStringLiteral("chat"));
    for (const char* message : {"Hi! How are you today?", "What are you doing this weekend?"}) {
        chat->send(QString::fromUtf8(message));
        settle(500);
        if (!waitUntil([&] { return !chat->isBusy(); }, 120000)) status = 1;
    }
    chat->showAttention(3);  // the second reply: you, bot, you, bot
    save(&window, dir, QStringLiteral("chat.png"));

    settings.setTheme(QStringLiteral("dark"));
    window.showTranslate();
    save(&window, dir, QStringLiteral("translate-dark.png"));
    window.showChat();
    save(&window, dir, QStringLiteral("chat-dark.png"));
    return status;
}
