#pragma once
// The attention heatmap dock content: a custom-painted grid (target tokens as rows, source
// tokens as columns) coloured on the perceptually uniform viridis scale, filled row by row while
// the model decodes. It fits the panel in both directions (until the user zooms) and keeps the
// first rows in sight. Hover highlights a row and a column and reports them so text views can
// highlight the linked words; zoom, scroll, pieces/words, n-best picker and exports on a toolbar;
// a line under the map explains the symbols its labels use.

#include <QImage>
#include <QPointer>
#include <QWidget>

#include "ui/engine_types.h"
#include "ui/heatmap_colors.h"
#include "ui/heatmap_export.h"
#include "ui/heatmap_model.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QToolButton;

namespace attentive::ui {

class HeatmapCanvas;

class HeatmapView : public QWidget {
    Q_OBJECT
public:
    using ExportFormat = HeatmapFormat;

    explicit HeatmapView(QWidget* parent = nullptr);
    ~HeatmapView() override;

    HeatmapModel* model() const { return m_model; }

    double zoom() const { return m_zoom; }
    // True while the map follows the panel's size (the Fit button is then pressed).
    bool isFitting() const { return m_autoFit; }
    static constexpr double kMinZoom = 0.25;
    static constexpr double kMaxZoom = 4.0;

    // The displayed cell under a canvas point (canvas coordinates); {-1, -1} when none.
    QPoint cellAt(const QPoint& canvasPos) const;
    // The rectangle of a cell on the canvas.
    QRect cellRect(int row, int column) const;
    QWidget* canvas() const;

    // Exports: the picture at `scale` device pixels per logical pixel, on a light background.
    QSize exportSize() const;
    QRectF exportCellRect(int row, int column) const;  // logical coordinates in the export
    QImage renderImage(double scale = 2.0) const;
    QByteArray renderSvg() const;
    QByteArray exportData(ExportFormat format) const;
    // Writes with QSaveFile; on failure returns false and sets *error to a readable message.
    bool exportToFile(const QString& path, ExportFormat format, QString* error = nullptr) const;

public slots:
    void clear();
    void setSourceTokens(const QStringList& pieces, const QList<bool>& wordStart);
    void appendRow(const QString& targetPiece, bool wordStart, const QVector<float>& row);
    void setMatrix(const attentive::ui::AttentionMatrix& matrix);
    void setHypotheses(const QVector<attentive::ui::AttentionMatrix>& hypotheses);
    void setDisplayMode(attentive::ui::HeatmapModel::DisplayMode mode);
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    // Fits the whole map in both directions, now and whenever the panel is resized, until the
    // user zooms.
    void zoomToFit();
    // Opens a save dialog for `format` and writes the file; errors shown in a message box.
    void exportWithDialog(attentive::ui::HeatmapView::ExportFormat format);
    // Highlights a target/source section from outside (e.g. a hovered word in a text view).
    void highlight(int target, int source);

signals:
    // Displayed indices (words in word mode); -1 when the pointer left the grid.
    void hoveredCell(int target, int source);
    void hoveredTarget(int target);
    void hoveredSource(int source);
    // The same hover as piece ranges, whatever the display mode (count 0: none).
    void hoveredPieces(int firstTarget, int targetCount, int firstSource, int sourceCount);
    void clickedCell(int target, int source);

private:
    friend class HeatmapCanvas;
    void setHover(int row, int column);
    void updateToolbar();
    void updateGeometry_();
    void wheelZoom(double factor, const QPoint& canvasPos);
    void applyZoom(double zoom);  // without leaving the fit mode
    // Fits assuming `rows` rows (at least the current ones).
    void applyFit(int rows);
    void viewportResized();
    bool rowsFit() const;
    void updateSymbols();

    HeatmapModel* m_model = nullptr;
    HeatmapCanvas* m_canvas = nullptr;
    QToolButton* m_piecesButton = nullptr;
    QToolButton* m_wordsButton = nullptr;
    QComboBox* m_hypothesisCombo = nullptr;
    QLabel* m_hypothesisLabel = nullptr;
    QLabel* m_infoLabel = nullptr;
    QLabel* m_zoomLabel = nullptr;
    QToolButton* m_exportButton = nullptr;
    QToolButton* m_fitButton = nullptr;
    QLabel* m_symbols = nullptr;
    double m_zoom = 1.0;
    int m_hoverRow = -1;
    int m_hoverColumn = -1;
    // The zoom follows the view's size (the whole map in sight, cells up to a limit) until the
    // user zooms; m_fitRows is the number of rows the fit made room for.
    bool m_autoFit = true;
    int m_fitRows = 0;
};

}  // namespace attentive::ui
