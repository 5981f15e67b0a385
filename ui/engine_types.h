#pragma once
// Plain value types that travel between the GUI thread and the engine worker in signals.
// Widgets see only these, never core types.

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace attentive::ui {

// Attention of one sentence (or one chat reply): rows are target pieces, columns source pieces.
struct AttentionMatrix {
    QStringList sourcePieces;
    QList<bool> sourceWordStart;
    QStringList targetPieces;
    QList<bool> targetWordStart;
    QVector<QVector<float>> weights;  // [target][source]
    // Why an empty matrix is empty, shown in its place ("" for the usual hint).
    QString note;
};

struct TokenAlternative {
    QString piece;
    int id = 0;
    float probability = 0.0f;
};

struct HypothesisData {
    QString text;
    QVector<int> targetIds;
    float score = 0.0f;
    AttentionMatrix attention;
    QVector<QVector<TokenAlternative>> alternatives;  // per target position (may be empty)
};

// How many sentences of a translation come with their attention, alternatives and pieces; the
// others bring their text alone (detailed = false) and are decoded again when a person looks
// at one, so that a long paste costs its text, not its attention.
inline constexpr int kDetailedSentences = 50;

struct SentenceData {
    int index = 0;                    // position in the request's text
    QString source;
    QVector<HypothesisData> hypotheses;  // n-best, best first
    QVector<float> coverage;          // per source piece
    // False: the best hypothesis's text and ids alone (see kDetailedSentences).
    bool detailed = true;
    // Per source piece of the best hypothesis: part of a word that may be missing from the
    // translation (judged by the engine, core/untranslated_words.h). Empty when not judged
    // (chat replies, sentences cut at the length bound, sentences past kDetailedSentences).
    QVector<bool> untranslated;
    // A chat reply recalled from the training dialogues: the message it answered there.
    QString recalledFrom;
};

// A sentence about to be decoded: the source pieces (the heatmap's columns) that every
// attention row of it is over, exactly as the engine encoded them.
struct SentenceStartData {
    int sentence = 0;
    QString source;
    QStringList sourcePieces;
    QList<bool> sourceWordStart;
};

struct StepData {
    int sentence = 0;
    int step = 0;                     // the attention row this step writes (0-based)
    QString piece;                    // "" for the end of sentence
    QString rowLabel;                 // the row's label: the piece, or "</s>" at the end
    bool wordStart = false;
    QString textSoFar;
    QVector<float> attentionRow;      // over the sentence's source pieces; empty: no row
    bool endOfSentence = false;
};

struct ResultData {
    QVector<SentenceData> sentences;
    QString text;
    double seconds = 0.0;
    qint64 targetTokens = 0;
};

// Decoding settings of one request (mirrors core DecodeOptions; -1 / empty = the model's default).
struct DecodeSettings {
    QString strategy;          // "" (model default), "greedy", "beam", "sample"
    int beamSize = -1;
    int nBest = -1;
    float lengthPenalty = -1.0f;
    float maxLengthRatio = -1.0f;
    float temperature = -1.0f;
    int topK = -1;
    float topP = -1.0f;
    qint64 seed = -1;
    float repetitionPenalty = -1.0f;
    int noRepeatNgramSize = -1;
    QVector<int> targetPrefix;  // forced target ids (re-decode after choosing an alternative)
    int alternatives = 0;       // top-k alternatives per position
    bool rerankWithReverse = true;  // false: no reranking with a translator's reverse model
    // Into German and French: "" chooses per text (core Translator::translate), "formal" says
    // "Sie" and "vous", "familiar" "du" and "tu" (DecodeOptions::formal_address, familiar_address).
    QString address;
    QStringList avoidedReplies;     // chat: replies not to give again (Regenerate's earlier ones)
};

struct ModelInfo {
    QString path;
    QString name;
    QString task;              // "translate" | "chat"
    QString sourceLanguage;
    QString targetLanguage;
    QString precision;
    qint64 parameters = 0;
    qint64 sizeBytes = 0;
    QString card;              // card.md text
};

}  // namespace attentive::ui

Q_DECLARE_METATYPE(attentive::ui::SentenceStartData)
Q_DECLARE_METATYPE(attentive::ui::StepData)
Q_DECLARE_METATYPE(attentive::ui::SentenceData)
Q_DECLARE_METATYPE(attentive::ui::ResultData)
Q_DECLARE_METATYPE(attentive::ui::ModelInfo)
Q_DECLARE_METATYPE(attentive::ui::AttentionMatrix)
Q_DECLARE_METATYPE(attentive::ui::DecodeSettings)
