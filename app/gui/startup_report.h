#pragma once
// --report-startup: how long the app takes to be usable. Prints one JSON object to stdout once
// the window is shown and both default models (chat and translate) are loaded, then quits.

class QElapsedTimer;

namespace attentive::ui {
class MainWindow;
}

// `sinceMain` was started at the top of main(). Returns the process exit code via the event loop.
void reportStartupWhenReady(attentive::ui::MainWindow& window, const QElapsedTimer& sinceMain);
