// TranslateView on a tiny random model: a multi-sentence paste is translated with progress,
// and the result lines up with the source sentence by sentence.
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "support/test_models.h"
#include "ui/app_settings.h"
#include "ui/attention_board.h"
#include "ui/engine_service.h"
#include "ui/engine_worker.h"
#include "ui/translate_view.h"
#include "ui/untranslated_words.h"

#include <QHelpEvent>
#include <QMenu>
#include <QTimer>
#include <QTextCursor>
#include <QToolTip>

using namespace attentive::ui;

class TestTranslateView : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ModelInfo m_model;

    // A view with the tiny model loaded; settings in a scratch INI, greedy for speed.
    struct Fixture {
        AppSettings settings;
        EngineService service;
        AttentionBoard board{&service};
        TranslateView view;
        explicit Fixture(const QString& ini)
            : settings(ini), view(&service, &settings, &board) {
            settings.setBeamSize(1);
            settings.setTranslateAsYouType(false);
        }
    };

    // Shows the view, loads the tiny model and translates `text`; false when something timed out.
    bool translateShown(Fixture& f, const QString& text) {
        f.view.resize(900, 500);
        f.view.show();
        if (!QTest::qWaitForWindowExposed(&f.view)) return false;
        f.view.setModels({m_model});
        if (!QTest::qWaitFor([&] { return f.view.isModelReady(); }, 60000)) return false;
        QSignalSpy finished(&f.view, &TranslateView::translationFinished);
        f.view.setSourceText(text);
        f.view.translateNow();
        return QTest::qWaitFor([&] { return finished.count() == 1; }, 120000);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString folder = m_dir.filePath(QStringLiteral("en-fr"));
        attentive::testing::write_tiny_en_fr(folder.toStdString());
        m_model = readModelInfo(folder);
    }

    // A flagged source word is marked with the dotted underline and, hovered, says what the mark
    // means; an unflagged word shows no tooltip.
    void flaggedWordsHaveATooltip() {
        Fixture f(m_dir.filePath(QStringLiteral("settings.ini")));
        // The engine judges the flags (source erasure): with this random model, leaving one of
        // these words out makes the translation more likely, so it is flagged, and another is
        // not. Five words: a fragment of up to four is read with a full stop, which changes what
        // this random model writes.
        QVERIFY(translateShown(f, QStringLiteral("ball water man water ball")));

        const SentenceData& sentence = f.view.result().sentences.value(0);
        const QVector<bool> flagged = untranslatedPieces(sentence);
        const QStringList pieces = sentence.hypotheses.value(0).attention.sourcePieces;
        QCOMPARE(flagged.size(), pieces.size());
        const auto* source = f.view.findChild<QPlainTextEdit*>(QStringLiteral("sourceEditor"));
        QVERIFY(source);
        // The editor position of each piece, found left to right.
        QVector<int> positions;
        int from = 0;
        for (const QString& piece : pieces) {
            const int at = source->toPlainText().indexOf(piece, from);
            positions << at;
            if (at >= 0) from = at + int(piece.size());
        }
        const auto helpAt = [&](int position) {
            // Over the left third of the piece's first character: its nearest position is the piece's.
            QTextCursor cursor(source->document());
            cursor.setPosition(position);
            const QPoint left = source->cursorRect(cursor).center();
            cursor.setPosition(position + 1);
            const QPoint right = source->cursorRect(cursor).center();
            const int width = right.y() == left.y() ? right.x() - left.x() : 3;
            const QPoint point = left + QPoint(std::max(1, width / 3), 0);
            QHelpEvent help(QEvent::ToolTip, point, source->viewport()->mapToGlobal(point));
            QApplication::sendEvent(source->viewport(), &help);
        };
        int flaggedPiece = -1;
        int plainPiece = -1;
        for (int s = 0; s < pieces.size(); ++s) {
            if (positions[s] < 0) continue;
            (flagged[s] ? flaggedPiece : plainPiece) = s;
        }
        QVERIFY2(flaggedPiece >= 0, "the random model flagged no word: pick another sentence");
        bool underlined = false;
        for (const QTextEdit::ExtraSelection& extra : source->extraSelections())
            underlined |= extra.format.underlineStyle() == QTextCharFormat::DotLine &&
                          extra.cursor.selectionStart() <= positions[flaggedPiece] &&
                          extra.cursor.selectionEnd() > positions[flaggedPiece];
        QVERIFY(underlined);
        helpAt(positions[flaggedPiece]);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), untranslatedToolTip());
        if (plainPiece >= 0) {
            helpAt(positions[plainPiece]);
            QTRY_VERIFY(!QToolTip::isVisible() || QToolTip::text() != untranslatedToolTip());
        }
    }

    // Enter on a translated word opens the model's alternatives, with an uncut title.
    void alternativesOpenFromTheKeyboard() {
        Fixture f(m_dir.filePath(QStringLiteral("settings.ini")));
        QVERIFY(translateShown(f, QStringLiteral("hello world")));
        auto* target = f.view.findChild<QPlainTextEdit*>(QStringLiteral("targetEditor"));
        QVERIFY(target && !target->toPlainText().isEmpty());
        target->setFocus();
        QTextCursor cursor = target->textCursor();
        cursor.setPosition(0);
        target->setTextCursor(cursor);
        bool opened = false;
        int menuWidth = 0;
        int titleWidth = 0;
        QTimer::singleShot(200, this, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            opened = menu && menu->objectName() == QStringLiteral("alternativesMenu");
            if (menu) {
                menuWidth = menu->width();
                titleWidth = menu->fontMetrics().horizontalAdvance(QStringLiteral("The model also considered"));
                menu->close();
            }
        });
        QTest::keyClick(target, Qt::Key_Return);
        QTRY_VERIFY(opened);
        QVERIFY2(menuWidth > titleWidth, qPrintable(QStringLiteral("%1 <= %2").arg(menuWidth).arg(titleWidth)));
    }

    void multiSentencePasteIsAlignedSentenceBySentence_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("sentences");
        QTest::newRow("one paragraph")
            << QStringLiteral("A cat sat on the mat. The dog ran away! Where is the bird?")
            << QStringList{"A cat sat on the mat.", "The dog ran away!", "Where is the bird?"};
        QTest::newRow("two paragraphs")
            << QStringLiteral("Two dogs play.\n\nA man is eating. It is raining.")
            << QStringList{"Two dogs play.", "A man is eating.", "It is raining."};
    }

    void multiSentencePasteIsAlignedSentenceBySentence() {
        QFETCH(QString, text);
        QFETCH(QStringList, sentences);
        Fixture f(m_dir.filePath(QStringLiteral("settings.ini")));
        f.view.setModels({m_model});
        QTRY_VERIFY_WITH_TIMEOUT(f.view.isModelReady(), 60000);

        QSignalSpy progress(&f.service, &EngineService::progress);
        QSignalSpy finished(&f.view, &TranslateView::translationFinished);
        QSignalSpy attention(&f.board, &AttentionBoard::matrixShown);
        QSignalSpy rows(&f.board, &AttentionBoard::rowAdded);
        f.view.setSourceText(text);
        f.view.translateNow();
        QVERIFY(f.view.isTranslating());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY(!f.view.isTranslating());

        // Progress counted up to every sentence.
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.last().at(1).toInt(), int(sentences.size()));
        QCOMPARE(progress.last().at(2).toInt(), int(sentences.size()));

        const ResultData& result = f.view.result();
        QCOMPARE(result.sentences.size(), sentences.size());
        QCOMPARE(f.view.sourceSentences(), sentences);
        QStringList expectedTargets;
        for (const SentenceData& sentence : result.sentences)
            expectedTargets << sentence.hypotheses.value(0).text;
        QCOMPARE(f.view.targetSentences(), expectedTargets);
        QCOMPARE(f.view.targetText(), result.text);

        // While decoding, every matrix and row shown had exactly the engine's source pieces.
        for (const QList<QVariant>& emitted : std::as_const(attention)) {
            const auto shown = emitted.at(0).value<AttentionMatrix>();
            for (const QVector<float>& row : shown.weights) QCOMPARE(row.size(), shown.sourcePieces.size());
        }
        QVERIFY(rows.count() >= 1);
        // The first sentence's heatmap went to the dock.
        QVERIFY(attention.count() >= 1);
        const auto matrix = attention.last().at(0).value<AttentionMatrix>();
        QCOMPARE(matrix.targetPieces, result.sentences.at(0).hypotheses.value(0).attention.targetPieces);

        // Choosing another sentence shows its heatmap.
        f.view.showSentence(int(sentences.size()) - 1);
        QCOMPARE(f.view.shownSentence(), int(sentences.size()) - 1);
        QCOMPARE(attention.last().at(0).value<AttentionMatrix>().sourcePieces,
                 result.sentences.last().hypotheses.value(0).attention.sourcePieces);
    }

    // A salutation alone is written from the letter-formula table: choosing it says why the map
    // is empty instead of asking to translate something.
    void aSalutationSaysWhyItHasNoAttention() {
        Fixture f(m_dir.filePath(QStringLiteral("salutation.ini")));
        QVERIFY(translateShown(f, QStringLiteral("Dear Mr Brandt,\n\nTwo dogs play.")));
        QSignalSpy attention(&f.board, &AttentionBoard::matrixShown);
        f.view.showSentence(0);
        QVERIFY(attention.count() >= 1);
        const auto salutation = attention.last().at(0).value<AttentionMatrix>();
        QVERIFY(salutation.weights.isEmpty());
        QVERIFY2(salutation.note.contains(QStringLiteral("Monsieur Brandt")), qPrintable(salutation.note));
        f.view.showSentence(1);
        const auto sentence = attention.last().at(0).value<AttentionMatrix>();
        QVERIFY(!sentence.weights.isEmpty());
        QVERIFY(sentence.note.isEmpty());
    }

    void stopCancelsAndTheNextRequestWorks() {
        Fixture f(m_dir.filePath(QStringLiteral("stop.ini")));
        f.view.setModels({m_model});
        QTRY_VERIFY_WITH_TIMEOUT(f.view.isModelReady(), 60000);
        QSignalSpy cancelled(&f.service, &EngineService::cancelled);
        QSignalSpy finished(&f.view, &TranslateView::translationFinished);
        f.view.show();
        QVERIFY(QTest::qWaitForWindowActive(&f.view));
        QStringList many;
        for (int i = 0; i < 80; ++i) many << QStringLiteral("The cat number %1 sleeps.").arg(i);
        f.view.setSourceText(many.join(QLatin1Char(' ')));
        f.view.translateNow();
        auto* stop = f.view.findChild<QPushButton*>(QStringLiteral("stopButton"));
        QVERIFY(stop);
        QVERIFY(stop->isEnabled());
        auto* source = f.view.findChild<QPlainTextEdit*>(QStringLiteral("sourceEditor"));
        source->setFocus();
        QTest::keyClick(source, Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 60000);
        QVERIFY(!f.view.isTranslating());
        QVERIFY(!stop->isEnabled());
        QCOMPARE(finished.count(), 0);

        f.view.setSourceText(QStringLiteral("A cat."));
        f.view.translateNow();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    }

    void saveWritesTheTranslation() {
        Fixture f(m_dir.filePath(QStringLiteral("save.ini")));
        f.view.setModels({m_model});
        QTRY_VERIFY_WITH_TIMEOUT(f.view.isModelReady(), 60000);
        QSignalSpy finished(&f.view, &TranslateView::translationFinished);
        f.view.setSourceText(QStringLiteral("A cat sat."));
        f.view.translateNow();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const QString path = m_dir.filePath(QStringLiteral("out.txt"));
        QVERIFY(f.view.saveTranslation(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), f.view.targetText());
    }

    // Into French (or German) the user may choose how a translation says "you"; the choice is
    // kept, sent with every request, and a later view opens with it.
    void formalityIsOfferedAndKept() {
        const QString ini = m_dir.filePath(QStringLiteral("formality.ini"));
        {
            Fixture f(ini);
            QVERIFY(translateShown(f, QStringLiteral("Two dogs play.")));
            auto* formality = f.view.findChild<QComboBox*>(QStringLiteral("formality"));
            QVERIFY(formality);
            QVERIFY(formality->isVisible());
            QCOMPARE(formality->count(), 3);
            QCOMPARE(formality->currentIndex(), 0);
            QVERIFY(formality->itemText(1).contains(QStringLiteral("vous")));
            QSignalSpy finished(&f.view, &TranslateView::translationFinished);
            formality->setCurrentIndex(1);
            emit formality->activated(1);
            QVERIFY(QTest::qWaitFor([&] { return finished.count() == 1; }, 120000));  // translated again
            QCOMPARE(f.settings.translateAddress(), QStringLiteral("formal"));
        }
        Fixture again(ini);
        again.view.setModels({m_model});
        auto* formality = again.view.findChild<QComboBox*>(QStringLiteral("formality"));
        QCOMPARE(formality->currentData().toString(), QStringLiteral("formal"));
    }

    void noModelSaysSo() {
        Fixture f(m_dir.filePath(QStringLiteral("none.ini")));
        f.view.setModels({});
        f.view.setSourceText(QStringLiteral("A cat."));
        f.view.translateNow();
        QVERIFY(!f.view.isTranslating());
        auto* error = f.view.findChild<QLabel*>(QStringLiteral("translateError"));
        QVERIFY(error);
        QVERIFY(error->text().contains(QStringLiteral("attentive-cli train")));
    }
};

QTEST_MAIN(TestTranslateView)
#include "test_translate_view.moc"
