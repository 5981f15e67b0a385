#include "ui/untranslated_words.h"

#include <QColor>
#include <QCoreApplication>

#include <string>
#include <vector>

#include "core/decoding/coverage_flags.h"

namespace attentive::ui {

QVector<bool> untranslatedPieces(const SentenceData& sentence, const QString& sourceLanguage) {
    if (sentence.hypotheses.isEmpty()) return {};
    const HypothesisData& best = sentence.hypotheses.front();
    const AttentionMatrix& matrix = best.attention;
    const qsizetype n = matrix.sourcePieces.size();
    QVector<bool> marked(n, false);
    if (n == 0 || matrix.sourceWordStart.size() != n) return marked;
    std::vector<std::string> pieces;
    pieces.reserve(std::size_t(n));
    for (const QString& piece : matrix.sourcePieces) pieces.push_back(piece.toStdString());
    const std::vector<bool> wordStart(matrix.sourceWordStart.begin(), matrix.sourceWordStart.end());
    // One row per target piece: the EOS row, when there is one, is left out.
    AttentionRows attention;
    for (qsizetype t = 0; t < best.targetIds.size() && t < matrix.weights.size(); ++t) {
        if (matrix.weights[t].size() != n) return marked;
        attention.emplace_back(matrix.weights[t].begin(), matrix.weights[t].end());
    }
    // The probability of each written piece, from the model's top choices (0 when it was not
    // among them; 1 for every piece when the request asked for no alternatives).
    std::vector<float> probability;
    if (best.alternatives.size() >= qsizetype(attention.size())) {
        probability.assign(attention.size(), 0.0f);
        for (std::size_t t = 0; t < attention.size(); ++t)
            for (const TokenAlternative& choice : best.alternatives[qsizetype(t)])
                if (choice.id == best.targetIds[qsizetype(t)]) probability[t] = choice.probability;
    }
    for (const SourceWord& word :
         unsupported_words(pieces, wordStart, attention, probability, sourceLanguage.toStdString()))
        for (std::size_t s = word.first_piece; s < word.end_piece; ++s) marked[qsizetype(s)] = true;
    return marked;
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
        "This word may be missing from the translation: little attention went to it, or the model "
        "looked at it while writing words it did not expect there.");
}

}  // namespace attentive::ui
