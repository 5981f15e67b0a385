// The safetensors reader and writer: exact bytes written, round trips through every storage
// dtype, and a table of malformed files, each of which must be refused with a message naming
// the file and the problem.

#include <QTest>

#include <QFile>
#include <QTemporaryDir>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>

#include <sys/resource.h>

#include "core/errors.h"
#include "core/safetensors.h"

using namespace attentive;

namespace {

// JSON written with single quotes, which read better in C++ literals (and moc cannot parse raw
// string literals holding braces).
QByteArray q(const char* text) {
    return QByteArray(text).replace('\'', '"');
}

// The on-disk layout: an 8-byte little-endian header length, the header, the data.
QByteArray file_bytes(const QByteArray& header, const QByteArray& data = {}) {
    QByteArray bytes(8, '\0');
    auto length = static_cast<quint64>(header.size());
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((length >> (8 * i)) & 0xFF);
    return bytes + header + data;
}

QByteArray length_prefix(quint64 length) {
    QByteArray bytes(8, '\0');
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((length >> (8 * i)) & 0xFF);
    return bytes;
}

void write_raw(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray read_raw(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.readAll();
}

std::filesystem::path fs_path(const QString& path) {
    return std::filesystem::path(path.toStdString());
}

// A valid one-tensor file (F32 [2] = {1, 2}) used as the "good" file.
QByteArray good_file() {
    const float values[2] = {1.0f, 2.0f};
    return file_bytes(q("{'w':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}"),
                      QByteArray(reinterpret_cast<const char*>(values), 8));
}

std::uint16_t u16_at(const TensorView& view, std::size_t index) {
    std::uint16_t bits;
    std::memcpy(&bits, view.data + 2 * index, 2);
    return bits;
}

}  // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

private slots:
    void round_trip_every_dtype() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto path = fs_path(dir.filePath("model.safetensors"));

        std::map<std::string, TensorToWrite> tensors;
        tensors["b.f32"] = {{2, 2}, {1.0f, -2.5f, 0.0f, 3.0e-3f}, DType::f32};
        // 1 + 2^-8 + 2^-9 rounds up to bf16 0x3F81; -0.5 is exact (0xBF00).
        tensors["a.bf16"] = {{3}, {1.0f, 1.005859375f, -0.5f}, DType::bf16};
        // 65504 is f16's largest finite, 2^-24 its smallest subnormal, 0.1 rounds to 0x2E66.
        tensors["c.f16"] = {{1, 3}, {65504.0f, std::ldexp(1.0f, -24), 0.1f}, DType::f16};
        tensors["d.empty"] = {{0, 4}, {}, DType::f32};
        const std::map<std::string, std::string> metadata = {{"format", "pt"}, {"note", "héllo"}};
        write_safetensors(path, tensors, metadata);

        const SafetensorsFile file = SafetensorsFile::open(path);
        QCOMPARE(file.path(), path);
        QCOMPARE(file.names(), (std::vector<std::string>{"a.bf16", "b.f32", "c.f16", "d.empty"}));
        QVERIFY(file.contains("b.f32"));
        QVERIFY(!file.contains("missing"));
        QCOMPARE(file.metadata(), metadata);

        const TensorView& f32 = file.tensor("b.f32");
        QCOMPARE(f32.dtype, DType::f32);
        QCOMPARE(f32.shape, (Shape{2, 2}));
        QCOMPARE(f32.n_bytes, std::size_t{16});
        std::vector<float> values(4);
        to_f32(f32, values);
        QCOMPARE(values, (std::vector<float>{1.0f, -2.5f, 0.0f, 3.0e-3f}));

        const TensorView& bf16 = file.tensor("a.bf16");
        QCOMPARE(bf16.dtype, DType::bf16);
        QCOMPARE(bf16.n_bytes, std::size_t{6});
        QCOMPARE(u16_at(bf16, 0), std::uint16_t{0x3F80});
        QCOMPARE(u16_at(bf16, 1), std::uint16_t{0x3F81});
        QCOMPARE(u16_at(bf16, 2), std::uint16_t{0xBF00});
        values.resize(3);
        to_f32(bf16, values);
        QCOMPARE(values, (std::vector<float>{1.0f, 1.0078125f, -0.5f}));

        const TensorView& f16 = file.tensor("c.f16");
        QCOMPARE(f16.dtype, DType::f16);
        QCOMPARE(f16.shape, (Shape{1, 3}));
        QCOMPARE(u16_at(f16, 0), std::uint16_t{0x7BFF});
        QCOMPARE(u16_at(f16, 1), std::uint16_t{0x0001});
        QCOMPARE(u16_at(f16, 2), std::uint16_t{0x2E66});
        to_f32(f16, values);
        QCOMPARE(values, (std::vector<float>{65504.0f, std::ldexp(1.0f, -24), 0.0999755859375f}));

        const TensorView& empty = file.tensor("d.empty");
        QCOMPARE(empty.shape, (Shape{0, 4}));
        QCOMPARE(empty.n_bytes, std::size_t{0});

        QVERIFY_THROWS_EXCEPTION(ModelFormatError, file.tensor("missing"));
        try {
            file.tensor("missing");
        } catch (const ModelFormatError& error) {
            QVERIFY(std::string(error.what()).find("model.safetensors") != std::string::npos);
            QVERIFY(std::string(error.what()).find("'missing'") != std::string::npos);
        }
    }

    void writer_layout_matches_reference() {
        // The exact layout: sorted names, offsets packed in name order, header padded with
        // spaces to a multiple of 8, raw little-endian data right after it.
        QTemporaryDir dir;
        const QString path = dir.filePath("layout.safetensors");
        std::map<std::string, TensorToWrite> tensors;
        tensors["z"] = {{1}, {1.0f}, DType::f32};
        tensors["a"] = {{2}, {1.0f, -2.0f}, DType::bf16};
        write_safetensors(fs_path(path), tensors);

        const QByteArray bytes = read_raw(path);
        QVERIFY(bytes.size() >= 8);
        quint64 header_size = 0;
        for (int i = 7; i >= 0; --i) header_size = (header_size << 8) | static_cast<quint8>(bytes[i]);
        QCOMPARE(header_size % 8, quint64{0});
        QCOMPARE(quint64(bytes.size()), 8 + header_size + 4 + 4);
        const QByteArray header = bytes.mid(8, static_cast<qsizetype>(header_size));
        const QByteArray unpadded = header.trimmed();
        QVERIFY(unpadded.size() > static_cast<qsizetype>(header_size) - 8);
        QCOMPARE(unpadded, QByteArray(q("{'a':{'data_offsets':[0,4],'dtype':'BF16','shape':[2]},'z':{'data_"
                                        "offsets':[4,8],'dtype':'F32','shape':[1]}}")));
        // bf16 1 = 0x3F80, -2 = 0xC000, then f32 1 = 0x3F800000, all little-endian.
        QCOMPARE(bytes.mid(8 + static_cast<qsizetype>(header_size)), QByteArray::fromHex("803f00c00000803f"));
    }

    void zero_tensor_file() {
        QTemporaryDir dir;
        const auto written = fs_path(dir.filePath("written.safetensors"));
        write_safetensors(written, {});
        QCOMPARE(SafetensorsFile::open(written).names(), std::vector<std::string>{});

        const QString raw = dir.filePath("raw.safetensors");
        write_raw(raw, file_bytes("{}"));
        const SafetensorsFile file = SafetensorsFile::open(fs_path(raw));
        QVERIFY(file.names().empty());
        QVERIFY(file.metadata().empty());

        const QString metadata_only = dir.filePath("metadata_only.safetensors");
        write_raw(metadata_only, file_bytes(q("{'__metadata__':{'k':'v'}}  ")));
        QCOMPARE(SafetensorsFile::open(fs_path(metadata_only)).metadata().at("k"), std::string("v"));
    }

    void brackets_inside_strings_do_not_count_as_nesting() {
        QTemporaryDir dir;
        const QString path = dir.filePath("brackets.safetensors");
        const std::string deep_name(200, '[');
        // {"__metadata__":{"[[[...":"{{{\"[[["}}: brackets and an escaped quote inside strings.
        const std::string header = "{\"__metadata__\":{\"" + deep_name + "\":\"{{{\\\"[[[\"}}";
        write_raw(path, file_bytes(QByteArray::fromStdString(header)));
        const SafetensorsFile file = SafetensorsFile::open(fs_path(path));
        QCOMPARE(file.metadata().at(deep_name), std::string("{{{\"[[["));
    }

    void malformed_files_are_refused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("phrase");

        const auto tensor = [](const char* entry) {
            return file_bytes(QByteArray(q("{'t':")) + entry + "}", QByteArray(8, '\0'));
        };

        QTest::newRow("empty file") << QByteArray() << "file too small";
        QTest::newRow("under 8 bytes") << QByteArray("\x02\0\0\0\0", 5) << "file too small";
        QTest::newRow("header beyond file")
            << (length_prefix(100) + QByteArray("{}")) << "runs beyond the file";
        QTest::newRow("header over 100 MB")
            << (length_prefix(100'000'001) + QByteArray("{}")) << "exceeds the limit";
        QTest::newRow("header length 2^64-1")
            << (length_prefix(~quint64{0}) + QByteArray("{}")) << "exceeds the limit";
        QTest::newRow("empty header") << file_bytes("") << "not valid JSON";
        QTest::newRow("invalid UTF-8") << file_bytes("{\"a\xff\":1}") << "not valid UTF-8";
        QTest::newRow("overlong UTF-8") << file_bytes("{\"\xc0\xaf\":1}") << "not valid UTF-8";
        QTest::newRow("UTF-8 surrogate") << file_bytes("{\"\xed\xa0\x80\":1}") << "not valid UTF-8";
        QTest::newRow("truncated UTF-8") << file_bytes("{}\xe2\x82") << "not valid UTF-8";
        QTest::newRow("not JSON") << file_bytes("hello") << "not valid JSON";
        QTest::newRow("truncated JSON") << file_bytes(q("{'t':")) << "not valid JSON";
        QTest::newRow("trailing garbage") << file_bytes("{} x") << "not valid JSON";
        QTest::newRow("array header") << file_bytes("[1,2]") << "must be a JSON object";
        QTest::newRow("string header") << file_bytes(q("'x'")) << "must be a JSON object";
        QTest::newRow("65 levels") << file_bytes(QByteArray(64, '[') + QByteArray("{}") + QByteArray(64, ']'))
                                   << "nests deeper than 64 levels";
        QTest::newRow("65 levels in metadata")
            << file_bytes(q("{'__metadata__':{'k':") + QByteArray(63, '[') + QByteArray(63, ']') + "}}")
            << "nests deeper than 64 levels";
        QTest::newRow("a million levels")
            << file_bytes(QByteArray(1'000'000, '[')) << "nests deeper than 64 levels";
        QTest::newRow("duplicate tensor name")
            << file_bytes(q("{'t':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},'t':{'dtype':'F32','shape'"
                            ":[1],'data_offsets':[4,8]}}"),
                          QByteArray(8, '\0'))
            << "duplicate tensor name 't'";
        QTest::newRow("duplicate field")
            << tensor(q("{'dtype':'F32','dtype':'F32','shape':[2],'data_offsets':[0,8]}"))
            << "duplicate key 'dtype'";
        QTest::newRow("entry not an object") << tensor("5") << "entry must be an object";
        QTest::newRow("entry is an array") << tensor(q("['F32',[2],[0,8]]")) << "entry must be an object";
        QTest::newRow("missing dtype")
            << tensor(q("{'shape':[2],'data_offsets':[0,8]}")) << "missing field 'dtype'";
        QTest::newRow("missing shape")
            << tensor(q("{'dtype':'F32','data_offsets':[0,8]}")) << "missing field 'shape'";
        QTest::newRow("missing data_offsets")
            << tensor(q("{'dtype':'F32','shape':[2]}")) << "missing field 'data_offsets'";
        QTest::newRow("unknown entry field")
            << tensor(q("{'dtype':'F32','shape':[2],'data_offsets':[0,8],'x':1}")) << "unknown field 'x'";
        QTest::newRow("dtype not a string")
            << tensor(q("{'dtype':4,'shape':[2],'data_offsets':[0,8]}")) << "dtype must be a string";
        QTest::newRow("dtype F64") << tensor(q("{'dtype':'F64','shape':[1],'data_offsets':[0,8]}"))
                                   << "unsupported dtype 'F64'";
        QTest::newRow("dtype I64") << tensor(q("{'dtype':'I64','shape':[1],'data_offsets':[0,8]}"))
                                   << "unsupported dtype 'I64'";
        QTest::newRow("dtype lowercase")
            << tensor(q("{'dtype':'f32','shape':[2],'data_offsets':[0,8]}")) << "unsupported dtype 'f32'";
        QTest::newRow("shape not an array")
            << tensor(q("{'dtype':'F32','shape':2,'data_offsets':[0,8]}")) << "shape must be an array";
        QTest::newRow("shape of strings") << tensor(q("{'dtype':'F32','shape':['2'],'data_offsets':[0,8]}"))
                                          << "shape must be an array of integers";
        QTest::newRow("fractional dim") << tensor(q("{'dtype':'F32','shape':[2.0],'data_offsets':[0,8]}"))
                                        << "shape must be an array of integers";
        QTest::newRow("negative dim")
            << tensor(q("{'dtype':'F32','shape':[-2],'data_offsets':[0,8]}")) << "negative dimension";
        QTest::newRow("negative dim times negative")
            << tensor(q("{'dtype':'F32','shape':[-2,-1],'data_offsets':[0,8]}")) << "negative dimension";
        QTest::newRow("dim beyond int64")
            << tensor(q("{'dtype':'F32','shape':[18446744073709551615],'data_offsets':[0,8]}"))
            << "too large";
        QTest::newRow("element count overflow")
            << tensor(q("{'dtype':'F32','shape':[4294967296,4294967296],'data_offsets':[0,8]}"))
            << "element count";
        QTest::newRow("byte size overflow")
            << tensor(q("{'dtype':'F32','shape':[4611686018427387904],'data_offsets':[0,8]}")) << "byte size";
        QTest::newRow("offsets not an array")
            << tensor(q("{'dtype':'F32','shape':[2],'data_offsets':8}")) << "data_offsets must be two";
        QTest::newRow("three offsets")
            << tensor(q("{'dtype':'F32','shape':[2],'data_offsets':[0,8,8]}")) << "data_offsets must be two";
        QTest::newRow("negative offset")
            << tensor(q("{'dtype':'F32','shape':[2],'data_offsets':[-8,0]}")) << "non-negative";
        QTest::newRow("fractional offset")
            << tensor(q("{'dtype':'F32','shape':[2],'data_offsets':[0,8.0]}")) << "non-negative integers";
        QTest::newRow("end before begin")
            << tensor(q("{'dtype':'F32','shape':[0],'data_offsets':[8,0]}")) << "end before they begin";
        QTest::newRow("byte size differs")
            << tensor(q("{'dtype':'F32','shape':[1],'data_offsets':[0,8]}")) << "byte size mismatch";
        QTest::newRow("bf16 size differs")
            << tensor(q("{'dtype':'BF16','shape':[2],'data_offsets':[0,8]}")) << "byte size mismatch";
        QTest::newRow("offsets overlap")
            << file_bytes(q("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},'b':{'dtype':'F32','shape'"
                            ":[2],'data_offsets':[4,12]}}"),
                          QByteArray(12, '\0'))
            << "overlap";
        QTest::newRow("same offsets twice")
            << file_bytes(q("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},'b':{'dtype':'F32','shape'"
                            ":[2],'data_offsets':[0,8]}}"),
                          QByteArray(8, '\0'))
            << "overlap";
        QTest::newRow("gap between tensors")
            << file_bytes(q("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},'b':{'dtype':'F32','shape'"
                            ":[1],'data_offsets':[8,12]}}"),
                          QByteArray(12, '\0'))
            << "gap in the data";
        QTest::newRow("gap at the start")
            << file_bytes(q("{'a':{'dtype':'F32','shape':[1],'data_offsets':[4,8]}}"), QByteArray(8, '\0'))
            << "gap in the data";
        QTest::newRow("offsets past the end")
            << file_bytes(q("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}"), QByteArray(4, '\0'))
            << "run past the end of the file";
        QTest::newRow("huge offsets") << file_bytes(q("{'a':{'dtype':'F32','shape':[1],'data_offsets':["
                                                      "18446744073709551608,18446744073709551612]}}"),
                                                    QByteArray(4, '\0'))
                                      << "run past the end of the file";
        QTest::newRow("trailing bytes")
            << file_bytes(q("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}"), QByteArray(8, '\0'))
            << "trailing bytes";
        QTest::newRow("data but no tensors") << file_bytes("{}", QByteArray(4, '\0')) << "trailing bytes";
        QTest::newRow("metadata not a map")
            << file_bytes(q("{'__metadata__':['a']}")) << "__metadata__ must be a map";
        QTest::newRow("metadata value not a string")
            << file_bytes(q("{'__metadata__':{'k':1}}")) << "__metadata__ must be a map";
        QTest::newRow("metadata value null")
            << file_bytes(q("{'__metadata__':{'k':null}}")) << "__metadata__ must be a map";
    }

    void malformed_files_are_refused() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, phrase);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString name =
            "bad_" + QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_') + ".safetensors";
        const QString path = dir.filePath(name);
        write_raw(path, bytes);

        QString message;
        try {
            SafetensorsFile::open(fs_path(path));
            QFAIL("the malformed file was accepted");
        } catch (const ModelFormatError& error) {
            message = QString::fromUtf8(error.what());
        }
        QVERIFY2(message.contains(name), qPrintable("no file name in: " + message));
        QVERIFY2(message.contains(phrase), qPrintable("expected '" + phrase + "' in: " + message));

        // Nothing is left in a bad state: a good file opens right after.
        const QString good = dir.filePath("good.safetensors");
        write_raw(good, good_file());
        const SafetensorsFile file = SafetensorsFile::open(fs_path(good));
        std::vector<float> values(2);
        to_f32(file.tensor("w"), values);
        QCOMPARE(values, (std::vector<float>{1.0f, 2.0f}));
    }

    void missing_and_unreadable_files_are_refused_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("missing") << "absent.safetensors"
                                 << "No such file";
        QTest::newRow("directory") << "folder.safetensors"
                                   << "not a regular file";
    }

    void missing_and_unreadable_files_are_refused() {
        QFETCH(QString, name);
        QFETCH(QString, phrase);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("folder.safetensors"));
        try {
            SafetensorsFile::open(fs_path(dir.filePath(name)));
            QFAIL("opening succeeded");
        } catch (const ModelFormatError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains(name), qPrintable(message));
            QVERIFY2(message.contains(phrase), qPrintable(message));
        }
    }

    void views_point_into_the_mapping() {
        QTemporaryDir dir;
        const auto path = fs_path(dir.filePath("mapped.safetensors"));
        std::map<std::string, TensorToWrite> tensors;
        tensors["w"] = {{256}, std::vector<float>(256, 0.5f), DType::f32};
        write_safetensors(path, tensors);

        const SafetensorsFile first = SafetensorsFile::open(path);
        const SafetensorsFile second = SafetensorsFile::open(path);
        const TensorView& a = first.tensor("w");
        const TensorView& b = second.tensor("w");
        QVERIFY(a.data != b.data);
        QCOMPARE(std::memcmp(a.data, b.data, a.n_bytes), 0);

        // /proc/self/maps lists the mapping of this very file; the view's bytes lie inside it.
        std::ifstream maps("/proc/self/maps");
        QVERIFY(maps.good());
        const auto address = reinterpret_cast<std::uintptr_t>(a.data);
        bool inside_file_mapping = false;
        for (std::string line; std::getline(maps, line);) {
            if (line.find(path.string()) == std::string::npos) continue;
            std::istringstream fields(line);
            std::string range;
            fields >> range;
            const auto dash = range.find('-');
            const auto begin = std::stoull(range.substr(0, dash), nullptr, 16);
            const auto end = std::stoull(range.substr(dash + 1), nullptr, 16);
            if (address >= begin && address + a.n_bytes <= end) inside_file_mapping = true;
        }
        QVERIFY(inside_file_mapping);
    }

    void moving_keeps_the_views() {
        QTemporaryDir dir;
        const auto path = fs_path(dir.filePath("moved.safetensors"));
        std::map<std::string, TensorToWrite> tensors;
        tensors["w"] = {{2}, {3.0f, 4.0f}, DType::f32};
        write_safetensors(path, tensors);

        SafetensorsFile original = SafetensorsFile::open(path);
        const std::byte* data = original.tensor("w").data;
        SafetensorsFile moved(std::move(original));
        QCOMPARE(moved.tensor("w").data, data);

        write_safetensors(fs_path(dir.filePath("other.safetensors")), {});
        SafetensorsFile assigned = SafetensorsFile::open(fs_path(dir.filePath("other.safetensors")));
        assigned = std::move(moved);
        QCOMPARE(assigned.tensor("w").data, data);
        std::vector<float> values(2);
        to_f32(assigned.tensor("w"), values);
        QCOMPARE(values, (std::vector<float>{3.0f, 4.0f}));
    }

    void writer_rejects_values_that_disagree_with_the_shape() {
        QTemporaryDir dir;
        const QString path = dir.filePath("keep.safetensors");
        write_raw(path, good_file());
        std::map<std::string, TensorToWrite> tensors;
        tensors["w"] = {{2, 3}, {1.0f, 2.0f}, DType::f32};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, write_safetensors(fs_path(path), tensors));
        tensors["w"] = {{-1}, {}, DType::f32};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, write_safetensors(fs_path(path), tensors));
        tensors.clear();
        tensors["__metadata__"] = {{1}, {1.0f}, DType::f32};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, write_safetensors(fs_path(path), tensors));
        // The earlier file is untouched.
        QCOMPARE(read_raw(path), good_file());
    }

    void writer_failures_name_the_path_and_leave_no_temporary_file() {
        QTemporaryDir dir;
        std::map<std::string, TensorToWrite> tensors;
        tensors["w"] = {{1}, {1.0f}, DType::f32};

        const auto no_folder = fs_path(dir.filePath("absent/model.safetensors"));
        try {
            write_safetensors(no_folder, tensors);
            QFAIL("writing into a missing folder succeeded");
        } catch (const std::runtime_error& error) {
            QVERIFY2(std::string(error.what()).find(no_folder.string()) != std::string::npos, error.what());
            QVERIFY2(std::string(error.what()).find("No such file") != std::string::npos, error.what());
        }

        // The rename over a non-empty folder fails after all the data was written.
        QVERIFY(QDir(dir.path()).mkpath("taken.safetensors/inside"));
        const auto taken = fs_path(dir.filePath("taken.safetensors"));
        try {
            write_safetensors(taken, tensors);
            QFAIL("renaming over a folder succeeded");
        } catch (const std::runtime_error& error) {
            QVERIFY2(std::string(error.what()).find(taken.string()) != std::string::npos, error.what());
        }
        const QStringList left =
            QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QCOMPARE(left, QStringList{"taken.safetensors"});
    }

    void writer_reports_a_failing_write() {
        // A file size limit makes the kernel refuse writes past it (EFBIG), the way a full disk
        // refuses them with ENOSPC: the writer must report it, keep the old file and clean up.
        QTemporaryDir dir;
        const QString path = dir.filePath("limited.safetensors");
        write_raw(path, good_file());
        std::map<std::string, TensorToWrite> tensors;
        tensors["w"] = {{4096}, std::vector<float>(4096, 1.0f), DType::f32};

        rlimit old_limit{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
        const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small_limit = old_limit;
        small_limit.rlim_cur = 1000;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small_limit), 0);
        std::string message;
        try {
            write_safetensors(fs_path(path), tensors);
        } catch (const std::runtime_error& error) {
            message = error.what();
        }
        setrlimit(RLIMIT_FSIZE, &old_limit);
        std::signal(SIGXFSZ, old_handler);

        QVERIFY2(!message.empty(), "the failed write was not reported");
        QVERIFY2(message.find(path.toStdString()) != std::string::npos, message.c_str());
        QVERIFY2(message.find(std::strerror(EFBIG)) != std::string::npos, message.c_str());
        QCOMPARE(read_raw(path), good_file());
        const QStringList left =
            QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QCOMPARE(left, QStringList{"limited.safetensors"});
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
