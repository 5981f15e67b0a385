// Decode options: range checks naming the option, reading JSON over a base, writing JSON.

#include <QTest>
#include <QFloat16>  // QCOMPARE on nlohmann::json weighs QTest's qfloat16 overload

#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/decoding_options.h"

using namespace attentive;

namespace {

// JSON written with single quotes, which read better in C++ literals.
nlohmann::json q(const char* text) {
    return nlohmann::json::parse(QString::fromUtf8(text).replace('\'', '"').toStdString());
}

}  // namespace

class TestDecodingOptions : public QObject {
    Q_OBJECT

private slots:
    void defaults_are_valid() {
        validate(DecodeOptions{});
        DecodeOptions greedy;
        greedy.strategy = DecodeStrategy::greedy;
        validate(greedy);
    }

    void out_of_range_values_are_refused_data() {
        QTest::addColumn<QString>("patch");  // JSON fields over the defaults
        QTest::addColumn<QString>("option");
        QTest::newRow("beam 0") << "{'beam_size': 0}"
                                << "beam_size";
        QTest::newRow("beam 65") << "{'beam_size': 65}"
                                 << "beam_size";
        QTest::newRow("n_best over beam") << "{'beam_size': 4, 'n_best': 5}"
                                          << "n_best";
        QTest::newRow("n_best 0") << "{'n_best': 0}"
                                  << "n_best";
        QTest::newRow("n_best with greedy") << "{'strategy': 'greedy', 'n_best': 2}"
                                            << "n_best";
        QTest::newRow("n_best with sampling") << "{'strategy': 'sample', 'n_best': 3}"
                                              << "n_best";
        QTest::newRow("length penalty negative") << "{'length_penalty': -0.1}"
                                                 << "length_penalty";
        QTest::newRow("length penalty 5.5") << "{'length_penalty': 5.5}"
                                            << "length_penalty";
        QTest::newRow("ratio 0") << "{'max_length_ratio': 0}"
                                 << "max_length_ratio";
        QTest::newRow("extra negative") << "{'max_length_extra': -1}"
                                        << "max_length_extra";
        QTest::newRow("max length 0") << "{'max_length': 0}"
                                      << "max_length";
        QTest::newRow("max length 4097") << "{'max_length': 4097}"
                                         << "max_length";
        QTest::newRow("temperature 0") << "{'temperature': 0}"
                                       << "temperature";
        QTest::newRow("temperature 101") << "{'temperature': 101}"
                                         << "temperature";
        QTest::newRow("top_k negative") << "{'top_k': -1}"
                                        << "top_k";
        QTest::newRow("top_p 0") << "{'top_p': 0}"
                                 << "top_p";
        QTest::newRow("top_p 1.1") << "{'top_p': 1.1}"
                                   << "top_p";
        QTest::newRow("repetition 0.9") << "{'repetition_penalty': 0.9}"
                                        << "repetition_penalty";
        QTest::newRow("repetition 11") << "{'repetition_penalty': 11}"
                                       << "repetition_penalty";
        QTest::newRow("ngram 11") << "{'no_repeat_ngram_size': 11}"
                                  << "no_repeat_ngram_size";
        QTest::newRow("ngram negative") << "{'no_repeat_ngram_size': -1}"
                                        << "no_repeat_ngram_size";
        QTest::newRow("negative prefix id") << "{'target_prefix': [4, -1]}"
                                            << "target_prefix";
        QTest::newRow("alternatives 51") << "{'alternatives': 51}"
                                         << "alternatives";
        QTest::newRow("batch 0") << "{'max_batch_size': 0}"
                                 << "max_batch_size";
        QTest::newRow("batch 1025") << "{'max_batch_size': 1025}"
                                    << "max_batch_size";
        QTest::newRow("length prior negative") << "{'rerank_length_prior_weight': -0.5}"
                                               << "rerank_length_prior_weight";
        QTest::newRow("length mean negative") << "{'rerank_length_log_mean': -1}"
                                              << "rerank_length_log_mean";
        QTest::newRow("max sentences negative") << "{'rerank_max_sentences': -1}"
                                                << "rerank_max_sentences";
        QTest::newRow("sentence penalty negative") << "{'rerank_sentence_penalty': -1}"
                                                   << "rerank_sentence_penalty";
        QTest::newRow("repeat penalty 101") << "{'rerank_repeat_penalty': 101}"
                                            << "rerank_repeat_penalty";
    }

    void out_of_range_values_are_refused() {
        QFETCH(QString, patch);
        QFETCH(QString, option);
        const DecodeOptions options = decode_options_from_json(q(patch.toUtf8().constData()));
        try {
            validate(options);
            QFAIL("the options were accepted");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString(error.what()).contains("'" + option + "'"), error.what());
        }
    }

    void nan_is_refused() {
        DecodeOptions options;
        options.temperature = std::numeric_limits<float>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validate(options));
        options = {};
        options.top_p = std::numeric_limits<float>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validate(options));
    }

    void bad_json_is_refused_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("not an object") << "[1]"
                                       << "must be a JSON object";
        QTest::newRow("unknown option") << "{'beem_size': 3}"
                                        << "unknown decoding option 'beem_size'";
        QTest::newRow("unknown strategy") << "{'strategy': 'best'}"
                                          << "'strategy'";
        QTest::newRow("fractional beam") << "{'beam_size': 2.5}"
                                         << "'beam_size' must be an integer";
        QTest::newRow("string temperature") << "{'temperature': 'hot'}"
                                            << "'temperature' must be a number";
        QTest::newRow("negative seed") << "{'seed': -1}"
                                       << "'seed'";
        QTest::newRow("prefix not an array") << "{'target_prefix': 5}"
                                             << "'target_prefix'";
        QTest::newRow("huge integer") << "{'max_length': 9999999999}"
                                      << "'max_length'";
    }

    void bad_json_is_refused() {
        QFETCH(QString, json);
        QFETCH(QString, phrase);
        try {
            decode_options_from_json(q(json.toUtf8().constData()));
            QFAIL("the JSON was accepted");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString(error.what()).contains(phrase), error.what());
        }
    }

    void json_is_read_over_the_base() {
        DecodeOptions base;
        base.beam_size = 8;
        base.max_batch_size = 7;
        const DecodeOptions options = decode_options_from_json(
            q("{'strategy': 'sample', 'temperature': 0.7, 'top_k': 40, 'seed': 18446744073709551615,"
              " 'target_prefix': [5, 6]}"),
            base);
        QCOMPARE(options.strategy, DecodeStrategy::sample);
        QCOMPARE(options.temperature, 0.7f);
        QCOMPARE(options.top_k, 40);
        QCOMPARE(options.seed, std::numeric_limits<std::uint64_t>::max());
        QCOMPARE(options.target_prefix, (std::vector<int>{5, 6}));
        QCOMPARE(options.beam_size, 8);  // untouched fields keep the base
        QCOMPARE(options.max_batch_size, 7);
    }

    void json_round_trip() {
        DecodeOptions options;
        options.strategy = DecodeStrategy::greedy;
        options.length_penalty = 0.6f;
        options.top_p = 0.9f;
        options.repetition_penalty = 1.2f;
        options.no_repeat_ngram_size = 3;
        options.target_prefix = {7, 8, 9};
        options.alternatives = 5;
        options.seed = 42;
        options.rerank_candidates = 12;
        options.rerank.length_prior = 0.5f;
        options.rerank.length_log_mean = 2.25f;
        options.rerank.length_slope = 0.25f;
        options.rerank.max_sentences = 2;
        options.rerank.sentence_penalty = 0.75f;
        options.rerank.repeat_penalty = 0.125f;
        const nlohmann::json json = to_json(options);
        QCOMPARE(json.at("strategy"), nlohmann::json("greedy"));
        QCOMPARE(json.at("length_penalty"), nlohmann::json(0.6));  // not 0.6000000238418579
        const DecodeOptions back = decode_options_from_json(json);
        QCOMPARE(back.strategy, options.strategy);
        QCOMPARE(back.beam_size, options.beam_size);
        QCOMPARE(back.n_best, options.n_best);
        QCOMPARE(back.length_penalty, options.length_penalty);
        QCOMPARE(back.max_length_ratio, options.max_length_ratio);
        QCOMPARE(back.max_length_extra, options.max_length_extra);
        QCOMPARE(back.max_length, options.max_length);
        QCOMPARE(back.temperature, options.temperature);
        QCOMPARE(back.top_k, options.top_k);
        QCOMPARE(back.top_p, options.top_p);
        QCOMPARE(back.seed, options.seed);
        QCOMPARE(back.repetition_penalty, options.repetition_penalty);
        QCOMPARE(back.no_repeat_ngram_size, options.no_repeat_ngram_size);
        QCOMPARE(back.target_prefix, options.target_prefix);
        QCOMPARE(back.alternatives, options.alternatives);
        QCOMPARE(back.max_batch_size, options.max_batch_size);
        QCOMPARE(back.rerank_candidates, options.rerank_candidates);
        QCOMPARE(back.rerank.length_prior, options.rerank.length_prior);
        QCOMPARE(back.rerank.length_log_mean, options.rerank.length_log_mean);
        QCOMPARE(back.rerank.length_slope, options.rerank.length_slope);
        QCOMPARE(back.rerank.max_sentences, options.rerank.max_sentences);
        QCOMPARE(back.rerank.sentence_penalty, options.rerank.sentence_penalty);
        QCOMPARE(back.rerank.repeat_penalty, options.rerank.repeat_penalty);
        const RerankWeights weights = back.rerank;
        QCOMPARE(weights.length_prior, 0.5f);
        QCOMPARE(weights.length_log_mean, 2.25f);
        QCOMPARE(weights.max_sentences, 2);
        QCOMPARE(weights.repeat_penalty, 0.125f);
    }
};

QTEST_GUILESS_MAIN(TestDecodingOptions)
#include "test_decoding_options.moc"
