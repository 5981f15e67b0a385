#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/ops/dnnl_context.h"
#include "core/ops/ops.h"

namespace attentive::ops {

namespace {

// One primitive per (rows, width) and thread, with the memory objects the caller's buffers are
// attached to per call.
struct LogSoftmaxShape {
    dnnl::logsoftmax_forward primitive;
    dnnl::memory src, dst;
};

LogSoftmaxShape& shape_for(int rows, int width) {
    thread_local std::map<std::pair<int, int>, LogSoftmaxShape> shapes;
    auto it = shapes.find({rows, width});
    if (it != shapes.end()) return it->second;
    const dnnl::memory::desc md({rows, width}, dnnl::memory::data_type::f32, dnnl::memory::format_tag::ab);
    const dnnl::logsoftmax_forward::desc desc(dnnl::prop_kind::forward_inference, md, 1);
    LogSoftmaxShape shape;
    shape.primitive = dnnl::logsoftmax_forward({desc, cpu_engine()});
    shape.src = dnnl::memory(md, cpu_engine(), nullptr);
    shape.dst = dnnl::memory(md, cpu_engine(), nullptr);
    return shapes.emplace(std::make_pair(rows, width), std::move(shape)).first->second;
}

}  // namespace

void log_softmax(int rows, int width, const float* x, float* y) {
    if (width <= 0)
        throw std::invalid_argument("log_softmax: the width must be positive, got " + std::to_string(width));
    if (rows <= 0) return;
    LogSoftmaxShape& shape = shape_for(rows, width);
    shape.src.set_data_handle(const_cast<float*>(x));
    shape.dst.set_data_handle(y);
    auto& stream = thread_stream();
    shape.primitive.execute(stream, {{DNNL_ARG_SRC, shape.src}, {DNNL_ARG_DST, shape.dst}});
    stream.wait();
    // A row with no finite entry has no distribution: x - max is NaN throughout. Give it
    // probability zero everywhere, as its entries asked.
    for (int r = 0; r < rows; ++r) {
        float* row = y + static_cast<std::size_t>(r) * width;
        if (std::isnan(row[0])) std::fill(row, row + width, -std::numeric_limits<float>::infinity());
    }
}

}  // namespace attentive::ops
