#pragma once
// The engine's own vector loops, compiled for AVX-512, AVX2 and the x86-64 baseline, and the
// choice among them by cpu_tier(), so that ATTENTIVE_MAX_ISA caps them as it caps oneDNN (GCC's
// target_clones would choose by the CPU alone, at load). Internal to core/ops.

namespace attentive::ops {

enum class VectorWidth { baseline, avx2, avx512 };

// The widest loops the capped tier allows (see cpu_tier()).
VectorWidth vector_width();

}  // namespace attentive::ops

// Defines `ret name params` to run `name##_body args` compiled for the vector width in use.
// `name##_body` must be an inline function (it is inlined into each variant and vectorised
// there): declare it ATTENTIVE_VECTOR_BODY.
#define ATTENTIVE_VECTOR_BODY [[gnu::always_inline]] inline
#define ATTENTIVE_VECTOR_VARIANTS(ret, name, params, args)                                  \
    __attribute__((target("avx512f"))) ret name##_avx512 params { return name##_body args; } \
    __attribute__((target("avx2"))) ret name##_avx2 params { return name##_body args; }       \
    ret name params {                                                                      \
        switch (::attentive::ops::vector_width()) {                                        \
            case ::attentive::ops::VectorWidth::avx512: return name##_avx512 args;         \
            case ::attentive::ops::VectorWidth::avx2: return name##_avx2 args;             \
            case ::attentive::ops::VectorWidth::baseline: break;                           \
        }                                                                                  \
        return name##_body args;                                                           \
    }
