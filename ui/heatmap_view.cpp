#include "ui/heatmap_view.h"

#include <QAbstractButton>
#include <QApplication>
#include <QBuffer>
#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLinearGradient>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>
#include <QAbstractScrollArea>
#include <QCursor>
#include <QScrollBar>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace attentive::ui {

// ---------------------------------------------------------------------------------------------
// Colour scale

namespace {

// Ten evenly spaced samples of matplotlib's viridis (positions i / 9); the full table is
// interpolated between them. Viridis is perceptually uniform and readable by most colour-blind
// viewers, and dark-to-bright also works in grey scale.
constexpr std::array<std::array<int, 3>, 10> kViridisAnchors{{
    {0x44, 0x01, 0x54},
    {0x48, 0x28, 0x78},
    {0x3e, 0x4a, 0x89},
    {0x31, 0x68, 0x8e},
    {0x26, 0x82, 0x8e},
    {0x1f, 0x9e, 0x89},
    {0x35, 0xb7, 0x79},
    {0x6d, 0xcd, 0x59},
    {0xb4, 0xde, 0x2c},
    {0xfd, 0xe7, 0x25},
}};

const std::array<QRgb, 256>& viridisTable() {
    static const std::array<QRgb, 256> table = [] {
        std::array<QRgb, 256> t{};
        const int segments = int(kViridisAnchors.size()) - 1;
        for (int i = 0; i < 256; ++i) {
            const double x = double(i) / 255.0 * segments;
            const int k = std::min(int(x), segments - 1);
            const double f = x - k;
            const auto& a = kViridisAnchors[k];
            const auto& b = kViridisAnchors[k + 1];
            auto mix = [f](int u, int v) { return int(std::lround(u + (v - u) * f)); };
            t[i] = qRgb(mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]));
        }
        return t;
    }();
    return table;
}

}  // namespace

QColor viridisColor(double value) {
    if (!std::isfinite(value))
        value = 0.0;
    const int i = int(std::lround(std::clamp(value, 0.0, 1.0) * 255.0));
    return QColor::fromRgb(viridisTable()[i]);
}

// ---------------------------------------------------------------------------------------------
// Layout and painting, shared by the screen, PNG and SVG

namespace {

constexpr double kBaseCell = 26.0;
constexpr double kMargin = 10.0;
constexpr double kLabelGap = 6.0;
constexpr double kMaxLabel = 180.0;
constexpr double kLegendGap = 22.0;
constexpr double kLegendWidth = 14.0;

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

// Pixel-sized fonts so a PNG (96 dpi), an SVG generator and the screen measure text alike.
QFont pixelFont(const QFont& base, double zoom) {
    QFont font = base;
    const int px = QFontInfo(base).pixelSize();
    font.setPixelSize(std::max(7, int(std::lround(px * std::clamp(zoom, 0.75, 1.3)))));
    return font;
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

QColor textOn(const QColor& fill) {
    // Viridis brightens monotonically; dark text reads better from the green half up.
    return fill.lightnessF() > 0.55 ? QColor(0x10, 0x10, 0x10) : QColor(0xf5, 0xf5, 0xf5);
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

// Row labels (target tokens), right-aligned against the grid.
void paintRowLabels(QPainter& p, const HeatmapModel& model, const Layout& l,
                    const QPalette& palette, int hoverRow, const QRectF& exposed) {
    const VisibleRange v = visibleRange(model, l, exposed);
    const double labelRoom = std::min(kMaxLabel, l.rowLabelWidth - 2 * kLabelGap);
    const double left = l.grid.left() - kLabelGap - labelRoom;
    for (int r = v.r0; r <= v.r1; ++r)
        drawLabel(p, l, palette, QRectF(left, l.grid.top() + r * l.cell, labelRoom, l.cell),
                  model.rowLabel(r), r == hoverRow, Qt::AlignRight);
}

// Column labels (source tokens), rotated to read upwards from the grid.
void paintColumnLabels(QPainter& p, const HeatmapModel& model, const Layout& l,
                       const QPalette& palette, int hoverColumn, const QRectF& exposed) {
    const VisibleRange v = visibleRange(model, l, exposed);
    const double columnRoom = std::min(kMaxLabel, l.columnLabelHeight - 2 * kLabelGap);
    for (int c = v.c0; c <= v.c1; ++c) {
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

}  // namespace

// ---------------------------------------------------------------------------------------------
// The scrolling canvas

namespace {

// Fitting never grows cells past this (bigger cells only waste the dock) ...
constexpr double kMaxFitCell = 44.0;
// ... and the automatic fit never shrinks them below this zoom: past it, scrolling (with the
// labels frozen) reads better than tiny cells. The Fit button may go down to kMinZoom.
constexpr double kAutoFitMinZoom = 0.85;

// Room right of the grid for the colour scale and its tick labels.
double legendStripWidth(const Layout& l) {
    return kLegendGap + kLegendWidth + 6 + QFontMetricsF(l.font).horizontalAdvance(QStringLiteral("0.75")) +
           kMargin;
}

}  // namespace

// A scroll area that paints the heatmap in four regions: the cells scroll both ways, the target
// labels on the left only vertically, the source labels on top only horizontally, and the colour
// scale stays put, so the words of a row and a column are always in sight (like the frozen
// headers of a spreadsheet). Its viewport is the widget the view calls its canvas; positions are
// viewport coordinates.
class HeatmapCanvas : public QAbstractScrollArea {
public:
    explicit HeatmapCanvas(HeatmapView* view) : QAbstractScrollArea(view), m_view(view) {
        setObjectName(QStringLiteral("heatmapScroll"));
        auto* port = new QWidget;
        port->setObjectName(QStringLiteral("heatmapCanvas"));
        setViewport(port);
        viewport()->setMouseTracking(true);
        viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
        viewport()->setBackgroundRole(QPalette::Base);
        setFrameShape(QFrame::NoFrame);
        setFocusPolicy(Qt::StrongFocus);
        for (QWidget* w : {static_cast<QWidget*>(this), viewport()}) {
            w->setAccessibleName(tr("Attention heatmap"));
            w->setAccessibleDescription(
                tr("Rows are the generated tokens, columns the source tokens; brighter cells got "
                   "more attention."));
        }
    }

    const Layout& layoutData() const { return m_layout; }

    void relayout() {
        m_layout = computeLayout(*m_view->model(), font(), m_view->zoom(), false);
        updateScrollBars();
        viewport()->update();
    }

    // The zoom at which the grid fits `available` (the viewport without scroll bars), assuming
    // `rows` rows; the labels do not scale with the cells, so converge in a few steps.
    double fitZoom(int rows, double minZoom) const {
        const HeatmapModel& m = *m_view->model();
        const QSize available = maximumViewportSize();
        const int columns = std::max(1, m.columnCount());
        rows = std::max(1, rows);
        double zoom = m_view->zoom();
        for (int i = 0; i < 4; ++i) {
            const Layout l = computeLayout(m, font(), zoom, false);
            const double width = available.width() - l.grid.left() - legendStripWidth(l);
            const double height = available.height() - l.grid.top() - kMargin;
            double cell = std::floor(std::min(width / columns, height / rows));
            // When even the smallest allowed cells cannot show every row, shrinking gains
            // nothing (the rows scroll anyway): keep the usual size unless the width needs less.
            if (cell < minZoom * kBaseCell)
                cell = std::min(std::floor(width / columns), kBaseCell);
            zoom = std::clamp(std::min(cell, kMaxFitCell) / kBaseCell, minZoom, HeatmapView::kMaxZoom);
        }
        return zoom;
    }

    // Where layout coordinates land in the viewport: the cells move by the origin (which centres
    // a narrow map) minus the scroll position; the labels by one component of it.
    QPointF origin() const {
        const double spare = viewport()->width() - contentWidth();
        return {spare > 0 ? std::floor(spare / 2) : 0.0, 0.0};
    }
    QPointF cellOffset() const {
        return origin() - QPointF(horizontalScrollBar()->value(), verticalScrollBar()->value());
    }
    // The right edge of the visible cells: the grid's, or the legend strip's left edge.
    double visibleRight() const {
        return std::min(cellOffset().x() + m_layout.grid.right(),
                        viewport()->width() - legendStripWidth(m_layout));
    }
    QRectF legendRect() const {
        const QFontMetricsF fm(m_layout.font);
        const double top = m_layout.grid.top();
        const double height = std::clamp(
            std::min(m_layout.grid.height(), viewport()->height() - top - fm.height()), 40.0, 260.0);
        return {visibleRight() + kLegendGap, top, kLegendWidth, height};
    }

    QPoint cellAt(const QPoint& pos) const {
        const HeatmapModel& m = *m_view->model();
        if (m.isEmpty() || pos.x() < origin().x() + m_layout.grid.left() ||
            pos.y() < m_layout.grid.top() || pos.x() >= visibleRight())
            return {-1, -1};
        const QPointF at = QPointF(pos) - cellOffset() - m_layout.grid.topLeft();
        const int c = int(std::floor(at.x() / m_layout.cell));
        const int r = int(std::floor(at.y() / m_layout.cell));
        if (r < 0 || r >= m.rowCount() || c < 0 || c >= m.columnCount())
            return {-1, -1};
        return {c, r};
    }

    // A point over a row label or a column label picks that whole row or column.
    QPoint sectionAt(const QPoint& pos) const {
        const QPoint cell = cellAt(pos);
        if (cell.x() >= 0)
            return cell;
        const HeatmapModel& m = *m_view->model();
        if (m.isEmpty())
            return {-1, -1};
        const QRectF& g = m_layout.grid;
        const QPointF at = QPointF(pos) - cellOffset() - g.topLeft();
        const double headerRight = origin().x() + g.left();
        if (pos.x() >= origin().x() && pos.x() < headerRight && pos.y() >= g.top()) {
            const int r = int(std::floor(at.y() / m_layout.cell));
            if (r >= 0 && r < m.rowCount())
                return {-1, r};
        }
        if (pos.y() < g.top() && pos.x() >= headerRight && pos.x() < visibleRight()) {
            const int c = int(std::floor(at.x() / m_layout.cell));
            if (c >= 0 && c < m.columnCount())
                return {c, -1};
        }
        return {-1, -1};
    }

    QRect cellRect(int row, int column) const {
        return QRectF(m_layout.grid.left() + column * m_layout.cell,
                      m_layout.grid.top() + row * m_layout.cell, m_layout.cell, m_layout.cell)
            .translated(cellOffset())
            .toAlignedRect();
    }

    // Scrolls so that layout point `layoutPos` shows at viewport point `viewportPos`.
    void scrollTo(const QPointF& layoutPos, const QPoint& viewportPos) {
        const QPointF value = layoutPos + origin() - QPointF(viewportPos);
        horizontalScrollBar()->setValue(int(std::lround(value.x())));
        verticalScrollBar()->setValue(int(std::lround(value.y())));
    }

protected:
    double contentWidth() const {
        return m_view->model()->isEmpty() ? 0.0 : m_layout.grid.right() + legendStripWidth(m_layout);
    }

    void updateScrollBars() {
        const QSize port = viewport()->size();
        const bool empty = m_view->model()->isEmpty();
        const int width = int(std::ceil(contentWidth()));
        const int height = empty ? 0 : int(std::ceil(m_layout.grid.bottom() + kMargin));
        const int step = std::max(1, int(m_layout.cell));
        QScrollBar* h = horizontalScrollBar();
        h->setRange(0, std::max(0, width - port.width()));
        h->setPageStep(std::max(step, port.width() - int(m_layout.grid.left() + legendStripWidth(m_layout))));
        h->setSingleStep(step);
        QScrollBar* v = verticalScrollBar();
        v->setRange(0, std::max(0, height - port.height()));
        v->setPageStep(std::max(step, port.height() - int(m_layout.grid.top())));
        v->setSingleStep(step);
    }

    void resizeEvent(QResizeEvent*) override { m_view->viewportResized(); }

    void scrollContentsBy(int, int) override {
        viewport()->update();
        // The pointer stays where it is while the cells move under it.
        if (viewport()->underMouse()) {
            const QPoint s = sectionAt(viewport()->mapFromGlobal(QCursor::pos()));
            m_view->setHover(s.y(), s.x());
        }
    }

    void paintEvent(QPaintEvent* event) override {
        QPainter p(viewport());
        const QPalette& pal = palette();
        p.fillRect(event->rect(), pal.color(QPalette::Base));
        const HeatmapModel& m = *m_view->model();
        if (m.isEmpty()) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            QRect box = viewport()->rect().adjusted(24, 24, -24, -24);
            p.drawText(box, Qt::AlignCenter | Qt::TextWordWrap,
                       m.columnCount() > 0
                           ? tr("Waiting for the first generated token…")
                           : tr("No attention to show yet.\nSend a message or translate a sentence: "
                                "this map fills in, row by row, while the model writes."));
            return;
        }
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        const Layout& l = m_layout;
        const QRectF port = viewport()->rect();
        const QPointF origin = this->origin();
        const QPointF offset = cellOffset();
        const int hValue = horizontalScrollBar()->value();
        const int vValue = verticalScrollBar()->value();
        const double headerLeft = origin.x() + l.grid.left();  // right edge of the row labels
        const double headerBottom = l.grid.top();              // bottom edge of the column labels
        const double right = visibleRight();
        const bool clippedRight = offset.x() + l.grid.right() > right + 0.5;
        const int hoverRow = m_view->m_hoverRow;
        const int hoverColumn = m_view->m_hoverColumn;
        // Hover outlines straddle the grid's edge; leave them room where nothing scrolled away.
        constexpr double kOutline = 3.0;

        // The cells, under (never over) the frozen labels.
        const QRectF cells(QPointF(headerLeft - (hValue == 0 ? kOutline : 0.0),
                                   headerBottom - (vValue == 0 ? kOutline : 0.0)),
                           QPointF(right + (clippedRight ? 0.0 : kOutline), port.bottom() + 1));
        p.save();
        p.setClipRect(cells);
        p.translate(offset);
        paintCells(p, m, l, pal, hoverRow, hoverColumn, cells.translated(-offset));
        p.restore();

        // Target labels: scroll with the rows only.
        const QRectF rowHeader(QPointF(0, headerBottom), QPointF(headerLeft, port.bottom() + 1));
        p.save();
        p.setClipRect(rowHeader);
        p.translate(origin.x(), -vValue);
        paintRowLabels(p, m, l, pal, hoverRow, rowHeader.translated(-origin.x(), vValue));
        p.restore();

        // Source labels: scroll with the columns only.
        const QRectF columnHeader(QPointF(headerLeft, 0), QPointF(right, headerBottom));
        p.save();
        p.setClipRect(columnHeader);
        p.translate(offset.x(), 0);
        paintColumnLabels(p, m, l, pal, hoverColumn, columnHeader.translated(-offset.x(), 0));
        p.restore();

        // Hairlines where cells pass under a frozen edge, so the edge reads as one.
        QColor edge = pal.color(QPalette::Mid);
        edge.setAlphaF(0.6);
        p.setPen(QPen(edge, 1));
        if (vValue > 0)
            p.drawLine(QPointF(headerLeft, headerBottom - 0.5), QPointF(right, headerBottom - 0.5));
        if (hValue > 0)
            p.drawLine(QPointF(headerLeft - 0.5, headerBottom), QPointF(headerLeft - 0.5, port.bottom()));
        if (clippedRight)
            p.drawLine(QPointF(right + 0.5, headerBottom), QPointF(right + 0.5, port.bottom()));

        paintLegend(p, legendRect(), pal, l.font);
    }

    void mouseMoveEvent(QMouseEvent* event) override {
        const QPoint s = sectionAt(event->position().toPoint());
        m_view->setHover(s.y(), s.x());
        QAbstractScrollArea::mouseMoveEvent(event);
    }

    void mousePressEvent(QMouseEvent* event) override {
        const QPoint cell = cellAt(event->position().toPoint());
        if (event->button() == Qt::LeftButton && cell.x() >= 0)
            emit m_view->clickedCell(cell.y(), cell.x());
        QAbstractScrollArea::mousePressEvent(event);
    }

    void wheelEvent(QWheelEvent* event) override {
        if (event->modifiers() & Qt::ControlModifier) {
            const int delta = event->angleDelta().y();
            if (delta != 0)
                m_view->wheelZoom(delta > 0 ? 1.15 : 1.0 / 1.15, event->position().toPoint());
            event->accept();
            return;
        }
        QAbstractScrollArea::wheelEvent(event);
    }

    void keyPressEvent(QKeyEvent* event) override {
        if (event->matches(QKeySequence::ZoomIn) || event->key() == Qt::Key_Plus) {
            m_view->zoomIn();
        } else if (event->matches(QKeySequence::ZoomOut) || event->key() == Qt::Key_Minus) {
            m_view->zoomOut();
        } else {
            QAbstractScrollArea::keyPressEvent(event);
        }
    }

    bool viewportEvent(QEvent* event) override {
        if (event->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(event);
            const QPoint cell = cellAt(help->pos());
            const HeatmapModel& m = *m_view->model();
            if (cell.x() >= 0) {
                QToolTip::showText(help->globalPos(), m.toolTip(cell.y(), cell.x()), viewport(),
                                   cellRect(cell.y(), cell.x()));
            } else {
                const QPoint s = sectionAt(help->pos());
                if (s.y() >= 0)
                    QToolTip::showText(help->globalPos(), m.rowLabel(s.y()), viewport());
                else if (s.x() >= 0)
                    QToolTip::showText(help->globalPos(), m.columnLabel(s.x()), viewport());
                else if (!m.isEmpty() && legendRect().adjusted(-4, -8, 40, 8).contains(help->pos()))
                    QToolTip::showText(help->globalPos(),
                                       tr("Attention weight: dark = little, bright = much"), viewport());
                else
                    QToolTip::hideText();
            }
            return true;
        }
        if (event->type() == QEvent::Leave)
            m_view->setHover(-1, -1);
        return QAbstractScrollArea::viewportEvent(event);
    }

    void changeEvent(QEvent* event) override {
        if (event->type() == QEvent::FontChange)
            m_view->viewportResized();
        QAbstractScrollArea::changeEvent(event);
    }

private:
    HeatmapView* m_view;
    Layout m_layout;
};

// ---------------------------------------------------------------------------------------------
// The view

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent), m_model(new HeatmapModel(this)) {
    setObjectName(QStringLiteral("heatmapView"));
    setAccessibleName(tr("Attention heatmap"));

    auto* toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(6, 4, 6, 2);
    toolbar->setSpacing(4);

    auto makeButton = [this](const QString& text, const QString& name, const QString& tip) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setObjectName(name);
        button->setToolTip(tip);
        button->setAccessibleName(tip);
        button->setAutoRaise(true);
        return button;
    };

    m_piecesButton = makeButton(tr("Pieces"), QStringLiteral("piecesButton"),
                                tr("Show subword pieces as the model sees them"));
    m_wordsButton = makeButton(tr("Words"), QStringLiteral("wordsButton"),
                               tr("Merge pieces into whole words (sum over source pieces, mean "
                                  "over target pieces)"));
    m_piecesButton->setCheckable(true);
    m_wordsButton->setCheckable(true);
    m_piecesButton->setChecked(true);
    auto* modeGroup = new QButtonGroup(this);
    modeGroup->setExclusive(true);
    modeGroup->addButton(m_piecesButton);
    modeGroup->addButton(m_wordsButton);
    connect(m_piecesButton, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            setDisplayMode(HeatmapModel::DisplayMode::Pieces);
    });
    connect(m_wordsButton, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            setDisplayMode(HeatmapModel::DisplayMode::Words);
    });
    toolbar->addWidget(m_piecesButton);
    toolbar->addWidget(m_wordsButton);

    m_hypothesisLabel = new QLabel(tr("Hypothesis:"), this);
    m_hypothesisCombo = new QComboBox(this);
    m_hypothesisCombo->setObjectName(QStringLiteral("hypothesisCombo"));
    m_hypothesisCombo->setAccessibleName(tr("Beam search hypothesis"));
    m_hypothesisCombo->setToolTip(tr("Pick one of the n-best hypotheses of the beam search"));
    m_hypothesisLabel->setBuddy(m_hypothesisCombo);
    connect(m_hypothesisCombo, &QComboBox::activated, this,
            [this](int index) { m_model->selectHypothesis(index); });
    toolbar->addSpacing(8);
    toolbar->addWidget(m_hypothesisLabel);
    toolbar->addWidget(m_hypothesisCombo);

    m_infoLabel = new QLabel(this);
    m_infoLabel->setObjectName(QStringLiteral("heatmapInfo"));
    m_infoLabel->setMinimumWidth(40);
    m_infoLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_infoLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    toolbar->addSpacing(8);
    toolbar->addWidget(m_infoLabel, 1);

    auto* zoomOutButton = makeButton(QStringLiteral("−"), QStringLiteral("zoomOutButton"),
                                     tr("Zoom out (Ctrl+wheel)"));
    auto* zoomInButton = makeButton(QStringLiteral("+"), QStringLiteral("zoomInButton"),
                                    tr("Zoom in (Ctrl+wheel)"));
    auto* fitButton = makeButton(tr("Fit"), QStringLiteral("zoomFitButton"),
                                 tr("Zoom to fit the whole map, following the dock's size (on until you zoom)"));
    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_zoomLabel->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("400%")) + 6);
    connect(zoomOutButton, &QToolButton::clicked, this, &HeatmapView::zoomOut);
    connect(zoomInButton, &QToolButton::clicked, this, &HeatmapView::zoomIn);
    fitButton->setCheckable(true);
    m_fitButton = fitButton;
    connect(fitButton, &QToolButton::clicked, this, &HeatmapView::zoomToFit);
    toolbar->addWidget(zoomOutButton);
    toolbar->addWidget(m_zoomLabel);
    toolbar->addWidget(zoomInButton);
    toolbar->addWidget(fitButton);

    m_exportButton = makeButton(tr("Export"), QStringLiteral("exportButton"),
                                tr("Export the heatmap as an image or a table"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(m_exportButton);
    auto addExport = [this, exportMenu](const QString& text, ExportFormat format) {
        connect(exportMenu->addAction(text), &QAction::triggered, this,
                [this, format] { exportWithDialog(format); });
    };
    addExport(tr("PNG image…"), ExportFormat::Png);
    addExport(tr("SVG image…"), ExportFormat::Svg);
    addExport(tr("CSV table…"), ExportFormat::Csv);
    addExport(tr("JSON…"), ExportFormat::Json);
    m_exportButton->setMenu(exportMenu);
    toolbar->addSpacing(4);
    toolbar->addWidget(m_exportButton);

    m_canvas = new HeatmapCanvas(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(toolbar);
    layout->addWidget(m_canvas, 1);

    // Keep following the newest row while the user has not scrolled away from the bottom.
    QScrollBar* vertical = m_canvas->verticalScrollBar();
    connect(vertical, &QScrollBar::valueChanged, this, [this, vertical](int value) {
        m_followLive = value >= vertical->maximum() - 2;
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_hoverRow = m_hoverColumn = -1;
        m_followLive = true;
        if (m_autoFit)
            applyFit();
        else
            updateGeometry_();
        updateToolbar();
    });
    // New rows never refit (the cells would shrink under the reader at every token); the map
    // scrolls instead, with the labels frozen.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this, vertical] {
        updateGeometry_();
        if (m_followLive) {
            vertical->setValue(vertical->maximum());
            // Again once a scroll bar that just appeared has settled the viewport's size.
            QTimer::singleShot(0, this, [vertical] { vertical->setValue(vertical->maximum()); });
        }
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { updateGeometry_(); });
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, [this] { updateGeometry_(); });
    connect(m_model, &HeatmapModel::hypothesesChanged, this, [this] { updateToolbar(); });

    applyZoom(1.0);
    updateToolbar();
}

HeatmapView::~HeatmapView() = default;

QWidget* HeatmapView::canvas() const { return m_canvas->viewport(); }

void HeatmapView::updateGeometry_() { m_canvas->relayout(); }

void HeatmapView::updateToolbar() {
    const int n = m_model->hypothesisCount();
    if (m_hypothesisCombo->count() != n) {
        m_hypothesisCombo->clear();
        for (int i = 0; i < n; ++i)
            m_hypothesisCombo->addItem(i == 0 ? tr("1 (best)") : QString::number(i + 1));
    }
    m_hypothesisCombo->setCurrentIndex(m_model->currentHypothesis());
    m_hypothesisCombo->setVisible(n > 1);
    m_hypothesisLabel->setVisible(n > 1);
    m_exportButton->setEnabled(!m_model->isEmpty());
    const bool words = m_model->displayMode() == HeatmapModel::DisplayMode::Words;
    m_wordsButton->setChecked(words);
    m_piecesButton->setChecked(!words);
    m_infoLabel->clear();
}

void HeatmapView::clear() { m_model->clear(); }

void HeatmapView::setSourceTokens(const QStringList& pieces, const QList<bool>& wordStart) {
    m_model->setSourceTokens(pieces, wordStart);
}

void HeatmapView::appendRow(const QString& targetPiece, bool wordStart, const QVector<float>& row) {
    m_model->appendRow(targetPiece, wordStart, row);
    m_exportButton->setEnabled(!m_model->isEmpty());
}

void HeatmapView::setMatrix(const AttentionMatrix& matrix) { m_model->setMatrix(matrix); }

void HeatmapView::setHypotheses(const QVector<AttentionMatrix>& hypotheses) {
    m_model->setHypotheses(hypotheses);
}

void HeatmapView::setDisplayMode(HeatmapModel::DisplayMode mode) {
    m_model->setDisplayMode(mode);
    updateToolbar();
}

void HeatmapView::applyZoom(double zoom) {
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    m_zoomLabel->setText(QStringLiteral("%1%").arg(int(std::lround(m_zoom * 100))));
    m_fitButton->setChecked(m_autoFit);
    updateGeometry_();
}

void HeatmapView::setZoom(double zoom) {
    m_autoFit = false;
    m_fitWhole = false;
    applyZoom(zoom);
}

void HeatmapView::zoomIn() { setZoom(m_zoom * 1.25); }
void HeatmapView::zoomOut() { setZoom(m_zoom / 1.25); }

void HeatmapView::zoomToFit() {
    m_autoFit = true;
    m_fitWhole = true;
    applyFit();
}

void HeatmapView::applyFit() {
    if (m_model->columnCount() == 0) {
        applyZoom(1.0);
        return;
    }
    // While the first rows come in, assume about as many rows as source tokens (typical of a
    // translation) so the cells keep their size during decoding.
    const int rows = m_model->rowCount() > 0 ? m_model->rowCount() : m_model->columnCount();
    applyZoom(m_canvas->fitZoom(rows, m_fitWhole ? kMinZoom : kAutoFitMinZoom));
}

void HeatmapView::viewportResized() {
    if (m_autoFit && !m_model->isEmpty()) {
        const int rows = m_model->rowCount() > 0 ? m_model->rowCount() : m_model->columnCount();
        const double zoom = m_canvas->fitZoom(rows, m_fitWhole ? kMinZoom : kAutoFitMinZoom);
        if (std::abs(zoom - m_zoom) > 1e-9) {
            applyZoom(zoom);
            return;
        }
    }
    updateGeometry_();
}

void HeatmapView::wheelZoom(double factor, const QPoint& canvasPos) {
    // Keep the cell under the pointer where it is.
    const Layout before = m_canvas->layoutData();
    const QPointF inGrid =
        (QPointF(canvasPos) - m_canvas->cellOffset() - before.grid.topLeft()) / before.cell;
    setZoom(m_zoom * factor);
    const Layout& after = m_canvas->layoutData();
    m_canvas->scrollTo(after.grid.topLeft() + inGrid * after.cell, canvasPos);
}

void HeatmapView::setHover(int row, int column) {
    if (row == m_hoverRow && column == m_hoverColumn)
        return;
    const bool rowChanged = row != m_hoverRow;
    const bool columnChanged = column != m_hoverColumn;
    m_hoverRow = row;
    m_hoverColumn = column;
    m_canvas->update();
    if (row >= 0 && column >= 0)
        m_infoLabel->setText(m_model->toolTip(row, column));
    else if (row >= 0)
        m_infoLabel->setText(m_model->rowLabel(row));
    else if (column >= 0)
        m_infoLabel->setText(m_model->columnLabel(column));
    else
        m_infoLabel->clear();

    emit hoveredCell(row, column);
    if (rowChanged)
        emit hoveredTarget(row);
    if (columnChanged)
        emit hoveredSource(column);
    const HeatmapModel::PieceRange t = m_model->piecesForRow(row);
    const HeatmapModel::PieceRange s = m_model->piecesForColumn(column);
    emit hoveredPieces(t.first, t.count, s.first, s.count);
}

void HeatmapView::highlight(int target, int source) {
    m_hoverRow = target;
    m_hoverColumn = source;
    m_canvas->update();
}

QPoint HeatmapView::cellAt(const QPoint& canvasPos) const {
    const QPoint c = m_canvas->cellAt(canvasPos);
    return {c.y(), c.x()};
}

QRect HeatmapView::cellRect(int row, int column) const { return m_canvas->cellRect(row, column); }

QSize HeatmapView::exportSize() const {
    return computeLayout(*m_model, m_canvas->font(), 1.0, true).size;
}

QRectF HeatmapView::exportCellRect(int row, int column) const {
    const Layout l = computeLayout(*m_model, m_canvas->font(), 1.0, true);
    return {l.grid.left() + column * l.cell, l.grid.top() + row * l.cell, l.cell, l.cell};
}

QImage HeatmapView::renderImage(double scale) const {
    const Layout l = computeLayout(*m_model, m_canvas->font(), 1.0, true);
    QImage image(QSize(int(std::ceil(l.size.width() * scale)), int(std::ceil(l.size.height() * scale))),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    paintHeatmap(p, *m_model, l, exportPalette(), -1, -1, QRectF(QPointF(), QSizeF(l.size)));
    p.end();
    return image;
}

QByteArray HeatmapView::renderSvg() const {
    const Layout l = computeLayout(*m_model, m_canvas->font(), 1.0, true);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setResolution(96);
    generator.setSize(l.size);
    generator.setViewBox(QRect(QPoint(), l.size));
    generator.setTitle(tr("Attention heatmap"));
    generator.setDescription(
        tr("Attention weights: rows are generated tokens, columns source tokens."));
    QPainter p(&generator);
    p.fillRect(QRectF(QPointF(), QSizeF(l.size)), Qt::white);
    paintHeatmap(p, *m_model, l, exportPalette(), -1, -1, QRectF(QPointF(), QSizeF(l.size)));
    p.end();
    return buffer.data();
}

QByteArray HeatmapView::exportData(ExportFormat format) const {
    switch (format) {
    case ExportFormat::Png: {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        renderImage(2.0).save(&buffer, "PNG");
        return bytes;
    }
    case ExportFormat::Svg:
        return renderSvg();
    case ExportFormat::Csv:
        return m_model->toCsv().toUtf8();
    case ExportFormat::Json:
        return m_model->toJson();
    }
    return {};
}

bool HeatmapView::exportToFile(const QString& path, ExportFormat format, QString* error) const {
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_model->isEmpty())
        return fail(tr("There is no attention to export yet: translate a sentence or send a "
                       "message first."));
    const QByteArray bytes = exportData(format);
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

void HeatmapView::exportWithDialog(ExportFormat format) {
    QString filter;
    QString suffix;
    switch (format) {
    case ExportFormat::Png:
        filter = tr("PNG image (*.png)");
        suffix = QStringLiteral("png");
        break;
    case ExportFormat::Svg:
        filter = tr("SVG image (*.svg)");
        suffix = QStringLiteral("svg");
        break;
    case ExportFormat::Csv:
        filter = tr("CSV table (*.csv)");
        suffix = QStringLiteral("csv");
        break;
    case ExportFormat::Json:
        filter = tr("JSON (*.json)");
        suffix = QStringLiteral("json");
        break;
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export attention heatmap"), folder + QStringLiteral("/attention.") + suffix, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    QString error;
    if (!exportToFile(path, format, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

}  // namespace attentive::ui
