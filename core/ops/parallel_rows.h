#pragma once
// A loop over independent rows (a batch's sentences, a beam's hypotheses) that splits over the
// OpenMP threads only when there are enough rows to pay for waking them. Internal to core.

namespace attentive::ops {

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
