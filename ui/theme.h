#pragma once
// The application's look: the Fusion style with a light or dark palette in the icon's colours,
// and the user's font size.

#include <QColor>
#include <QString>

namespace attentive::ui {

// theme: "system" (the platform palette), "light" or "dark". Applies to the whole application.
void applyTheme(const QString& theme, int fontPointSize);
// True when the palette in use is dark (for views that pick their own colours).
bool isDarkPalette();
// Registers the compiled-in resources (the icon); safe to call more than once.
void ensureResources();
// The accent colour used for highlights and the icon.
QColor accentColor();

}  // namespace attentive::ui
