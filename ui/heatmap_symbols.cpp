#include "ui/heatmap_symbols.h"

#include <QCoreApplication>
#include <QStringList>

#include "ui/heatmap_model.h"

namespace attentive::ui {

namespace {

struct Symbol {
    QString shown;    // as the legend writes it
    const char* meaning;
    bool (*appearsIn)(const QString& label);
};

const QList<Symbol>& symbols() {
    static const QList<Symbol> list = {
        {QStringLiteral("·ing"), QT_TRANSLATE_NOOP("attentive::ui::HeatmapView", "continues the word before"),
         [](const QString& label) { return label.startsWith(QChar(0x00b7)) && label.size() > 1; }},
        {QStringLiteral("␣"), QT_TRANSLATE_NOOP("attentive::ui::HeatmapView", "a space"),
         [](const QString& label) { return label.contains(QStringLiteral("␣")); }},
        {QStringLiteral("</s>"), QT_TRANSLATE_NOOP("attentive::ui::HeatmapView", "end of the sentence"),
         [](const QString& label) { return label == QLatin1String("</s>"); }},
        {QStringLiteral("<sep>"), QT_TRANSLATE_NOOP("attentive::ui::HeatmapView", "between two chat turns"),
         [](const QString& label) { return label.contains(QLatin1String("<sep>")); }},
    };
    return list;
}

QString meaning(const Symbol& symbol) {
    return QCoreApplication::translate("attentive::ui::HeatmapView", symbol.meaning);
}

}  // namespace

QString heatmapSymbolsInUse(const HeatmapModel& model) {
    QStringList parts;
    for (const Symbol& symbol : symbols()) {
        bool used = false;
        for (int r = 0; r < model.rowCount() && !used; ++r) used = symbol.appearsIn(model.rowLabel(r));
        for (int c = 0; c < model.columnCount() && !used; ++c) used = symbol.appearsIn(model.columnLabel(c));
        if (used) parts << symbol.shown + QLatin1Char(' ') + meaning(symbol);
    }
    return parts.join(QStringLiteral("    "));
}

QString heatmapSymbolLegend() {
    QStringList lines;
    for (const Symbol& symbol : symbols()) lines << symbol.shown + QStringLiteral("  ") + meaning(symbol);
    return lines.join(QLatin1Char('\n'));
}

}  // namespace attentive::ui
