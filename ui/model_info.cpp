#include "ui/model_info.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <filesystem>
#include <system_error>

#include "core/config.h"

namespace attentive::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

// The card's text, or a note saying why it is not shown; empty when there is no card.
QString readCard(const QDir& dir) {
    for (const char* cardName : {"card.md", "README.md"}) {
        const QString path = dir.filePath(QLatin1String(cardName));
        std::error_code error;
        // status() follows a symbolic link: a link to a regular file is a card, to a FIFO is not.
        const auto status = std::filesystem::status(path.toStdString(), error);
        if (error || status.type() == std::filesystem::file_type::not_found) continue;
        if (status.type() != std::filesystem::file_type::regular)
            return QCoreApplication::translate("ModelInfo", "*%1 is not a regular file; it was not read.*")
                .arg(QLatin1String(cardName));
        const auto bytes = std::filesystem::file_size(path.toStdString(), error);
        if (error) continue;
        if (bytes > static_cast<std::uintmax_t>(kMaxModelCardBytes))
            return QCoreApplication::translate("ModelInfo", "*%1 is larger than 1 MiB (%2 bytes); it was not read.*")
                .arg(QLatin1String(cardName))
                .arg(static_cast<qulonglong>(bytes));
        QFile card(path);
        if (!card.open(QIODevice::ReadOnly)) continue;
        // Read no more than the limit even if the file grew after the check.
        return QString::fromUtf8(card.read(kMaxModelCardBytes));
    }
    return {};
}

}  // namespace

ModelInfo readModelInfo(const QString& modelDir) {
    const QDir dir(modelDir);
    const ModelConfig config =
        load_config(std::filesystem::path(dir.filePath(QStringLiteral("config.json")).toStdString()));
    ModelInfo info;
    info.path = dir.absolutePath();
    info.name = config.name.empty() ? dir.dirName() : qs(config.name);
    info.task = qs(to_string(config.task));
    info.sourceLanguage = qs(config.source_language);
    info.targetLanguage = qs(config.target_language);
    info.precision = qs(config.precision);
    info.parameters = parameter_count(config);
    for (const QFileInfo& file : dir.entryInfoList(QDir::Files)) info.sizeBytes += file.size();
    info.card = readCard(dir);
    return info;
}

}  // namespace attentive::ui
