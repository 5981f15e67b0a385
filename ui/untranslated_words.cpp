#include "ui/untranslated_words.h"

#include <QColor>
#include <QCoreApplication>

namespace attentive::ui {

QVector<bool> untranslatedPieces(const SentenceData& sentence) {
    if (sentence.hypotheses.isEmpty()) return {};
    const qsizetype n = sentence.hypotheses.front().attention.sourcePieces.size();
    if (sentence.untranslated.size() == n) return sentence.untranslated;
    return QVector<bool>(n, false);
}

QTextCharFormat untranslatedFormat(bool dark) {
    const QColor line = dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x5f, 0xb4);
    QColor tint = line;
    tint.setAlpha(dark ? 40 : 24);
    QTextCharFormat format;
    format.setUnderlineStyle(QTextCharFormat::DotLine);
    format.setUnderlineColor(line);
    format.setBackground(tint);
    return format;
}

QString untranslatedToolTip() {
    return QCoreApplication::translate(
        "attentive::ui::TranslateView",
        "This word may be missing from the translation: none of its usual translations is in it, "
        "and the model finds the translation more likely without this word than with it.");
}

}  // namespace attentive::ui
