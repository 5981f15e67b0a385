#pragma once
// Small drawing helpers shared by the chat page's delegates: colour mixing, the theme's
// darkness, chat-style text wrapping and the short dates shown beside messages.

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QPalette>
#include <QSizeF>
#include <QString>

class QTextLayout;

namespace attentive::ui {

// a·(1−t) + b·t, channel by channel.
QColor mix(const QColor& a, const QColor& b, double t);
bool isDark(const QPalette& palette);

struct WrappedText {
    QSizeF size;
    qreal lineHeight = 0;
};
// Wraps like a chat client: at word boundaries, inside a word only when it is wider than a
// line. Lays the text out into `out` when given (to draw it).
WrappedText wrapText(const QString& text, const QFont& font, qreal width, QTextLayout* out = nullptr);

// Today: the time; this year: day and month; older: with the year.
QString shortWhen(const QDateTime& utc);

}  // namespace attentive::ui
