#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/ops/dnnl_context.h"
#include "core/ops/ops.h"

namespace attentive::ops {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

struct Linear::Impl {
    int n_out = 0;
    int n_in = 0;
    bool has_bias = false;
    Precision precision = Precision::f32;
    dnnl::memory weights_mem;  // [n_in, n_out] logical, stored as our [n_out, n_in] (tag ba)
    dnnl::memory bias_mem;     // [1, n_out]
    mutable std::mutex mutex;
    mutable std::map<int, dnnl::matmul> primitives;  // one per row count m

    dnnl::matmul& primitive_for(int m) const {
        std::lock_guard lock(mutex);
        auto it = primitives.find(m);
        if (it != primitives.end()) return it->second;
        const dnnl::memory::dim rows = m;
        dnnl::memory::desc src_md({rows, n_in}, dt::f32, tag::ab);
        dnnl::memory::desc dst_md({rows, n_out}, dt::f32, tag::ab);
        dnnl::matmul::desc desc = has_bias
            ? dnnl::matmul::desc(src_md, weights_mem.get_desc(), bias_mem.get_desc(), dst_md)
            : dnnl::matmul::desc(src_md, weights_mem.get_desc(), dst_md);
        dnnl::matmul::primitive_desc pd(desc, cpu_engine());
        return primitives.emplace(m, dnnl::matmul(pd)).first->second;
    }
};

Linear::Linear(const float* weight, const float* bias, int n_out, int n_in, Precision precision)
    : m_impl(std::make_unique<Impl>()) {
    if (n_out <= 0 || n_in <= 0)
        throw std::invalid_argument("Linear: sizes must be positive, got " + std::to_string(n_out) +
                                    " x " + std::to_string(n_in));
    m_impl->n_out = n_out;
    m_impl->n_in = n_in;
    m_impl->has_bias = bias != nullptr;
    m_impl->precision = precision;
    auto& engine = cpu_engine();
    dnnl::memory::desc weights_md({n_in, n_out}, dt::f32, tag::ba);
    m_impl->weights_mem = dnnl::memory(weights_md, engine);
    std::copy(weight, weight + static_cast<std::size_t>(n_out) * n_in,
              static_cast<float*>(m_impl->weights_mem.get_data_handle()));
    if (bias) {
        m_impl->bias_mem = dnnl::memory({{1, n_out}, dt::f32, tag::ab}, engine);
        std::copy(bias, bias + n_out, static_cast<float*>(m_impl->bias_mem.get_data_handle()));
    }
}

Linear::Linear(Linear&&) noexcept = default;
Linear& Linear::operator=(Linear&&) noexcept = default;
Linear::~Linear() = default;

int Linear::n_in() const { return m_impl->n_in; }
int Linear::n_out() const { return m_impl->n_out; }

void Linear::forward(int m, const float* x, float* y) const {
    if (m <= 0) return;
    auto& primitive = m_impl->primitive_for(m);
    auto& engine = cpu_engine();
    const dnnl::memory::dim rows = m;
    dnnl::memory src_mem({{rows, m_impl->n_in}, dt::f32, tag::ab}, engine, const_cast<float*>(x));
    dnnl::memory dst_mem({{rows, m_impl->n_out}, dt::f32, tag::ab}, engine, y);
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC, src_mem}, {DNNL_ARG_WEIGHTS, m_impl->weights_mem}, {DNNL_ARG_DST, dst_mem}};
    if (m_impl->has_bias) args.emplace(DNNL_ARG_BIAS, m_impl->bias_mem);
    auto& stream = thread_stream();
    primitive.execute(stream, args);
    stream.wait();
}

}  // namespace attentive::ops
