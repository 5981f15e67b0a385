#include "ui/chat_style.h"

#include <QDate>
#include <QLocale>
#include <QTextLayout>
#include <QTextOption>

#include <algorithm>

namespace attentive::ui {

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

WrappedText wrapText(const QString& text, const QFont& font, qreal width, QTextLayout* out) {
    QString shown = text;
    shown.replace(QLatin1Char('\n'), QChar::LineSeparator);
    QTextLayout local;
    QTextLayout& layout = out ? *out : local;
    layout.setText(shown);
    layout.setFont(font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    WrappedText result;
    qreal y = 0;
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
        result.lineHeight = line.height();
        result.size.setWidth(std::max(result.size.width(), line.naturalTextWidth()));
    }
    layout.endLayout();
    result.size.setHeight(y);
    return result;
}

QString shortWhen(const QDateTime& utc) {
    const QDateTime local = utc.toLocalTime();
    const QDate today = QDate::currentDate();
    if (local.date() == today)
        return local.toString(QStringLiteral("HH:mm"));
    if (local.date().year() == today.year())
        return QLocale().toString(local.date(), QStringLiteral("d MMM"));
    return QLocale().toString(local.date(), QStringLiteral("d MMM yyyy"));
}

}  // namespace attentive::ui
