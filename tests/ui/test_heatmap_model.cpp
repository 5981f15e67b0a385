// HeatmapModel and HeatmapView: data of a known matrix, word merging (sum over source pieces,
// mean over target pieces), live filling, hypotheses, piece/word mapping, hover lookup and every
// export read back.

#include <QAbstractItemModelTester>
#include <QAbstractScrollArea>
#include <QScrollBar>
#include <QPalette>
#include <QSet>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <QLabel>
#include <QToolButton>

#include "ui/heatmap_model.h"
#include "ui/heatmap_painter.h"
#include "ui/heatmap_view.h"

#include <cmath>

using attentive::ui::AttentionMatrix;
using attentive::ui::HeatmapModel;
using attentive::ui::HeatmapView;
using Mode = HeatmapModel::DisplayMode;
using Side = HeatmapModel::Side;

namespace {

// A realistic 12 x 20 translation with a roughly diagonal alignment (and a bit of spread).
AttentionMatrix sentenceMatrix() {
    AttentionMatrix m;
    const QStringList source = {"A", "man", "in", "a", "blue",
                                "shirt", "is", "stand", "ing", "on",
                                "a", "ladder", "clean", "ing", "the",
                                "windows", "of", "the", "building", "."};
    const QStringList target = {"Ein", "Mann", "in", "einem",
                                "blauen", "Hemd", "steht", "auf",
                                "einer", "Leiter", ".", QStringLiteral("</s>")};
    m.sourcePieces = source;
    for (const QString& p : source)
        m.sourceWordStart.append(p != QStringLiteral("ing"));
    m.targetPieces = target;
    m.targetWordStart = QList<bool>(target.size(), true);
    for (int r = 0; r < target.size(); ++r) {
        const double centre = r * (source.size() - 1.0) / (target.size() - 1.0);
        QVector<float> row;
        double sum = 0;
        for (int c = 0; c < source.size(); ++c) {
            const double w = std::exp(-(c - centre) * (c - centre) / (1.0 + (r % 3)));
            row.append(float(w));
            sum += w;
        }
        for (float& w : row)
            w = float(w / sum);
        m.weights.append(row);
    }
    return m;
}

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x60));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

// Source "a play ·ing ." (3 words: a | playing | .), target "jou ·e x" (2 words).
AttentionMatrix knownMatrix() {
    AttentionMatrix m;
    m.sourcePieces = {"a", "play", "ing", "."};
    m.sourceWordStart = {true, true, false, true};
    m.targetPieces = {"jou", "e", "x"};
    m.targetWordStart = {true, false, true};
    m.weights = {
        {0.10f, 0.50f, 0.30f, 0.10f},
        {0.20f, 0.20f, 0.40f, 0.20f},
        {0.70f, 0.05f, 0.05f, 0.20f},
    };
    return m;
}

QList<QStringList> parseCsv(const QString& text) {
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (quoted) {
            if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                field += ch;
            }
        } else if (ch == '"') {
            quoted = true;
        } else if (ch == ',') {
            row.append(field);
            field.clear();
        } else if (ch == '\n') {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
        } else {
            field += ch;
        }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

}  // namespace

class TestHeatmapModel : public QObject {
    Q_OBJECT
private slots:
    void modelTesterSurvivesEveryChange();
    void dataOfKnownMatrix_data();
    void dataOfKnownMatrix();
    void headersAndToolTip();
    void wordMerging_data();
    void wordMerging();
    void mergedRowsStillSumToOne();
    void liveFillingInPieceMode();
    void liveFillingInWordModeExtendsTheLastWord();
    void rowsAreFittedToTheSource();
    void hypotheses();
    void pieceWordMapping_data();
    void pieceWordMapping();
    void hoverLookupAndSignals();
    void csvExportParsesBack_data();
    void csvExportParsesBack();
    void csvQuotesAwkwardTokens();
    void csvEscapesFormulaCells();
    void jsonExportParsesBack();
    void pngExport();
    void svgExport();
    void exportErrors();
    void viridisEnds();
    void zoomIsClamped();
    void labelsStayInSightWhileScrolled_data();
    void labelsStayInSightWhileScrolled();
    void smallMatrixFillsTheView();
    void fitsBothWaysByDefault();
    void liveRowsKeepTheFirstRowInSight();
    void longMapsStayReadable();
    void fitButtonTellsTheTruth();
    void symbolLegendNamesWhatIsShown();
};

void TestHeatmapModel::modelTesterSurvivesEveryChange() {
    HeatmapModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMatrix(knownMatrix());
    model.setDisplayMode(Mode::Words);
    model.setSourceTokens(knownMatrix().sourcePieces, knownMatrix().sourceWordStart);
    model.appendRow("jou", true, {0.1f, 0.2f, 0.3f, 0.4f});
    model.appendRow("e", false, {0.4f, 0.3f, 0.2f, 0.1f});
    model.appendRow("x", true, {0.25f, 0.25f, 0.25f, 0.25f});
    model.setDisplayMode(Mode::Pieces);
    model.appendRow("y", true, {1.0f, 0.0f, 0.0f, 0.0f});
    model.setHypotheses({knownMatrix(), knownMatrix()});
    model.selectHypothesis(1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestHeatmapModel::dataOfKnownMatrix_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<float>("weight");
    QTest::addColumn<QString>("display");
    QTest::newRow("first cell") << 0 << 0 << 0.10f << "0.10";
    QTest::newRow("peak of row 0") << 0 << 1 << 0.50f << "0.50";
    QTest::newRow("continuation column") << 1 << 2 << 0.40f << "0.40";
    QTest::newRow("last cell") << 2 << 3 << 0.20f << "0.20";
    QTest::newRow("small weight rounds") << 2 << 1 << 0.05f << "0.05";
}

void TestHeatmapModel::dataOfKnownMatrix() {
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(float, weight);
    QFETCH(QString, display);
    HeatmapModel model;
    model.setMatrix(knownMatrix());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 4);
    const QModelIndex index = model.index(row, column);
    QCOMPARE(model.data(index, HeatmapModel::WeightRole).toFloat(), weight);
    QCOMPARE(model.data(index, Qt::DisplayRole).toString(), display);
}

void TestHeatmapModel::headersAndToolTip() {
    HeatmapModel model;
    model.setMatrix(knownMatrix());
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("play"));
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("\u00b7ing"));
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("jou"));
    QCOMPARE(model.headerData(2, Qt::Horizontal, HeatmapModel::PieceRangeRole).toPoint(), QPoint(2, 1));
    QCOMPARE(model.data(model.index(0, 1), Qt::ToolTipRole).toString(),
             QStringLiteral("play → jou: 0.500"));
    QVERIFY(!model.headerData(9, Qt::Horizontal).isValid());

    model.setDisplayMode(Mode::Words);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("playing"));
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("joue"));
    QCOMPARE(model.headerData(1, Qt::Horizontal, HeatmapModel::PieceRangeRole).toPoint(), QPoint(1, 2));
}

void TestHeatmapModel::wordMerging_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<float>("expected");
    // joue = mean of rows 0 and 1; playing = sum of columns 1 and 2.
    QTest::newRow("joue/a") << 0 << 0 << (0.10f + 0.20f) / 2;         // 0.15
    QTest::newRow("joue/playing") << 0 << 1 << (0.80f + 0.60f) / 2;  // 0.70
    QTest::newRow("joue/.") << 0 << 2 << (0.10f + 0.20f) / 2;         // 0.15
    QTest::newRow("x/a") << 1 << 0 << 0.70f;
    QTest::newRow("x/playing") << 1 << 1 << 0.10f;
    QTest::newRow("x/.") << 1 << 2 << 0.20f;
}

void TestHeatmapModel::wordMerging() {
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(float, expected);
    HeatmapModel model;
    model.setMatrix(knownMatrix());
    QSignalSpy modeSpy(&model, &HeatmapModel::displayModeChanged);
    model.setDisplayMode(Mode::Words);
    QCOMPARE(modeSpy.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 3);
    QVERIFY2(qAbs(model.weight(row, column) - expected) < 1e-6f,
             qPrintable(QString::number(model.weight(row, column))));
}

void TestHeatmapModel::mergedRowsStillSumToOne() {
    HeatmapModel model;
    model.setMatrix(knownMatrix());
    model.setDisplayMode(Mode::Words);
    for (int r = 0; r < model.rowCount(); ++r) {
        float sum = 0;
        for (int c = 0; c < model.columnCount(); ++c)
            sum += model.weight(r, c);
        QVERIFY2(qAbs(sum - 1.0f) < 1e-5f, qPrintable(QString::number(sum)));
    }
}

void TestHeatmapModel::liveFillingInPieceMode() {
    HeatmapModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setSourceTokens(knownMatrix().sourcePieces, knownMatrix().sourceWordStart);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.rowCount(), 0);
    const AttentionMatrix m = knownMatrix();
    for (int t = 0; t < m.targetPieces.size(); ++t)
        model.appendRow(m.targetPieces[t], m.targetWordStart[t], m.weights[t]);
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.weight(2, 0), 0.70f);
    QCOMPARE(model.matrix().targetPieces, m.targetPieces);
}

void TestHeatmapModel::liveFillingInWordModeExtendsTheLastWord() {
    HeatmapModel model;
    model.setDisplayMode(Mode::Words);
    model.setSourceTokens(knownMatrix().sourcePieces, knownMatrix().sourceWordStart);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const AttentionMatrix m = knownMatrix();
    model.appendRow(m.targetPieces[0], true, m.weights[0]);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowLabel(0), QStringLiteral("jou"));
    model.appendRow(m.targetPieces[1], false, m.weights[1]);
    QCOMPARE(model.rowCount(), 1);  // "e" continues "jou"
    QCOMPARE(model.rowLabel(0), QStringLiteral("joue"));
    QCOMPARE(changed.count(), 1);
    QVERIFY(qAbs(model.weight(0, 1) - 0.70f) < 1e-6f);
    model.appendRow(m.targetPieces[2], true, m.weights[2]);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 2);
}

void TestHeatmapModel::rowsAreFittedToTheSource() {
    HeatmapModel model;
    model.setSourceTokens({"a", "b"}, {true, true});
    model.appendRow("x", true, {0.2f, 0.3f, 0.5f});  // one weight too many
    model.appendRow("y", true, {1.0f});               // one too few
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.weight(0, 1), 0.3f);
    QCOMPARE(model.weight(1, 1), 0.0f);
    QCOMPARE(model.weight(5, 5), 0.0f);

    HeatmapModel unannounced;  // no source yet: numbered columns
    unannounced.appendRow("x", true, {0.5f, 0.5f});
    QCOMPARE(unannounced.columnCount(), 2);
    QCOMPARE(unannounced.columnLabel(1), QStringLiteral("#2"));
}

void TestHeatmapModel::hypotheses() {
    AttentionMatrix second = knownMatrix();
    second.targetPieces = {"z"};
    second.targetWordStart = {true};
    second.weights = {{0.0f, 0.0f, 0.0f, 1.0f}};
    HeatmapView view;
    auto* combo = view.findChild<QComboBox*>(QStringLiteral("hypothesisCombo"));
    QVERIFY(combo);
    view.setMatrix(knownMatrix());
    QVERIFY(!combo->isVisibleTo(&view));

    QSignalSpy spy(view.model(), &HeatmapModel::hypothesesChanged);
    view.setHypotheses({knownMatrix(), second});
    QCOMPARE(spy.count(), 1);
    QVERIFY(combo->isVisibleTo(&view));
    QCOMPARE(combo->count(), 2);
    QCOMPARE(view.model()->rowCount(), 3);
    view.model()->selectHypothesis(1);
    QCOMPARE(view.model()->currentHypothesis(), 1);
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->weight(0, 3), 1.0f);
    QCOMPARE(combo->currentIndex(), 1);
    view.model()->selectHypothesis(7);  // out of range: ignored
    QCOMPARE(view.model()->currentHypothesis(), 1);
}

void TestHeatmapModel::pieceWordMapping_data() {
    QTest::addColumn<int>("piece");
    QTest::addColumn<int>("word");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("count");
    QTest::newRow("a") << 0 << 0 << 0 << 1;
    QTest::newRow("play") << 1 << 1 << 1 << 2;
    QTest::newRow("ing") << 2 << 1 << 1 << 2;
    QTest::newRow(".") << 3 << 2 << 3 << 1;
    QTest::newRow("out of range") << 4 << -1 << -1 << 0;
}

void TestHeatmapModel::pieceWordMapping() {
    QFETCH(int, piece);
    QFETCH(int, word);
    QFETCH(int, first);
    QFETCH(int, count);
    HeatmapModel model;
    model.setMatrix(knownMatrix());
    QCOMPARE(model.sourceWordForPiece(piece), word);
    if (word >= 0) {
        const HeatmapModel::PieceRange range = model.pieceRangeForWord(word);
        QCOMPARE(range.first, first);
        QCOMPARE(range.count, count);
        QVERIFY(range.contains(piece));
    } else {
        QVERIFY(!model.pieceRangeForWord(model.wordCount(Side::Source)).isValid());
    }
    QCOMPARE(model.wordCount(Side::Source), 3);
    QCOMPARE(model.wordCount(Side::Target), 2);
    QCOMPARE(model.wordForPiece(Side::Target, 1), 0);
    // In word mode a displayed column stands for the word's pieces.
    model.setDisplayMode(Mode::Words);
    if (word >= 0)
        QCOMPARE(model.piecesForColumn(word), (HeatmapModel::PieceRange{first, count}));
}

void TestHeatmapModel::hoverLookupAndSignals() {
    HeatmapView view;
    view.resize(600, 400);
    view.setMatrix(knownMatrix());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QWidget* canvas = view.canvas();
    QCOMPARE(canvas->objectName(), QStringLiteral("heatmapCanvas"));

    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c)
            QCOMPARE(view.cellAt(view.cellRect(r, c).center()), QPoint(r, c));
    QCOMPARE(view.cellAt(QPoint(1, 1)), QPoint(-1, -1));  // the label corner

    QSignalSpy cells(&view, &HeatmapView::hoveredCell);
    QSignalSpy pieces(&view, &HeatmapView::hoveredPieces);
    QSignalSpy clicks(&view, &HeatmapView::clickedCell);
    QTest::mouseMove(canvas, view.cellRect(2, 1).center());
    QTRY_VERIFY(!cells.isEmpty());
    QCOMPARE(cells.last().at(0).toInt(), 2);
    QCOMPARE(cells.last().at(1).toInt(), 1);

    view.setDisplayMode(Mode::Words);
    QTest::mouseMove(canvas, view.cellRect(0, 1).center());
    QTRY_COMPARE(cells.last().at(0).toInt(), 0);
    // Word "playing" (column 1) is pieces 1..2, word "joue" (row 0) pieces 0..1.
    QCOMPARE(pieces.last(), (QList<QVariant>{0, 2, 1, 2}));

    QTest::mouseClick(canvas, Qt::LeftButton, {}, view.cellRect(1, 2).center());
    QCOMPARE(clicks.count(), 1);
    QCOMPARE(clicks.last(), (QList<QVariant>{1, 2}));
}

void TestHeatmapModel::csvExportParsesBack_data() {
    QTest::addColumn<bool>("words");
    QTest::newRow("pieces") << false;
    QTest::newRow("words") << true;
}

void TestHeatmapModel::csvExportParsesBack() {
    QFETCH(bool, words);
    HeatmapView view;
    view.setMatrix(knownMatrix());
    view.setDisplayMode(words ? Mode::Words : Mode::Pieces);
    const HeatmapModel* model = view.model();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.csv"));
    QString error;
    QVERIFY2(view.exportToFile(path, HeatmapView::ExportFormat::Csv, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll()));
    QCOMPARE(rows.size(), model->rowCount() + 1);
    QCOMPARE(rows[0].size(), model->columnCount() + 1);
    QCOMPARE(rows[0][0], QString());
    QCOMPARE(rows[0][2], words ? QStringLiteral("playing") : QStringLiteral("play"));
    for (int r = 0; r < model->rowCount(); ++r) {
        QCOMPARE(rows[r + 1].size(), model->columnCount() + 1);
        for (int c = 0; c < model->columnCount(); ++c) {
            bool ok = false;
            const float value = rows[r + 1][c + 1].toFloat(&ok);
            QVERIFY(ok);
            QVERIFY(qAbs(value - model->weight(r, c)) < 1e-6f);
        }
    }
}

void TestHeatmapModel::csvQuotesAwkwardTokens() {
    AttentionMatrix m;
    m.sourcePieces = {QStringLiteral("a,b"), QStringLiteral("say \"hi\"")};
    m.sourceWordStart = {true, true};
    m.targetPieces = {QStringLiteral(",")};
    m.targetWordStart = {true};
    m.weights = {{0.25f, 0.75f}};
    HeatmapModel model;
    model.setMatrix(m);
    const QList<QStringList> rows = parseCsv(model.toCsv());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0], (QStringList{QString(), "a,b", "say \"hi\""}));
    QCOMPARE(rows[1], (QStringList{",", "0.25", "0.75"}));
}

// OWASP's CSV injection rule: a cell that begins with = + - @ tab or CR is prefixed with '.
void TestHeatmapModel::csvEscapesFormulaCells() {
    AttentionMatrix m;
    m.sourcePieces = {QStringLiteral("=HYPERLINK(\"x\")"), QStringLiteral("+1"), QStringLiteral("@SUM(A1)"),
                      QStringLiteral("\tx"), QStringLiteral("a=b")};
    m.sourceWordStart = {true, true, true, true, true};
    m.targetPieces = {QStringLiteral("-2"), QStringLiteral("\rz")};
    m.targetWordStart = {true, true};
    m.weights = {{0.5f, -0.25f, 0.0f, 0.0f, 0.75f}, {0.0f, 0.0f, 0.0f, 1.0f, 0.0f}};
    HeatmapModel model;
    model.setMatrix(m);
    const QString csv = model.toCsv();
    QVERIFY2(csv.startsWith(QStringLiteral(",\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'@SUM(A1)\",\"'\tx\",a=b\n")),
             qPrintable(csv));
    const QList<QStringList> rows = parseCsv(csv);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[1].value(0), QStringLiteral("'-2"));
    QCOMPARE(rows[2].value(0), QStringLiteral("'\rz"));
    // Weights are numbers, written as they are even when negative.
    QCOMPARE(rows[1].value(2), QStringLiteral("-0.25"));
}

void TestHeatmapModel::jsonExportParsesBack() {
    HeatmapModel model;
    model.setMatrix(knownMatrix());
    model.setDisplayMode(Mode::Words);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(model.toJson(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonObject root = doc.object();
    QCOMPARE(root.value("mode").toString(), QStringLiteral("words"));
    QCOMPARE(root.value("source").toArray().size(), 3);
    QCOMPARE(root.value("target").toArray().at(0).toString(), QStringLiteral("joue"));
    const QJsonArray weights = root.value("weights").toArray();
    QCOMPARE(weights.size(), 2);
    QCOMPARE(weights.at(0).toArray().size(), 3);
    QVERIFY(qAbs(weights.at(0).toArray().at(1).toDouble() - 0.70) < 1e-6);
    QVERIFY(qAbs(weights.at(1).toArray().at(0).toDouble() - 0.70) < 1e-6);
    QCOMPARE(root.value("hypotheses").toInt(), 1);
}

void TestHeatmapModel::pngExport() {
    HeatmapView view;
    view.setMatrix(knownMatrix());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.png"));
    QString error;
    QVERIFY2(view.exportToFile(path, HeatmapView::ExportFormat::Png, &error), qPrintable(error));
    QImage image;
    QVERIFY(image.load(path));
    QCOMPARE(image.size(), view.exportSize() * 2);
    // The grid must be wider than its 4 columns of cells and taller than its 3 rows.
    const QRectF first = view.exportCellRect(0, 0);
    QVERIFY(view.exportSize().width() > 4 * first.width());
    QVERIFY(view.exportSize().height() > 3 * first.height());
    // Each cell's centre has the viridis colour of its weight.
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 4; ++c) {
            const QPoint centre = (view.exportCellRect(r, c).center() * 2).toPoint();
            const QColor got = image.pixelColor(centre);
            const QColor want = attentive::ui::viridisColor(view.model()->weight(r, c));
            QVERIFY2(qAbs(got.red() - want.red()) <= 2 && qAbs(got.green() - want.green()) <= 2 &&
                         qAbs(got.blue() - want.blue()) <= 2,
                     qPrintable(QStringLiteral("cell %1,%2: %3 vs %4")
                                    .arg(r)
                                    .arg(c)
                                    .arg(got.name(), want.name())));
        }
    }
}

void TestHeatmapModel::svgExport() {
    HeatmapView view;
    view.setMatrix(knownMatrix());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.svg"));
    QString error;
    QVERIFY2(view.exportToFile(path, HeatmapView::ExportFormat::Svg, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    QVERIFY(svg.contains(QStringLiteral("<svg")));
    QVERIFY(svg.contains(QStringLiteral("</svg>")));
    const QSize size = view.exportSize();
    QVERIFY(svg.contains(QStringLiteral("viewBox=\"0 0 %1 %2\"").arg(size.width()).arg(size.height())));
    QVERIFY(svg.contains(QStringLiteral("<title>")));
    QVERIFY(svg.contains(QStringLiteral("<text")));
    for (const QString& label : {QStringLiteral("jou"), QStringLiteral("play"), QStringLiteral("ing")})
        QVERIFY2(svg.contains(QStringLiteral(">") + label) || svg.contains(label), qPrintable(label));
    // One rectangle per cell (plus background and legend), the brightest filled with its colour.
    QVERIFY(svg.count(QStringLiteral("<rect")) >= 3 * 4);
    const QString brightest = attentive::ui::viridisColor(view.model()->weight(2, 0)).name();
    QVERIFY2(svg.contains(QStringLiteral("fill=\"%1\"").arg(brightest), Qt::CaseInsensitive),
             qPrintable(brightest));
}

void TestHeatmapModel::exportErrors() {
    HeatmapView view;
    QTemporaryDir dir;
    QString error;
    QVERIFY(!view.exportToFile(dir.filePath("empty.csv"), HeatmapView::ExportFormat::Csv, &error));
    QVERIFY(error.contains(QStringLiteral("no attention")));
    view.setMatrix(knownMatrix());
    const QString bad = dir.filePath(QStringLiteral("missing/folder/a.json"));
    QVERIFY(!view.exportToFile(bad, HeatmapView::ExportFormat::Json, &error));
    QVERIFY2(error.contains(bad), qPrintable(error));
    QVERIFY(!QFile::exists(bad));
}

void TestHeatmapModel::viridisEnds() {
    QCOMPARE(attentive::ui::viridisColor(0.0).name(), QStringLiteral("#440154"));
    QCOMPARE(attentive::ui::viridisColor(1.0).name(), QStringLiteral("#fde725"));
    QCOMPARE(attentive::ui::viridisColor(-3.0), attentive::ui::viridisColor(0.0));
    QCOMPARE(attentive::ui::viridisColor(7.0), attentive::ui::viridisColor(1.0));
    // Brightness rises with the weight, so the scale reads in grey too.
    double previous = -1;
    for (int i = 0; i <= 20; ++i) {
        const QColor c = attentive::ui::viridisColor(i / 20.0);
        const double luma = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
        QVERIFY2(luma > previous, qPrintable(QString::number(i)));
        previous = luma;
    }
}

void TestHeatmapModel::zoomIsClamped() {
    HeatmapView view;
    view.setMatrix(knownMatrix());
    const QRect before = view.cellRect(0, 0);
    const double fitted = view.zoom();
    view.zoomIn();
    QVERIFY(view.zoom() > fitted);
    QVERIFY(view.cellRect(0, 0).width() > before.width());
    view.setZoom(100.0);
    QCOMPARE(view.zoom(), HeatmapView::kMaxZoom);
    view.setZoom(0.0);
    QCOMPARE(view.zoom(), HeatmapView::kMinZoom);
}

void TestHeatmapModel::labelsStayInSightWhileScrolled_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// A dock too short for the rows once zoomed in: the source labels above the grid and the target
// labels beside it must still be on screen (not scrolled away with the cells).
// ATTENTIVE_HEATMAP_GRAB=<folder> also saves what it looks like.
void TestHeatmapModel::labelsStayInSightWhileScrolled() {
    QFETCH(bool, dark);
    HeatmapView view;
    if (dark)
        view.setPalette(darkPalette());
    view.resize(1100, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const AttentionMatrix m = sentenceMatrix();
    view.setSourceTokens(m.sourcePieces, m.sourceWordStart);
    for (int r = 0; r < m.targetPieces.size(); ++r)
        view.appendRow(m.targetPieces[r], m.targetWordStart[r], m.weights[r]);
    QWidget* canvas = view.canvas();
    const int last = m.targetPieces.size() - 1;
    view.setZoom(2.0);
    auto* scrollArea = view.findChild<QAbstractScrollArea*>(QStringLiteral("heatmapScroll"));
    QVERIFY(scrollArea);
    scrollArea->verticalScrollBar()->setValue(scrollArea->verticalScrollBar()->maximum());
    QTRY_VERIFY(canvas->rect().contains(view.cellRect(last, 0)));
    QVERIFY(view.cellRect(0, 0).top() < 0);

    // Above the visible cells: the source labels, not cells.
    auto* scroll = scrollArea;
    QVERIFY(scroll->verticalScrollBar()->value() > 0);
    // Where the grid's top edge is when not scrolled: the bottom of the frozen label band.
    const int headerBottom = view.cellRect(0, 0).top() + scroll->verticalScrollBar()->value();
    QVERIFY(headerBottom > 20);
    const QPoint overLabel(view.cellRect(0, 5).center().x(), headerBottom / 2);
    QCOMPARE(view.cellAt(overLabel), QPoint(-1, -1));
    QSignalSpy sources(&view, &HeatmapView::hoveredSource);
    QSignalSpy targets(&view, &HeatmapView::hoveredTarget);
    QTest::mouseMove(canvas, overLabel);
    QTRY_VERIFY(!sources.isEmpty());
    QCOMPARE(sources.last().at(0).toInt(), 5);
    QTest::mouseMove(canvas, QPoint(view.cellRect(last, 0).left() - 20,
                                    view.cellRect(last, 0).center().y()));
    QTRY_VERIFY(!targets.isEmpty());
    QCOMPARE(targets.last().at(0).toInt(), last);
    QTest::mouseMove(canvas, view.cellRect(last, 0).center() + QPoint(0, 400));  // off the grid
    QTest::mouseMove(canvas, QPoint(2, canvas->height() - 2));

    // The header band shows text (pixels far from the background) and no cell colour.
    const QImage image = canvas->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QColor base = canvas->palette().color(QPalette::Base);
    QSet<QRgb> cellColours;
    for (int r = 0; r <= last; ++r)
        for (int c = 0; c < m.sourcePieces.size(); ++c)
            cellColours.insert(attentive::ui::viridisColor(view.model()->weight(r, c)).rgb());
    const double dpr = image.devicePixelRatio();
    const int left = int(view.cellRect(0, 0).left() * dpr) + 4;
    const int right = int(view.cellRect(0, m.sourcePieces.size() - 1).right() * dpr) - 4;
    int ink = 0;
    int cellPixels = 0;
    for (int y = 0; y < int((headerBottom - 4) * dpr); ++y) {
        for (int x = std::max(0, left); x < std::min(image.width(), right); ++x) {
            const QRgb px = image.pixel(x, y);
            if (cellColours.contains(px))
                ++cellPixels;
            const int distance = std::abs(qRed(px) - base.red()) + std::abs(qGreen(px) - base.green()) +
                                 std::abs(qBlue(px) - base.blue());
            if (distance > 200)
                ++ink;
        }
    }
    QCOMPARE(cellPixels, 0);
    QVERIFY2(ink > 300, qPrintable(QStringLiteral("only %1 label pixels").arg(ink)));

    const QString folder = qEnvironmentVariable("ATTENTIVE_HEATMAP_GRAB");
    if (!folder.isEmpty())
        QVERIFY(view.grab().save(folder + (dark ? QStringLiteral("/heatmap_check_dark.png")
                                                : QStringLiteral("/heatmap_check.png"))));
}

// A small matrix grows its cells to use the view (up to a limit) instead of leaving most of
// it empty; once the user zooms, resizing no longer changes the cells.
void TestHeatmapModel::smallMatrixFillsTheView() {
    HeatmapView view;
    view.resize(1100, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    AttentionMatrix m = sentenceMatrix();
    m.sourcePieces = m.sourcePieces.mid(0, 8);
    m.sourceWordStart = m.sourceWordStart.mid(0, 8);
    m.targetPieces = m.targetPieces.mid(0, 5);
    m.targetWordStart = m.targetWordStart.mid(0, 5);
    m.weights = m.weights.mid(0, 5);
    for (QVector<float>& row : m.weights)
        row = row.mid(0, 8);
    view.setMatrix(m);
    QWidget* canvas = view.canvas();
    const QRect first = view.cellRect(0, 0);
    const QRect lastCell = view.cellRect(4, 7);
    QVERIFY2(first.width() > 30, qPrintable(QString::number(first.width())));
    QVERIFY(first.width() <= 44);
    QVERIFY(canvas->rect().contains(lastCell));  // all of it, no scrolling
    QVERIFY2(canvas->height() - lastCell.bottom() < first.height() + 16,
             qPrintable(QStringLiteral("%1 px left below").arg(canvas->height() - lastCell.bottom())));
    const QString folder = qEnvironmentVariable("ATTENTIVE_HEATMAP_GRAB");
    if (!folder.isEmpty()) {
        QTest::mouseMove(canvas, view.cellRect(2, 3).center());
        QTRY_VERIFY(view.grab().save(folder + QStringLiteral("/heatmap_check_small.png")));
    }

    view.resize(1100, 220);
    QTRY_VERIFY(view.cellRect(0, 0).width() < first.width());  // still fitting
    view.zoomIn();
    const int zoomed = view.cellRect(0, 0).width();
    view.resize(1100, 400);
    QTRY_COMPARE(canvas->height(), 400 - (view.height() - canvas->height()));
    QCOMPARE(view.cellRect(0, 0).width(), zoomed);
    view.zoomToFit();
    QVERIFY(view.cellRect(0, 0).width() > zoomed);
}

// A long reply in a short panel: by default the whole map is in sight, both ways.
void TestHeatmapModel::fitsBothWaysByDefault() {
    HeatmapView view;
    view.resize(700, 260);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setMatrix(sentenceMatrix());
    QWidget* canvas = view.canvas();
    const int rows = view.model()->rowCount();
    const int columns = view.model()->columnCount();
    QVERIFY(view.isFitting());
    QTRY_VERIFY(canvas->rect().contains(view.cellRect(0, 0)));
    QVERIFY(canvas->rect().contains(view.cellRect(rows - 1, columns - 1)));
    // Resizing refits: taller gives bigger cells, everything still in sight.
    const int before = view.cellRect(0, 0).height();
    view.resize(700, 420);
    QTRY_VERIFY(view.cellRect(0, 0).height() > before);
    QVERIFY(canvas->rect().contains(view.cellRect(rows - 1, columns - 1)));
}

// While a long answer comes in row by row, the first rows never scroll out of sight.
void TestHeatmapModel::liveRowsKeepTheFirstRowInSight() {
    HeatmapView view;
    view.resize(900, 240);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const AttentionMatrix m = sentenceMatrix();
    view.setSourceTokens(m.sourcePieces, m.sourceWordStart);
    QWidget* canvas = view.canvas();
    for (int round = 0; round < 4; ++round) {
        for (int r = 0; r < m.targetPieces.size(); ++r) {
            view.appendRow(m.targetPieces[r], false, m.weights[r]);
            QApplication::processEvents();
            QVERIFY2(canvas->rect().contains(view.cellRect(0, 0)),
                     qPrintable(QStringLiteral("row 0 hidden after %1 rows").arg(view.model()->rowCount())));
        }
    }
    QCOMPARE(view.model()->rowCount(), 4 * m.targetPieces.size());
}

// A map too long for a short panel is not fitted down to cells too small for its labels (at 25%
// only every other row was labelled and the cells were 6 px): it stops where every row label is
// drawn and scrolls from its first row.
void TestHeatmapModel::longMapsStayReadable() {
    HeatmapView view;
    view.resize(900, 260);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    AttentionMatrix m = sentenceMatrix();
    const AttentionMatrix one = m;
    for (int copy = 0; copy < 3; ++copy) {
        m.targetPieces += one.targetPieces;
        m.targetWordStart += one.targetWordStart;
        m.weights += one.weights;
    }
    view.setMatrix(m);
    auto* scroll = view.findChild<QAbstractScrollArea*>(QStringLiteral("heatmapScroll"));
    QVERIFY(scroll);
    const double legible = attentive::ui::heatmap::smallestLegibleZoom(scroll->font());
    QVERIFY(legible > HeatmapView::kMinZoom);
    QVERIFY(view.isFitting());
    QCOMPARE(view.zoom(), legible);
    const int rows = view.model()->rowCount();
    QWidget* canvas = view.canvas();
    QTRY_VERIFY(canvas->rect().contains(view.cellRect(0, 0)));
    QVERIFY(!canvas->rect().contains(view.cellRect(rows - 1, 0)));  // the rest scrolls
    // Where it fits again, it fits both ways.
    view.resize(900, 1400);
    QTRY_VERIFY(canvas->rect().contains(view.cellRect(rows - 1, view.model()->columnCount() - 1)));
    QVERIFY(view.zoom() > legible);
}

// The Fit button is pressed exactly while the map follows the panel's size.
void TestHeatmapModel::fitButtonTellsTheTruth() {
    HeatmapView view;
    view.resize(900, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setMatrix(sentenceMatrix());
    auto* fit = view.findChild<QToolButton*>(QStringLiteral("zoomFitButton"));
    auto* zoomIn = view.findChild<QToolButton*>(QStringLiteral("zoomInButton"));
    QVERIFY(fit && zoomIn);
    QVERIFY(fit->isChecked());
    QVERIFY(view.isFitting());
    const double fitted = view.zoom();
    QTest::mouseClick(zoomIn, Qt::LeftButton);
    QVERIFY(!fit->isChecked());
    QVERIFY(!view.isFitting());
    QVERIFY(view.zoom() > fitted);
    QTest::mouseClick(fit, Qt::LeftButton);
    QVERIFY(fit->isChecked());
    QCOMPARE(view.zoom(), fitted);
    // Clicking it again keeps it on (it is not a toggle that leaves the map un-fitted).
    QTest::mouseClick(fit, Qt::LeftButton);
    QVERIFY(fit->isChecked());
    QVERIFY(view.isFitting());
}

void TestHeatmapModel::symbolLegendNamesWhatIsShown() {
    HeatmapView view;
    view.resize(900, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* legend = view.findChild<QLabel*>(QStringLiteral("heatmapSymbols"));
    QVERIFY(legend);
    QVERIFY(legend->isHidden());  // nothing shown yet
    view.setMatrix(sentenceMatrix());  // "·ing" and "</s>", no "␣" or "<sep>"
    QVERIFY(legend->isVisible());
    QVERIFY(legend->text().contains(QStringLiteral("·ing")));
    QVERIFY(legend->text().contains(QStringLiteral("</s>")));
    QVERIFY(!legend->text().contains(QStringLiteral("<sep>")));
    QVERIFY(!legend->text().contains(QStringLiteral("␣")));
    for (const QString& symbol : {QStringLiteral("·"), QStringLiteral("␣"), QStringLiteral("</s>"), QStringLiteral("<sep>")})
        QVERIFY2(legend->toolTip().contains(symbol), qPrintable(symbol));
    AttentionMatrix chat;
    chat.sourcePieces = {"hi", "<sep>", "␣", "you"};
    chat.sourceWordStart = {true, true, true, true};
    chat.targetPieces = {"hello"};
    chat.targetWordStart = {true};
    chat.weights = {{0.25f, 0.25f, 0.25f, 0.25f}};
    view.setMatrix(chat);
    QVERIFY(legend->text().contains(QStringLiteral("<sep>")));
    QVERIFY(legend->text().contains(QStringLiteral("␣")));
    QVERIFY(!legend->text().contains(QStringLiteral("</s>")));
}

QTEST_MAIN(TestHeatmapModel)
#include "test_heatmap_model.moc"
