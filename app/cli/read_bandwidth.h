#pragma once
// How fast this machine reads memory right now: the ceiling for batch-1 decoding, which reads
// every decoder weight once per token. bench reports it beside its timings, because on a shared
// host it moves from run to run and with it what any engine can reach.

namespace attentive::cli {

// GB/s at which `threads` threads together read a buffer of `megabytes` (best of `repeats`
// passes). Sized like a model's weights, the buffer stays in the last-level cache when it fits.
double read_bandwidth_gb_s(int threads, int megabytes = 32, int repeats = 30);

}  // namespace attentive::cli
