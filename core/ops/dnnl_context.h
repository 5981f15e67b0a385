#pragma once
// The process-wide oneDNN CPU engine and a stream per thread (oneDNN streams are not
// thread-safe), plus small helpers shared by the ops. Internal to core/ops.

#include <oneapi/dnnl/dnnl.hpp>

#include <thread>

namespace attentive::ops {

enum class Precision;

dnnl::engine& cpu_engine();
dnnl::stream& thread_stream();

// The data type activations and weights take inside an op at `precision`.
dnnl::memory::data_type compute_type(Precision precision);

// True when oneDNN runs bf16 with native instructions here (AVX512-BF16 or AMX), not emulated.
bool native_bf16();

// A reorder between a buffer the caller owns (handle set per call) and one the op owns,
// created once per shape so that a call allocates nothing.
struct Conversion {
    dnnl::memory from;
    dnnl::memory to;
    dnnl::reorder reorder;

    Conversion() = default;
    Conversion(const dnnl::memory& from_mem, const dnnl::memory& to_mem)
        : from(from_mem), to(to_mem), reorder(from_mem, to_mem) {}
    void run(dnnl::stream& stream) { reorder.execute(stream, from, to); }
};

}  // namespace attentive::ops
