#include "ui/language_notice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "core/text/language_id.h"
#include "ui/language_name.h"

namespace attentive::ui {

namespace {

// Enough text to tell a language; a long file is not read to its end.
constexpr int kSampleCharacters = 4000;

}  // namespace

LanguageNotice::LanguageNotice(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("languageNotice"));
    setFrameShape(QFrame::StyledPanel);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("languageNoticeMessage"));
    m_message->setWordWrap(true);
    m_switch = new QPushButton(this);
    m_switch->setObjectName(QStringLiteral("languageNoticeSwitch"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_switch);
    connect(m_switch, &QPushButton::clicked, this, [this] {
        if (!m_offered.isEmpty()) emit modelRequested(m_offered);
    });
    setVisible(false);
}

void LanguageNotice::check(const QString& text, const ModelInfo& current, const QVector<ModelInfo>& models) {
    if (!m_switchedText.isEmpty() && text == m_switchedText && current.path == m_switchedTo) return;
    m_switchedText.clear();
    m_switchedTo.clear();
    const LanguageGuess guess = identify_language(text.left(kSampleCharacters).toStdString());
    const QString detected = QString::fromStdString(guess.language);
    m_detected.clear();
    m_offered.clear();
    if (current.sourceLanguage.isEmpty() || !not_in_language(guess, current.sourceLanguage.toStdString())) {
        setVisible(false);
        return;
    }
    m_detected = detected.isEmpty() ? QStringLiteral("other") : detected;
    for (const ModelInfo& model : models) {
        if (detected.isEmpty() || model.task != QLatin1String("translate") || model.sourceLanguage != detected)
            continue;
        if (m_offered.isEmpty() || model.targetLanguage == current.targetLanguage) m_offered = model.path;
        if (model.targetLanguage == current.targetLanguage) break;
    }
    const QString expected = languageName(current.sourceLanguage);
    if (detected.isEmpty()) {
        m_message->setText(tr("This text does not look like %1, the source language of this pair.").arg(expected));
    } else {
        m_message->setText(tr("This text looks %1, not %2.").arg(languageName(detected), expected));
    }
    m_switch->setVisible(!m_offered.isEmpty());
    for (const ModelInfo& model : models)
        if (model.path == m_offered)
            m_switch->setText(tr("Translate %1 → %2").arg(languageName(model.sourceLanguage),
                                                         languageName(model.targetLanguage)));
    setVisible(true);
}

void LanguageNotice::announceSwitch(const QString& text, const ModelInfo& from, const ModelInfo& to) {
    m_switchedText = text;
    m_switchedTo = to.path;
    m_detected = to.sourceLanguage;
    m_offered = from.path;
    m_message->setText(tr("This text looks %1, so it is translated %1 → %2.")
                           .arg(languageName(to.sourceLanguage), languageName(to.targetLanguage)));
    m_switch->setText(tr("Back to %1 → %2").arg(languageName(from.sourceLanguage), languageName(from.targetLanguage)));
    m_switch->setVisible(true);
    setVisible(true);
}

}  // namespace attentive::ui
