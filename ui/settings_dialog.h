#pragma once
// Preferences: model folders, engine threads, translation and chat decoding, appearance.
// Shows the AppSettings values; OK writes them back (Cancel leaves them untouched).

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QListWidget;
class QSpinBox;
class QCheckBox;

namespace attentive::ui {

class AppSettings;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

    // Writes the dialog's values into the settings (what OK does).
    void apply();

private:
    void load();

    AppSettings* m_settings;
    QListWidget* m_folders;
    QSpinBox* m_threads;
    QComboBox* m_precision;
    QSpinBox* m_beamSize;
    QDoubleSpinBox* m_maxLengthRatio;
    QDoubleSpinBox* m_lengthPenalty;
    QCheckBox* m_asYouType;
    QCheckBox* m_rerankReverse;
    QCheckBox* m_readingPace;
    QDoubleSpinBox* m_temperature;
    QSpinBox* m_topK;
    QDoubleSpinBox* m_topP;
    QComboBox* m_theme;
    QSpinBox* m_fontSize;
};

}  // namespace attentive::ui
