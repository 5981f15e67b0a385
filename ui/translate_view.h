#pragma once
// The Translate page: source and target editors side by side, the language pair, translate as
// you type, progress and Stop for long texts, and the links between the two texts that the
// attention gives: hover a translated word to see the source words it looked at, click it for
// the model's alternatives, see which source words were barely looked at.

#include <QHash>
#include <QPair>
#include <QVector>
#include <QWidget>

#include "ui/engine_types.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class QToolButton;

namespace attentive::ui {

class AppSettings;
class AttentionBoard;
class EngineService;
class LanguageNotice;

class TranslateView : public QWidget {
    Q_OBJECT
public:
    // board: where the page's attention goes (none: the page shows none).
    TranslateView(EngineService* service, AppSettings* settings, AttentionBoard* board = nullptr,
                  QWidget* parent = nullptr);

    // The installed models; translate models fill the language pair box. Keeps the current
    // model when it is still there, else picks "en-fr" when present, else the first one.
    void setModels(const QVector<ModelInfo>& models);
    // Loads the model in `folder` for translation (when it is one of the installed models).
    void selectModel(const QString& folder);
    QString currentModel() const;
    // Loads the current model again (with the threads and precision the settings now give).
    void reloadModel();
    bool isModelReady() const { return m_modelReady; }

    void setSourceText(const QString& text);
    QString sourceText() const;
    QString targetText() const;
    const ResultData& result() const { return m_result; }
    bool isTranslating() const { return m_requestId != 0 || m_redecodeId != 0; }
    int shownSentence() const { return m_shownSentence; }

    // After a translation: the text of each sentence in the source and target editors, as
    // located from the result (empty when a sentence could not be located).
    QStringList sourceSentences() const;
    QStringList targetSentences() const;

    bool openFile(const QString& path);
    bool saveTranslation(const QString& path);

public slots:
    void translateNow();
    void stop();
    void swapLanguages();
    void copyTranslation();
    // Shows sentence `index`'s attention in the heatmap and marks it in both editors.
    void showSentence(int index);
    // From the heatmap: highlight target piece `target` and source piece `source` of the
    // sentence shown there (-1: none).
    void highlightCell(int target, int source);
    // Offers the model's alternatives for target piece `piece` of the sentence shown, at the
    // mouse (clicking a heatmap row does what clicking the word does).
    void chooseAlternative(int piece);

signals:
    void statusMessage(const QString& message);
    void translationFinished(const attentive::ui::ResultData& result);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Span {
        int start = -1;
        int end = -1;
        bool valid() const { return start >= 0 && end > start; }
    };
    struct SentenceLayout {
        Span source;
        Span target;
        QVector<Span> sourcePieces;
        QVector<Span> targetPieces;
    };

    void buildUi();
    void connectService();
    void modelChosen(int comboIndex);
    void addressChosen(int comboIndex);
    void showAddressChoice(const QString& targetLanguage);
    void scheduleTranslation();
    void setBusy(bool busy);
    void showError(const QString& message);
    void renderStreaming();
    void applyResult(const ResultData& result);
    void replaceSentence(int index, const SentenceData& sentence);
    // Decodes sentence `index` again for the attention and alternatives its result lacks.
    void requestDetails(int index);
    void layoutResult();
    void updateSelections();
    // Sentence and piece under a position of the target (or source) document; -1 when none.
    QPair<int, int> targetPieceAt(int position) const;
    QPair<int, int> sourcePieceAt(int position) const;
    int sentenceAtSource(int position) const;
    void showAlternatives(int sentence, int piece, const QPoint& globalPos);
    // When `text` looks like another installed pair's source language, selects that pair and
    // says so (the translation follows the load); false when it stays with `current`.
    bool switchToPairThatReads(const QString& text, const ModelInfo& current);
    // The name of the loaded translation model, as the heatmap names it.
    QString currentModelName() const;
    static QVector<Span> locatePieces(const QString& text, Span within, const QStringList& pieces);

    EngineService* m_service;
    AppSettings* m_settings;
    AttentionBoard* m_board;
    QVector<ModelInfo> m_models;      // translate models in the pair box, in its order
    QString m_modelPath;
    quint64 m_loadId = 0;
    bool m_modelReady = false;
    bool m_pendingAfterLoad = false;
    // The text arrived whole (opened, dropped, pasted) rather than typed: a pair is chosen for
    // its language by itself only then, never while someone is typing.
    bool m_textArrivedWhole = false;
    int m_sourceLength = 0;

    quint64 m_requestId = 0;          // the translation in flight
    quint64 m_redecodeId = 0;         // a re-decode after choosing an alternative
    int m_redecodeSentence = -1;
    bool m_redecodeForDetails = false; // the re-decode brings a sentence's attention back
    QString m_requestedText;          // source text of the last full request
    QHash<int, QString> m_doneSentences;
    QPair<int, QString> m_streaming{-1, {}};
    bool m_streamStarted = false;     // the request has written to the target editor
    int m_renderedSentences = 0;      // finished sentences written to it, in order
    int m_streamTail = 0;             // where the sentence being decoded starts in it

    ResultData m_result;
    QVector<int> m_detailed;          // sentences with attention, least recently decoded first
    QString m_resultSource;           // the source text the result belongs to
    QVector<SentenceLayout> m_layout;
    int m_shownSentence = -1;
    QPair<int, int> m_hoverTarget{-1, -1};
    int m_hoverSource = -1;           // source piece hovered in the heatmap

    QComboBox* m_pair = nullptr;
    QToolButton* m_swap = nullptr;
    QComboBox* m_address = nullptr;   // formality: into German and French only
    QPushButton* m_translate = nullptr;
    QPushButton* m_stop = nullptr;
    QPlainTextEdit* m_source = nullptr;
    QPlainTextEdit* m_target = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_info = nullptr;
    QLabel* m_sourceCaption = nullptr;
    QLabel* m_targetCaption = nullptr;
    QLabel* m_error = nullptr;
    LanguageNotice* m_languageNotice = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_save = nullptr;
    QTimer* m_debounce = nullptr;
    QTimer* m_streamRefresh = nullptr;
};

}  // namespace attentive::ui
