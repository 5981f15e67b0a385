// Model discovery and the model list: folders with config.json are found (directly or one
// level down), broken ones are listed as unusable, and the table model passes
// QAbstractItemModelTester. A card that is a FIFO or over 1 MiB is not read. Import: a model
// folder or a .tar / .tar.gz / .zip of one is installed after the engine's loader accepts it,
// never over an existing folder; hostile or broken archives are refused with a clear message
// and leave nothing behind.
#include <QAbstractItemModelTester>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QStandardPaths>
#include <QSignalSpy>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/test_models.h"
#include "ui/app_settings.h"
#include "ui/model_archive.h"
#include "ui/model_info.h"
#include "ui/model_manager.h"

using namespace attentive::ui;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

bool run(const QString& program, const QStringList& arguments, const QString& workingDirectory = {}) {
    QProcess process;
    if (!workingDirectory.isEmpty()) process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// A hand-made tar entry: any name, type and declared size (hostile archives need all three).
struct TarEntry {
    QByteArray name;
    char type = '0';
    QByteArray data;
    qint64 declaredSize = -1;  // -1: data.size()
};

QByteArray octalField(qint64 value, int width) {
    return QByteArray::number(value, 8).rightJustified(width - 1, '0') + '\0';
}

QByteArray tarBytes(const QList<TarEntry>& entries) {
    QByteArray out;
    for (const TarEntry& entry : entries) {
        QByteArray header(512, '\0');
        header.replace(0, qMin<int>(entry.name.size(), 100), entry.name.left(100));
        header.replace(100, 8, octalField(0644, 8));
        header.replace(108, 8, octalField(0, 8));
        header.replace(116, 8, octalField(0, 8));
        header.replace(124, 12, octalField(entry.declaredSize >= 0 ? entry.declaredSize : entry.data.size(), 12));
        header.replace(136, 12, octalField(0, 12));
        header[156] = entry.type;
        header.replace(257, 6, QByteArray("ustar\0", 6));
        header.replace(263, 2, "00");
        header.replace(148, 8, QByteArray(8, ' '));
        qint64 sum = 0;
        for (char c : header) sum += static_cast<quint8>(c);
        header.replace(148, 8, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
        out += header + entry.data + QByteArray((512 - entry.data.size() % 512) % 512, '\0');
    }
    return out + QByteArray(1024, '\0');
}

// A hand-made zip entry, stored or deflated (through gzip, whose raw stream a zip member is).
struct ZipEntry {
    QByteArray name;
    QByteArray data;
    bool deflate = false;
    quint32 unixMode = 0100644;
    bool wrongCrc = false;
    bool corruptData = false;
};

quint32 crc32Of(const QByteArray& data) {
    quint32 crc = 0xFFFFFFFFu;
    for (char byte : data) {
        crc ^= static_cast<quint8>(byte);
        for (int k = 0; k < 8; ++k) crc = crc & 1 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return ~crc;
}

QByteArray le(quint32 value, int bytes) {
    QByteArray out;
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
    return out;
}

QByteArray rawDeflate(const QByteArray& data, const QString& scratch) {
    writeAll(scratch, data);
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-n"), QStringLiteral("-c"), scratch});
    gzip.waitForFinished(60000);
    const QByteArray member = gzip.readAllStandardOutput();
    return member.mid(10, member.size() - 18);  // without gzip's 10-byte header and 8-byte trailer
}

QByteArray zipBytes(const QList<ZipEntry>& entries, const QString& scratch) {
    QByteArray out, directory;
    for (const ZipEntry& entry : entries) {
        QByteArray payload = entry.deflate ? rawDeflate(entry.data, scratch) : entry.data;
        if (entry.corruptData) payload = QByteArray(payload.size(), '\xff');
        const quint32 crc = crc32Of(entry.data) ^ (entry.wrongCrc ? 1u : 0u);
        const int method = entry.deflate ? 8 : 0;
        const quint32 offset = out.size();
        out += le(0x04034b50, 4) + le(20, 2) + le(0, 2) + le(method, 2) + le(0, 4) + le(crc, 4) +
               le(payload.size(), 4) + le(entry.data.size(), 4) + le(entry.name.size(), 2) + le(0, 2) + entry.name +
               payload;
        directory += le(0x02014b50, 4) + le(0x0314, 2) + le(20, 2) + le(0, 2) + le(method, 2) + le(0, 4) + le(crc, 4) +
                     le(payload.size(), 4) + le(entry.data.size(), 4) + le(entry.name.size(), 2) + le(0, 2) + le(0, 2) +
                     le(0, 2) + le(0, 2) + le(entry.unixMode << 16, 4) + le(offset, 4) + entry.name;
    }
    return out + directory + le(0x06054b50, 4) + le(0, 2) + le(0, 2) + le(entries.size(), 2) + le(entries.size(), 2) +
           le(directory.size(), 4) + le(out.size(), 4) + le(0, 2);
}

// Everything a folder holds, including hidden entries (an import's staging folder).
QStringList everything(const QString& folder) {
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

}  // namespace

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

    void cardsThatAreNotPlainSmallFilesAreNotRead() {
        const QString folder = writeModel(QStringLiteral("cards/fifo"), "fifo", attentive::Task::translate, "en", "fr");
        const QString card = QDir(folder).filePath(QStringLiteral("card.md"));
        QFile::remove(card);
        QCOMPARE(::mkfifo(card.toLocal8Bit().constData(), 0600), 0);
        // Opening a FIFO for reading blocks until a writer comes: run it aside, with a deadline.
        auto reading = std::async(std::launch::async, [folder] { return readModelInfo(folder); });
        const bool finished = reading.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
        if (!finished) {
            const int writer = ::open(card.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);  // releases it
            if (writer >= 0) ::close(writer);
        }
        QVERIFY2(finished, "readModelInfo blocked on a FIFO card");
        const ModelInfo fifo = reading.get();
        QCOMPARE(fifo.name, QStringLiteral("fifo"));
        QVERIFY2(fifo.card.contains(QStringLiteral("not a regular file")), qPrintable(fifo.card));

        const QString huge = writeModel(QStringLiteral("cards/huge"), "huge", attentive::Task::translate, "en", "fr");
        QVERIFY(writeAll(QDir(huge).filePath("card.md"), QByteArray(kMaxModelCardBytes + 1, 'x')));
        const ModelInfo hugeInfo = readModelInfo(huge);
        QVERIFY2(hugeInfo.card.contains(QStringLiteral("larger than 1 MiB")), qPrintable(hugeInfo.card.left(200)));
        QVERIFY(hugeInfo.card.size() < 200);

        QVERIFY(writeAll(QDir(huge).filePath("card.md"), QByteArray(kMaxModelCardBytes, 'y')));
        QCOMPARE(readModelInfo(huge).card.size(), kMaxModelCardBytes);
        QFile::remove(QDir(huge).filePath("card.md"));
        QVERIFY(writeAll(QDir(huge).filePath("README.md"), "# read me"));
        QCOMPARE(readModelInfo(huge).card, QStringLiteral("# read me"));
    }

    void importsAFolderOnce() {
        const QString models = m_dir.filePath(QStringLiteral("imported-folder"));
        const ModelImport imported = importModel(m_dir.filePath("single"), models);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        QCOMPARE(imported.folder, QFileInfo(models + "/single").canonicalFilePath());
        for (const char* file : {"config.json", "model.safetensors", "source.spm", "target.spm"})
            QCOMPARE(readAll(imported.folder + "/" + file), readAll(m_dir.filePath("single/") + file));
        const QVector<ModelInfo> found = discoverModels({models});
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].name, QStringLiteral("de-en"));
        QCOMPARE(found[0].task, QStringLiteral("translate"));

        // The same again: refused, and the installed model is left as it was.
        const QByteArray weights = readAll(imported.folder + "/model.safetensors");
        const ModelImport again = importModel(m_dir.filePath("single"), models);
        QVERIFY(!again.ok());
        QVERIFY2(again.error.contains(QStringLiteral("already exists")), qPrintable(again.error));
        QCOMPARE(readAll(imported.folder + "/model.safetensors"), weights);
        QCOMPARE(everything(models), QStringList{"single"});
    }

    void importsArchives_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expectedName");
        QTest::newRow("tar of the folder") << "tar" << "single";
        QTest::newRow("tar.gz of the folder") << "tar.gz" << "single";
        QTest::newRow("tar of the files") << "tar-files" << "packed";
        QTest::newRow("zip, deflated") << "zip" << "single";
        QTest::newRow("zip, stored, files at the top") << "zip-stored" << "packed";
        QTest::newRow("tar.gz of a shipped model (17 MB)") << "shipped" << "en-fr";
        QTest::newRow("zip made on macOS (with __MACOSX/)") << "zip-macos" << "single";
    }

    void importsArchives() {
        QFETCH(QString, kind);
        QFETCH(QString, expectedName);
        QTemporaryDir work;
        QString single = m_dir.filePath("single");
        QString archive;
        if (kind == "shipped") {
            single = QStringLiteral(ATTENTIVE_SOURCE_DIR "/models/en-fr");
            archive = work.filePath("en-fr.tgz");
            QVERIFY(run("tar", {"-czf", archive, "en-fr"}, QStringLiteral(ATTENTIVE_SOURCE_DIR "/models")));
        } else if (kind == "tar" || kind == "tar.gz") {
            archive = work.filePath("packed." + kind);
            QVERIFY(run("tar", {kind == "tar" ? "-cf" : "-czf", archive, "single"}, m_dir.path()));
        } else if (kind == "tar-files") {
            archive = work.filePath("packed.tar");
            QVERIFY(run("tar", {"-cf", archive, "."}, single));
        } else {
            QList<ZipEntry> entries;
            const bool stored = kind == "zip-stored";
            if (!stored) entries.append({"single/", {}, false, 040755});
            if (kind == "zip-macos") entries.append({"__MACOSX/single/._config.json", "AppleDouble", true});
            for (const QString& file : QDir(single).entryList(QDir::Files))
                entries.append({((stored ? "" : "single/") + file).toUtf8(), readAll(single + "/" + file), !stored});
            archive = work.filePath("packed.zip");
            QVERIFY(writeAll(archive, zipBytes(entries, work.filePath("scratch"))));
        }
        const QString models = work.filePath("models");
        const ModelImport imported = importModel(archive, models);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        QCOMPARE(QFileInfo(imported.folder).fileName(), expectedName);
        QCOMPARE(readAll(imported.folder + "/model.safetensors"), readAll(single + "/model.safetensors"));
        const QVector<ModelInfo> found = discoverModels({models});
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].task, QStringLiteral("translate"));
        QCOMPARE(everything(models), QStringList{expectedName});
    }

    void refusesBadSources_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("tar: .. in a path") << "tar-dotdot" << "points outside the folder";
        QTest::newRow("tar: absolute path") << "tar-absolute" << "absolute path";
        QTest::newRow("tar: symbolic link") << "tar-symlink" << "symbolic link";
        QTest::newRow("tar: hard link") << "tar-hardlink" << "hard link";
        QTest::newRow("tar: FIFO") << "tar-fifo" << "FIFO";
        QTest::newRow("tar: absurd size") << "tar-huge" << "unpacks to more than";
        QTest::newRow("tar: too many entries") << "tar-many" << "more than 256 entries";
        QTest::newRow("tar: an entry twice") << "tar-twice" << "appears twice";
        QTest::newRow("tar: truncated") << "tar-truncated" << "ends inside";
        QTest::newRow("not an archive") << "tar-garbage" << "not a tar archive";
        QTest::newRow("tar.gz: corrupt") << "tar.gz-garbage" << "is corrupt (gzip";
        QTest::newRow("tar: no model in it") << "tar-no-model" << "holds no model";
        QTest::newRow("tar: a broken model") << "tar-broken-model" << "is not a usable model";
        QTest::newRow("tar: weights that do not fit") << "tar-bad-weights" << "is not a usable model";
        QTest::newRow("zip: symbolic link") << "zip-symlink" << "symbolic link";
        QTest::newRow("zip: .. in a path") << "zip-dotdot" << "points outside the folder";
        QTest::newRow("zip: wrong CRC") << "zip-crc" << "CRC-32";
        QTest::newRow("zip: corrupt deflate data") << "zip-corrupt" << "is corrupt";
        QTest::newRow("zip: garbage") << "zip-garbage" << "not a zip archive";
        QTest::newRow("folder with a symbolic link") << "folder-symlink" << "symbolic link";
        QTest::newRow("folder without config.json") << "folder-empty" << "holds no config.json";
        QTest::newRow("neither folder nor archive") << "other-file" << "neither a model folder";
    }

    void refusesBadSources() {
        QFETCH(QString, kind);
        QFETCH(QString, expectedError);
        QTemporaryDir work;
        const QString single = m_dir.filePath("single");
        QList<TarEntry> model;
        for (const QString& file : QDir(single).entryList(QDir::Files))
            model.append({file.toUtf8(), '0', readAll(single + "/" + file)});
        QString source = work.filePath("bad.tar");
        auto tar = [&](const QList<TarEntry>& entries) { QVERIFY(writeAll(source, tarBytes(entries))); };
        if (kind == "tar-dotdot") tar(model + QList<TarEntry>{{"../escaped.txt", '0', "x"}});
        else if (kind == "tar-absolute") tar(QList<TarEntry>{{"/tmp/escaped.txt", '0', "x"}} + model);
        else if (kind == "tar-symlink") tar(model + QList<TarEntry>{{"link", '2', {}}});
        else if (kind == "tar-hardlink") tar(model + QList<TarEntry>{{"link", '1', {}}});
        else if (kind == "tar-fifo") tar(model + QList<TarEntry>{{"fifo", '6', {}}});
        else if (kind == "tar-huge") tar({{"x/", 'x', "23 size=99999999999999\n"}, {"x/big", '0', {}}});
        else if (kind == "tar-twice") tar(model + QList<TarEntry>{{"config.json", '0', "{}"}});
        else if (kind == "tar-truncated") QVERIFY(writeAll(source, tarBytes(model).left(2048)));
        else if (kind == "tar-garbage") QVERIFY(writeAll(source, QByteArray(4096, 'a')));
        else if (kind == "tar-no-model") tar({{"README", '0', "nothing here"}});
        else if (kind == "tar-many") {
            QList<TarEntry> many = model;
            for (int i = 0; i < 300; ++i) many.append({"extra" + QByteArray::number(i), '0', "x"});
            tar(many);
        } else if (kind == "tar-broken-model" || kind == "tar-bad-weights") {
            for (TarEntry& entry : model) {
                if (kind == "tar-broken-model" && entry.name == "config.json")
                    entry.data.replace("\"task\"", "\"tusk\"");
                if (kind == "tar-bad-weights" && entry.name == "model.safetensors") entry.data.chop(4);
            }
            tar(model);
        } else if (kind == "tar.gz-garbage") {
            source = work.filePath("bad.tar.gz");
            QVERIFY(writeAll(source, QByteArray("\x1f\x8b\x08\x00garbage", 12)));
        } else if (kind.startsWith("zip")) {
            QList<ZipEntry> entries;
            for (const TarEntry& entry : model) entries.append({entry.name, entry.data, true});
            if (kind == "zip-symlink") entries.append({"link", "config.json", false, 0120777});
            if (kind == "zip-dotdot") entries.append(ZipEntry{"../escaped.txt", "x"});
            if (kind == "zip-crc") entries[0] = {entries[0].name, entries[0].data, false, 0100644, true};
            if (kind == "zip-corrupt") entries[0].corruptData = true;
            source = work.filePath("bad.zip");
            const QByteArray bytes =
                kind == "zip-garbage" ? QByteArray(100, 'z') : zipBytes(entries, work.filePath("scratch"));
            QVERIFY(writeAll(source, bytes));
        } else if (kind == "folder-symlink") {
            source = work.filePath("linked");
            QVERIFY(QDir().mkpath(source));
            for (const QString& file : QDir(single).entryList(QDir::Files))
                QVERIFY(QFile::copy(single + "/" + file, source + "/" + file));
            QVERIFY(QFile::link(single + "/config.json", source + "/notes.md"));
        } else if (kind == "folder-empty") {
            source = work.filePath("empty");
            QVERIFY(QDir().mkpath(source));
        } else if (kind == "other-file") {
            source = work.filePath("model.bin");
            QVERIFY(writeAll(source, "not a model"));
        }
        const QString models = work.filePath("models");
        const ModelImport imported = importModel(source, models);
        QVERIFY2(!imported.ok(), qPrintable(imported.folder));
        QVERIFY2(imported.error.contains(expectedError), qPrintable(imported.error));
        QVERIFY(imported.folder.isEmpty());
        // Nothing installed, no staging folder left, nothing written beside the models folder.
        QCOMPARE(everything(models), QStringList());
        QVERIFY(!QFileInfo::exists(work.filePath("escaped.txt")));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/escaped.txt")));
    }

    void dialogListsAddedFolders() {
        AppSettings settings(m_dir.filePath(QStringLiteral("manager.ini")));
        ModelManagerDialog dialog(&settings);
        // The app's own models/ folder (the shipped models) is always listed too.
        const int shipped = dialog.model()->rowCount();
        QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("importModel")));
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
