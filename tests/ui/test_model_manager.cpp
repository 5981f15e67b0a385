// Model discovery and the model list: folders with config.json are found (directly or one
// level down), broken ones are listed as unusable, and the table model passes
// QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "support/test_models.h"
#include "ui/app_settings.h"
#include "ui/model_manager.h"

using namespace attentive::ui;

class TestModelManager : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeModel(const QString& relative, const std::string& name, attentive::Task task,
                       const std::string& source, const std::string& target) {
        const QString folder = m_dir.filePath(relative);
        auto config = attentive::testing::tiny_config();
        config.name = name;
        config.task = task;
        config.source_language = source;
        config.target_language = target;
        attentive::testing::write_random_model(folder.toStdString(), config, 5);
        return QFileInfo(folder).canonicalFilePath();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        writeModel(QStringLiteral("store/en-fr"), "en-fr", attentive::Task::translate, "en", "fr");
        writeModel(QStringLiteral("store/chat-en"), "chat-en", attentive::Task::chat, "en", "en");
        QDir(m_dir.path()).mkpath(QStringLiteral("store/broken"));
        std::ofstream(m_dir.filePath(QStringLiteral("store/broken/config.json")).toStdString()) << "{ nope";
        QDir(m_dir.path()).mkpath(QStringLiteral("store/not-a-model"));
        writeModel(QStringLiteral("single"), "de-en", attentive::Task::translate, "de", "en");
    }

    void discovery_data() {
        QTest::addColumn<QStringList>("folders");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("tasks");
        QTest::newRow("a folder of models")
            << QStringList{m_dir.filePath("store")} << QStringList{"broken", "chat-en", "en-fr"}
            << QStringList{"invalid", "chat", "translate"};
        QTest::newRow("a model folder itself")
            << QStringList{m_dir.filePath("single")} << QStringList{"de-en"} << QStringList{"translate"};
        QTest::newRow("both, and a duplicate")
            << QStringList{m_dir.filePath("single"), m_dir.filePath("store"), m_dir.filePath("single")}
            << QStringList{"broken", "chat-en", "de-en", "en-fr"}
            << QStringList{"invalid", "chat", "translate", "translate"};
        QTest::newRow("missing folder") << QStringList{m_dir.filePath("nowhere")} << QStringList{}
                                        << QStringList{};
    }

    void discovery() {
        QFETCH(QStringList, folders);
        QFETCH(QStringList, names);
        QFETCH(QStringList, tasks);
        const QVector<ModelInfo> models = discoverModels(folders);
        QStringList foundNames, foundTasks;
        for (const ModelInfo& info : models) {
            foundNames << info.name;
            foundTasks << info.task;
        }
        QCOMPARE(foundNames, names);
        QCOMPARE(foundTasks, tasks);
    }

    void modelInfoDetails() {
        const QVector<ModelInfo> models = discoverModels({m_dir.filePath("store")});
        const auto found = std::find_if(models.begin(), models.end(),
                                        [](const ModelInfo& i) { return i.name == "en-fr"; });
        QVERIFY(found != models.end());
        QCOMPARE(found->sourceLanguage, QStringLiteral("en"));
        QCOMPARE(found->targetLanguage, QStringLiteral("fr"));
        QVERIFY(found->parameters > 0);
        QVERIFY(found->sizeBytes > 0);
        const auto broken = std::find_if(models.begin(), models.end(),
                                         [](const ModelInfo& i) { return i.name == "broken"; });
        QVERIFY(broken != models.end());
        QVERIFY(broken->card.contains(QStringLiteral("config.json")));
    }

    void searchFoldersIncludeExtrasThatExist() {
        const QStringList folders =
            modelSearchFolders({m_dir.filePath("single"), m_dir.filePath("nowhere")});
        QVERIFY(folders.contains(QFileInfo(m_dir.filePath("single")).canonicalFilePath()));
        for (const QString& folder : folders) QVERIFY(QFileInfo(folder).isDir());
    }

    void headlineQualityFromCard_data() {
        QTest::addColumn<QString>("card");
        QTest::addColumn<QString>("expected");
        QTest::newRow("measured test set")
            << "## Measured quality\n\n| test set | sentences | BLEU | chrF2 |\n|---|---:|---:|---:|\n"
               "| Multi30k val | 1014 | 51.11 | 68.87 |\n| Multi30k test_2016_flickr | 1000 | 53.37 | 70.70 |\n"
            << "53.37 BLEU (Multi30k test)";
        QTest::newRow("trainer's dev BLEU")
            << "Best checkpoint (kept): step 8500, perplexity 5.32, BLEU 40.73, chrF 61.06 (sacreBLEU-style)\n"
            << "dev BLEU 40.73";
        QTest::newRow("trainer's dev perplexity") << "Best checkpoint (kept): step 4687, perplexity 42.63.\n"
                                                  << "dev perplexity 42.63";
        QTest::newRow("no figures") << "# my model\n\nSome notes.\n" << "";
    }

    void headlineQualityFromCard() {
        QFETCH(QString, card);
        QFETCH(QString, expected);
        QCOMPARE(headlineQuality(card), expected);
    }

    void tableModel() {
        ModelListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setModels(discoverModels({m_dir.filePath("store"), m_dir.filePath("single")}));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(ModelListModel::ColumnCount));
        const int row = model.rowOfPath(m_dir.filePath("store/en-fr"));
        QVERIFY(row >= 0);
        QCOMPARE(model.data(model.index(row, ModelListModel::NameColumn)).toString(), QStringLiteral("en-fr"));
        QCOMPARE(model.data(model.index(row, ModelListModel::LanguagesColumn)).toString(),
                 QStringLiteral("en → fr"));
        QCOMPARE(model.data(model.index(row, ModelListModel::TaskColumn)).toString(), QStringLiteral("Translate"));
        QVERIFY(!model.data(model.index(row, ModelListModel::SizeColumn)).toString().isEmpty());
        QCOMPARE(model.data(model.index(row, 0), ModelListModel::PathRole).toString(),
                 QFileInfo(m_dir.filePath("store/en-fr")).canonicalFilePath());
        QCOMPARE(model.rowOfPath(m_dir.filePath("nowhere")), -1);
        model.setModels({});
        QCOMPARE(model.rowCount(), 0);
    }

    void dialogListsAddedFolders() {
        AppSettings settings(m_dir.filePath(QStringLiteral("manager.ini")));
        ModelManagerDialog dialog(&settings);
        // The app's own models/ folder (the shipped models) is always listed too.
        const int shipped = dialog.model()->rowCount();
        settings.addModelFolder(m_dir.filePath("store"));
        dialog.refresh();
        QCOMPARE(dialog.model()->rowCount(), shipped + 3);
        QSignalSpy changed(&dialog, &ModelManagerDialog::modelsChanged);
        settings.addModelFolder(m_dir.filePath("single"));
        dialog.refresh();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(dialog.model()->rowCount(), shipped + 4);
    }
};

QTEST_MAIN(TestModelManager)
#include "test_model_manager.moc"
