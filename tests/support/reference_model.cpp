#include "reference_model.h"

#include <cmath>
#include <map>
#include <string>

#include "core/config.h"
#include "core/safetensors.h"

namespace attentive::testing {

namespace {

using Vec = std::vector<float>;

struct Weights {
    std::map<std::string, Vec> values;
    const Vec& operator[](const std::string& name) const { return values.at(name); }
};

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

// y = W x (+ b); W is [rows, cols] row-major.
Vec affine(const Vec& w, const Vec* b, const Vec& x) {
    const std::size_t cols = x.size();
    const std::size_t rows = w.size() / cols;
    Vec y(rows, 0.0f);
    for (std::size_t r = 0; r < rows; ++r) {
        double sum = b ? (*b)[r] : 0.0;
        for (std::size_t c = 0; c < cols; ++c) sum += static_cast<double>(w[r * cols + c]) * x[c];
        y[r] = static_cast<float>(sum);
    }
    return y;
}

struct LstmWeights {
    const Vec* wi;
    const Vec* wh;
    const Vec* b;
};

// One LSTM cell step, gates i, f, g, o.
void lstm_cell(const LstmWeights& w, const Vec& x, Vec& h, Vec& c) {
    const std::size_t H = h.size();
    Vec gates = affine(*w.wi, w.b, x);
    const Vec recurrent = affine(*w.wh, nullptr, h);
    for (std::size_t i = 0; i < gates.size(); ++i) gates[i] += recurrent[i];
    for (std::size_t k = 0; k < H; ++k) {
        const float i = sigmoid(gates[k]), f = sigmoid(gates[H + k]);
        const float g = std::tanh(gates[2 * H + k]), o = sigmoid(gates[3 * H + k]);
        c[k] = f * c[k] + i * g;
        h[k] = o * std::tanh(c[k]);
    }
}

Vec concat(const Vec& a, const Vec& b) {
    Vec out(a);
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

float dot(const Vec& a, const Vec& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += static_cast<double>(a[i]) * b[i];
    return static_cast<float>(s);
}

}  // namespace

ReferenceOutput reference_forward(const std::filesystem::path& model_dir,
                                  const std::vector<int>& source,
                                  const std::vector<int>& target_inputs) {
    const ModelConfig cfg = load_config(model_dir / "config.json");
    const SafetensorsFile file = SafetensorsFile::open(model_dir / cfg.weights_file);
    Weights w;
    for (const auto& name : file.names()) {
        const TensorView& view = file.tensor(name);
        Vec values(static_cast<std::size_t>(element_count(view.shape)));
        to_f32(view, values);
        w.values.emplace(name, std::move(values));
    }
    const int E = cfg.embedding_size, He = cfg.encoder_hidden_size, Hd = cfg.decoder_hidden_size;
    const std::size_t S = source.size();

    auto embed = [&](const std::string& table, int id) {
        const Vec& t = w[table];
        return Vec(t.begin() + static_cast<std::ptrdiff_t>(id) * E, t.begin() + static_cast<std::ptrdiff_t>(id + 1) * E);
    };
    std::vector<Vec> layer_input;
    for (int id : source) layer_input.push_back(embed("encoder.embedding", id));
    for (int l = 0; l < cfg.encoder_layers; ++l) {
        const std::string p = "encoder.layers." + std::to_string(l) + ".";
        LstmWeights fw{&w[p + "forward.weight_input"], &w[p + "forward.weight_hidden"], &w[p + "forward.bias"]};
        LstmWeights bw{&w[p + "backward.weight_input"], &w[p + "backward.weight_hidden"], &w[p + "backward.bias"]};
        std::vector<Vec> fwd(S), bwd(S);
        Vec h(He, 0.0f), c(He, 0.0f);
        for (std::size_t t = 0; t < S; ++t) {
            lstm_cell(fw, layer_input[t], h, c);
            fwd[t] = h;
        }
        h.assign(He, 0.0f);
        c.assign(He, 0.0f);
        for (std::size_t t = S; t-- > 0;) {
            lstm_cell(bw, layer_input[t], h, c);
            bwd[t] = h;
        }
        for (std::size_t t = 0; t < S; ++t) layer_input[t] = concat(fwd[t], bwd[t]);
    }
    ReferenceOutput out;
    out.encoder_states = layer_input;
    out.encoder_final = concat(Vec(layer_input[S - 1].begin(), layer_input[S - 1].begin() + He),
                               Vec(layer_input[0].begin() + He, layer_input[0].end()));

    std::vector<Vec> h, c;
    for (int l = 0; l < cfg.decoder_layers; ++l) {
        const std::string p = "bridge." + std::to_string(l) + ".";
        Vec init = affine(w[p + "weight"], &w[p + "bias"], out.encoder_final);
        for (float& v : init) v = std::tanh(v);
        h.push_back(init);
        c.emplace_back(Hd, 0.0f);
    }
    Vec feed(Hd, 0.0f);
    for (int y : target_inputs) {
        Vec x = embed("decoder.embedding", y);
        if (cfg.input_feeding) x = concat(x, feed);
        for (int l = 0; l < cfg.decoder_layers; ++l) {
            const std::string p = "decoder.layers." + std::to_string(l) + ".";
            lstm_cell({&w[p + "weight_input"], &w[p + "weight_hidden"], &w[p + "bias"]}, x, h[l], c[l]);
            x = h[l];
        }
        const Vec& top = h.back();
        Vec scores(S);
        for (std::size_t j = 0; j < S; ++j) {
            const Vec& enc = out.encoder_states[j];
            switch (cfg.attention) {
                case AttentionType::dot: scores[j] = dot(top, enc); break;
                case AttentionType::general: scores[j] = dot(top, affine(w["attention.weight"], nullptr, enc)); break;
                case AttentionType::mlp: {
                    Vec q = affine(w["attention.query_weight"], nullptr, top);
                    Vec k = affine(w["attention.key_weight"], &w["attention.bias"], enc);
                    for (std::size_t i = 0; i < q.size(); ++i) q[i] = std::tanh(q[i] + k[i]);
                    scores[j] = dot(w["attention.v"], q);
                    break;
                }
            }
        }
        float max_score = scores[0];
        for (float s : scores) max_score = std::max(max_score, s);
        double sum = 0.0;
        for (float& s : scores) sum += (s = std::exp(s - max_score));
        for (float& s : scores) s = static_cast<float>(s / sum);
        Vec context(2 * He, 0.0f);
        for (std::size_t j = 0; j < S; ++j)
            for (int i = 0; i < 2 * He; ++i) context[i] += scores[j] * out.encoder_states[j][i];
        feed = affine(w["attention.output_weight"], nullptr, concat(context, top));
        for (float& v : feed) v = std::tanh(v);
        const Vec& generator = cfg.tie_target_embeddings ? w["decoder.embedding"] : w["generator.weight"];
        out.logits.push_back(affine(generator, &w["generator.bias"], feed));
        out.attention.push_back(scores);
    }
    return out;
}

}  // namespace attentive::testing
