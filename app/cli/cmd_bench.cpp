// attentive-cli bench: batch-1 greedy latency for 20 generated tokens, beam-5 latency and
// sentences/s at batch 32, as JSON, on a model folder or a random model of the reference shape.
// --write-model DIR keeps the random model (config.json + model.safetensors, no tokenizers);
// --dump FILE writes the engine's greedy ids, attention and logits on a few random sources
// instead of timing, for bench/pytorch_reference.py to compare against.
// Also reported: peak resident memory after loading and after the runs, and the "paste" figure
// (a 10-page text through Translator::translate) when the model folder has its tokenizers.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include <nlohmann/json.hpp>

#include "args.h"
#include "bench_median.h"
#include "bench_training.h"
#include "commands.h"
#include "decode_flags.h"
#include "paste_bench.h"
#include "read_bandwidth.h"
#include "common/peak_memory.h"
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

// A model that only hands out fixed random logits: what the search itself costs per sentence,
// with the engine's step taken out.
class FixedLogits : public StepModel {
public:
    FixedLogits(int rows, int vocab, int source_length, std::mt19937_64& rng)
        : m_rows(rows), m_vocab(vocab), m_source_length(source_length),
          m_logits(static_cast<std::size_t>(rows) * vocab),
          m_attention(static_cast<std::size_t>(rows) * source_length, 1.0f / source_length) {
        std::normal_distribution<float> logit(0.0f, 2.0f);
        for (float& v : m_logits) v = logit(rng);
    }
    int rows() const override { return m_rows; }
    int vocab_size() const override { return m_vocab; }
    int source_length(int) const override { return m_source_length; }
    void step(const std::vector<int>&) override {}
    const float* logits(int row) const override { return &m_logits[static_cast<std::size_t>(row) * m_vocab]; }
    const float* attention(int row) const override {
        return &m_attention[static_cast<std::size_t>(row) * m_source_length];
    }
    void select_rows(const std::vector<int>&) override {}

private:
    int m_rows, m_vocab, m_source_length;
    std::vector<float> m_logits, m_attention;
};

// A search of exactly `tokens` tokens for each of `batch` sentences: EOS, PAD and BOS banned.
SearchRequest bench_request(const ModelConfig& config, int batch, int tokens, DecodeStrategy strategy, int beam) {
    SearchRequest request;
    request.sentences = batch;
    request.max_lengths.assign(batch, tokens);
    request.options.strategy = strategy;
    request.options.beam_size = beam;
    request.banned_ids = {config.eos_id, config.pad_id, config.bos_id};
    return request;
}

double search_only_ms(const ModelConfig& config, int tokens, DecodeStrategy strategy, int beam,
                      std::mt19937_64& rng) {
    const SearchRequest request = bench_request(config, 1, tokens, strategy, beam);
    FixedLogits model(search_rows(request), config.target_vocab_size, 15, rng);
    const auto start = Clock::now();
    run_search(model, request);
    return ms_since(start);
}

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
    const SearchRequest request = bench_request(model.config, batch, tokens, strategy, beam);
    const int rows = search_rows(request);
    std::vector<int> row_sentence(rows);
    for (int r = 0; r < rows; ++r) row_sentence[r] = r / (rows / batch);
    BenchSession session(model, memory, final_state, std::move(row_sentence));
    run_search(session, request);
    return ms_since(start);
}

// Greedy decoding of `tokens` tokens (EOS, PAD and BOS banned, as in the timed runs) for a
// padded batch of random sources, recording every step's logits and attention row.
nlohmann::json dump_greedy(const BenchModel& model, int tokens, std::mt19937_64& rng) {
    const ModelConfig& config = model.config;
    std::uniform_int_distribution<int> id(4, config.source_vocab_size - 1);
    std::vector<std::vector<int>> sources;
    for (int length : {15, 7, 11, 1}) {
        std::vector<int> source(length);
        for (int& v : source) v = id(rng);
        sources.push_back(std::move(source));
    }
    const int batch = static_cast<int>(sources.size());
    EncoderOutput encoded = model.encoder.encode(sources);
    const std::vector<float> final_state = encoded.final_state;
    const AttentionMemory memory = model.decoder.attention().prepare(std::move(encoded));
    std::vector<int> row_sentence(batch);
    for (int b = 0; b < batch; ++b) row_sentence[b] = b;
    BenchSession session(model, memory, final_state, std::move(row_sentence));
    nlohmann::json out = nlohmann::json::array();
    for (int b = 0; b < batch; ++b)
        out.push_back({{"source_ids", sources[b]}, {"target_ids", nlohmann::json::array()},
                       {"attention", nlohmann::json::array()}, {"logits", nlohmann::json::array()}});
    std::vector<int> ids(batch, config.bos_id);
    for (int t = 0; t < tokens; ++t) {
        session.step(ids);
        for (int b = 0; b < batch; ++b) {
            const float* logits = session.logits(b);
            int best = -1;
            for (int v = 0; v < config.target_vocab_size; ++v) {
                if (v == config.eos_id || v == config.pad_id || v == config.bos_id) continue;
                if (best < 0 || logits[v] > logits[best]) best = v;
            }
            ids[b] = best;
            out[b]["target_ids"].push_back(best);
            out[b]["attention"].push_back(
                std::vector<float>(session.attention(b), session.attention(b) + session.source_length(b)));
            out[b]["logits"].push_back(std::vector<float>(logits, logits + config.target_vocab_size));
        }
    }
    return out;
}

// The tier the run used (ATTENTIVE_MAX_ISA caps it), the machine's own, and oneDNN's ISA.
void add_cpu_tiers(nlohmann::json& out) {
    out["cpu_tier"] = ops::to_string(ops::cpu_tier());
    out["machine_cpu_tier"] = ops::to_string(ops::machine_cpu_tier());
    const std::string cap = ops::cpu_tier_cap();
    out["max_isa_cap"] = cap.empty() ? nlohmann::json() : nlohmann::json(cap);
    out["isa"] = ops::cpu_isa();
}

}  // namespace

int run_bench(const Words& words) {
    const Args args(words,
                    {"m", "model", "shape", "threads", "precision", "repeats", "write-model", "dump",
                     "paste-pages"},
                    {"help", "training"});
    if (args.has("help")) {
        std::cout << "usage: attentive-cli bench (-m MODEL | --shape reference [--write-model DIR])\n"
                     "         [--threads N] [--precision f32|bf16|int8] [--repeats N] [--dump FILE]\n"
                     "         [--paste-pages N] [--training]\n"
                     "--write-model DIR keeps the random reference model in DIR (config.json and\n"
                     "model.safetensors); --dump FILE writes greedy ids, attention and logits of a few\n"
                     "random sources as JSON instead of timing. With a model folder that has its\n"
                     "tokenizers, 'paste' times translating a synthetic text of --paste-pages pages\n"
                     "(default 10; a page is 30 sentences) through the Translator API.\n"
                     "--training times training steps instead (batch of 64 random pairs, f32 or\n"
                     "--precision bf16): target tokens per second, optimizer included.\n"
                     "The JSON names the CPU tier the run used (cpu_tier) and the machine's; set\n"
                     "ATTENTIVE_MAX_ISA=avx2|avx2_vnni|avx512|avx512_vnni|avx512_bf16|amx to run as a\n"
                     "lesser CPU would.\n";
        return 0;
    }
    const int threads = ops::set_threads(args.get_int("threads", 0));
    const int repeats = std::max(1, args.get_int("repeats", 7));
    ModelConfig config;
    std::filesystem::path weights_file;
    std::filesystem::path temporary;
    if (args.get("shape", "") == "reference") {
        config = reference_config();
        std::filesystem::path dir;
        if (args.has("write-model")) {
            dir = args.get("write-model", "");
            std::filesystem::create_directories(dir);
            save_config(config, dir / "config.json");
        } else {
            temporary = std::filesystem::temp_directory_path() /
                        ("attentive-bench-" + std::to_string(std::random_device{}()));
            std::filesystem::create_directories(temporary);
            dir = temporary;
        }
        weights_file = dir / config.weights_file;
        write_random_weights(config, weights_file);
    } else if (args.has("shape")) {
        throw UsageError("--shape takes 'reference'");
    } else {
        const std::filesystem::path dir = model_argument(args);
        config = load_config(dir / "config.json");
        weights_file = dir / config.weights_file;
    }
    const ops::Precision precision = ops::choose_precision(args.get("precision", ""), config.precision);

    if (args.has("training")) {
        if (precision == ops::Precision::int8) throw UsageError("--training runs in f32 or bf16");
        nlohmann::json out = bench_training(config, precision == ops::Precision::bf16, threads, repeats);
        out["model"] = args.get("shape", "") == "reference" ? "reference shape (random)" : model_argument(args);
        out["parameters"] = parameter_count(config);
        out["cpu"] = ops::cpu_name();
        add_cpu_tiers(out);
        out["threads"] = threads;
        if (!temporary.empty()) std::filesystem::remove_all(temporary);
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    const auto load_start = Clock::now();
    auto loaded = std::make_unique<BenchModel>(config, weights_file, precision);
    const BenchModel& model = *loaded;
    const double load_ms = ms_since(load_start);
    const double peak_after_load_mb = app::peak_resident_mb();
    std::mt19937_64 rng(42);
    if (args.has("dump")) {
        const nlohmann::json dump = {{"precision", ops::to_string(precision)}, {"sentences", dump_greedy(model, 20, rng)}};
        std::ofstream(args.get("dump", "")) << dump.dump() << "\n";
        if (!temporary.empty()) std::filesystem::remove_all(temporary);
        return 0;
    }
    decode_ms(model, 1, 15, 20, DecodeStrategy::greedy, 1, rng);  // warm-up: primitive creation
    decode_ms(model, 1, 15, 20, DecodeStrategy::beam, 5, rng);
    decode_ms(model, 32, 15, 20, DecodeStrategy::greedy, 1, rng);
    // The floor of the greedy figure's 20 decoder steps at this moment's read bandwidth.
    const double bandwidth = read_bandwidth_gb_s(threads);
    const int bytes_per_weight = precision == ops::Precision::f32 ? 4 : precision == ops::Precision::bf16 ? 2 : 1;
    const double step_mb = static_cast<double>(decoder_step_parameter_count(config)) * bytes_per_weight / 1e6;
    const double greedy = median_ms(repeats, [&] { return decode_ms(model, 1, 15, 20, DecodeStrategy::greedy, 1, rng); });
    const double beam = median_ms(repeats, [&] { return decode_ms(model, 1, 15, 20, DecodeStrategy::beam, 5, rng); });
    const double batch32 = median_ms(std::max(1, repeats / 2), [&] {
        return decode_ms(model, 32, 15, 20, DecodeStrategy::greedy, 1, rng);
    });
    const double search_greedy = median_ms(repeats, [&] { return search_only_ms(config, 20, DecodeStrategy::greedy, 1, rng); });
    const double search_beam = median_ms(repeats, [&] { return search_only_ms(config, 20, DecodeStrategy::beam, 5, rng); });
    const double peak_after_runs_mb = app::peak_resident_mb();
    // The Translator loads the model again: free this copy first so that the peak stays the
    // peak of one model.
    loaded.reset();
    nlohmann::json paste;
    const std::filesystem::path model_dir = weights_file.parent_path();
    if (std::filesystem::exists(model_dir / config.source_tokenizer)) {
        paste = run_paste_bench(model_dir, {threads, ops::to_string(precision)}, args.get_int("paste-pages", 10));
        paste["peak_rss_mb"] = app::peak_resident_mb();
    } else {
        paste = {{"skipped", "the model folder has no tokenizers"}};
    }
    if (!temporary.empty()) std::filesystem::remove_all(temporary);

    nlohmann::json out = {
        {"model", args.get("shape", "") == "reference" ? "reference shape (random)" : model_argument(args)},
        {"parameters", parameter_count(config)},
        {"cpu", ops::cpu_name()},
        {"threads", threads},
        {"precision", ops::to_string(precision)},
        {"source_tokens", 15},
        {"generated_tokens", 20},
        {"load_ms", load_ms},
        {"greedy_batch1_ms", greedy},
        {"greedy_batch1_ms_per_token", greedy / 20.0},
        {"read_bandwidth_gb_s", bandwidth},
        {"decoder_weights_per_token_mb", step_mb},
        {"bandwidth_floor_20_tokens_ms", 20.0 * step_mb / bandwidth},
        {"beam5_batch1_ms", beam},
        {"beam5_over_greedy", beam / greedy},
        {"greedy_batch32_sentences_per_s", 32.0 * 1000.0 / batch32},
        // The search alone (fixed logits, no model step), per 20-token sentence.
        {"search_only_greedy_ms", search_greedy},
        {"search_only_beam5_ms", search_beam},
        {"repeats", repeats},
        {"peak_rss_mb_after_load", peak_after_load_mb},
        {"peak_rss_mb_after_runs", peak_after_runs_mb},
        {"paste", paste},
    };
    add_cpu_tiers(out);
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace attentive::cli
