#include "ui/engine_service.h"

#include <QDeadlineTimer>
#include <QThread>
#include <QtGlobal>

#include "core/ops/ops.h"
#include "ui/engine_worker.h"

namespace attentive::ui {

EngineService::EngineService(QObject* parent, int joinTimeoutMs)
    : QObject(parent), m_joinTimeoutMs(joinTimeoutMs) {
    qRegisterMetaType<SentenceStartData>();
    qRegisterMetaType<StepData>();
    qRegisterMetaType<SentenceData>();
    qRegisterMetaType<ResultData>();
    qRegisterMetaType<ModelInfo>();
    qRegisterMetaType<AttentionMatrix>();
    qRegisterMetaType<DecodeSettings>();

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("attentive-engine"));
    m_worker = new EngineWorker;  // no parent: it moves to the thread and is deleted after the join
    m_worker->moveToThread(m_thread);

    // Answers cross back to this thread queued; each is checked against the pending requests so
    // that nothing of a cancelled or superseded request leaks out.
    connect(m_worker, &EngineWorker::modelLoaded, this,
            [this](quint64 id, const QString& role, const ModelInfo& info) {
                if (!m_pending.remove(id)) return;
                emit modelLoaded(id, role, info);
            });
    connect(m_worker, &EngineWorker::modelFailed, this,
            [this](quint64 id, const QString& role, const QString& message) {
                if (!m_pending.remove(id)) return;
                emit modelFailed(id, role, message);
            });
    connect(m_worker, &EngineWorker::started, this, [this](quint64 id) {
        if (live(id)) emit started(id);
    });
    connect(m_worker, &EngineWorker::sentenceStarted, this,
            [this](quint64 id, const SentenceStartData& start) {
                if (live(id)) emit sentenceStarted(id, start);
            });
    connect(m_worker, &EngineWorker::step, this, [this](quint64 id, const StepData& data) {
        if (live(id)) emit step(id, data);
    });
    connect(m_worker, &EngineWorker::sentenceDone, this,
            [this](quint64 id, const SentenceData& sentence) {
                if (live(id)) emit sentenceDone(id, sentence);
            });
    connect(m_worker, &EngineWorker::progress, this, [this](quint64 id, int done, int total) {
        if (live(id)) emit progress(id, done, total);
    });
    connect(m_worker, &EngineWorker::finished, this, [this](quint64 id, const ResultData& result) {
        finishDecode(id, [&] { emit finished(id, result); });
    });
    connect(m_worker, &EngineWorker::failed, this, [this](quint64 id, const QString& message) {
        finishDecode(id, [&] { emit failed(id, message); });
    });
    connect(m_worker, &EngineWorker::cancelled, this, [this](quint64 id) {
        finishDecode(id, [&] { emit cancelled(id); });
    });
    m_thread->start();
}

EngineService::~EngineService() {
    // Stop the decode in flight at its next step. A load cannot be interrupted; the loaders
    // refuse what could block (FIFOs, devices, oversized files), so a load ends in seconds.
    for (auto& pending : m_pending)
        if (pending.cancelFlag) pending.cancelFlag->store(true);
    m_thread->quit();
    if (m_thread->wait(QDeadlineTimer(m_joinTimeoutMs))) {
        HandOff::receive();  // the join, where TSan sees it
        delete m_worker;
        m_worker = nullptr;
        return;
    }
    // Still stuck (a read the kernel never completes, e.g. on a hung network share): quitting
    // must not wait forever. The thread and its worker are abandoned, not destroyed under it
    // (destroying a running QThread aborts); the process is normally exiting at this point.
    qWarning("EngineService: the engine thread did not stop within %.1f s; abandoning it",
             m_joinTimeoutMs / 1000.0);
    m_thread->setParent(nullptr);
}

quint64 EngineService::loadModel(const QString& role, const QString& modelDir, int threads,
                                 const QString& precision) {
    const quint64 id = m_nextId++;
    Pending pending;
    pending.role = role;
    pending.isLoad = true;
    m_pending.insert(id, pending);
    EngineWorker* worker = m_worker;
    const HandOff handOff;
    QMetaObject::invokeMethod(
        m_worker, [worker, id, role, modelDir, threads, precision] {
            worker->loadModel(id, role, modelDir, threads, precision);
        },
        Qt::QueuedConnection);
    return id;
}

template <typename Run>
quint64 EngineService::startDecode(const QString& role, Run&& run) {
    // A new request of a role supersedes the older one: it stops at its next step and its
    // answers are dropped.
    if (const quint64 previous = m_currentDecode.value(role, 0)) cancel(previous);
    const quint64 id = m_nextId++;
    Pending pending;
    pending.role = role;
    pending.cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_pending.insert(id, pending);
    m_currentDecode.insert(role, id);
    EngineWorker* worker = m_worker;
    const HandOff handOff;
    QMetaObject::invokeMethod(
        m_worker,
        [worker, id, flag = pending.cancelFlag, run = std::forward<Run>(run)] {
            run(worker, id, flag);
        },
        Qt::QueuedConnection);
    return id;
}

quint64 EngineService::translate(const QString& role, const QString& text,
                                 const DecodeSettings& settings) {
    return startDecode(role, [role, text, settings](EngineWorker* worker, quint64 id,
                                                    const CancelFlag& flag) {
        worker->translate(id, role, text, settings, flag);
    });
}

quint64 EngineService::reply(const QString& role, const QStringList& turns,
                             const DecodeSettings& settings) {
    return startDecode(role, [role, turns, settings](EngineWorker* worker, quint64 id,
                                                     const CancelFlag& flag) {
        worker->reply(id, role, turns, settings, flag);
    });
}

void EngineService::cancel(quint64 requestId) {
    const auto found = m_pending.find(requestId);
    if (found == m_pending.end() || found->isLoad || found->cancelRequested) return;
    found->cancelRequested = true;
    found->cancelFlag->store(true);
}

void EngineService::cancelAll() {
    const QList<quint64> ids = m_pending.keys();
    for (quint64 id : ids) cancel(id);
}

bool EngineService::event(QEvent* event) {
    HandOff::receive();  // before Qt reads a queued answer's arguments
    return QObject::event(event);
}

bool EngineService::isBusy() const { return !m_pending.isEmpty(); }

EngineService::Pending* EngineService::live(quint64 id) {
    const auto found = m_pending.find(id);
    if (found == m_pending.end() || found->cancelRequested) return nullptr;
    return &found.value();
}

template <typename Emit>
void EngineService::finishDecode(quint64 id, Emit&& terminal) {
    const auto found = m_pending.find(id);
    if (found == m_pending.end()) return;
    const bool wasCancelled = found->cancelRequested;
    const QString role = found->role;
    m_pending.erase(found);
    if (m_currentDecode.value(role) == id) m_currentDecode.remove(role);
    if (wasCancelled) emit cancelled(id);
    else terminal();
}

bool EngineService::isPrecisionSupported(const QString& precision) {
    // An unknown name, or an ATTENTIVE_MAX_ISA the engine refuses: not something to offer.
    try {
        return ops::precision_supported(ops::parse_precision(precision.toStdString()));
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace attentive::ui
