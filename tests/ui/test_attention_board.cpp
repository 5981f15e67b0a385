// AttentionBoard, the one path from the engine's attention to the heatmap, fed with the
// service's own signals: what each page shows, per conversation, while decoding and after.

#include <QSignalSpy>
#include <QTest>

#include "ui/attention_board.h"
#include "ui/engine_service.h"

using namespace attentive::ui;
using Page = AttentionBoard::Page;

namespace {

SentenceStartData start(int sentence, const QStringList& pieces) {
    SentenceStartData data;
    data.sentence = sentence;
    data.sourcePieces = pieces;
    for (qsizetype i = 0; i < pieces.size(); ++i) data.sourceWordStart.append(true);
    return data;
}

StepData step(int sentence, int index, const QString& label, const QVector<float>& row) {
    StepData data;
    data.sentence = sentence;
    data.step = index;
    data.piece = label;
    data.rowLabel = label;
    data.wordStart = true;
    data.attentionRow = row;
    return data;
}

SentenceData done(int sentence, const AttentionMatrix& matrix) {
    SentenceData data;
    data.index = sentence;
    HypothesisData best;
    best.attention = matrix;
    data.hypotheses.append(best);
    return data;
}

AttentionMatrix shownMatrix(const QSignalSpy& spy) { return spy.last().at(0).value<AttentionMatrix>(); }

}  // namespace

class TestAttentionBoard : public QObject {
    Q_OBJECT
private slots:
    void liveRowsReachTheCurrentPageOnly() {
        EngineService service;
        AttentionBoard board(&service);
        board.setCurrentPage(Page::Chat);
        board.setCurrentContext(Page::Chat, QStringLiteral("a"));
        QSignalSpy shown(&board, &AttentionBoard::matrixShown);
        QSignalSpy rows(&board, &AttentionBoard::rowAdded);

        board.follow(1, Page::Chat, QStringLiteral("a"), QStringLiteral("chat-en"));
        QCOMPARE(shown.count(), 1);
        QVERIFY(shownMatrix(shown).weights.isEmpty());
        QCOMPARE(shown.last().at(1).toString(), QStringLiteral("chat-en"));
        emit service.sentenceStarted(1, start(0, {QStringLiteral("hi"), QStringLiteral("!")}));
        QCOMPARE(shownMatrix(shown).sourcePieces, (QStringList{QStringLiteral("hi"), QStringLiteral("!")}));
        emit service.step(1, step(0, 0, QStringLiteral("hello"), {0.9f, 0.1f}));
        emit service.step(1, step(0, 1, QStringLiteral("</s>"), {0.2f, 0.8f}));
        QCOMPARE(rows.count(), 2);
        QCOMPARE(board.shown().matrix.weights.size(), 2);
        QCOMPARE(board.shown().matrix.targetPieces, (QStringList{QStringLiteral("hello"), QStringLiteral("</s>")}));

        // A translation running meanwhile never reaches the chat page's heatmap.
        const qsizetype before = shown.count();
        board.follow(2, Page::Translate, {}, QStringLiteral("en-fr"));
        emit service.sentenceStarted(2, start(0, {QStringLiteral("x")}));
        emit service.step(2, step(0, 0, QStringLiteral("y"), {1.0f}));
        QCOMPARE(shown.count(), before);
        QCOMPARE(rows.count(), 2);
        // ... and shows when its page comes up; the chat's comes back with its tab.
        board.setCurrentPage(Page::Translate);
        QCOMPARE(shownMatrix(shown).sourcePieces, QStringList{QStringLiteral("x")});
        QCOMPARE(shown.last().at(1).toString(), QStringLiteral("en-fr"));
        board.setCurrentPage(Page::Chat);
        QCOMPARE(shownMatrix(shown).weights.size(), 2);

        // Another conversation starts empty; the first keeps what it showed.
        board.setCurrentContext(Page::Chat, QStringLiteral("b"));
        QVERIFY(shownMatrix(shown).weights.isEmpty());
        board.setCurrentContext(Page::Chat, QStringLiteral("a"));
        QCOMPARE(shownMatrix(shown).weights.size(), 2);
    }

    void rowsAlwaysMatchTheSourcePieces() {
        EngineService service;
        AttentionBoard board(&service);
        board.setCurrentPage(Page::Translate);
        QSignalSpy shown(&board, &AttentionBoard::matrixShown);
        board.follow(5, Page::Translate, {}, {});
        emit service.sentenceStarted(5, start(0, {QStringLiteral("a"), QStringLiteral("b")}));
        emit service.step(5, step(0, 0, QStringLiteral("A"), {0.5f, 0.5f}));
        emit service.step(5, step(0, 1, QStringLiteral("bad"), {1.0f}));  // wrong width: ignored
        QCOMPARE(board.shown().matrix.weights.size(), 1);
        emit service.step(5, step(0, 1, QStringLiteral("B"), {0.1f, 0.9f}));
        emit service.step(5, step(0, 2, QStringLiteral("C"), {0.1f, 0.9f}));
        // Beam search switched hypotheses: row 1 is written again, the rows after it go.
        emit service.step(5, step(0, 1, QStringLiteral("D"), {0.3f, 0.7f}));
        QCOMPARE(shownMatrix(shown).targetPieces, (QStringList{QStringLiteral("A"), QStringLiteral("D")}));
        for (const auto& row : board.shown().matrix.weights) QCOMPARE(row.size(), 2);
    }

    void sentencesHandOverAndStoppedRequestsStayConsistent() {
        EngineService service;
        AttentionBoard board(&service);
        board.setCurrentPage(Page::Chat);
        board.setCurrentContext(Page::Chat, QStringLiteral("t"));
        board.follow(9, Page::Chat, QStringLiteral("t"), QStringLiteral("en-fr"));
        emit service.sentenceStarted(9, start(0, {QStringLiteral("a")}));
        emit service.sentenceStarted(9, start(1, {QStringLiteral("b"), QStringLiteral("c")}));
        emit service.step(9, step(1, 0, QStringLiteral("B"), {0.4f, 0.6f}));
        emit service.step(9, step(0, 0, QStringLiteral("A"), {1.0f}));
        // The earliest unfinished sentence is the one shown.
        QCOMPARE(board.shown().matrix.sourcePieces, QStringList{QStringLiteral("a")});
        AttentionMatrix first;
        first.sourcePieces = {QStringLiteral("a")};
        first.sourceWordStart = {true};
        first.targetPieces = {QStringLiteral("A"), QStringLiteral("</s>")};
        first.targetWordStart = {true, true};
        first.weights = {{1.0f}, {1.0f}};
        emit service.sentenceDone(9, done(0, first));
        QCOMPARE(board.shown().matrix.sourcePieces, (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(board.shown().matrix.weights.size(), 1);

        // Stopped now: the request's attention is both sentences, side by side, every row as
        // wide as all the source pieces and labelled.
        emit service.cancelled(9);
        const AttentionMatrix kept = board.requestAttention(9);
        QCOMPARE(kept.sourcePieces.size(), 3);
        QCOMPARE(kept.targetPieces.size(), 3);
        QCOMPARE(kept.weights.size(), 3);
        for (const auto& row : kept.weights) QCOMPARE(row.size(), 3);
        QCOMPARE(kept.weights[2][1], 0.4f);
    }
};

QTEST_MAIN(TestAttentionBoard)
#include "test_attention_board.moc"
