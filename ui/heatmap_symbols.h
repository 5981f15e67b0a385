#pragma once
// The legend of the symbols the heatmap's labels use: a continuation dot, the space piece, the
// end of sentence and the chat turn separator.

#include <QString>

namespace attentive::ui {

class HeatmapModel;

// One line naming the symbols that appear in `model`'s labels ("·ing continues a word   ␣ a
// space ..."), empty when none does.
QString heatmapSymbolsInUse(const HeatmapModel& model);
// Every symbol with what it means, one a line, for a tooltip.
QString heatmapSymbolLegend();

}  // namespace attentive::ui
