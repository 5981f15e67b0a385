#include "ui/heatmap_view.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/heatmap_canvas.h"
#include "ui/heatmap_symbols.h"

namespace attentive::ui {

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
                                 tr("Fit the map in the panel, following its size, as far as every row label stays "
                                    "readable; a longer map scrolls (on until you zoom)"));
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

    m_symbols = new QLabel(this);
    m_symbols->setObjectName(QStringLiteral("heatmapSymbols"));
    m_symbols->setForegroundRole(QPalette::PlaceholderText);
    m_symbols->setContentsMargins(8, 2, 8, 3);
    m_symbols->setToolTip(heatmapSymbolLegend());
    m_symbols->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    layout->addWidget(m_symbols);

    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_hoverRow = m_hoverColumn = -1;
        if (m_autoFit)
            applyFit(m_model->rowCount());
        else
            updateGeometry_();
        // A new map starts at its first row, whatever was scrolled before.
        m_canvas->verticalScrollBar()->setValue(0);
        m_canvas->horizontalScrollBar()->setValue(0);
        updateToolbar();
    });
    // New rows refit only when they no longer fit, with room for a quarter more, so the cells do
    // not shrink under the reader at every token; the first rows stay in sight.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_autoFit && !rowsFit())
            applyFit(m_model->rowCount() + m_model->rowCount() / 4 + 1);
        else
            updateGeometry_();
        updateSymbols();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { updateGeometry_(); });
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, [this] {
        updateGeometry_();
        updateSymbols();
    });
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
    updateSymbols();
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
    applyZoom(zoom);
}

void HeatmapView::zoomIn() { setZoom(m_zoom * 1.25); }
void HeatmapView::zoomOut() { setZoom(m_zoom / 1.25); }

void HeatmapView::zoomToFit() {
    m_autoFit = true;
    applyFit(m_model->rowCount());
}

void HeatmapView::applyFit(int rows) {
    if (m_model->columnCount() == 0) {
        m_fitRows = 0;
        applyZoom(1.0);
        return;
    }
    // Before the first rows come in, assume about as many rows as source tokens (typical of a
    // translation) so the cells keep their size during decoding.
    m_fitRows = std::max(rows, m_model->rowCount());
    if (m_fitRows == 0)
        m_fitRows = m_model->columnCount();
    applyZoom(m_canvas->fitZoom(m_fitRows));
}

bool HeatmapView::rowsFit() const {
    const heatmap::Layout& l = m_canvas->layoutData();
    return l.grid.bottom() + heatmap::kMargin <= m_canvas->maximumViewportSize().height();
}

void HeatmapView::viewportResized() {
    if (m_autoFit && m_model->columnCount() > 0) {
        const double zoom = m_canvas->fitZoom(std::max(m_fitRows, m_model->rowCount()));
        if (std::abs(zoom - m_zoom) > 1e-9) {
            applyZoom(zoom);
            return;
        }
    }
    updateGeometry_();
}

void HeatmapView::updateSymbols() {
    const QString symbols = heatmapSymbolsInUse(*m_model);
    m_symbols->setText(symbols);
    m_symbols->setVisible(!symbols.isEmpty());
}

void HeatmapView::wheelZoom(double factor, const QPoint& canvasPos) {
    // Keep the cell under the pointer where it is.
    const heatmap::Layout before = m_canvas->layoutData();
    const QPointF inGrid =
        (QPointF(canvasPos) - m_canvas->cellOffset() - before.grid.topLeft()) / before.cell;
    setZoom(m_zoom * factor);
    const heatmap::Layout& after = m_canvas->layoutData();
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

QSize HeatmapView::exportSize() const { return heatmapExportSize(*m_model, m_canvas->font()); }

QRectF HeatmapView::exportCellRect(int row, int column) const {
    return heatmapExportCellRect(*m_model, m_canvas->font(), row, column);
}

QImage HeatmapView::renderImage(double scale) const {
    return renderHeatmapImage(*m_model, m_canvas->font(), scale);
}

QByteArray HeatmapView::renderSvg() const { return renderHeatmapSvg(*m_model, m_canvas->font()); }

QByteArray HeatmapView::exportData(ExportFormat format) const {
    return heatmapExportData(*m_model, m_canvas->font(), format);
}

bool HeatmapView::exportToFile(const QString& path, ExportFormat format, QString* error) const {
    return writeHeatmapExport(*m_model, m_canvas->font(), path, format, error);
}

void HeatmapView::exportWithDialog(ExportFormat format) {
    const QString suffix = heatmapFormatSuffix(format);
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString path = QFileDialog::getSaveFileName(this, tr("Export attention heatmap"),
                                                folder + QStringLiteral("/attention.") + suffix,
                                                heatmapFormatFilter(format));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    QString error;
    if (!exportToFile(path, format, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

}  // namespace attentive::ui
