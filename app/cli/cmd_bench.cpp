// attentive-cli bench: batch-1 greedy latency for 20 generated tokens, beam-5 latency and
// sentences/s at batch 32, as JSON, on a model folder or a random model of the reference shape.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/decoding/search.h"
#include "core/model/seq2seq_model.h"
#include "core/model/weights.h"
#include "core/ops/ops.h"
#include "core/safetensors.h"

namespace attentive::cli {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The reference shape of the engine issue: 16.3 M parameters.
ModelConfig reference_config() {
    ModelConfig config;
    config.name = "reference-shape";
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

void write_random_weights(const ModelConfig& config, const std::filesystem::path& file) {
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<float> uniform(-0.1f, 0.1f);
    std::map<std::string, TensorToWrite> tensors;
    for (const auto& [name, shape] : expected_tensors(config)) {
        TensorToWrite t;
        t.shape = shape;
        t.values.resize(static_cast<std::size_t>(element_count(shape)));
        for (float& v : t.values) v = uniform(rng);
        tensors.emplace(name, std::move(t));
    }
    write_safetensors(file, tensors);
}

// The layers of a model without its tokenizers: the benchmark feeds ids.
struct BenchModel {
    ModelConfig config;
    WeightStore weights;
    Encoder encoder;
    Decoder decoder;
    BenchModel(const ModelConfig& c, const std::filesystem::path& file, ops::Precision precision)
        : config(c), weights(c, file), encoder(c, weights, precision), decoder(c, weights, precision) {}
};

class BenchSession : public StepModel {
public:
    BenchSession(const BenchModel& model, const AttentionMemory& memory,
                 const std::vector<float>& final_state, std::vector<int> row_sentence)
        : m_model(model), m_memory(memory),
          m_state(model.decoder.initial_state(final_state, memory.value_width, std::move(row_sentence))),
          m_logits(static_cast<std::size_t>(m_state.rows) * model.config.target_vocab_size),
          m_attention(static_cast<std::size_t>(m_state.rows) * memory.source_length) {}
    int rows() const override { return m_state.rows; }
    int vocab_size() const override { return m_model.config.target_vocab_size; }
    int source_length(int row) const override { return m_memory.lengths[m_state.row_sentence[row]]; }
    void step(const std::vector<int>& ids) override {
        m_model.decoder.step(m_memory, m_state, ids.data(), m_logits.data(), m_attention.data());
    }
    const float* logits(int row) const override { return &m_logits[static_cast<std::size_t>(row) * vocab_size()]; }
    const float* attention(int row) const override {
        return &m_attention[static_cast<std::size_t>(row) * m_memory.source_length];
    }
    void select_rows(const std::vector<int>& parents) override { m_model.decoder.select_rows(m_state, parents); }

private:
    const BenchModel& m_model;
    const AttentionMemory& m_memory;
    DecoderState m_state;
    std::vector<float> m_logits, m_attention;
};

// Decodes exactly `tokens` tokens for each of `batch` random sources of `source_length`.
double decode_ms(const BenchModel& model, int batch, int source_length, int tokens,
                 DecodeStrategy strategy, int beam, std::mt19937_64& rng) {
    std::uniform_int_distribution<int> id(4, model.config.source_vocab_size - 1);
    std::vector<std::vector<int>> sources(batch, std::vector<int>(source_length));
    for (auto& s : sources)
        for (int& v : s) v = id(rng);
    const auto start = Clock::now();
    EncoderOutput encoded = model.encoder.encode(sources);
    const std::vector<float> final_state = encoded.final_state;
    const AttentionMemory memory = model.decoder.attention().prepare(std::move(encoded));
    SearchRequest request;
    request.sentences = batch;
    request.max_lengths.assign(batch, tokens);
    request.options.strategy = strategy;
    request.options.beam_size = beam;
    request.banned_ids = {model.config.eos_id, model.config.pad_id, model.config.bos_id};
    const int rows = search_rows(request);
    std::vector<int> row_sentence(rows);
    for (int r = 0; r < rows; ++r) row_sentence[r] = r / (rows / batch);
    BenchSession session(model, memory, final_state, std::move(row_sentence));
    run_search(session, request);
    return ms_since(start);
}

double median_ms(int repeats, const std::function<double()>& run) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) times.push_back(run());
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int run_bench(const Words& words) {
    const Args args(words, {"m", "model", "shape", "threads", "precision", "repeats"}, {"help"});
    if (args.has("help")) {
        std::cout << "usage: attentive-cli bench (-m MODEL | --shape reference) [--threads N]\n"
                     "         [--precision f32|bf16|int8] [--repeats N]\n";
        return 0;
    }
    const int threads = ops::set_threads(args.get_int("threads", 0));
    const int repeats = std::max(1, args.get_int("repeats", 7));
    ModelConfig config;
    std::filesystem::path weights_file;
    std::filesystem::path temporary;
    if (args.get("shape", "") == "reference") {
        config = reference_config();
        temporary = std::filesystem::temp_directory_path() /
                    ("attentive-bench-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(temporary);
        weights_file = temporary / "model.safetensors";
        write_random_weights(config, weights_file);
    } else if (args.has("shape")) {
        throw UsageError("--shape takes 'reference'");
    } else {
        const std::filesystem::path dir = model_argument(args);
        config = load_config(dir / "config.json");
        weights_file = dir / config.weights_file;
    }
    const ops::Precision precision = ops::parse_precision(args.get("precision", config.precision));
    if (!ops::precision_supported(precision))
        throw std::invalid_argument("precision " + ops::to_string(precision) + " is not supported on this CPU");

    const auto load_start = Clock::now();
    BenchModel model(config, weights_file, precision);
    const double load_ms = ms_since(load_start);
    std::mt19937_64 rng(42);
    decode_ms(model, 1, 15, 20, DecodeStrategy::greedy, 1, rng);  // warm-up: primitive creation
    decode_ms(model, 1, 15, 20, DecodeStrategy::beam, 5, rng);
    decode_ms(model, 32, 15, 20, DecodeStrategy::greedy, 1, rng);
    const double greedy = median_ms(repeats, [&] { return decode_ms(model, 1, 15, 20, DecodeStrategy::greedy, 1, rng); });
    const double beam = median_ms(repeats, [&] { return decode_ms(model, 1, 15, 20, DecodeStrategy::beam, 5, rng); });
    const double batch32 = median_ms(std::max(1, repeats / 2), [&] {
        return decode_ms(model, 32, 15, 20, DecodeStrategy::greedy, 1, rng);
    });
    if (!temporary.empty()) std::filesystem::remove_all(temporary);

    nlohmann::json out = {
        {"model", args.get("shape", "") == "reference" ? "reference shape (random)" : model_argument(args)},
        {"parameters", parameter_count(config)},
        {"cpu", ops::cpu_name()},
        {"isa", ops::cpu_isa()},
        {"threads", threads},
        {"precision", ops::to_string(precision)},
        {"source_tokens", 15},
        {"generated_tokens", 20},
        {"load_ms", load_ms},
        {"greedy_batch1_ms", greedy},
        {"greedy_batch1_ms_per_token", greedy / 20.0},
        {"beam5_batch1_ms", beam},
        {"beam5_over_greedy", beam / greedy},
        {"greedy_batch32_sentences_per_s", 32.0 * 1000.0 / batch32},
        {"repeats", repeats},
    };
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace attentive::cli
