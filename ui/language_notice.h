#pragma once
// A bar above the translation that says when the source text is not in the selected source
// language ("This text looks French, not English") and offers the installed pair that reads
// that language, in one click; or, when the page switched to that pair by itself (a text that
// arrived whole, e.g. an opened file), says so and offers the way back. Hidden otherwise.

#include <QFrame>
#include <QString>
#include <QVector>

#include "ui/engine_types.h"

class QLabel;
class QPushButton;

namespace attentive::ui {

class LanguageNotice : public QFrame {
    Q_OBJECT
public:
    explicit LanguageNotice(QWidget* parent = nullptr);

    // Identifies the language of `text` (its first few thousand characters) and shows the
    // notice when it is not `current`'s source language. The offered pair reads that language,
    // into `current`'s target language when such a model is among `models`, else into any.
    void check(const QString& text, const ModelInfo& current, const QVector<ModelInfo>& models);
    // Says that `text` is translated with `to` because it looks like `to`'s source language,
    // and offers `from` back. Kept while the text and the pair stay the same.
    void announceSwitch(const QString& text, const ModelInfo& from, const ModelInfo& to);
    // The language the text looks like when the notice is shown ("" otherwise).
    QString detectedLanguage() const { return m_detected; }
    // The model folder the button selects ("" when no installed pair reads the language).
    QString offeredModel() const { return m_offered; }

signals:
    // The user asked for the offered pair.
    void modelRequested(const QString& folder);

private:
    QLabel* m_message = nullptr;
    QPushButton* m_switch = nullptr;
    QString m_detected;
    QString m_offered;
    QString m_switchedText;  // the text announceSwitch was for ("" when not announcing)
    QString m_switchedTo;    // and the pair it switched to
};

}  // namespace attentive::ui
