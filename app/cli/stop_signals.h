#pragma once
// Turns SIGINT and SIGTERM into a stop request for a long job (training): the first signal sets
// a flag the job polls, a second SIGINT exits at once. The signals are blocked in every thread
// and taken by one watcher thread with sigwait, so no signal handler ever runs on a computing
// thread's stack. With a plain handler, a Ctrl+C during training steps usually ended in heap
// corruption inside a oneDNN primitive instead of a checkpoint; the likely cause is JIT code
// keeping data below the stack pointer, where the handler's frame goes. With the watcher thread
// the crash no longer occurs (tests/app/test_cli_train.cpp interrupts runs at several points).
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
