#include "ui/model_manager.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

#include "core/translator.h"

#include "ui/app_settings.h"
#include "ui/model_archive.h"
#include "ui/model_info.h"

namespace attentive::ui {

QStringList modelSearchFolders(const QStringList& extraFolders) {
    QStringList candidates;
    // Installed: <prefix>/bin/attentive looks in <prefix>/share/attentive/models.
    candidates << QDir(QCoreApplication::applicationDirPath())
                      .filePath(QStringLiteral("../share/attentive/models"));
#ifdef ATTENTIVE_SOURCE_MODELS_DIR
    candidates << QStringLiteral(ATTENTIVE_SOURCE_MODELS_DIR);
#endif
#ifdef ATTENTIVE_INSTALLED_MODELS_DIR
    candidates << QStringLiteral(ATTENTIVE_INSTALLED_MODELS_DIR);
#endif
    candidates << QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      QStringLiteral("/models");
    candidates << extraFolders;

    QStringList folders;
    for (const QString& candidate : candidates) {
        const QFileInfo info(candidate);
        if (!info.isDir()) continue;
        const QString canonical = info.canonicalFilePath();
        if (!folders.contains(canonical)) folders << canonical;
    }
    return folders;
}

QVector<ModelInfo> discoverModels(const QStringList& folders) {
    QStringList modelDirs;
    for (const QString& folder : folders) {
        const QDir dir(folder);
        if (dir.exists(QStringLiteral("config.json"))) {
            modelDirs << dir.canonicalPath();
            continue;
        }
        for (const QFileInfo& sub : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            if (QDir(sub.filePath()).exists(QStringLiteral("config.json")))
                modelDirs << sub.canonicalFilePath();
    }
    modelDirs.removeDuplicates();

    QVector<ModelInfo> models;
    for (const QString& modelDir : modelDirs) {
        try {
            models.append(readModelInfo(modelDir));
        } catch (const std::exception& error) {
            ModelInfo broken;
            broken.path = modelDir;
            broken.name = QDir(modelDir).dirName();
            broken.task = QStringLiteral("invalid");
            broken.card = QCoreApplication::translate("ModelManager", "This model cannot be used: %1")
                              .arg(QString::fromUtf8(error.what()));
            models.append(broken);
        }
    }
    std::stable_sort(models.begin(), models.end(), [](const ModelInfo& a, const ModelInfo& b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    return models;
}

QString formatBytes(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString userModelsFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/models");
}

namespace {

QString translated(const char* text) { return QCoreApplication::translate("ModelManager", text); }

[[noreturn]] void refuse(const QString& message) { throw ArchiveError(message.toStdString()); }

// Copies the regular files at the top of `source` into `destination`; refuses a link or a
// special file, and more than an archive may hold.
void copyModelFiles(const QString& source, const QString& destination) {
    const QDir dir(source);
    const QString shown = QDir::toNativeSeparators(source);
    if (!dir.exists(QStringLiteral("config.json")))
        refuse(translated("%1 holds no config.json: a model folder contains config.json, the weights and the "
                          "tokenizers").arg(shown));
    qint64 total = 0;
    int count = 0;
    const auto entries = dir.entryInfoList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo& entry : entries) {
        const QString name = QDir::toNativeSeparators(entry.filePath());
        if (entry.isSymLink())
            refuse(translated("%1 is a symbolic link; a model folder to import holds plain files").arg(name));
        if (entry.isDir()) continue;  // e.g. the trainer's checkpoint/: not part of the model
        if (!entry.isFile()) refuse(translated("%1 is not a plain file").arg(name));
        total += entry.size();
        if (++count > kMaxArchiveEntries || total > kMaxArchiveBytes)
            refuse(translated("%1 holds too much to be one model").arg(shown));
    }
    for (const QFileInfo& entry : entries) {
        if (entry.isDir()) continue;
        if (!QFile::copy(entry.filePath(), QDir(destination).filePath(entry.fileName())))
            refuse(translated("cannot copy %1").arg(QDir::toNativeSeparators(entry.filePath())));
    }
}

// The model inside an unpacked archive: its top folder, or the one folder in it (a zip made on
// macOS also holds __MACOSX/, which is ignored).
QString modelRootIn(const QString& unpacked, const QString& shownArchive) {
    const QDir top(unpacked);
    if (top.exists(QStringLiteral("config.json"))) return unpacked;
    QStringList folders = top.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    folders.removeAll(QStringLiteral("__MACOSX"));
    if (folders.size() != 1 || !top.entryList(QDir::Files).isEmpty() ||
        !QDir(top.filePath(folders[0])).exists(QStringLiteral("config.json")))
        refuse(translated("%1 holds no model: config.json must be at its top or in its one folder.").arg(shownArchive));
    return top.filePath(folders[0]);
}

// The folder name an import installs under: the model folder's own, else the archive's name.
QString installName(const QString& folderName, const QString& source) {
    QString name = folderName;
    if (name.isEmpty() || name.startsWith(QLatin1Char('.'))) {
        name = QFileInfo(source).fileName();
        for (const char* suffix : {".tar.gz", ".tgz", ".tar", ".zip"})
            if (name.endsWith(QLatin1String(suffix), Qt::CaseInsensitive)) name.chop(qstrlen(suffix));
    }
    return name.startsWith(QLatin1Char('.')) || name.isEmpty() ? QStringLiteral("imported-model") : name;
}

}  // namespace

ModelImport importModel(const QString& source, const QString& modelsFolder) {
    ModelImport result;
    const QFileInfo sourceInfo(source);
    const QString shown = QDir::toNativeSeparators(source);
    if (!sourceInfo.exists()) {
        result.error = translated("%1 does not exist.").arg(shown);
        return result;
    }
    if (!sourceInfo.isDir() && archiveKind(source) == ArchiveKind::None) {
        result.error =
            translated("%1 is neither a model folder nor a .tar, .tar.gz or .zip archive of one.").arg(shown);
        return result;
    }
    if (!QDir().mkpath(modelsFolder)) {
        result.error = translated("Cannot create the models folder %1.").arg(QDir::toNativeSeparators(modelsFolder));
        return result;
    }
    // Staged inside the models folder, so that the final move is a rename on one file system.
    QTemporaryDir staging(QDir(modelsFolder).filePath(QStringLiteral(".import-XXXXXX")));
    if (!staging.isValid()) {
        result.error =
            translated("Cannot create a staging folder in %1.").arg(QDir::toNativeSeparators(modelsFolder));
        return result;
    }
    try {
        QString root = staging.filePath(QStringLiteral("model"));
        QString folderName;
        QDir().mkpath(root);
        if (sourceInfo.isDir()) {
            copyModelFiles(source, root);
            folderName = QDir(sourceInfo.absoluteFilePath()).dirName();
        } else {
            extractArchive(source, root);
            const QString unpacked = root;
            root = modelRootIn(unpacked, shown);
            if (root != unpacked) folderName = QFileInfo(root).fileName();
        }
        // The engine's own loader: a model that would fail in the app fails here, with its message.
        try {
            EngineOptions options;
            options.threads = 1;
            options.precision = "f32";
            Translator check(std::filesystem::path(root.toStdString()), options);
        } catch (const std::exception& error) {
            result.error = translated("%1 is not a usable model: %2").arg(shown, QString::fromUtf8(error.what()));
            return result;
        }
        const QString destination = QDir(modelsFolder).filePath(installName(folderName, source));
        if (QFileInfo::exists(destination)) {
            result.error = translated("A model folder named %1 already exists in %2; remove or rename it first.")
                               .arg(QFileInfo(destination).fileName(), QDir::toNativeSeparators(modelsFolder));
            return result;
        }
        if (!QDir().rename(root, destination)) {
            result.error = translated("Cannot move the model into %1.").arg(QDir::toNativeSeparators(destination));
            return result;
        }
        result.folder = QFileInfo(destination).canonicalFilePath();
    } catch (const std::exception& error) {
        result.error = QString::fromUtf8(error.what());
    }
    return result;
}

ModelListModel::ModelListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ModelListModel::setModels(const QVector<ModelInfo>& models) {
    beginResetModel();
    m_models = models;
    endResetModel();
}

ModelInfo ModelListModel::modelAt(int row) const { return m_models.value(row); }

int ModelListModel::rowOfPath(const QString& folder) const {
    const QString wanted = QFileInfo(folder).canonicalFilePath();
    for (int row = 0; row < m_models.size(); ++row)
        if (m_models[row].path == folder || (!wanted.isEmpty() && m_models[row].path == wanted))
            return row;
    return -1;
}

int ModelListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_models.size());
}

int ModelListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString headlineQuality(const QString& card) {
    static const QRegularExpression testRow(
        QStringLiteral(R"(^\|\s*Multi30k test_2016_flickr\s*\|[^|]*\|\s*(\d+(?:\.\d+)?)\s*\|)"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression best(
        QStringLiteral(R"(^Best checkpoint \(kept\): step \d+, perplexity (\d+(?:\.\d+)?)(?:, BLEU (\d+(?:\.\d+)?))?)"),
        QRegularExpression::MultilineOption);
    if (const auto match = testRow.match(card); match.hasMatch())
        return QCoreApplication::translate("ModelManager", "%1 BLEU (Multi30k test)").arg(match.captured(1));
    if (const auto match = best.match(card); match.hasMatch()) {
        if (!match.captured(2).isEmpty())
            return QCoreApplication::translate("ModelManager", "dev BLEU %1").arg(match.captured(2));
        return QCoreApplication::translate("ModelManager", "dev perplexity %1").arg(match.captured(1));
    }
    return {};
}

QVariant ModelListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_models.size() || index.column() >= ColumnCount)
        return {};
    const ModelInfo& info = m_models[index.row()];
    if (role == PathRole) return info.path;
    if (role == InfoRole) return QVariant::fromValue(info);
    if (role == Qt::ToolTipRole) return info.path;
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case NameColumn: return info.name;
    case LanguagesColumn:
        if (info.task == QLatin1String("invalid")) return QString();
        if (info.task == QLatin1String("chat")) return info.sourceLanguage;
        return tr("%1 → %2").arg(info.sourceLanguage, info.targetLanguage);
    case TaskColumn:
        if (info.task == QLatin1String("chat")) return tr("Chat");
        if (info.task == QLatin1String("translate")) return tr("Translate");
        return tr("Unusable");
    case QualityColumn: return info.task == QLatin1String("invalid") ? QString() : headlineQuality(info.card);
    case SizeColumn: return info.sizeBytes > 0 ? formatBytes(info.sizeBytes) : QString();
    case FolderColumn: return QDir::toNativeSeparators(info.path);
    default: return {};
    }
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case LanguagesColumn: return tr("Languages");
    case TaskColumn: return tr("Task");
    case QualityColumn: return tr("Quality");
    case SizeColumn: return tr("Size");
    case FolderColumn: return tr("Folder");
    default: return {};
    }
}

ModelManagerDialog::ModelManagerDialog(AppSettings* settings, QWidget* parent)
    : QDialog(parent), m_settings(settings), m_model(new ModelListModel(this)) {
    setWindowTitle(tr("Model Manager"));
    setObjectName(QStringLiteral("modelManager"));
    resize(820, 480);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("modelTable"));
    m_table->setAccessibleName(tr("Installed models"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_card = new QTextBrowser(this);
    m_card->setObjectName(QStringLiteral("modelCard"));
    m_card->setAccessibleName(tr("Model card"));
    m_card->setOpenExternalLinks(true);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_card);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_searched = new QLabel(this);
    m_searched->setWordWrap(true);
    m_searched->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_searched->setForegroundRole(QPalette::PlaceholderText);

    auto* addButton = new QPushButton(tr("&Add Folder…"), this);
    addButton->setObjectName(QStringLiteral("addModelFolder"));
    m_useButton = new QPushButton(tr("&Use This Model"), this);
    m_useButton->setObjectName(QStringLiteral("useModel"));
    m_useButton->setEnabled(false);
    auto* importButton = new QPushButton(tr("&Import…"), this);
    importButton->setObjectName(QStringLiteral("importModel"));
    importButton->setToolTip(tr("Copy a model folder, or a .tar / .tar.gz / .zip of one, into %1")
                                 .arg(QDir::toNativeSeparators(userModelsFolder())));
    auto* refreshButton = new QPushButton(tr("&Refresh"), this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(addButton, QDialogButtonBox::ActionRole);
    buttons->addButton(importButton, QDialogButtonBox::ActionRole);
    buttons->addButton(refreshButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_useButton, QDialogButtonBox::ActionRole);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(10);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_searched);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(addButton, &QPushButton::clicked, this, &ModelManagerDialog::addFolder);
    connect(importButton, &QPushButton::clicked, this, &ModelManagerDialog::importInteractively);
    connect(refreshButton, &QPushButton::clicked, this, &ModelManagerDialog::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ModelManagerDialog::showCurrent);
    connect(m_useButton, &QPushButton::clicked, this, [this] {
        const ModelInfo info = m_model->modelAt(m_table->currentIndex().row());
        if (info.task == QLatin1String("chat") || info.task == QLatin1String("translate"))
            emit useModel(info.task, info.path);
    });
    refresh();
}

void ModelManagerDialog::refresh() {
    const QStringList folders = modelSearchFolders(m_settings ? m_settings->modelFolders() : QStringList());
    m_model->setModels(discoverModels(folders));
    m_searched->setText(folders.isEmpty()
                            ? tr("No model folder exists yet.")
                            : tr("Searched: %1").arg(folders.join(QStringLiteral(" · "))));
    if (m_model->rowCount() > 0) m_table->selectRow(0);
    else
        m_card->setMarkdown(tr("## No models installed\n\nTrain one with `attentive-cli train` or "
                               "`train/torch/train.py` (each writes a model folder), then bring it in "
                               "with **Import…** (the folder, or a .tar or .zip of it), use it where it "
                               "is with **Add Folder…**, or copy it into `%1`.")
                                .arg(userModelsFolder()));
    emit modelsChanged(m_model->models());
}

void ModelManagerDialog::addFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a Model Folder"));
    if (folder.isEmpty()) return;
    if (discoverModels({folder}).isEmpty()) {
        QMessageBox::warning(this, tr("No Model Found"),
                             tr("%1 holds no model: a model folder contains config.json, the "
                                "weights and the tokenizers.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    if (m_settings) m_settings->addModelFolder(folder);
    refresh();
}

void ModelManagerDialog::importInteractively() {
    // One dialog for both: a folder is chosen by its config.json.
    QString source = QFileDialog::getOpenFileName(
        this, tr("Import a Model"), QString(),
        tr("Model folders and archives (config.json *.tar *.tar.gz *.tgz *.zip)"));
    if (QFileInfo(source).fileName() == QLatin1String("config.json")) source = QFileInfo(source).absolutePath();
    if (source.isEmpty()) return;
    // Unpacking and loading a large model takes a moment.
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const ModelImport imported = importModel(source, userModelsFolder());
    QGuiApplication::restoreOverrideCursor();
    if (!imported.ok()) {
        QMessageBox::warning(this, tr("Import Failed"), imported.error);
        return;
    }
    refresh();
    const int row = m_model->rowOfPath(imported.folder);
    if (row >= 0) m_table->selectRow(row);
}

void ModelManagerDialog::showCurrent() {
    const int row = m_table->currentIndex().row();
    const ModelInfo info = m_model->modelAt(row);
    const bool usable = info.task == QLatin1String("chat") || info.task == QLatin1String("translate");
    m_useButton->setEnabled(usable);
    if (row < 0) {
        m_card->clear();
        return;
    }
    QString header = QStringLiteral("## %1\n\n").arg(info.name);
    if (usable)
        header += tr("%1 · %2 parameters · %3 · %4\n\n")
                      .arg(m_model->data(m_model->index(row, ModelListModel::LanguagesColumn)).toString(),
                           QLocale().toString(info.parameters), formatBytes(info.sizeBytes),
                           info.precision);
    m_card->setMarkdown(header + (info.card.isEmpty() ? tr("*This model has no card.*") : info.card));
}

}  // namespace attentive::ui
