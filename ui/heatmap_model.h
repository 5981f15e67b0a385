#pragma once
// The data behind the attention heatmap, testable without painting: rows are target tokens,
// columns source tokens, each cell the attention weight. Shows subword pieces or whole words;
// whole words merge pieces the way alignments are usually read: a target word attends with the
// SUM of the weights of a source word's pieces, averaged (MEAN) over the target word's pieces,
// so each merged row still sums to 1 when the piece rows do.

#include <QAbstractTableModel>
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include "ui/engine_types.h"

namespace attentive::ui {

class HeatmapModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        WeightRole = Qt::UserRole + 1,  // float: the (merged) attention weight of a cell
        PieceRangeRole,                 // header: QPoint(first piece, piece count) of a row/column
    };
    enum class DisplayMode { Pieces, Words };
    enum class Side { Source, Target };
    struct PieceRange {
        int first = -1;
        int count = 0;
        bool isValid() const { return first >= 0 && count > 0; }
        bool contains(int piece) const { return piece >= first && piece < first + count; }
        friend bool operator==(const PieceRange&, const PieceRange&) = default;
    };

    explicit HeatmapModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The piece-level matrix of the selected hypothesis (whatever the display mode).
    const AttentionMatrix& matrix() const { return m_hypotheses[m_current]; }
    bool isEmpty() const { return rowCount() == 0 || columnCount() == 0; }

    // The displayed (merged in word mode) weight; 0 outside the matrix.
    float weight(int row, int column) const;
    QString rowLabel(int row) const;
    QString columnLabel(int column) const;
    QString toolTip(int row, int column) const;  // "source → target: 0.734"

    DisplayMode displayMode() const { return m_mode; }
    void setDisplayMode(DisplayMode mode);

    // Hypotheses of a beam search (n-best, best first); one of them is shown.
    void setHypotheses(const QVector<AttentionMatrix>& hypotheses);
    int hypothesisCount() const { return int(m_hypotheses.size()); }
    int currentHypothesis() const { return m_current; }
    void selectHypothesis(int index);

    // Mapping between pieces and words, for linking cells to text. Words are numbered from 0;
    // a piece starts a word when its word-start flag is set (the first piece always does).
    int wordForPiece(Side side, int piece) const;        // -1 when out of range
    PieceRange pieceRangeForWord(Side side, int word) const;  // invalid when out of range
    int sourceWordForPiece(int piece) const { return wordForPiece(Side::Source, piece); }
    PieceRange pieceRangeForWord(int sourceWord) const {
        return pieceRangeForWord(Side::Source, sourceWord);
    }
    int wordCount(Side side) const;
    // The pieces behind a displayed row / column (one piece in piece mode, a word's in word mode).
    PieceRange piecesForRow(int row) const;
    PieceRange piecesForColumn(int column) const;

    // Exports of what is displayed (raw pieces or words). CSV: a header line with an empty corner
    // and the source tokens, then one line per target token; fields quoted when needed.
    QString toCsv() const;
    // JSON: {"mode", "source", "target", "weights": [[...]], "hypothesis", "hypotheses"}.
    QByteArray toJson() const;

public slots:
    void clear();
    void setMatrix(const attentive::ui::AttentionMatrix& matrix);
    // Live filling: the source is known first, then one target piece per decoding step.
    void setSourceTokens(const QStringList& pieces, const QList<bool>& wordStart);
    void appendRow(const QString& targetPiece, bool wordStart, const QVector<float>& row);

signals:
    void displayModeChanged(attentive::ui::HeatmapModel::DisplayMode mode);
    void hypothesesChanged(int count, int current);

private:
    struct Axis {
        QStringList labels;  // shown: continuation pieces marked with "·"
        QStringList tokens;  // exported: the raw pieces, or the words
        QVector<PieceRange> ranges;  // per displayed section
        QVector<int> wordOfPiece;
    };
    static Axis buildAxis(const QStringList& pieces, const QList<bool>& wordStart, DisplayMode mode);
    static bool startsWord(const QList<bool>& wordStart, const QStringList& pieces, int i);
    void rebuild();
    QVector<float> mergedRow(const QVector<QVector<float>>& weights, const PieceRange& target) const;

    QVector<AttentionMatrix> m_hypotheses{AttentionMatrix{}};
    int m_current = 0;
    DisplayMode m_mode = DisplayMode::Pieces;
    Axis m_source;
    Axis m_target;
    QVector<QVector<float>> m_cells;  // [displayed row][displayed column]
};

}  // namespace attentive::ui
