#include "ui/heatmap_export.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

#include "ui/heatmap_painter.h"

namespace attentive::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("attentive::ui::HeatmapView", text); }

}  // namespace

QSize heatmapExportSize(const HeatmapModel& model, const QFont& font) {
    return heatmap::computeLayout(model, font, 1.0, true).size;
}

QRectF heatmapExportCellRect(const HeatmapModel& model, const QFont& font, int row, int column) {
    const heatmap::Layout l = heatmap::computeLayout(model, font, 1.0, true);
    return {l.grid.left() + column * l.cell, l.grid.top() + row * l.cell, l.cell, l.cell};
}

QImage renderHeatmapImage(const HeatmapModel& model, const QFont& font, double scale) {
    const heatmap::Layout l = heatmap::computeLayout(model, font, 1.0, true);
    QImage image(QSize(int(std::ceil(l.size.width() * scale)), int(std::ceil(l.size.height() * scale))),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    heatmap::paintHeatmap(p, model, l, heatmap::exportPalette(), -1, -1, QRectF(QPointF(), QSizeF(l.size)));
    p.end();
    return image;
}

QByteArray renderHeatmapSvg(const HeatmapModel& model, const QFont& font) {
    const heatmap::Layout l = heatmap::computeLayout(model, font, 1.0, true);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setResolution(96);
    generator.setSize(l.size);
    generator.setViewBox(QRect(QPoint(), l.size));
    generator.setTitle(tr("Attention heatmap"));
    generator.setDescription(tr("Attention weights: rows are generated tokens, columns source tokens."));
    QPainter p(&generator);
    p.fillRect(QRectF(QPointF(), QSizeF(l.size)), Qt::white);
    heatmap::paintHeatmap(p, model, l, heatmap::exportPalette(), -1, -1, QRectF(QPointF(), QSizeF(l.size)));
    p.end();
    return buffer.data();
}

QByteArray heatmapExportData(const HeatmapModel& model, const QFont& font, HeatmapFormat format) {
    switch (format) {
    case HeatmapFormat::Png: {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        renderHeatmapImage(model, font, 2.0).save(&buffer, "PNG");
        return bytes;
    }
    case HeatmapFormat::Svg:
        return renderHeatmapSvg(model, font);
    case HeatmapFormat::Csv:
        return model.toCsv().toUtf8();
    case HeatmapFormat::Json:
        return model.toJson();
    }
    return {};
}

bool writeHeatmapExport(const HeatmapModel& model, const QFont& font, const QString& path,
                        HeatmapFormat format, QString* error) {
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (model.isEmpty())
        return fail(tr("There is no attention to export yet: translate a sentence or send a "
                       "message first."));
    const QByteArray bytes = heatmapExportData(model, font, format);
    if (bytes.isEmpty())
        return fail(tr("Could not render the heatmap for %1.").arg(QFileInfo(path).fileName()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Could not write %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(tr("Could not write %1: %2").arg(path, reason));
    }
    if (!file.commit())
        return fail(tr("Could not save %1: %2").arg(path, file.errorString()));
    return true;
}

QString heatmapFormatFilter(HeatmapFormat format) {
    switch (format) {
    case HeatmapFormat::Png: return tr("PNG image (*.png)");
    case HeatmapFormat::Svg: return tr("SVG image (*.svg)");
    case HeatmapFormat::Csv: return tr("CSV table (*.csv)");
    case HeatmapFormat::Json: return tr("JSON (*.json)");
    }
    return {};
}

QString heatmapFormatSuffix(HeatmapFormat format) {
    switch (format) {
    case HeatmapFormat::Png: return QStringLiteral("png");
    case HeatmapFormat::Svg: return QStringLiteral("svg");
    case HeatmapFormat::Csv: return QStringLiteral("csv");
    case HeatmapFormat::Json: return QStringLiteral("json");
    }
    return {};
}

}  // namespace attentive::ui
