#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>

#include "core/ops/dnnl_context.h"
#include "core/ops/ops.h"

namespace attentive::ops {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;
using dims = dnnl::memory::dims;

namespace {

// Which optional states a call passes, with its shape: one primitive per distinct key.
struct LstmKey {
    int steps, batch;
    bool h0, c0, h_n, c_n;
    auto tie() const { return std::tie(steps, batch, h0, c0, h_n, c_n); }
    bool operator<(const LstmKey& other) const { return tie() < other.tie(); }
};

}  // namespace

struct Lstm::Impl {
    int n_in = 0;
    int hidden = 0;
    Precision precision = Precision::f32;
    dnnl::memory weights_layer_mem;  // [1, 1, n_in, 4, hidden] ldigo
    dnnl::memory weights_iter_mem;   // [1, 1, hidden, 4, hidden] ldigo
    dnnl::memory bias_mem;           // [1, 1, 4, hidden] ldgo
    mutable std::mutex mutex;
    mutable std::map<LstmKey, dnnl::lstm_forward> primitives;

    dnnl::memory::desc state_md(const LstmKey& key, bool present) const {
        if (!present) return dnnl::memory::desc();
        return dnnl::memory::desc({1, 1, key.batch, hidden}, dt::f32, tag::ldnc);
    }

    dnnl::lstm_forward& primitive_for(const LstmKey& key) const {
        std::lock_guard lock(mutex);
        auto it = primitives.find(key);
        if (it != primitives.end()) return it->second;
        dnnl::memory::desc src_md({key.steps, key.batch, n_in}, dt::f32, tag::tnc);
        dnnl::memory::desc dst_md({key.steps, key.batch, hidden}, dt::f32, tag::tnc);
        dnnl::lstm_forward::desc desc(dnnl::prop_kind::forward_inference,
                                      dnnl::rnn_direction::unidirectional_left2right, src_md,
                                      state_md(key, key.h0), state_md(key, key.c0),
                                      weights_layer_mem.get_desc(), weights_iter_mem.get_desc(),
                                      bias_mem.get_desc(), dst_md, state_md(key, key.h_n),
                                      state_md(key, key.c_n));
        dnnl::lstm_forward::primitive_desc pd(desc, cpu_engine());
        return primitives.emplace(key, dnnl::lstm_forward(pd)).first->second;
    }
};

namespace {

// Reorders PyTorch-layout gate-stacked weights [4*hidden, n] (ldgoi) into oneDNN's ldigo.
dnnl::memory reorder_gate_weights(const float* weights, int n, int hidden) {
    auto& engine = cpu_engine();
    const dims shape = {1, 1, n, 4, hidden};
    dnnl::memory user_mem({shape, dt::f32, tag::ldgoi}, engine, const_cast<float*>(weights));
    dnnl::memory packed_mem({shape, dt::f32, tag::ldigo}, engine);
    auto& stream = thread_stream();
    dnnl::reorder(user_mem, packed_mem).execute(stream, user_mem, packed_mem);
    stream.wait();
    return packed_mem;
}

}  // namespace

Lstm::Lstm(const float* weight_input, const float* weight_hidden, const float* bias, int n_in,
           int hidden, Precision precision)
    : m_impl(std::make_unique<Impl>()) {
    if (n_in <= 0 || hidden <= 0)
        throw std::invalid_argument("Lstm: sizes must be positive, got input " +
                                    std::to_string(n_in) + ", hidden " + std::to_string(hidden));
    m_impl->n_in = n_in;
    m_impl->hidden = hidden;
    m_impl->precision = precision;
    m_impl->weights_layer_mem = reorder_gate_weights(weight_input, n_in, hidden);
    m_impl->weights_iter_mem = reorder_gate_weights(weight_hidden, hidden, hidden);
    m_impl->bias_mem = dnnl::memory({{1, 1, 4, hidden}, dt::f32, tag::ldgo}, cpu_engine());
    std::copy(bias, bias + 4 * hidden, static_cast<float*>(m_impl->bias_mem.get_data_handle()));
}

Lstm::Lstm(Lstm&&) noexcept = default;
Lstm& Lstm::operator=(Lstm&&) noexcept = default;
Lstm::~Lstm() = default;

int Lstm::n_in() const { return m_impl->n_in; }
int Lstm::hidden() const { return m_impl->hidden; }

void Lstm::forward(int steps, int batch, const float* src, const float* h0, const float* c0,
                   float* dst, float* h_n, float* c_n) const {
    if (steps <= 0 || batch <= 0) return;
    const LstmKey key{steps, batch, h0 != nullptr, c0 != nullptr, h_n != nullptr, c_n != nullptr};
    auto& primitive = m_impl->primitive_for(key);
    auto& engine = cpu_engine();
    const int hidden = m_impl->hidden;
    auto state = [&](const float* data) {
        return dnnl::memory({{1, 1, batch, hidden}, dt::f32, tag::ldnc}, engine,
                            const_cast<float*>(data));
    };
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC_LAYER,
         dnnl::memory({{steps, batch, m_impl->n_in}, dt::f32, tag::tnc}, engine,
                      const_cast<float*>(src))},
        {DNNL_ARG_WEIGHTS_LAYER, m_impl->weights_layer_mem},
        {DNNL_ARG_WEIGHTS_ITER, m_impl->weights_iter_mem},
        {DNNL_ARG_BIAS, m_impl->bias_mem},
        {DNNL_ARG_DST_LAYER,
         dnnl::memory({{steps, batch, hidden}, dt::f32, tag::tnc}, engine, dst)},
    };
    if (h0) args.emplace(DNNL_ARG_SRC_ITER, state(h0));
    if (c0) args.emplace(DNNL_ARG_SRC_ITER_C, state(c0));
    if (h_n) args.emplace(DNNL_ARG_DST_ITER, state(h_n));
    if (c_n) args.emplace(DNNL_ARG_DST_ITER_C, state(c_n));
    auto& stream = thread_stream();
    primitive.execute(stream, args);
    stream.wait();
}

}  // namespace attentive::ops
