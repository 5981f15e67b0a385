#include "ui/language_name.h"

#include <QLocale>

namespace attentive::ui {

QString languageName(const QString& code) {
    const QLocale locale(code);
    if (locale.language() == QLocale::C || code.isEmpty()) return code;
    return QLocale::languageToString(locale.language());
}

}  // namespace attentive::ui
