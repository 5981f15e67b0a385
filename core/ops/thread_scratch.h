#pragma once
// Working memory that an op borrows for the length of one call: one buffer per thread, grown to
// the largest call the thread has made and reused by every op after it. Buffers that scale with
// a call's shape (oneDNN's scratchpad, low-precision copies of whole sequences, padded rows)
// live here rather than in each cached shape, so a process holds one call's worth of them per
// thread, not one per shape it has seen. Internal to core/ops.

#include <cstddef>

namespace attentive::ops {

// Where the regions one call needs start inside the thread's buffer, each 64-byte aligned.
class ScratchLayout {
public:
    // Reserves `bytes` (0 is allowed) and returns the region's offset.
    std::size_t add(std::size_t bytes);
    std::size_t size() const { return m_size; }

private:
    std::size_t m_size = 0;
};

// The calling thread's buffer, at least `bytes` long and 64-byte aligned. Valid until this
// thread's next call; an op takes it once per call and lays its regions out with ScratchLayout.
std::byte* thread_scratch(std::size_t bytes);

// The calling thread's buffer size now (for tests and measurements).
std::size_t thread_scratch_size();

}  // namespace attentive::ops
