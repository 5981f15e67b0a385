#pragma once
// What the app shows about a model folder without loading its weights: config.json's name,
// task, languages and parameter count, the folder's size and its card.

#include <QString>

#include "ui/engine_types.h"

namespace attentive::ui {

// The largest card.md (or README.md) read; a bigger one is not shown.
constexpr qint64 kMaxModelCardBytes = 1024 * 1024;

// Reads `modelDir`'s config.json (validated by core::load_config), the sizes of its files, and
// card.md (else README.md) when it is a regular file of at most kMaxModelCardBytes: a FIFO, a
// device or a huge card is never opened (it could hang or bloat start-up); the card text then
// says why it is missing. Throws what core::load_config throws.
ModelInfo readModelInfo(const QString& modelDir);

}  // namespace attentive::ui
