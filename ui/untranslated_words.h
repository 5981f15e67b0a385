#pragma once
// Source words that may be missing from a translation, for the Translate page: which pieces to
// mark (judged by the engine, core/untranslated_words.h), how the mark looks and what it says.

#include <QString>
#include <QTextCharFormat>
#include <QVector>

#include "ui/engine_types.h"

namespace attentive::ui {

// Per source piece of `sentence` (its best hypothesis's source pieces): true when the piece
// belongs to a word the engine judged possibly missing from the translation
// (SentenceData::untranslated). All false when the engine did not judge the sentence.
QVector<bool> untranslatedPieces(const SentenceData& sentence);

// The mark: a dotted underline in a muted blue over a faint tint of it, unlike a spelling
// checker's wavy red or orange line; readable on light and dark backgrounds.
QTextCharFormat untranslatedFormat(bool dark);

// What the mark means, for its tooltip.
QString untranslatedToolTip();

}  // namespace attentive::ui
