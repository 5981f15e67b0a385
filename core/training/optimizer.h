#pragma once
// Adam with a learning-rate schedule (warm-up, then inverse-sqrt, linear or cosine decay, or
// decay on plateau) and global gradient-norm clipping. Its state (m, v, step, plateau state)
// saves to a safetensors file and restores bit for bit, so a resumed run continues exactly.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/training/parameters.h"

namespace attentive {

enum class LrSchedule { constant, inverse_sqrt, linear, cosine, plateau };

// "constant", "inverse-sqrt", "linear", "cosine", "plateau". Throws std::invalid_argument.
LrSchedule parse_lr_schedule(const std::string& name);
std::string to_string(LrSchedule schedule);

struct AdamOptions {
    float learning_rate = 1e-3f;   // peak rate, reached at the end of warm-up
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-9f;
    int warmup_steps = 1000;       // linear warm-up from 0 (0: none)
    LrSchedule schedule = LrSchedule::inverse_sqrt;
    std::int64_t total_steps = 0;  // linear/cosine: the step at which the rate reaches min
    float min_learning_rate_ratio = 0.05f;  // linear/cosine floor, and plateau floor
    float plateau_factor = 0.5f;   // plateau: multiply the rate by this ...
    int plateau_patience = 1;      // ... after this many validations without improvement
    float clip_norm = 5.0f;        // global gradient-norm clip (0: off)
};

// Scales every gradient so that their global L2 norm is at most `max_norm` (0: no clipping).
// Returns the norm before clipping.
double clip_gradient_norm(Parameters& gradients, double max_norm);

class Adam {
public:
    // Zero moments shaped like `parameters`. Throws std::invalid_argument for options out of
    // range (rate <= 0, betas outside [0, 1), epsilon < 0, negative warm-up).
    Adam(const Parameters& parameters, AdamOptions options);

    // The learning rate the next step() will use.
    double learning_rate() const;
    // One update with the gradients multiplied by `gradient_scale` (e.g. 1 / target tokens) and
    // clipped to the options' norm, in the same pass (`gradients` themselves are left as they
    // are). Returns the gradient norm after scaling and before clipping. Throws
    // std::invalid_argument when a gradient's name or size does not match the parameters.
    double step(Parameters& parameters, const Parameters& gradients, double gradient_scale = 1.0);

    // Plateau schedule: reports a validation metric; when it fails to improve on the best for
    // plateau_patience reports in a row, the rate is decayed. Other schedules ignore it.
    void report_validation(double metric, bool higher_is_better);

    std::int64_t steps() const { return m_step; }
    const AdamOptions& options() const { return m_options; }
    // The options may change between runs (e.g. a longer schedule on resume); the state stays.
    void set_options(const AdamOptions& options) { m_options = options; }

    // Writes m, v (f32) and the step / plateau state to `path` atomically.
    void save(const std::filesystem::path& path) const;
    // Restores a state written by save(). Throws ModelFormatError naming the file when it is
    // unreadable or its tensors do not match the parameters.
    void load(const std::filesystem::path& path);

private:
    AdamOptions m_options;
    Parameters m_first;    // m
    Parameters m_second;   // v
    std::int64_t m_step = 0;
    double m_plateau_scale = 1.0;
    double m_plateau_best = 0.0;
    bool m_plateau_has_best = false;
    int m_plateau_bad = 0;
};

}  // namespace attentive
