#pragma once
// The heatmap's colour scale: viridis, perceptually uniform and readable by most colour-blind
// viewers.

#include <QColor>

namespace attentive::ui {

// The viridis colour of a weight in [0, 1] (clamped), from a 256-entry table interpolated
// between viridis anchor points.
QColor viridisColor(double value);

}  // namespace attentive::ui
