#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/ops/dnnl_context.h"
#include "core/ops/parallel_rows.h"
#include "core/ops/ops.h"
#include "core/ops/shape_cache.h"
#include "core/ops/thread_scratch.h"
#include "core/ops/u8s8_row_product.h"
#include "core/ops/vector_dispatch.h"
#include "core/ops/vector_math.h"

namespace attentive::ops {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

namespace {

// Everything one thread needs to run one row count: the primitive and its memory objects (the
// caller's buffers are attached per call with set_data_handle). Built on the first call of a
// shape, then reused without allocating. Above a few rows the count is padded (padded_rows): the
// rows of the caller's x and y then go through buffers of the padded size. Those, the
// low-precision copy of x and oneDNN's scratchpad are regions of the thread's scratch buffer
// (thread_scratch.h), attached per call, so a shape of many rows holds no buffer of its own.
struct LinearShape {
    dnnl::matmul primitive;
    dnnl::memory src_mem;       // f32 only: x, [rows, n_in], the caller's, or scratch when padded
    dnnl::memory low_src_mem;   // bf16 or s8 copy of x, scratch (unused at f32)
    dnnl::memory dst_mem;       // f32 y, [rows, n_out]: the caller's, or scratch when padded
    dnnl::memory scratchpad;
    dnnl::memory activation_scale;  // int8: [1, 1], the scale of this call's s8 copy of x
    bool padded = false;
    ScratchLayout layout;
    std::size_t src_at = 0, low_src_at = 0, dst_at = 0, scratchpad_at = 0;
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

// q = round(x / s) + offset with s = max|x| / limit, the rounded value clamped to ±limit;
// returns s (1 for all-zero x).
template <class Quantized>
ATTENTIVE_VECTOR_BODY float quantize_body(const float* __restrict x, std::size_t n, Quantized* __restrict q,
                                          float limit, float offset) {
    std::int32_t max_bits = 0;
    for (std::size_t i = 0; i < n; ++i) max_bits = std::max(max_bits, magnitude_bits(x[i]));
    const float max_abs = std::bit_cast<float>(max_bits);
    const float scale = max_abs > 0.0f ? max_abs / limit : 1.0f;
    const float inverse = 1.0f / scale;
    for (std::size_t i = 0; i < n; ++i) {
        const float v = round_nearest(x[i] * inverse);
        q[i] = static_cast<Quantized>(static_cast<std::int32_t>((v < -limit ? -limit : v > limit ? limit : v) + offset));
    }
    return scale;
}

// s8: q = round(x / s), s = max|x| / limit.
ATTENTIVE_VECTOR_BODY float quantize_s8_body(const float* __restrict x, std::size_t n, std::int8_t* __restrict q,
                                             float limit) {
    return quantize_body(x, n, q, limit, 0.0f);
}
ATTENTIVE_VECTOR_VARIANTS(float, quantize_s8,
                          (const float* __restrict x, std::size_t n, std::int8_t* __restrict q, float limit),
                          (x, n, q, limit))

// u8 shifted by 128: q = round(x / s) + 128, s = max|x| / 127 (kSourceShift below).
ATTENTIVE_VECTOR_BODY float quantize_shifted_u8_body(const float* __restrict x, std::size_t n,
                                                     std::uint8_t* __restrict q) {
    return quantize_body(x, n, q, 127.0f, 128.0f);
}
ATTENTIVE_VECTOR_VARIANTS(float, quantize_shifted_u8, (const float* __restrict x, std::size_t n, std::uint8_t* __restrict q),
                          (x, n, q))

// x in bf16. A loop here rather than a oneDNN reorder: at one row the reorder's call costs more
// than the conversion.
ATTENTIVE_VECTOR_BODY void convert_to_bf16_body(const float* __restrict x, std::size_t n,
                                                std::uint16_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) out[i] = to_bf16(x[i]);
}
ATTENTIVE_VECTOR_VARIANTS(void, convert_to_bf16, (const float* __restrict x, std::size_t n, std::uint16_t* __restrict out),
                          (x, n, out))

// A product of a few rows is bound by reading the weights, and oneDNN 2.6's AMX kernels read
// them slower than its AVX-512 ones do at one row: 1 x 512 x 8000 at 2 threads, bf16 0.18-0.19 ms
// against 0.24-0.33, int8 0.096 against 0.138. From two rows on, bf16 is faster on AMX (5 x 512 x
// 8000: 0.21 against 0.27 ms; 5 x 1280 x 2048: 0.12 against 0.18), while int8 stays about even up
// to 8 rows (0.11 against 0.12). Up to this many rows the AVX-512 kernel is used; bf16 has none,
// its one row taking the gemm kernel (below).
// At AVX2 oneDNN 2.6 multiplies u8 by s8 on its JIT gemm, but s8 by s8 on a path 5x slower (1 x 512
// x 8000, one thread: 2.7-3.8 ms against 0.41-0.52 for u8, 0.64-0.80 in f32). So below AVX-512 an
// int8 Linear quantizes x to s8 as everywhere and hands it over shifted by 128 as u8; the shift's
// contribution, 128 · Σ_k W_s8[n, k] per output channel, is taken off by a post-op. AVX-512
// without VNNI does the same: there oneDNN's s8 gemm read one row's weights at a fifth of the
// speed of the engine's own u8 kernel (greedy 24.7 against 4.0-4.5 ms, reference shape, 1 thread,
// idle); from VNNI on the s8 kernels are as fast as u8 ones.
constexpr int kSourceShift = 128;
bool shifted_source() { return cpu_tier() < CpuTier::avx512_vnni; }

// The most rows a product runs on the own kernel below AVX-512 VNNI: every product of decoding
// (a batch of 32 sentences, a beam of 5 over 32 of them 160) and the encoder's input projection
// of a batch (its sentences' tokens: 32 x 15 = 480). Above 64 rows too it beat oneDNN's int8
// kernels on a Zen 4 (1,024 x 256 and 1,024 x 512 at 480 rows, 2 threads: avx2_vnni 1.90 ->
// 1.34 ms, avx512 1.62 -> 1.17, avx2 2.73 -> 2.20). The cap bounds its per-thread buffers.
constexpr int kMaxOwnKernelRows = 4096;

int max_rows_without_amx(Precision precision) { return precision == Precision::bf16 ? 0 : 8; }

// Which products of one row run on oneDNN's gemm kernel over a plain weight copy instead of its
// blocked brgemm layout (the one kept for more rows), chosen per tier by measurement; one row is
// bound by reading the weights, and the kernels read them at different speeds.
// - amx (measured on the earlier Xeon): bf16 always, over [n_out, n_in] weights: 15-25% faster
//   than the blocked AVX512-BF16 kernel (1 x 512 x 8000: 0.19-0.22 against 0.22-0.29 ms;
//   1 x 1280 x 2048: 0.12-0.13 against 0.14-0.19), but 2x slower than AMX from two rows on.
// - avx512 to avx512_bf16 (measured on the Zen 4, one thread, weights from L3 or memory, best
//   of 10 rounds): f32 and bf16 when the weights take 4 MB or more, over gemm's own layout
//   ([n_in, n_out]): f32 1 x 512 x 8000 0.75 against 1.19 ms, 1 x 1280 x 2048 0.61 against
//   0.68; bf16 0.41 against 0.63 and 0.30 against 0.38 ms (over [n_out, n_in] gemm took 0.75-0.80
//   ms for 1 x 512 x 8000). Smaller ones stay blocked: 1 x 1024 x 512 f32 0.09 against 0.17 ms,
//   bf16 0.028 against 0.053.
// - avx2: f32 and int8 have only the gemm kernel, whatever the layout; nothing to choose.
constexpr std::size_t kGemmOneRowBytes = std::size_t{4} << 20;
bool one_row_on_gemm(Precision precision, int n_in, int n_out) {
    const CpuTier tier = cpu_tier();
    if (tier == CpuTier::amx) return precision == Precision::bf16;
    if (tier < CpuTier::avx512 || precision == Precision::int8) return false;
    const std::size_t bytes = static_cast<std::size_t>(n_in) * n_out * (precision == Precision::f32 ? 4 : 2);
    return bytes >= kGemmOneRowBytes;
}

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
    dt type = dt::f32;             // of the weights inside the matmul
    dt source_type = dt::f32;      // of x inside the matmul: type, or u8 for shifted int8 sources
    // [n_in, n_out] logical, in the layout oneDNN chose for more rows (for every row count
    // unless one_row_gemm). With one_row_gemm it is built from the plain copy on the first
    // product of two rows or more, so that a Linear only ever run at one row (a decoder LSTM's)
    // holds one copy.
    mutable dnnl::memory blocked_weights;
    mutable std::once_flag blocked_once;
    bool one_row_gemm = false;     // one_row_on_gemm()
    dnnl::memory plain_weights;    // with one_row_gemm: the gemm kernel's layout, for one row
    dnnl::memory bias_mem;         // [1, n_out] f32: the matmul's bias, or int8's last post-op
    dnnl::memory shift_mem;        // int8 with a shifted source: [1, n_out], -128 · Σ_k W_s8[n, k] · s_w[n]
    std::vector<float> channel_scales;  // int8: per output channel, max|W[n, :]| / int8_weight_limit()
    // int8 below AVX-512 VNNI: products of up to own_kernel_rows rows run on our own kernel
    // (see forward_rows_avx2); 0 without it.
    std::optional<U8S8RowProduct> row_product;
    int own_kernel_rows = 0;
    mutable ShapeCache<std::pair<int, bool>, LinearShape> shapes;  // by (rows, padded)

    // int8 below AVX-512 VNNI on the own kernel (oneDNN 2.6's AVX2 gemm re-packs the weights on
    // every call and reads them at about 6 GB/s: 1 x 1,280 x 2,048 took 0.42 ms, no faster than
    // f32). Same arithmetic as the oneDNN path (x as u8 shifted by 128, then per output
    // (acc · s_w + shift) · s_x + bias), except that each row gets its own scale s_x.
    void forward_rows_avx2(int m, const float* x, float* y) const {
        const U8S8RowProduct& product = *row_product;
        const int stride = product.padded_in();
        thread_local std::vector<std::uint8_t> source;
        thread_local std::vector<std::int32_t> sums;
        thread_local std::vector<float> source_scales;
        source_scales.resize(m);
        source.assign(static_cast<std::size_t>(m) * stride, std::uint8_t{kSourceShift});
        sums.resize(static_cast<std::size_t>(m) * n_out);
        for (int r = 0; r < m; ++r)
            source_scales[r] = quantize_shifted_u8(x + static_cast<std::size_t>(r) * n_in, n_in,
                                                   source.data() + static_cast<std::size_t>(r) * stride);
        product.multiply(m, source.data(), sums.data());
        const float* shift = static_cast<const float*>(shift_mem.get_data_handle());
        const float* bias = has_bias ? static_cast<const float*>(bias_mem.get_data_handle()) : nullptr;
        // A batch's rows of sums split over the threads once they hold 16,000 entries (two rows
        // of the generator's 8,000). The thread-local buffers are the calling thread's: the
        // other threads take their data.
        const std::int32_t* all_sums = sums.data();
        const float* row_scales = source_scales.data();
        for_each_row(m, std::max(2, (16000 + n_out - 1) / n_out), [&](int r) {
            const std::int32_t* row_sums = all_sums + static_cast<std::size_t>(r) * n_out;
            float* row_y = y + static_cast<std::size_t>(r) * n_out;
            for (int n = 0; n < n_out; ++n) {
                const float value = (static_cast<float>(row_sums[n]) * channel_scales[n] + shift[n]) * row_scales[r];
                row_y[n] = bias ? value + bias[n] : value;
            }
        });
    }

    dnnl::memory::desc rows_md(int m, int width, dt type_of_rows) const {
        return dnnl::memory::desc({m, width}, type_of_rows, tag::ab);
    }

    // int8 folds the per-channel weight scales into the matmul's output scales. The activation
    // scale is only known per call, so it comes in as a post-op multiplying by a one-element
    // tensor, and the bias as a post-op after it: oneDNN applies both as it stores the output,
    // on both threads, where a pass of our own over a beam step's 5 x 8,000 logits ran on one.
    // (Runtime output scales would do the same, but take oneDNN 2.6 off its brgemm kernels.)
    // A shifted u8 source takes the shift off first, before the activation scale.
    dnnl::matmul::primitive_desc make_pd(int m, const dnnl::memory::desc& weights_md) const {
        const bool int8 = precision == Precision::int8;
        dnnl::memory::desc src_md = rows_md(m, n_in, source_type);
        dnnl::memory::desc dst_md = rows_md(m, n_out, dt::f32);
        dnnl::matmul::desc desc =
            has_bias && !int8 ? dnnl::matmul::desc(src_md, weights_md, rows_md(1, n_out, dt::f32), dst_md)
                              : dnnl::matmul::desc(src_md, weights_md, dst_md);
        dnnl::primitive_attr attr;
        if (int8) {
            attr.set_output_scales(1 << 1, channel_scales);
            dnnl::post_ops post_ops;
            if (shift_mem) post_ops.append_binary(dnnl::algorithm::binary_add, rows_md(1, n_out, dt::f32));
            post_ops.append_binary(dnnl::algorithm::binary_mul, rows_md(1, 1, dt::f32));
            if (has_bias) post_ops.append_binary(dnnl::algorithm::binary_add, rows_md(1, n_out, dt::f32));
            attr.set_post_ops(post_ops);
        }
        attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
        dnnl::matmul::primitive_desc pd(desc, attr, cpu_engine());
        if (one_row_gemm && m == 1)
            prefer_impl(pd, weights_md, [](const std::string& name) { return name.starts_with("gemm"); });
        else if (m <= max_rows_without_amx(precision))
            prefer_impl(pd, weights_md, [](const std::string& name) { return name.find("amx") == std::string::npos; });
        return pd;
    }

    const dnnl::memory& weights_for(int rows) const {
        if (one_row_gemm && rows == 1) return plain_weights;
        if (one_row_gemm) {
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
    // hold fewer rows, so that the product runs on scratch ones.
    LinearShape& shape_for(int rows, bool padded) const {
        return shapes.get({rows, padded}, [&] {
            auto& engine = cpu_engine();
            auto shape = std::make_unique<LinearShape>();
            shape->padded = padded;
            // oneDNN's blocked matmul layouts do not depend on the row count, so every shape
            // but bf16's one row runs on the one copy.
            const dnnl::memory& weights = weights_for(rows);
            const auto pd = make_pd(rows, weights.get_desc());
            shape->primitive = dnnl::matmul(pd);
            auto scratch = [&](const dnnl::memory::desc& md, std::size_t& at) {
                at = shape->layout.add(md.get_size());
                return dnnl::memory(md, engine, nullptr);
            };
            auto callers = [&](int width) { return dnnl::memory(rows_md(rows, width, dt::f32), engine, nullptr); };
            shape->dst_mem = padded ? scratch(rows_md(rows, n_out, dt::f32), shape->dst_at) : callers(n_out);
            // At f32 the product reads x itself; otherwise its bf16 or s8 copy, always scratch.
            if (precision == Precision::f32)
                shape->src_mem = padded ? scratch(rows_md(rows, n_in, dt::f32), shape->src_at) : callers(n_in);
            else
                shape->low_src_mem = scratch(rows_md(rows, n_in, source_type), shape->low_src_at);
            shape->scratchpad = scratch(pd.scratchpad_desc(), shape->scratchpad_at);
            const dnnl::memory& matmul_src = precision == Precision::f32 ? shape->src_mem : shape->low_src_mem;
            shape->args = {{DNNL_ARG_SRC, matmul_src},
                           {DNNL_ARG_WEIGHTS, weights},
                           {DNNL_ARG_DST, shape->dst_mem},
                           {DNNL_ARG_SCRATCHPAD, shape->scratchpad}};
            if (precision == Precision::int8) {
                shape->activation_scale = dnnl::memory(rows_md(1, 1, dt::f32), engine);
                int post_op = 0;
                if (shift_mem) shape->args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(post_op++) | DNNL_ARG_SRC_1, shift_mem);
                shape->args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(post_op++) | DNNL_ARG_SRC_1, shape->activation_scale);
                if (has_bias) shape->args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(post_op) | DNNL_ARG_SRC_1, bias_mem);
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
    impl.source_type = precision == Precision::int8 && shifted_source() ? dt::u8 : impl.type;
    auto& engine = cpu_engine();

    // Our weight is [n_out, n_in] row-major, i.e. the logical [n_in, n_out] in tag ba.
    const dnnl::memory::desc user_md({n_in, n_out}, impl.type, tag::ba);
    std::vector<std::int8_t> quantized;
    const void* user_data = weight;
    if (precision == Precision::int8) {
        // Symmetric per-output-channel quantization: row n of W maps max|W[n, :]| to 127. Done
        // here rather than by a scaling reorder, which 2.6 refuses for the blocked s8 layouts.
        // Below VNNI the weights take 7 bits (int8_weight_limit).
        const auto weight_limit = static_cast<float>(int8_weight_limit());
        impl.channel_scales.resize(n_out);
        quantized.resize(static_cast<std::size_t>(n_out) * n_in);
        for (int n = 0; n < n_out; ++n) {
            const std::size_t offset = static_cast<std::size_t>(n) * n_in;
            impl.channel_scales[n] = quantize_s8(weight + offset, n_in, quantized.data() + offset, weight_limit);
        }
        user_data = quantized.data();
        if (impl.source_type == dt::u8) {
            impl.shift_mem = dnnl::memory({{1, n_out}, dt::f32, tag::ab}, engine);
            auto* shift = static_cast<float*>(impl.shift_mem.get_data_handle());
            for (int n = 0; n < n_out; ++n) {
                const std::int8_t* row = quantized.data() + static_cast<std::size_t>(n) * n_in;
                std::int64_t sum = 0;
                for (int k = 0; k < n_in; ++k) sum += row[k];
                shift[n] = -static_cast<float>(kSourceShift * sum) * impl.channel_scales[n];
            }
            // 7-bit weights (int8_weight_limit) keep vpmaddubsw's pair sums from saturating;
            // avx2_vnni takes them too, as oneDNN's avx2_vnni gemm re-packs the weights per call,
            // and sums with vpdpbusd. Batches run there too since the kernel works in tiles of
            // rows and blocks (u8s8_row_product.cpp): the reference shape's four decoder products
            // at 32 rows, 2 threads, on a Zen 4 (nineteenth session, best of 200), 1,366 -> 1,076
            // µs at avx2_vnni and 1,161 -> 923 at avx512 against oneDNN's kernels, 1,771 -> 1,617
            // at avx2 against the kernel's earlier 8 rows at a time.
            if (cpu_tier() >= CpuTier::avx2) {
                const U8S8RowProduct::Kernel kernel = cpu_tier() == CpuTier::avx2_vnni ? U8S8RowProduct::Kernel::avx2_vnni
                                                      : cpu_tier() == CpuTier::avx512    ? U8S8RowProduct::Kernel::avx512
                                                                                         : U8S8RowProduct::Kernel::avx2;
                impl.row_product.emplace(quantized.data(), n_out, n_in, kernel);
                impl.own_kernel_rows = kMaxOwnKernelRows;
            }
        }
    }
    dnnl::memory user_mem(precision == Precision::int8 ? user_md : dnnl::memory::desc({n_in, n_out}, dt::f32, tag::ba),
                          engine, const_cast<void*>(user_data));

    // The layout of the single-row product that decoding runs most: the gemm kernel's plain one
    // ([n_out, n_in] on AMX, as measured there; else gemm's choice), the blocked one following
    // when first needed; or the blocked one alone.
    impl.one_row_gemm = one_row_on_gemm(precision, n_in, n_out);
    dnnl::memory& kept = impl.one_row_gemm ? impl.plain_weights : impl.blocked_weights;
    kept = impl.one_row_gemm && cpu_tier() == CpuTier::amx
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
    if (m <= impl.own_kernel_rows) {
        impl.forward_rows_avx2(m, x, y);
        return;
    }
    const int rows = padded_rows(m);
    LinearShape& shape = impl.shape_for(rows, rows != m);
    auto& stream = thread_stream();
    std::byte* scratch = thread_scratch(shape.layout.size());
    shape.scratchpad.set_data_handle(scratch + shape.scratchpad_at);
    const std::size_t n_x = static_cast<std::size_t>(m) * impl.n_in;
    // Padding rows are computed and thrown away: they are zeroed to keep them finite.
    const std::size_t n_padding = static_cast<std::size_t>(rows - m) * impl.n_in;
    switch (impl.precision) {
        case Precision::f32:
            if (shape.padded) {
                auto* src = reinterpret_cast<float*>(scratch + shape.src_at);
                std::memcpy(src, x, sizeof(float) * n_x);
                std::memset(src + n_x, 0, sizeof(float) * n_padding);
                shape.src_mem.set_data_handle(src);
            } else {
                shape.src_mem.set_data_handle(const_cast<float*>(x));
            }
            break;
        case Precision::bf16: {
            auto* low = reinterpret_cast<std::uint16_t*>(scratch + shape.low_src_at);
            convert_to_bf16(x, n_x, low);
            std::memset(low + n_x, 0, sizeof(std::uint16_t) * n_padding);
            shape.low_src_mem.set_data_handle(low);
            break;
        }
        case Precision::int8: {
            // One dynamic scale per call, from the largest magnitude in x (x ≈ scale · x_s8),
            // undone by the first post-op.
            std::byte* low = scratch + shape.low_src_at;
            *static_cast<float*>(shape.activation_scale.get_data_handle()) =
                impl.source_type == dt::u8
                    ? quantize_shifted_u8(x, n_x, reinterpret_cast<std::uint8_t*>(low))
                    : quantize_s8(x, n_x, reinterpret_cast<std::int8_t*>(low), 127.0f);
            std::memset(low + n_x, 0, n_padding);
            shape.low_src_mem.set_data_handle(low);
            break;
        }
    }
    shape.dst_mem.set_data_handle(shape.padded ? static_cast<void*>(scratch + shape.dst_at) : y);
    shape.primitive.execute(stream, shape.args);
    stream.wait();
    if (shape.padded)
        std::memcpy(y, shape.dst_mem.get_data_handle(), sizeof(float) * static_cast<std::size_t>(m) * impl.n_out);
}

}  // namespace attentive::ops
