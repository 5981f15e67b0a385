#include "read_bandwidth.h"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

namespace attentive::cli {

namespace {

// Sums a slice in eight independent lanes, so that loads, not one add chain, set the pace.
std::uint64_t sum_slice(const std::uint64_t* data, std::size_t n) {
    std::uint64_t lanes[8] = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; ++l) lanes[l] += data[i + l];
    std::uint64_t total = 0;
    for (; i < n; ++i) total += data[i];
    for (std::uint64_t lane : lanes) total += lane;
    return total;
}

}  // namespace

double read_bandwidth_gb_s(int threads, int megabytes, int repeats) {
    threads = std::max(1, threads);
    const std::size_t words = static_cast<std::size_t>(megabytes) * 1024 * 1024 / sizeof(std::uint64_t);
    std::vector<std::uint64_t> buffer(words);
    for (std::size_t i = 0; i < words; ++i) buffer[i] = i;  // touched, so every page is mapped
    const std::size_t slice = words / threads;
    std::atomic<std::uint64_t> sink{0};
    std::vector<double> seconds;
    std::chrono::steady_clock::time_point start;
    // Every pass starts and ends on a barrier; the completion step of the barrier keeps time.
    bool timing = false;
    std::barrier sync(threads, [&]() noexcept {
        const auto now = std::chrono::steady_clock::now();
        if (timing) seconds.push_back(std::chrono::duration<double>(now - start).count());
        timing = !timing;
        start = now;
    });
    auto reader = [&](int t) {
        const std::uint64_t* data = buffer.data() + static_cast<std::size_t>(t) * slice;
        for (int pass = 0; pass < repeats; ++pass) {
            sync.arrive_and_wait();
            sink += sum_slice(data, slice);
            sync.arrive_and_wait();
        }
    };
    std::vector<std::jthread> others;
    for (int t = 1; t < threads; ++t) others.emplace_back(reader, t);
    reader(0);
    others.clear();
    const double best = *std::min_element(seconds.begin(), seconds.end());
    return static_cast<double>(slice * threads * sizeof(std::uint64_t)) / best / 1e9;
}

}  // namespace attentive::cli
