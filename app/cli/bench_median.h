#pragma once
// The median of repeated timings, the figure every benchmark of attentive-cli bench reports.

#include <algorithm>
#include <functional>
#include <vector>

namespace attentive::cli {

// Runs `run` `repeats` times (at least once) and returns the median of what it returned.
inline double median_ms(int repeats, const std::function<double()>& run) {
    std::vector<double> times;
    for (int i = 0; i < std::max(1, repeats); ++i) times.push_back(run());
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace attentive::cli
