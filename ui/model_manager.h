#pragma once
// Installed models: where the app looks for them, a table model listing them (testable
// without widgets), importing a model folder or archive, and the Model Manager dialog
// (details, model card, add a folder, import, use it).

#include <QAbstractTableModel>
#include <QDialog>
#include <QString>
#include <QStringList>
#include <QVector>

#include "ui/engine_types.h"

class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace attentive::ui {

class AppSettings;

// The folders searched for models, in order: the app's own models/ (next to the binary when
// installed, the source tree's during development), the user's data folder
// (AppDataLocation/models), then `extraFolders`. Only existing folders are returned.
QStringList modelSearchFolders(const QStringList& extraFolders = {});

// Every model found in `folders`: a folder holding config.json is a model; otherwise each of
// its sub-folders holding config.json is. Unreadable models are returned with task "invalid"
// and the error in `card`. Sorted by name, no duplicates.
QVector<ModelInfo> discoverModels(const QStringList& folders);

// The one figure a model list shows, read from a model card: the Multi30k test BLEU of the
// "Measured quality" table ("53.37 BLEU (Multi30k test)"), else the trainer's best dev score
// ("dev BLEU 40.73" or "dev perplexity 42.63"), else an empty string.
QString headlineQuality(const QString& card);

// Human-readable size ("12.3 MB").
QString formatBytes(qint64 bytes);

// The folder imported models are copied into: AppDataLocation/models (searched on start-up).
QString userModelsFolder();

// The outcome of importModel: the installed folder, or why nothing was installed.
struct ModelImport {
    QString folder;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Installs a copy of a model folder, or of a .tar / .tar.gz / .tgz / .zip archive of one, as a
// new sub-folder of `modelsFolder` (created when missing). An archive holds the model's files
// at its top or in one folder (see model_archive.h for what an archive may contain). The copy is
// assembled in a hidden staging folder, loaded with the engine's own loader (config, weights,
// tokenizers, in f32) and only then moved into place, under the model folder's name; an
// existing folder of that name is never replaced. A folder's sub-folders (e.g. a trainer's
// checkpoint/) are not copied; links and special files are refused. Never throws.
ModelImport importModel(const QString& source, const QString& modelsFolder);

class ModelListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, LanguagesColumn, TaskColumn, QualityColumn, SizeColumn, FolderColumn, ColumnCount };
    // Custom roles: the folder path, and the whole ModelInfo.
    enum Role { PathRole = Qt::UserRole + 1, InfoRole };

    explicit ModelListModel(QObject* parent = nullptr);

    void setModels(const QVector<ModelInfo>& models);
    const QVector<ModelInfo>& models() const { return m_models; }
    ModelInfo modelAt(int row) const;
    // Row of the model in `folder`, or -1.
    int rowOfPath(const QString& folder) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVector<ModelInfo> m_models;
};

class ModelManagerDialog : public QDialog {
    Q_OBJECT
public:
    ModelManagerDialog(AppSettings* settings, QWidget* parent = nullptr);

    // Re-reads every search folder.
    void refresh();
    // Asks for a model folder (by its config.json) or an archive, imports it into
    // userModelsFolder() and selects it; shows what went wrong otherwise.
    void importInteractively();
    ModelListModel* model() const { return m_model; }

signals:
    // The user asked to use the model in `folder` for `role` ("chat" or "translate").
    void useModel(const QString& role, const QString& folder);
    void modelsChanged(const QVector<attentive::ui::ModelInfo>& models);

private:
    void addFolder();
    void showCurrent();

    AppSettings* m_settings;
    ModelListModel* m_model;
    QTableView* m_table;
    QTextBrowser* m_card;
    QLabel* m_searched;
    QPushButton* m_useButton;
};

}  // namespace attentive::ui
