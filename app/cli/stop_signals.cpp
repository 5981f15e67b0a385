#include "stop_signals.h"

#include <csignal>
#include <ctime>

#include <pthread.h>

namespace attentive::cli {

namespace {

sigset_t stop_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

}  // namespace

StopSignals::StopSignals(std::atomic<bool>& stop_requested) : m_stop_requested(stop_requested) {
    const sigset_t set = stop_set();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    m_watcher = std::thread([this, set] {
        const timespec poll{0, 200'000'000};  // to notice m_done
        while (!m_done.load()) {
            const int signal_number = sigtimedwait(&set, nullptr, &poll);
            if (signal_number < 0) continue;
            if (signal_number == SIGINT && m_stop_requested.load()) {
                // A second Ctrl+C: the default action, immediate exit.
                std::signal(SIGINT, SIG_DFL);
                const sigset_t interrupt = [] {
                    sigset_t only;
                    sigemptyset(&only);
                    sigaddset(&only, SIGINT);
                    return only;
                }();
                pthread_sigmask(SIG_UNBLOCK, &interrupt, nullptr);
                std::raise(SIGINT);
            }
            m_stop_requested.store(true);
        }
    });
}

StopSignals::~StopSignals() {
    m_done.store(true);
    m_watcher.join();
    // Signals that arrived after the watcher's last wait stay pending; unblocking delivers them
    // with their default action, which is what the user asked for.
    const sigset_t set = stop_set();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

}  // namespace attentive::cli
