#pragma once
// Stateless-in-use computations on oneDNN: matrix products, LSTM layers, and log-softmax. This is the only
// part of the engine that includes dnnl.hpp; callers pass plain float buffers.
// Each op copies (reorders) its weights once, at construction, into the layout oneDNN wants,
// and creates its primitives once per shape class (rows, steps) and calling thread, caching them
// with their memory objects: after the first call of a shape a call allocates nothing. Buffers
// that grow with a call's size are borrowed from one per-thread buffer (thread_scratch.h), so
// cached shapes hold kernels, not memory that grows with the sentences seen.
//
// Precision: at f32 everything is f32. At bf16 weights are stored in bf16, inputs are converted
// to bf16 per call and outputs come back in f32 (relative error about 1e-2). At int8 a Linear
// stores s8 weights with one scale per output channel and quantizes its input to s8 per call
// with one scale from the input's largest magnitude (below VNNI: 7-bit weights and a u8 source
// below AVX-512, see int8_weight_limit()); an Lstm at int8 runs in bf16 when the CPU has native
// bf16, f32 otherwise (oneDNN 2.6's int8 LSTM needs static input scales), while the decoder's
// LstmStep at int8 is an int8 Linear plus the gate arithmetic (see below).
// Kernels are chosen per CPU tier (cpu_tier(), which ATTENTIVE_MAX_ISA caps): on AMX, products
// of a few rows (int8: up to 8; bf16: one) use oneDNN's AVX-512 kernels, which read weights
// faster than AMX at that size; one-row products of large weights take oneDNN's gemm kernel
// over a plain copy where it reads them faster (bf16 on AMX; f32 and bf16 on AVX-512).
// Callers pick the precision with choose_precision(), which checks precision_supported():
// reduced precisions run, slowly, without native support.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace attentive::ops {

enum class Precision { f32, bf16, int8 };

// "f32" | "bf16" | "int8" -> Precision; throws std::invalid_argument for anything else.
Precision parse_precision(const std::string& name);
std::string to_string(Precision precision);
// True when this CPU tier runs `precision` natively (bf16: avx512_bf16 or amx; int8: avx2 and
// above, in 7-bit weights below VNNI, see Linear).
bool precision_supported(Precision precision);
// The largest magnitude an int8 weight takes at this tier: 127 with AVX-512 VNNI (or AMX); 63
// below it, where the engine's own few-row kernel and oneDNN's s8 products use vpmaddubsw, which
// adds two u8·s8 products in 16 bits with saturation, after shifting s8 inputs to u8 by 128
// (2 · 255 · 63 < 32,767 < 2 · 255 · 127). AVX-VNNI without AVX-512 (Alder Lake and later
// laptops) takes 63 too: its few rows run on the own AVX2 kernel, 2.8x faster at batch 1 than
// oneDNN's avx2_vnni gemm (docs/performance.md, twelfth session).
int int8_weight_limit();
// The precision to run: `requested` when given (throws std::invalid_argument when this CPU
// lacks it), else the model's default, which is a preference: f32 on CPUs without it.
Precision choose_precision(const std::string& requested, const std::string& model_default);

// Sets oneDNN's thread count for the calling thread (0: all cores). Returns the count in use.
int set_threads(int threads);
// Runs `first` and `second`, two independent calls of ops, side by side on two of the calling
// thread's oneDNN threads (each op then runs single-threaded inside), or one after the other when
// only one thread is allowed. For work too small to spread over threads inside one primitive:
// the encoder's two directions at batch 1. Exceptions are rethrown on the calling thread.
void run_side_by_side(const std::function<void()>& first, const std::function<void()>& second);
// Human-readable CPU description and the instruction set oneDNN dispatches to.
std::string cpu_name();
std::string cpu_isa();

// What the engine may use of the CPU, lowest first: kernels and precisions are chosen per tier.
// sse41 stands for anything below AVX2 (FMA included); avx512 is AVX-512 F/BW/VL/DQ (Skylake-X);
// avx512_bf16 has VNNI too (Cooper Lake, Zen 4); amx is AMX with AVX512-BF16 (Sapphire Rapids).
enum class CpuTier { sse41, avx2, avx2_vnni, avx512, avx512_vnni, avx512_bf16, amx };
// "avx2" | ... | "amx" -> CpuTier (the enum's names); throws std::invalid_argument otherwise.
CpuTier parse_cpu_tier(const std::string& name);
std::string to_string(CpuTier tier);
// The tier of this machine's CPU, whatever the cap.
CpuTier machine_cpu_tier();
// The tier the engine runs at: the machine's, or lower when the environment variable
// ATTENTIVE_MAX_ISA names a tier (then oneDNN is capped at the same level, as
// ONEDNN_MAX_CPU_ISA would, and the engine's own vector loops and kernel choices follow), so
// that tests and benchmarks can run as a lesser CPU would. Throws std::invalid_argument when
// ATTENTIVE_MAX_ISA names no tier or could not be applied (oneDNN had already dispatched).
CpuTier cpu_tier();
// The tier ATTENTIVE_MAX_ISA names, or "" when it is not set; throws as cpu_tier() does.
std::string cpu_tier_cap();

// y[m, n_out] = x[m, n_in] · weight^T (+ bias)
class Linear {
public:
    // weight: [n_out, n_in] row-major; bias: [n_out] or nullptr.
    Linear(const float* weight, const float* bias, int n_out, int n_in,
           Precision precision = Precision::f32);
    Linear(Linear&&) noexcept;
    Linear& operator=(Linear&&) noexcept;
    ~Linear();

    // x: [m, n_in] f32, y: [m, n_out] f32 (distinct buffers).
    void forward(int m, const float* x, float* y) const;
    int n_in() const;
    int n_out() const;
    Precision precision() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Row-wise log Σ exp in f32 (vectorised, rows split over the threads when there are many):
// out[r] = log(sum(exp(x[r, :]))), the log-normaliser of the row's softmax. -inf for a row with
// no finite entry (no distribution), +inf for a row with a +inf entry (which takes all the
// probability). Throws std::invalid_argument when width <= 0.
void log_sum_exp(int rows, int width, const float* x, float* out);
// log p of an entry of value `value` in a row whose log_sum_exp is `log_normalizer`: value -
// log_normalizer, with the two special rows above (-inf, and 0 or -inf when the normaliser is
// +inf) and -inf for a -inf entry.
float log_probability(float value, float log_normalizer);
// Row-wise log-softmax: y[r, :] = log_probability(x[r, :], log_sum_exp(x[r, :])). x and y may be
// the same buffer. Throws std::invalid_argument when width <= 0.
void log_softmax(int rows, int width, const float* x, float* y);

// One unidirectional LSTM layer (gates i, f, g, o).
class Lstm {
public:
    // weight_input: [4*hidden, n_in]; weight_hidden: [4*hidden, hidden]; bias: [4*hidden].
    Lstm(const float* weight_input, const float* weight_hidden, const float* bias, int n_in,
         int hidden, Precision precision = Precision::f32);
    Lstm(Lstm&&) noexcept;
    Lstm& operator=(Lstm&&) noexcept;
    ~Lstm();

    // src: [steps, batch, n_in]; h0, c0: [batch, hidden] or nullptr for zeros;
    // dst: [steps, batch, hidden]; h_n, c_n: [batch, hidden] or nullptr when not wanted.
    void forward(int steps, int batch, const float* src, const float* h0, const float* c0,
                 float* dst, float* h_n, float* c_n) const;
    int n_in() const;
    int hidden() const;
    Precision precision() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// One LSTM layer over whole sequences of a few rows, as matrix products: the input projection
// of every step in one product, then per step h·W_hh^T and the gate arithmetic. At one row
// oneDNN 2.6's LSTM primitive spends most of its time between steps; from a few rows it is the
// faster one (suits() says which). Starts from a zero state, as the encoder does. At int8 the
// recurrent product is s8 (the hidden state is bounded by 1, which per-call quantization
// resolves well), and the input projection bf16 where the CPU has it, else s8 over the inputs
// divided by static per-column bounds (as LstmStep), else f32 where that is faster (avx512).
class SmallBatchLstm {
public:
    // Weights as for Lstm. input_bounds: as for LstmStep ([n_in], or empty for all 1).
    SmallBatchLstm(const float* weight_input, const float* weight_hidden, const float* bias,
                   int n_in, int hidden, Precision precision = Precision::f32,
                   const std::vector<float>& input_bounds = {});
    SmallBatchLstm(SmallBatchLstm&&) noexcept;
    SmallBatchLstm& operator=(SmallBatchLstm&&) noexcept;
    ~SmallBatchLstm();

    // src: [steps, batch, n_in]; dst: [steps, batch, hidden] (time-major, as Lstm).
    void forward(int steps, int batch, const float* src, float* dst) const;
    // True when `batch` rows run faster here than through Lstm.
    bool suits(int batch) const;
    Precision precision() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// One step of one LSTM layer over many rows: the decoder's recurrence. At f32 this is the Lstm
// above for a single step. At int8 it is one s8 matrix product over [x; h] followed by the gate
// arithmetic in f32: inputs are divided by static per-column bounds before the product's
// per-call quantization (the bounds are folded into the weights), so an embedding column of
// large values costs a hidden state column in [-1, 1] no resolution. At bf16 one row takes the
// same product-and-gates path in bf16 and more rows the Lstm, whichever is faster (both weight
// copies are kept).
class LstmStep {
public:
    // Weights as for Lstm. input_bounds: [n_in] largest magnitude each input column can take
    // (an embedding table's column maxima; 1 for tanh-bounded states), or empty for all 1.
    // The hidden state is bounded by 1 by construction.
    LstmStep(const float* weight_input, const float* weight_hidden, const float* bias, int n_in,
             int hidden, Precision precision, const std::vector<float>& input_bounds = {});
    LstmStep(LstmStep&&) noexcept;
    LstmStep& operator=(LstmStep&&) noexcept;
    ~LstmStep();

    // x: [rows, n_in]; h, c: [rows, hidden]; h_out, c_out: [rows, hidden], distinct from the
    // inputs.
    void forward(int rows, const float* x, const float* h, const float* c, float* h_out,
                 float* c_out) const;
    Precision precision() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace attentive::ops
