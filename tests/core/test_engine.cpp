// The oneDNN engine against the plain-loops reference, and model loading checks.

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "core/errors.h"
#include "core/model/seq2seq_model.h"
#include "core/safetensors.h"
#include "core/text/sentence_splitter.h"
#include "core/translator.h"
#include "support/reference_model.h"
#include "support/test_models.h"

using namespace attentive;
using namespace attentive::testing;

Q_DECLARE_METATYPE(attentive::AttentionType)

class TestEngine : public QObject {
    Q_OBJECT
private slots:
    void matchesReference_data();
    void matchesReference();
    void rejectsBadModels_data();
    void rejectsBadModels();
    void goodModelLoadsAfterFailedOne();
    void weightsOverwrittenAfterLoadAreNotRead();
    void longSentenceIsTranslatedInPieces();
    void longChatContextIsReadFromItsEnd();
    void targetPrefixOutsideVocabularyIsRefused();
    void erasureForcesTheTranslationFromShorterSources();
    void ensemblePartnerDecodesAlong();
};

void TestEngine::matchesReference_data() {
    QTest::addColumn<AttentionType>("attention");
    QTest::addColumn<bool>("inputFeeding");
    QTest::addColumn<int>("encoderLayers");
    QTest::addColumn<int>("decoderLayers");
    QTest::newRow("general, feeding, 2+2") << AttentionType::general << true << 2 << 2;
    QTest::newRow("general, no feeding, 1+1") << AttentionType::general << false << 1 << 1;
    QTest::newRow("dot, feeding, 1+2") << AttentionType::dot << true << 1 << 2;
    QTest::newRow("mlp, feeding, 3+1") << AttentionType::mlp << true << 3 << 1;
    QTest::newRow("mlp, no feeding, 2+3") << AttentionType::mlp << false << 2 << 3;
}

// Encoder states, attention and logits of a padded batch match the reference within 1e-4.
void TestEngine::matchesReference() {
    QFETCH(AttentionType, attention);
    QFETCH(bool, inputFeeding);
    QFETCH(int, encoderLayers);
    QFETCH(int, decoderLayers);
    QTemporaryDir dir;
    ModelConfig config = tiny_config();
    config.attention = attention;
    config.input_feeding = inputFeeding;
    config.encoder_layers = encoderLayers;
    config.decoder_layers = decoderLayers;
    if (attention == AttentionType::dot) config.decoder_hidden_size = 2 * config.encoder_hidden_size;
    const std::filesystem::path model_dir = dir.path().toStdString();
    write_random_model(model_dir, config, 7);
    Seq2SeqModel model(model_dir, ops::Precision::f32);

    const std::vector<std::vector<int>> sources = {{5, 9, 12, 30}, {7}, {40, 41, 42, 43, 44, 45, 8}};
    const std::vector<std::vector<int>> targets = {{2, 10, 11, 12}, {2, 20, 21, 22}, {2, 30, 31, 63}};
    EncoderOutput encoded = model.encoder().encode(sources);
    const std::vector<float> final_state = encoded.final_state;
    const int S = encoded.source_length, W = encoded.width;
    std::vector<ReferenceOutput> expected;
    for (std::size_t b = 0; b < sources.size(); ++b)
        expected.push_back(reference_forward(model_dir, sources[b], targets[b]));
    for (std::size_t b = 0; b < sources.size(); ++b) {
        for (std::size_t t = 0; t < sources[b].size(); ++t)
            for (int i = 0; i < W; ++i)
                QVERIFY(std::abs(encoded.states[(b * S + t) * W + i] - expected[b].encoder_states[t][i]) < 1e-4f);
        for (int i = 0; i < W; ++i)
            QVERIFY(std::abs(final_state[b * W + i] - expected[b].encoder_final[i]) < 1e-4f);
    }
    const AttentionMemory memory = model.attention().prepare(std::move(encoded));
    DecoderSession session(model, memory, final_state, {0, 1, 2});
    for (std::size_t t = 0; t < targets[0].size(); ++t) {
        session.step({targets[0][t], targets[1][t], targets[2][t]});
        for (int b = 0; b < 3; ++b) {
            const float* logits = session.logits(b);
            for (int v = 0; v < config.target_vocab_size; ++v)
                QVERIFY2(std::abs(logits[v] - expected[b].logits[t][v]) < 1e-4f,
                         qPrintable(QString("sentence %1 step %2 logit %3: %4 vs %5")
                                        .arg(b).arg(t).arg(v).arg(logits[v]).arg(expected[b].logits[t][v])));
            const float* alpha = session.attention(b);
            QCOMPARE(session.source_length(b), static_cast<int>(sources[b].size()));
            for (std::size_t j = 0; j < sources[b].size(); ++j)
                QVERIFY(std::abs(alpha[j] - expected[b].attention[t][j]) < 1e-4f);
        }
    }
}

namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

void TestEngine::rejectsBadModels_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no folder") << "remove-folder" << "not a model folder";
    QTest::newRow("no config") << "remove-config" << "config.json";
    QTest::newRow("config not json") << "config-garbage" << "config.json";
    QTest::newRow("missing tensor") << "missing-tensor" << "generator.bias";
    QTest::newRow("wrong shape") << "wrong-shape" << "expects";
    QTest::newRow("NaN weight") << "nan-weight" << "non-finite";
    QTest::newRow("extra tensor") << "extra-tensor" << "unexpected tensor";
    QTest::newRow("tokenizer garbage") << "tokenizer-garbage" << "source.spm";
    QTest::newRow("tokenizer size") << "tokenizer-size" << "vocab_size";
    QTest::newRow("truncated weights") << "truncated-weights" << "model.safetensors";
}

// Each damaged model is rejected with a message naming the file or tensor, never a crash.
void TestEngine::rejectsBadModels() {
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::filesystem::path model_dir = std::filesystem::path(dir.path().toStdString()) / "model";
    ModelConfig config = tiny_config();
    write_random_model(model_dir, config, 3);
    auto tensors_with = [&](auto edit) {
        std::map<std::string, TensorToWrite> tensors;
        for (const auto& [name, shape] : expected_tensors(config)) {
            TensorToWrite t;
            t.shape = shape;
            t.values.assign(static_cast<std::size_t>(element_count(shape)), 0.1f);
            tensors.emplace(name, t);
        }
        edit(tensors);
        write_safetensors(model_dir / "model.safetensors", tensors);
    };
    if (damage == "remove-folder") std::filesystem::remove_all(model_dir);
    if (damage == "remove-config") std::filesystem::remove(model_dir / "config.json");
    if (damage == "config-garbage") write_text(model_dir / "config.json", "{ not json");
    if (damage == "missing-tensor") tensors_with([](auto& t) { t.erase("generator.bias"); });
    if (damage == "wrong-shape") tensors_with([](auto& t) { t["generator.bias"].shape = {3}; t["generator.bias"].values.resize(3); });
    if (damage == "nan-weight") tensors_with([](auto& t) { t["generator.bias"].values[5] = NAN; });
    if (damage == "extra-tensor") tensors_with([](auto& t) { t["surprise"] = TensorToWrite{{1}, {1.0f}, DType::f32}; });
    if (damage == "tokenizer-garbage") write_text(model_dir / "source.spm", "this is not a sentencepiece model");
    if (damage == "tokenizer-size") {
        config.source_vocab_size = 65;
        save_config(config, model_dir / "config.json");
        tensors_with([](auto&) {});
    }
    if (damage == "truncated-weights") std::filesystem::resize_file(model_dir / "model.safetensors", 100);
    try {
        Translator translator(model_dir);
        QFAIL("the damaged model loaded");
    } catch (const ModelFormatError& e) {
        QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
}

void TestEngine::goodModelLoadsAfterFailedOne() {
    QTemporaryDir dir;
    const std::filesystem::path root = dir.path().toStdString();
    write_random_model(root / "good", tiny_config(), 1);
    write_random_model(root / "bad", tiny_config(), 1);
    std::filesystem::resize_file(root / "bad" / "model.safetensors", 64);
    QVERIFY_THROWS_EXCEPTION(ModelFormatError, Translator(root / "bad"));
    Translator good(root / "good");
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    const auto result = good.translate("a cat sits", options);
    QCOMPARE(result.sentences.size(), std::size_t(1));
}

// The weights are copied at load, so overwriting the file in place (as 'attentive-cli train'
// does to a model being used) cannot fault a mapped read: it used to kill the process with
// SIGBUS on the next sentence.
void TestEngine::weightsOverwrittenAfterLoadAreNotRead() {
    QTemporaryDir dir;
    const std::filesystem::path model_dir = std::filesystem::path(dir.path().toStdString()) / "model";
    write_random_model(model_dir, tiny_config(), 7);  // F32, aligned: the case that was mapped
    Translator translator(model_dir);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    const std::string before = translator.translate("a cat sits on the mat", options).text;
    {
        // Same inode, truncated then rewritten shorter: pages past the new end are gone.
        std::ofstream overwrite(model_dir / "model.safetensors", std::ios::binary | std::ios::trunc);
        overwrite << "not the weights any more";
    }
    QCOMPARE(translator.translate("a cat sits on the mat", options).text, before);
}

// A sentence over max_sentence_chars is decoded in pieces and joined: one hypothesis of the
// pieces' best translations, nothing that grows with the source (attention, source pieces,
// coverage), and `cut` set.
void TestEngine::longSentenceIsTranslatedInPieces() {
    QTemporaryDir dir;
    const std::filesystem::path model_dir = std::filesystem::path(dir.path().toStdString()) / "model";
    write_random_model(model_dir, tiny_config(), 8);
    Translator translator(model_dir);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    options.max_length = 3;
    std::string long_line;
    while (long_line.size() < 1700) long_line += "a cat sits on the mat ";
    std::vector<std::size_t> reported;
    RequestHooks hooks;
    hooks.on_sentence = [&](std::size_t index, const SentenceResult&) { reported.push_back(index); };
    const auto results = translator.translate_sentences({"a cat", long_line, "the mat"}, options, hooks);
    QCOMPARE(results.size(), std::size_t{3});
    QVERIFY(!results[0].cut);
    QVERIFY(!results[2].cut);
    QVERIFY(!results[0].best().attention.empty());
    const SentenceResult& cut = results[1];
    QVERIFY(cut.cut);
    QCOMPARE(cut.source, long_line);
    QCOMPARE(cut.hypotheses.size(), std::size_t{1});
    QVERIFY(cut.best().attention.empty());
    QVERIFY(cut.source_pieces.empty());
    QVERIFY(cut.coverage.empty());
    QCOMPARE(cut.best().target_pieces.size(), cut.best().target_ids.size());
    // Four pieces of at most 500 characters, each at most 3 target pieces long.
    QVERIFY(cut.best().target_ids.size() <= 4 * 3);
    std::sort(reported.begin(), reported.end());
    QCOMPARE(reported, (std::vector<std::size_t>{0, 1, 2}));
    // A text through translate(): the splitter cuts, and says so.
    QVERIFY(translator.translate(long_line, options).cut);
    QVERIFY(!translator.translate("a cat. the mat.", options).cut);
}

void TestEngine::longChatContextIsReadFromItsEnd() {
    QTemporaryDir dir;
    const std::filesystem::path model_dir = std::filesystem::path(dir.path().toStdString()) / "model";
    write_random_model(model_dir, tiny_config(), 9);
    Translator translator(model_dir);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    options.max_length = 3;
    const std::string long_turn(3000, 'x');
    const SentenceResult reply = translator.reply({long_turn + " the end"}, options);
    QVERIFY(reply.cut);
    QVERIFY(reply.source.size() <= max_sentence_chars);
    QVERIFY(reply.source.ends_with("the end"));
    QVERIFY(!translator.reply({"a cat"}, options).cut);
}

void TestEngine::targetPrefixOutsideVocabularyIsRefused() {
    QTemporaryDir dir;
    const std::filesystem::path model_dir = std::filesystem::path(dir.path().toStdString()) / "model";
    write_random_model(model_dir, tiny_config(), 10);
    Translator translator(model_dir);
    for (const std::string strategy : {"greedy", "beam"}) {
        DecodeOptions options;
        options.strategy = strategy == "greedy" ? DecodeStrategy::greedy : DecodeStrategy::beam;
        options.target_prefix = {5, 64};
        try {
            translator.translate_sentences({"a cat"}, options);
            QFAIL("a prefix id outside the vocabulary was accepted");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString(error.what()).contains("piece id 64 at position 1, outside the target vocabulary"),
                     error.what());
        }
    }
}

// Source erasure: the translation is force-decoded from the source and from the source without
// some pieces, in one batch; the complete source's row does not depend on what shares its batch.
void TestEngine::erasureForcesTheTranslationFromShorterSources() {
    QTemporaryDir dir;
    const std::filesystem::path model_dir = std::filesystem::path(dir.path().toStdString()) / "model";
    write_random_model(model_dir, tiny_config(), 11, 1.5f);
    Translator translator(model_dir);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    const SentenceResult result = translator.translate_sentences({"a cat sits on the mat"}, options).front();
    const std::vector<int>& source = result.source_ids;
    QCOMPARE(source.size(), result.source_pieces.size());
    QVERIFY(source.size() >= 3);
    const std::vector<int>& target = result.best().target_ids;
    const auto alone = translator.erasure_log_probs(source, target, {});
    QCOMPARE(alone.size(), std::size_t{1});
    QCOMPARE(alone.front().size(), target.size() + 1);
    const auto rows = translator.erasure_log_probs(source, target, {{1, 2}, {0, source.size()}});
    QCOMPARE(rows.size(), std::size_t{3});
    float changed = 0.0f;
    for (std::size_t t = 0; t <= target.size(); ++t) {
        // Batches of 1 and 3 rows may take different kernels: 1e-3 nats, well under any loss read.
        QVERIFY2(std::abs(rows[0][t] - alone[0][t]) < 1e-3f, qPrintable(QString::number(rows[0][t] - alone[0][t])));
        QVERIFY(rows[1][t] <= 0.0f && rows[2][t] <= 0.0f);
        changed += std::abs(rows[1][t] - rows[0][t]);
    }
    QVERIFY(changed > 1e-4f);  // the model reads its source
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, translator.erasure_log_probs(source, target, {{2, 2}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             translator.erasure_log_probs(source, target, {{0, source.size() + 1}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, translator.erasure_log_probs({}, target, {}));
}

// A translator whose config names an ensemble partner (a sub-folder) decodes with both: a
// partner identical to it changes nothing, a different one changes the scores; a partner that
// is missing or translates another pair is refused when the translator loads.
void TestEngine::ensemblePartnerDecodesAlong() {
    QTemporaryDir dir;
    const std::filesystem::path root = dir.path().toStdString();
    ModelConfig config = tiny_config();
    config.ensemble_model = "second";
    config.decoding = {{"ensemble_weight", 0.5}};
    write_random_model(root / "twin", config, 8, 1.5f);
    write_random_model(root / "twin" / "second", tiny_config(), 8, 1.5f);
    write_random_model(root / "pair", config, 8, 1.5f);
    write_random_model(root / "pair" / "second", tiny_config(), 9, 1.5f);
    write_random_model(root / "alone", tiny_config(), 8, 1.5f);

    Translator alone(root / "alone", {1, "f32"}), twin(root / "twin", {1, "f32"}), pair(root / "pair", {1, "f32"});
    QVERIFY(!alone.has_ensemble_model());
    QVERIFY(twin.has_ensemble_model());
    QCOMPARE(twin.default_options().ensemble_weight, 0.5f);
    DecodeOptions options = alone.default_options();
    options.max_length = 6;
    const std::vector<std::string> sources = {"a cat sits on the mat", "the dog"};
    DecodeOptions with = options;
    with.ensemble_weight = 0.5f;
    const auto single = alone.translate_sentences(sources, options);
    const auto twins = twin.translate_sentences(sources, with);
    const auto pairs = pair.translate_sentences(sources, with);
    for (std::size_t i = 0; i < sources.size(); ++i) {
        QCOMPARE(twins[i].best().target_ids, single[i].best().target_ids);
        QVERIFY(std::abs(twins[i].best().score - single[i].best().score) < 1e-4f);
        QVERIFY(std::abs(pairs[i].best().score - single[i].best().score) > 1e-4f);
        QVERIFY(!pairs[i].best().attention.empty());  // the first model's, for the heatmap
    }
    // Weight 0: the partner is loaded but not used.
    DecodeOptions off = with;
    off.ensemble_weight = 0.0f;
    QCOMPARE(pair.translate_sentences(sources, off)[0].best().score, single[0].best().score);

    std::filesystem::remove_all(root / "twin" / "second");
    QVERIFY_THROWS_EXCEPTION(ModelFormatError, Translator(root / "twin"));
    ModelConfig other_pair = tiny_config();
    other_pair.source_language = "fr";
    write_random_model(root / "twin" / "second", other_pair, 8, 1.5f);
    QVERIFY_THROWS_EXCEPTION(ModelFormatError, Translator(root / "twin"));
}

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
