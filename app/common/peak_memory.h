#pragma once
// The process's peak resident memory, for the reports of attentive-cli bench and
// attentive --report-startup.

namespace attentive::app {

// Peak resident set size of this process so far in MB (VmHWM of /proc/self/status, or
// getrusage's ru_maxrss where that file is missing).
double peak_resident_mb();

}  // namespace attentive::app
