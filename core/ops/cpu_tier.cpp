#include <cstdlib>
#include <stdexcept>
#include <string>

#include "core/ops/dnnl_context.h"
#include "core/ops/ops.h"
#include "core/ops/vector_dispatch.h"

namespace attentive::ops {

namespace {

constexpr const char* kCapVariable = "ATTENTIVE_MAX_ISA";

struct TierName {
    CpuTier tier;
    const char* name;
    dnnl::cpu_isa isa;  // the oneDNN ISA the tier caps oneDNN at
};

constexpr TierName kTiers[] = {
    {CpuTier::sse41, "sse41", dnnl::cpu_isa::sse41},
    {CpuTier::avx2, "avx2", dnnl::cpu_isa::avx2},
    {CpuTier::avx2_vnni, "avx2_vnni", dnnl::cpu_isa::avx2_vnni},
    {CpuTier::avx512, "avx512", dnnl::cpu_isa::avx512_core},
    {CpuTier::avx512_vnni, "avx512_vnni", dnnl::cpu_isa::avx512_core_vnni},
    {CpuTier::avx512_bf16, "avx512_bf16", dnnl::cpu_isa::avx512_core_bf16},
    {CpuTier::amx, "amx", dnnl::cpu_isa::avx512_core_amx},
};

std::string tier_names() {
    std::string names;
    for (const auto& entry : kTiers) names += (names.empty() ? "" : ", ") + std::string(entry.name);
    return names;
}

// The cap, read from the environment and handed to oneDNN once, before oneDNN dispatches
// anything (it ignores a cap set after its first primitive). An invalid value is kept as an
// error to throw from every query, so that it reaches the user as a message.
struct CapState {
    bool capped = false;
    CpuTier cap = CpuTier::amx;
    std::string error;
};

CapState apply_cap() {
    CapState state;
    const char* value = std::getenv(kCapVariable);
    if (!value || !*value) return state;
    try {
        state.cap = parse_cpu_tier(value);
    } catch (const std::invalid_argument& e) {
        state.error = std::string(kCapVariable) + ": " + e.what();
        return state;
    }
    state.capped = true;
    for (const auto& entry : kTiers) {
        if (entry.tier != state.cap) continue;
        try {
            dnnl::set_max_cpu_isa(entry.isa);
        } catch (const dnnl::error& e) {
            state.error = std::string(kCapVariable) + " could not be applied: oneDNN had already chosen its kernels (" +
                          e.what() + ")";
        }
    }
    return state;
}

const CapState& cap_state() {
    static const CapState state = apply_cap();
    return state;
}

// Applied while the program loads, before anything can create a oneDNN primitive (the trainer's
// gradients make their own); queries below apply it too, for a program that never ran this.
[[maybe_unused]] const bool cap_applied_at_load = (cap_state(), true);

const CapState& checked_cap_state() {
    const CapState& state = cap_state();
    if (!state.error.empty()) throw std::invalid_argument(state.error);
    return state;
}

}  // namespace

CpuTier parse_cpu_tier(const std::string& name) {
    for (const auto& entry : kTiers)
        if (name == entry.name) return entry.tier;
    throw std::invalid_argument("unknown CPU tier '" + name + "' (expected one of " + tier_names() + ")");
}

std::string to_string(CpuTier tier) {
    for (const auto& entry : kTiers)
        if (entry.tier == tier) return entry.name;
    return "sse41";
}

CpuTier machine_cpu_tier() {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return CpuTier::sse41;
    if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx512bw") ||
        !__builtin_cpu_supports("avx512vl") || !__builtin_cpu_supports("avx512dq"))
        return __builtin_cpu_supports("avxvnni") ? CpuTier::avx2_vnni : CpuTier::avx2;
    if (__builtin_cpu_supports("amx-int8") && __builtin_cpu_supports("amx-bf16")) return CpuTier::amx;
    if (__builtin_cpu_supports("avx512bf16")) return CpuTier::avx512_bf16;
    if (__builtin_cpu_supports("avx512vnni")) return CpuTier::avx512_vnni;
    return CpuTier::avx512;
}

CpuTier cpu_tier() {
    checked_cap_state();
    // oneDNN's effective ISA is the lower of the cap and what the CPU (and OS) allow.
    static const CpuTier tier = [] {
        const auto isa = dnnl::get_effective_cpu_isa();
        CpuTier found = CpuTier::sse41;
        for (const auto& entry : kTiers) {
            // Lowest first: an ISA not listed counts as the highest listed one it includes.
            if (isa == entry.isa) return entry.tier;
            if (static_cast<int>(isa) > static_cast<int>(entry.isa) &&
                (static_cast<int>(isa) & static_cast<int>(entry.isa)) == static_cast<int>(entry.isa))
                found = entry.tier;
        }
        return found;
    }();
    return tier;
}

std::string cpu_tier_cap() {
    const CapState& state = checked_cap_state();
    return state.capped ? to_string(state.cap) : std::string();
}

VectorWidth vector_width() {
    static const VectorWidth width = [] {
        const CpuTier tier = cpu_tier();
        if (tier >= CpuTier::avx512) return VectorWidth::avx512;
        if (tier >= CpuTier::avx2) return VectorWidth::avx2;
        return VectorWidth::baseline;
    }();
    return width;
}

}  // namespace attentive::ops
