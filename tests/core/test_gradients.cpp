// The training forward and backward passes: the loss against a plain-loops double-precision
// implementation of the model math, every parameter's gradient against central finite
// differences of that implementation, on tiny shapes with padding, over a table of
// architectures (attention type x input feeding x layers x label smoothing).

#include <QTest>

#include <QTemporaryDir>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/ops/vector_math.h"
#include "core/training/batch.h"
#include "core/training/gradients.h"
#include "core/training/parameters.h"
#include "core/training/softmax_loss.h"

using namespace attentive;

Q_DECLARE_METATYPE(attentive::AttentionType)

namespace {

using Vec = std::vector<double>;

// The model math of docs/model-format.md, one sentence at a time, in double precision and with
// no oneDNN: the yardstick for the engine's loss and gradients.
class ReferenceModel {
public:
    ReferenceModel(const ModelConfig& config, const Parameters& parameters) : m_c(config) {
        for (const auto& [name, tensor] : parameters) {
            m_p[name] = Vec(tensor.values.begin(), tensor.values.end());
        }
    }
    std::map<std::string, Vec>& parameters() { return m_p; }

    // Summed (label-smoothed) loss over the batch's real target positions.
    double loss(const Batch& batch, double smoothing) const {
        double total = 0.0;
        for (int b = 0; b < batch.batch_size; ++b) {
            std::vector<int> source(batch.source_ids.begin() + b * batch.source_length,
                                    batch.source_ids.begin() + b * batch.source_length +
                                        batch.source_lengths[b]);
            std::vector<int> input, output;
            for (int t = 0; t < batch.target_lengths[b]; ++t) {
                input.push_back(batch.target_input[b * batch.target_length + t]);
                output.push_back(batch.target_output[b * batch.target_length + t]);
            }
            total += sentence_loss(source, input, output, smoothing);
        }
        return total;
    }

private:
    const Vec& p(const std::string& name) const { return m_p.at(name); }

    // y = W x (+ b), W [rows, cols] row-major.
    static Vec affine(const Vec& W, const Vec& x, const Vec* bias) {
        const std::size_t cols = x.size(), rows = W.size() / cols;
        Vec y(rows, 0.0);
        for (std::size_t r = 0; r < rows; ++r) {
            double sum = bias ? (*bias)[r] : 0.0;
            for (std::size_t k = 0; k < cols; ++k) sum += W[r * cols + k] * x[k];
            y[r] = sum;
        }
        return y;
    }
    static double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
    static Vec concat(const Vec& a, const Vec& b) {
        Vec r = a;
        r.insert(r.end(), b.begin(), b.end());
        return r;
    }

    // PyTorch's LSTM cell, gates in the order input, forget, cell candidate, output.
    void cell(const std::string& prefix, const Vec& x, Vec& h, Vec& c) const {
        const std::size_t H = h.size();
        Vec gates = affine(p(prefix + "weight_input"), x, &p(prefix + "bias"));
        const Vec recurrent = affine(p(prefix + "weight_hidden"), h, nullptr);
        for (std::size_t i = 0; i < gates.size(); ++i) gates[i] += recurrent[i];
        for (std::size_t k = 0; k < H; ++k) {
            const double i = sigmoid(gates[k]), f = sigmoid(gates[H + k]);
            const double g = std::tanh(gates[2 * H + k]), o = sigmoid(gates[3 * H + k]);
            c[k] = f * c[k] + i * g;
            h[k] = o * std::tanh(c[k]);
        }
    }

    double sentence_loss(const std::vector<int>& source, const std::vector<int>& input,
                         const std::vector<int>& output, double smoothing) const {
        const int E = m_c.embedding_size, He = m_c.encoder_hidden_size, Hd = m_c.decoder_hidden_size;
        const int L = static_cast<int>(source.size());
        std::vector<Vec> x(L);
        for (int j = 0; j < L; ++j) {
            const Vec& emb = p("encoder.embedding");
            x[j] = Vec(emb.begin() + source[j] * E, emb.begin() + (source[j] + 1) * E);
        }
        for (int l = 0; l < m_c.encoder_layers; ++l) {
            const std::string prefix = "encoder.layers." + std::to_string(l) + ".";
            std::vector<Vec> fwd(L), bwd(L);
            Vec h(He, 0.0), c(He, 0.0);
            for (int j = 0; j < L; ++j) {
                cell(prefix + "forward.", x[j], h, c);
                fwd[j] = h;
            }
            h.assign(He, 0.0);
            c.assign(He, 0.0);
            for (int j = L - 1; j >= 0; --j) {
                cell(prefix + "backward.", x[j], h, c);
                bwd[j] = h;
            }
            for (int j = 0; j < L; ++j) x[j] = concat(fwd[j], bwd[j]);
        }
        const std::vector<Vec>& enc = x;
        const Vec h_enc = concat(Vec(enc[L - 1].begin(), enc[L - 1].begin() + He),
                                 Vec(enc[0].begin() + He, enc[0].end()));
        std::vector<Vec> hs, cs;
        for (int l = 0; l < m_c.decoder_layers; ++l) {
            const std::string prefix = "bridge." + std::to_string(l) + ".";
            Vec h0 = affine(p(prefix + "weight"), h_enc, &p(prefix + "bias"));
            for (double& v : h0) v = std::tanh(v);
            hs.push_back(h0);
            cs.push_back(Vec(Hd, 0.0));
        }
        std::vector<Vec> keys(L);
        for (int j = 0; j < L; ++j) {
            if (m_c.attention == AttentionType::general) keys[j] = affine(p("attention.weight"), enc[j], nullptr);
            if (m_c.attention == AttentionType::mlp) keys[j] = affine(p("attention.key_weight"), enc[j], nullptr);
        }
        const std::string generator = m_c.tie_target_embeddings ? "decoder.embedding" : "generator.weight";
        Vec feed(Hd, 0.0);
        double total = 0.0;
        for (std::size_t t = 0; t < input.size(); ++t) {
            const Vec& emb = p("decoder.embedding");
            Vec in(emb.begin() + input[t] * E, emb.begin() + (input[t] + 1) * E);
            if (m_c.input_feeding) in = concat(in, feed);
            for (int l = 0; l < m_c.decoder_layers; ++l) {
                cell("decoder.layers." + std::to_string(l) + ".", in, hs[l], cs[l]);
                in = hs[l];
            }
            const Vec& h = hs.back();
            Vec scores(L);
            for (int j = 0; j < L; ++j) {
                double s = 0.0;
                if (m_c.attention == AttentionType::general) {
                    for (int k = 0; k < Hd; ++k) s += h[k] * keys[j][k];
                } else if (m_c.attention == AttentionType::dot) {
                    for (int k = 0; k < Hd; ++k) s += h[k] * enc[j][k];
                } else {
                    const Vec q = affine(p("attention.query_weight"), h, nullptr);
                    for (int k = 0; k < Hd; ++k) {
                        s += p("attention.v")[k] * std::tanh(q[k] + keys[j][k] + p("attention.bias")[k]);
                    }
                }
                scores[j] = s;
            }
            double top = scores[0], sum = 0.0;
            for (double s : scores) top = std::max(top, s);
            for (double& s : scores) sum += (s = std::exp(s - top));
            Vec context(2 * He, 0.0);
            for (int j = 0; j < L; ++j) {
                for (int k = 0; k < 2 * He; ++k) context[k] += scores[j] / sum * enc[j][k];
            }
            Vec a = affine(p("attention.output_weight"), concat(context, h), nullptr);
            for (double& v : a) v = std::tanh(v);
            feed = a;
            const Vec logits = affine(p(generator), a, &p("generator.bias"));
            double lse_top = logits[0], lse = 0.0;
            for (double z : logits) lse_top = std::max(lse_top, z);
            for (double z : logits) lse += std::exp(z - lse_top);
            const double log_norm = lse_top + std::log(lse);
            const double nll = log_norm - logits[output[t]];
            double mean = 0.0;
            for (double z : logits) mean += log_norm - z;
            mean /= static_cast<double>(logits.size());
            total += (1.0 - smoothing) * nll + smoothing * mean;
        }
        return total;
    }

    ModelConfig m_c;
    std::map<std::string, Vec> m_p;
};

ModelConfig tiny_model(AttentionType attention, bool input_feeding, int layers, bool tied = false) {
    ModelConfig config;
    config.source_vocab_size = 11;
    config.target_vocab_size = 11;
    config.embedding_size = 4;
    config.encoder_hidden_size = 3;
    config.decoder_hidden_size = attention == AttentionType::dot ? 6 : 5;
    if (tied) config.embedding_size = config.decoder_hidden_size;
    config.encoder_layers = layers;
    config.decoder_layers = layers;
    config.attention = attention;
    config.input_feeding = input_feeding;
    config.tie_target_embeddings = tied;
    return config;
}

// Two pairs of different lengths, so that padding in source and target is exercised.
Batch tiny_batch() {
    return make_batch({{4, 5, 6, 7}, {8, 9}}, {{5, 6}, {7}}, 0, 2, 3);
}

}  // namespace

class TestGradients : public QObject {
    Q_OBJECT

private slots:
    void makeBatchPadsAndShifts() {
        const Batch batch = make_batch({{4, 5, 6}, {7}}, {{8}, {9, 10, 4}}, 0, 2, 3);
        QCOMPARE(batch.batch_size, 2);
        QCOMPARE(batch.source_length, 3);
        QCOMPARE(batch.target_length, 4);
        QCOMPARE(batch.source_ids, (std::vector<int>{4, 5, 6, 7, 0, 0}));
        QCOMPARE(batch.source_lengths, (std::vector<int>{3, 1}));
        QCOMPARE(batch.target_input, (std::vector<int>{2, 8, 0, 0, 2, 9, 10, 4}));
        QCOMPARE(batch.target_output, (std::vector<int>{8, 3, 0, 0, 9, 10, 4, 3}));
        QCOMPARE(batch.target_lengths, (std::vector<int>{2, 4}));
        QCOMPARE(batch.target_tokens(), std::int64_t{6});
    }

    void makeBatchRejectsBadInput() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make_batch({}, {}, 0, 2, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make_batch({{4}}, {{5}, {6}}, 0, 2, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make_batch({{4}, {}}, {{5}, {6}}, 0, 2, 3));
    }

    void initSetsForgetBiasAndIsSeeded() {
        const ModelConfig config = tiny_model(AttentionType::general, true, 2);
        std::mt19937_64 rng_a(7), rng_b(7);
        const Parameters a = init_parameters(config, rng_a, 0.1f);
        const Parameters b = init_parameters(config, rng_b, 0.1f);
        QCOMPARE(a.size(), expected_tensors(config).size());
        const Tensor& bias = a.at("decoder.layers.1.bias");
        const int H = config.decoder_hidden_size;
        for (int k = H; k < 2 * H; ++k) QCOMPARE(bias.values[k], 1.0f);
        QVERIFY(std::abs(bias.values[0]) <= 0.1f);
        for (const auto& [name, tensor] : a) QCOMPARE(tensor.values, b.at(name).values);
    }

    void saveLoadRoundTrip() {
        const ModelConfig config = tiny_model(AttentionType::mlp, false, 1);
        std::mt19937_64 rng(3);
        const Parameters parameters = init_parameters(config, rng);
        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath("model.safetensors").toStdString();
        save_parameters(parameters, file);
        const Parameters loaded = load_parameters(config, file);
        QCOMPARE(loaded.size(), parameters.size());
        for (const auto& [name, tensor] : parameters) {
            QCOMPARE(loaded.at(name).shape, tensor.shape);
            QCOMPARE(loaded.at(name).values, tensor.values);
        }
        // The same weights do not fit a config with other sizes.
        ModelConfig other = config;
        other.decoder_hidden_size = 7;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, load_parameters(other, file));
    }

    void gradientsMatchFiniteDifferences_data() {
        QTest::addColumn<AttentionType>("attention");
        QTest::addColumn<bool>("inputFeeding");
        QTest::addColumn<int>("layers");
        QTest::addColumn<double>("smoothing");
        QTest::addColumn<bool>("tied");
        const std::pair<AttentionType, const char*> types[] = {
            {AttentionType::general, "general"}, {AttentionType::dot, "dot"}, {AttentionType::mlp, "mlp"}};
        for (const auto& [type, name] : types) {
            for (bool feeding : {true, false}) {
                for (int layers : {1, 2}) {
                    for (double smoothing : {0.0, 0.1}) {
                        QTest::addRow("%s feed=%d layers=%d eps=%.1f", name, feeding, layers, smoothing)
                            << type << feeding << layers << smoothing << false;
                    }
                }
            }
        }
        QTest::addRow("general tied feed=1 layers=2 eps=0.1")
            << AttentionType::general << true << 2 << 0.1 << true;
        QTest::addRow("dot tied feed=0 layers=1 eps=0.0")
            << AttentionType::dot << false << 1 << 0.0 << true;
    }

    void gradientsMatchFiniteDifferences() {
        QFETCH(AttentionType, attention);
        QFETCH(bool, inputFeeding);
        QFETCH(int, layers);
        QFETCH(double, smoothing);
        QFETCH(bool, tied);
        const ModelConfig config = tiny_model(attention, inputFeeding, layers, tied);
        std::mt19937_64 rng(11);
        const Parameters parameters = init_parameters(config, rng, 0.5f);
        const Batch batch = tiny_batch();

        GradientComputer computer(config, 1);
        TrainingStepOptions options;
        options.label_smoothing = static_cast<float>(smoothing);
        Parameters gradients;
        const LossStats stats = computer.compute(parameters, batch, options, rng, gradients);
        QCOMPARE(stats.tokens, batch.target_tokens());

        ReferenceModel reference(config, parameters);
        const double expected_loss = reference.loss(batch, smoothing);
        QVERIFY2(std::abs(stats.loss_sum - expected_loss) < 1e-4,
                 qPrintable(QString("loss %1, plain loops %2").arg(stats.loss_sum, 0, 'g', 10).arg(expected_loss, 0, 'g', 10)));
        const double expected_nll = reference.loss(batch, 0.0);
        QVERIFY(std::abs(stats.nll_sum - expected_nll) < 1e-4);

        QCOMPARE(gradients.size(), parameters.size());
        const double step = 1e-5;
        QStringList failures;
        for (auto& [name, values] : reference.parameters()) {
            const Tensor& analytic = gradients.at(name);
            QCOMPARE(analytic.shape, parameters.at(name).shape);
            double worst = 0.0;
            std::size_t worst_index = 0;
            double worst_numeric = 0.0;
            for (std::size_t i = 0; i < values.size(); ++i) {
                const double saved = values[i];
                values[i] = saved + step;
                const double up = reference.loss(batch, smoothing);
                values[i] = saved - step;
                const double down = reference.loss(batch, smoothing);
                values[i] = saved;
                const double numeric = (up - down) / (2.0 * step);
                const double error = std::abs(analytic.values[i] - numeric) / (std::abs(numeric) + 1e-2);
                if (error > worst) {
                    worst = error;
                    worst_index = i;
                    worst_numeric = numeric;
                }
            }
            if (worst >= 1e-2) {
                failures << QString("%1[%2]: analytic %3, finite differences %4")
                                .arg(QString::fromStdString(name))
                                .arg(worst_index)
                                .arg(analytic.values[worst_index])
                                .arg(worst_numeric);
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join("; ")));
    }

    void evaluateMatchesComputeAndPaddingDoesNotLeak_data() {
        QTest::addColumn<bool>("inputFeeding");
        QTest::newRow("input feeding") << true;
        QTest::newRow("no input feeding") << false;
    }

    void evaluateMatchesComputeAndPaddingDoesNotLeak() {
        QFETCH(bool, inputFeeding);
        const ModelConfig config = tiny_model(AttentionType::general, inputFeeding, 2);
        std::mt19937_64 rng(5);
        const Parameters parameters = init_parameters(config, rng, 0.5f);
        GradientComputer computer(config, 1);
        const Batch batch = tiny_batch();
        const LossStats whole = computer.evaluate(parameters, batch);
        const LossStats first = computer.evaluate(parameters, make_batch({{4, 5, 6, 7}}, {{5, 6}}, 0, 2, 3));
        const LossStats second = computer.evaluate(parameters, make_batch({{8, 9}}, {{7}}, 0, 2, 3));
        QCOMPARE(whole.tokens, std::int64_t{5});
        QVERIFY(std::abs(whole.nll_sum - (first.nll_sum + second.nll_sum)) < 1e-4);
        QCOMPARE(whole.loss_sum, whole.nll_sum);

        TrainingStepOptions options;
        options.label_smoothing = 0.0f;
        Parameters gradients;
        const LossStats trained = computer.compute(parameters, batch, options, rng, gradients);
        QVERIFY(std::abs(trained.nll_sum - whole.nll_sum) < 1e-5);
        // Gradients are overwritten, not accumulated, by a second call.
        const Parameters first_gradients = gradients;
        computer.compute(parameters, batch, options, rng, gradients);
        for (const auto& [name, tensor] : first_gradients) {
            const auto& again = gradients.at(name).values;
            for (std::size_t i = 0; i < again.size(); ++i) QVERIFY(std::abs(again[i] - tensor.values[i]) < 1e-6f);
        }
    }

    void dropoutIsSeededAndChangesTheLoss() {
        const ModelConfig config = tiny_model(AttentionType::general, true, 2);
        std::mt19937_64 init(5);
        const Parameters parameters = init_parameters(config, init, 0.5f);
        GradientComputer computer(config, 1);
        const Batch batch = tiny_batch();
        TrainingStepOptions options;
        options.dropout = 0.3f;
        Parameters ga, gb;
        std::mt19937_64 rng_a(9), rng_b(9);
        const LossStats a = computer.compute(parameters, batch, options, rng_a, ga);
        const LossStats b = computer.compute(parameters, batch, options, rng_b, gb);
        QCOMPARE(a.loss_sum, b.loss_sum);
        QCOMPARE(ga.at("encoder.embedding").values, gb.at("encoder.embedding").values);
        options.dropout = 0.0f;
        const LossStats clean = computer.compute(parameters, batch, options, rng_a, ga);
        QVERIFY(std::abs(clean.loss_sum - a.loss_sum) > 1e-6);
        QVERIFY(std::isfinite(a.loss_sum));
    }

    // bf16 forward tensors with f32 gradients: the same loss and gradients to bf16 precision.
    void bf16MatchesF32_data() {
        QTest::addColumn<bool>("inputFeeding");
        QTest::newRow("input feeding") << true;
        QTest::newRow("no input feeding") << false;
    }

    void bf16MatchesF32() {
        QFETCH(bool, inputFeeding);
        ModelConfig config = tiny_model(AttentionType::general, inputFeeding, 2);
        config.embedding_size = 16;
        config.encoder_hidden_size = 16;
        config.decoder_hidden_size = 32;
        config.source_vocab_size = config.target_vocab_size = 50;
        std::mt19937_64 rng(21);
        const Parameters parameters = init_parameters(config, rng, 0.2f);
        std::vector<std::vector<int>> sources, targets;
        std::uniform_int_distribution<int> id(4, 49), length(2, 9);
        for (int i = 0; i < 16; ++i) {
            sources.emplace_back(length(rng));
            targets.emplace_back(length(rng));
            for (int& x : sources.back()) x = id(rng);
            for (int& x : targets.back()) x = id(rng);
        }
        const Batch batch = make_batch(sources, targets, 0, 2, 3);
        GradientComputer computer(config, 1);
        TrainingStepOptions options;
        Parameters exact, approximate;
        const LossStats f32 = computer.compute(parameters, batch, options, rng, exact);
        options.bf16 = true;
        LossStats bf16;
        try {
            bf16 = computer.compute(parameters, batch, options, rng, approximate);
        } catch (const std::runtime_error& error) {
            QSKIP(error.what());
        }
        // Rounding to bf16 must show (the bf16 path ran), and stay small.
        QVERIFY(bf16.loss_sum != f32.loss_sum);
        QVERIFY2(std::abs(bf16.loss_sum - f32.loss_sum) < 2e-3 * f32.loss_sum,
                 qPrintable(QString("bf16 loss %1, f32 loss %2").arg(bf16.loss_sum).arg(f32.loss_sum)));
        for (const auto& [name, tensor] : exact) {
            double difference = 0.0, norm = 0.0;
            const auto& other = approximate.at(name).values;
            for (std::size_t i = 0; i < other.size(); ++i) {
                difference += (other[i] - tensor.values[i]) * (other[i] - tensor.values[i]);
                norm += tensor.values[i] * tensor.values[i];
            }
            QVERIFY2(std::sqrt(difference) <= 0.05 * std::sqrt(norm) + 1e-5,
                     qPrintable(QString("%1: relative difference %2").arg(QString::fromStdString(name))
                                    .arg(std::sqrt(difference / std::max(norm, 1e-30)))));
        }
    }

    // The generator's fused passes against plain double loops, on rows wider than one of the
    // backward pass's column blocks (with a partial one), padding rows, and one and two threads.
    void softmaxCrossEntropyMatchesPlainLoops() {
        const int rows = 5, width = 1000;
        const float smoothing = 0.1f;
        std::mt19937_64 rng(7);
        std::normal_distribution<float> normal(0.0f, 3.0f);
        std::vector<float> logits(rows * width), bias(width);
        for (float& x : logits) x = normal(rng);
        for (float& x : bias) x = normal(rng);
        const std::vector<int> targets = {3, -1, 999, 256, 0};

        std::vector<float> z = logits, normalizers(rows), sums(rows);
        add_bias_and_normalize(rows, width, z.data(), bias.data(), normalizers.data(), sums.data());
        std::vector<double> expected_gradient(rows * width, 0.0), expected_bias(width, 0.0);
        for (int r = 0; r < rows; ++r) {
            double max = -1e300, sum = 0.0, exp_sum = 0.0;
            for (int v = 0; v < width; ++v) max = std::max(max, double(logits[r * width + v]) + bias[v]);
            for (int v = 0; v < width; ++v) {
                const double x = double(logits[r * width + v]) + bias[v];
                QVERIFY(std::abs(z[r * width + v] - x) < 1e-5);
                sum += x;
                exp_sum += std::exp(x - max);
            }
            const double normalizer = max + std::log(exp_sum);
            QVERIFY2(std::abs(normalizers[r] - normalizer) < 1e-4, qPrintable(QString::number(normalizers[r])));
            QVERIFY(std::abs(sums[r] - sum) < 1e-3 * std::max(1.0, std::abs(sum)));
            if (targets[r] < 0) continue;
            for (int v = 0; v < width; ++v) {
                const double x = double(logits[r * width + v]) + bias[v];
                const double d = std::exp(x - normalizer) - smoothing / width - (v == targets[r] ? 1.0 - smoothing : 0.0);
                expected_gradient[r * width + v] = d;
                expected_bias[v] += d;
            }
        }
        for (int threads : {1, 2}) {
            omp_set_num_threads(threads);
            std::vector<float> gradient = z, bias_gradient(width, 0.5f), logits16 = z, bias_gradient16(width, 0.5f);
            std::vector<std::uint16_t> gradient16(rows * width, 0xffff);
            softmax_cross_entropy_gradient(rows, width, gradient.data(), normalizers.data(), targets.data(), smoothing,
                                           nullptr, bias_gradient.data());
            softmax_cross_entropy_gradient(rows, width, logits16.data(), normalizers.data(), targets.data(), smoothing,
                                           gradient16.data(), bias_gradient16.data());
            QCOMPARE(logits16, z);
            QCOMPARE(bias_gradient16, bias_gradient);
            for (int i = 0; i < rows * width; ++i) {
                QVERIFY2(std::abs(gradient[i] - expected_gradient[i]) < 1e-6, qPrintable(QString::number(i)));
                QCOMPARE(gradient16[i], ops::to_bf16(gradient[i]));
            }
            for (int v = 0; v < width; ++v) QVERIFY(std::abs(bias_gradient[v] - 0.5 - expected_bias[v]) < 1e-5);
        }
    }

    void rejectsBadInput() {
        const ModelConfig config = tiny_model(AttentionType::general, true, 1);
        std::mt19937_64 rng(1);
        Parameters parameters = init_parameters(config, rng);
        GradientComputer computer(config, 1);
        TrainingStepOptions options;
        Parameters gradients;
        const Batch out_of_vocabulary = make_batch({{4, 11}}, {{5}}, 0, 2, 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 computer.compute(parameters, out_of_vocabulary, options, rng, gradients));
        options.dropout = 1.0f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 computer.compute(parameters, tiny_batch(), options, rng, gradients));
        options.dropout = 0.0f;
        parameters.erase("bridge.0.bias");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 computer.compute(parameters, tiny_batch(), options, rng, gradients));
    }
};

QTEST_GUILESS_MAIN(TestGradients)
#include "test_gradients.moc"
