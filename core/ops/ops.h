#pragma once
// Stateless-in-use computations on oneDNN: matrix products, LSTM layers and log-softmax. This is the only
// part of the engine that includes dnnl.hpp; callers pass plain float buffers.
// Each op copies (reorders) its weights once, at construction, into the layout oneDNN wants,
// and creates its primitives once per shape class (rows, steps) and calling thread, caching them
// with their memory objects: after the first call of a shape a call allocates nothing.
//
// Precision: at f32 everything is f32. At bf16 weights are stored in bf16, inputs are converted
// to bf16 per call and outputs come back in f32 (relative error about 1e-2). At int8 a Linear
// stores s8 weights with one scale per output channel and quantizes its input to s8 per call
// with one scale from the input's largest magnitude; an Lstm at int8 runs in bf16 when the CPU
// has native bf16, f32 otherwise (oneDNN 2.6's int8 LSTM needs static input scales).
// Callers check precision_supported() first: reduced precisions run, slowly, without it.

#include <cstdint>
#include <memory>
#include <string>

namespace attentive::ops {

enum class Precision { f32, bf16, int8 };

// "f32" | "bf16" | "int8" -> Precision; throws std::invalid_argument for anything else.
Precision parse_precision(const std::string& name);
std::string to_string(Precision precision);
// True when this CPU runs `precision` natively (bf16: AVX512-BF16 or AMX; int8: VNNI or AMX).
bool precision_supported(Precision precision);

// Sets oneDNN's thread count for the calling thread (0: all cores). Returns the count in use.
int set_threads(int threads);
// Human-readable CPU description and the instruction set oneDNN dispatches to.
std::string cpu_name();
std::string cpu_isa();

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

// Row-wise log-softmax in f32, vectorised by oneDNN: y[r, :] = x[r, :] - log(sum(exp(x[r, :]))).
// x, y: [rows, width], the same buffer or distinct ones. Entries of -inf come back -inf
// (probability zero), and so does every entry of a row with no finite entry.
// Throws std::invalid_argument when width <= 0.
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

}  // namespace attentive::ops
