#include "core/ops/dnnl_context.h"

#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/ops/ops.h"

namespace attentive::ops {

namespace {

// oneDNN keeps up to 1,024 primitives by default, each with its JIT-compiled kernels (40-300 KB),
// beyond the ones the ops hold (shape_cache.h): enough to grow a long session by hundreds of MB.
// ONEDNN_PRIMITIVE_CACHE_CAPACITY, when set, still decides.
constexpr int kPrimitiveCacheCapacity = 128;

dnnl::engine make_engine() {
    cpu_tier();  // the cap first: oneDNN ignores one set after its first primitive
    if (!std::getenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY"))
        dnnl::set_primitive_cache_capacity(kPrimitiveCacheCapacity);
    return dnnl::engine(dnnl::engine::kind::cpu, 0);
}

}  // namespace

dnnl::engine& cpu_engine() {
    static dnnl::engine engine = make_engine();
    return engine;
}

dnnl::stream& thread_stream() {
    thread_local dnnl::stream stream(cpu_engine());
    return stream;
}

dnnl::memory::data_type compute_type(Precision precision) {
    switch (precision) {
        case Precision::f32: return dnnl::memory::data_type::f32;
        case Precision::bf16: return dnnl::memory::data_type::bf16;
        case Precision::int8: return dnnl::memory::data_type::s8;
    }
    return dnnl::memory::data_type::f32;
}

bool native_bf16() { return cpu_tier() >= CpuTier::avx512_bf16; }

int int8_weight_limit() {
    const CpuTier tier = cpu_tier();
    return tier >= CpuTier::avx512_vnni ? 127 : 63;
}

Precision parse_precision(const std::string& name) {
    if (name == "f32") return Precision::f32;
    if (name == "bf16") return Precision::bf16;
    if (name == "int8") return Precision::int8;
    throw std::invalid_argument("unknown precision '" + name + "' (expected f32, bf16 or int8)");
}

Precision choose_precision(const std::string& requested, const std::string& model_default) {
    const Precision precision = parse_precision(requested.empty() ? model_default : requested);
    if (precision_supported(precision)) return precision;
    if (!requested.empty())
        throw std::invalid_argument("precision " + requested + " is not supported on this CPU (" +
                                    to_string(cpu_tier()) + "); use " +
                                    (precision_supported(Precision::int8) ? "int8 or f32" : "f32"));
    return Precision::f32;
}

std::string to_string(Precision precision) {
    switch (precision) {
        case Precision::f32: return "f32";
        case Precision::bf16: return "bf16";
        case Precision::int8: return "int8";
    }
    return "f32";
}

bool precision_supported(Precision precision) {
    switch (precision) {
        case Precision::f32: return true;
        case Precision::bf16: return native_bf16();
        // oneDNN runs s8 products from AVX2 on (below VNNI with vpmaddubsw, see Linear).
        case Precision::int8: return cpu_tier() >= CpuTier::avx2;
    }
    return false;
}

void run_side_by_side(const std::function<void()>& first, const std::function<void()>& second) {
    if (omp_get_max_threads() < 2 || omp_in_parallel()) {
        first();
        second();
        return;
    }
    std::exception_ptr errors[2];
    auto run = [&](int which) {
        try {
            (which == 0 ? first : second)();
        } catch (...) {
            errors[which] = std::current_exception();
        }
    };
    // Sections: both run whatever the size of the team OpenMP grants.
#pragma omp parallel sections num_threads(2)
    {
#pragma omp section
        run(0);
#pragma omp section
        run(1);
    }
    for (const auto& error : errors)
        if (error) std::rethrow_exception(error);
}

int set_threads(int threads) {
    if (threads > 0) omp_set_num_threads(threads);
    else omp_set_num_threads(omp_get_num_procs());
    return omp_get_max_threads();
}

std::string cpu_name() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0) {
            auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return "unknown CPU";
}

std::string cpu_isa() {
    cpu_tier();  // applies the cap before asking oneDNN
    switch (dnnl::get_effective_cpu_isa()) {
        case dnnl::cpu_isa::sse41: return "sse41";
        case dnnl::cpu_isa::avx: return "avx";
        case dnnl::cpu_isa::avx2: return "avx2";
        case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
        case dnnl::cpu_isa::avx512_core: return "avx512_core";
        case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
        case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
        case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
        default: return "other";
    }
}

}  // namespace attentive::ops
