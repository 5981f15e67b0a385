#pragma once
// ATTENTIVE_CPU_CLONES: compiles a hot loop for AVX-512, AVX2 and plain x86-64; the loader picks
// the best for the CPU (an ifunc), so one binary runs anywhere. Empty under ThreadSanitizer: GCC
// instruments the ifunc resolver, which the dynamic loader runs before the TSan runtime is set
// up, and every TSan binary died before main (scripts/tsan.sh).

#if defined(__SANITIZE_THREAD__)
#define ATTENTIVE_CPU_CLONES
#else
#define ATTENTIVE_CPU_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
