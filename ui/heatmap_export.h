#pragma once
// The heatmap as a file: a PNG or SVG picture (always dark on white, with its colour scale), or
// the weights as a CSV table or JSON.

#include <QByteArray>
#include <QFont>
#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

#include "ui/heatmap_model.h"

namespace attentive::ui {

enum class HeatmapFormat { Png, Svg, Csv, Json };

// The exported picture's size and where a cell lands in it (logical pixels, at 100%).
QSize heatmapExportSize(const HeatmapModel& model, const QFont& font);
QRectF heatmapExportCellRect(const HeatmapModel& model, const QFont& font, int row, int column);
// The picture at `scale` device pixels per logical pixel.
QImage renderHeatmapImage(const HeatmapModel& model, const QFont& font, double scale);
QByteArray renderHeatmapSvg(const HeatmapModel& model, const QFont& font);
QByteArray heatmapExportData(const HeatmapModel& model, const QFont& font, HeatmapFormat format);
// Writes with QSaveFile; on failure returns false and sets *error to a readable message.
bool writeHeatmapExport(const HeatmapModel& model, const QFont& font, const QString& path,
                        HeatmapFormat format, QString* error);
// The file name filter and suffix of a format ("PNG image (*.png)", "png").
QString heatmapFormatFilter(HeatmapFormat format);
QString heatmapFormatSuffix(HeatmapFormat format);

}  // namespace attentive::ui
