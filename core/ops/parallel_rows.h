#pragma once
// A loop over independent rows (a batch's sentences, a beam's hypotheses) that splits over the
// OpenMP threads only when there are enough rows to pay for waking them. Internal to core.

#include <algorithm>
#include <cstdint>

namespace attentive::ops {

// The row count from which rows of `width` entries hold at least `entries` together (at least 2):
// for_each_row's `parallel_from` for a loop that pays for the threads from that many entries.
inline int rows_holding(std::int64_t entries, int width) {
    return static_cast<int>(std::max<std::int64_t>(2, (entries + width - 1) / width));
}

// body(r) for every r in [0, rows): over the threads from `parallel_from` rows on; below that
// on the calling thread without entering a parallel region at all (an `if` clause that says no
// still costs one at every call, and decoding makes several per step).
template <class Body>
void for_each_row(int rows, int parallel_from, Body&& body) {
    if (rows < parallel_from) {
        for (int r = 0; r < rows; ++r) body(r);
        return;
    }
#pragma omp parallel for schedule(static)
    for (int r = 0; r < rows; ++r) body(r);
}

}  // namespace attentive::ops
