// Opening files users hand us: only regular files of a bounded size are read, without blocking
// on a FIFO or reading a device forever; links in a folder that must be self-contained may not
// leave it. Each refusal is one line naming the file and the problem.

#include <QTest>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>

#include "core/errors.h"
#include "core/file_access.h"

using namespace attentive;
namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The message of the FileError `action` throws, or "" when it throws none.
template <typename Action>
QString file_error_of(Action action) {
    try {
        action();
    } catch (const FileError& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

}  // namespace

class TestFileAccess : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path root() const { return m_dir.path().toStdString(); }

private slots:
    void reads_a_regular_file() {
        write_text(root() / "a.txt", "hello");
        QCOMPARE(read_regular_file(root() / "a.txt", 5), std::string("hello"));
        QCOMPARE(read_regular_file(root() / "a.txt", 100), std::string("hello"));
        write_text(root() / "empty.txt", "");
        QCOMPARE(read_regular_file(root() / "empty.txt", 0), std::string());
    }

    void refuses_what_is_not_a_bounded_regular_file_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << "missing" << "missing.txt: cannot open the file: No such file or directory";
        QTest::newRow("folder") << "folder" << "folder.txt: is a folder, not a regular file";
        QTest::newRow("FIFO") << "fifo" << "fifo.txt: is a FIFO (named pipe), not a regular file";
        QTest::newRow("/dev/zero") << "zero" << "zero.txt: is a character device, not a regular file";
        QTest::newRow("one byte too many") << "big" << "big.txt: is 6 bytes, more than the 5 bytes";
        QTest::newRow("sparse 2 GiB") << "sparse" << "sparse.txt: is 2.0 GiB, more than the 5 bytes";
        QTest::newRow("link loop") << "loop" << "loop.txt: cannot open the file: Too many levels of symbolic links";
    }
    // The FIFO has no writer: opening it for reading would block forever without O_NONBLOCK.
    void refuses_what_is_not_a_bounded_regular_file() {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const fs::path path = root() / (kind.toStdString() + ".txt");
        if (kind == "folder") fs::create_directory(path);
        if (kind == "fifo") QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
        if (kind == "zero") fs::create_symlink("/dev/zero", path);
        if (kind == "big") write_text(path, "123456");
        if (kind == "sparse") {
            write_text(path, "");
            fs::resize_file(path, 2ull << 30);
        }
        if (kind == "loop") fs::create_symlink(path, path);
        const QString error = file_error_of([&] { read_regular_file(path, 5); });
        QVERIFY2(error.startsWith(QString::fromStdString(path.string()) + ": "), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!error.contains('\n'));
    }

    void links_inside_the_folder_are_followed() {
        const fs::path folder = root() / "model";
        fs::create_directories(folder / "sub");
        write_text(folder / "sub" / "real.spm", "x");
        fs::create_symlink("sub/real.spm", folder / "relative.spm");
        fs::create_symlink(folder / "sub" / "real.spm", folder / "absolute.spm");
        QCOMPARE(file_inside_folder(folder, "relative.spm"), fs::canonical(folder / "sub" / "real.spm"));
        QCOMPARE(file_inside_folder(folder, "absolute.spm"), fs::canonical(folder / "sub" / "real.spm"));
        // Plain files and missing ones are returned as they are; reading them reports the rest.
        QCOMPARE(file_inside_folder(folder, "missing.spm"), folder / "missing.spm");
    }

    void links_that_leave_the_folder_are_refused_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("message");
        QTest::newRow("sibling folder") << "../elsewhere.spm" << "outside the model folder";
        QTest::newRow("a device") << "/dev/zero" << "is a symbolic link to /dev/zero, outside the model folder";
        QTest::newRow("a prefix of the folder name") << "../model2/x.spm" << "outside the model folder";
        QTest::newRow("dangling") << "nowhere.spm" << "the symbolic link cannot be followed";
    }
    void links_that_leave_the_folder_are_refused() {
        QFETCH(QString, target);
        QFETCH(QString, message);
        const fs::path folder = root() / "model";
        fs::create_directories(folder);
        fs::create_directories(root() / "model2");
        write_text(root() / "elsewhere.spm", "x");
        write_text(root() / "model2" / "x.spm", "x");
        fs::remove(folder / "link.spm");
        fs::create_symlink(target.toStdString(), folder / "link.spm");
        const QString error = file_error_of([&] { file_inside_folder(folder, "link.spm"); });
        QVERIFY2(error.startsWith(QString::fromStdString((folder / "link.spm").string()) + ": "), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void byte_counts_read_as_people_write_them() {
        QCOMPARE(byte_count_text(0), std::string("0 bytes"));
        QCOMPARE(byte_count_text(1023), std::string("1023 bytes"));
        QCOMPARE(byte_count_text(1 << 20), std::string("1.0 MiB"));
        QCOMPARE(byte_count_text(64ull << 20), std::string("64 MiB"));
        QCOMPARE(byte_count_text(2ull << 30), std::string("2.0 GiB"));
    }
};

QTEST_GUILESS_MAIN(TestFileAccess)
#include "test_file_access.moc"
