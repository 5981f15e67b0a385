#include "ui/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QThread>
#include <QVBoxLayout>

#include "ui/app_settings.h"
#include "ui/engine_service.h"

namespace attentive::ui {

namespace {

template <typename Widget>
Widget* named(Widget* widget, const QString& objectName, const QString& accessibleName) {
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}

}  // namespace

SettingsDialog::SettingsDialog(AppSettings* settings, QWidget* parent)
    : QDialog(parent), m_settings(settings) {
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    // Models
    m_folders = named(new QListWidget(this), QStringLiteral("modelFolders"), tr("Model folders"));
    m_folders->setMaximumHeight(90);
    auto* addFolder = new QPushButton(tr("Add…"), this);
    auto* removeFolder = new QPushButton(tr("Remove"), this);
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a Model Folder"));
        if (!folder.isEmpty() && m_folders->findItems(folder, Qt::MatchExactly).isEmpty())
            m_folders->addItem(folder);
    });
    connect(removeFolder, &QPushButton::clicked, this, [this] { delete m_folders->currentItem(); });
    auto* folderButtons = new QVBoxLayout;
    folderButtons->addWidget(addFolder);
    folderButtons->addWidget(removeFolder);
    folderButtons->addStretch(1);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folders, 1);
    folderRow->addLayout(folderButtons);
    auto* modelsBox = new QGroupBox(tr("Model folders"), this);
    modelsBox->setLayout(folderRow);

    // Engine and translation
    m_threads = named(new QSpinBox(this), QStringLiteral("threads"), tr("Threads"));
    m_threads->setRange(0, qMax(64, QThread::idealThreadCount()));
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    // Precision: a model's card says which one it was measured best in; a precision this CPU
    // lacks is listed but cannot be chosen.
    m_precision = named(new QComboBox(this), QStringLiteral("precision"), tr("Precision"));
    m_precision->addItem(tr("Each model's default"), QString());
    const struct {
        QString name;
        QString label;
    } precisions[] = {{QStringLiteral("f32"), tr("f32 (exact, slowest)")},
                      {QStringLiteral("bf16"), tr("bf16")},
                      {QStringLiteral("int8"), tr("int8 (fastest)")}};
    for (const auto& choice : precisions) {
        const bool native = EngineService::isPrecisionSupported(choice.name);
        m_precision->addItem(native ? choice.label : tr("%1 (not available on this CPU)").arg(choice.name),
                             choice.name);
        if (!native) {
            auto* model = qobject_cast<QStandardItemModel*>(m_precision->model());
            if (model) model->item(m_precision->count() - 1)->setEnabled(false);
        }
    }
    m_precision->setToolTip(tr("Reduced precisions are faster; each model's card gives its quality in "
                               "each. Models are reloaded when this changes."));
    m_beamSize = named(new QSpinBox(this), QStringLiteral("beamSize"), tr("Beam size"));
    // The lowest value of each decoding setting stands for the model's own (its config.json):
    // its card's figures are measured with those, and they differ per model (beam 12 for en-de).
    const QString modelDefault = tr("Model's default");
    m_beamSize->setRange(0, 32);
    m_beamSize->setSpecialValueText(modelDefault);
    m_maxLengthRatio = named(new QDoubleSpinBox(this), QStringLiteral("maxLengthRatio"),
                             tr("Maximum length ratio"));
    m_maxLengthRatio->setRange(0.5, 10.0);
    m_maxLengthRatio->setSingleStep(0.1);
    m_maxLengthRatio->setSuffix(tr(" × source"));
    m_lengthPenalty = named(new QDoubleSpinBox(this), QStringLiteral("lengthPenalty"), tr("Length penalty"));
    m_lengthPenalty->setDecimals(1);
    m_lengthPenalty->setRange(-0.1, 5.0);
    m_lengthPenalty->setSingleStep(0.1);
    m_lengthPenalty->setSpecialValueText(modelDefault);
    m_asYouType = named(new QCheckBox(tr("Translate as you type"), this), QStringLiteral("asYouType"),
                        tr("Translate as you type"));
    m_rerankReverse = named(new QCheckBox(tr("Check each translation against the reverse model"), this),
                            QStringLiteral("rerankWithReverse"), tr("Check with the reverse model"));
    m_rerankReverse->setToolTip(tr("The beam's translations are read back by the translator of the opposite "
                                   "direction, and the one that gives the source back best is kept: better "
                                   "translations, about half as fast on long texts."));
    auto* translateForm = new QFormLayout;
    translateForm->addRow(tr("&Threads:"), m_threads);
    translateForm->addRow(tr("&Precision:"), m_precision);
    translateForm->addRow(tr("&Beam size:"), m_beamSize);
    translateForm->addRow(tr("&Maximum length:"), m_maxLengthRatio);
    translateForm->addRow(tr("&Length penalty:"), m_lengthPenalty);
    translateForm->addRow(QString(), m_rerankReverse);
    translateForm->addRow(QString(), m_asYouType);
    auto* translateBox = new QGroupBox(tr("Engine and translation"), this);
    translateBox->setLayout(translateForm);

    // Chat
    m_temperature = named(new QDoubleSpinBox(this), QStringLiteral("temperature"), tr("Temperature"));
    m_temperature->setRange(0.0, 5.0);
    m_temperature->setSingleStep(0.05);
    m_temperature->setSpecialValueText(modelDefault);
    m_topK = named(new QSpinBox(this), QStringLiteral("topK"), tr("Top-k"));
    m_topK->setRange(-1, 1000);
    m_topK->setSpecialValueText(modelDefault);
    m_topK->setToolTip(tr("0 turns top-k off."));
    m_topP = named(new QDoubleSpinBox(this), QStringLiteral("topP"), tr("Top-p"));
    m_topP->setRange(0.0, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setSpecialValueText(modelDefault);
    auto* chatForm = new QFormLayout;
    chatForm->addRow(tr("T&emperature:"), m_temperature);
    chatForm->addRow(tr("Top-&k:"), m_topK);
    chatForm->addRow(tr("Top-&p:"), m_topP);
    m_readingPace = named(new QCheckBox(tr("Show replies word by word at a reading pace"), this),
                          QStringLiteral("readingPace"), tr("Show replies at a reading pace"));
    m_readingPace->setToolTip(tr("The model often answers in a few milliseconds; off, the whole reply "
                                 "appears at once."));
    chatForm->addRow(QString(), m_readingPace);
    auto* chatBox = new QGroupBox(tr("Chat"), this);
    chatBox->setLayout(chatForm);

    // Appearance
    m_theme = named(new QComboBox(this), QStringLiteral("theme"), tr("Theme"));
    m_theme->addItem(tr("System"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_fontSize = named(new QSpinBox(this), QStringLiteral("fontSize"), tr("Font size"));
    m_fontSize->setRange(7, 32);
    m_fontSize->setSuffix(tr(" pt"));
    auto* lookForm = new QFormLayout;
    lookForm->addRow(tr("T&heme:"), m_theme);
    lookForm->addRow(tr("&Font size:"), m_fontSize);
    auto* lookBox = new QGroupBox(tr("Appearance"), this);
    lookBox->setLayout(lookForm);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* columns = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(translateBox);
    left->addWidget(lookBox);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(chatBox);
    right->addWidget(modelsBox);
    right->addStretch(1);
    columns->addLayout(left);
    columns->addSpacing(8);
    columns->addLayout(right);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(12);
    layout->addLayout(columns);
    layout->addWidget(buttons);
    load();
}

void SettingsDialog::load() {
    m_folders->clear();
    m_folders->addItems(m_settings->modelFolders());
    m_threads->setValue(m_settings->threads());
    m_precision->setCurrentIndex(qMax(0, m_precision->findData(m_settings->precision())));
    m_beamSize->setValue(m_settings->beamSize());
    m_maxLengthRatio->setValue(m_settings->maxLengthRatio());
    m_lengthPenalty->setValue(m_settings->lengthPenalty() < 0 ? m_lengthPenalty->minimum()
                                                                : m_settings->lengthPenalty());
    m_asYouType->setChecked(m_settings->translateAsYouType());
    m_rerankReverse->setChecked(m_settings->rerankWithReverse());
    m_readingPace->setChecked(m_settings->chatReadingPace());
    m_temperature->setValue(m_settings->temperature());
    m_topK->setValue(m_settings->topK());
    m_topP->setValue(m_settings->topP());
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(m_settings->theme())));
    m_fontSize->setValue(m_settings->fontSize());
}

void SettingsDialog::apply() {
    QStringList folders;
    for (int i = 0; i < m_folders->count(); ++i) folders << m_folders->item(i)->text();
    m_settings->setModelFolders(folders);
    m_settings->setThreads(m_threads->value());
    m_settings->setPrecision(m_precision->currentData().toString());
    m_settings->setBeamSize(m_beamSize->value());
    m_settings->setMaxLengthRatio(m_maxLengthRatio->value());
    m_settings->setLengthPenalty(m_lengthPenalty->value() < 0 ? -1.0 : m_lengthPenalty->value());
    m_settings->setTranslateAsYouType(m_asYouType->isChecked());
    m_settings->setRerankWithReverse(m_rerankReverse->isChecked());
    m_settings->setChatReadingPace(m_readingPace->isChecked());
    m_settings->setTemperature(m_temperature->value());
    m_settings->setTopK(m_topK->value());
    m_settings->setTopP(m_topP->value());
    m_settings->setTheme(m_theme->currentData().toString());
    m_settings->setFontSize(m_fontSize->value());
}

}  // namespace attentive::ui
