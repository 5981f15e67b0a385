#pragma once
// How the heatmap is laid out and painted, shared by the screen and the PNG and SVG exports:
// the grid of cells, the target labels on the left, the source labels rotated on top, the colour
// scale on the right.

#include <QFont>
#include <QPalette>
#include <QRectF>
#include <QSize>

#include "ui/heatmap_model.h"

class QPainter;

namespace attentive::ui::heatmap {

constexpr double kBaseCell = 26.0;    // cell side at 100%
constexpr double kMargin = 10.0;
constexpr double kLabelGap = 6.0;
constexpr double kMaxLabel = 180.0;   // longer labels are elided
constexpr double kLegendGap = 22.0;   // between the grid and the colour scale
constexpr double kLegendWidth = 14.0;

// Where everything goes at one zoom, in logical pixels from the top left corner.
struct Layout {
    double cell = kBaseCell;
    QFont font;
    QFont valueFont;
    double rowLabelWidth = 0;
    double columnLabelHeight = 0;
    QRectF grid;
    QRectF legend;  // empty when the legend is drawn elsewhere
    QSize size;
};

Layout computeLayout(const HeatmapModel& model, const QFont& base, double zoom, bool withLegend);

// The smallest zoom at which every target label is drawn; below it only every n-th one is.
double smallestLegibleZoom(const QFont& base);

// The colour scale in `bar`, with ticks at 0, 0.25, 0.5, 0.75 and 1.
void paintLegend(QPainter& p, const QRectF& bar, const QPalette& palette, const QFont& font);
// The cells that intersect `exposed` (layout coordinates), with the hovered row, column and cell
// outlined (-1: none).
void paintCells(QPainter& p, const HeatmapModel& model, const Layout& l, const QPalette& palette,
                int hoverRow, int hoverColumn, const QRectF& exposed);
void paintRowLabels(QPainter& p, const HeatmapModel& model, const Layout& l,
                    const QPalette& palette, int hoverRow, const QRectF& exposed);
void paintColumnLabels(QPainter& p, const HeatmapModel& model, const Layout& l,
                       const QPalette& palette, int hoverColumn, const QRectF& exposed);
void paintHeatmap(QPainter& p, const HeatmapModel& model, const Layout& l, const QPalette& palette,
                  int hoverRow, int hoverColumn, const QRectF& exposed);
// Exports land in documents and slides: dark text on white, whatever the theme.
QPalette exportPalette();

}  // namespace attentive::ui::heatmap
