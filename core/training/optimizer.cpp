#include "core/training/optimizer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <numbers>
#include <stdexcept>

#include "core/errors.h"
#include "core/ops/vector_dispatch.h"
#include "core/safetensors.h"

namespace attentive {

namespace {

// Shortest decimal spelling that reads back to the same double.
std::string exact(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

double parse_exact(const std::map<std::string, std::string>& metadata, const std::string& key,
                   const std::filesystem::path& path) {
    auto it = metadata.find(key);
    if (it == metadata.end()) {
        throw ModelFormatError("optimizer state '" + path.string() + "' lacks metadata '" + key + "'");
    }
    double value = 0.0;
    const auto result = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
    if (result.ec != std::errc() || result.ptr != it->second.data() + it->second.size()) {
        throw ModelFormatError("optimizer state '" + path.string() + "': metadata '" + key +
                               "' is not a number: '" + it->second + "'");
    }
    return value;
}

}  // namespace

LrSchedule parse_lr_schedule(const std::string& name) {
    if (name == "constant") return LrSchedule::constant;
    if (name == "inverse-sqrt" || name == "inverse_sqrt" || name == "rsqrt") return LrSchedule::inverse_sqrt;
    if (name == "linear") return LrSchedule::linear;
    if (name == "cosine") return LrSchedule::cosine;
    if (name == "plateau") return LrSchedule::plateau;
    throw std::invalid_argument("unknown learning-rate schedule '" + name +
                                "' (expected constant, inverse-sqrt, linear, cosine or plateau)");
}

std::string to_string(LrSchedule schedule) {
    switch (schedule) {
        case LrSchedule::constant: return "constant";
        case LrSchedule::inverse_sqrt: return "inverse-sqrt";
        case LrSchedule::linear: return "linear";
        case LrSchedule::cosine: return "cosine";
        case LrSchedule::plateau: return "plateau";
    }
    return "?";
}

namespace {

// Element loops over a tensor are split over oneDNN's OpenMP threads from this size on.
constexpr std::int64_t kParallelFrom = 32768;

void scale_in_place(std::vector<float>& values, float factor) {
    float* v = values.data();
    const auto n = static_cast<std::int64_t>(values.size());
#pragma omp parallel for schedule(static) if (n >= kParallelFrom)
    for (std::int64_t i = 0; i < n; ++i) v[i] *= factor;
}

// Σ x² of one block in 8 double lanes: the same sums, in the same order, at every vector width.
ATTENTIVE_VECTOR_BODY double block_sum_of_squares_body(const float* values, std::int64_t count) {
    double lanes[8] = {};
    std::int64_t i = 0;
    for (; i + 8 <= count; i += 8)
        for (int l = 0; l < 8; ++l) lanes[l] += static_cast<double>(values[i + l]) * values[i + l];
    double sum = 0.0;
    for (; i < count; ++i) sum += static_cast<double>(values[i]) * values[i];
    for (double lane : lanes) sum += lane;
    return sum;
}
ATTENTIVE_VECTOR_VARIANTS(double, block_sum_of_squares, (const float* values, std::int64_t count), (values, count))

// Σ v² in double, summed per fixed block and then block by block in order: the same bits
// whatever the number of threads, so that training stays reproducible across thread counts.
double sum_of_squares(const std::vector<float>& values) {
    constexpr std::int64_t kBlock = 4096;
    const auto n = static_cast<std::int64_t>(values.size());
    const std::int64_t blocks = (n + kBlock - 1) / kBlock;
    std::vector<double> partial(static_cast<std::size_t>(blocks));
#pragma omp parallel for schedule(static) if (n >= kParallelFrom)
    for (std::int64_t b = 0; b < blocks; ++b) {
        const std::int64_t begin = b * kBlock, end = std::min(n, (b + 1) * kBlock);
        partial[static_cast<std::size_t>(b)] = block_sum_of_squares(values.data() + begin, end - begin);
    }
    double sum = 0.0;
    for (double p : partial) sum += p;
    return sum;
}

// One tensor's Adam update over [begin, end).
ATTENTIVE_VECTOR_BODY void adam_update_body(std::int64_t begin, std::int64_t end, float* __restrict p,
                                            const float* __restrict g, float* __restrict m, float* __restrict v,
                                            float factor, float b1, float b2, float step_size,
                                            float root_correction2, float eps) {
    for (std::int64_t i = begin; i < end; ++i) {
        const float gradient = g[i] * factor;
        m[i] = b1 * m[i] + (1.0f - b1) * gradient;
        v[i] = b2 * v[i] + (1.0f - b2) * gradient * gradient;
        p[i] -= step_size * m[i] / (std::sqrt(v[i]) / root_correction2 + eps);
    }
}
ATTENTIVE_VECTOR_VARIANTS(void, adam_update,
                          (std::int64_t begin, std::int64_t end, float* p, const float* g, float* m, float* v,
                           float factor, float b1, float b2, float step_size, float root_correction2, float eps),
                          (begin, end, p, g, m, v, factor, b1, b2, step_size, root_correction2, eps))

double gradient_norm(const Parameters& gradients) {
    double sum = 0.0;
    for (const auto& [name, tensor] : gradients) sum += sum_of_squares(tensor.values);
    return std::sqrt(sum);
}

}  // namespace

double clip_gradient_norm(Parameters& gradients, double max_norm) {
    const double norm = gradient_norm(gradients);
    if (max_norm > 0.0 && norm > max_norm) {
        const float factor = static_cast<float>(max_norm / norm);
        for (auto& [name, tensor] : gradients) scale_in_place(tensor.values, factor);
    }
    return norm;
}

Adam::Adam(const Parameters& parameters, AdamOptions options) : m_options(options) {
    if (!(options.learning_rate > 0.0f) || options.beta1 < 0.0f || options.beta1 >= 1.0f ||
        options.beta2 < 0.0f || options.beta2 >= 1.0f || options.epsilon < 0.0f ||
        options.warmup_steps < 0 || options.clip_norm < 0.0f) {
        throw std::invalid_argument(
            "Adam: options out of range (need learning_rate > 0, betas in [0, 1), epsilon >= 0, "
            "warmup_steps >= 0, clip_norm >= 0)");
    }
    for (const auto& [name, tensor] : parameters) {
        m_first.emplace(name, Tensor(tensor.shape));
        m_second.emplace(name, Tensor(tensor.shape));
    }
}

double Adam::learning_rate() const {
    const double peak = m_options.learning_rate;
    const double step = static_cast<double>(m_step + 1);  // the step about to be taken
    const double warmup = m_options.warmup_steps;
    if (warmup > 0 && step <= warmup) return peak * step / warmup;
    const double floor = peak * m_options.min_learning_rate_ratio;
    switch (m_options.schedule) {
        case LrSchedule::constant:
            return peak;
        case LrSchedule::inverse_sqrt:
            return warmup > 0 ? peak * std::sqrt(warmup / step) : peak / std::sqrt(step);
        case LrSchedule::linear:
        case LrSchedule::cosine: {
            const double span = static_cast<double>(m_options.total_steps) - warmup;
            if (span <= 0) return peak;
            const double progress = std::clamp((step - warmup) / span, 0.0, 1.0);
            const double shape = m_options.schedule == LrSchedule::linear
                                     ? 1.0 - progress
                                     : 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
            return floor + (peak - floor) * shape;
        }
        case LrSchedule::plateau:
            return std::max(floor, peak * m_plateau_scale);
    }
    return peak;
}

double Adam::step(Parameters& parameters, const Parameters& gradients, double gradient_scale) {
    if (gradients.size() != parameters.size()) {
        throw std::invalid_argument("Adam::step: " + std::to_string(gradients.size()) +
                                    " gradients for " + std::to_string(parameters.size()) +
                                    " parameters");
    }
    // Scaling and clipping are folded into the update's one pass over the gradients.
    const double norm = gradient_norm(gradients) * std::fabs(gradient_scale);
    const double clip = m_options.clip_norm > 0.0f && norm > m_options.clip_norm ? m_options.clip_norm / norm : 1.0;
    const float factor = static_cast<float>(gradient_scale * clip);
    const double rate = learning_rate();
    ++m_step;
    const double beta1 = m_options.beta1, beta2 = m_options.beta2;
    // Bias corrections folded into the step size (as in the Adam paper's efficient form).
    const double correction1 = 1.0 - std::pow(beta1, static_cast<double>(m_step));
    const double correction2 = 1.0 - std::pow(beta2, static_cast<double>(m_step));
    const float step_size = static_cast<float>(rate / correction1);
    const float root_correction2 = static_cast<float>(std::sqrt(correction2));
    const float b1 = m_options.beta1, b2 = m_options.beta2, eps = m_options.epsilon;
    for (auto& [name, parameter] : parameters) {
        auto g_it = gradients.find(name);
        auto m_it = m_first.find(name);
        auto v_it = m_second.find(name);
        if (g_it == gradients.end() || m_it == m_first.end() ||
            g_it->second.values.size() != parameter.values.size() ||
            m_it->second.values.size() != parameter.values.size()) {
            throw std::invalid_argument("Adam::step: gradient or state for tensor '" + name +
                                        "' is missing or has the wrong size");
        }
        float* p = parameter.values.data();
        const float* g = g_it->second.values.data();
        float* m = m_it->second.values.data();
        float* v = v_it->second.values.data();
        const auto n = static_cast<std::int64_t>(parameter.values.size());
        // Blocks of the tensor over the threads, each one vectorised call.
        constexpr std::int64_t kBlock = 16384;
        const std::int64_t blocks = (n + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static) if (n >= kParallelFrom)
        for (std::int64_t b = 0; b < blocks; ++b)
            adam_update(b * kBlock, std::min(n, (b + 1) * kBlock), p, g, m, v, factor, b1, b2, step_size,
                        root_correction2, eps);
    }
    return norm;
}

void Adam::report_validation(double metric, bool higher_is_better) {
    if (m_options.schedule != LrSchedule::plateau) return;
    const bool improved = !m_plateau_has_best ||
                          (higher_is_better ? metric > m_plateau_best : metric < m_plateau_best);
    if (improved) {
        m_plateau_best = metric;
        m_plateau_has_best = true;
        m_plateau_bad = 0;
        return;
    }
    if (++m_plateau_bad >= std::max(1, m_options.plateau_patience)) {
        m_plateau_scale *= m_options.plateau_factor;
        m_plateau_bad = 0;
    }
}

void Adam::save(const std::filesystem::path& path) const {
    std::map<std::string, TensorToWrite> tensors;
    for (const auto& [name, tensor] : m_first) tensors["m." + name] = {tensor.shape, tensor.values, DType::f32};
    for (const auto& [name, tensor] : m_second) tensors["v." + name] = {tensor.shape, tensor.values, DType::f32};
    const std::map<std::string, std::string> metadata = {
        {"step", std::to_string(m_step)},
        {"plateau_scale", exact(m_plateau_scale)},
        {"plateau_best", exact(m_plateau_best)},
        {"plateau_has_best", m_plateau_has_best ? "1" : "0"},
        {"plateau_bad", std::to_string(m_plateau_bad)},
    };
    write_safetensors(path, tensors, metadata);
}

void Adam::load(const std::filesystem::path& path) {
    const SafetensorsFile file = SafetensorsFile::open(path);
    auto restore = [&](Parameters& state, const std::string& prefix) {
        for (auto& [name, tensor] : state) {
            const std::string key = prefix + name;
            if (!file.contains(key)) {
                throw ModelFormatError("optimizer state '" + path.string() + "' lacks tensor '" +
                                       key + "' (was the model changed?)");
            }
            const TensorView& view = file.tensor(key);
            if (view.shape != tensor.shape) {
                throw ModelFormatError("optimizer state '" + path.string() + "': tensor '" + key +
                                       "' has shape " + shape_string(view.shape) + ", expected " +
                                       shape_string(tensor.shape));
            }
            to_f32(view, tensor.values);
        }
    };
    restore(m_first, "m.");
    restore(m_second, "v.");
    const auto& metadata = file.metadata();
    m_step = static_cast<std::int64_t>(parse_exact(metadata, "step", path));
    m_plateau_scale = parse_exact(metadata, "plateau_scale", path);
    m_plateau_best = parse_exact(metadata, "plateau_best", path);
    m_plateau_has_best = parse_exact(metadata, "plateau_has_best", path) != 0.0;
    m_plateau_bad = static_cast<int>(parse_exact(metadata, "plateau_bad", path));
}

}  // namespace attentive
