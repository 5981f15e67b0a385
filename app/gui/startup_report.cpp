#include "startup_report.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

#include <unistd.h>

#include <cstdio>
#include <memory>

#include "common/peak_memory.h"
#include "ui/engine_service.h"
#include "ui/main_window.h"

namespace {

// Milliseconds the process had run before main(): dynamic linking and static initialisers,
// which a timer started in main() cannot see. Linux only; -1 elsewhere. The clock starts with the
// process ID, so a script that `exec`s the app (scripts/run.sh) adds its own time: launch the
// binary directly to measure the app alone.
qint64 msBeforeMain(const QElapsedTimer& sinceMain) {
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly)) return -1;
    // Field 22 (start time, in clock ticks since boot) comes after the parenthesised name.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20) return -1;
    const double startSeconds = fields[19].toDouble() / static_cast<double>(sysconf(_SC_CLK_TCK));
    const double nowSeconds = uptime.readAll().split(' ').value(0).toDouble();
    return static_cast<qint64>((nowSeconds - startSeconds) * 1000.0) - sinceMain.elapsed();
}

}  // namespace

void reportStartupWhenReady(attentive::ui::MainWindow& window, const QElapsedTimer& sinceMain) {
    struct State {
        QSet<QString> loaded;
        QJsonObject report;
        bool done = false;
    };
    const qint64 beforeMain = msBeforeMain(sinceMain);
    auto state = std::make_shared<State>();
    state->report = {{QStringLiteral("before_main_ms"), beforeMain},
                     {QStringLiteral("window_shown_ms"), sinceMain.elapsed() + beforeMain}};
    auto finish = [state, &sinceMain, beforeMain](const QString& outcome) {
        if (state->done) return;
        state->done = true;
        state->report.insert(QStringLiteral("outcome"), outcome);
        state->report.insert(QStringLiteral("models_ready_ms"), sinceMain.elapsed() + beforeMain);
        state->report.insert(QStringLiteral("peak_rss_mb"), attentive::app::peak_resident_mb());
        std::fputs(QJsonDocument(state->report).toJson().constData(), stdout);
        std::fflush(stdout);
        QApplication::exit(outcome == QLatin1String("ready") ? 0 : 1);
    };
    auto* service = window.service();
    QObject::connect(service, &attentive::ui::EngineService::modelLoaded, &window,
                     [=](quint64, const QString& role, const attentive::ui::ModelInfo& info) {
                         state->loaded.insert(role);
                         state->report.insert(role + QStringLiteral("_model"), info.name);
                         if (state->loaded.contains(QStringLiteral("chat")) &&
                             state->loaded.contains(QStringLiteral("translate")))
                             finish(QStringLiteral("ready"));
                     });
    QObject::connect(service, &attentive::ui::EngineService::modelFailed, &window,
                     [=](quint64, const QString& role, const QString& message) {
                         state->report.insert(QStringLiteral("error"), role + QStringLiteral(": ") + message);
                         finish(QStringLiteral("failed"));
                     });
    QTimer::singleShot(30000, &window, [=] { finish(QStringLiteral("timed out")); });
}
