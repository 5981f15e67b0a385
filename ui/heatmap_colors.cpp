#include "ui/heatmap_colors.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace attentive::ui {

namespace {

// Ten evenly spaced samples of matplotlib's viridis (positions i / 9); the full table is
// interpolated between them. Viridis is perceptually uniform and readable by most colour-blind
// viewers, and dark-to-bright also works in grey scale.
constexpr std::array<std::array<int, 3>, 10> kViridisAnchors{{
    {0x44, 0x01, 0x54},
    {0x48, 0x28, 0x78},
    {0x3e, 0x4a, 0x89},
    {0x31, 0x68, 0x8e},
    {0x26, 0x82, 0x8e},
    {0x1f, 0x9e, 0x89},
    {0x35, 0xb7, 0x79},
    {0x6d, 0xcd, 0x59},
    {0xb4, 0xde, 0x2c},
    {0xfd, 0xe7, 0x25},
}};

const std::array<QRgb, 256>& viridisTable() {
    static const std::array<QRgb, 256> table = [] {
        std::array<QRgb, 256> t{};
        const int segments = int(kViridisAnchors.size()) - 1;
        for (int i = 0; i < 256; ++i) {
            const double x = double(i) / 255.0 * segments;
            const int k = std::min(int(x), segments - 1);
            const double f = x - k;
            const auto& a = kViridisAnchors[k];
            const auto& b = kViridisAnchors[k + 1];
            auto mix = [f](int u, int v) { return int(std::lround(u + (v - u) * f)); };
            t[i] = qRgb(mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]));
        }
        return t;
    }();
    return table;
}

}  // namespace

QColor viridisColor(double value) {
    if (!std::isfinite(value))
        value = 0.0;
    const int i = int(std::lround(std::clamp(value, 0.0, 1.0) * 255.0));
    return QColor::fromRgb(viridisTable()[i]);
}

// ---------------------------------------------------------------------------------------------
// Layout and painting, shared by the screen, PNG and SVG

}  // namespace attentive::ui
