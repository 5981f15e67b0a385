#pragma once
// An op's per-shape state (its primitive and memory objects), one per calling thread and shape,
// built on first use and reused after. At most kShapesPerThread shapes per op and thread are kept,
// the least recently used dropped first: each holds JIT-compiled kernels (40-300 KB), and a long
// session of ever new sentence lengths would otherwise grow without bound. Internal to core/ops.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace attentive::ops {

template <class Key, class Shape>
class ShapeCache {
public:
    static constexpr int kShapesPerThread = 16;

    // The calling thread's shape for `key`, made by `make()` (a std::unique_ptr<Shape>, called
    // with the cache locked) when there is none. Only the calling thread's own shapes are ever
    // dropped, so the reference stays valid until this thread asks this cache for another shape.
    template <class Make>
    Shape& get(const Key& key, Make&& make) {
        std::lock_guard lock(m_mutex);
        const auto thread = std::this_thread::get_id();
        const auto found = m_entries.find({thread, key});
        if (found != m_entries.end()) {
            found->second.last_use = ++m_clock;
            return *found->second.shape;
        }
        std::unique_ptr<Shape> shape = make();
        drop_oldest_beyond(thread, kShapesPerThread - 1);
        auto& entry = m_entries[{thread, key}];
        entry.shape = std::move(shape);
        entry.last_use = ++m_clock;
        return *entry.shape;
    }

private:
    struct Entry {
        std::unique_ptr<Shape> shape;
        std::uint64_t last_use = 0;
    };

    void drop_oldest_beyond(std::thread::id thread, int keep) {
        for (;;) {
            int held = 0;
            auto oldest = m_entries.end();
            for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
                if (it->first.first != thread) continue;
                ++held;
                if (oldest == m_entries.end() || it->second.last_use < oldest->second.last_use) oldest = it;
            }
            if (held <= keep) return;
            m_entries.erase(oldest);
        }
    }

    mutable std::mutex m_mutex;
    std::map<std::pair<std::thread::id, Key>, Entry> m_entries;
    std::uint64_t m_clock = 0;
};

}  // namespace attentive::ops
