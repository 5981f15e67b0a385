#include "ui/engine_worker.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <exception>
#include <new>
#include <stdexcept>

#include "core/config.h"
#include "core/decoding_options.h"
#include "core/errors.h"
#include "core/translator.h"
#include "core/untranslated_words.h"
#include "ui/model_info.h"

namespace attentive::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

std::filesystem::path fsPath(const QString& path) { return std::filesystem::path(path.toStdString()); }

QStringList toStringList(const std::vector<std::string>& items) {
    QStringList list;
    list.reserve(static_cast<qsizetype>(items.size()));
    for (const auto& item : items) list.append(qs(item));
    return list;
}

QList<bool> toBoolList(const std::vector<bool>& items) {
    QList<bool> list;
    list.reserve(static_cast<qsizetype>(items.size()));
    for (bool item : items) list.append(item);
    return list;
}

QVector<float> toFloatVector(const std::vector<float>& items) {
    return QVector<float>(items.begin(), items.end());
}

HypothesisData toHypothesisData(const SentenceResult& sentence, const Hypothesis& hypothesis) {
    HypothesisData data;
    data.text = qs(hypothesis.text);
    data.targetIds = QVector<int>(hypothesis.target_ids.begin(), hypothesis.target_ids.end());
    data.score = hypothesis.score;
    AttentionMatrix& matrix = data.attention;
    matrix.sourcePieces = toStringList(sentence.source_pieces);
    matrix.sourceWordStart = toBoolList(sentence.source_word_start);
    matrix.targetPieces = toStringList(hypothesis.attention_row_labels());
    matrix.targetWordStart = toBoolList(hypothesis.target_word_start);
    // The end-of-sentence row starts a word of its own.
    matrix.targetWordStart.resize(matrix.targetPieces.size(), true);
    for (const auto& row : hypothesis.attention) matrix.weights.append(toFloatVector(row));
    for (const auto& position : hypothesis.alternatives) {
        QVector<TokenAlternative> alternatives;
        for (const auto& alternative : position)
            alternatives.append({qs(alternative.piece), alternative.id, alternative.probability});
        data.alternatives.append(alternatives);
    }
    return data;
}

// Merges the view's settings over the model's own defaults: unset fields (-1, empty) keep them.
DecodeOptions toDecodeOptions(DecodeOptions options, const DecodeSettings& settings) {
    if (settings.strategy == QLatin1String("greedy")) options.strategy = DecodeStrategy::greedy;
    else if (settings.strategy == QLatin1String("beam")) options.strategy = DecodeStrategy::beam;
    else if (settings.strategy == QLatin1String("sample")) options.strategy = DecodeStrategy::sample;
    else if (!settings.strategy.isEmpty())
        throw std::invalid_argument("unknown decoding strategy \"" + settings.strategy.toStdString() +
                                    "\" (expected greedy, beam or sample)");
    if (settings.beamSize > 0) options.beam_size = settings.beamSize;
    if (!settings.rerankWithReverse) {
        options.reverse_weight = 0.0f;
        options.right_to_left_weight = 0.0f;
    }
    if (settings.nBest > 0) options.n_best = settings.nBest;
    if (options.n_best > options.beam_size) options.n_best = options.beam_size;
    if (settings.lengthPenalty >= 0.0f) options.length_penalty = settings.lengthPenalty;
    if (settings.maxLengthRatio > 0.0f) options.max_length_ratio = settings.maxLengthRatio;
    if (settings.temperature > 0.0f) options.temperature = settings.temperature;
    if (settings.topK >= 0) options.top_k = settings.topK;
    if (settings.topP > 0.0f) options.top_p = settings.topP;
    if (settings.seed >= 0) options.seed = static_cast<std::uint64_t>(settings.seed);
    if (settings.address == QLatin1String("formal")) options.formal_address = true;
    else if (settings.address == QLatin1String("familiar")) options.familiar_address = true;
    else if (!settings.address.isEmpty())
        throw std::invalid_argument("unknown address \"" + settings.address.toStdString() +
                                    "\" (expected formal or familiar)");
    if (settings.repetitionPenalty > 0.0f) options.repetition_penalty = settings.repetitionPenalty;
    if (settings.noRepeatNgramSize >= 0) options.no_repeat_ngram_size = settings.noRepeatNgramSize;
    options.target_prefix.assign(settings.targetPrefix.begin(), settings.targetPrefix.end());
    options.alternatives = qMax(0, settings.alternatives);
    for (const QString& reply : settings.avoidedReplies) options.avoided_replies.push_back(reply.toStdString());
    validate(options);
    return options;
}

}  // namespace

SentenceData toSentenceData(int index, const SentenceResult& sentence) {
    SentenceData data;
    data.index = index;
    data.source = qs(sentence.source);
    for (const auto& hypothesis : sentence.hypotheses)
        data.hypotheses.append(toHypothesisData(sentence, hypothesis));
    data.coverage = toFloatVector(sentence.coverage);
    data.recalledFrom = qs(sentence.recalled_from);
    return data;
}

SentenceData toSentenceText(int index, const SentenceResult& sentence) {
    SentenceData data;
    data.index = index;
    data.source = qs(sentence.source);
    data.detailed = false;
    HypothesisData best;
    best.text = qs(sentence.best().text);
    best.targetIds = QVector<int>(sentence.best().target_ids.begin(), sentence.best().target_ids.end());
    best.score = sentence.best().score;
    data.hypotheses.append(best);
    return data;
}

ResultData toResultData(const TranslationResult& result) {
    ResultData data;
    for (std::size_t i = 0; i < result.sentences.size(); ++i) {
        const int index = static_cast<int>(i);
        data.sentences.append(index < kDetailedSentences ? toSentenceData(index, result.sentences[i])
                                                         : toSentenceText(index, result.sentences[i]));
    }
    data.text = qs(result.text);
    data.seconds = result.seconds;
    data.targetTokens = result.target_tokens;
    return data;
}

namespace {

std::mutex& handOffMutex() {
    static std::mutex mutex;
    return mutex;
}

}  // namespace

HandOff::HandOff() { handOffMutex().lock(); }
HandOff::~HandOff() { handOffMutex().unlock(); }
void HandOff::receive() { const HandOff handOff; }

struct EngineWorker::Loaded {
    std::unique_ptr<Translator> translator;
    ModelInfo info;
};

EngineWorker::EngineWorker(QObject* parent) : QObject(parent) {}

EngineWorker::~EngineWorker() = default;

bool EngineWorker::event(QEvent* event) {
    HandOff::receive();  // before Qt reads a queued request's arguments
    return QObject::event(event);
}

void EngineWorker::loadModel(quint64 id, const QString& role, const QString& modelDir, int threads,
                             const QString& precision) {
    QString message;
    try {
        auto loaded = std::make_shared<Loaded>();
        EngineOptions options;
        options.threads = threads;
        options.precision = precision.toStdString();
        loaded->translator = std::make_unique<Translator>(fsPath(modelDir), options);
        loaded->info = readModelInfo(modelDir);
        loaded->info.precision = qs(loaded->translator->precision());
        const ModelInfo info = loaded->info;
        m_models.insert(role, std::move(loaded));
        {
            const HandOff handOff;
            emit modelLoaded(id, role, info);
        }
        return;
    } catch (const std::bad_alloc&) {
        message = tr("Not enough memory to load the model in %1.").arg(modelDir);
    } catch (const std::exception& error) {
        message = tr("Could not load the model in %1: %2").arg(modelDir, QString::fromUtf8(error.what()));
    } catch (...) {
        message = tr("Could not load the model in %1: unknown error.").arg(modelDir);
    }
    {
        const HandOff handOff;
        emit modelFailed(id, role, message);
    }
}

EngineWorker::Loaded* EngineWorker::modelFor(quint64 id, const QString& role) {
    const auto found = m_models.find(role);
    if (found == m_models.end() || !found.value()) {
        {
            const HandOff handOff;
            emit failed(id, tr("No %1 model is loaded. Choose one in Models > Model Manager.").arg(role));
        }
        return nullptr;
    }
    return found.value().get();
}

template <typename Run>
void EngineWorker::runDecode(quint64 id, const QString& role, const CancelFlag& cancel, Run&& run) {
    if (cancel && cancel->load()) {
        {
            const HandOff handOff;
            emit cancelled(id);
        }
        return;
    }
    // Keep the model alive for the whole request even if a load for the role replaces it.
    const auto found = m_models.find(role);
    std::shared_ptr<Loaded> model = found == m_models.end() ? nullptr : found.value();
    if (!model) {
        modelFor(id, role);
        return;
    }
    {
        const HandOff handOff;
        emit started(id);
    }
    QString message;
    try {
        run(*model);
        return;
    } catch (const Cancelled&) {
        {
            const HandOff handOff;
            emit cancelled(id);
        }
        return;
    } catch (const std::bad_alloc&) {
        message = tr("Out of memory. Try a shorter text, a smaller beam or fewer threads.");
    } catch (const std::invalid_argument& error) {
        message = tr("Invalid request: %1").arg(QString::fromUtf8(error.what()));
    } catch (const std::exception& error) {
        message = tr("The engine failed: %1").arg(QString::fromUtf8(error.what()));
    } catch (...) {
        message = tr("The engine failed with an unknown error.");
    }
    // A failure that raced a cancellation is reported as what the user asked for.
    const HandOff handOff;
    if (cancel && cancel->load()) emit cancelled(id);
    else emit failed(id, message);
}

RequestHooks EngineWorker::streamingHooks(quint64 id, const CancelFlag& cancel) {
    RequestHooks hooks;
    hooks.cancel = cancel.get();
    // Past kDetailedSentences a sentence streams its text alone: no pieces, rows or matrices
    // cross to the GUI thread, and the core keeps its text alone.
    hooks.detailed_sentences = kDetailedSentences;
    hooks.on_sentence_start = [this, id](const SentenceStart& start) {
        if (start.sentence >= static_cast<std::size_t>(kDetailedSentences)) return;
        SentenceStartData data;
        data.sentence = static_cast<int>(start.sentence);
        data.source = qs(start.source);
        data.sourcePieces = toStringList(start.source_pieces);
        data.sourceWordStart = toBoolList(start.source_word_start);
        {
            const HandOff handOff;
            emit sentenceStarted(id, data);
        }
    };
    hooks.on_step = [this, id](const StepEvent& event) {
        StepData data;
        data.sentence = static_cast<int>(event.sentence);
        data.step = event.step;
        data.piece = qs(event.piece);
        data.rowLabel = qs(event.row_label);
        data.wordStart = event.word_start;
        data.textSoFar = qs(event.text_so_far);
        if (event.sentence < static_cast<std::size_t>(kDetailedSentences)) data.attentionRow = toFloatVector(event.attention_row);
        data.endOfSentence = event.end_of_sentence;
        {
            const HandOff handOff;
            emit step(id, data);
        }
    };
    hooks.on_sentence = [this, id](std::size_t index, const SentenceResult& sentence) {
        const int at = static_cast<int>(index);
        const SentenceData data = at < kDetailedSentences ? toSentenceData(at, sentence) : toSentenceText(at, sentence);
        const HandOff handOff;
        emit sentenceDone(id, data);
    };
    hooks.on_progress = [this, id](std::size_t done, std::size_t total) {
        {
            const HandOff handOff;
            emit progress(id, static_cast<int>(done), static_cast<int>(total));
        }
    };
    return hooks;
}

void EngineWorker::translate(quint64 id, const QString& role, const QString& text,
                             const DecodeSettings& settings, const CancelFlag& cancel) {
    runDecode(id, role, cancel, [&](Loaded& model) {
        const DecodeOptions options = toDecodeOptions(model.translator->default_options(), settings);
        const TranslationResult result =
            model.translator->translate(text.toStdString(), options, streamingHooks(id, cancel));
        // The "possibly untranslated" flags: one batched forced pass per sentence, after its
        // translation has been streamed, so they arrive with the finished result. Only the
        // sentences that keep their pieces (kDetailedSentences) are judged; one decoded again to
        // be shown is judged then.
        ResultData data = toResultData(result);
        const std::size_t judged = std::min(result.sentences.size(), static_cast<std::size_t>(kDetailedSentences));
        for (std::size_t i = 0; i < judged; ++i) {
            const std::vector<bool> flagged = untranslated_pieces(*model.translator, result.sentences[i], cancel.get());
            data.sentences[qsizetype(i)].untranslated = QVector<bool>(flagged.begin(), flagged.end());
        }
        const HandOff handOff;
        emit finished(id, data);
    });
}

void EngineWorker::reply(quint64 id, const QString& role, const QStringList& turns,
                         const DecodeSettings& settings, const CancelFlag& cancel) {
    runDecode(id, role, cancel, [&](Loaded& model) {
        const DecodeOptions options = toDecodeOptions(model.translator->default_options(), settings);
        std::vector<std::string> history;
        for (const QString& turn : turns) history.push_back(turn.toStdString());
        if (history.empty()) throw std::invalid_argument("a reply needs at least one turn");

        const auto begin = std::chrono::steady_clock::now();
        const SentenceResult sentence =
            model.translator->reply(history, options, streamingHooks(id, cancel));
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;

        ResultData result;
        result.sentences.append(toSentenceData(0, sentence));
        result.text = result.sentences.front().hypotheses.value(0).text;
        result.seconds = elapsed.count();
        result.targetTokens = sentence.hypotheses.empty()
                                  ? 0
                                  : static_cast<qint64>(sentence.best().target_ids.size());
        {
            const HandOff handOff;
            emit finished(id, result);
        }
    });
}

}  // namespace attentive::ui
