#include "ui/translate_view.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCursor>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSplitter>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

#include "ui/app_settings.h"
#include "ui/attention_board.h"
#include "ui/engine_service.h"
#include "ui/language_name.h"
#include "ui/language_notice.h"
#include "ui/theme.h"
#include "ui/untranslated_words.h"

namespace attentive::ui {

namespace {

const QString kRole = QStringLiteral("translate");
constexpr int kDebounceMs = 600;
// Characters added in one change that make a text "arrived whole": a paste or an opened file,
// not typing (a sentence is enough for the language check to decide).
constexpr int kWholeTextCharacters = 20;
constexpr int kStreamRefreshMs = 40;  // the streamed translation's refresh, at the fastest
constexpr int kAlternatives = 5;
constexpr qint64 kMaxFileBytes = 20 * 1024 * 1024;

// Pieces that never appear literally in a text.
bool isControlPiece(const QString& piece) {
    return piece.isEmpty() || piece == QLatin1String("</s>") || piece == QLatin1String("<s>") ||
           piece == QLatin1String("<unk>") || piece == QLatin1String("<sep>") ||
           piece == QStringLiteral("␣");
}

}  // namespace

TranslateView::TranslateView(EngineService* service, AppSettings* settings, AttentionBoard* board,
                             QWidget* parent)
    : QWidget(parent), m_service(service), m_settings(settings), m_board(board) {
    setObjectName(QStringLiteral("translateView"));
    buildUi();
    connectService();
}

void TranslateView::buildUi() {
    m_pair = new QComboBox(this);
    m_pair->setObjectName(QStringLiteral("languagePair"));
    m_pair->setAccessibleName(tr("Language pair"));
    m_pair->setToolTip(tr("The translation model to use"));
    m_pair->setMinimumContentsLength(18);
    m_pair->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_swap = new QToolButton(this);
    m_swap->setObjectName(QStringLiteral("swapLanguages"));
    m_swap->setText(QStringLiteral("⇄"));
    m_swap->setAccessibleName(tr("Swap languages"));
    m_swap->setToolTip(tr("Swap languages (Ctrl+Shift+S)"));
    m_swap->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    m_swap->setAutoRaise(true);

    // How a translation into German or French says "you" (Sie or du, vous or tu).
    m_address = new QComboBox(this);
    m_address->setObjectName(QStringLiteral("formality"));
    m_address->setAccessibleName(tr("Formality"));
    m_address->setToolTip(tr("How the translation says \"you\": Automatic follows the text (a letter's "
                             "salutation, a business's message); Formal and Informal hold for every "
                             "sentence"));
    m_address->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_address->setVisible(false);

    m_translate = new QPushButton(tr("Translate"), this);
    m_translate->setObjectName(QStringLiteral("translateButton"));
    m_translate->setAccessibleName(tr("Translate"));
    m_translate->setToolTip(tr("Translate now (Ctrl+Enter)"));
    m_translate->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setAccessibleName(tr("Stop translating"));
    m_stop->setToolTip(tr("Stop (Esc)"));
    m_stop->setEnabled(false);

    auto* top = new QHBoxLayout;
    top->setSpacing(8);
    top->addWidget(m_pair);
    top->addWidget(m_swap);
    top->addWidget(m_address);
    top->addStretch(1);
    top->addWidget(m_stop);
    top->addWidget(m_translate);

    m_source = new QPlainTextEdit(this);
    m_source->setObjectName(QStringLiteral("sourceEditor"));
    m_source->setAccessibleName(tr("Text to translate"));
    m_source->setPlaceholderText(tr("Type or paste text, drop a .txt file, or open one with Ctrl+O."));
    m_source->setTabChangesFocus(true);
    m_source->installEventFilter(this);
    m_source->viewport()->installEventFilter(this);
    m_source->setAcceptDrops(true);

    m_target = new QPlainTextEdit(this);
    m_target->setObjectName(QStringLiteral("targetEditor"));
    m_target->setAccessibleName(tr("Translation"));
    m_target->setReadOnly(true);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_target->setPlaceholderText(tr("The translation appears here. Hover a word to see what it "
                                    "attended to; click it, or put the cursor on it and press "
                                    "Enter, for alternatives."));
    m_target->setTabChangesFocus(true);
    m_target->setMouseTracking(true);
    m_target->viewport()->setMouseTracking(true);
    m_target->viewport()->installEventFilter(this);
    m_target->installEventFilter(this);  // Enter or the menu key: alternatives at the text cursor

    // Each pane: a small caption naming its language above the editor.
    const auto pane = [this](QLabel*& caption, QPlainTextEdit* editor) {
        auto* widget = new QWidget(this);
        caption = new QLabel(widget);
        QFont font = caption->font();
        font.setBold(true);
        caption->setFont(font);
        caption->setForegroundRole(QPalette::PlaceholderText);
        caption->setBuddy(editor);
        auto* column = new QVBoxLayout(widget);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(4);
        column->addWidget(caption);
        column->addWidget(editor, 1);
        return widget;
    };
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(12);
    splitter->addWidget(pane(m_sourceCaption, m_source));
    splitter->addWidget(pane(m_targetCaption, m_target));
    m_sourceCaption->setText(tr("&Source"));
    m_targetCaption->setText(tr("T&ranslation"));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("translateProgress"));
    m_progress->setAccessibleName(tr("Translation progress"));
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("translateError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d04a4a;"));
    m_error->setVisible(false);

    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("translateInfo"));
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyTranslation"));
    m_copy->setAccessibleName(tr("Copy the translation"));
    m_save = new QPushButton(tr("&Save…"), this);
    m_save->setObjectName(QStringLiteral("saveTranslation"));
    m_save->setAccessibleName(tr("Save the translation"));

    auto* bottom = new QHBoxLayout;
    bottom->setSpacing(8);
    bottom->addWidget(m_info, 1);
    bottom->addWidget(m_copy);
    bottom->addWidget(m_save);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    m_languageNotice = new LanguageNotice(this);
    layout->insertWidget(1, m_languageNotice);
    connect(m_languageNotice, &LanguageNotice::modelRequested, this, &TranslateView::selectModel);
    layout->addLayout(bottom);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    m_streamRefresh = new QTimer(this);
    m_streamRefresh->setSingleShot(true);
    m_streamRefresh->setInterval(kStreamRefreshMs);

    connect(m_pair, &QComboBox::currentIndexChanged, this, &TranslateView::modelChosen);
    connect(m_swap, &QToolButton::clicked, this, &TranslateView::swapLanguages);
    connect(m_address, &QComboBox::activated, this, &TranslateView::addressChosen);
    connect(m_translate, &QPushButton::clicked, this, &TranslateView::translateNow);
    connect(m_stop, &QPushButton::clicked, this, &TranslateView::stop);
    connect(m_copy, &QPushButton::clicked, this, &TranslateView::copyTranslation);
    connect(m_save, &QPushButton::clicked, this, [this] {
        // The main window owns file dialogs; it listens to this through its Save action.
        emit statusMessage(tr("Use File > Save Translation to choose a file."));
    });
    connect(m_source, &QPlainTextEdit::textChanged, this, &TranslateView::scheduleTranslation);
    connect(m_debounce, &QTimer::timeout, this, &TranslateView::translateNow);
    connect(m_streamRefresh, &QTimer::timeout, this, &TranslateView::renderStreaming);

    for (const QKeySequence& keys : {QKeySequence(Qt::CTRL | Qt::Key_Return),
                                     QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &TranslateView::translateNow);
    }
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &TranslateView::stop);

    setBusy(false);
}

void TranslateView::connectService() {
    connect(m_service, &EngineService::modelLoaded, this,
            [this](quint64 id, const QString& role, const ModelInfo& info) {
                if (role != kRole || id != m_loadId) return;
                m_loadId = 0;
                m_modelReady = true;
                m_modelPath = info.path;
                m_error->setVisible(false);
                setBusy(false);
                m_info->setText(tr("%1 ready.").arg(info.name));
                // Loaded in the background while Chat is shown, it would read as the chat's model.
                if (isVisible()) emit statusMessage(tr("Loaded %1.").arg(info.name));
                if (m_pendingAfterLoad || !m_source->toPlainText().trimmed().isEmpty()) {
                    m_pendingAfterLoad = false;
                    m_requestedText.clear();
                    translateNow();
                }
            });
    connect(m_service, &EngineService::modelFailed, this,
            [this](quint64 id, const QString& role, const QString& message) {
                if (role != kRole || id != m_loadId) return;
                m_loadId = 0;
                m_modelReady = false;
                setBusy(false);
                showError(message);
            });
    connect(m_service, &EngineService::step, this, [this](quint64 id, const StepData& step) {
        if (id != m_requestId) return;
        if (m_streaming.first != step.sentence) m_streaming = {step.sentence, {}};
        m_streaming.second = step.textSoFar;
        if (!m_streamRefresh->isActive()) m_streamRefresh->start();
    });
    connect(m_service, &EngineService::sentenceDone, this,
            [this](quint64 id, const SentenceData& sentence) {
                if (id != m_requestId || sentence.hypotheses.isEmpty()) return;
                m_doneSentences.insert(sentence.index, sentence.hypotheses.front().text);
                if (!m_streamRefresh->isActive()) m_streamRefresh->start();
            });
    connect(m_service, &EngineService::progress, this, [this](quint64 id, int done, int total) {
        if (id != m_requestId) return;
        m_progress->setVisible(total > 1);
        m_progress->setRange(0, qMax(1, total));
        m_progress->setValue(done);
        m_info->setText(tr("Translating… %1 of %2 sentences").arg(done).arg(total));
    });
    connect(m_service, &EngineService::finished, this, [this](quint64 id, const ResultData& result) {
        if (id == m_requestId) {
            m_requestId = 0;
            setBusy(false);
            m_streamRefresh->stop();
            applyResult(result);
            emit translationFinished(result);
        } else if (id == m_redecodeId) {
            m_redecodeId = 0;
            setBusy(false);
            m_info->clear();
            if (!result.sentences.isEmpty() && m_redecodeSentence >= 0)
                replaceSentence(m_redecodeSentence, result.sentences.front());
        }
    });
    connect(m_service, &EngineService::failed, this, [this](quint64 id, const QString& message) {
        if (id != m_requestId && id != m_redecodeId) return;
        m_requestId = m_redecodeId = 0;
        setBusy(false);
        showError(message);
    });
    connect(m_service, &EngineService::cancelled, this, [this](quint64 id) {
        if (id != m_requestId && id != m_redecodeId) return;
        m_requestId = m_redecodeId = 0;
        setBusy(false);
        m_requestedText.clear();  // so the same text can be translated again
        m_info->setText(tr("Stopped."));
    });
}

void TranslateView::setModels(const QVector<ModelInfo>& models) {
    QVector<ModelInfo> translators;
    for (const ModelInfo& info : models)
        if (info.task == QLatin1String("translate")) translators.append(info);
    const QString keep = m_modelPath.isEmpty() && m_settings ? m_settings->lastModel(kRole) : m_modelPath;

    const QSignalBlocker blocker(m_pair);
    m_models = translators;
    m_pair->clear();
    for (const ModelInfo& info : translators) {
        m_pair->addItem(tr("%1 → %2").arg(languageName(info.sourceLanguage),
                                          languageName(info.targetLanguage)),
                        info.path);
        m_pair->setItemData(m_pair->count() - 1, tr("%1 (%2)").arg(info.name, info.path), Qt::ToolTipRole);
    }
    m_pair->setEnabled(!translators.isEmpty());
    if (translators.isEmpty()) {
        m_pair->addItem(tr("No translation model"));
        m_translate->setEnabled(false);
        return;
    }
    int index = m_pair->findData(keep);
    if (index < 0)
        for (int i = 0; i < translators.size(); ++i)
            if (QFileInfo(translators[i].path).fileName() == QLatin1String("en-fr") ||
                translators[i].name == QLatin1String("en-fr"))
                index = i;
    if (index < 0) index = 0;
    m_pair->setCurrentIndex(index);
    if (translators[index].path != m_modelPath || !m_modelReady) modelChosen(index);
}

void TranslateView::selectModel(const QString& folder) {
    const int index = m_pair->findData(folder);
    if (index < 0) return;
    if (index == m_pair->currentIndex()) modelChosen(index);
    else m_pair->setCurrentIndex(index);
}

QString TranslateView::currentModel() const { return m_modelPath; }

QString TranslateView::currentModelName() const {
    for (const ModelInfo& info : m_models)
        if (info.path == m_modelPath) return info.name;
    return {};
}

void TranslateView::reloadModel() {
    if (!m_modelPath.isEmpty()) modelChosen(m_pair->currentIndex());
}

void TranslateView::modelChosen(int comboIndex) {
    if (comboIndex < 0 || comboIndex >= m_models.size()) return;
    const ModelInfo& info = m_models[comboIndex];
    if (m_requestId) m_service->cancel(m_requestId);
    m_modelReady = false;
    m_modelPath = info.path;
    if (m_settings) m_settings->setLastModel(kRole, info.path);
    m_loadId = m_service->loadModel(kRole, info.path, m_settings ? m_settings->threads() : 0,
                                    m_settings ? m_settings->precision() : QString());
    m_pendingAfterLoad = !m_source->toPlainText().trimmed().isEmpty();
    // Swapping needs a model for the opposite direction.
    bool reverse = false;
    for (const ModelInfo& other : m_models)
        reverse |= other.sourceLanguage == info.targetLanguage &&
                   other.targetLanguage == info.sourceLanguage;
    m_swap->setEnabled(reverse);
    m_swap->setToolTip(reverse ? tr("Swap languages (Ctrl+Shift+S)")
                               : tr("No model installed for %1 → %2")
                                     .arg(languageName(info.targetLanguage),
                                          languageName(info.sourceLanguage)));
    showAddressChoice(info.targetLanguage);
    m_sourceCaption->setText(tr("&Source · %1").arg(languageName(info.sourceLanguage)));
    m_targetCaption->setText(tr("T&ranslation · %1").arg(languageName(info.targetLanguage)));
    m_info->setText(tr("Loading %1…").arg(info.name));
    setBusy(false);
}

void TranslateView::showAddressChoice(const QString& targetLanguage) {
    const bool german = targetLanguage == QLatin1String("de");
    const bool offered = german || targetLanguage == QLatin1String("fr");
    m_address->setVisible(offered);
    if (!offered) return;
    m_address->clear();
    m_address->addItem(tr("Automatic formality"), QString());
    m_address->addItem(german ? tr("Formal (Sie)") : tr("Formal (vous)"), QStringLiteral("formal"));
    m_address->addItem(german ? tr("Informal (du)") : tr("Informal (tu)"), QStringLiteral("familiar"));
    const int chosen = m_address->findData(m_settings ? m_settings->translateAddress() : QString());
    m_address->setCurrentIndex(qMax(0, chosen));
}

void TranslateView::addressChosen(int comboIndex) {
    if (m_settings) m_settings->setTranslateAddress(m_address->itemData(comboIndex).toString());
    // The same text again, now in the chosen address.
    if (m_requestId) m_service->cancel(m_requestId);
    m_requestedText.clear();
    translateNow();
}

void TranslateView::setSourceText(const QString& text) { m_source->setPlainText(text); }
QString TranslateView::sourceText() const { return m_source->toPlainText(); }
QString TranslateView::targetText() const { return m_target->toPlainText(); }

void TranslateView::scheduleTranslation() {
    const int length = m_source->document()->characterCount();
    if (length - m_sourceLength >= kWholeTextCharacters) m_textArrivedWhole = true;
    m_sourceLength = length;
    // The result's links point into the old text; drop them instead of pointing at wrong words.
    if (m_source->toPlainText() != m_resultSource && !m_layout.isEmpty()) {
        m_layout.clear();
        m_shownSentence = -1;
        updateSelections();
    }
    if (m_settings && !m_settings->translateAsYouType()) return;
    m_debounce->start();
}

void TranslateView::translateNow() {
    m_debounce->stop();
    const QString text = m_source->toPlainText();
    const ModelInfo current = m_models.value(m_pair->currentIndex());
    m_languageNotice->check(text, current, m_models);
    if (std::exchange(m_textArrivedWhole, false) && switchToPairThatReads(text, current)) return;
    if (text.trimmed().isEmpty()) {
        if (m_requestId) m_service->cancel(m_requestId);
        m_target->clear();
        m_result = {};
        m_layout.clear();
        m_requestedText.clear();
        m_info->clear();
        updateSelections();
        return;
    }
    if (!m_modelReady) {
        m_pendingAfterLoad = true;
        if (m_models.isEmpty())
            showError(tr("No translation model is installed. Train one with attentive-cli train, "
                         "or add a model folder in Models > Model Manager."));
        return;
    }
    if (text == m_requestedText && (m_requestId || text == m_resultSource)) return;
    DecodeSettings settings = m_settings ? m_settings->translateSettings() : DecodeSettings{};
    settings.alternatives = kAlternatives;
    m_requestedText = text;
    m_doneSentences.clear();
    m_streaming = {-1, {}};
    m_streamStarted = false;
    m_renderedSentences = 0;
    m_streamRefresh->setInterval(kStreamRefreshMs);
    m_error->setVisible(false);
    m_progress->setValue(0);
    m_requestId = m_service->translate(kRole, text, settings);
    if (m_board) m_board->follow(m_requestId, AttentionBoard::Page::Translate, {}, currentModelName());
    setBusy(true);
    m_info->setText(tr("Translating…"));
}

bool TranslateView::switchToPairThatReads(const QString& text, const ModelInfo& current) {
    const QString offered = m_languageNotice->offeredModel();
    const int index = m_pair->findData(offered);
    if (offered.isEmpty() || index < 0 || offered == current.path) return false;
    selectModel(offered);
    m_languageNotice->announceSwitch(text, current, m_models.value(index));
    return true;
}

void TranslateView::stop() {
    m_debounce->stop();
    if (m_requestId) m_service->cancel(m_requestId);
    if (m_redecodeId) m_service->cancel(m_redecodeId);
}

void TranslateView::swapLanguages() {
    const int current = m_pair->currentIndex();
    if (current < 0 || current >= m_models.size()) return;
    const ModelInfo info = m_models[current];
    for (int i = 0; i < m_models.size(); ++i) {
        if (m_models[i].sourceLanguage == info.targetLanguage &&
            m_models[i].targetLanguage == info.sourceLanguage) {
            const QString translation = m_target->toPlainText();
            m_pair->setCurrentIndex(i);
            if (!translation.isEmpty()) setSourceText(translation);
            return;
        }
    }
}

void TranslateView::copyTranslation() {
    QApplication::clipboard()->setText(m_target->toPlainText());
    emit statusMessage(tr("Translation copied."));
}

bool TranslateView::openFile(const QString& path) {
    QFile file(path);
    if (file.size() > kMaxFileBytes) {
        showError(tr("%1 is larger than 20 MB; split it first.").arg(QFileInfo(path).fileName()));
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Could not open %1: %2").arg(path, file.errorString()));
        return false;
    }
    setSourceText(QString::fromUtf8(file.readAll()));
    emit statusMessage(tr("Opened %1.").arg(QFileInfo(path).fileName()));
    translateNow();
    return true;
}

bool TranslateView::saveTranslation(const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_target->toPlainText().toUtf8()) < 0 ||
        !file.commit()) {
        showError(tr("Could not save %1: %2").arg(path, file.errorString()));
        return false;
    }
    emit statusMessage(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void TranslateView::setBusy(bool busy) {
    m_stop->setEnabled(busy);
    m_translate->setEnabled(!busy && !m_models.isEmpty());
    if (!busy) m_progress->setVisible(false);
}

void TranslateView::showError(const QString& message) {
    m_error->setText(message);
    m_error->setVisible(true);
    m_info->clear();
    emit statusMessage(message);
}

void TranslateView::renderStreaming() {
    if (!m_requestId) return;
    QElapsedTimer clock;
    clock.start();
    // Appends the sentences finished since the last refresh and rewrites only the sentence being
    // decoded: a long text is written once, not again at every refresh.
    if (!m_streamStarted) {
        m_target->clear();
        m_streamTail = 0;
        m_streamStarted = true;
    }
    QTextCursor cursor(m_target->document());
    cursor.setPosition(m_streamTail);
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    QString done;
    while (m_doneSentences.contains(m_renderedSentences)) {
        if (m_streamTail > 0 || m_renderedSentences > 0) done += QLatin1Char(' ');
        done += m_doneSentences.take(m_renderedSentences++);
    }
    cursor.insertText(done);
    m_streamTail = cursor.position();
    if (m_streaming.first == m_renderedSentences && !m_streaming.second.isEmpty())
        cursor.insertText((m_renderedSentences > 0 ? QStringLiteral(" ") : QString()) + m_streaming.second);
    m_target->moveCursor(QTextCursor::End);
    m_target->ensureCursorVisible();
    // Laying out a long paragraph again takes time: refreshing less often then keeps the page
    // responsive (at most a fifth of the time goes to refreshing).
    m_streamRefresh->setInterval(qMax<qint64>(kStreamRefreshMs, 4 * clock.elapsed()));
}

void TranslateView::applyResult(const ResultData& result) {
    m_result = result;
    m_resultSource = m_requestedText;
    m_detailed.clear();
    for (const SentenceData& sentence : result.sentences)
        if (sentence.detailed) m_detailed.append(sentence.index);
    // The streamed text is usually the result already: laying a long text out again is slow.
    if (m_target->toPlainText() != result.text) m_target->setPlainText(result.text);
    layoutResult();
    const double tokensPerSecond = result.seconds > 0 ? result.targetTokens / result.seconds : 0.0;
    // Two strings rather than "%n sentence(s)": the app ships no translation file to pick the plural.
    const int sentences = static_cast<int>(result.sentences.size());
    m_info->setText((sentences == 1 ? tr("1 sentence · %2 s · %3 tokens/s")
                                    : tr("%1 sentences · %2 s · %3 tokens/s").arg(QLocale().toString(sentences)))
                        .arg(QLocale().toString(result.seconds, 'f', 2))
                        .arg(QLocale().toString(tokensPerSecond, 'f', 0)));
    if (!result.sentences.isEmpty()) showSentence(qBound(0, m_shownSentence, int(result.sentences.size()) - 1));
}

void TranslateView::requestDetails(int index) {
    if (m_requestId || (m_redecodeId && m_redecodeSentence == index)) return;
    if (m_redecodeId) m_service->cancel(m_redecodeId);
    DecodeSettings settings = m_settings ? m_settings->translateSettings() : DecodeSettings{};
    settings.alternatives = kAlternatives;
    m_redecodeSentence = index;
    m_redecodeForDetails = true;
    m_redecodeId = m_service->translate(kRole, m_result.sentences[index].source, settings);
    m_info->setText(tr("Decoding sentence %1 again to show its attention…").arg(index + 1));
}

void TranslateView::replaceSentence(int index, const SentenceData& sentence) {
    if (index < 0 || index >= m_result.sentences.size() || index >= m_layout.size()) return;
    const Span span = m_layout[index].target;
    const QString newText = sentence.hypotheses.value(0).text;
    SentenceData replaced = sentence;
    replaced.index = index;
    m_result.sentences[index] = replaced;
    // At most kDetailedSentences keep their attention: the least recently decoded give theirs up.
    m_detailed.removeAll(index);
    m_detailed.append(index);
    while (m_detailed.size() > kDetailedSentences) {
        SentenceData& older = m_result.sentences[m_detailed.takeFirst()];
        older.hypotheses.resize(qMin<qsizetype>(1, older.hypotheses.size()));
        for (HypothesisData& hypothesis : older.hypotheses) {
            hypothesis.attention = {};
            hypothesis.alternatives = {};
        }
        older.coverage = {};
        older.untranslated = {};
        older.detailed = false;
    }
    // Only a changed translation is written again: laying out a long text anew is slow.
    QString text = m_target->toPlainText();
    if (span.valid() && text.mid(span.start, span.end - span.start) != newText) {
        text.replace(span.start, span.end - span.start, newText);
        m_target->setPlainText(text);
    }
    m_result.text = text;
    layoutResult();
    showSentence(index);
    const QString done = m_redecodeForDetails ? tr("Sentence %1 decoded again: its attention is shown.").arg(index + 1)
                                              : tr("Sentence %1 re-translated from your choice.").arg(index + 1);
    m_info->setText(done);
    emit statusMessage(done);
}

QVector<TranslateView::Span> TranslateView::locatePieces(const QString& text, Span within,
                                                         const QStringList& pieces) {
    QVector<Span> spans(pieces.size());
    if (!within.valid()) return spans;
    int position = within.start;
    for (int i = 0; i < pieces.size(); ++i) {
        const QString& piece = pieces[i];
        if (isControlPiece(piece)) continue;
        const int found = text.indexOf(piece, position);
        // Detokenization may normalise a piece; a far-away match would be a different word.
        if (found < 0 || found + piece.size() > within.end || found - position > 3) continue;
        spans[i] = {int(found), int(found + piece.size())};
        position = found + int(piece.size());
    }
    return spans;
}

void TranslateView::layoutResult() {
    m_layout.clear();
    const QString source = m_source->toPlainText();
    const QString target = m_target->toPlainText();
    const bool sourceCurrent = source == m_resultSource;
    int sourcePosition = 0;
    int targetPosition = 0;
    for (const SentenceData& sentence : m_result.sentences) {
        SentenceLayout layout;
        if (sourceCurrent) {
            const int found = source.indexOf(sentence.source, sourcePosition);
            if (found >= 0 && !sentence.source.isEmpty()) {
                layout.source = {found, int(found + sentence.source.size())};
                sourcePosition = layout.source.end;
            }
        }
        const HypothesisData best = sentence.hypotheses.value(0);
        const int found = best.text.isEmpty() ? -1 : target.indexOf(best.text, targetPosition);
        if (found >= 0) {
            layout.target = {found, int(found + best.text.size())};
            targetPosition = layout.target.end;
        }
        layout.sourcePieces = locatePieces(source, layout.source, best.attention.sourcePieces);
        layout.targetPieces = locatePieces(target, layout.target, best.attention.targetPieces);
        m_layout.append(layout);
    }
    updateSelections();
}

QStringList TranslateView::sourceSentences() const {
    QStringList sentences;
    const QString text = m_source->toPlainText();
    for (const SentenceLayout& layout : m_layout)
        sentences << (layout.source.valid() ? text.mid(layout.source.start, layout.source.end - layout.source.start)
                                            : QString());
    return sentences;
}

QStringList TranslateView::targetSentences() const {
    QStringList sentences;
    const QString text = m_target->toPlainText();
    for (const SentenceLayout& layout : m_layout)
        sentences << (layout.target.valid() ? text.mid(layout.target.start, layout.target.end - layout.target.start)
                                            : QString());
    return sentences;
}

void TranslateView::showSentence(int index) {
    if (index < 0 || index >= m_result.sentences.size()) return;
    m_shownSentence = index;
    m_hoverTarget = {-1, -1};
    m_hoverSource = -1;
    const SentenceData& sentence = m_result.sentences[index];
    if (!sentence.detailed) {
        // Its attention was not kept (kDetailedSentences): decode it again to show it.
        requestDetails(index);
        if (m_board) m_board->clear(AttentionBoard::Page::Translate, {});
        updateSelections();
        return;
    }
    if (!sentence.hypotheses.isEmpty() && m_board) {
        QVector<AttentionMatrix> hypotheses;
        for (const HypothesisData& hypothesis : sentence.hypotheses) hypotheses.append(hypothesis.attention);
        // A letter's salutation or closing alone ("Dear Mr Brandt,"), or a wish ("Merry
        // Christmas!"), is written from a table, not decoded: it has no attention, and the
        // panel says why.
        if (hypotheses.front().weights.isEmpty() && !sentence.hypotheses.front().text.isEmpty())
            hypotheses.front().note = tr("“%1” was written from the table of greetings, wishes and letter closings, "
                                         "not by the model, so it has no attention to show.")
                                          .arg(sentence.hypotheses.front().text.trimmed());
        m_board->show(AttentionBoard::Page::Translate, {}, hypotheses, currentModelName());
    }
    updateSelections();
}

void TranslateView::chooseAlternative(int piece) {
    if (m_shownSentence >= 0 && piece >= 0) showAlternatives(m_shownSentence, piece, QCursor::pos());
}

void TranslateView::highlightCell(int target, int source) {
    m_hoverTarget = target >= 0 ? QPair<int, int>{m_shownSentence, target} : QPair<int, int>{-1, -1};
    m_hoverSource = source;
    updateSelections();
}

void TranslateView::updateSelections() {
    const bool dark = isDarkPalette();
    QList<QTextEdit::ExtraSelection> sourceSelections;
    QList<QTextEdit::ExtraSelection> targetSelections;
    const auto selection = [](QPlainTextEdit* editor, int start, int end, const QTextCharFormat& format) {
        QTextEdit::ExtraSelection extra;
        extra.cursor = QTextCursor(editor->document());
        // A span of an older text (edited since) must not reach past the end of the document.
        const int last = editor->document()->characterCount() - 1;
        extra.cursor.setPosition(std::clamp(start, 0, last));
        extra.cursor.setPosition(std::clamp(end, 0, last), QTextCursor::KeepAnchor);
        extra.format = format;
        return extra;
    };
    QColor sentenceTint = accentColor();
    sentenceTint.setAlpha(dark ? 50 : 28);

    for (int i = 0; i < m_layout.size() && i < m_result.sentences.size(); ++i) {
        const SentenceLayout& layout = m_layout[i];
        const SentenceData& sentence = m_result.sentences[i];
        if (i == m_shownSentence) {
            QTextCharFormat tint;
            tint.setBackground(sentenceTint);
            if (layout.source.valid())
                sourceSelections << selection(m_source, layout.source.start, layout.source.end, tint);
            if (layout.target.valid())
                targetSelections << selection(m_target, layout.target.start, layout.target.end, tint);
        }
        // Source words the engine judged possibly missing from the translation.
        const QVector<bool> untranslated = untranslatedPieces(sentence);
        for (int s = 0; s < layout.sourcePieces.size() && s < untranslated.size(); ++s)
            if (layout.sourcePieces[s].valid() && untranslated[s])
                sourceSelections << selection(m_source, layout.sourcePieces[s].start,
                                              layout.sourcePieces[s].end, untranslatedFormat(dark));
    }

    // The hovered target piece and the source pieces it attended to, shaded by weight.
    const auto [sentenceIndex, piece] = m_hoverTarget;
    if (sentenceIndex >= 0 && sentenceIndex < m_layout.size() && sentenceIndex < m_result.sentences.size()) {
        const SentenceLayout& layout = m_layout[sentenceIndex];
        const AttentionMatrix& matrix = m_result.sentences[sentenceIndex].hypotheses.value(0).attention;
        if (piece >= 0 && piece < layout.targetPieces.size() && layout.targetPieces[piece].valid()) {
            QTextCharFormat word;
            word.setBackground(accentColor());
            word.setForeground(Qt::white);
            targetSelections << selection(m_target, layout.targetPieces[piece].start,
                                          layout.targetPieces[piece].end, word);
        }
        if (piece >= 0 && piece < matrix.weights.size()) {
            const QVector<float>& row = matrix.weights[piece];
            const float peak = row.isEmpty() ? 0.0f : *std::max_element(row.begin(), row.end());
            // Weights near the uniform share say nothing; only what stands out is linked.
            const float floor = row.isEmpty() ? 1.0f : qMax(0.05f, 1.5f / float(row.size()));
            for (int s = 0; s < row.size() && s < layout.sourcePieces.size(); ++s) {
                if (!layout.sourcePieces[s].valid() || peak <= 0.0f || row[s] < floor) continue;
                const float strength = row[s] / peak;
                QColor shade(0xf5, 0xa6, 0x23);
                shade.setAlpha(int(60 + 170 * strength));
                QTextCharFormat format;
                format.setBackground(shade);
                if (dark && strength > 0.5f) format.setForeground(Qt::black);
                sourceSelections << selection(m_source, layout.sourcePieces[s].start,
                                              layout.sourcePieces[s].end, format);
            }
        }
    }
    if (m_hoverSource >= 0 && m_shownSentence >= 0 && m_shownSentence < m_layout.size()) {
        const SentenceLayout& layout = m_layout[m_shownSentence];
        if (m_hoverSource < layout.sourcePieces.size() && layout.sourcePieces[m_hoverSource].valid()) {
            QTextCharFormat format;
            format.setBackground(accentColor());
            format.setForeground(Qt::white);
            sourceSelections << selection(m_source, layout.sourcePieces[m_hoverSource].start,
                                          layout.sourcePieces[m_hoverSource].end, format);
        }
    }
    m_source->setExtraSelections(sourceSelections);
    m_target->setExtraSelections(targetSelections);
}

QPair<int, int> TranslateView::targetPieceAt(int position) const {
    for (int i = 0; i < m_layout.size(); ++i) {
        const SentenceLayout& layout = m_layout[i];
        if (!layout.target.valid() || position < layout.target.start || position > layout.target.end)
            continue;
        for (int t = 0; t < layout.targetPieces.size(); ++t)
            if (layout.targetPieces[t].valid() && position >= layout.targetPieces[t].start &&
                position < layout.targetPieces[t].end)
                return {i, t};
        return {i, -1};
    }
    return {-1, -1};
}

QPair<int, int> TranslateView::sourcePieceAt(int position) const {
    const int sentence = sentenceAtSource(position);
    if (sentence < 0) return {-1, -1};
    const SentenceLayout& layout = m_layout[sentence];
    for (int s = 0; s < layout.sourcePieces.size(); ++s)
        if (layout.sourcePieces[s].valid() && position >= layout.sourcePieces[s].start &&
            position < layout.sourcePieces[s].end)
            return {sentence, s};
    return {sentence, -1};
}

int TranslateView::sentenceAtSource(int position) const {
    for (int i = 0; i < m_layout.size(); ++i)
        if (m_layout[i].source.valid() && position >= m_layout[i].source.start &&
            position <= m_layout[i].source.end)
            return i;
    return -1;
}

void TranslateView::showAlternatives(int sentence, int piece, const QPoint& globalPos) {
    const HypothesisData best = m_result.sentences.value(sentence).hypotheses.value(0);
    const QVector<TokenAlternative> alternatives = best.alternatives.value(piece);
    if (alternatives.isEmpty() || m_requestId) return;
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("alternativesMenu"));
    menu.setAccessibleName(tr("Alternatives"));
    const QString title = tr("The model also considered");
    menu.addSection(title);
    // A section title does not widen the menu by itself: leave it room so it is not cut.
    menu.setMinimumWidth(menu.fontMetrics().horizontalAdvance(title) + 4 * menu.fontMetrics().height());
    const int current = best.targetIds.value(piece, -1);
    for (const TokenAlternative& alternative : alternatives) {
        QAction* action = menu.addAction(
            tr("%1\t%2%").arg(alternative.piece.isEmpty() ? tr("(end)") : alternative.piece)
                .arg(QLocale().toString(100.0 * alternative.probability, 'f', 1)));
        action->setCheckable(true);
        action->setChecked(alternative.id == current);
        action->setData(alternative.id);
    }
    QAction* chosen = menu.exec(globalPos);
    if (!chosen || chosen->data().toInt() == current) return;
    // Re-decode the rest of the sentence after the chosen piece.
    DecodeSettings settings = m_settings ? m_settings->translateSettings() : DecodeSettings{};
    settings.alternatives = kAlternatives;
    settings.targetPrefix = best.targetIds.mid(0, piece);
    settings.targetPrefix.append(chosen->data().toInt());
    m_redecodeSentence = sentence;
    m_redecodeForDetails = false;
    m_redecodeId = m_service->translate(kRole, m_result.sentences[sentence].source, settings);
    setBusy(true);
    m_info->setText(tr("Re-translating sentence %1…").arg(sentence + 1));
}

bool TranslateView::eventFilter(QObject* watched, QEvent* event) {
    const bool onSource = watched == m_source || watched == m_source->viewport();
    if (onSource && (event->type() == QEvent::DragEnter || event->type() == QEvent::Drop)) {
        auto* drop = static_cast<QDropEvent*>(event);
        const QList<QUrl> urls = drop->mimeData()->urls();
        if (!urls.isEmpty() && urls.first().isLocalFile()) {
            drop->acceptProposedAction();
            if (event->type() == QEvent::Drop) openFile(urls.first().toLocalFile());
            return true;
        }
        return false;
    }
    if (watched == m_target->viewport()) {
        if (event->type() == QEvent::MouseMove) {
            auto* mouse = static_cast<QMouseEvent*>(event);
            const auto hit = targetPieceAt(m_target->cursorForPosition(mouse->position().toPoint()).position());
            if (hit != m_hoverTarget) {
                m_hoverTarget = hit;
                m_hoverSource = -1;
                updateSelections();
            }
        } else if (event->type() == QEvent::Leave) {
            m_hoverTarget = {-1, -1};
            updateSelections();
        } else if (event->type() == QEvent::MouseButtonRelease) {
            auto* mouse = static_cast<QMouseEvent*>(event);
            if (mouse->button() == Qt::LeftButton && !m_target->textCursor().hasSelection()) {
                const auto hit = targetPieceAt(m_target->cursorForPosition(mouse->position().toPoint()).position());
                if (hit.first >= 0) {
                    if (hit.first != m_shownSentence) showSentence(hit.first);
                    if (hit.second >= 0)
                        showAlternatives(hit.first, hit.second, mouse->globalPosition().toPoint());
                }
            }
        }
    } else if (watched == m_target && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool menuKey = key->key() == Qt::Key_Menu ||
                             (key->key() == Qt::Key_F10 && key->modifiers() == Qt::ShiftModifier);
        const bool enter = (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
                           key->modifiers() == Qt::NoModifier;
        if (menuKey || enter) {
            const auto hit = targetPieceAt(m_target->textCursor().position());
            if (hit.first >= 0 && hit.second >= 0) {
                if (hit.first != m_shownSentence) showSentence(hit.first);
                const QPoint at = m_target->viewport()->mapToGlobal(m_target->cursorRect().bottomLeft());
                showAlternatives(hit.first, hit.second, at);
                return true;
            }
        }
    } else if (watched == m_source->viewport() && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto [sentence, piece] = sourcePieceAt(m_source->cursorForPosition(help->pos()).position());
        if (sentence >= 0 && piece >= 0 && untranslatedPieces(m_result.sentences.value(sentence)).value(piece))
            QToolTip::showText(help->globalPos(), untranslatedToolTip(), m_source->viewport());
        else
            QToolTip::hideText();
        return true;
    } else if (watched == m_source->viewport() && event->type() == QEvent::MouseButtonRelease) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            const int sentence = sentenceAtSource(m_source->cursorForPosition(mouse->position().toPoint()).position());
            if (sentence >= 0 && sentence != m_shownSentence) showSentence(sentence);
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace attentive::ui
