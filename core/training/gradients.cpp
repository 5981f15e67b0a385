#include "core/training/gradients.h"

#include <algorithm>
#include <cmath>
#include <compare>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>

#include <dlfcn.h>

#include <dnnl.hpp>

#include "core/ops/vector_math.h"
#include "core/training/lstm_gates.h"
#include "core/training/softmax_loss.h"

namespace attentive {

namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;
using dim = memory::dim;

// A 64-byte aligned buffer that only grows. Contents are not kept when it grows: every user
// writes before it reads within one pass.
template <class T>
class Buffer {
public:
    T* resize(std::size_t count) {
        if (count > m_capacity) {
            const std::size_t bytes = ((count * sizeof(T) + 63) / 64) * 64;
            m_data.reset(static_cast<T*>(std::aligned_alloc(64, bytes)));
            if (!m_data) throw std::bad_alloc();
            m_capacity = count;
        }
        m_size = count;
        return m_data.get();
    }
    T* zero(std::size_t count) {
        T* data = resize(count);
        std::memset(static_cast<void*>(data), 0, count * sizeof(T));
        return data;
    }
    T* data() { return m_data.get(); }
    const T* data() const { return m_data.get(); }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

private:
    struct Free {
        void operator()(void* p) const { std::free(p); }
    };
    std::unique_ptr<T[], Free> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};
using Floats = Buffer<float>;
using Bytes = Buffer<std::byte>;
using Halves = Buffer<std::uint16_t>;  // bf16 bit patterns

// f32 -> bf16 with round-to-nearest-even (NaN stays NaN); a loop the compiler vectorizes.
void to_bf16(const float* src, std::uint16_t* dst, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, src + i, sizeof bits);
        const bool nan = (bits & 0x7fffffffu) > 0x7f800000u;
        const std::uint32_t rounded = (bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16;
        dst[i] = static_cast<std::uint16_t>(nan ? (bits >> 16) | 0x40u : rounded);
    }
}

void from_bf16(const std::uint16_t* src, float* dst, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint32_t bits = static_cast<std::uint32_t>(src[i]) << 16;
        std::memcpy(dst + i, &bits, sizeof bits);
    }
}

bool cpu_has_bf16() {
    const dnnl::cpu_isa isa = dnnl::get_effective_cpu_isa();
    return isa == dnnl::cpu_isa::avx512_core_bf16 || isa == dnnl::cpu_isa::avx512_core_amx;
}

struct MatmulKey {
    dim m, n, k, lda, ldb, ldc;
    bool trans_a, trans_b, accumulate;
    auto operator<=>(const MatmulKey&) const = default;
};

// Row-major C[m, n] = op(A)[m, k] · op(B)[k, n] + beta · C, on oneDNN's JIT gemm.
void gemm(bool trans_a, bool trans_b, dim m, dim n, dim k, const float* a, dim lda, const float* b,
          dim ldb, float beta, float* c, dim ldc) {
    if (m == 0 || n == 0) return;
    const dnnl_status_t status = dnnl_sgemm(trans_a ? 'T' : 'N', trans_b ? 'T' : 'N', m, n, k, 1.0f,
                                            a, lda, b, ldb, beta, c, ldc);
    if (status != dnnl_success) {
        throw std::runtime_error("oneDNN sgemm failed with status " + std::to_string(status) +
                                 " for m=" + std::to_string(m) + " n=" + std::to_string(n) +
                                 " k=" + std::to_string(k));
    }
}

// The same dot product as inference (vectorised, summed in lanes), so that training and
// decoding score attention alike.
float dot(const float* a, const float* b, dim n) { return ops::dot(a, b, static_cast<int>(n)); }

void axpy(float alpha, const float* x, float* y, dim n) {
    for (dim i = 0; i < n; ++i) y[i] += alpha * x[i];
}

// Rows from which the per-row loops of the input-fed decoder's steps (attention, the LSTM
// gates) run on the OpenMP threads: a batch's step, not greedy decoding's single row.
constexpr dim kParallelRows = 8;

// A uniform draw in [0, 1) for element `index` of a mask: the top 24 bits of the splitmix64
// hash of (seed, index). Counter-based, so a mask is filled in parallel and comes out the same
// whatever the number of threads.
inline float uniform_at(std::uint64_t seed, std::uint64_t index) {
    std::uint64_t z = seed + (index + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return static_cast<float>(z >> 40) * (1.0f / 16777216.0f);
}

// Inverted dropout: each value is kept with probability 1 - p and scaled by 1 / (1 - p), so
// evaluation needs no rescaling. One draw from `rng` seeds the whole mask (which keeps a
// checkpoint's generator state enough to resume exactly).
void make_dropout_mask(Floats& mask, std::size_t count, float p, std::mt19937_64& rng) {
    float* m = mask.resize(count);
    const float keep = 1.0f / (1.0f - p);
    const std::uint64_t seed = rng();
    const auto n = static_cast<std::int64_t>(count);
#pragma omp parallel for schedule(static) if (n > 65536)
    for (std::int64_t i = 0; i < n; ++i) m[i] = uniform_at(seed, static_cast<std::uint64_t>(i)) < p ? 0.0f : keep;
}

struct LstmKey {
    dim steps, batch, input, hidden;
    bool bf16;
    auto operator<=>(const LstmKey&) const = default;
};

// One unidirectional single-layer LSTM shape over whole sequences: forward (training mode, so it
// fills a workspace) and the matching backward. It reads an initial state (h0, c0) and gives
// its gradient; its final state is not used (the encoder's and a decoder without input
// feeding read the outputs of every step).
struct LstmPlan {
    LstmKey key;
    memory::desc src_md, iter_md, cell_md, dst_md, bias_md, user_weights_layer_md, user_weights_iter_md;
    dnnl::lstm_forward::primitive_desc forward_pd;
    dnnl::lstm_forward forward;
    dnnl::lstm_backward::primitive_desc backward_pd;
    dnnl::lstm_backward backward;
    std::size_t workspace_bytes = 0;

    LstmPlan(const dnnl::engine& engine, const LstmKey& k) : key(k) {
        const dt data_type = k.bf16 ? dt::bf16 : dt::f32;
        src_md = memory::desc({k.steps, k.batch, k.input}, data_type, tag::tnc);
        iter_md = memory::desc({1, 1, k.batch, k.hidden}, data_type, tag::ldnc);
        dst_md = memory::desc({k.steps, k.batch, k.hidden}, data_type, tag::tnc);
        bias_md = memory::desc({1, 1, 4, k.hidden}, dt::f32, tag::ldgo);
        // PyTorch's [4H, in] row-major weights are oneDNN's ldgoi.
        user_weights_layer_md = memory::desc({1, 1, k.input, 4, k.hidden}, dt::f32, tag::ldgoi);
        user_weights_iter_md = memory::desc({1, 1, k.hidden, 4, k.hidden}, dt::f32, tag::ldgoi);
        const memory::desc weights_layer_any({1, 1, k.input, 4, k.hidden}, data_type, tag::any);
        const memory::desc weights_iter_any({1, 1, k.hidden, 4, k.hidden}, data_type, tag::any);
        const memory::desc diff_weights_layer_any({1, 1, k.input, 4, k.hidden}, dt::f32, tag::any);
        const memory::desc diff_weights_iter_any({1, 1, k.hidden, 4, k.hidden}, dt::f32, tag::any);
        // A zero descriptor tells oneDNN the final state is not wanted.
        const memory::desc none;
        cell_md = memory::desc({1, 1, k.batch, k.hidden}, dt::f32, tag::ldnc);
        const auto direction = dnnl::rnn_direction::unidirectional_left2right;

        dnnl::lstm_forward::desc forward_desc(dnnl::prop_kind::forward_training, direction, src_md,
                                              iter_md, cell_md, weights_layer_any,
                                              weights_iter_any, bias_md, dst_md, none, none);
        forward_pd = dnnl::lstm_forward::primitive_desc(forward_desc, engine);
        forward = dnnl::lstm_forward(forward_pd);
        workspace_bytes = forward_pd.workspace_desc().get_size();

        const memory::desc diff_src_md({k.steps, k.batch, k.input}, dt::f32, tag::tnc);
        const memory::desc diff_dst_md({k.steps, k.batch, k.hidden}, dt::f32, tag::tnc);
        const memory::desc diff_iter_md({1, 1, k.batch, k.hidden}, dt::f32, tag::ldnc);
        dnnl::lstm_backward::desc backward_desc(
            dnnl::prop_kind::backward, direction, src_md, iter_md, cell_md, weights_layer_any,
            weights_iter_any, bias_md, dst_md, none, none, diff_src_md, diff_iter_md, diff_iter_md,
            diff_weights_layer_any, diff_weights_iter_any, bias_md, diff_dst_md, none, none);
        backward_pd = dnnl::lstm_backward::primitive_desc(backward_desc, engine, forward_pd);
        backward = dnnl::lstm_backward(backward_pd);
    }
};

// One LSTM's weights (a layer and direction): the parameters, their gradients, and copies in the
// layouts the primitives chose.
struct LstmUnit {
    std::string prefix;  // "encoder.layers.0.forward." / "decoder.layers.1."
    dim input = 0, hidden = 0;
    const float* weight_input = nullptr;
    const float* weight_hidden = nullptr;
    const float* bias = nullptr;
    float* grad_input = nullptr;
    float* grad_hidden = nullptr;
    float* grad_bias = nullptr;
    memory forward_layer, forward_iter, backward_layer, backward_iter;
    memory diff_layer, diff_iter, diff_bias;
};

// A product by fixed weights repeated at every step of a batch, C[m, n] = A[m, k] · W, with W
// copied once per batch into the layout the primitive prefers (given plain weights, oneDNN's
// AMX kernels pack them again at every call).
struct StepProduct {
    dim m = 0, k = 0, n = 0;
    bool bf16 = false;
    dnnl::matmul::primitive_desc pd;
    dnnl::matmul primitive;
    memory weights;
};

}  // namespace

struct GradientComputer::Impl {
    ModelConfig config;
    dim E, He, C2, Hd, Le, Ld, Vs, Vt, Ku;
    dnnl::engine engine{dnnl::engine::kind::cpu, 0};
    dnnl::stream stream{engine};

    std::map<LstmKey, std::unique_ptr<LstmPlan>> plans;
    std::map<std::pair<int, dim>, dnnl::eltwise_forward> eltwise_cache;
    std::map<MatmulKey, dnnl::matmul> matmul_cache;

    std::vector<LstmUnit> encoder_units;  // layer * 2 + direction
    std::vector<LstmUnit> decoder_units;

    // The call being computed.
    const Parameters* params = nullptr;
    Parameters* grads = nullptr;
    dim B = 0, S = 0, T = 0;
    std::vector<int> src_len, tgt_len;
    const int* src_ids = nullptr;  // [B, S]
    const int* tgt_in = nullptr;   // [B, T]
    const int* tgt_out = nullptr;  // [B, T]
    bool train = false;
    bool backward = false;
    bool stepwise = false;  // decoder one step at a time (input feeding or greedy decoding)
    bool bf16 = false;      // LSTM and generator inputs in bf16, gradients in f32
    float dropout = 0.0f;
    float smoothing = 0.0f;
    std::mt19937_64* rng = nullptr;

    // Encoder activations.
    std::vector<Floats> enc_in, enc_in_rev, enc_mask, enc_out;  // per layer
    std::vector<Floats> enc_y;                                  // per unit [S, B, He]
    std::vector<Bytes> enc_ws;                                  // per unit
    Floats h_enc;                                               // [B, 2He]
    Floats keys;                                                // [S, B, Hd]
    std::vector<Floats> dec_h0;                                 // per layer [B, Hd]
    Floats zeros;                                               // [B, Hd]
    // Decoder activations.
    std::vector<Floats> dec_in, dec_mask, dec_h, dec_c;  // per layer, [T, B, ...]
    std::vector<Bytes> dec_ws;                           // per layer (not stepwise)
    // The stepwise decoder's layers run as products and lstm_gates_*, so that their weight
    // gradients are one product over all steps instead of one oneDNN LSTM backward per step
    // (each a t = 1 call that cannot amortise its packing). Per layer:
    std::vector<Floats> dec_w;                 // [4Hd, in + Hd]: [W_ih | W_hh]
    std::vector<Floats> dec_xh;                // [T, B, in + Hd]: [x; h_prev] of every step
    std::vector<Floats> dec_gates, dec_dgates;  // [T, B, 4Hd]: activated gates; their gradients
    std::vector<Halves> dec_xh16, dec_dgates16;  // bf16 copies (bf16 mode)
    std::vector<StepProduct> dec_gate_product;   // [x; h_prev] -> gates
    std::vector<StepProduct> dec_input_product;  // d gates -> d [x; h_prev]
    Floats dec_dxh, dec_dh, dec_dw;              // one step's scratch; a layer's weight gradient
    Floats query;                                        // mlp: [T, B, Hd]
    Floats att_m;                                        // mlp: [T, B, S, Hd] tanh terms
    Floats alpha;                                        // [T, B, S]
    Floats U;                                            // [T, B, 2He + Hd]: [context; h]
    Floats A;                                            // [T, B, Hd]: attentional states
    Floats gen_mask, A_drop;                             // [T, B, Hd]
    Floats logits;                                       // [T, B, Vt]: logits, then (f32) their gradient
    Floats log_normalizer, row_sums;                     // [T, B]: each row's log Σ exp and Σ
    Buffer<int> row_targets;                             // [T, B]: target piece, -1 for padding
    // Backward buffers.
    Floats dA, dZ, dU, dH, dQ, d_enc, dK, dh_enc, dpre;
    std::vector<Floats> dX;               // per decoder layer, [T, B, in]
    // Per decoder layer [B, Hd]: the gradients reaching its h and c from the step after (stepwise);
    // at the end of the backward pass, those reaching its initial state.
    std::vector<Floats> dh_state, dc_state;
    Floats da_feed;
    std::vector<Floats> enc_dy, enc_dx;  // per direction
    Floats enc_dO;
    Floats enc_zeros, enc_dstate;  // [B, He] zero initial states; their (unused) gradients
    // bf16 copies of what the LSTM primitives read and write (bf16 mode only).
    std::vector<Halves> enc_in16, enc_in_rev16, enc_y16, dec_in16, dec_h16, dec_h0_16;
    Halves zeros16, A16, G16, D16;

    explicit Impl(const ModelConfig& c) : config(c) {
        E = c.embedding_size;
        He = c.encoder_hidden_size;
        C2 = 2 * He;
        Hd = c.decoder_hidden_size;
        Le = c.encoder_layers;
        Ld = c.decoder_layers;
        Vs = c.source_vocab_size;
        Vt = c.target_vocab_size;
        Ku = C2 + Hd;
        if (E <= 0 || He <= 0 || Hd <= 0 || Le <= 0 || Ld <= 0 || Vs <= 0 || Vt <= 0) {
            throw std::invalid_argument(
                "GradientComputer: the config's sizes (vocabularies, embedding, hidden, layers) "
                "must all be positive");
        }
        if (c.attention == AttentionType::dot && Hd != C2) {
            throw std::invalid_argument("GradientComputer: dot attention needs decoder_hidden_size (" +
                                        std::to_string(Hd) + ") == 2 * encoder_hidden_size (" +
                                        std::to_string(C2) + ")");
        }
        if (c.tie_target_embeddings && E != Hd) {
            throw std::invalid_argument("GradientComputer: tied embeddings need embedding_size == "
                                        "decoder_hidden_size");
        }
        for (dim l = 0; l < Le; ++l) {
            for (const char* direction : {"forward", "backward"}) {
                LstmUnit unit;
                unit.prefix = "encoder.layers." + std::to_string(l) + "." + direction + ".";
                unit.input = l == 0 ? E : C2;
                unit.hidden = He;
                encoder_units.push_back(std::move(unit));
            }
        }
        for (dim l = 0; l < Ld; ++l) {
            LstmUnit unit;
            unit.prefix = "decoder.layers." + std::to_string(l) + ".";
            unit.input = l == 0 ? c.decoder_input_size() : Hd;
            unit.hidden = Hd;
            decoder_units.push_back(std::move(unit));
        }
        enc_in.resize(Le);
        enc_in_rev.resize(Le);
        enc_mask.resize(Le);
        enc_out.resize(Le);
        enc_y.resize(2 * Le);
        enc_ws.resize(2 * Le);
        dec_h0.resize(Ld);
        dec_in.resize(Ld);
        dec_mask.resize(Ld);
        dec_h.resize(Ld);
        dec_c.resize(Ld);
        dec_ws.resize(Ld);
        for (auto* v : {&dec_w, &dec_xh, &dec_gates, &dec_dgates}) v->resize(Ld);
        dec_xh16.resize(Ld);
        dec_dgates16.resize(Ld);
        dec_gate_product.resize(Ld);
        dec_input_product.resize(Ld);
        dX.resize(Ld);
        dh_state.resize(Ld);
        dc_state.resize(Ld);
        enc_dy.resize(2);
        enc_dx.resize(2);
        enc_in16.resize(Le);
        enc_in_rev16.resize(Le);
        enc_y16.resize(2 * Le);
        dec_in16.resize(Ld);
        dec_h16.resize(Ld);
        dec_h0_16.resize(Ld);
    }

    dim dec_input(dim l) const { return l == 0 ? config.decoder_input_size() : Hd; }
    const std::string& generator_name() const {
        static const std::string tied = "decoder.embedding", untied = "generator.weight";
        return config.tie_target_embeddings ? tied : untied;
    }
    const float* w(const std::string& name) const { return params->at(name).data(); }
    float* g(const std::string& name) const { return grads->at(name).data(); }

    // ---- parameters and batch ------------------------------------------------------------

    void bind_parameters(const Parameters& parameters, Parameters* gradients) {
        for (const auto& [name, shape] : expected_tensors(config)) {
            const auto it = parameters.find(name);
            if (it == parameters.end()) {
                throw std::invalid_argument("GradientComputer: parameter '" + name + "' " +
                                            shape_string(shape) + " is missing");
            }
            if (it->second.shape != shape || it->second.size() != element_count(shape)) {
                throw std::invalid_argument("GradientComputer: parameter '" + name + "' has shape " +
                                            shape_string(it->second.shape) + ", expected " +
                                            shape_string(shape));
            }
            if (gradients) {
                Tensor& grad = (*gradients)[name];
                if (grad.shape != shape || grad.size() != element_count(shape)) {
                    grad = Tensor(shape);
                } else {
                    std::fill(grad.values.begin(), grad.values.end(), 0.0f);
                }
            }
        }
        params = &parameters;
        grads = gradients;
        for (auto* units : {&encoder_units, &decoder_units}) {
            for (LstmUnit& unit : *units) {
                unit.weight_input = w(unit.prefix + "weight_input");
                unit.weight_hidden = w(unit.prefix + "weight_hidden");
                unit.bias = w(unit.prefix + "bias");
                if (gradients) {
                    unit.grad_input = g(unit.prefix + "weight_input");
                    unit.grad_hidden = g(unit.prefix + "weight_hidden");
                    unit.grad_bias = g(unit.prefix + "bias");
                }
            }
        }
    }

    void bind_batch(const Batch& batch) {
        const std::string where = "GradientComputer: batch ";
        B = batch.batch_size;
        S = batch.source_length;
        T = batch.target_length;
        if (B <= 0 || S <= 0 || T <= 0) {
            throw std::invalid_argument(where + "has batch_size " + std::to_string(B) +
                                        ", source_length " + std::to_string(S) +
                                        ", target_length " + std::to_string(T) + "; all must be > 0");
        }
        if (batch.source_ids.size() != static_cast<std::size_t>(B * S) ||
            batch.target_input.size() != static_cast<std::size_t>(B * T) ||
            batch.target_output.size() != static_cast<std::size_t>(B * T) ||
            batch.source_lengths.size() != static_cast<std::size_t>(B) ||
            batch.target_lengths.size() != static_cast<std::size_t>(B)) {
            throw std::invalid_argument(where + "arrays do not match its batch_size, source_length "
                                                "and target_length");
        }
        src_len = batch.source_lengths;
        tgt_len = batch.target_lengths;
        for (dim b = 0; b < B; ++b) {
            if (src_len[b] < 1 || src_len[b] > S) {
                throw std::invalid_argument(where + "source_lengths[" + std::to_string(b) + "] = " +
                                            std::to_string(src_len[b]) + " is outside [1, " +
                                            std::to_string(S) + "]");
            }
            if (tgt_len[b] < 0 || tgt_len[b] > T) {
                throw std::invalid_argument(where + "target_lengths[" + std::to_string(b) + "] = " +
                                            std::to_string(tgt_len[b]) + " is outside [0, " +
                                            std::to_string(T) + "]");
            }
        }
        check_ids(batch.source_ids, Vs, "source_ids");
        check_ids(batch.target_input, Vt, "target_input");
        check_ids(batch.target_output, Vt, "target_output");
        src_ids = batch.source_ids.data();
        tgt_in = batch.target_input.data();
        tgt_out = batch.target_output.data();
    }

    static void check_ids(const std::vector<int>& ids, dim vocab, const char* what) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw std::invalid_argument("GradientComputer: batch " + std::string(what) + "[" +
                                            std::to_string(i) + "] = " + std::to_string(ids[i]) +
                                            " is outside the vocabulary of " + std::to_string(vocab));
            }
        }
    }

    // ---- oneDNN helpers ---------------------------------------------------------------------

    LstmPlan& plan(dim steps, dim batch, dim input, dim hidden) {
        const LstmKey key{steps, batch, input, hidden, bf16};
        auto it = plans.find(key);
        if (it == plans.end()) {
            // Bucketed batches repeat a few shapes; an unbounded run of new shapes must not grow
            // the cache forever.
            if (plans.size() >= 64) plans.clear();
            it = plans.emplace(key, std::make_unique<LstmPlan>(engine, key)).first;
        }
        return *it->second;
    }

    memory user_memory(const memory::desc& md, const float* data) const {
        return memory(md, engine, const_cast<float*>(data));
    }

    static void ensure(memory& m, const memory::desc& md, const dnnl::engine& engine) {
        if (!m || m.get_desc() != md) m = memory(md, engine);
    }

    void reorder(const memory& from, const memory& to) {
        dnnl::reorder(from, to).execute(stream, const_cast<memory&>(from), const_cast<memory&>(to));
    }

    // Copies the unit's weights into the layouts the plan's primitives use, and zeroes the
    // gradient accumulators (lstm_backward adds into diff weights and bias).
    void prepare(LstmUnit& unit, LstmPlan& p) {
        const memory user_layer = user_memory(p.user_weights_layer_md, unit.weight_input);
        const memory user_iter = user_memory(p.user_weights_iter_md, unit.weight_hidden);
        ensure(unit.forward_layer, p.forward_pd.weights_layer_desc(), engine);
        ensure(unit.forward_iter, p.forward_pd.weights_iter_desc(), engine);
        reorder(user_layer, unit.forward_layer);
        reorder(user_iter, unit.forward_iter);
        if (backward) {
            // The f32 backward primitive reads weights in PyTorch's own layout: no copy needed.
            if (p.backward_pd.weights_layer_desc() == p.user_weights_layer_md) {
                unit.backward_layer = user_layer;
            } else {
                ensure(unit.backward_layer, p.backward_pd.weights_layer_desc(), engine);
                reorder(user_layer, unit.backward_layer);
            }
            if (p.backward_pd.weights_iter_desc() == p.user_weights_iter_md) {
                unit.backward_iter = user_iter;
            } else {
                ensure(unit.backward_iter, p.backward_pd.weights_iter_desc(), engine);
                reorder(user_iter, unit.backward_iter);
            }
            ensure(unit.diff_layer, p.backward_pd.diff_weights_layer_desc(), engine);
            ensure(unit.diff_iter, p.backward_pd.diff_weights_iter_desc(), engine);
            ensure(unit.diff_bias, p.backward_pd.diff_bias_desc(), engine);
            for (memory* m : {&unit.diff_layer, &unit.diff_iter, &unit.diff_bias}) {
                std::memset(m->get_data_handle(), 0, m->get_desc().get_size());
            }
        }
        stream.wait();
    }

    // Writes the accumulated weight gradients of a unit into the gradient tensors.
    void finish(LstmUnit& unit, LstmPlan& p) {
        reorder(unit.diff_layer, user_memory(p.user_weights_layer_md, unit.grad_input));
        reorder(unit.diff_iter, user_memory(p.user_weights_iter_md, unit.grad_hidden));
        reorder(unit.diff_bias, user_memory(p.bias_md, unit.grad_bias));
        stream.wait();
    }

    memory raw_memory(const memory::desc& md, const void* data) const {
        return memory(md, engine, const_cast<void*>(data));
    }

    // src, h0, dst are bf16 in bf16 mode, f32 otherwise; cell states are always f32.
    void lstm_forward(LstmPlan& p, LstmUnit& unit, const void* src, const void* h0, const float* c0, void* dst,
                      std::byte* ws) {
        const memory::desc& cell_md = p.cell_md;
        std::unordered_map<int, memory> args{
            {DNNL_ARG_SRC_LAYER, raw_memory(p.src_md, src)},
            {DNNL_ARG_WEIGHTS_LAYER, unit.forward_layer},
            {DNNL_ARG_WEIGHTS_ITER, unit.forward_iter},
            {DNNL_ARG_BIAS, user_memory(p.bias_md, unit.bias)},
            {DNNL_ARG_DST_LAYER, raw_memory(p.dst_md, dst)},
            {DNNL_ARG_WORKSPACE, memory(p.forward_pd.workspace_desc(), engine, ws)},
            {DNNL_ARG_SRC_ITER, raw_memory(p.iter_md, h0)},
            {DNNL_ARG_SRC_ITER_C, user_memory(cell_md, c0)}};
        p.forward.execute(stream, args);
    }

    void lstm_backward(LstmPlan& p, LstmUnit& unit, const void* src, const void* h0, const float* c0,
                       const void* dst, std::byte* ws, float* diff_src, float* diff_h0, float* diff_c0,
                       const float* diff_dst) {
        const memory::desc& cell_md = p.cell_md;
        const memory::desc diff_src_md({p.key.steps, p.key.batch, p.key.input}, dt::f32, tag::tnc);
        const memory::desc diff_dst_md({p.key.steps, p.key.batch, p.key.hidden}, dt::f32, tag::tnc);
        std::unordered_map<int, memory> args{
            {DNNL_ARG_SRC_LAYER, raw_memory(p.src_md, src)},
            {DNNL_ARG_WEIGHTS_LAYER, unit.backward_layer},
            {DNNL_ARG_WEIGHTS_ITER, unit.backward_iter},
            {DNNL_ARG_BIAS, user_memory(p.bias_md, unit.bias)},
            {DNNL_ARG_DST_LAYER, raw_memory(p.dst_md, dst)},
            {DNNL_ARG_WORKSPACE, memory(p.forward_pd.workspace_desc(), engine, ws)},
            {DNNL_ARG_DIFF_SRC_LAYER, user_memory(diff_src_md, diff_src)},
            {DNNL_ARG_DIFF_WEIGHTS_LAYER, unit.diff_layer},
            {DNNL_ARG_DIFF_WEIGHTS_ITER, unit.diff_iter},
            {DNNL_ARG_DIFF_BIAS, unit.diff_bias},
            {DNNL_ARG_DIFF_DST_LAYER, user_memory(diff_dst_md, diff_dst)},
            {DNNL_ARG_SRC_ITER, raw_memory(p.iter_md, h0)},
            {DNNL_ARG_SRC_ITER_C, user_memory(cell_md, c0)},
            {DNNL_ARG_DIFF_SRC_ITER, user_memory(cell_md, diff_h0)},
            {DNNL_ARG_DIFF_SRC_ITER_C, user_memory(cell_md, diff_c0)}};
        p.backward.execute(stream, args);
    }

    void eltwise(dnnl::algorithm algorithm, const float* src, float* dst, dim n) {
        if (n == 0) return;
        const auto key = std::make_pair(static_cast<int>(algorithm), n);
        auto it = eltwise_cache.find(key);
        const memory::desc md({n}, dt::f32, tag::a);
        if (it == eltwise_cache.end()) {
            if (eltwise_cache.size() >= 256) eltwise_cache.clear();
            dnnl::eltwise_forward::desc desc(dnnl::prop_kind::forward_inference, algorithm, md, 0.0f, 0.0f);
            it = eltwise_cache.emplace(key, dnnl::eltwise_forward(dnnl::eltwise_forward::primitive_desc(desc, engine))).first;
        }
        it->second.execute(stream, {{DNNL_ARG_SRC, user_memory(md, src)}, {DNNL_ARG_DST, user_memory(md, dst)}});
    }

    // Row-major C[m, n] = op(A) · op(B) + beta · C (beta 0 or 1) with bf16 A and B, f32 C, on a
    // cached matmul primitive (AMX or AVX512-BF16 kernels).
    void matmul_bf16(bool trans_a, bool trans_b, dim m, dim n, dim k, const std::uint16_t* a, dim lda,
                     const std::uint16_t* b, dim ldb, float beta, float* c, dim ldc) {
        const MatmulKey key{m, n, k, lda, ldb, ldc, trans_a, trans_b, beta != 0.0f};
        const memory::desc a_md({m, k}, dt::bf16, trans_a ? memory::dims{1, lda} : memory::dims{lda, 1});
        const memory::desc b_md({k, n}, dt::bf16, trans_b ? memory::dims{1, ldb} : memory::dims{ldb, 1});
        const memory::desc c_md({m, n}, dt::f32, memory::dims{ldc, 1});
        auto it = matmul_cache.find(key);
        if (it == matmul_cache.end()) {
            if (matmul_cache.size() >= 64) matmul_cache.clear();
            dnnl::primitive_attr attr;
            if (key.accumulate) {
                dnnl::post_ops ops;
                ops.append_sum(1.0f);
                attr.set_post_ops(ops);
            }
            dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(a_md, b_md, c_md), attr, engine);
            it = matmul_cache.emplace(key, dnnl::matmul(pd)).first;
        }
        it->second.execute(stream, {{DNNL_ARG_SRC, raw_memory(a_md, a)},
                                    {DNNL_ARG_WEIGHTS, raw_memory(b_md, b)},
                                    {DNNL_ARG_DST, user_memory(c_md, c)}});
        stream.wait();
    }

    // Loads `product` with W = `weights` (f32, [k, n] row-major, or [n, k] when `transposed`) in
    // the primitive's own layout, building the primitive when the shape or precision changed.
    void load_step_product(StepProduct& product, dim m, dim k, dim n, const float* weights,
                           bool transposed) {
        if (!product.primitive || product.m != m || product.k != k || product.n != n ||
            product.bf16 != bf16) {
            const dt type = bf16 ? dt::bf16 : dt::f32;
            const memory::desc a_md({m, k}, type, tag::ab);
            const memory::desc w_md({k, n}, type, tag::any);
            const memory::desc c_md({m, n}, dt::f32, tag::ab);
            product.pd = dnnl::matmul::primitive_desc(dnnl::matmul::desc(a_md, w_md, c_md), engine);
            product.primitive = dnnl::matmul(product.pd);
            product.weights = memory(product.pd.weights_desc(), engine);
            product.m = m;
            product.k = k;
            product.n = n;
            product.bf16 = bf16;
        }
        const memory::desc user({k, n}, dt::f32, transposed ? memory::dims{1, k} : memory::dims{n, 1});
        reorder(raw_memory(user, weights), product.weights);
        stream.wait();
    }

    // C = A · W; `a` is bf16 in bf16 mode.
    void run_step_product(StepProduct& product, const void* a, float* c) {
        product.primitive.execute(stream, {{DNNL_ARG_SRC, raw_memory(product.pd.src_desc(), a)},
                                           {DNNL_ARG_WEIGHTS, product.weights},
                                           {DNNL_ARG_DST, user_memory(product.pd.dst_desc(), c)}});
        stream.wait();
    }

    // What an LSTM primitive reads from `values[offset, offset + count)`: the values themselves
    // or, in bf16 mode, their bf16 copy, written now into `copy` (sized by the caller).
    const void* lstm_input(const float* values, Halves& copy, dim offset, dim count) {
        if (!bf16) return values + offset;
        to_bf16(values + offset, copy.data() + offset, static_cast<std::size_t>(count));
        return copy.data() + offset;
    }
    // The same tensor again, for the backward pass (no conversion).
    const void* lstm_saved(const float* values, const Halves& copy, dim offset) const {
        return bf16 ? static_cast<const void*>(copy.data() + offset) : values + offset;
    }
    void* lstm_output(float* values, Halves& copy, dim offset) {
        return bf16 ? static_cast<void*>(copy.data() + offset) : values + offset;
    }
    // After a forward call: the f32 values of an output written in bf16.
    void lstm_output_done(float* values, const Halves& copy, dim offset, dim count) {
        if (bf16) from_bf16(copy.data() + offset, values + offset, static_cast<std::size_t>(count));
    }

    // ---- forward ----------------------------------------------------------------------------

    // Applies dropout in place to `count` values of `data`, drawing a fresh mask into `mask`.
    void apply_dropout(float* data, std::size_t count, Floats& mask) {
        make_dropout_mask(mask, count, dropout, *rng);
        const float* m = mask.data();
        for (std::size_t i = 0; i < count; ++i) data[i] *= m[i];
    }
    bool dropping() const { return train && dropout > 0.0f; }

    void prepare_units() {
        for (dim l = 0; l < Le; ++l) {
            LstmPlan& p = plan(S, B, l == 0 ? E : C2, He);
            prepare(encoder_units[2 * l], p);
            prepare(encoder_units[2 * l + 1], p);
        }
        for (dim l = 0; l < Ld; ++l) {
            if (stepwise) prepare_stepwise(l);
            else prepare(decoder_units[l], decoder_plan(l));
        }
    }

    // The stepwise decoder layer l's joined weights [W_ih | W_hh] and its products for this batch.
    void prepare_stepwise(dim l) {
        const LstmUnit& unit = decoder_units[l];
        const dim in = unit.input, width = in + Hd, gates = 4 * Hd;
        float* joined = dec_w[l].resize(gates * width);
        for (dim g = 0; g < gates; ++g) {
            std::copy(unit.weight_input + g * in, unit.weight_input + (g + 1) * in, joined + g * width);
            std::copy(unit.weight_hidden + g * Hd, unit.weight_hidden + (g + 1) * Hd, joined + g * width + in);
        }
        load_step_product(dec_gate_product[l], B, width, gates, joined, true);
        if (backward) load_step_product(dec_input_product[l], B, gates, width, joined, false);
    }

    // A decoder layer without input feeding: all T steps in one oneDNN LSTM call.
    LstmPlan& decoder_plan(dim l) {
        return plan(T, B, dec_input(l), Hd);
    }

    void encoder_forward() {
        for (dim l = 0; l < Le; ++l) {
            const dim in = l == 0 ? E : C2;
            const std::size_t n = static_cast<std::size_t>(S * B * in);
            float* x = enc_in[l].resize(n);
            if (l == 0) {
                const float* embedding = w("encoder.embedding");
                for (dim j = 0; j < S; ++j) {
                    for (dim b = 0; b < B; ++b) {
                        const float* row = embedding + static_cast<dim>(src_ids[b * S + j]) * E;
                        std::copy(row, row + E, x + (j * B + b) * E);
                    }
                }
            } else {
                std::copy(enc_out[l - 1].data(), enc_out[l - 1].data() + n, x);
            }
            if (dropping()) apply_dropout(x, n, enc_mask[l]);
            // The backward LSTM reads each sequence reversed within its own length, so padding
            // stays at the end and never reaches real positions.
            float* xr = enc_in_rev[l].resize(n);
            for (dim b = 0; b < B; ++b) {
                const dim len = src_len[b];
                for (dim t = 0; t < S; ++t) {
                    const dim from = t < len ? len - 1 - t : t;
                    std::copy(x + (from * B + b) * in, x + (from * B + b + 1) * in, xr + (t * B + b) * in);
                }
            }
            LstmPlan& p = plan(S, B, in, He);
            float* y0 = enc_y[2 * l].resize(S * B * He);
            float* y1 = enc_y[2 * l + 1].resize(S * B * He);
            std::byte* ws0 = enc_ws[2 * l].resize(p.workspace_bytes);
            std::byte* ws1 = enc_ws[2 * l + 1].resize(p.workspace_bytes);
            // Zero initial states are passed explicitly: with the state absent, oneDNN 2.6's
            // backward computes a wrong weight_hidden gradient (caught by the gradient check).
            const float* zero = enc_zeros.zero(B * He);
            const void* h0 = zero;
            if (bf16) {
                h0 = zeros16.zero(B * std::max(He, Hd));
                enc_in16[l].resize(n);
                enc_in_rev16[l].resize(n);
                enc_y16[2 * l].resize(S * B * He);
                enc_y16[2 * l + 1].resize(S * B * He);
            }
            lstm_forward(p, encoder_units[2 * l], lstm_input(x, enc_in16[l], 0, n), h0, zero,
                         lstm_output(y0, enc_y16[2 * l], 0), ws0);
            lstm_forward(p, encoder_units[2 * l + 1], lstm_input(xr, enc_in_rev16[l], 0, n), h0, zero,
                         lstm_output(y1, enc_y16[2 * l + 1], 0), ws1);
            stream.wait();
            lstm_output_done(y0, enc_y16[2 * l], 0, S * B * He);
            lstm_output_done(y1, enc_y16[2 * l + 1], 0, S * B * He);
            float* out = enc_out[l].resize(S * B * C2);
            for (dim b = 0; b < B; ++b) {
                const dim len = src_len[b];
                for (dim j = 0; j < S; ++j) {
                    float* o = out + (j * B + b) * C2;
                    if (j < len) {
                        std::copy(y0 + (j * B + b) * He, y0 + (j * B + b + 1) * He, o);
                        const dim r = (len - 1 - j) * B + b;
                        std::copy(y1 + r * He, y1 + (r + 1) * He, o + He);
                    } else {
                        std::fill(o, o + C2, 0.0f);
                    }
                }
            }
        }
        const float* top = enc_out[Le - 1].data();
        float* h = h_enc.resize(B * C2);
        for (dim b = 0; b < B; ++b) {
            const float* last = top + ((src_len[b] - 1) * B + b) * C2;
            const float* first = top + b * C2;
            std::copy(last, last + He, h + b * C2);
            std::copy(first + He, first + C2, h + b * C2 + He);
        }
    }

    void bridge_and_keys() {
        zeros.zero(B * Hd);
        for (dim l = 0; l < Ld; ++l) {
            const std::string prefix = "bridge." + std::to_string(l) + ".";
            const float* bias = w(prefix + "bias");
            float* h0 = dec_h0[l].resize(B * Hd);
            for (dim b = 0; b < B; ++b) std::copy(bias, bias + Hd, h0 + b * Hd);
            gemm(false, true, B, Hd, C2, h_enc.data(), C2, w(prefix + "weight"), C2, 1.0f, h0, Hd);
            for (dim i = 0; i < B * Hd; ++i) h0[i] = std::tanh(h0[i]);
            if (bf16) {
                // The decoder starts from the bf16 state, so the f32 copy must equal it.
                to_bf16(h0, dec_h0_16[l].resize(B * Hd), B * Hd);
                from_bf16(dec_h0_16[l].data(), h0, B * Hd);
            }
        }
        const float* enc = enc_out[Le - 1].data();
        if (config.attention == AttentionType::general) {
            gemm(false, true, S * B, Hd, C2, enc, C2, w("attention.weight"), C2, 0.0f,
                 keys.resize(S * B * Hd), Hd);
        } else if (config.attention == AttentionType::mlp) {
            gemm(false, true, S * B, Hd, C2, enc, C2, w("attention.key_weight"), C2, 0.0f,
                 keys.resize(S * B * Hd), Hd);
        }
    }

    void allocate_decoder() {
        for (dim l = 0; l < Ld; ++l) {
            dec_in[l].resize(T * B * dec_input(l));
            dec_h[l].resize(T * B * Hd);
            if (stepwise) {
                dec_c[l].resize(T * B * Hd);
                dec_xh[l].resize(T * B * (dec_input(l) + Hd));
                dec_gates[l].resize(T * B * 4 * Hd);
                if (bf16) dec_xh16[l].resize(T * B * (dec_input(l) + Hd));
            } else {
                dec_ws[l].resize(decoder_plan(l).workspace_bytes);
            }
            if (dropping()) {
                if (l == 0) make_dropout_mask(dec_mask[0], T * B * E, dropout, *rng);
                else make_dropout_mask(dec_mask[l], T * B * Hd, dropout, *rng);
            }
        }
        if (bf16 && !stepwise) {
            for (dim l = 0; l < Ld; ++l) {
                dec_in16[l].resize(T * B * dec_input(l));
                dec_h16[l].resize(T * B * Hd);
            }
        }
        alpha.resize(T * B * S);
        U.resize(T * B * Ku);
        A.resize(T * B * Hd);
        if (config.attention == AttentionType::mlp) {
            query.resize(T * B * Hd);
            att_m.resize(T * B * S * Hd);
        }
    }

    // Layer-0 inputs of steps [t0, t1): the embedding of the previous token (dropped out) and,
    // with input feeding, the previous attentional state (not dropped out).
    void decoder_inputs(dim t0, dim t1) {
        const float* embedding = w("decoder.embedding");
        const dim in = dec_input(0);
        float* x = dec_in[0].data();
        const float* mask = dropping() ? dec_mask[0].data() : nullptr;
        for (dim t = t0; t < t1; ++t) {
            for (dim b = 0; b < B; ++b) {
                const dim r = t * B + b;
                const float* row = embedding + static_cast<dim>(tgt_in[b * T + t]) * E;
                float* xr = x + r * in;
                if (mask) {
                    for (dim k = 0; k < E; ++k) xr[k] = row[k] * mask[r * E + k];
                } else {
                    std::copy(row, row + E, xr);
                }
                if (config.input_feeding) {
                    if (t == 0) std::fill(xr + E, xr + E + Hd, 0.0f);
                    else std::copy(A.data() + (r - B) * Hd, A.data() + (r - B + 1) * Hd, xr + E);
                }
            }
        }
    }

    // Dropout between decoder layers for rows [r0, r1): dec_in[l + 1] = dropout(dec_h[l]).
    void decoder_between(dim l, dim r0, dim r1) {
        const float* h = dec_h[l].data();
        float* x = dec_in[l + 1].data();
        if (dropping()) {
            const float* mask = dec_mask[l + 1].data();
            for (dim i = r0 * Hd; i < r1 * Hd; ++i) x[i] = h[i] * mask[i];
        } else {
            std::copy(h + r0 * Hd, h + r1 * Hd, x + r0 * Hd);
        }
    }

    void decoder_step(dim t) {
        decoder_inputs(t, t + 1);
        const dim r0 = t * B;
        for (dim l = 0; l < Ld; ++l) {
            const dim in = dec_input(l), width = in + Hd;
            const float* x = dec_in[l].data() + r0 * in;
            const float* h_prev = t == 0 ? dec_h0[l].data() : dec_h[l].data() + (r0 - B) * Hd;
            float* xh = dec_xh[l].data() + r0 * width;
            for (dim b = 0; b < B; ++b) {
                std::copy(x + b * in, x + (b + 1) * in, xh + b * width);
                std::copy(h_prev + b * Hd, h_prev + (b + 1) * Hd, xh + b * width + in);
            }
            const void* product_input = lstm_input(dec_xh[l].data(), dec_xh16[l], r0 * width, B * width);
            float* gates = dec_gates[l].data() + r0 * 4 * Hd;
            run_step_product(dec_gate_product[l], product_input, gates);
            const float* c_prev = t == 0 ? zeros.data() : dec_c[l].data() + (r0 - B) * Hd;
            float* c = dec_c[l].data() + r0 * Hd;
            float* h = dec_h[l].data() + r0 * Hd;
#pragma omp parallel for schedule(static) if (B >= kParallelRows)
            for (dim b = 0; b < B; ++b) {
                lstm_gates_forward(1, static_cast<int>(Hd), gates + b * 4 * Hd, decoder_units[l].bias,
                                   c_prev + b * Hd, c + b * Hd, h + b * Hd);
            }
            if (l + 1 < Ld) decoder_between(l, r0, r0 + B);
        }
        attention_forward(t, t + 1);
        output_forward(t, t + 1);
    }

    void decoder_forward() {
        allocate_decoder();
        if (stepwise) {
            for (dim t = 0; t < T; ++t) decoder_step(t);
            return;
        }
        decoder_inputs(0, T);
        for (dim l = 0; l < Ld; ++l) {
            LstmPlan& p = decoder_plan(l);
            lstm_forward(p, decoder_units[l], lstm_input(dec_in[l].data(), dec_in16[l], 0, T * B * dec_input(l)),
                         lstm_saved(dec_h0[l].data(), dec_h0_16[l], 0), zeros.data(),
                         lstm_output(dec_h[l].data(), dec_h16[l], 0), dec_ws[l].data());
            stream.wait();
            lstm_output_done(dec_h[l].data(), dec_h16[l], 0, T * B * Hd);
            if (l + 1 < Ld) decoder_between(l, 0, T * B);
        }
        attention_forward(0, T);
        output_forward(0, T);
    }

    void attention_forward(dim t0, dim t1) {
        const float* H = dec_h[Ld - 1].data();
        const float* enc = enc_out[Le - 1].data();
        const dim r0 = t0 * B, nr = (t1 - t0) * B;
        const bool mlp = config.attention == AttentionType::mlp;
        if (mlp) {
            gemm(false, true, nr, Hd, Hd, H + r0 * Hd, Hd, w("attention.query_weight"), Hd, 0.0f,
                 query.data() + r0 * Hd, Hd);
            const float* bias = w("attention.bias");
            for (dim r = r0; r < r0 + nr; ++r) {
                const dim b = r % B;
                const float* q = query.data() + r * Hd;
                for (dim j = 0; j < S; ++j) {
                    float* m = att_m.data() + (r * S + j) * Hd;
                    const float* key = keys.data() + (j * B + b) * Hd;
                    for (dim k = 0; k < Hd; ++k) m[k] = q[k] + key[k] + bias[k];
                }
            }
            float* block = att_m.data() + r0 * S * Hd;
            eltwise(dnnl::algorithm::eltwise_tanh, block, block, nr * S * Hd);
            stream.wait();
        }
        const float* v = mlp ? w("attention.v") : nullptr;
        // Rows in parallel: they are independent here (on one thread, the 17 steps of a batch of
        // 64 took about 14 ms).
#pragma omp parallel for schedule(static) if (nr >= kParallelRows)
        for (dim r = r0; r < r0 + nr; ++r) {
            const dim b = r % B;
            const dim len = src_len[b];
            const float* h = H + r * Hd;
            float* a = alpha.data() + r * S;
            for (dim j = 0; j < len; ++j) {
                switch (config.attention) {
                case AttentionType::general: a[j] = dot(h, keys.data() + (j * B + b) * Hd, Hd); break;
                case AttentionType::dot: a[j] = dot(h, enc + (j * B + b) * C2, C2); break;
                case AttentionType::mlp: a[j] = dot(v, att_m.data() + (r * S + j) * Hd, Hd); break;
                }
            }
            const float top = *std::max_element(a, a + len);
            float sum = 0.0f;
            for (dim j = 0; j < len; ++j) {
                a[j] = std::exp(a[j] - top);
                sum += a[j];
            }
            for (dim j = 0; j < len; ++j) a[j] /= sum;
            std::fill(a + len, a + S, 0.0f);
            float* u = U.data() + r * Ku;
            std::fill(u, u + C2, 0.0f);
            for (dim j = 0; j < len; ++j) axpy(a[j], enc + (j * B + b) * C2, u, C2);
            std::copy(h, h + Hd, u + C2);
        }
    }

    // a = tanh(W_c [context; h]) for steps [t0, t1).
    void output_forward(dim t0, dim t1) {
        const dim r0 = t0 * B, nr = (t1 - t0) * B;
        gemm(false, true, nr, Hd, Ku, U.data() + r0 * Ku, Ku, w("attention.output_weight"), Ku, 0.0f,
             A.data() + r0 * Hd, Hd);
        eltwise(dnnl::algorithm::eltwise_tanh, A.data() + r0 * Hd, A.data() + r0 * Hd, nr * Hd);
        stream.wait();
    }

    // Generator, log-softmax and the loss over all target positions.
    LossStats generator_forward() {
        const dim N = T * B;
        const float* input = A.data();
        if (dropping()) {
            make_dropout_mask(gen_mask, N * Hd, dropout, *rng);
            float* dropped = A_drop.resize(N * Hd);
            const float* m = gen_mask.data();
            for (dim i = 0; i < N * Hd; ++i) dropped[i] = A.data()[i] * m[i];
            input = dropped;
        }
        float* z = logits.resize(N * Vt);
        if (bf16) {
            to_bf16(input, A16.resize(N * Hd), N * Hd);
            to_bf16(w(generator_name()), G16.resize(Vt * Hd), Vt * Hd);
            matmul_bf16(false, true, N, Vt, Hd, A16.data(), Hd, G16.data(), Hd, 0.0f, z, Vt);
        } else {
            gemm(false, true, N, Vt, Hd, input, Hd, w(generator_name()), Hd, 0.0f, z, Vt);
        }
        // Label smoothing's loss needs each row's sum of log-probabilities: its logits' sum less
        // Vt times the log-normaliser.
        float* sums = smoothing > 0.0f ? row_sums.resize(N) : nullptr;
        float* normalizers = log_normalizer.resize(N);
        add_bias_and_normalize(static_cast<int>(N), static_cast<int>(Vt), z, w("generator.bias"), normalizers, sums);
        LossStats stats;
        for (dim b = 0; b < B; ++b) {
            for (dim t = 0; t < tgt_len[b]; ++t) {
                const dim r = t * B + b;
                const double nll = static_cast<double>(normalizers[r]) - z[r * Vt + tgt_out[b * T + t]];
                double loss = nll;
                if (smoothing > 0.0f) {
                    const double log_p_sum = static_cast<double>(sums[r]) - static_cast<double>(Vt) * normalizers[r];
                    loss = (1.0 - smoothing) * nll - smoothing * log_p_sum / static_cast<double>(Vt);
                }
                stats.nll_sum += nll;
                stats.loss_sum += loss;
                stats.tokens += 1;
            }
        }
        return stats;
    }

    // ---- backward ---------------------------------------------------------------------------

    void generator_backward() {
        const dim N = T * B;
        // d loss / d logits = softmax - q, q = (1 - eps) one_hot(y) + eps / V; padding rows are 0.
        // In f32 it replaces the logits; bf16's products read only its bf16 copy.
        int* targets = row_targets.resize(N);
        for (dim r = 0; r < N; ++r) {
            const dim t = r / B, b = r % B;
            targets[r] = t < tgt_len[b] ? static_cast<int>(tgt_out[b * T + t]) : -1;
        }
        float* D = logits.data();
        std::uint16_t* D16_rows = bf16 ? D16.resize(N * Vt) : nullptr;
        softmax_cross_entropy_gradient(static_cast<int>(N), static_cast<int>(Vt), D, log_normalizer.data(), targets,
                                       smoothing, D16_rows, g("generator.bias"));
        float* da = dA.resize(N * Hd);
        if (bf16) {
            matmul_bf16(true, false, Vt, Hd, N, D16.data(), Vt, A16.data(), Hd, 1.0f, g(generator_name()), Hd);
            matmul_bf16(false, false, N, Hd, Vt, D16.data(), Vt, G16.data(), Hd, 0.0f, da, Hd);
        } else {
            const float* input = dropping() ? A_drop.data() : A.data();
            gemm(true, false, Vt, Hd, N, D, Vt, input, Hd, 1.0f, g(generator_name()), Hd);
            gemm(false, false, N, Hd, Vt, D, Vt, w(generator_name()), Hd, 0.0f, da, Hd);
        }
        if (dropping()) {
            const float* m = gen_mask.data();
            for (dim i = 0; i < N * Hd; ++i) da[i] *= m[i];
        }
    }

    // From d a (rows [t0, t1), plus the input-feeding gradient) to dU, then through attention
    // to dH (the top decoder layer's output gradient), d_enc, dK, dQ.
    void output_and_attention_backward(dim t0, dim t1, const float* feed) {
        const dim r0 = t0 * B, nr = (t1 - t0) * B;
        const float* a = A.data();
        const float* da = dA.data();
        float* dz = dZ.data();
        for (dim i = r0 * Hd; i < (r0 + nr) * Hd; ++i) {
            const float total = da[i] + (feed ? feed[i - r0 * Hd] : 0.0f);
            dz[i] = total * (1.0f - a[i] * a[i]);
        }
        gemm(false, false, nr, Ku, Hd, dz + r0 * Hd, Hd, w("attention.output_weight"), Ku, 0.0f,
             dU.data() + r0 * Ku, Ku);

        const float* H = dec_h[Ld - 1].data();
        const float* enc = enc_out[Le - 1].data();
        float* denc = d_enc.data();
        const bool mlp = config.attention == AttentionType::mlp;
        const float* v = mlp ? w("attention.v") : nullptr;
        float* gv = mlp ? g("attention.v") : nullptr;
        float* gbias = mlp ? g("attention.bias") : nullptr;
        // Sentences in parallel: each writes the gradients of its own source positions (d_enc,
        // dK rows); mlp's shared v and bias gradients keep it on one thread.
#pragma omp parallel for schedule(static) if (!mlp && nr >= kParallelRows)
        for (dim b = 0; b < B; ++b) {
            std::vector<float> dalpha(static_cast<std::size_t>(S));
            const dim len = src_len[b];
            for (dim r = r0 + b; r < r0 + nr; r += B) {
                const float* h = H + r * Hd;
                const float* al = alpha.data() + r * S;
                const float* du = dU.data() + r * Ku;
                float* dh = dH.data() + r * Hd;
                std::copy(du + C2, du + Ku, dh);
                float weighted = 0.0f;
                for (dim j = 0; j < len; ++j) {
                    const float* e = enc + (j * B + b) * C2;
                    dalpha[j] = dot(du, e, C2);
                    weighted += al[j] * dalpha[j];
                    axpy(al[j], du, denc + (j * B + b) * C2, C2);
                }
                float* dq = mlp ? dQ.data() + r * Hd : nullptr;
                if (dq) std::fill(dq, dq + Hd, 0.0f);
                for (dim j = 0; j < len; ++j) {
                    const float ds = al[j] * (dalpha[j] - weighted);
                    switch (config.attention) {
                    case AttentionType::general:
                        axpy(ds, keys.data() + (j * B + b) * Hd, dh, Hd);
                        axpy(ds, h, dK.data() + (j * B + b) * Hd, Hd);
                        break;
                    case AttentionType::dot:
                        axpy(ds, enc + (j * B + b) * C2, dh, Hd);
                        axpy(ds, h, denc + (j * B + b) * C2, C2);
                        break;
                    case AttentionType::mlp: {
                        const float* m = att_m.data() + (r * S + j) * Hd;
                        float* dk = dK.data() + (j * B + b) * Hd;
                        for (dim k = 0; k < Hd; ++k) {
                            const float gm = ds * v[k] * (1.0f - m[k] * m[k]);
                            gv[k] += ds * m[k];
                            dq[k] += gm;
                            gbias[k] += gm;
                            dk[k] += gm;
                        }
                        break;
                    }
                    }
                }
            }
        }
        if (mlp) {
            gemm(false, false, nr, Hd, Hd, dQ.data() + r0 * Hd, Hd, w("attention.query_weight"), Hd,
                 1.0f, dH.data() + r0 * Hd, Hd);
        }
    }

    // The stepwise decoder layer l's weight and bias gradients, from every step's gate
    // gradients and inputs at once: d[W_ih | W_hh] = d gatesᵀ · [x; h_prev].
    void stepwise_weight_gradients(dim l) {
        LstmUnit& unit = decoder_units[l];
        const dim in = unit.input, width = in + Hd, gates = 4 * Hd, N = T * B;
        float* dw = dec_dw.resize(gates * width);
        if (bf16) {
            matmul_bf16(true, false, gates, width, N, dec_dgates16[l].data(), gates, dec_xh16[l].data(),
                        width, 0.0f, dw, width);
        } else {
            gemm(true, false, gates, width, N, dec_dgates[l].data(), gates, dec_xh[l].data(), width,
                 0.0f, dw, width);
        }
        for (dim g = 0; g < gates; ++g) {
            std::copy(dw + g * width, dw + g * width + in, unit.grad_input + g * in);
            std::copy(dw + g * width + in, dw + (g + 1) * width, unit.grad_hidden + g * Hd);
        }
        const float* dg = dec_dgates[l].data();
        std::fill(unit.grad_bias, unit.grad_bias + gates, 0.0f);
        for (dim r = 0; r < N; ++r) axpy(1.0f, dg + r * gates, unit.grad_bias, gates);
    }

    void decoder_backward() {
        const dim N = T * B;
        dZ.resize(N * Hd);
        dU.resize(N * Ku);
        dH.resize(N * Hd);
        if (config.attention == AttentionType::mlp) dQ.resize(N * Hd);
        for (dim l = 0; l < Ld; ++l) dX[l].resize(N * dec_input(l));

        if (stepwise) {
            for (dim l = 0; l < Ld; ++l) {
                dh_state[l].zero(B * Hd);
                dc_state[l].zero(B * Hd);
                dec_dgates[l].resize(T * B * 4 * Hd);
                if (bf16) dec_dgates16[l].resize(T * B * 4 * Hd);
            }
            float* feed = da_feed.zero(B * Hd);
            const dim in0 = dec_input(0);
            float* dh = dec_dh.resize(B * Hd);
            for (dim t = T - 1; t >= 0; --t) {
                const dim r0 = t * B;
                output_and_attention_backward(t, t + 1, config.input_feeding ? feed : nullptr);
                for (dim l = Ld - 1; l >= 0; --l) {
                    const dim in = dec_input(l), width = in + Hd, gates = 4 * Hd;
                    const float* diff_dst = l == Ld - 1 ? dH.data() + r0 * Hd : dX[l + 1].data() + r0 * Hd;
                    float* dh_next = dh_state[l].data();
                    for (dim i = 0; i < B * Hd; ++i) dh[i] = diff_dst[i] + dh_next[i];
                    const float* c_prev = t == 0 ? zeros.data() : dec_c[l].data() + (r0 - B) * Hd;
                    float* dg = dec_dgates[l].data() + r0 * gates;
                    const float* activated = dec_gates[l].data() + r0 * gates;
                    const float* c = dec_c[l].data() + r0 * Hd;
                    float* dc = dc_state[l].data();
#pragma omp parallel for schedule(static) if (B >= kParallelRows)
                    for (dim b = 0; b < B; ++b) {
                        lstm_gates_backward(1, static_cast<int>(Hd), activated + b * gates, c_prev + b * Hd,
                                            c + b * Hd, dh + b * Hd, dc + b * Hd, dg + b * gates);
                    }
                    float* dxh = dec_dxh.resize(B * width);
                    run_step_product(dec_input_product[l], lstm_input(dec_dgates[l].data(), dec_dgates16[l], r0 * gates, B * gates), dxh);
                    float* dx = dX[l].data() + r0 * in;
                    for (dim b = 0; b < B; ++b) {
                        std::copy(dxh + b * width, dxh + b * width + in, dx + b * in);
                        std::copy(dxh + b * width + in, dxh + (b + 1) * width, dh_next + b * Hd);
                    }
                    if (l > 0 && dropping()) {
                        const float* m = dec_mask[l].data() + r0 * Hd;
                        for (dim i = 0; i < B * Hd; ++i) dx[i] *= m[i];
                    }
                }
                if (config.input_feeding) {
                    for (dim b = 0; b < B; ++b) {
                        const float* src = dX[0].data() + (r0 + b) * in0 + E;
                        std::copy(src, src + Hd, feed + b * Hd);
                    }
                }
            }
            for (dim l = 0; l < Ld; ++l) stepwise_weight_gradients(l);
        } else {
            output_and_attention_backward(0, T, nullptr);
            for (dim l = Ld - 1; l >= 0; --l) {
                LstmPlan& p = decoder_plan(l);
                const float* diff_dst = l == Ld - 1 ? dH.data() : dX[l + 1].data();
                float* dh0 = dh_state[l].resize(B * Hd);
                float* dc0 = dc_state[l].resize(B * Hd);
                lstm_backward(p, decoder_units[l], lstm_saved(dec_in[l].data(), dec_in16[l], 0),
                              lstm_saved(dec_h0[l].data(), dec_h0_16[l], 0), zeros.data(),
                              lstm_saved(dec_h[l].data(), dec_h16[l], 0), dec_ws[l].data(), dX[l].data(), dh0,
                              dc0, diff_dst);
                stream.wait();
                if (l > 0 && dropping()) {
                    float* dx = dX[l].data();
                    const float* m = dec_mask[l].data();
                    for (dim i = 0; i < N * Hd; ++i) dx[i] *= m[i];
                }
            }
            for (dim l = 0; l < Ld; ++l) finish(decoder_units[l], decoder_plan(l));
        }

        // Embedding gradient: scatter-add the layer-0 input gradient of each real position.
        float* gemb = g("decoder.embedding");
        const dim in0 = dec_input(0);
        const float* mask = dropping() ? dec_mask[0].data() : nullptr;
        for (dim b = 0; b < B; ++b) {
            for (dim t = 0; t < tgt_len[b]; ++t) {
                const dim r = t * B + b;
                const float* dx = dX[0].data() + r * in0;
                float* row = gemb + static_cast<dim>(tgt_in[b * T + t]) * E;
                if (mask) {
                    for (dim k = 0; k < E; ++k) row[k] += dx[k] * mask[r * E + k];
                } else {
                    axpy(1.0f, dx, row, E);
                }
            }
        }

        gemm(true, false, Hd, Ku, N, dZ.data(), Hd, U.data(), Ku, 1.0f, g("attention.output_weight"), Ku);
        if (config.attention == AttentionType::mlp) {
            gemm(true, false, Hd, Hd, N, dQ.data(), Hd, dec_h[Ld - 1].data(), Hd, 1.0f,
                 g("attention.query_weight"), Hd);
        }
    }

    void keys_and_bridge_backward() {
        const float* enc = enc_out[Le - 1].data();
        if (config.attention == AttentionType::general || config.attention == AttentionType::mlp) {
            const std::string name = config.attention == AttentionType::general ? "attention.weight"
                                                                               : "attention.key_weight";
            gemm(true, false, Hd, C2, S * B, dK.data(), Hd, enc, C2, 1.0f, g(name), C2);
            gemm(false, false, S * B, C2, Hd, dK.data(), Hd, w(name), C2, 1.0f, d_enc.data(), C2);
        }
        float* dhe = dh_enc.zero(B * C2);
        float* dp = dpre.resize(B * Hd);
        for (dim l = 0; l < Ld; ++l) {
            const std::string prefix = "bridge." + std::to_string(l) + ".";
            const float* h0 = dec_h0[l].data();
            const float* dh0 = dh_state[l].data();
            float* gb = g(prefix + "bias");
            for (dim b = 0; b < B; ++b) {
                for (dim k = 0; k < Hd; ++k) {
                    const dim i = b * Hd + k;
                    dp[i] = dh0[i] * (1.0f - h0[i] * h0[i]);
                    gb[k] += dp[i];
                }
            }
            gemm(true, false, Hd, C2, B, dp, Hd, h_enc.data(), C2, 1.0f, g(prefix + "weight"), C2);
            gemm(false, false, B, C2, Hd, dp, Hd, w(prefix + "weight"), C2, 1.0f, dhe, C2);
        }
        float* denc = d_enc.data();
        for (dim b = 0; b < B; ++b) {
            axpy(1.0f, dhe + b * C2, denc + ((src_len[b] - 1) * B + b) * C2, He);
            axpy(1.0f, dhe + b * C2 + He, denc + b * C2 + He, He);
        }
    }

    void encoder_backward() {
        float* dO = d_enc.data();
        for (dim l = Le - 1; l >= 0; --l) {
            const dim in = l == 0 ? E : C2;
            LstmPlan& p = plan(S, B, in, He);
            float* dy0 = enc_dy[0].resize(S * B * He);
            float* dy1 = enc_dy[1].resize(S * B * He);
            for (dim b = 0; b < B; ++b) {
                const dim len = src_len[b];
                for (dim j = 0; j < S; ++j) {
                    float* f = dy0 + (j * B + b) * He;
                    float* r = dy1 + (j * B + b) * He;
                    if (j < len) {
                        const float* d = dO + (j * B + b) * C2;
                        std::copy(d, d + He, f);
                        const float* dr = dO + ((len - 1 - j) * B + b) * C2 + He;
                        std::copy(dr, dr + He, r);
                    } else {
                        std::fill(f, f + He, 0.0f);
                        std::fill(r, r + He, 0.0f);
                    }
                }
            }
            float* dx0 = enc_dx[0].resize(S * B * in);
            float* dx1 = enc_dx[1].resize(S * B * in);
            const float* zero = enc_zeros.data();
            const void* h0 = bf16 ? static_cast<const void*>(zeros16.data()) : zero;
            float* dh0 = enc_dstate.resize(2 * B * He);
            float* dc0 = dh0 + B * He;
            lstm_backward(p, encoder_units[2 * l], lstm_saved(enc_in[l].data(), enc_in16[l], 0), h0, zero,
                          lstm_saved(enc_y[2 * l].data(), enc_y16[2 * l], 0), enc_ws[2 * l].data(), dx0, dh0, dc0,
                          dy0);
            lstm_backward(p, encoder_units[2 * l + 1], lstm_saved(enc_in_rev[l].data(), enc_in_rev16[l], 0),
                          h0, zero, lstm_saved(enc_y[2 * l + 1].data(), enc_y16[2 * l + 1], 0),
                          enc_ws[2 * l + 1].data(), dx1, dh0, dc0, dy1);
            stream.wait();
            finish(encoder_units[2 * l], p);
            finish(encoder_units[2 * l + 1], p);
            float* dx = enc_dO.resize(S * B * in);
            for (dim b = 0; b < B; ++b) {
                const dim len = src_len[b];
                for (dim j = 0; j < S; ++j) {
                    const dim from = j < len ? len - 1 - j : j;
                    const float* a = dx0 + (j * B + b) * in;
                    const float* r = dx1 + (from * B + b) * in;
                    float* d = dx + (j * B + b) * in;
                    for (dim k = 0; k < in; ++k) d[k] = a[k] + r[k];
                }
            }
            if (dropping()) {
                const float* m = enc_mask[l].data();
                for (dim i = 0; i < S * B * in; ++i) dx[i] *= m[i];
            }
            if (l > 0) {
                // The next layer down reads this as its output gradient.
                std::copy(dx, dx + S * B * in, d_enc.data());
                dO = d_enc.data();
            } else {
                float* gemb = g("encoder.embedding");
                for (dim b = 0; b < B; ++b) {
                    for (dim j = 0; j < src_len[b]; ++j) {
                        axpy(1.0f, dx + (j * B + b) * E, gemb + static_cast<dim>(src_ids[b * S + j]) * E, E);
                    }
                }
            }
        }
    }

    // ---- entry points -----------------------------------------------------------------------

    LossStats run(const Parameters& parameters, const Batch& batch, Parameters* gradients,
                  float dropout_rate, float label_smoothing, std::mt19937_64* generator,
                  bool use_bf16 = false) {
        bf16 = use_bf16;
        bind_parameters(parameters, gradients);
        bind_batch(batch);
        backward = gradients != nullptr;
        train = backward;
        dropout = dropout_rate;
        smoothing = label_smoothing;
        rng = generator;
        stepwise = config.input_feeding;
        prepare_units();
        encoder_forward();
        bridge_and_keys();
        decoder_forward();
        LossStats stats = generator_forward();
        if (!backward) return stats;

        d_enc.zero(S * B * C2);
        if (config.attention != AttentionType::dot) dK.zero(S * B * Hd);
        generator_backward();
        decoder_backward();
        keys_and_bridge_backward();
        encoder_backward();
        return stats;
    }
};

GradientComputer::GradientComputer(const ModelConfig& config, int threads)
    : m_impl(std::make_unique<Impl>(config)) {
    if (threads > 0) {
        // oneDNN runs on OpenMP; the runtime is loaded with it, so look the setter up there
        // rather than making every user of the core library link OpenMP.
        using SetThreads = void (*)(int);
        if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"))) {
            set(threads);
        }
    }
}

GradientComputer::~GradientComputer() = default;

LossStats GradientComputer::compute(const Parameters& parameters, const Batch& batch,
                                    const TrainingStepOptions& options, std::mt19937_64& rng,
                                    Parameters& gradients) {
    if (!(options.dropout >= 0.0f && options.dropout < 1.0f)) {
        throw std::invalid_argument("GradientComputer: dropout " + std::to_string(options.dropout) +
                                    " is outside [0, 1)");
    }
    if (!(options.label_smoothing >= 0.0f && options.label_smoothing < 1.0f)) {
        throw std::invalid_argument("GradientComputer: label_smoothing " +
                                    std::to_string(options.label_smoothing) + " is outside [0, 1)");
    }
    if (options.bf16 && !cpu_has_bf16()) {
        throw std::runtime_error(
            "GradientComputer: bf16 training needs a CPU with AVX512-BF16 or AMX, which this one "
            "lacks; train in f32 (without --bf16)");
    }
    return m_impl->run(parameters, batch, &gradients, options.dropout, options.label_smoothing, &rng,
                       options.bf16);
}

LossStats GradientComputer::evaluate(const Parameters& parameters, const Batch& batch) {
    return m_impl->run(parameters, batch, nullptr, 0.0f, 0.0f, nullptr);
}

GradientComputer::GreedyResult GradientComputer::greedy_decode(const Parameters& parameters,
                                                               const std::vector<int>& source_ids,
                                                               int max_length) {
    Impl& m = *m_impl;
    if (source_ids.empty()) throw std::invalid_argument("greedy_decode: the source is empty");
    if (max_length < 1) throw std::invalid_argument("greedy_decode: max_length must be >= 1");
    Batch batch;
    batch.batch_size = 1;
    batch.source_length = static_cast<int>(source_ids.size());
    batch.target_length = max_length;
    batch.source_ids = source_ids;
    batch.source_lengths = {batch.source_length};
    batch.target_input.assign(max_length, m.config.pad_id);
    batch.target_output.assign(max_length, m.config.pad_id);
    batch.target_input[0] = m.config.bos_id;
    batch.target_lengths = {0};
    m.bind_parameters(parameters, nullptr);
    m.bind_batch(batch);
    m.backward = false;
    m.train = false;
    m.stepwise = true;
    m.bf16 = false;
    m.prepare_units();
    m.encoder_forward();
    m.bridge_and_keys();
    m.allocate_decoder();

    GreedyResult result;
    std::vector<float> row(static_cast<std::size_t>(m.Vt));
    const float* generator = m.w(m.generator_name());
    const float* bias = m.w("generator.bias");
    int* input = batch.target_input.data();
    for (int t = 0; t < max_length; ++t) {
        m.decoder_step(t);
        std::copy(bias, bias + m.Vt, row.begin());
        gemm(false, true, 1, m.Vt, m.Hd, m.A.data() + t * m.Hd, m.Hd, generator, m.Hd, 1.0f,
             row.data(), m.Vt);
        const int best = static_cast<int>(std::max_element(row.begin(), row.end()) - row.begin());
        const float* a = m.alpha.data() + t * m.S;
        result.attention.emplace_back(a, a + m.S);
        if (best == m.config.eos_id) break;
        result.ids.push_back(best);
        if (t + 1 < max_length) input[t + 1] = best;
    }
    return result;
}

}  // namespace attentive
