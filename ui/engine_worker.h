#pragma once
// The engine side of EngineService: a QObject that lives in the service's worker thread, owns
// one core Translator per role and runs one request at a time. It converts core results to the
// plain value types of engine_types.h and turns every exception into a failure signal, so
// nothing thrown by the engine ever reaches an event loop. Only engine_service.cpp uses it.

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

#include "ui/engine_types.h"
#include "ui/model_info.h"  // readModelInfo, for the worker's users

namespace attentive {
class Translator;
struct RequestHooks;
struct SentenceResult;
struct TranslationResult;
}  // namespace attentive

namespace attentive::ui {

using CancelFlag = std::shared_ptr<std::atomic<bool>>;

// Orders every hand-off between the GUI thread and the engine thread a second time, where
// ThreadSanitizer sees it: Qt's posted-event queue already orders them, but inside libQt6Core,
// which Debian does not build with TSan, so each value handed over was reported as a race (2,137
// reports over three UI tests). A sender holds one around posting (a queued call, an emit); the
// receiving object takes and releases the lock in event(), before Qt reads what was posted.
// Uncontended but for the instant of a post.
class HandOff {
public:
    HandOff();
    ~HandOff();
    HandOff(const HandOff&) = delete;
    HandOff& operator=(const HandOff&) = delete;
    // Called first by a receiver: everything posted before is visible to it.
    static void receive();
};

// Conversions from core results to value types (exposed for tests and the worker).
SentenceData toSentenceData(int index, const SentenceResult& sentence);
// The best translation's text and ids alone (SentenceData::detailed false).
SentenceData toSentenceText(int index, const SentenceResult& sentence);
ResultData toResultData(const TranslationResult& result);

class EngineWorker : public QObject {
    Q_OBJECT
public:
    explicit EngineWorker(QObject* parent = nullptr);
    ~EngineWorker() override;

    // Each runs on the worker thread and ends with exactly one terminal signal:
    // modelLoaded/modelFailed for a load; finished, failed or cancelled for a decode.
    void loadModel(quint64 id, const QString& role, const QString& modelDir, int threads,
                   const QString& precision);
    void translate(quint64 id, const QString& role, const QString& text,
                   const DecodeSettings& settings, const CancelFlag& cancel);
    void reply(quint64 id, const QString& role, const QStringList& turns,
               const DecodeSettings& settings, const CancelFlag& cancel);

signals:
    void modelLoaded(quint64 id, const QString& role, const attentive::ui::ModelInfo& info);
    void modelFailed(quint64 id, const QString& role, const QString& message);
    void started(quint64 id);
    void sentenceStarted(quint64 id, const attentive::ui::SentenceStartData& start);
    void step(quint64 id, const attentive::ui::StepData& step);
    void sentenceDone(quint64 id, const attentive::ui::SentenceData& sentence);
    void progress(quint64 id, int done, int total);
    void finished(quint64 id, const attentive::ui::ResultData& result);
    void failed(quint64 id, const QString& message);
    void cancelled(quint64 id);

protected:
    // Every request arrives here queued (see HandOff).
    bool event(QEvent* event) override;

private:
    struct Loaded;
    Loaded* modelFor(quint64 id, const QString& role);
    // The hooks that stream a request's sentences and steps as signals.
    RequestHooks streamingHooks(quint64 id, const CancelFlag& cancel);
    template <typename Run>
    void runDecode(quint64 id, const QString& role, const CancelFlag& cancel, Run&& run);

    QHash<QString, std::shared_ptr<Loaded>> m_models;
};

}  // namespace attentive::ui
