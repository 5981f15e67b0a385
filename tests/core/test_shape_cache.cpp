// The ops' per-shape cache: a shape is made once per thread and key, at most kShapesPerThread
// are kept per thread, the least recently used dropped first, and one thread's shapes never
// displace another's.

#include <QTest>

#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/ops/shape_cache.h"

using attentive::ops::ShapeCache;

namespace {

struct Shape {
    int key = 0;
};

using Cache = ShapeCache<int, Shape>;
constexpr int kCapacity = Cache::kShapesPerThread;

// Gets `key`, counting the shapes made.
Shape& get(Cache& cache, int key, int& made) {
    return cache.get(key, [&] {
        ++made;
        auto shape = std::make_unique<Shape>();
        shape->key = key;
        return shape;
    });
}

}  // namespace

class TestShapeCache : public QObject {
    Q_OBJECT
private slots:
    void madeOncePerKey() {
        Cache cache;
        int made = 0;
        Shape& first = get(cache, 7, made);
        Shape& again = get(cache, 7, made);
        QCOMPARE(made, 1);
        QCOMPARE(&first, &again);
        QCOMPARE(again.key, 7);
        get(cache, 8, made);
        QCOMPARE(made, 2);
    }

    void leastRecentlyUsedGoesFirst() {
        Cache cache;
        int made = 0;
        for (int key = 0; key < kCapacity; ++key) get(cache, key, made);
        get(cache, 0, made);           // 0 is now the most recent; 1 the least
        get(cache, kCapacity, made);   // one over: drops 1
        QCOMPARE(made, kCapacity + 1);
        get(cache, 0, made);           // still there
        QCOMPARE(made, kCapacity + 1);
        get(cache, 1, made);           // was dropped: made again
        QCOMPARE(made, kCapacity + 2);
    }

    void heldShapesStayBounded() {
        Cache cache;
        int made = 0;
        for (int round = 0; round < 3; ++round)
            for (int key = 0; key < 4 * kCapacity; ++key) get(cache, key, made);
        QCOMPARE(made, 3 * 4 * kCapacity);  // cycling through more keys than it holds: every get misses
        made = 0;
        for (int key = 3 * kCapacity; key < 4 * kCapacity; ++key) get(cache, key, made);
        QCOMPARE(made, 0);  // the last kCapacity keys are all held
    }

    void threadsKeepTheirOwn() {
        Cache cache;
        int made_here = 0;
        for (int key = 0; key < kCapacity; ++key) get(cache, key, made_here);
        int made_there = 0;
        std::thread([&] {
            for (int key = 100; key < 100 + 2 * kCapacity; ++key) get(cache, key, made_there);
        }).join();
        QCOMPARE(made_there, 2 * kCapacity);
        for (int key = 0; key < kCapacity; ++key) get(cache, key, made_here);
        QCOMPARE(made_here, kCapacity);  // the other thread displaced none of this thread's shapes
    }

    void failedMakeLeavesNothing() {
        Cache cache;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 cache.get(1, []() -> std::unique_ptr<Shape> { throw std::runtime_error("no"); }));
        int made = 0;
        get(cache, 1, made);
        QCOMPARE(made, 1);
    }
};

QTEST_GUILESS_MAIN(TestShapeCache)
#include "test_shape_cache.moc"
