// config.json: round trips, a table of absurd or missing values (each refused naming the
// field), the expected tensor list and the parameter count of a reference model.

#include <QTest>
#include <QFloat16>  // QCOMPARE on nlohmann::json weighs QTest's qfloat16 overload

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "core/config.h"
#include "core/errors.h"

using namespace attentive;

namespace {

// The reference translator: vocab 8000/8000, E 256, encoder 2 x 256 per direction,
// decoder 2 x 512, general attention with input feeding.
ModelConfig reference_config() {
    ModelConfig config;
    config.name = "reference en-fr";
    config.task = Task::translate;
    config.source_language = "en";
    config.target_language = "fr";
    config.source_vocab_size = 8000;
    config.target_vocab_size = 8000;
    config.embedding_size = 256;
    config.encoder_layers = 2;
    config.encoder_hidden_size = 256;
    config.decoder_layers = 2;
    config.decoder_hidden_size = 512;
    config.attention = AttentionType::general;
    config.input_feeding = true;
    return config;
}

// JSON and messages written with single quotes, which read better in C++ literals (and moc
// cannot parse raw string literals holding braces).
QString q(const char* text) {
    return QString::fromUtf8(text).replace('\'', '"');
}

std::filesystem::path fs_path(const QString& path) {
    return std::filesystem::path(path.toStdString());
}

void compare_configs(const ModelConfig& a, const ModelConfig& b) {
    QCOMPARE(a.format_version, b.format_version);
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.task, b.task);
    QCOMPARE(a.source_language, b.source_language);
    QCOMPARE(a.target_language, b.target_language);
    QCOMPARE(a.source_vocab_size, b.source_vocab_size);
    QCOMPARE(a.target_vocab_size, b.target_vocab_size);
    QCOMPARE(a.embedding_size, b.embedding_size);
    QCOMPARE(a.encoder_layers, b.encoder_layers);
    QCOMPARE(a.encoder_hidden_size, b.encoder_hidden_size);
    QCOMPARE(a.decoder_layers, b.decoder_layers);
    QCOMPARE(a.decoder_hidden_size, b.decoder_hidden_size);
    QCOMPARE(a.attention, b.attention);
    QCOMPARE(a.input_feeding, b.input_feeding);
    QCOMPARE(a.tie_target_embeddings, b.tie_target_embeddings);
    QCOMPARE(a.dropout, b.dropout);
    QCOMPARE(a.pad_id, b.pad_id);
    QCOMPARE(a.unk_id, b.unk_id);
    QCOMPARE(a.bos_id, b.bos_id);
    QCOMPARE(a.eos_id, b.eos_id);
    QCOMPARE(a.sep_id, b.sep_id);
    QCOMPARE(a.chat_context_turns, b.chat_context_turns);
    QCOMPARE(a.source_tokenizer, b.source_tokenizer);
    QCOMPARE(a.target_tokenizer, b.target_tokenizer);
    QCOMPARE(a.weights_file, b.weights_file);
    QCOMPARE(a.precision, b.precision);
    QCOMPARE(a.reverse_model, b.reverse_model);
    QCOMPARE(a.right_to_left_model, b.right_to_left_model);
    QCOMPARE(a.ensemble_model, b.ensemble_model);
    QCOMPARE(a.untranslated_threshold, b.untranslated_threshold);
    QCOMPARE(a.untranslated_threshold_growth, b.untranslated_threshold_growth);
    QCOMPARE(a.decoding, b.decoding);
}

}  // namespace

class TestConfig : public QObject {
    Q_OBJECT

private slots:
    void names_of_enums() {
        QCOMPARE(to_string(Task::translate), std::string("translate"));
        QCOMPARE(to_string(Task::chat), std::string("chat"));
        QCOMPARE(to_string(AttentionType::dot), std::string("dot"));
        QCOMPARE(to_string(AttentionType::general), std::string("general"));
        QCOMPARE(to_string(AttentionType::mlp), std::string("mlp"));
    }

    void json_round_trip() {
        ModelConfig chat = reference_config();
        chat.task = Task::chat;
        chat.target_language = "en";
        chat.attention = AttentionType::mlp;
        chat.tie_target_embeddings = true;
        chat.embedding_size = 512;
        chat.dropout = 0.3f;
        chat.sep_id = 4;
        chat.chat_context_turns = 3;
        chat.source_tokenizer = "joint.spm";
        chat.target_tokenizer = "joint.spm";
        chat.weights_file = "weights.safetensors";
        chat.precision = "bf16";
        chat.decoding = {{"strategy", "sample"}, {"temperature", 0.8}, {"top_p", 0.9}};
        const nlohmann::json json = config_to_json(chat);
        QCOMPARE(json.at("dropout"), nlohmann::json(0.3));  // written as 0.3, not 0.30000001192...
        compare_configs(parse_config(json), chat);
        compare_configs(parse_config(config_to_json(reference_config())), reference_config());
        ModelConfig translator = reference_config();
        translator.reverse_model = "fr-en";
        translator.right_to_left_model = "right-to-left";
        translator.ensemble_model = "second";
        translator.untranslated_threshold = -0.17f;
        translator.untranslated_threshold_growth = 0.7f;
        translator.decoding = {{"reverse_weight", 1.6}, {"right_to_left_weight", 0.5}, {"ensemble_weight", 0.4}};
        compare_configs(parse_config(config_to_json(translator)), translator);
    }

    void save_and_load() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("config.json");
        save_config(reference_config(), fs_path(path));
        compare_configs(load_config(fs_path(path)), reference_config());
        // Human-readable, and no temporary file is left behind.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\n  \"decoder_hidden_size\": 512,\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"config.json"});
    }

    void optional_fields_take_their_defaults() {
        const nlohmann::json minimal = nlohmann::json::parse(
            q("{'format_version': 1, 'task': 'translate', 'source_language': 'en',"
              " 'target_language': 'fr', 'source_vocab_size': 8000, 'target_vocab_size': 8000,"
              " 'embedding_size': 256, 'encoder_layers': 2, 'encoder_hidden_size': 256,"
              " 'decoder_layers': 2, 'decoder_hidden_size': 512, 'attention': 'general',"
              " 'input_feeding': true, 'pad_id': 0, 'unk_id': 1, 'bos_id': 2, 'eos_id': 3}")
                .toStdString());
        const ModelConfig config = parse_config(minimal);
        QCOMPARE(config.name, std::string());
        QCOMPARE(config.tie_target_embeddings, false);
        QCOMPARE(config.dropout, 0.0f);
        QCOMPARE(config.sep_id, -1);
        QCOMPARE(config.chat_context_turns, 2);
        QCOMPARE(config.source_tokenizer, std::string("source.spm"));
        QCOMPARE(config.target_tokenizer, std::string("target.spm"));
        QCOMPARE(config.weights_file, std::string("model.safetensors"));
        QCOMPARE(config.precision, std::string("f32"));
        QVERIFY(config.decoding.is_object() && config.decoding.empty());
        ModelConfig expected = reference_config();
        expected.name.clear();
        compare_configs(config, expected);
    }

    void dot_attention_with_matching_sizes_is_valid() {
        ModelConfig config = reference_config();
        config.attention = AttentionType::dot;  // Hd 512 == 2 * He 256
        QCOMPARE(parse_config(config_to_json(config)).attention, AttentionType::dot);
    }

    void absurd_values_are_refused_data() {
        QTest::addColumn<QString>("patch");  // a JSON merge patch over the reference config
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("phrase");

        for (const char* field :
             {"format_version", "task", "source_language", "target_language", "source_vocab_size",
              "target_vocab_size", "embedding_size", "encoder_layers", "encoder_hidden_size",
              "decoder_layers", "decoder_hidden_size", "attention", "input_feeding", "pad_id", "unk_id",
              "bos_id", "eos_id"}) {
            QTest::addRow("missing %s", field)
                << QString("{\"%1\": null}").arg(field) << field << "missing required field";
        }
        QTest::newRow("format_version 2") << q("{'format_version': 2}") << "format_version"
                                          << "must be 1";
        QTest::newRow("format_version string") << q("{'format_version': '1'}") << "format_version"
                                               << "must be an integer, found a string";
        QTest::newRow("unknown field") << q("{'hidden_size': 512}") << "hidden_size"
                                       << "unknown field";
        QTest::newRow("name not a string") << q("{'name': 5}") << "name"
                                           << "must be a string";
        QTest::newRow("unknown task")
            << q("{'task': 'summarize'}") << "task" << q("must be 'translate' or 'chat', found 'summarize'");
        QTest::newRow("task not a string") << q("{'task': 1}") << "task"
                                           << "must be a string";
        QTest::newRow("empty language") << q("{'source_language': ''}") << "source_language"
                                        << "language code";
        QTest::newRow("language not a string") << q("{'target_language': ['fr']}") << "target_language"
                                               << "must be a string, found an array";
        QTest::newRow("vocab 3") << q("{'source_vocab_size': 3}") << "source_vocab_size"
                                 << "must be between 4 and 1000000, found 3";
        QTest::newRow("vocab too large") << q("{'target_vocab_size': 1000001}") << "target_vocab_size"
                                         << "must be between 4 and 1000000";
        QTest::newRow("vocab beyond 32 bits") << q("{'target_vocab_size': 4294967304}") << "target_vocab_size"
                                              << "must be between 4 and 1000000";
        QTest::newRow("vocab fractional") << q("{'source_vocab_size': 8000.5}") << "source_vocab_size"
                                          << "must be an integer, found a fractional number";
        QTest::newRow("vocab boolean") << q("{'source_vocab_size': true}") << "source_vocab_size"
                                       << "must be an integer, found a boolean";
        QTest::newRow("embedding 0") << q("{'embedding_size': 0}") << "embedding_size"
                                     << "between 1 and 8192";
        QTest::newRow("embedding negative") << q("{'embedding_size': -256}") << "embedding_size"
                                            << "between 1 and 8192";
        QTest::newRow("embedding 8193") << q("{'embedding_size': 8193}") << "embedding_size"
                                        << "between 1 and 8192";
        QTest::newRow("encoder layers 0") << q("{'encoder_layers': 0}") << "encoder_layers"
                                          << "between 1 and 16";
        QTest::newRow("encoder layers 17") << q("{'encoder_layers': 17}") << "encoder_layers"
                                           << "between 1 and 16";
        QTest::newRow("encoder hidden 0") << q("{'encoder_hidden_size': 0}") << "encoder_hidden_size"
                                          << "between 1 and 8192";
        QTest::newRow("decoder layers 0") << q("{'decoder_layers': 0}") << "decoder_layers"
                                          << "must be between 1 and 16, found 0";
        QTest::newRow("decoder hidden 9000") << q("{'decoder_hidden_size': 9000}") << "decoder_hidden_size"
                                             << "between 1 and 8192";
        QTest::newRow("unknown attention")
            << q("{'attention': 'additive'}") << "attention" << q("must be 'dot', 'general' or 'mlp'");
        QTest::newRow("dot with mismatched sizes")
            << q("{'attention': 'dot', 'decoder_hidden_size': 300}") << "decoder_hidden_size"
            << "must equal 2 * encoder_hidden_size";
        QTest::newRow("input_feeding string") << q("{'input_feeding': 'yes'}") << "input_feeding"
                                              << "must be true or false";
        QTest::newRow("tied with E != Hd") << q("{'tie_target_embeddings': true}") << "tie_target_embeddings"
                                           << "needs embedding_size == decoder_hidden_size";
        QTest::newRow("dropout 1") << q("{'dropout': 1.0}") << "dropout"
                                   << "must be in [0, 1)";
        QTest::newRow("dropout negative") << q("{'dropout': -0.1}") << "dropout"
                                          << "must be in [0, 1)";
        QTest::newRow("dropout string") << q("{'dropout': '0.1'}") << "dropout"
                                        << "must be a number";
        QTest::newRow("pad_id outside vocab") << q("{'pad_id': 8000}") << "pad_id"
                                              << "between 0 and 7999";
        QTest::newRow("unk_id negative") << q("{'unk_id': -1}") << "unk_id"
                                         << "between 0 and 7999";
        QTest::newRow("eos_id outside smaller vocab")
            << q("{'target_vocab_size': 10, 'eos_id': 12}") << "eos_id"
            << "between 0 and 9";
        QTest::newRow("bos_id equals pad_id") << q("{'bos_id': 0}") << "bos_id"
                                              << "must differ from pad_id";
        QTest::newRow("eos_id equals bos_id") << q("{'eos_id': 2}") << "eos_id"
                                              << "must differ from bos_id";
        QTest::newRow("sep_id equals unk_id") << q("{'sep_id': 1}") << "sep_id"
                                              << "must differ from unk_id";
        QTest::newRow("sep_id -2") << q("{'sep_id': -2}") << "sep_id"
                                   << "between -1 and 7999";
        QTest::newRow("sep_id outside vocab") << q("{'sep_id': 8000}") << "sep_id"
                                              << "between -1 and 7999";
        QTest::newRow("context turns 0") << q("{'chat_context_turns': 0}") << "chat_context_turns"
                                         << "between 1 and 16";
        QTest::newRow("context turns 17") << q("{'chat_context_turns': 17}") << "chat_context_turns"
                                          << "between 1 and 16";
        QTest::newRow("tokenizer in parent")
            << q("{'source_tokenizer': '../source.spm'}") << "source_tokenizer"
            << "plain file name";
        QTest::newRow("tokenizer in subfolder")
            << q("{'target_tokenizer': 'spm/target.spm'}") << "target_tokenizer"
            << "plain file name";
        QTest::newRow("tokenizer empty") << q("{'target_tokenizer': ''}") << "target_tokenizer"
                                         << "plain file name";
        QTest::newRow("tokenizer backslash") << q("{'source_tokenizer': '..\\\\x.spm'}") << "source_tokenizer"
                                             << "plain file name";
        QTest::newRow("weights absolute") << q("{'weights_file': '/etc/passwd'}") << "weights_file"
                                          << "plain file name";
        QTest::newRow("weights dot") << q("{'weights_file': '.'}") << "weights_file"
                                     << "plain file name";
        QTest::newRow("unknown precision")
            << q("{'precision': 'fp16'}") << "precision" << q("must be 'f32', 'bf16' or 'int8'");
        QTest::newRow("decoding not an object") << q("{'decoding': [1]}") << "decoding"
                                                << "must be an object";
        QTest::newRow("decoding beam 0") << q("{'decoding': {'beam_size': 0}}") << "decoding"
                                         << "beam_size";
        QTest::newRow("decoding unknown option") << q("{'decoding': {'beem_size': 4}}") << "decoding"
                                                 << "unknown decoding option 'beem_size'";
        QTest::newRow("decoding target_prefix past the vocabulary")
            << q("{'decoding': {'target_prefix': [5, 8000]}}") << "decoding"
            << "target_prefix holds piece id 8000 at position 1, outside the target vocabulary (8000 pieces)";
        QTest::newRow("decoding target_prefix huge") << q("{'decoding': {'target_prefix': [100000000]}}")
                                                     << "decoding" << "outside the target vocabulary";
        QTest::newRow("decoding bad strategy") << q("{'decoding': {'strategy': 'best'}}") << "decoding"
                                               << "strategy";
        QTest::newRow("decoding negative reverse weight") << q("{'decoding': {'reverse_weight': -1}}")
                                                          << "decoding" << "reverse_weight";
        // The reverse model is a sibling folder's name, never a path, and only for translators.
        QTest::newRow("reverse model path") << q("{'reverse_model': '../fr-en'}") << "reverse_model" << "";
        QTest::newRow("right-to-left model of a chat model")
            << q("{'task': 'chat', 'right_to_left_model': 'r2l'}") << "right_to_left_model" << "translation models only";
        QTest::newRow("ensemble model of a chat model")
            << q("{'task': 'chat', 'ensemble_model': 'second'}") << "ensemble_model" << "translation models only";
        QTest::newRow("ensemble model path") << q("{'ensemble_model': '../de-en'}") << "ensemble_model" << "";
        QTest::newRow("decoding ensemble weight of 1")
            << q("{'decoding': {'ensemble_weight': 1}}") << "decoding" << "ensemble_weight";
        QTest::newRow("decoding negative right-to-left weight")
            << q("{'decoding': {'right_to_left_weight': -0.5}}") << "decoding" << "right_to_left_weight";
        QTest::newRow("untranslated threshold above 0")
            << q("{'untranslated_threshold': 0.2}") << "untranslated_threshold" << "must be in [-5, 0]";
        QTest::newRow("negative untranslated threshold growth")
            << q("{'untranslated_threshold_growth': -0.5}") << "untranslated_threshold_growth" << "must be in [0, 2]";
        QTest::newRow("untranslated threshold of a chat model")
            << q("{'task': 'chat', 'untranslated_threshold': -0.2}") << "untranslated_threshold"
            << "translation models only";
        QTest::newRow("reverse model of a chat model")
            << q("{'task': 'chat', 'reverse_model': 'fr-en'}") << "reverse_model" << "translation models only";
    }

    void absurd_values_are_refused() {
        QFETCH(QString, patch);
        QFETCH(QString, field);
        QFETCH(QString, phrase);
        nlohmann::json json = config_to_json(reference_config());
        json.merge_patch(nlohmann::json::parse(patch.toStdString()));
        QString message;
        try {
            parse_config(json, "models/en-fr/config.json");
            QFAIL("the config was accepted");
        } catch (const ModelFormatError& error) {
            message = QString::fromUtf8(error.what());
        }
        QVERIFY2(message.startsWith("models/en-fr/config.json: "), qPrintable(message));
        QVERIFY2(message.contains("'" + field + "'"), qPrintable(message));
        QVERIFY2(message.contains(phrase), qPrintable(message));
    }

    void message_reads_as_documented() {
        nlohmann::json json = config_to_json(reference_config());
        json["decoder_layers"] = 0;
        try {
            parse_config(json);
            QFAIL("the config was accepted");
        } catch (const ModelFormatError& error) {
            QCOMPARE(QString(error.what()),
                     QString("config.json: field 'decoder_layers' must be between 1 and 16, found 0"));
        }
    }

    void load_refuses_unusable_files_data() {
        QTest::addColumn<QByteArray>("content");  // empty: no file at all
        QTest::addColumn<QString>("phrase");
        QTest::newRow("missing") << QByteArray() << "cannot open the file: No such file";
        QTest::newRow("not JSON") << QByteArray("{\"format_version\": 1,") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1]") << "must be a JSON object";
        QTest::newRow("empty object") << QByteArray("{}") << "missing required field 'format_version'";
        QTest::newRow("duplicate field") << QByteArray("{\"format_version\": 1, \"format_version\": 2}")
                                         << "duplicate field 'format_version'";
        QTest::newRow("nested too deep")
            << QByteArray(100, '[') + QByteArray(100, ']') << "nests deeper than 64";
        QTest::newRow("invalid UTF-8") << QByteArray("{\"name\": \"\xff\"}") << "not valid UTF-8";
        // Strict, as docs/model-format.md says: nothing before or inside the JSON text that a
        // lenient parser would skip.
        QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"format_version\": 1}") << "byte order mark";
        QTest::newRow("NUL then anything") << QByteArray("{\"format_version\": 1}\0garbage", 30)
                                           << "NUL byte at offset 21";
        QTest::newRow("over 1 MiB") << QByteArray("{}") + QByteArray(1 << 20, ' ') << "more than the 1.0 MiB";
    }

    void load_refuses_unusable_files() {
        QFETCH(QByteArray, content);
        QFETCH(QString, phrase);
        QTemporaryDir dir;
        const QString path = dir.filePath("config.json");
        if (!content.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        try {
            load_config(fs_path(path));
            QFAIL("the config was accepted");
        } catch (const ModelFormatError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains(path), qPrintable(message));
            QVERIFY2(message.contains(phrase), qPrintable(message));
        }
    }

    void save_refuses_an_invalid_config() {
        QTemporaryDir dir;
        ModelConfig config = reference_config();
        config.decoder_layers = 0;
        const QString path = dir.filePath("config.json");
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, save_config(config, fs_path(path)));
        QVERIFY(!QFile::exists(path));
    }

    void expected_tensors_of_the_reference_model_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<qint64>>("shape");
        using Dims = QList<qint64>;
        QTest::newRow("encoder.embedding") << "encoder.embedding" << Dims{8000, 256};
        QTest::newRow("decoder.embedding") << "decoder.embedding" << Dims{8000, 256};
        QTest::newRow("enc 0 fwd in") << "encoder.layers.0.forward.weight_input" << Dims{1024, 256};
        QTest::newRow("enc 0 bwd hidden") << "encoder.layers.0.backward.weight_hidden" << Dims{1024, 256};
        QTest::newRow("enc 1 fwd in") << "encoder.layers.1.forward.weight_input" << Dims{1024, 512};
        QTest::newRow("enc 1 bwd bias") << "encoder.layers.1.backward.bias" << Dims{1024};
        QTest::newRow("bridge 0 weight") << "bridge.0.weight" << Dims{512, 512};
        QTest::newRow("bridge 1 bias") << "bridge.1.bias" << Dims{512};
        QTest::newRow("dec 0 in (input feeding)") << "decoder.layers.0.weight_input" << Dims{2048, 768};
        QTest::newRow("dec 0 hidden") << "decoder.layers.0.weight_hidden" << Dims{2048, 512};
        QTest::newRow("dec 1 in") << "decoder.layers.1.weight_input" << Dims{2048, 512};
        QTest::newRow("dec 1 bias") << "decoder.layers.1.bias" << Dims{2048};
        QTest::newRow("attention.weight") << "attention.weight" << Dims{512, 512};
        QTest::newRow("attention.output_weight") << "attention.output_weight" << Dims{512, 1024};
        QTest::newRow("generator.weight") << "generator.weight" << Dims{8000, 512};
        QTest::newRow("generator.bias") << "generator.bias" << Dims{8000};
    }

    void expected_tensors_of_the_reference_model() {
        QFETCH(QString, name);
        QFETCH(QList<qint64>, shape);
        const auto tensors = expected_tensors(reference_config());
        const auto found = tensors.find(name.toStdString());
        QVERIFY2(found != tensors.end(), qPrintable(name));
        QCOMPARE(found->second, Shape(shape.begin(), shape.end()));
    }

    void tensor_list_follows_the_architecture() {
        ModelConfig config = reference_config();
        // 2 embeddings + 2 layers * 2 directions * 3 + 2 bridges * 2 + 2 decoder layers * 3
        // + attention.weight + output_weight + generator weight and bias.
        QCOMPARE(expected_tensors(config).size(), std::size_t{2 + 12 + 4 + 6 + 1 + 1 + 2});

        config.attention = AttentionType::dot;
        auto tensors = expected_tensors(config);
        QVERIFY(!tensors.contains("attention.weight"));
        QVERIFY(!tensors.contains("attention.v"));
        QVERIFY(tensors.contains("attention.output_weight"));

        config.attention = AttentionType::mlp;
        tensors = expected_tensors(config);
        QVERIFY(!tensors.contains("attention.weight"));
        QCOMPARE(tensors.at("attention.query_weight"), (Shape{512, 512}));
        QCOMPARE(tensors.at("attention.key_weight"), (Shape{512, 512}));
        QCOMPARE(tensors.at("attention.bias"), (Shape{512}));
        QCOMPARE(tensors.at("attention.v"), (Shape{512}));

        config = reference_config();
        config.input_feeding = false;
        QCOMPARE(expected_tensors(config).at("decoder.layers.0.weight_input"), (Shape{2048, 256}));

        config = reference_config();
        config.embedding_size = 512;
        config.tie_target_embeddings = true;
        tensors = expected_tensors(config);
        QVERIFY(!tensors.contains("generator.weight"));
        QCOMPARE(tensors.at("generator.bias"), (Shape{8000}));

        config = reference_config();
        config.encoder_layers = 3;
        config.decoder_layers = 1;
        tensors = expected_tensors(config);
        QCOMPARE(tensors.at("encoder.layers.2.backward.weight_input"), (Shape{1024, 512}));
        QVERIFY(!tensors.contains("bridge.1.weight"));
        QVERIFY(!tensors.contains("decoder.layers.1.bias"));
    }

    void parameter_count_of_the_reference_model() {
        // By hand, Vs = Vt = 8000, E = 256, He = 256, Hd = 512:
        //   embeddings           2 * 8000*256                               =  4,096,000
        //   encoder layer 0      2 * (1024*256 + 1024*256 + 1024)           =  1,050,624
        //   encoder layer 1      2 * (1024*512 + 1024*256 + 1024)           =  1,574,912
        //   bridges              2 * (512*512 + 512)                        =    525,312
        //   decoder layer 0      2048*768 + 2048*512 + 2048                 =  2,623,488
        //   decoder layer 1      2048*512 + 2048*512 + 2048                 =  2,099,200
        //   attention.weight     512*512                                    =    262,144
        //   output_weight        512*1024                                   =    524,288
        //   generator            8000*512 + 8000                            =  4,104,000
        //   total                                                           = 16,859,968
        // The "16.3 M" is this count without the two bridges (16,334,656); the layout
        // in config.h has them, so the exact figure is 16.86 M.
        const std::int64_t count = parameter_count(reference_config());
        QCOMPARE(count, std::int64_t{16'859'968});
        QVERIFY(std::abs(count - 16'300'000) < 600'000);
    }

    void parameter_count_of_a_tiny_model() {
        // Vs = Vt = 10, E = 2, He = 1, Hd = 2, 1 + 1 layers, dot, no input feeding, tied.
        ModelConfig config;
        config.source_vocab_size = 10;
        config.target_vocab_size = 10;
        config.embedding_size = 2;
        config.encoder_layers = 1;
        config.encoder_hidden_size = 1;
        config.decoder_layers = 1;
        config.decoder_hidden_size = 2;
        config.attention = AttentionType::dot;
        config.input_feeding = false;
        config.tie_target_embeddings = true;
        // embeddings 20 + 20; encoder 2 * (4*2 + 4*1 + 4) = 32; bridge 2*2 + 2 = 6;
        // decoder 8*2 + 8*2 + 8 = 40; output_weight 2*4 = 8; generator.bias 10: 136.
        QCOMPARE(parameter_count(config), std::int64_t{136});
        // A step reads the decoder layer (40), output_weight (8), generator.bias (10) and the
        // tied embedding table as the generator (10*2): 78.
        QCOMPARE(decoder_step_parameter_count(config), std::int64_t{78});
    }

    void decoder_step_parameters_of_the_reference_model() {
        // Decoder layers 2,623,488 + 2,099,200, output_weight 524,288, generator 4,104,000 (the
        // table above): the "9.4 M decoder parameters" read per token.
        QCOMPARE(decoder_step_parameter_count(reference_config()), std::int64_t{9'350'976});
        ModelConfig mlp = reference_config();
        mlp.attention = AttentionType::mlp;  // adds the 512 x 512 query projection
        QCOMPARE(decoder_step_parameter_count(mlp), std::int64_t{9'350'976 + 262'144});
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
