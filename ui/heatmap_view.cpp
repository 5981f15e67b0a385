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
#include <QScrollArea>
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

void paintHeatmap(QPainter& p, const HeatmapModel& model, const Layout& l, const QPalette& palette,
                  int hoverRow, int hoverColumn, const QRectF& exposed) {
    const int rows = model.rowCount();
    const int columns = model.columnCount();
    const QRectF& g = l.grid;
    auto clampIndex = [](double v, int n) { return std::clamp(int(v), 0, std::max(0, n - 1)); };
    const int r0 = clampIndex((exposed.top() - g.top()) / l.cell, rows);
    const int r1 = clampIndex(std::ceil((exposed.bottom() - g.top()) / l.cell), rows);
    const int c0 = clampIndex((exposed.left() - g.left()) / l.cell, columns);
    const int c1 = clampIndex(std::ceil((exposed.right() - g.left()) / l.cell), columns);
    const QColor highlight = palette.color(QPalette::Highlight);
    const QColor text = palette.color(QPalette::Text);

    // Cells, with a hairline gap in the background colour once they are big enough to need one.
    const double gap = l.cell >= 12 ? 1.0 : 0.0;
    const bool showValues = l.cell >= 34;
    p.setPen(Qt::NoPen);
    p.setFont(l.valueFont);
    if (rows > 0 && columns > 0) {
        for (int r = r0; r <= r1; ++r) {
            for (int c = c0; c <= c1; ++c) {
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

    QFont bold = l.font;
    bold.setBold(true);
    const QFontMetricsF fm(l.font);
    const double labelRoom = std::min(kMaxLabel, l.rowLabelWidth - 2 * kLabelGap);
    auto drawLabel = [&](const QRectF& box, const QString& label, bool hovered, Qt::Alignment align) {
        if (hovered) {
            QPainterPath pill;
            pill.addRoundedRect(box.adjusted(-3, 2, 3, -2), 4, 4);
            p.fillPath(pill, highlight);
            p.setPen(palette.color(QPalette::HighlightedText));
            p.setFont(bold);
        } else {
            p.setPen(text);
            p.setFont(l.font);
        }
        const QString shown = QFontMetricsF(p.font()).elidedText(label, Qt::ElideRight, box.width());
        p.drawText(box, align | Qt::AlignVCenter, shown);
    };

    // Row labels (target tokens), right-aligned against the grid.
    if (rows > 0) {
        for (int r = r0; r <= r1; ++r) {
            const double left = g.left() - kLabelGap - labelRoom;
            const QRectF box(left, g.top() + r * l.cell, labelRoom, l.cell);
            drawLabel(box, model.rowLabel(r), r == hoverRow, Qt::AlignRight);
        }
    }
    // Column labels (source tokens), rotated to read upwards from the grid.
    const double columnRoom = std::min(kMaxLabel, l.columnLabelHeight - 2 * kLabelGap);
    if (columns > 0) {
        for (int c = c0; c <= c1; ++c) {
            p.save();
            p.translate(g.left() + (c + 0.5) * l.cell, g.top() - kLabelGap);
            p.rotate(-90);
            drawLabel(QRectF(0, -l.cell / 2, columnRoom, l.cell), model.columnLabel(c),
                      c == hoverColumn, Qt::AlignLeft);
            p.restore();
        }
    }
    Q_UNUSED(fm);

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
// Canvas and legend widgets

class HeatmapCanvas : public QWidget {
public:
    explicit HeatmapCanvas(HeatmapView* view) : QWidget(nullptr), m_view(view) {
        setObjectName(QStringLiteral("heatmapCanvas"));
        setMouseTracking(true);
        setAttribute(Qt::WA_OpaquePaintEvent);
        setFocusPolicy(Qt::StrongFocus);
        setAccessibleName(tr("Attention heatmap"));
        setAccessibleDescription(
            tr("Rows are the generated tokens, columns the source tokens; brighter cells got more "
               "attention."));
    }

    const Layout& layoutData() const { return m_layout; }

    void relayout() {
        m_layout = computeLayout(*m_view->model(), font(), m_view->zoom(), false);
        const bool empty = m_view->model()->isEmpty();
        setMinimumSize(empty ? QSize(0, 0) : m_layout.size);
        updateGeometry();
        update();
    }

    QPoint cellAt(const QPoint& pos) const {
        const HeatmapModel& m = *m_view->model();
        const QRectF& g = m_layout.grid;
        if (!g.contains(pos))
            return {-1, -1};
        const int c = int((pos.x() - g.left()) / m_layout.cell);
        const int r = int((pos.y() - g.top()) / m_layout.cell);
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
        const QRectF& g = m_layout.grid;
        if (pos.x() < g.left() && pos.y() >= g.top() && pos.y() < g.bottom()) {
            const int r = int((pos.y() - g.top()) / m_layout.cell);
            if (r >= 0 && r < m.rowCount())
                return {-1, r};
        }
        if (pos.y() < g.top() && pos.x() >= g.left() && pos.x() < g.right()) {
            const int c = int((pos.x() - g.left()) / m_layout.cell);
            if (c >= 0 && c < m.columnCount())
                return {c, -1};
        }
        return {-1, -1};
    }

    QRect cellRect(int row, int column) const {
        return QRectF(m_layout.grid.left() + column * m_layout.cell,
                      m_layout.grid.top() + row * m_layout.cell, m_layout.cell, m_layout.cell)
            .toAlignedRect();
    }

protected:
    void paintEvent(QPaintEvent* event) override {
        QPainter p(this);
        p.fillRect(event->rect(), palette().color(QPalette::Base));
        const HeatmapModel& m = *m_view->model();
        if (m.isEmpty()) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            QRect box = rect().adjusted(24, 24, -24, -24);
            p.drawText(box, Qt::AlignCenter | Qt::TextWordWrap,
                       m.columnCount() > 0
                           ? tr("Waiting for the first generated token…")
                           : tr("No attention to show yet.\nSend a message or translate a sentence: "
                                "this map fills in, row by row, while the model writes."));
            return;
        }
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        paintHeatmap(p, m, m_layout, palette(), m_view->m_hoverRow, m_view->m_hoverColumn,
                     QRectF(event->rect()));
    }

    void mouseMoveEvent(QMouseEvent* event) override {
        const QPoint s = sectionAt(event->position().toPoint());
        m_view->setHover(s.y(), s.x());
        QWidget::mouseMoveEvent(event);
    }

    void leaveEvent(QEvent* event) override {
        m_view->setHover(-1, -1);
        QWidget::leaveEvent(event);
    }

    void mousePressEvent(QMouseEvent* event) override {
        const QPoint cell = cellAt(event->position().toPoint());
        if (event->button() == Qt::LeftButton && cell.x() >= 0)
            emit m_view->clickedCell(cell.y(), cell.x());
        QWidget::mousePressEvent(event);
    }

    void wheelEvent(QWheelEvent* event) override {
        if (event->modifiers() & Qt::ControlModifier) {
            const int delta = event->angleDelta().y();
            if (delta != 0)
                m_view->wheelZoom(delta > 0 ? 1.15 : 1.0 / 1.15, event->position().toPoint());
            event->accept();
            return;
        }
        event->ignore();  // the scroll area scrolls
    }

    void keyPressEvent(QKeyEvent* event) override {
        if (event->matches(QKeySequence::ZoomIn) || event->key() == Qt::Key_Plus) {
            m_view->zoomIn();
        } else if (event->matches(QKeySequence::ZoomOut) || event->key() == Qt::Key_Minus) {
            m_view->zoomOut();
        } else {
            QWidget::keyPressEvent(event);
        }
    }

    bool event(QEvent* event) override {
        if (event->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(event);
            const QPoint cell = cellAt(help->pos());
            if (cell.x() >= 0) {
                QToolTip::showText(help->globalPos(), m_view->model()->toolTip(cell.y(), cell.x()),
                                   this, cellRect(cell.y(), cell.x()));
            } else {
                const QPoint s = sectionAt(help->pos());
                const HeatmapModel& m = *m_view->model();
                if (s.y() >= 0)
                    QToolTip::showText(help->globalPos(), m.rowLabel(s.y()), this);
                else if (s.x() >= 0)
                    QToolTip::showText(help->globalPos(), m.columnLabel(s.x()), this);
                else
                    QToolTip::hideText();
            }
            return true;
        }
        if (event->type() == QEvent::FontChange)
            relayout();
        return QWidget::event(event);
    }

private:
    HeatmapView* m_view;
    Layout m_layout;
};

class HeatmapLegend : public QWidget {
public:
    explicit HeatmapLegend(QWidget* parent) : QWidget(parent) {
        setObjectName(QStringLiteral("heatmapLegend"));
        setAccessibleName(tr("Colour scale: attention weight from 0 to 1"));
        setToolTip(tr("Attention weight: dark = little, bright = much"));
        const QFontMetrics fm(font());
        setFixedWidth(int(kLegendWidth) + 16 + fm.horizontalAdvance(QStringLiteral("0.75")));
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing, false);
        const QFontMetrics fm(font());
        const double top = fm.height();
        const double height = std::clamp(double(this->height()) - 2 * top, 40.0, 260.0);
        paintLegend(p, QRectF(4, top, kLegendWidth, height), palette(), font());
    }
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
                                 tr("Zoom to fit the whole map"));
    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_zoomLabel->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("400%")) + 6);
    connect(zoomOutButton, &QToolButton::clicked, this, &HeatmapView::zoomOut);
    connect(zoomInButton, &QToolButton::clicked, this, &HeatmapView::zoomIn);
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
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("heatmapScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setBackgroundRole(QPalette::Base);
    m_scroll->setWidget(m_canvas);
    m_legend = new HeatmapLegend(this);
    m_legend->setAutoFillBackground(true);
    m_legend->setBackgroundRole(QPalette::Base);

    auto* body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_scroll, 1);
    body->addWidget(m_legend);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(toolbar);
    layout->addLayout(body, 1);

    // Keep following the newest row while the user has not scrolled away from the bottom.
    connect(m_scroll->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_followLive = value >= m_scroll->verticalScrollBar()->maximum() - 2;
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_hoverRow = m_hoverColumn = -1;
        m_followLive = true;
        updateGeometry_();
        updateToolbar();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        updateGeometry_();
        if (m_followLive)
            QTimer::singleShot(0, this, [this] {
                m_scroll->verticalScrollBar()->setValue(m_scroll->verticalScrollBar()->maximum());
            });
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { updateGeometry_(); });
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, [this] { updateGeometry_(); });
    connect(m_model, &HeatmapModel::hypothesesChanged, this, [this] { updateToolbar(); });

    setZoom(1.0);
    updateToolbar();
}

HeatmapView::~HeatmapView() = default;

QWidget* HeatmapView::canvas() const { return m_canvas; }

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

void HeatmapView::setZoom(double zoom) {
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    m_zoomLabel->setText(QStringLiteral("%1%").arg(int(std::lround(m_zoom * 100))));
    updateGeometry_();
}

void HeatmapView::zoomIn() { setZoom(m_zoom * 1.25); }
void HeatmapView::zoomOut() { setZoom(m_zoom / 1.25); }

void HeatmapView::zoomToFit() {
    if (m_model->isEmpty())
        return;
    const QSize available = m_scroll->viewport()->size();
    // Labels do not scale with the cells, so converge in a few steps.
    double zoom = m_zoom;
    for (int i = 0; i < 4; ++i) {
        const Layout l = computeLayout(*m_model, m_canvas->font(), zoom, false);
        const double fx = (available.width() - (l.size.width() - l.grid.width())) /
                          std::max(1.0, l.grid.width());
        const double fy = (available.height() - (l.size.height() - l.grid.height())) /
                          std::max(1.0, l.grid.height());
        zoom = std::clamp(zoom * std::min(fx, fy), kMinZoom, kMaxZoom);
    }
    setZoom(zoom * 0.98);
}

void HeatmapView::wheelZoom(double factor, const QPoint& canvasPos) {
    // Keep the cell under the pointer where it is.
    const Layout before = m_canvas->layoutData();
    const QPointF inGrid = (QPointF(canvasPos) - before.grid.topLeft()) / before.cell;
    const QPoint inViewport = m_canvas->mapTo(m_scroll->viewport(), canvasPos);
    setZoom(m_zoom * factor);
    const Layout& after = m_canvas->layoutData();
    const QPointF target = after.grid.topLeft() + inGrid * after.cell;
    QTimer::singleShot(0, this, [this, target, inViewport] {
        m_scroll->horizontalScrollBar()->setValue(int(target.x()) - inViewport.x());
        m_scroll->verticalScrollBar()->setValue(int(target.y()) - inViewport.y());
    });
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
