#pragma once
// Turns SIGINT and SIGTERM into a stop request for a long job (training): the first signal sets
// a flag the job polls, a second SIGINT exits at once. The signals are blocked in every thread
// and taken by one watcher thread with sigwait, so no signal handler ever runs on a computing
// thread's stack: oneDNN 2.6's JIT kernels keep data below the stack pointer, which a handler's
// frame overwrote (a Ctrl+C during training corrupted the heap).
// Construct before any other thread exists (threads inherit the blocked mask).

#include <atomic>
#include <thread>

namespace attentive::cli {

class StopSignals {
public:
    explicit StopSignals(std::atomic<bool>& stop_requested);
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    std::atomic<bool>& m_stop_requested;
    std::atomic<bool> m_done{false};
    std::thread m_watcher;
};

}  // namespace attentive::cli
