#pragma once
// A scroll area that paints the heatmap in four regions: the cells scroll both ways, the target
// labels on the left only vertically, the source labels on top only horizontally, and the colour
// scale stays put, so the words of a row and a column are always in sight (like the frozen
// headers of a spreadsheet). Its viewport is the widget the view calls its canvas; positions are
// viewport coordinates.

#include <QAbstractScrollArea>

#include "ui/heatmap_painter.h"

namespace attentive::ui {

class HeatmapView;

class HeatmapCanvas : public QAbstractScrollArea {
public:
    explicit HeatmapCanvas(HeatmapView* view);

    const heatmap::Layout& layoutData() const { return m_layout; }

    void relayout();

    // The zoom at which the whole grid fits the viewport (without scroll bars) in both
    // directions, assuming `rows` rows, within the view's zoom range; the labels do not scale
    // with the cells, so it converges in a few steps.
    double fitZoom(int rows) const;

    // Where layout coordinates land in the viewport: the cells move by the origin (which centres
    // a narrow map) minus the scroll position; the labels by one component of it.
    QPointF origin() const;
    QPointF cellOffset() const;
    // The right edge of the visible cells: the grid's, or the legend strip's left edge.
    double visibleRight() const;
    QRectF legendRect() const;

    QPoint cellAt(const QPoint& pos) const;

    // A point over a row label or a column label picks that whole row or column.
    QPoint sectionAt(const QPoint& pos) const;

    QRect cellRect(int row, int column) const;

    // Scrolls so that layout point `layoutPos` shows at viewport point `viewportPos`.
    void scrollTo(const QPointF& layoutPos, const QPoint& viewportPos);

protected:
    double contentWidth() const;

    void updateScrollBars();

    void resizeEvent(QResizeEvent*) override;

    void scrollContentsBy(int, int) override;

    void paintEvent(QPaintEvent* event) override;

    void mouseMoveEvent(QMouseEvent* event) override;

    void mousePressEvent(QMouseEvent* event) override;

    void wheelEvent(QWheelEvent* event) override;

    void keyPressEvent(QKeyEvent* event) override;

    bool viewportEvent(QEvent* event) override;

    void changeEvent(QEvent* event) override;

private:
    HeatmapView* m_view;
    heatmap::Layout m_layout;
};

}  // namespace attentive::ui
