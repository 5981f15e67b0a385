#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>

#include "core/ops/dnnl_context.h"
#include "core/ops/ops.h"
#include "core/ops/shape_cache.h"
#include "core/ops/thread_scratch.h"

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

// One thread's primitive and memory objects for one key. The caller's f32 buffers are attached
// per call; at bf16 the layer input, h0, the output and h_n go through bf16 copies (oneDNN 2.6's
// bf16 LSTM wants them bf16), while the cell states stay f32 and are used in place. The copies
// and oneDNN's scratchpad (the gates of every step: steps x batch x 4 x hidden floats) are
// regions of the thread's scratch buffer, attached per call: a shape holds no buffer of its own.
struct LstmShape {
    dnnl::lstm_forward primitive;
    dnnl::memory src, h0, c0, dst, h_n, c_n;  // the caller's f32 buffers
    Conversion src_in, h0_in, dst_out, h_n_out;  // bf16 only
    dnnl::memory scratchpad;
    ScratchLayout layout;
    std::size_t src_in_at = 0, h0_in_at = 0, dst_out_at = 0, h_n_out_at = 0, scratchpad_at = 0;
    std::unordered_map<int, dnnl::memory> args;
};

// A copy of `from` in the layout `target`.
dnnl::memory relayout(const dnnl::memory& from, const dnnl::memory::desc& target) {
    dnnl::memory to(target, cpu_engine());
    auto& stream = thread_stream();
    dnnl::reorder(from, to).execute(stream, const_cast<dnnl::memory&>(from), to);
    stream.wait();
    return to;
}

// Reorders PyTorch-layout gate-stacked weights [4*hidden, n] (ldgoi, f32) into `target`.
dnnl::memory reorder_gate_weights(const float* weights, int n, int hidden,
                                  const dnnl::memory::desc& target) {
    auto& engine = cpu_engine();
    dnnl::memory user_mem({{1, 1, n, 4, hidden}, dt::f32, tag::ldgoi}, engine,
                          const_cast<float*>(weights));
    return relayout(user_mem, target);
}

// Rows from which oneDNN 2.6's brgemm kernel (blocked weights) beats its reference kernel
// (ldigo), measured on the reference shape (inputs 256-768, hidden 256 and 512) at 1 and 2
// threads, AVX-512/AMX: a decoding step at f32 from about 4 rows (768 -> 512 at 8 rows: 0.60
// against 0.77 ms), at bf16 from 1 (1 row: about even; 5 rows: 0.24 against 0.59 ms);
// a whole source sequence only from 16 rows at f32 and 4 at bf16 (15 steps, 1 row, 512 -> 256
// at f32: ref 0.53 ms, brgemm 2.08 ms).
int min_blocked_batch(dt type, int steps) {
    if (steps == 1) return type == dt::bf16 ? 1 : 4;
    return type == dt::bf16 ? 4 : 16;
}

// One copy of a layer's weights in one layout.
struct LstmWeights {
    dnnl::memory layer;  // [1, 1, n_in, 4, hidden]
    dnnl::memory iter;   // [1, 1, hidden, 4, hidden]
    explicit operator bool() const { return static_cast<bool>(layer); }
};

}  // namespace

struct Lstm::Impl {
    int n_in = 0;
    int hidden = 0;
    Precision precision = Precision::f32;  // as asked
    dt type = dt::f32;                    // what runs: f32 or bf16 (int8 runs bf16 or f32)
    // Plain ldigo weights select oneDNN's reference kernel, the blocked layout oneDNN prefers
    // its brgemm kernel; which one is faster depends on the rows (see min_blocked_batch). The
    // copy the decoder's single row wants is made at construction, the other from it on first
    // need, so a process that only ever decodes one sentence at a time holds one copy.
    mutable LstmWeights plain;
    mutable LstmWeights blocked;
    dnnl::memory bias_mem;  // [1, 1, 4, hidden] ldgo, f32
    mutable std::mutex mutex;  // guards the lazily made weight copies
    mutable ShapeCache<LstmKey, LstmShape> shapes;

    dnnl::memory::desc state_md(int batch, dt state_type) const {
        return dnnl::memory::desc({1, 1, batch, hidden}, state_type, tag::ldnc);
    }

    dnnl::lstm_forward::primitive_desc make_pd(const LstmKey& key, const dnnl::memory::desc& layer_md,
                                               const dnnl::memory::desc& iter_md) const {
        auto optional = [&](bool present, dt state_type) {
            return present ? state_md(key.batch, state_type) : dnnl::memory::desc();
        };
        dnnl::memory::desc src_md({key.steps, key.batch, n_in}, type, tag::tnc);
        dnnl::memory::desc dst_md({key.steps, key.batch, hidden}, type, tag::tnc);
        dnnl::lstm_forward::desc desc(dnnl::prop_kind::forward_inference,
                                      dnnl::rnn_direction::unidirectional_left2right, src_md,
                                      optional(key.h0, type), optional(key.c0, dt::f32), layer_md,
                                      iter_md, bias_mem.get_desc(), dst_md,
                                      optional(key.h_n, type), optional(key.c_n, dt::f32));
        dnnl::primitive_attr attr;
        attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
        return dnnl::lstm_forward::primitive_desc(desc, attr, cpu_engine());
    }

    dnnl::memory::desc plain_md(int n) const { return {{1, 1, n, 4, hidden}, type, tag::ldigo}; }

    // oneDNN's preferred layouts for `key`, or nothing when they are not plain blocked ones
    // (packed gemm layouts depend on the batch: ldigo is used then).
    std::optional<std::pair<dnnl::memory::desc, dnnl::memory::desc>> preferred_md(const LstmKey& key) const {
        const dnnl::memory::desc any_layer({1, 1, n_in, 4, hidden}, type, tag::any);
        const dnnl::memory::desc any_iter({1, 1, hidden, 4, hidden}, type, tag::any);
        const auto pd = make_pd(key, any_layer, any_iter);
        if (pd.weights_layer_desc().data.format_kind != dnnl_blocked ||
            pd.weights_iter_desc().data.format_kind != dnnl_blocked ||
            pd.weights_layer_desc() == plain_md(n_in))
            return std::nullopt;
        return std::make_pair(pd.weights_layer_desc(), pd.weights_iter_desc());
    }

    // The weights copy a call of `key` runs on, made from the other copy on first need.
    // Called with the mutex held, or from the constructor.
    const LstmWeights& weights_for(const LstmKey& key) const {
        if (key.batch >= min_blocked_batch(type, key.steps) && (blocked || make_blocked(key))) return blocked;
        return plain_weights();
    }

    const LstmWeights& plain_weights() const {
        if (!plain) plain = {relayout(blocked.layer, plain_md(n_in)), relayout(blocked.iter, plain_md(hidden))};
        return plain;
    }

    bool make_blocked(const LstmKey& key) const {
        const auto md = preferred_md(key);
        if (!md) return false;
        blocked = {relayout(plain.layer, md->first), relayout(plain.iter, md->second)};
        return true;
    }

    LstmShape& shape_for(const LstmKey& key) const {
        return shapes.get(key, [&] {
            std::lock_guard lock(mutex);
            auto& engine = cpu_engine();
            auto shape = std::make_unique<LstmShape>();
            const LstmWeights* chosen = &weights_for(key);
            dnnl::lstm_forward::primitive_desc pd;
            try {
                pd = make_pd(key, chosen->layer.get_desc(), chosen->iter.get_desc());
            } catch (const dnnl::error&) {
                // The blocked copy was laid out for an earlier shape that this one cannot use.
                if (chosen != &blocked) throw;
                chosen = &plain_weights();
                pd = make_pd(key, chosen->layer.get_desc(), chosen->iter.get_desc());
            }
            shape->primitive = dnnl::lstm_forward(pd);
            const LstmWeights& weights = *chosen;
            auto user = [&](const dims& shape_dims, tag layout) {
                return dnnl::memory({shape_dims, dt::f32, layout}, engine, nullptr);
            };
            const dims sequence_in = {key.steps, key.batch, n_in};
            const dims sequence_out = {key.steps, key.batch, hidden};
            const dims state = {1, 1, key.batch, hidden};
            shape->src = user(sequence_in, tag::tnc);
            shape->dst = user(sequence_out, tag::tnc);
            if (key.h0) shape->h0 = user(state, tag::ldnc);
            if (key.c0) shape->c0 = user(state, tag::ldnc);
            if (key.h_n) shape->h_n = user(state, tag::ldnc);
            if (key.c_n) shape->c_n = user(state, tag::ldnc);
            shape->scratchpad = dnnl::memory(pd.scratchpad_desc(), engine, nullptr);
            shape->scratchpad_at = shape->layout.add(pd.scratchpad_desc().get_size());
            auto& args = shape->args;
            args = {{DNNL_ARG_WEIGHTS_LAYER, weights.layer},
                    {DNNL_ARG_WEIGHTS_ITER, weights.iter},
                    {DNNL_ARG_BIAS, bias_mem},
                    {DNNL_ARG_SCRATCHPAD, shape->scratchpad}};
            if (key.c0) args.emplace(DNNL_ARG_SRC_ITER_C, shape->c0);
            if (key.c_n) args.emplace(DNNL_ARG_DST_ITER_C, shape->c_n);
            if (type == dt::f32) {
                args.emplace(DNNL_ARG_SRC_LAYER, shape->src);
                args.emplace(DNNL_ARG_DST_LAYER, shape->dst);
                if (key.h0) args.emplace(DNNL_ARG_SRC_ITER, shape->h0);
                if (key.h_n) args.emplace(DNNL_ARG_DST_ITER, shape->h_n);
            } else {
                // Scratch regions, attached per call.
                auto scratch = [&](const dims& shape_dims, tag layout, std::size_t& at) {
                    dnnl::memory mem({shape_dims, type, layout}, engine, nullptr);
                    at = shape->layout.add(mem.get_desc().get_size());
                    return mem;
                };
                shape->src_in = Conversion(shape->src, scratch(sequence_in, tag::tnc, shape->src_in_at));
                shape->dst_out = Conversion(scratch(sequence_out, tag::tnc, shape->dst_out_at), shape->dst);
                args.emplace(DNNL_ARG_SRC_LAYER, shape->src_in.to);
                args.emplace(DNNL_ARG_DST_LAYER, shape->dst_out.from);
                if (key.h0) {
                    shape->h0_in = Conversion(shape->h0, scratch(state, tag::ldnc, shape->h0_in_at));
                    args.emplace(DNNL_ARG_SRC_ITER, shape->h0_in.to);
                }
                if (key.h_n) {
                    shape->h_n_out = Conversion(scratch(state, tag::ldnc, shape->h_n_out_at), shape->h_n);
                    args.emplace(DNNL_ARG_DST_ITER, shape->h_n_out.from);
                }
            }
            return shape;
        });
    }
};

Lstm::Lstm(const float* weight_input, const float* weight_hidden, const float* bias, int n_in,
           int hidden, Precision precision)
    : m_impl(std::make_unique<Impl>()) {
    if (n_in <= 0 || hidden <= 0)
        throw std::invalid_argument("Lstm: sizes must be positive, got input " +
                                    std::to_string(n_in) + ", hidden " + std::to_string(hidden));
    auto& impl = *m_impl;
    impl.n_in = n_in;
    impl.hidden = hidden;
    impl.precision = precision;
    // oneDNN 2.6's int8 LSTM needs one static scale for all its inputs, which an op that sees
    // embeddings and attentional states cannot know in advance; int8 models run their LSTMs in
    // bf16 where the CPU has it, f32 otherwise.
    const bool low = precision == Precision::bf16 || (precision == Precision::int8 && native_bf16());
    impl.type = low ? dt::bf16 : dt::f32;
    impl.bias_mem = dnnl::memory({{1, 1, 4, hidden}, dt::f32, tag::ldgo}, cpu_engine());
    std::copy(bias, bias + 4 * hidden, static_cast<float*>(impl.bias_mem.get_data_handle()));

    // The decoder's single-row step decides which copy is made now.
    const LstmKey decoder_step{1, 1, true, true, true, true};
    const auto preferred = decoder_step.batch >= min_blocked_batch(impl.type, 1)
                               ? impl.preferred_md(decoder_step)
                               : std::nullopt;
    LstmWeights& first = preferred ? impl.blocked : impl.plain;
    first.layer = reorder_gate_weights(weight_input, n_in, hidden,
                                       preferred ? preferred->first : impl.plain_md(n_in));
    first.iter = reorder_gate_weights(weight_hidden, hidden, hidden,
                                      preferred ? preferred->second : impl.plain_md(hidden));
}

Lstm::Lstm(Lstm&&) noexcept = default;
Lstm& Lstm::operator=(Lstm&&) noexcept = default;
Lstm::~Lstm() = default;

int Lstm::n_in() const { return m_impl->n_in; }
int Lstm::hidden() const { return m_impl->hidden; }
Precision Lstm::precision() const { return m_impl->precision; }

void Lstm::forward(int steps, int batch, const float* src, const float* h0, const float* c0,
                   float* dst, float* h_n, float* c_n) const {
    if (steps <= 0 || batch <= 0) return;
    const LstmKey key{steps, batch, h0 != nullptr, c0 != nullptr, h_n != nullptr, c_n != nullptr};
    LstmShape& shape = m_impl->shape_for(key);
    auto& stream = thread_stream();
    shape.src.set_data_handle(const_cast<float*>(src));
    shape.dst.set_data_handle(dst);
    if (h0) shape.h0.set_data_handle(const_cast<float*>(h0));
    if (c0) shape.c0.set_data_handle(const_cast<float*>(c0));
    if (h_n) shape.h_n.set_data_handle(h_n);
    if (c_n) shape.c_n.set_data_handle(c_n);
    std::byte* scratch = thread_scratch(shape.layout.size());
    shape.scratchpad.set_data_handle(scratch + shape.scratchpad_at);
    const bool low = m_impl->type != dt::f32;
    if (low) {
        shape.src_in.to.set_data_handle(scratch + shape.src_in_at);
        shape.dst_out.from.set_data_handle(scratch + shape.dst_out_at);
        if (h0) shape.h0_in.to.set_data_handle(scratch + shape.h0_in_at);
        if (h_n) shape.h_n_out.from.set_data_handle(scratch + shape.h_n_out_at);
        shape.src_in.run(stream);
        if (h0) shape.h0_in.run(stream);
    }
    shape.primitive.execute(stream, shape.args);
    if (low) {
        shape.dst_out.run(stream);
        if (h_n) shape.h_n_out.run(stream);
    }
    stream.wait();
}

}  // namespace attentive::ops
