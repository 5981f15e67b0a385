#pragma once
// The user's preferences, persisted with QSettings: model folders, engine threads, decoding
// knobs for translation and chat, theme and font size. Every view reads the same object; a
// change is written at once (so a crash loses nothing) and announced with changed().

#include <QObject>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

#include "ui/engine_types.h"

namespace attentive::ui {

class AppSettings : public QObject {
    Q_OBJECT
public:
    // Uses the application's QSettings (organisation/application names), or an INI file at
    // `iniPath` when given (tests, portable setups).
    explicit AppSettings(const QString& iniPath = {}, QObject* parent = nullptr);
    ~AppSettings() override;

    QStringList modelFolders() const;        // folders the user added in the model manager
    void setModelFolders(const QStringList& folders);
    void addModelFolder(const QString& folder);

    int threads() const;                     // 0: all cores
    void setThreads(int threads);
    QString precision() const;               // "" (each model's default), "f32", "bf16" or "int8"
    void setPrecision(const QString& precision);
    // Decoding settings a model's config.json chooses for it (its card's figures are measured
    // with those): each reads "the model's default" until the user sets it.
    int beamSize() const;                    // 0: the model's default
    void setBeamSize(int beamSize);
    double maxLengthRatio() const;
    void setMaxLengthRatio(double ratio);
    double lengthPenalty() const;            // negative: the model's default
    void setLengthPenalty(double penalty);

    double temperature() const;              // 0: the model's default
    void setTemperature(double temperature);
    int topK() const;                        // 0: off; negative: the model's default
    void setTopK(int topK);
    double topP() const;                     // 1: off; 0: the model's default
    void setTopP(double topP);

    QString theme() const;                   // "system", "light" or "dark"
    void setTheme(const QString& theme);
    int fontSize() const;                    // points
    void setFontSize(int points);
    bool translateAsYouType() const;
    void setTranslateAsYouType(bool enabled);
    // Translators rerank their beam with the reverse model (better translations, about half
    // as fast on long texts; core DecodeOptions::reverse_weight). On by default.
    bool rerankWithReverse() const;
    void setRerankWithReverse(bool enabled);
    // The "you" of translations into German and French: "" (chosen per text), "formal" or
    // "familiar" (DecodeSettings::address); anything else reads as "".
    QString translateAddress() const;
    void setTranslateAddress(const QString& address);
    // Chat replies appear word by word at a reading pace even when the model is faster.
    bool chatReadingPace() const;
    void setChatReadingPace(bool enabled);

    QString lastModel(const QString& role) const;  // folder of the model last used for a role
    void setLastModel(const QString& role, const QString& folder);
    QByteArray windowState() const;
    QByteArray windowGeometry() const;
    void setWindowLayout(const QByteArray& geometry, const QByteArray& state);
    // What the window showed when it closed, shown again at the next start: the page
    // ("chat" or "translate"), the Translate page's text (not kept past 1 MiB) and the
    // heatmap's units ("pieces" or "words").
    QString lastPage() const;
    QString lastTranslateText() const;
    QString heatmapUnits() const;
    void setSession(const QString& page, const QString& translateText, const QString& heatmapUnits);

    // Decoding settings for a request of each kind.
    DecodeSettings translateSettings() const;
    DecodeSettings chatSettings() const;

    void sync();

signals:
    void changed();

private:
    void write(const QString& key, const QVariant& value);
    std::unique_ptr<QSettings> m_settings;
};

}  // namespace attentive::ui
