#pragma once
// A scripted tour for documentation: translates a sample text, shows a sentence's heatmap,
// holds a short chat, and saves each page as a PNG. Used by scripts/screenshots.sh.

#include <QString>

namespace attentive::ui {
class AppSettings;
class MainWindow;
}  // namespace attentive::ui

// Runs the tour on a shown window and writes PNGs into `directory`. Returns 0 on success,
// 1 when a page could not be prepared (the PNGs that could be taken are still written).
int runScreenshotDemo(attentive::ui::MainWindow& window, attentive::ui::AppSettings& settings,
                      const QString& directory);
