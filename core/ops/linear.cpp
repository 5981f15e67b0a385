#include <algorithm>

#include "core/cpu_clones.h"
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/ops/dnnl_context.h"
#include "core/ops/ops.h"
#include "core/ops/shape_cache.h"
#include "core/ops/vector_math.h"

namespace attentive::ops {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

namespace {

// Everything one thread needs to run one row count: the primitive, its memory objects (the
// caller's buffers are attached per call with set_data_handle) and the low-precision copy of
// the input. Built on the first call of a shape, then reused without allocating.
// Above a few rows the count is padded (padded_rows): the rows of the caller's x and y then go
// through owned buffers of the padded size.
struct LinearShape {
    dnnl::matmul primitive;
    dnnl::memory src_mem;       // f32 only: x, [rows, n_in], the caller's or owned when padded
    dnnl::memory low_src_mem;   // bf16 or s8 copy of x, owned (unused at f32)
    dnnl::memory dst_mem;       // f32 y, [rows, n_out]: the caller's, or owned when padded
    dnnl::memory activation_scale;  // int8: [1, 1], the scale of this call's s8 copy of x
    bool padded = false;
    std::unordered_map<int, dnnl::memory> args;
};

// The row count a product of m rows runs at: m itself up to 8 rows (decoding), above that m
// rounded up to a multiple of an eighth of its power of two (at most 12.5% more rows, 8 counts
// per octave). Source lengths make the row counts of the encoder's input projection and the
// attention keys take every value, and each distinct count would compile its own kernels.
int padded_rows(int m) {
    if (m <= 8) return m;
    int granule = 8;
    while (granule * 8 <= m) granule *= 2;
    return (m + granule - 1) / granule * granule;
}

// q = round(x / s) with s = max|x| / 127, clamped to ±127; returns s (1 for all-zero x).
// These per-call loops are compiled for AVX-512 and AVX2 as well, the CPU choosing at load.
ATTENTIVE_CPU_CLONES
float quantize_s8(const float* __restrict x, std::size_t n, std::int8_t* __restrict q) {
    std::int32_t max_bits = 0;
    for (std::size_t i = 0; i < n; ++i) max_bits = std::max(max_bits, magnitude_bits(x[i]));
    const float max_abs = std::bit_cast<float>(max_bits);
    const float scale = max_abs > 0.0f ? max_abs / 127.0f : 1.0f;
    const float inverse = 1.0f / scale;
    for (std::size_t i = 0; i < n; ++i) {
        const float v = round_nearest(x[i] * inverse);
        q[i] = static_cast<std::int8_t>(static_cast<std::int32_t>(v < -127.0f ? -127.0f : v > 127.0f ? 127.0f : v));
    }
    return scale;
}

// x in bf16. A loop here rather than a oneDNN reorder: at one row the reorder's call costs more
// than the conversion.
ATTENTIVE_CPU_CLONES
void convert_to_bf16(const float* __restrict x, std::size_t n, std::uint16_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) out[i] = to_bf16(x[i]);
}

// A product of a few rows is bound by reading the weights, and oneDNN 2.6's AMX kernels read
// them slower than its AVX-512 ones do at one row: 1 x 512 x 8000 at 2 threads, bf16 0.18-0.19 ms
// against 0.24-0.33, int8 0.096 against 0.138. From two rows on, bf16 is faster on AMX (5 x 512 x
// 8000: 0.21 against 0.27 ms; 5 x 1280 x 2048: 0.12 against 0.18), while int8 stays about even up
// to 8 rows (0.11 against 0.12). Up to this many rows the AVX-512 kernel is used; bf16 has none,
// its one row taking the gemm kernel (below).
int max_rows_without_amx(Precision precision) { return precision == Precision::bf16 ? 0 : 8; }

// At bf16 one row runs fastest on oneDNN's gemm kernel over plain [n_out, n_in] weights: it
// reads them 15-25% faster than the blocked AVX512-BF16 kernel (1 x 512 x 8000: 0.19-0.22 against
// 0.22-0.29 ms; 1 x 1280 x 2048: 0.12-0.13 against 0.14-0.19), but is 2x slower than AMX from
// two rows on. So bf16 keeps this plain copy for one row and a blocked one for more.
bool one_row_plain(Precision precision, int rows) { return precision == Precision::bf16 && rows == 1; }

// Steps `pd` to the first implementation, in oneDNN's order, that `wanted` accepts and that
// takes the same weights layout; keeps `pd` as it is when there is none.
template <class PrimitiveDesc, class Wanted>
void prefer_impl(PrimitiveDesc& pd, const dnnl::memory::desc& weights_md, Wanted wanted) {
    const auto accepted = [&](const PrimitiveDesc& candidate) {
        const bool any_layout = weights_md.data.format_kind == dnnl_format_kind_any;
        return wanted(std::string(candidate.impl_info_str())) &&
               (any_layout || candidate.weights_desc() == weights_md);
    };
    if (accepted(pd)) return;
    PrimitiveDesc candidate = pd;
    while (candidate.next_impl()) {
        if (accepted(candidate)) {
            pd = candidate;
            return;
        }
    }
}

}  // namespace

struct Linear::Impl {
    int n_out = 0;
    int n_in = 0;
    bool has_bias = false;
    Precision precision = Precision::f32;
    dt type = dt::f32;             // of x and weights inside the matmul
    // [n_in, n_out] logical, in the layout oneDNN chose for more rows (for every row count at
    // f32 and int8). bf16 builds it from the plain copy on the first product of two rows or
    // more, so that a Linear only ever run at one row (a decoder LSTM's) holds one copy.
    mutable dnnl::memory blocked_weights;
    mutable std::once_flag blocked_once;
    dnnl::memory plain_weights;    // bf16 only: [n_out, n_in] row-major, for one row
    dnnl::memory bias_mem;         // [1, n_out] f32: the matmul's bias, or int8's second post-op
    std::vector<float> channel_scales;  // int8: per output channel, max|W[n, :]| / 127
    mutable ShapeCache<std::pair<int, bool>, LinearShape> shapes;  // by (rows, padded)

    dnnl::memory::desc rows_md(int m, int width, dt type_of_rows) const {
        return dnnl::memory::desc({m, width}, type_of_rows, tag::ab);
    }

    // int8 folds the per-channel weight scales into the matmul's output scales. The activation
    // scale is only known per call, so it comes in as a post-op multiplying by a one-element
    // tensor, and the bias as a post-op after it: oneDNN applies both as it stores the output,
    // on both threads, where a pass of our own over a beam step's 5 x 8,000 logits ran on one.
    // (Runtime output scales would do the same, but take oneDNN 2.6 off its brgemm kernels.)
    dnnl::matmul::primitive_desc make_pd(int m, const dnnl::memory::desc& weights_md) const {
        const bool int8 = precision == Precision::int8;
        dnnl::memory::desc src_md = rows_md(m, n_in, type);
        dnnl::memory::desc dst_md = rows_md(m, n_out, dt::f32);
        dnnl::matmul::desc desc =
            has_bias && !int8 ? dnnl::matmul::desc(src_md, weights_md, rows_md(1, n_out, dt::f32), dst_md)
                              : dnnl::matmul::desc(src_md, weights_md, dst_md);
        dnnl::primitive_attr attr;
        if (int8) {
            attr.set_output_scales(1 << 1, channel_scales);
            dnnl::post_ops post_ops;
            post_ops.append_binary(dnnl::algorithm::binary_mul, rows_md(1, 1, dt::f32));
            if (has_bias) post_ops.append_binary(dnnl::algorithm::binary_add, rows_md(1, n_out, dt::f32));
            attr.set_post_ops(post_ops);
        }
        dnnl::matmul::primitive_desc pd(desc, attr, cpu_engine());
        if (one_row_plain(precision, m))
            prefer_impl(pd, weights_md, [](const std::string& name) { return name.starts_with("gemm"); });
        else if (m <= max_rows_without_amx(precision))
            prefer_impl(pd, weights_md, [](const std::string& name) { return name.find("amx") == std::string::npos; });
        return pd;
    }

    const dnnl::memory& weights_for(int rows) const {
        if (one_row_plain(precision, rows)) return plain_weights;
        if (precision == Precision::bf16) {
            std::call_once(blocked_once, [&] {
                const dnnl::memory::desc any_md({n_in, n_out}, type, tag::any);
                blocked_weights = dnnl::memory(make_pd(2, any_md).weights_desc(), cpu_engine());
                dnnl::memory plain = plain_weights;  // a handle: execute() takes it by non-const reference
                auto& stream = thread_stream();
                dnnl::reorder(plain, blocked_weights).execute(stream, plain, blocked_weights);
                stream.wait();
            });
        }
        return blocked_weights;
    }

    // The calling thread's shape for `rows` (already padded); `padded` when the caller's buffers
    // hold fewer rows, so that the product runs on owned ones.
    LinearShape& shape_for(int rows, bool padded) const {
        return shapes.get({rows, padded}, [&] {
            auto& engine = cpu_engine();
            auto shape = std::make_unique<LinearShape>();
            shape->padded = padded;
            // oneDNN's blocked matmul layouts do not depend on the row count, so every shape
            // but bf16's one row runs on the one copy.
            const dnnl::memory& weights = weights_for(rows);
            shape->primitive = dnnl::matmul(make_pd(rows, weights.get_desc()));
            auto owned = [&](int width, dt type_of_rows) {
                dnnl::memory mem(rows_md(rows, width, type_of_rows), engine);
                // Padding rows are computed and thrown away: keep them finite.
                std::memset(mem.get_data_handle(), 0, mem.get_desc().get_size());
                return mem;
            };
            auto callers = [&](int width) { return dnnl::memory(rows_md(rows, width, dt::f32), engine, nullptr); };
            shape->dst_mem = padded ? owned(n_out, dt::f32) : callers(n_out);
            // At f32 the product reads x itself; otherwise its bf16 or s8 copy, always owned.
            if (precision == Precision::f32) shape->src_mem = padded ? owned(n_in, dt::f32) : callers(n_in);
            else shape->low_src_mem = owned(n_in, type);
            const dnnl::memory& matmul_src = precision == Precision::f32 ? shape->src_mem : shape->low_src_mem;
            shape->args = {{DNNL_ARG_SRC, matmul_src},
                           {DNNL_ARG_WEIGHTS, weights},
                           {DNNL_ARG_DST, shape->dst_mem}};
            if (precision == Precision::int8) {
                shape->activation_scale = dnnl::memory(rows_md(1, 1, dt::f32), engine);
                shape->args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1, shape->activation_scale);
                if (has_bias) shape->args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(1) | DNNL_ARG_SRC_1, bias_mem);
            } else if (has_bias) {
                shape->args.emplace(DNNL_ARG_BIAS, bias_mem);
            }
            return shape;
        });
    }
};

Linear::Linear(const float* weight, const float* bias, int n_out, int n_in, Precision precision)
    : m_impl(std::make_unique<Impl>()) {
    if (n_out <= 0 || n_in <= 0)
        throw std::invalid_argument("Linear: sizes must be positive, got " + std::to_string(n_out) +
                                    " x " + std::to_string(n_in));
    auto& impl = *m_impl;
    impl.n_out = n_out;
    impl.n_in = n_in;
    impl.has_bias = bias != nullptr;
    impl.precision = precision;
    impl.type = compute_type(precision);
    auto& engine = cpu_engine();

    // Our weight is [n_out, n_in] row-major, i.e. the logical [n_in, n_out] in tag ba.
    const dnnl::memory::desc user_md({n_in, n_out}, impl.type, tag::ba);
    std::vector<std::int8_t> quantized;
    const void* user_data = weight;
    if (precision == Precision::int8) {
        // Symmetric per-output-channel quantization: row n of W maps max|W[n, :]| to 127. Done
        // here rather than by a scaling reorder, which 2.6 refuses for the blocked s8 layouts.
        impl.channel_scales.resize(n_out);
        quantized.resize(static_cast<std::size_t>(n_out) * n_in);
        for (int n = 0; n < n_out; ++n) {
            const std::size_t offset = static_cast<std::size_t>(n) * n_in;
            impl.channel_scales[n] = quantize_s8(weight + offset, n_in, quantized.data() + offset);
        }
        user_data = quantized.data();
    }
    dnnl::memory user_mem(precision == Precision::int8 ? user_md : dnnl::memory::desc({n_in, n_out}, dt::f32, tag::ba),
                          engine, const_cast<void*>(user_data));

    // f32 and int8: the layout oneDNN picks for the single-row product that decoding runs most.
    // bf16: the plain copy, the blocked one following when first needed.
    dnnl::memory& kept = precision == Precision::bf16 ? impl.plain_weights : impl.blocked_weights;
    kept = precision == Precision::bf16
               ? dnnl::memory({{n_in, n_out}, impl.type, tag::ba}, engine)
               : dnnl::memory(impl.make_pd(1, {{n_in, n_out}, impl.type, tag::any}).weights_desc(), engine);
    auto& stream = thread_stream();
    dnnl::reorder(user_mem, kept).execute(stream, user_mem, kept);
    stream.wait();

    if (bias) {
        impl.bias_mem = dnnl::memory({{1, n_out}, dt::f32, tag::ab}, engine);
        std::copy(bias, bias + n_out, static_cast<float*>(impl.bias_mem.get_data_handle()));
    }
}

Linear::Linear(Linear&&) noexcept = default;
Linear& Linear::operator=(Linear&&) noexcept = default;
Linear::~Linear() = default;

int Linear::n_in() const { return m_impl->n_in; }
int Linear::n_out() const { return m_impl->n_out; }
Precision Linear::precision() const { return m_impl->precision; }

void Linear::forward(int m, const float* x, float* y) const {
    if (m <= 0) return;
    const auto& impl = *m_impl;
    const int rows = padded_rows(m);
    LinearShape& shape = impl.shape_for(rows, rows != m);
    auto& stream = thread_stream();
    const std::size_t n_x = static_cast<std::size_t>(m) * impl.n_in;
    switch (impl.precision) {
        case Precision::f32:
            if (shape.padded) std::memcpy(shape.src_mem.get_data_handle(), x, sizeof(float) * n_x);
            else shape.src_mem.set_data_handle(const_cast<float*>(x));
            break;
        case Precision::bf16:
            convert_to_bf16(x, n_x, static_cast<std::uint16_t*>(shape.low_src_mem.get_data_handle()));
            break;
        case Precision::int8:
            // One dynamic scale per call, from the largest magnitude in x (x ≈ scale · x_s8),
            // undone by the first post-op.
            *static_cast<float*>(shape.activation_scale.get_data_handle()) =
                quantize_s8(x, n_x, static_cast<std::int8_t*>(shape.low_src_mem.get_data_handle()));
            break;
    }
    if (!shape.padded) shape.dst_mem.set_data_handle(y);
    shape.primitive.execute(stream, shape.args);
    stream.wait();
    if (shape.padded)
        std::memcpy(y, shape.dst_mem.get_data_handle(), sizeof(float) * static_cast<std::size_t>(m) * impl.n_out);
}

}  // namespace attentive::ops
