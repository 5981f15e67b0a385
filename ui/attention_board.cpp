#include "ui/attention_board.h"

#include <algorithm>

#include "ui/engine_service.h"

namespace attentive::ui {

namespace {

// Ended requests kept for requestAttention(): a page asks right after the request ends.
constexpr int kEndedKept = 8;

}  // namespace

AttentionMatrix blockDiagonal(const QVector<AttentionMatrix>& parts) {
    if (parts.size() == 1) return parts.first();
    AttentionMatrix out;
    qsizetype sourceOffset = 0;
    for (const AttentionMatrix& part : parts) {
        const qsizetype sourceCount = sourceOffset + part.sourcePieces.size();
        for (QVector<float>& row : out.weights) row.resize(sourceCount);
        for (const QVector<float>& row : part.weights) {
            QVector<float> wide(sourceCount, 0.0f);
            std::copy_n(row.begin(), std::min(row.size(), part.sourcePieces.size()),
                        wide.begin() + sourceOffset);
            out.weights.append(wide);
        }
        out.sourcePieces += part.sourcePieces;
        out.sourceWordStart += part.sourceWordStart;
        out.targetPieces += part.targetPieces;
        out.targetWordStart += part.targetWordStart;
        sourceOffset = sourceCount;
    }
    return out;
}

AttentionBoard::AttentionBoard(EngineService* service, QObject* parent) : QObject(parent) {
    if (!service) return;
    connect(service, &EngineService::sentenceStarted, this, &AttentionBoard::sentenceStarted);
    connect(service, &EngineService::step, this, &AttentionBoard::step);
    connect(service, &EngineService::sentenceDone, this, &AttentionBoard::sentenceDone);
    connect(service, &EngineService::finished, this, [this](quint64 id) { ended(id); });
    connect(service, &EngineService::failed, this, [this](quint64 id) { ended(id); });
    connect(service, &EngineService::cancelled, this, [this](quint64 id) { ended(id); });
}

void AttentionBoard::follow(quint64 id, Page page, const QString& context, const QString& model) {
    Request request;
    request.page = page;
    request.context = context;
    request.model = model;
    m_requests.insert(id, request);
    setShown(key(page, context), {{}, model, id, {}});
}

void AttentionBoard::show(Page page, const QString& context, const AttentionMatrix& matrix,
                          const QString& model) {
    setShown(key(page, context), {matrix, model, 0, {}});
}

void AttentionBoard::show(Page page, const QString& context, const QVector<AttentionMatrix>& hypotheses,
                          const QString& model) {
    if (hypotheses.isEmpty()) return clear(page, context);
    setShown(key(page, context), {hypotheses.first(), model, 0, hypotheses.size() > 1 ? hypotheses : QVector<AttentionMatrix>{}});
}

void AttentionBoard::clear(Page page, const QString& context) { setShown(key(page, context), {}); }

void AttentionBoard::setCurrentPage(Page page) {
    if (page == m_page) return;
    m_page = page;
    const Shown& now = shown();
    emit matrixShown(now.matrix, now.model);
}

void AttentionBoard::setCurrentContext(Page page, const QString& context) {
    if (m_context.value(static_cast<int>(page)) == context) return;
    m_context.insert(static_cast<int>(page), context);
    if (page != m_page) return;
    const Shown& now = shown();
    emit matrixShown(now.matrix, now.model);
}

const AttentionBoard::Shown& AttentionBoard::shown() const {
    return shown(m_page, m_context.value(static_cast<int>(m_page)));
}

const AttentionBoard::Shown& AttentionBoard::shown(Page page, const QString& context) const {
    static const Shown nothing;
    const auto found = m_shown.constFind(key(page, context));
    return found == m_shown.constEnd() ? nothing : *found;
}

AttentionMatrix AttentionBoard::requestAttention(quint64 id) const {
    const auto found = m_requests.constFind(id);
    if (found == m_requests.constEnd()) return {};
    QVector<AttentionMatrix> parts;
    for (const AttentionMatrix& sentence : found->sentences)
        if (!sentence.weights.isEmpty()) parts.append(sentence);
    return parts.isEmpty() ? AttentionMatrix{} : blockDiagonal(parts);
}

void AttentionBoard::sentenceStarted(quint64 id, const SentenceStartData& start) {
    const auto found = m_requests.find(id);
    if (found == m_requests.end()) return;
    AttentionMatrix matrix;
    matrix.sourcePieces = start.sourcePieces;
    matrix.sourceWordStart = start.sourceWordStart;
    found->sentences.insert(start.sentence, matrix);
    if (found->liveSentence < 0) showLiveSentence(id, *found);
}

void AttentionBoard::step(quint64 id, const StepData& step) {
    const auto found = m_requests.find(id);
    if (found == m_requests.end() || step.attentionRow.isEmpty()) return;
    const auto sentence = found->sentences.find(step.sentence);
    // The engine sends a sentence's pieces before its steps, and rows over exactly those pieces.
    if (sentence == found->sentences.end() || step.step < 0 ||
        step.attentionRow.size() != sentence->sourcePieces.size())
        return;
    AttentionMatrix& matrix = *sentence;
    // A step writes row `step`: beam search may switch to another hypothesis, whose earlier
    // rows replace what was shown (the finished sentence brings its exact matrix).
    const bool rewound = step.step < matrix.weights.size();
    const qsizetype kept = std::min<qsizetype>(step.step, matrix.weights.size());
    matrix.weights.resize(kept);
    matrix.targetPieces.resize(kept);
    matrix.targetWordStart.resize(kept);
    if (step.step > kept) return;  // a row was skipped: wait for the finished sentence
    matrix.weights.append(step.attentionRow);
    matrix.targetPieces.append(step.rowLabel);
    matrix.targetWordStart.append(step.wordStart);
    if (step.sentence != found->liveSentence) return;
    Shown* view = following(id, *found);
    if (!view) return;
    view->matrix = matrix;
    if (!isCurrent(key(found->page, found->context))) return;
    if (rewound) emit matrixShown(view->matrix, view->model);
    else emit rowAdded(step.rowLabel, step.wordStart, step.attentionRow);
}

void AttentionBoard::sentenceDone(quint64 id, const SentenceData& sentence) {
    const auto found = m_requests.find(id);
    if (found == m_requests.end()) return;
    found->done.insert(sentence.index);
    const AttentionMatrix& exact = sentence.hypotheses.isEmpty() ? AttentionMatrix{}
                                                                 : sentence.hypotheses.front().attention;
    found->sentences.insert(sentence.index, exact);
    if (sentence.index != found->liveSentence) return;
    found->liveSentence = -1;
    showLiveSentence(id, *found);
    // The last sentence stays shown, in its exact form, until the page shows something else.
    if (found->liveSentence < 0)
        if (Shown* view = following(id, *found)) {
            view->matrix = exact;
            if (isCurrent(key(found->page, found->context))) emit matrixShown(view->matrix, view->model);
        }
}

void AttentionBoard::ended(quint64 id) {
    if (!m_requests.contains(id) || m_ended.contains(id)) return;
    m_ended.append(id);
    while (m_ended.size() > kEndedKept) m_requests.remove(m_ended.takeFirst());
}

void AttentionBoard::showLiveSentence(quint64 id, Request& request) {
    for (auto it = request.sentences.cbegin(); it != request.sentences.cend(); ++it) {
        if (request.done.contains(it.key())) continue;
        request.liveSentence = it.key();
        if (Shown* view = following(id, request)) {
            view->matrix = it.value();
            if (isCurrent(key(request.page, request.context))) emit matrixShown(view->matrix, view->model);
        }
        return;
    }
}

AttentionBoard::Shown* AttentionBoard::following(quint64 id, const Request& request) {
    const auto found = m_shown.find(key(request.page, request.context));
    return found != m_shown.end() && found->liveRequest == id ? &*found : nullptr;
}

void AttentionBoard::setShown(const Key& where, Shown shown) {
    m_shown.insert(where, std::move(shown));
    if (isCurrent(where)) emit matrixShown(m_shown[where].matrix, m_shown[where].model);
}

bool AttentionBoard::isCurrent(const Key& where) const {
    return where.first == static_cast<int>(m_page) &&
           where.second == m_context.value(static_cast<int>(m_page));
}

}  // namespace attentive::ui
