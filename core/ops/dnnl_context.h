#pragma once
// The process-wide oneDNN CPU engine and a stream per thread (oneDNN streams are not
// thread-safe). Internal to core/ops.

#include <oneapi/dnnl/dnnl.hpp>

namespace attentive::ops {

dnnl::engine& cpu_engine();
dnnl::stream& thread_stream();

}  // namespace attentive::ops
