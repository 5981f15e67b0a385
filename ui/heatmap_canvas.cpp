#include "ui/heatmap_canvas.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "ui/heatmap_view.h"

namespace attentive::ui {

using namespace heatmap;

namespace {

// Fitting never grows cells past this: bigger cells only waste the dock.
constexpr double kMaxFitCell = 44.0;

// Room right of the grid for the colour scale and its tick labels.
double legendStripWidth(const Layout& l) {
    return kLegendGap + kLegendWidth + 6 + QFontMetricsF(l.font).horizontalAdvance(QStringLiteral("0.75")) +
           kMargin;
}

}  // namespace

HeatmapCanvas::HeatmapCanvas(HeatmapView* view) : QAbstractScrollArea(view), m_view(view) {
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

void HeatmapCanvas::relayout() {
    m_layout = computeLayout(*m_view->model(), font(), m_view->zoom(), false);
    updateScrollBars();
    viewport()->update();
}

double HeatmapCanvas::fitZoom(int rows) const {
    const HeatmapModel& m = *m_view->model();
    const QSize available = maximumViewportSize();
    const int columns = std::max(1, m.columnCount());
    rows = std::max(1, rows);
    // A map too long for the panel is not shrunk past reading: it scrolls, from its first row.
    const double smallest = std::max(HeatmapView::kMinZoom, smallestLegibleZoom(font()));
    double zoom = m_view->zoom();
    for (int i = 0; i < 4; ++i) {
        const Layout l = computeLayout(m, font(), zoom, false);
        const double width = available.width() - l.grid.left() - legendStripWidth(l);
        const double height = available.height() - l.grid.top() - kMargin;
        const double cell = std::floor(std::min(width / columns, height / rows));
        zoom = std::clamp(std::min(cell, kMaxFitCell) / kBaseCell, smallest, HeatmapView::kMaxZoom);
    }
    return zoom;
}

QPointF HeatmapCanvas::origin() const {
    const double spare = viewport()->width() - contentWidth();
    return {spare > 0 ? std::floor(spare / 2) : 0.0, 0.0};
}

QPointF HeatmapCanvas::cellOffset() const {
    return origin() - QPointF(horizontalScrollBar()->value(), verticalScrollBar()->value());
}

double HeatmapCanvas::visibleRight() const {
    return std::min(cellOffset().x() + m_layout.grid.right(),
                    viewport()->width() - legendStripWidth(m_layout));
}

QRectF HeatmapCanvas::legendRect() const {
    const QFontMetricsF fm(m_layout.font);
    const double top = m_layout.grid.top();
    const double height = std::clamp(
        std::min(m_layout.grid.height(), viewport()->height() - top - fm.height()), 40.0, 260.0);
    return {visibleRight() + kLegendGap, top, kLegendWidth, height};
}

QPoint HeatmapCanvas::cellAt(const QPoint& pos) const {
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

QPoint HeatmapCanvas::sectionAt(const QPoint& pos) const {
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

QRect HeatmapCanvas::cellRect(int row, int column) const {
    return QRectF(m_layout.grid.left() + column * m_layout.cell,
                  m_layout.grid.top() + row * m_layout.cell, m_layout.cell, m_layout.cell)
        .translated(cellOffset())
        .toAlignedRect();
}

void HeatmapCanvas::scrollTo(const QPointF& layoutPos, const QPoint& viewportPos) {
    const QPointF value = layoutPos + origin() - QPointF(viewportPos);
    horizontalScrollBar()->setValue(int(std::lround(value.x())));
    verticalScrollBar()->setValue(int(std::lround(value.y())));
}

double HeatmapCanvas::contentWidth() const {
    return m_view->model()->isEmpty() ? 0.0 : m_layout.grid.right() + legendStripWidth(m_layout);
}

void HeatmapCanvas::updateScrollBars() {
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

void HeatmapCanvas::scrollContentsBy(int, int) {
    viewport()->update();
    // The pointer stays where it is while the cells move under it.
    if (viewport()->underMouse()) {
        const QPoint s = sectionAt(viewport()->mapFromGlobal(QCursor::pos()));
        m_view->setHover(s.y(), s.x());
    }
}

void HeatmapCanvas::paintEvent(QPaintEvent* event) {
    QPainter p(viewport());
    const QPalette& pal = palette();
    p.fillRect(event->rect(), pal.color(QPalette::Base));
    const HeatmapModel& m = *m_view->model();
    if (m.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        QRect box = viewport()->rect().adjusted(24, 24, -24, -24);
        p.drawText(box, Qt::AlignCenter | Qt::TextWordWrap,
                   !m.matrix().note.isEmpty() ? m.matrix().note
                   : m.columnCount() > 0
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

void HeatmapCanvas::mouseMoveEvent(QMouseEvent* event) {
    const QPoint s = sectionAt(event->position().toPoint());
    m_view->setHover(s.y(), s.x());
    QAbstractScrollArea::mouseMoveEvent(event);
}

void HeatmapCanvas::mousePressEvent(QMouseEvent* event) {
    const QPoint cell = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && cell.x() >= 0)
        emit m_view->clickedCell(cell.y(), cell.x());
    QAbstractScrollArea::mousePressEvent(event);
}

void HeatmapCanvas::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        const int delta = event->angleDelta().y();
        if (delta != 0)
            m_view->wheelZoom(delta > 0 ? 1.15 : 1.0 / 1.15, event->position().toPoint());
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void HeatmapCanvas::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::ZoomIn) || event->key() == Qt::Key_Plus) {
        m_view->zoomIn();
    } else if (event->matches(QKeySequence::ZoomOut) || event->key() == Qt::Key_Minus) {
        m_view->zoomOut();
    } else {
        QAbstractScrollArea::keyPressEvent(event);
    }
}

bool HeatmapCanvas::viewportEvent(QEvent* event) {
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

void HeatmapCanvas::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange)
        m_view->viewportResized();
    QAbstractScrollArea::changeEvent(event);
}

void HeatmapCanvas::resizeEvent(QResizeEvent*) { m_view->viewportResized(); }

}  // namespace attentive::ui
