#include "ui/heatmap_model.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPoint>

#include <algorithm>
#include <cmath>

namespace attentive::ui {

namespace {

const QChar kContinuation(0x00b7);  // "·"
// The core shows a piece made only of SentencePiece's word mark as this (Tokenizer::display_piece).
const QString kSpacePiece = QStringLiteral("␣");

// A spreadsheet runs a cell that begins with = + - @ (or tab, CR) as a formula: such a cell is
// prefixed with ' and quoted, as OWASP's CSV injection rule says, so a piece like "=cmd" opens as
// text.
QString csvField(const QString& text) {
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    const bool formula = !text.isEmpty() && formulaStarts.contains(text.front());
    if (!formula && !text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')) && text.trimmed() == text)
        return text;
    QString quoted = formula ? QLatin1Char('\'') + text : text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Round-trip precision without the float→double noise (0.734f, not 0.73400002717971802).
QString weightText(float w) { return QString::number(double(w), 'g', 7); }

double jsonWeight(float w) { return std::round(double(w) * 1e6) / 1e6; }

}  // namespace

HeatmapModel::HeatmapModel(QObject* parent) : QAbstractTableModel(parent) {}

int HeatmapModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_cells.size());
}

int HeatmapModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_source.labels.size());
}

float HeatmapModel::weight(int row, int column) const {
    if (row < 0 || row >= m_cells.size() || column < 0 || column >= m_cells[row].size())
        return 0.0f;
    return m_cells[row][column];
}

QString HeatmapModel::rowLabel(int row) const { return m_target.labels.value(row); }
QString HeatmapModel::columnLabel(int column) const { return m_source.labels.value(column); }

QString HeatmapModel::toolTip(int row, int column) const {
    return QStringLiteral("%1 → %2: %3")
        .arg(columnLabel(column), rowLabel(row), QString::number(double(weight(row, column)), 'f', 3));
}

QVariant HeatmapModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const float w = weight(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return QString::number(double(w), 'f', 2);
    case WeightRole:
        return w;
    case Qt::ToolTipRole:
        return toolTip(index.row(), index.column());
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    default:
        return {};
    }
}

QVariant HeatmapModel::headerData(int section, Qt::Orientation orientation, int role) const {
    const Axis& axis = orientation == Qt::Horizontal ? m_source : m_target;
    if (section < 0 || section >= axis.labels.size())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return axis.labels[section];
    case PieceRangeRole: {
        const PieceRange r = axis.ranges.value(section);
        return QPoint(r.first, r.count);
    }
    default:
        return {};
    }
}

bool HeatmapModel::startsWord(const QList<bool>& wordStart, const QStringList& pieces, int i) {
    if (i == 0)
        return true;
    Q_UNUSED(pieces);
    // A piece without a flag is read as a word of its own.
    return i >= wordStart.size() || wordStart[i];
}

HeatmapModel::Axis HeatmapModel::buildAxis(const QStringList& pieces, const QList<bool>& wordStart,
                                           DisplayMode mode) {
    Axis axis;
    axis.wordOfPiece.resize(pieces.size());
    int word = -1;
    for (int i = 0; i < pieces.size(); ++i) {
        if (startsWord(wordStart, pieces, i)) {
            ++word;
            if (mode == DisplayMode::Words) {
                axis.labels.append(QString());
                axis.tokens.append(QString());
                axis.ranges.append(PieceRange{i, 0});
            }
        }
        axis.wordOfPiece[i] = word;
        if (mode == DisplayMode::Words) {
            axis.labels.last() += pieces[i];
            axis.tokens.last() += pieces[i];
            axis.ranges.last().count += 1;
        } else {
            // A leading dot marks a piece that continues a word ("play", "·ing").
            const bool continues = axis.wordOfPiece[i] == (i > 0 ? axis.wordOfPiece[i - 1] : -1);
            axis.labels.append(continues ? kContinuation + pieces[i] : pieces[i]);
            axis.tokens.append(pieces[i]);
            axis.ranges.append(PieceRange{i, 1});
        }
    }
    // An empty piece would show as an empty header.
    for (int s = 0; s < axis.labels.size(); ++s)
        if (axis.labels[s].isEmpty())
            axis.labels[s] = kSpacePiece;
    for (QString& token : axis.tokens)
        if (token.isEmpty())
            token = kSpacePiece;
    return axis;
}

QVector<float> HeatmapModel::mergedRow(const QVector<QVector<float>>& weights,
                                       const PieceRange& target) const {
    QVector<float> out(m_source.labels.size(), 0.0f);
    for (int t = target.first; t < target.first + target.count; ++t) {
        const QVector<float>& row = weights[t];
        for (int c = 0; c < out.size(); ++c) {
            const PieceRange& src = m_source.ranges[c];
            for (int s = src.first; s < src.first + src.count && s < row.size(); ++s)
                out[c] += row[s];
        }
    }
    if (target.count > 1)
        for (float& v : out)
            v /= float(target.count);
    return out;
}

void HeatmapModel::rebuild() {
    const AttentionMatrix& m = matrix();
    m_source = buildAxis(m.sourcePieces, m.sourceWordStart, m_mode);
    m_target = buildAxis(m.targetPieces, m.targetWordStart, m_mode);
    m_cells.clear();
    m_cells.reserve(m_target.ranges.size());
    for (const PieceRange& r : std::as_const(m_target.ranges))
        m_cells.append(mergedRow(m.weights, r));
}

void HeatmapModel::clear() {
    beginResetModel();
    m_hypotheses = {AttentionMatrix{}};
    m_current = 0;
    rebuild();
    endResetModel();
    emit hypothesesChanged(1, 0);
}

void HeatmapModel::setMatrix(const AttentionMatrix& matrix) { setHypotheses({matrix}); }

void HeatmapModel::setHypotheses(const QVector<AttentionMatrix>& hypotheses) {
    beginResetModel();
    m_hypotheses = hypotheses.isEmpty() ? QVector<AttentionMatrix>{AttentionMatrix{}} : hypotheses;
    // Rows shorter or longer than the source would index out of bounds when painting.
    for (AttentionMatrix& h : m_hypotheses) {
        while (h.weights.size() < h.targetPieces.size())
            h.weights.append(QVector<float>());
        h.weights.resize(h.targetPieces.size());
        for (QVector<float>& row : h.weights)
            row.resize(h.sourcePieces.size());
    }
    m_current = 0;
    rebuild();
    endResetModel();
    emit hypothesesChanged(hypothesisCount(), m_current);
}

void HeatmapModel::selectHypothesis(int index) {
    if (index < 0 || index >= hypothesisCount() || index == m_current)
        return;
    beginResetModel();
    m_current = index;
    rebuild();
    endResetModel();
    emit hypothesesChanged(hypothesisCount(), m_current);
}

void HeatmapModel::setDisplayMode(DisplayMode mode) {
    if (mode == m_mode)
        return;
    beginResetModel();
    m_mode = mode;
    rebuild();
    endResetModel();
    emit displayModeChanged(mode);
}

void HeatmapModel::setSourceTokens(const QStringList& pieces, const QList<bool>& wordStart) {
    AttentionMatrix m;
    m.sourcePieces = pieces;
    m.sourceWordStart = wordStart;
    setMatrix(m);
}

void HeatmapModel::appendRow(const QString& targetPiece, bool wordStart, const QVector<float>& row) {
    if (m_current != 0 || hypothesisCount() != 1) {
        // Live rows belong to a fresh decode: drop the n-best of an earlier one.
        AttentionMatrix source;
        source.sourcePieces = matrix().sourcePieces;
        source.sourceWordStart = matrix().sourceWordStart;
        setMatrix(source);
    }
    if (matrix().sourcePieces.isEmpty() && !row.isEmpty()) {
        // The source was never announced: number the columns so the row is still visible.
        QStringList pieces;
        for (int i = 0; i < row.size(); ++i)
            pieces.append(QStringLiteral("#%1").arg(i + 1));
        AttentionMatrix numbered = matrix();
        numbered.sourcePieces = pieces;
        numbered.sourceWordStart = QList<bool>(row.size(), true);
        setMatrix(numbered);
    }
    AttentionMatrix& m = m_hypotheses[0];
    QVector<float> fitted = row;
    fitted.resize(m.sourcePieces.size());

    const int piece = int(m.targetPieces.size());
    const bool newSection = m_mode == DisplayMode::Pieces || piece == 0 || wordStart;
    if (newSection) {
        const int at = rowCount();
        beginInsertRows({}, at, at);
        m.targetPieces.append(targetPiece);
        m.targetWordStart.append(wordStart);
        m.weights.append(fitted);
        rebuild();
        endInsertRows();
    } else {
        // A continuation piece in word mode extends the last word instead of adding a row.
        m.targetPieces.append(targetPiece);
        m.targetWordStart.append(wordStart);
        m.weights.append(fitted);
        rebuild();
        const int last = rowCount() - 1;
        emit dataChanged(index(last, 0), index(last, columnCount() - 1));
        emit headerDataChanged(Qt::Vertical, last, last);
    }
}

int HeatmapModel::wordForPiece(Side side, int piece) const {
    const Axis& axis = side == Side::Source ? m_source : m_target;
    return piece >= 0 && piece < axis.wordOfPiece.size() ? axis.wordOfPiece[piece] : -1;
}

int HeatmapModel::wordCount(Side side) const {
    const Axis& axis = side == Side::Source ? m_source : m_target;
    return axis.wordOfPiece.isEmpty() ? 0 : axis.wordOfPiece.last() + 1;
}

HeatmapModel::PieceRange HeatmapModel::pieceRangeForWord(Side side, int word) const {
    const Axis& axis = side == Side::Source ? m_source : m_target;
    PieceRange range;
    for (int i = 0; i < axis.wordOfPiece.size(); ++i) {
        if (axis.wordOfPiece[i] == word) {
            if (range.first < 0)
                range.first = i;
            ++range.count;
        } else if (range.first >= 0) {
            break;
        }
    }
    return range;
}

HeatmapModel::PieceRange HeatmapModel::piecesForRow(int row) const {
    return m_target.ranges.value(row);
}

HeatmapModel::PieceRange HeatmapModel::piecesForColumn(int column) const {
    return m_source.ranges.value(column);
}

QString HeatmapModel::toCsv() const {
    QStringList lines;
    QStringList header{QString()};
    for (const QString& token : m_source.tokens)
        header.append(csvField(token));
    lines.append(header.join(QLatin1Char(',')));
    for (int r = 0; r < rowCount(); ++r) {
        QStringList fields{csvField(m_target.tokens.value(r))};
        for (int c = 0; c < columnCount(); ++c)
            fields.append(weightText(weight(r, c)));
        lines.append(fields.join(QLatin1Char(',')));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QByteArray HeatmapModel::toJson() const {
    QJsonObject root;
    root.insert(QStringLiteral("mode"),
                m_mode == DisplayMode::Words ? QStringLiteral("words") : QStringLiteral("pieces"));
    root.insert(QStringLiteral("source"), QJsonArray::fromStringList(m_source.tokens));
    root.insert(QStringLiteral("target"), QJsonArray::fromStringList(m_target.tokens));
    QJsonArray rows;
    for (int r = 0; r < rowCount(); ++r) {
        QJsonArray cells;
        for (int c = 0; c < columnCount(); ++c)
            cells.append(jsonWeight(weight(r, c)));
        rows.append(cells);
    }
    root.insert(QStringLiteral("weights"), rows);
    root.insert(QStringLiteral("hypothesis"), m_current);
    root.insert(QStringLiteral("hypotheses"), hypothesisCount());
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace attentive::ui
