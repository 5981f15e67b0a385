#pragma once
// The GUI's only door to the engine. EngineService lives on the GUI thread; it owns a worker
// object living in its own QThread that holds the loaded core::Translator(s). Every request
// gets an id; every answer names it. A newer request of a role supersedes (cancels) the older
// one of the same role, and answers of a superseded or cancelled request are dropped.
// Every exception in the worker becomes failed()/modelFailed() with a readable message.

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

#include "ui/engine_types.h"

class QThread;

namespace attentive::ui {

class EngineWorker;

class EngineService : public QObject {
    Q_OBJECT
public:
    // How long quitting waits for the engine thread by default: far beyond any load or decode
    // step.
    static constexpr int kDefaultJoinTimeoutMs = 30'000;

    // joinTimeoutMs: how long the destructor waits for a stuck engine thread (tests shorten it).
    explicit EngineService(QObject* parent = nullptr, int joinTimeoutMs = kDefaultJoinTimeoutMs);
    // Cancels what runs, stops and joins the thread; a thread still stuck after the join
    // timeout (a read that never returns) is abandoned rather than waited for forever.
    ~EngineService() override;

    // role: "chat" or "translate" (one model per role). Returns the request id.
    quint64 loadModel(const QString& role, const QString& modelDir, int threads = 0,
                      const QString& precision = {});
    quint64 translate(const QString& role, const QString& text, const DecodeSettings& settings);
    quint64 reply(const QString& role, const QStringList& turns, const DecodeSettings& settings);
    // Cancels a request within one decoding step; emits cancelled(id) when it stopped.
    void cancel(quint64 requestId);
    void cancelAll();
    bool isBusy() const;
    // Whether this CPU runs `precision` ("f32", "bf16", "int8"); false for an unknown name.
    static bool isPrecisionSupported(const QString& precision);

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
    // Every answer of the worker arrives here queued (see HandOff in engine_worker.h).
    bool event(QEvent* event) override;

private:
    // What the GUI thread remembers of a request until its terminal signal arrives.
    struct Pending {
        QString role;
        bool isLoad = false;
        bool cancelRequested = false;          // answers are dropped from now on
        std::shared_ptr<std::atomic<bool>> cancelFlag;  // read by the worker between steps
    };
    // Registers a decode request of `role` and queues `run(worker, id, cancelFlag)` on the
    // worker thread. Returns the request id.
    template <typename Run>
    quint64 startDecode(const QString& role, Run&& run);
    // The pending request an answer belongs to, or nullptr when it should be dropped.
    Pending* live(quint64 id);
    // Ends a decode request: emits `terminal` unless it was cancelled (then cancelled()).
    template <typename Emit>
    void finishDecode(quint64 id, Emit&& terminal);

    QThread* m_thread = nullptr;
    EngineWorker* m_worker = nullptr;
    int m_joinTimeoutMs = kDefaultJoinTimeoutMs;
    quint64 m_nextId = 1;
    QHash<quint64, Pending> m_pending;
    QHash<QString, quint64> m_currentDecode;  // role -> its newest decode request
};

}  // namespace attentive::ui
