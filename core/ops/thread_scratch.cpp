#include "core/ops/thread_scratch.h"

#include <memory>
#include <new>

namespace attentive::ops {

namespace {

constexpr std::size_t kAlignment = 64;  // oneDNN's and AVX-512's

struct AlignedFree {
    void operator()(std::byte* p) const { ::operator delete[](p, std::align_val_t{kAlignment}); }
};

struct Buffer {
    std::unique_ptr<std::byte[], AlignedFree> data;
    std::size_t size = 0;
};

Buffer& buffer() {
    thread_local Buffer held;
    return held;
}

}  // namespace

std::size_t ScratchLayout::add(std::size_t bytes) {
    const std::size_t offset = m_size;
    m_size += (bytes + kAlignment - 1) / kAlignment * kAlignment;
    return offset;
}

std::byte* thread_scratch(std::size_t bytes) {
    Buffer& held = buffer();
    if (held.size < bytes) {
        // Freed before the larger one is taken, so a thread never holds two.
        held.data.reset();
        held.size = 0;
        held.data.reset(static_cast<std::byte*>(::operator new[](bytes, std::align_val_t{kAlignment})));
        held.size = bytes;
    }
    return held.data.get();
}

std::size_t thread_scratch_size() { return buffer().size; }

}  // namespace attentive::ops
