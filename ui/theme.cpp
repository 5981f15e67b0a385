#include "ui/theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace attentive::ui {

namespace {

QPalette lightPalette() {
    QPalette p;
    const QColor window(0xf5, 0xf6, 0xfa), base(0xff, 0xff, 0xff), text(0x1f, 0x23, 0x30);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xee, 0xf0, 0xf7));
    p.setColor(QPalette::ToolTipBase, QColor(0x2b, 0x2f, 0x3a));
    p.setColor(QPalette::ToolTipText, QColor(0xf5, 0xf6, 0xfa));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0xa2));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xfb, 0xfb, 0xfd));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, accentColor());
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accentColor().darker(115));
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe6, 0xe8, 0xf0));
    p.setColor(QPalette::Mid, QColor(0xc9, 0xcd, 0xd9));
    p.setColor(QPalette::Dark, QColor(0xa0, 0xa6, 0xb6));
    p.setColor(QPalette::Shadow, QColor(0x60, 0x66, 0x78));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0xa0, 0xa6, 0xb6));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xa0, 0xa6, 0xb6));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0xa0, 0xa6, 0xb6));
    return p;
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x1e, 0x20, 0x27), base(0x16, 0x18, 0x1e), text(0xe4, 0xe6, 0xee);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x25, 0x28, 0x31));
    p.setColor(QPalette::ToolTipBase, QColor(0x2e, 0x32, 0x3d));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x7c, 0x82, 0x94));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2d, 0x37));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, accentColor().lighter(110));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x9d, 0x9d, 0xf5));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x32, 0x35, 0x40));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2d, 0x37));
    p.setColor(QPalette::Dark, QColor(0x12, 0x13, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6a, 0x6f, 0x7e));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6a, 0x6f, 0x7e));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6a, 0x6f, 0x7e));
    return p;
}

}  // namespace

QColor accentColor() { return QColor(0x5b, 0x5b, 0xd6); }

bool isDarkPalette() {
    const QPalette palette = QApplication::palette();
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

void applyTheme(const QString& theme, int fontPointSize) {
    auto* app = qobject_cast<QApplication*>(QApplication::instance());
    if (!app) return;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (theme == QLatin1String("dark")) QApplication::setPalette(darkPalette());
    else if (theme == QLatin1String("light")) QApplication::setPalette(lightPalette());
    else QApplication::setPalette(QApplication::style()->standardPalette());

    QFont font = QApplication::font();
    if (fontPointSize > 0) font.setPointSize(fontPointSize);
    QApplication::setFont(font);

    const bool dark = isDarkPalette();
    // Small touches the palette cannot express: roomier tabs and rounded editor frames.
    app->setStyleSheet(QStringLiteral(
        "QTabBar::tab { padding: 7px 18px; }"
        "QPlainTextEdit, QTextEdit, QTextBrowser { border: 1px solid %1; border-radius: 8px;"
        " padding: 6px; }"
        "QPlainTextEdit:focus, QTextEdit:focus { border: 1px solid %2; }"
        "QStatusBar QLabel { padding: 0 8px; }"
        "QTabBar::tab:selected { border-bottom: 2px solid %2; }"
        "QPushButton#translateButton, QPushButton#sendButton { background: %2; color: white;"
        " border: none; border-radius: 6px; padding: 6px 18px; font-weight: bold; }"
        "QPushButton#translateButton:disabled, QPushButton#sendButton:disabled { background: %1;"
        " color: gray; }"
        "QPushButton#translateButton:focus { border: 2px solid %3; }"
        "QProgressBar { border: none; border-radius: 3px; background: %1; max-height: 6px; }"
        "QProgressBar::chunk { border-radius: 3px; background: %2; }")
        .arg(dark ? QStringLiteral("#3a3e4a") : QStringLiteral("#d5d9e4"),
             accentColor().name(), accentColor().darker(140).name()));
}

}  // namespace attentive::ui
