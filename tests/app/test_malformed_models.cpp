// Malformed model folders, generated from a tiny valid one with one thing wrong each, run
// through 'attentive-cli info' and 'attentive-cli translate' as child processes (the way the
// audit of issue 18 ran them): every one must be refused with exit code 3 and a single line
// "error: <file>: <problem>" naming the file and the problem, within a bounded time, never a
// crash, a hang or a raw "filesystem error". Folders with something odd *beside* the model (a
// symlink loop, a FIFO) must still load.

#include <QTest>

#include <QTemporaryDir>

#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "core/config.h"
#include "core/safetensors.h"
#include "support/cli_process.h"
#include "support/test_models.h"

namespace {

namespace fs = std::filesystem;
using attentive::ModelConfig;
using attentive::testing::CliRun;
using Json = nlohmann::json;

constexpr int kBadModelExit = 3;
// Per run: a tiny model loads in well under a second; a hang shows as this timeout.
constexpr int kTimeoutMs = 15000;

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& path, const std::string& bytes) {
    fs::remove(path);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void editConfig(const fs::path& dir, const std::function<void(Json&)>& edit) {
    Json config = Json::parse(readBytes(dir / "config.json"));
    edit(config);
    writeBytes(dir / "config.json", config.dump(2));
}

// The safetensors file split into its header JSON text and its data.
struct Parts {
    std::string header;
    std::string data;
};

Parts splitSafetensors(const fs::path& path) {
    const std::string bytes = readBytes(path);
    std::uint64_t length = 0;
    std::memcpy(&length, bytes.data(), 8);
    return {bytes.substr(8, length), bytes.substr(8 + length)};
}

std::string joinSafetensors(const std::string& header, const std::string& data) {
    std::string bytes(8, '\0');
    const std::uint64_t length = header.size();
    std::memcpy(bytes.data(), &length, 8);
    return bytes + header + data;
}

void editHeader(const fs::path& dir, const std::function<void(Json&)>& edit) {
    const fs::path file = dir / "model.safetensors";
    Parts parts = splitSafetensors(file);
    Json header = Json::parse(parts.header);
    edit(header);
    writeBytes(file, joinSafetensors(header.dump(), parts.data));
}

// Rewrites the weights with every value of every tensor passed through `change`.
void editWeights(const fs::path& dir, const std::function<void(const std::string&, std::vector<float>&)>& change) {
    const ModelConfig config = attentive::load_config(dir / "config.json");
    std::map<std::string, attentive::TensorToWrite> tensors;
    const auto stored = attentive::SafetensorsFile::open(dir / "model.safetensors");
    for (const auto& [name, shape] : attentive::expected_tensors(config)) {
        attentive::TensorToWrite tensor;
        tensor.shape = shape;
        tensor.values.resize(static_cast<std::size_t>(attentive::element_count(shape)));
        attentive::to_f32(stored.tensor(name), tensor.values);
        change(name, tensor.values);
        tensors.emplace(name, std::move(tensor));
    }
    attentive::write_safetensors(dir / "model.safetensors", tensors);
}

void makeFifo(const fs::path& path) {
    fs::remove(path);
    QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
}

void makeSparse(const fs::path& path, std::uintmax_t bytes) {
    if (!fs::exists(path)) writeBytes(path, "");
    fs::resize_file(path, bytes);
}

void makeLink(const fs::path& target, const fs::path& link) {
    fs::remove(link);
    fs::create_symlink(target, link);
}

struct Case {
    const char* name;
    std::function<void(const fs::path& dir, const fs::path& outside)> mutate;
    const char* file;     // the message must name this file...
    const char* problem;  // ...and say this
};

const std::vector<Case>& cases() {
    using P = const fs::path&;
    static const std::vector<Case> all = {
        // The folder itself.
        {"folder missing", [](P d, P) { fs::remove_all(d); }, "case-", "not a model folder"},
        {"folder is a file", [](P d, P) { fs::remove_all(d); writeBytes(d, "x"); }, "case-", "not a model folder"},

        // config.json: the file.
        {"config missing", [](P d, P) { fs::remove(d / "config.json"); }, "config.json", "No such file"},
        {"config is a folder", [](P d, P) { fs::remove(d / "config.json"); fs::create_directory(d / "config.json"); },
         "config.json", "is a folder"},
        {"config is a FIFO", [](P d, P) { makeFifo(d / "config.json"); }, "config.json", "is a FIFO"},
        {"config links to /dev/zero", [](P d, P) { makeLink("/dev/zero", d / "config.json"); }, "config.json",
         "outside the model folder"},
        {"config links outside", [](P d, P o) { makeLink(o / "config.json", d / "config.json"); }, "config.json",
         "outside the model folder"},
        {"config link loop", [](P d, P) { makeLink(d / "config.json", d / "config.json"); }, "config.json",
         "Too many levels of symbolic links"},
        {"config 2 MiB", [](P d, P) { writeBytes(d / "config.json", readBytes(d / "config.json") + std::string(2 << 20, ' ')); },
         "config.json", "more than the 1.0 MiB"},
        {"config sparse 2 GiB", [](P d, P) { makeSparse(d / "config.json", 2ull << 30); }, "config.json",
         "more than the 1.0 MiB"},
        // config.json: the text.
        {"config empty", [](P d, P) { writeBytes(d / "config.json", ""); }, "config.json", "not valid JSON"},
        {"config truncated", [](P d, P) { writeBytes(d / "config.json", readBytes(d / "config.json").substr(0, 40)); },
         "config.json", "not valid JSON"},
        {"config with BOM", [](P d, P) { writeBytes(d / "config.json", "\xEF\xBB\xBF" + readBytes(d / "config.json")); },
         "config.json", "byte order mark"},
        {"config NUL then junk",
         [](P d, P) { writeBytes(d / "config.json", readBytes(d / "config.json") + std::string(1, '\0') + "junk"); },
         "config.json", "NUL byte"},
        {"config invalid UTF-8",
         [](P d, P) { writeBytes(d / "config.json", "{\"name\": \"\xC3\x28\"}"); },
         "config.json", "not valid UTF-8"},
        {"config nests 100 deep",
         [](P d, P) { writeBytes(d / "config.json", std::string(100, '[') + std::string(100, ']')); }, "config.json",
         "nests deeper"},
        {"config duplicate field",
         [](P d, P) {
             std::string text = readBytes(d / "config.json");
             text.insert(1, "\"task\": \"chat\",");
             writeBytes(d / "config.json", text);
         },
         "config.json", "duplicate field 'task'"},
        {"config is an array", [](P d, P) { writeBytes(d / "config.json", "[1, 2]"); }, "config.json",
         "must be a JSON object"},
        // config.json: the fields.
        {"unknown field", [](P d, P) { editConfig(d, [](Json& c) { c["colour"] = "blue"; }); }, "config.json",
         "unknown field 'colour'"},
        {"format_version 2", [](P d, P) { editConfig(d, [](Json& c) { c["format_version"] = 2; }); }, "config.json",
         "format_version"},
        {"task missing", [](P d, P) { editConfig(d, [](Json& c) { c.erase("task"); }); }, "config.json",
         "missing required field 'task'"},
        {"task unknown", [](P d, P) { editConfig(d, [](Json& c) { c["task"] = "summarize"; }); }, "config.json",
         "field 'task'"},
        {"source_vocab_size 0", [](P d, P) { editConfig(d, [](Json& c) { c["source_vocab_size"] = 0; }); },
         "config.json", "field 'source_vocab_size'"},
        {"source_vocab_size string", [](P d, P) { editConfig(d, [](Json& c) { c["source_vocab_size"] = "64"; }); },
         "config.json", "must be an integer"},
        {"target_vocab_size 2^64-1",
         [](P d, P) { editConfig(d, [](Json& c) { c["target_vocab_size"] = std::numeric_limits<std::uint64_t>::max(); }); },
         "config.json", "field 'target_vocab_size'"},
        {"embedding_size huge", [](P d, P) { editConfig(d, [](Json& c) { c["embedding_size"] = 100000; }); },
         "config.json", "field 'embedding_size'"},
        {"decoder_layers 0", [](P d, P) { editConfig(d, [](Json& c) { c["decoder_layers"] = 0; }); }, "config.json",
         "field 'decoder_layers'"},
        {"attention unknown", [](P d, P) { editConfig(d, [](Json& c) { c["attention"] = "cosine"; }); },
         "config.json", "field 'attention'"},
        {"dot attention widths", [](P d, P) { editConfig(d, [](Json& c) { c["attention"] = "dot"; c["encoder_hidden_size"] = 5; }); },
         "config.json", "field 'decoder_hidden_size'"},
        {"tied with E != Hd", [](P d, P) { editConfig(d, [](Json& c) { c["tie_target_embeddings"] = true; }); },
         "config.json", "field 'tie_target_embeddings'"},
        {"dropout 1.5", [](P d, P) { editConfig(d, [](Json& c) { c["dropout"] = 1.5; }); }, "config.json",
         "field 'dropout'"},
        {"eos_id outside vocabulary", [](P d, P) { editConfig(d, [](Json& c) { c["eos_id"] = 64; }); },
         "config.json", "field 'eos_id'"},
        {"eos_id equals bos_id", [](P d, P) { editConfig(d, [](Json& c) { c["eos_id"] = 2; }); }, "config.json",
         "must differ"},
        {"sep_id outside vocabulary", [](P d, P) { editConfig(d, [](Json& c) { c["sep_id"] = 1000; }); },
         "config.json", "field 'sep_id'"},
        {"target_prefix id 70", [](P d, P) { editConfig(d, [](Json& c) { c["decoding"] = {{"target_prefix", {5, 70}}}; }); },
         "config.json", "target_prefix holds piece id 70"},
        {"target_prefix id 1e8",
         [](P d, P) { editConfig(d, [](Json& c) { c["decoding"] = {{"target_prefix", {100000000}}}; }); },
         "config.json", "outside the target vocabulary"},
        {"target_prefix id 1e8, beam",
         [](P d, P) {
             editConfig(d, [](Json& c) { c["decoding"] = {{"strategy", "beam"}, {"target_prefix", {100000000}}}; });
         },
         "config.json", "outside the target vocabulary"},
        {"target_prefix id -1", [](P d, P) { editConfig(d, [](Json& c) { c["decoding"] = {{"target_prefix", {-1}}}; }); },
         "config.json", "target_prefix"},
        {"target_prefix id 2^40",
         [](P d, P) { editConfig(d, [](Json& c) { c["decoding"] = {{"target_prefix", {1ll << 40}}}; }); },
         "config.json", "target_prefix"},
        {"decoding beam_size 0", [](P d, P) { editConfig(d, [](Json& c) { c["decoding"] = {{"beam_size", 0}}; }); },
         "config.json", "beam_size"},
        {"decoding unknown option", [](P d, P) { editConfig(d, [](Json& c) { c["decoding"] = {{"beem", 5}}; }); },
         "config.json", "beem"},
        {"weights_file leaves folder", [](P d, P) { editConfig(d, [](Json& c) { c["weights_file"] = "../w"; }); },
         "config.json", "plain file name"},
        {"source_tokenizer absolute", [](P d, P) { editConfig(d, [](Json& c) { c["source_tokenizer"] = "/etc/passwd"; }); },
         "config.json", "plain file name"},

        // model.safetensors: the file.
        {"weights missing", [](P d, P) { fs::remove(d / "model.safetensors"); }, "model.safetensors", "No such file"},
        {"weights named file missing", [](P d, P) { editConfig(d, [](Json& c) { c["weights_file"] = "w.safetensors"; }); },
         "w.safetensors", "No such file"},
        {"weights is a FIFO", [](P d, P) { makeFifo(d / "model.safetensors"); }, "model.safetensors", "is a FIFO"},
        {"weights is a folder",
         [](P d, P) { fs::remove(d / "model.safetensors"); fs::create_directory(d / "model.safetensors"); },
         "model.safetensors", "is a folder"},
        {"weights link to /dev/zero", [](P d, P) { makeLink("/dev/zero", d / "model.safetensors"); },
         "model.safetensors", "outside the model folder"},
        {"weights link outside", [](P d, P o) { makeLink(o / "model.safetensors", d / "model.safetensors"); },
         "model.safetensors", "outside the model folder"},
        {"weights dangling link", [](P d, P) { makeLink(d / "gone", d / "model.safetensors"); }, "model.safetensors",
         "cannot be followed"},
        {"weights empty", [](P d, P) { writeBytes(d / "model.safetensors", ""); }, "model.safetensors",
         "file too small"},
        {"weights sparse 2 GiB", [](P d, P) { makeSparse(d / "model.safetensors", 2ull << 30); }, "model.safetensors",
         "trailing bytes"},
        // model.safetensors: the header.
        {"header length huge",
         [](P d, P) {
             std::string bytes = readBytes(d / "model.safetensors");
             const std::uint64_t length = 1ull << 40;
             std::memcpy(bytes.data(), &length, 8);
             writeBytes(d / "model.safetensors", bytes);
         },
         "model.safetensors", "exceeds the limit"},
        {"header length past the end",
         [](P d, P) {
             std::string bytes = readBytes(d / "model.safetensors");
             const std::uint64_t length = bytes.size();
             std::memcpy(bytes.data(), &length, 8);
             writeBytes(d / "model.safetensors", bytes);
         },
         "model.safetensors", "runs beyond the file"},
        {"header with BOM",
         [](P d, P) {
             const Parts p = splitSafetensors(d / "model.safetensors");
             writeBytes(d / "model.safetensors", joinSafetensors("\xEF\xBB\xBF" + p.header, p.data));
         },
         "model.safetensors", "byte order mark"},
        {"header after NUL padding",
         [](P d, P) {
             const Parts p = splitSafetensors(d / "model.safetensors");
             writeBytes(d / "model.safetensors", joinSafetensors(std::string(8, '\0') + p.header, p.data));
         },
         "model.safetensors", "NUL byte"},
        {"header NUL padded at the end",
         [](P d, P) {
             const Parts p = splitSafetensors(d / "model.safetensors");
             writeBytes(d / "model.safetensors", joinSafetensors(p.header + std::string(8, '\0'), p.data));
         },
         "model.safetensors", "NUL byte"},
        {"header not JSON",
         [](P d, P) {
             const Parts p = splitSafetensors(d / "model.safetensors");
             writeBytes(d / "model.safetensors", joinSafetensors("{\"a\": ", p.data));
         },
         "model.safetensors", "not valid JSON"},
        {"header an array",
         [](P d, P) {
             const Parts p = splitSafetensors(d / "model.safetensors");
             writeBytes(d / "model.safetensors", joinSafetensors("[]", p.data));
         },
         "model.safetensors", "must be a JSON object"},
        {"dtype F64", [](P d, P) { editHeader(d, [](Json& h) { h["generator.bias"]["dtype"] = "F64"; }); },
         "model.safetensors", "unsupported dtype"},
        {"negative dimension", [](P d, P) { editHeader(d, [](Json& h) { h["generator.bias"]["shape"] = {-64}; }); },
         "model.safetensors", "negative dimension"},
        {"offsets overlap",
         [](P d, P) {
             editHeader(d, [](Json& h) {
                 auto& offsets = h["generator.bias"]["data_offsets"];
                 offsets = {offsets[0].get<std::uint64_t>() - 4, offsets[1].get<std::uint64_t>() - 4};
             });
         },
         "model.safetensors", "overlap"},
        {"data truncated",
         [](P d, P) {
             const std::string bytes = readBytes(d / "model.safetensors");
             writeBytes(d / "model.safetensors", bytes.substr(0, bytes.size() - 4));
         },
         "model.safetensors", "run past the end"},
        {"trailing bytes", [](P d, P) { writeBytes(d / "model.safetensors", readBytes(d / "model.safetensors") + "xxxx"); },
         "model.safetensors", "trailing bytes"},
        {"duplicate tensor name",
         [](P d, P) {
             const Parts p = splitSafetensors(d / "model.safetensors");
             std::string header = p.header;
             header.insert(1, "\"generator.bias\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [0, 0]},");
             writeBytes(d / "model.safetensors", joinSafetensors(header, p.data));
         },
         "model.safetensors", "duplicate tensor name"},
        // model.safetensors: the tensors.
        {"tensor missing",
         [](P d, P) {
             std::map<std::string, attentive::TensorToWrite> none;
             attentive::write_safetensors(d / "model.safetensors", none);
         },
         "model.safetensors", "is missing"},
        {"unexpected tensor", [](P d, P) { editConfig(d, [](Json& c) { c["decoder_layers"] = 1; }); },
         "model.safetensors", "unexpected tensor"},
        {"wrong shape",
         [](P d, P) {
             editConfig(d, [](Json& c) { c["embedding_size"] = 9; });
         },
         "model.safetensors", "has shape"},
        {"NaN weight",
         [](P d, P) {
             editWeights(d, [](const std::string& name, std::vector<float>& v) {
                 if (name == "attention.weight") v[3] = std::numeric_limits<float>::quiet_NaN();
             });
         },
         "model.safetensors", "non-finite value"},
        {"infinite weight",
         [](P d, P) {
             editWeights(d, [](const std::string& name, std::vector<float>& v) {
                 if (name == "generator.bias") v[0] = -std::numeric_limits<float>::infinity();
             });
         },
         "model.safetensors", "non-finite value"},
        {"weights all 3e38",
         [](P d, P) { editWeights(d, [](const std::string&, std::vector<float>& v) { std::fill(v.begin(), v.end(), 3e38f); }); },
         "model.safetensors", "implausibly large value"},

        // The tokenizers.
        {"source tokenizer missing", [](P d, P) { fs::remove(d / "source.spm"); }, "source.spm", "No such file"},
        {"target tokenizer is a FIFO", [](P d, P) { makeFifo(d / "target.spm"); }, "target.spm", "is a FIFO"},
        {"target tokenizer sparse 2 GiB", [](P d, P) { makeSparse(d / "target.spm", 2ull << 30); }, "target.spm",
         "more than the 64 MiB"},
        {"target tokenizer links outside", [](P d, P o) { makeLink(o / "target.spm", d / "target.spm"); },
         "target.spm", "outside the model folder"},
        {"source tokenizer garbage", [](P d, P) { writeBytes(d / "source.spm", "this is not a model"); }, "source.spm",
         "cannot load SentencePiece model"},
        {"target tokenizer empty", [](P d, P) { writeBytes(d / "target.spm", ""); }, "target.spm",
         "cannot load SentencePiece model"},
        {"source tokenizer truncated",
         [](P d, P) { writeBytes(d / "source.spm", readBytes(d / "source.spm").substr(0, 100)); }, "source.spm",
         "cannot load SentencePiece model"},
        {"tokenizer piece starting with NUL (found by fuzzing)",
         [](P d, P) {
             fs::copy_file(fs::path(ATTENTIVE_SOURCE_DIR) / "tests/data/spm-piece-starting-with-nul.spm", d / "source.spm",
                           fs::copy_options::overwrite_existing);
         },
         "source.spm", "cannot load SentencePiece model"},
        {"vocabulary size differs",
         [](P d, P) {
             ModelConfig config = attentive::testing::tiny_config();
             config.target_vocab_size = 65;
             fs::remove_all(d);
             attentive::testing::write_random_model(d, config, 3);
         },
         "target.spm", "has 64 pieces, but config.json says target_vocab_size is 65"},
        {"eos id differs from the tokenizer's",
         [](P d, P) {
             ModelConfig config = attentive::testing::tiny_config();
             config.eos_id = 5;
             fs::remove_all(d);
             attentive::testing::write_random_model(d, config, 3);
         },
         "source.spm", "has its eos piece at id 3, but config.json says eos_id is 5"},
        {"unk id differs from the tokenizer's",
         [](P d, P) {
             ModelConfig config = attentive::testing::tiny_config();
             config.unk_id = 6;
             fs::remove_all(d);
             attentive::testing::write_random_model(d, config, 3);
         },
         "source.spm", "has its unk piece at id 1, but config.json says unk_id is 6"},
    };
    return all;
}

CliRun runCli(const QStringList& arguments) {
    return attentive::testing::run_cli(arguments, "a man is walking.\n", QProcessEnvironment::systemEnvironment(),
                                       kTimeoutMs);
}

}  // namespace

class TestMalformedModels : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path m_valid;    // a valid tiny model
    fs::path m_outside;  // another valid one, for links that leave a folder

    fs::path copyOfValid(const QString& name) {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / name.toStdString();
        fs::copy(m_valid, dir, fs::copy_options::recursive);
        return dir;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_valid = fs::path(m_dir.path().toStdString()) / "valid";
        m_outside = fs::path(m_dir.path().toStdString()) / "outside";
        attentive::testing::write_random_model(m_valid, attentive::testing::tiny_config(), 2);
        attentive::testing::write_random_model(m_outside, attentive::testing::tiny_config(), 2);
        QVERIFY(cases().size() >= 60);
    }

    void malformedFolderIsRefused_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("command");
        for (std::size_t i = 0; i < cases().size(); ++i)
            for (const char* command : {"info", "translate"})
                QTest::addRow("%s, %s", cases()[i].name, command) << int(i) << QString::fromLatin1(command);
    }

    // Exit code 3 (a bad model), nothing on stdout, one line on stderr naming the file and the
    // problem, and no raw library text.
    void malformedFolderIsRefused() {
        QFETCH(int, index);
        QFETCH(QString, command);
        const Case& bad = cases()[static_cast<std::size_t>(index)];
        const QString name = QStringLiteral("case-%1-%2").arg(index).arg(command);
        const fs::path dir = copyOfValid(name);
        bad.mutate(dir, m_outside);

        const CliRun run = runCli({command, QStringLiteral("-m"), QString::fromStdString(dir.string())});
        QVERIFY2(run.exit_code == kBadModelExit,
                 qPrintable(QStringLiteral("exit %1, stderr: %2").arg(run.exit_code).arg(run.err)));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        const QString message = run.err.trimmed();
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
        QVERIFY2(message.startsWith(QStringLiteral("error: ")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String(bad.file)), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String(bad.problem)), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("filesystem error")), qPrintable(message));
    }

    // Things beside the model that it does not use do not stop it from loading.
    void oddEntriesBesideTheModelAreIgnored() {
        const fs::path dir = copyOfValid(QStringLiteral("odd-neighbours"));
        makeLink(dir / "loop", dir / "loop");
        makeLink(dir / "a", dir / "b");
        makeLink(dir / "b", dir / "a");
        makeFifo(dir / "notes.fifo");
        fs::create_directory(dir / "old");
        makeLink("/dev/zero", dir / "zero");
        for (const char* command : {"info", "translate"}) {
            const CliRun run = runCli({QString::fromLatin1(command), QStringLiteral("-m"), QString::fromStdString(dir.string())});
            QVERIFY2(run.exit_code == 0, qPrintable(QStringLiteral("%1: exit %2, %3").arg(command).arg(run.exit_code).arg(run.err)));
            QVERIFY(!run.out.isEmpty());
        }
    }

    // Links that stay inside the folder are followed (a joint vocabulary kept once).
    void linksInsideTheFolderAreFollowed() {
        const fs::path dir = copyOfValid(QStringLiteral("inner-links"));
        fs::rename(dir / "target.spm", dir / "vocab.spm");
        makeLink("vocab.spm", dir / "target.spm");
        const CliRun run = runCli({QStringLiteral("info"), QStringLiteral("-m"), QString::fromStdString(dir.string())});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestMalformedModels)
#include "test_malformed_models.moc"
