#pragma once
// A language's name for people ("French") from its code ("fr"); the code itself when Qt does
// not know it.

#include <QString>

namespace attentive::ui {

QString languageName(const QString& code);

}  // namespace attentive::ui
