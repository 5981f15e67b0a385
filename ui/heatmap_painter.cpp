#include "ui/heatmap_painter.h"

#include <QFontInfo>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

#include "ui/heatmap_colors.h"

namespace attentive::ui::heatmap {

namespace {

// Pixel-sized fonts so a PNG (96 dpi), an SVG generator and the screen measure text alike.
QFont pixelFont(const QFont& base, double zoom) {
    QFont font = base;
    const int px = QFontInfo(base).pixelSize();
    font.setPixelSize(std::max(7, int(std::lround(px * std::clamp(zoom, 0.75, 1.3)))));
    return font;
}

QColor textOn(const QColor& fill) {
    // Viridis brightens monotonically; dark text reads better from the green half up.
    return fill.lightnessF() > 0.55 ? QColor(0x10, 0x10, 0x10) : QColor(0xf5, 0xf5, 0xf5);
}

struct VisibleRange {
    int r0 = 0, r1 = -1, c0 = 0, c1 = -1;
};

// The rows and columns that intersect `exposed` (layout coordinates).
VisibleRange visibleRange(const HeatmapModel& model, const Layout& l, const QRectF& exposed) {
    const int rows = model.rowCount();
    const int columns = model.columnCount();
    if (rows <= 0 || columns <= 0)
        return {};
    const QRectF& g = l.grid;
    auto clampIndex = [](double v, int n) { return std::clamp(int(v), 0, std::max(0, n - 1)); };
    return {clampIndex((exposed.top() - g.top()) / l.cell, rows),
            clampIndex(std::ceil((exposed.bottom() - g.top()) / l.cell), rows),
            clampIndex((exposed.left() - g.left()) / l.cell, columns),
            clampIndex(std::ceil((exposed.right() - g.left()) / l.cell), columns)};
}

void drawLabel(QPainter& p, const Layout& l, const QPalette& palette, const QRectF& box,
               const QString& label, bool hovered, Qt::Alignment align) {
    QFont font = l.font;
    font.setBold(hovered);
    const QFontMetricsF fm(font);
    const QString shown = fm.elidedText(label, Qt::ElideRight, box.width());
    if (hovered) {
        // The pill hugs the text, on the side the text is aligned to.
        const double width = std::min(box.width(), fm.horizontalAdvance(shown));
        const QRectF tight = (align & Qt::AlignRight)
                                 ? QRectF(box.right() - width, box.top(), width, box.height())
                                 : QRectF(box.left(), box.top(), width, box.height());
        QPainterPath pill;
        pill.addRoundedRect(tight.adjusted(-4, 2, 4, -2), 4, 4);
        p.fillPath(pill, palette.color(QPalette::Highlight));
        p.setPen(palette.color(QPalette::HighlightedText));
    } else {
        p.setPen(palette.color(QPalette::Text));
    }
    p.setFont(font);
    p.drawText(box, align | Qt::AlignVCenter, shown);
}

// The cell side a label of `font` needs so that its neighbours do not overlap.
double labelCell(const QFont& font) { return std::ceil(QFontMetricsF(font).height() * 0.9); }

// Labels taller than the cells would overlap: only every n-th one is drawn (and the hovered one).
int labelStep(const Layout& l) { return std::max(1, int(std::ceil(labelCell(l.font) / l.cell))); }

}  // namespace

double smallestLegibleZoom(const QFont& base) {
    // Below this scale the label font no longer shrinks (pixelFont), so one cell size serves.
    constexpr double kSmallestFontZoom = 0.75;
    return std::min(kSmallestFontZoom, labelCell(pixelFont(base, kSmallestFontZoom)) / kBaseCell);
}

Layout computeLayout(const HeatmapModel& model, const QFont& base, double zoom, bool withLegend) {
    Layout l;
    l.cell = std::max(4.0, std::round(kBaseCell * zoom));
    l.font = pixelFont(base, zoom);
    l.valueFont = l.font;
    l.valueFont.setPixelSize(std::max(7, int(l.cell * 0.34)));
    const QFontMetricsF fm(l.font);
    QFont bold = l.font;
    bold.setBold(true);
    const QFontMetricsF fmBold(bold);

    double rowWidth = 0;
    for (int r = 0; r < model.rowCount(); ++r)
        rowWidth = std::max(rowWidth, fmBold.horizontalAdvance(model.rowLabel(r)));
    double columnHeight = 0;
    for (int c = 0; c < model.columnCount(); ++c)
        columnHeight = std::max(columnHeight, fmBold.horizontalAdvance(model.columnLabel(c)));
    l.rowLabelWidth = std::ceil(std::min(rowWidth, kMaxLabel) + 2 * kLabelGap);
    l.columnLabelHeight = std::ceil(std::min(columnHeight, kMaxLabel) + 2 * kLabelGap);

    l.grid = QRectF(kMargin + l.rowLabelWidth, kMargin + l.columnLabelHeight,
                    model.columnCount() * l.cell, model.rowCount() * l.cell);
    double width = l.grid.right() + kMargin;
    double height = l.grid.bottom() + kMargin;
    if (withLegend) {
        const double barHeight = std::clamp(l.grid.height(), 120.0, 260.0);
        l.legend = QRectF(l.grid.right() + kLegendGap, l.grid.top(), kLegendWidth, barHeight);
        width = l.legend.right() + 6 + fm.horizontalAdvance(QStringLiteral("0.75")) + kMargin;
        height = std::max(height, l.legend.bottom() + fm.height() / 2 + kMargin);
    }
    l.size = QSize(int(std::ceil(width)), int(std::ceil(height)));
    return l;
}

void paintLegend(QPainter& p, const QRectF& bar, const QPalette& palette, const QFont& font) {
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    constexpr int stops = 32;
    for (int i = 0; i <= stops; ++i)
        gradient.setColorAt(double(i) / stops, viridisColor(double(i) / stops));
    p.fillRect(bar, gradient);
    p.setPen(QPen(palette.color(QPalette::Mid), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);

    p.setFont(font);
    const QFontMetricsF fm(font);
    for (const double tick : {0.0, 0.25, 0.5, 0.75, 1.0}) {
        const double y = bar.bottom() - tick * bar.height();
        p.setPen(QPen(palette.color(QPalette::Mid), 1));
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
        p.setPen(palette.color(QPalette::Text));
        const QString text = tick == 0.0 ? QStringLiteral("0") : tick == 1.0 ? QStringLiteral("1")
                                                                            : QString::number(tick);
        p.drawText(QPointF(bar.right() + 6, y + (fm.ascent() - fm.descent()) / 2), text);
    }
}

void paintCells(QPainter& p, const HeatmapModel& model, const Layout& l, const QPalette& palette,
                int hoverRow, int hoverColumn, const QRectF& exposed) {
    const int rows = model.rowCount();
    const int columns = model.columnCount();
    const QRectF& g = l.grid;
    const VisibleRange v = visibleRange(model, l, exposed);
    const QColor highlight = palette.color(QPalette::Highlight);
    const QColor text = palette.color(QPalette::Text);

    // Cells, with a hairline gap in the background colour once they are big enough to need one.
    const double gap = l.cell >= 12 ? 1.0 : 0.0;
    const bool showValues = l.cell >= 34;
    p.setPen(Qt::NoPen);
    p.setFont(l.valueFont);
    for (int r = v.r0; r <= v.r1; ++r) {
        for (int c = v.c0; c <= v.c1; ++c) {
            const QRectF cell(g.left() + c * l.cell, g.top() + r * l.cell, l.cell, l.cell);
            const float w = model.weight(r, c);
            const QColor fill = viridisColor(w);
            p.fillRect(cell.adjusted(gap / 2, gap / 2, -gap / 2, -gap / 2), fill);
            if (showValues) {
                p.setPen(textOn(fill));
                p.drawText(cell, Qt::AlignCenter, QString::number(double(w), 'f', 2));
                p.setPen(Qt::NoPen);
            }
        }
    }

    // Hover: outline the row and the column bands, and the cell where they cross.
    p.setBrush(Qt::NoBrush);
    if (hoverRow >= 0 && hoverRow < rows) {
        p.setPen(QPen(highlight, 2));
        p.drawRect(QRectF(g.left(), g.top() + hoverRow * l.cell, g.width(), l.cell));
    }
    if (hoverColumn >= 0 && hoverColumn < columns) {
        p.setPen(QPen(highlight, 2));
        p.drawRect(QRectF(g.left() + hoverColumn * l.cell, g.top(), l.cell, g.height()));
    }
    if (hoverRow >= 0 && hoverColumn >= 0 && hoverRow < rows && hoverColumn < columns) {
        p.setPen(QPen(text, 2.5));
        p.drawRect(QRectF(g.left() + hoverColumn * l.cell, g.top() + hoverRow * l.cell, l.cell,
                          l.cell)
                       .adjusted(-1, -1, 1, 1));
    }
}

// Row labels (target tokens), right-aligned against the grid.
void paintRowLabels(QPainter& p, const HeatmapModel& model, const Layout& l,
                    const QPalette& palette, int hoverRow, const QRectF& exposed) {
    const VisibleRange v = visibleRange(model, l, exposed);
    const double labelRoom = std::min(kMaxLabel, l.rowLabelWidth - 2 * kLabelGap);
    const double left = l.grid.left() - kLabelGap - labelRoom;
    const int step = labelStep(l);
    for (int r = v.r0; r <= v.r1; ++r)
        if (r % step == 0 || r == hoverRow)
            drawLabel(p, l, palette, QRectF(left, l.grid.top() + r * l.cell, labelRoom, l.cell),
                      model.rowLabel(r), r == hoverRow, Qt::AlignRight);
}

// Column labels (source tokens), rotated to read upwards from the grid.
void paintColumnLabels(QPainter& p, const HeatmapModel& model, const Layout& l,
                       const QPalette& palette, int hoverColumn, const QRectF& exposed) {
    const VisibleRange v = visibleRange(model, l, exposed);
    const double columnRoom = std::min(kMaxLabel, l.columnLabelHeight - 2 * kLabelGap);
    const int step = labelStep(l);
    for (int c = v.c0; c <= v.c1; ++c) {
        if (c % step != 0 && c != hoverColumn)
            continue;
        p.save();
        p.translate(l.grid.left() + (c + 0.5) * l.cell, l.grid.top() - kLabelGap);
        p.rotate(-90);
        drawLabel(p, l, palette, QRectF(0, -l.cell / 2, columnRoom, l.cell), model.columnLabel(c),
                  c == hoverColumn, Qt::AlignLeft);
        p.restore();
    }
}

// The whole picture in one pass, for the exports (the screen paints the parts separately so
// the labels can stay put while the cells scroll).
void paintHeatmap(QPainter& p, const HeatmapModel& model, const Layout& l, const QPalette& palette,
                  int hoverRow, int hoverColumn, const QRectF& exposed) {
    paintCells(p, model, l, palette, hoverRow, hoverColumn, exposed);
    paintRowLabels(p, model, l, palette, hoverRow, exposed);
    paintColumnLabels(p, model, l, palette, hoverColumn, exposed);
    if (!l.legend.isNull())
        paintLegend(p, l.legend, palette, l.font);
}

QPalette exportPalette() {
    // Exports land in documents and slides: always dark text on white, whatever the theme.
    QPalette palette;
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Window, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x20, 0x20, 0x20));
    palette.setColor(QPalette::Mid, QColor(0x90, 0x90, 0x90));
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x7f, 0xe0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    return palette;
}

}  // namespace attentive::ui::heatmap
