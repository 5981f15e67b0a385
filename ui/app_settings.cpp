#include "ui/app_settings.h"

#include <QDir>

#include <algorithm>

namespace attentive::ui {

namespace {
const QString kModelFolders = QStringLiteral("models/folders");
const QString kThreads = QStringLiteral("engine/threads");
const QString kPrecision = QStringLiteral("engine/precision");
const QString kBeamSize = QStringLiteral("translate/beamSize");
const QString kMaxLengthRatio = QStringLiteral("translate/maxLengthRatio");
const QString kLengthPenalty = QStringLiteral("translate/lengthPenalty");
const QString kAsYouType = QStringLiteral("translate/asYouType");
const QString kRerankReverse = QStringLiteral("translate/rerankWithReverse");
const QString kAddress = QStringLiteral("translate/address");
const QString kReadingPace = QStringLiteral("chat/readingPace");
const QString kLastPage = QStringLiteral("session/page");
const QString kTranslateText = QStringLiteral("session/translateText");
const QString kHeatmapUnits = QStringLiteral("session/heatmapUnits");
const QString kTemperature = QStringLiteral("chat/temperature");
const QString kTopK = QStringLiteral("chat/topK");
const QString kTopP = QStringLiteral("chat/topP");
const QString kTheme = QStringLiteral("appearance/theme");
const QString kFontSize = QStringLiteral("appearance/fontSize");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
}  // namespace

AppSettings::AppSettings(const QString& iniPath, QObject* parent)
    : QObject(parent),
      m_settings(iniPath.isEmpty() ? std::make_unique<QSettings>()
                                   : std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

AppSettings::~AppSettings() { m_settings->sync(); }

void AppSettings::write(const QString& key, const QVariant& value) {
    if (m_settings->value(key) == value) return;
    m_settings->setValue(key, value);
    m_settings->sync();
    emit changed();
}

QStringList AppSettings::modelFolders() const { return m_settings->value(kModelFolders).toStringList(); }
void AppSettings::setModelFolders(const QStringList& folders) { write(kModelFolders, folders); }
void AppSettings::addModelFolder(const QString& folder) {
    QStringList folders = modelFolders();
    const QString clean = QDir::cleanPath(folder);
    if (!folders.contains(clean)) folders.append(clean);
    setModelFolders(folders);
}

int AppSettings::threads() const { return qBound(0, m_settings->value(kThreads, 0).toInt(), 256); }
void AppSettings::setThreads(int threads) { write(kThreads, threads); }
QString AppSettings::precision() const {
    const QString precision = m_settings->value(kPrecision).toString();
    return (precision == QLatin1String("f32") || precision == QLatin1String("bf16") || precision == QLatin1String("int8"))
               ? precision
               : QString();
}
void AppSettings::setPrecision(const QString& precision) { write(kPrecision, precision); }
int AppSettings::beamSize() const { return qBound(0, m_settings->value(kBeamSize, 0).toInt(), 64); }
void AppSettings::setBeamSize(int beamSize) { write(kBeamSize, beamSize); }
double AppSettings::maxLengthRatio() const {
    return qBound(0.5, m_settings->value(kMaxLengthRatio, 2.0).toDouble(), 10.0);
}
void AppSettings::setMaxLengthRatio(double ratio) { write(kMaxLengthRatio, ratio); }
double AppSettings::lengthPenalty() const {
    const double penalty = m_settings->value(kLengthPenalty, -1.0).toDouble();
    return penalty < 0 ? -1.0 : std::min(penalty, 5.0);
}
void AppSettings::setLengthPenalty(double penalty) { write(kLengthPenalty, penalty); }

double AppSettings::temperature() const {
    const double temperature = m_settings->value(kTemperature, 0.0).toDouble();
    return temperature <= 0 ? 0.0 : qBound(0.05, temperature, 5.0);
}
void AppSettings::setTemperature(double temperature) { write(kTemperature, temperature); }
int AppSettings::topK() const { return qBound(-1, m_settings->value(kTopK, -1).toInt(), 1000); }
void AppSettings::setTopK(int topK) { write(kTopK, topK); }
double AppSettings::topP() const {
    const double topP = m_settings->value(kTopP, 0.0).toDouble();
    return topP <= 0 ? 0.0 : qBound(0.01, topP, 1.0);
}
void AppSettings::setTopP(double topP) { write(kTopP, topP); }

QString AppSettings::theme() const {
    const QString theme = m_settings->value(kTheme, QStringLiteral("system")).toString();
    return (theme == QLatin1String("light") || theme == QLatin1String("dark")) ? theme
                                                                               : QStringLiteral("system");
}
void AppSettings::setTheme(const QString& theme) { write(kTheme, theme); }
int AppSettings::fontSize() const { return qBound(7, m_settings->value(kFontSize, 11).toInt(), 32); }
void AppSettings::setFontSize(int points) { write(kFontSize, qBound(7, points, 32)); }
bool AppSettings::translateAsYouType() const { return m_settings->value(kAsYouType, true).toBool(); }
void AppSettings::setTranslateAsYouType(bool enabled) { write(kAsYouType, enabled); }
bool AppSettings::rerankWithReverse() const { return m_settings->value(kRerankReverse, true).toBool(); }
QString AppSettings::translateAddress() const {
    const QString address = m_settings->value(kAddress).toString();
    return address == QLatin1String("formal") || address == QLatin1String("familiar") ? address : QString();
}
void AppSettings::setTranslateAddress(const QString& address) { write(kAddress, address); }
void AppSettings::setRerankWithReverse(bool enabled) { write(kRerankReverse, enabled); }
bool AppSettings::chatReadingPace() const { return m_settings->value(kReadingPace, true).toBool(); }
void AppSettings::setChatReadingPace(bool enabled) { write(kReadingPace, enabled); }

QString AppSettings::lastModel(const QString& role) const {
    return m_settings->value(QStringLiteral("models/last_") + role).toString();
}
void AppSettings::setLastModel(const QString& role, const QString& folder) {
    write(QStringLiteral("models/last_") + role, folder);
}
QByteArray AppSettings::windowState() const { return m_settings->value(kState).toByteArray(); }
QByteArray AppSettings::windowGeometry() const { return m_settings->value(kGeometry).toByteArray(); }
QString AppSettings::lastPage() const { return m_settings->value(kLastPage).toString(); }
QString AppSettings::lastTranslateText() const { return m_settings->value(kTranslateText).toString(); }
QString AppSettings::heatmapUnits() const { return m_settings->value(kHeatmapUnits).toString(); }
void AppSettings::setSession(const QString& page, const QString& translateText, const QString& heatmapUnits) {
    constexpr qsizetype kMaxKeptText = 1 << 20;
    m_settings->setValue(kLastPage, page);
    m_settings->setValue(kTranslateText, translateText.size() <= kMaxKeptText ? translateText : QString());
    m_settings->setValue(kHeatmapUnits, heatmapUnits);
    m_settings->sync();
}

void AppSettings::setWindowLayout(const QByteArray& geometry, const QByteArray& state) {
    m_settings->setValue(kGeometry, geometry);
    m_settings->setValue(kState, state);
    m_settings->sync();
}

DecodeSettings AppSettings::translateSettings() const {
    DecodeSettings settings;
    settings.strategy = QStringLiteral("beam");
    settings.beamSize = beamSize();
    settings.lengthPenalty = static_cast<float>(lengthPenalty());
    settings.maxLengthRatio = static_cast<float>(maxLengthRatio());
    settings.rerankWithReverse = rerankWithReverse();
    settings.address = translateAddress();
    return settings;
}

DecodeSettings AppSettings::chatSettings() const {
    DecodeSettings settings;
    settings.strategy = QStringLiteral("sample");
    settings.temperature = static_cast<float>(temperature());
    settings.topK = topK();
    settings.topP = static_cast<float>(topP());
    return settings;
}

void AppSettings::sync() { m_settings->sync(); }

}  // namespace attentive::ui
