#pragma once
// The one path from the engine's attention to the heatmap. The board follows the decode
// requests that the pages start, builds each sentence's matrix from the engine's own events
// (the sentence's source pieces first, then one row per step), and remembers what each page
// shows, per conversation. The heatmap shows what the current page shows; pages never talk to
// the heatmap, and nothing has to be sent again when a tab comes back.

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>

#include "ui/engine_types.h"

namespace attentive::ui {

class EngineService;

class AttentionBoard : public QObject {
    Q_OBJECT
public:
    enum class Page { Chat, Translate };

    // What a page shows: a matrix (maybe empty, maybe still filling) and the model it came from.
    struct Shown {
        AttentionMatrix matrix;
        QString model;
        quint64 liveRequest = 0;  // the request filling it, 0 when finished
        // A finished sentence's n-best hypotheses (matrix is the first), when there are several.
        QVector<AttentionMatrix> hypotheses;
    };

    explicit AttentionBoard(EngineService* service, QObject* parent = nullptr);

    // Shows request `id`'s attention live on `page` in `context` (a conversation id; "" for the
    // Translate page), starting from an empty map. `model` names the model that decodes it.
    void follow(quint64 id, Page page, const QString& context, const QString& model);
    // Shows a finished matrix (a saved message, a chosen sentence) on `page` in `context`.
    void show(Page page, const QString& context, const AttentionMatrix& matrix, const QString& model);
    // The same with a beam search's n-best hypotheses, best first (one at least).
    void show(Page page, const QString& context, const QVector<AttentionMatrix>& hypotheses,
              const QString& model);
    void clear(Page page, const QString& context);
    // What the person looks at: the heatmap follows the current page and its context.
    void setCurrentPage(Page page);
    void setCurrentContext(Page page, const QString& context);
    Page currentPage() const { return m_page; }

    const Shown& shown() const;                                  // on the current page
    const Shown& shown(Page page, const QString& context) const;
    // The attention of request `id` so far: its sentences in order, side by side in one
    // block-diagonal matrix. Every row has one weight per source piece, and one label. Empty
    // when the request is not followed (the last few ended requests are kept).
    AttentionMatrix requestAttention(quint64 id) const;

signals:
    // The current page shows another matrix (possibly empty, possibly the first rows of a live one).
    void matrixShown(const attentive::ui::AttentionMatrix& matrix, const QString& model);
    // A row was added to the live matrix that the current page shows.
    void rowAdded(const QString& label, bool wordStart, const QVector<float>& row);

private:
    struct Request {
        Page page = Page::Chat;
        QString context;
        QString model;
        QMap<int, AttentionMatrix> sentences;  // in input order
        QSet<int> done;
        int liveSentence = -1;                 // the sentence shown while decoding
    };
    using Key = QPair<int, QString>;
    static Key key(Page page, const QString& context) { return {static_cast<int>(page), context}; }

    void sentenceStarted(quint64 id, const SentenceStartData& start);
    void step(quint64 id, const StepData& step);
    void sentenceDone(quint64 id, const SentenceData& sentence);
    void ended(quint64 id);
    // Shows the earliest unfinished sentence of request `id` on the view that follows it.
    void showLiveSentence(quint64 id, Request& request);
    void setShown(const Key& where, Shown shown);
    bool isCurrent(const Key& where) const;
    Shown* following(quint64 id, const Request& request);

    QHash<quint64, Request> m_requests;
    QList<quint64> m_ended;                    // oldest first; only a few are kept
    QHash<Key, Shown> m_shown;
    Page m_page = Page::Translate;
    QHash<int, QString> m_context;             // page -> its current context
};

// Sentences side by side: each one's rows over its own columns, zeros elsewhere.
AttentionMatrix blockDiagonal(const QVector<AttentionMatrix>& parts);

}  // namespace attentive::ui
