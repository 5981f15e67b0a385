#include "test_models.h"

#include <random>

#include "core/safetensors.h"

namespace attentive::testing {

std::filesystem::path tiny_tokenizer_path() {
    return std::filesystem::path(ATTENTIVE_SOURCE_DIR) / "tests" / "data" / "tiny.spm";
}

ModelConfig tiny_config() {
    ModelConfig config;
    config.name = "tiny-random";
    config.task = Task::translate;
    config.source_language = "en";
    config.target_language = "fr";
    config.source_vocab_size = 64;
    config.target_vocab_size = 64;
    config.embedding_size = 8;
    config.encoder_layers = 2;
    config.encoder_hidden_size = 6;
    config.decoder_layers = 2;
    config.decoder_hidden_size = 12;
    config.attention = AttentionType::general;
    config.input_feeding = true;
    config.sep_id = 4;
    return config;
}

std::vector<float> random_values(std::size_t n, float scale, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> uniform(-scale, scale);
    std::vector<float> values(n);
    for (float& v : values) v = uniform(rng);
    return values;
}

LstmLayerWeights random_lstm_weights(int n_in, int hidden, float scale, float bias_scale, std::uint64_t seed) {
    const std::size_t gates = static_cast<std::size_t>(4) * hidden;
    return {random_values(gates * n_in, scale, seed), random_values(gates * hidden, scale, seed + 1),
            random_values(gates, bias_scale, seed + 2)};
}

void write_random_model(const std::filesystem::path& dir, const ModelConfig& config,
                        std::uint64_t seed, float scale) {
    std::filesystem::create_directories(dir);
    save_config(config, dir / "config.json");
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> uniform(-scale, scale);
    std::map<std::string, TensorToWrite> tensors;
    for (const auto& [name, shape] : expected_tensors(config)) {
        TensorToWrite tensor;
        tensor.shape = shape;
        tensor.values.resize(static_cast<std::size_t>(element_count(shape)));
        for (float& v : tensor.values) v = uniform(rng);
        tensors.emplace(name, std::move(tensor));
    }
    write_safetensors(dir / config.weights_file, tensors);
    const auto options = std::filesystem::copy_options::overwrite_existing;
    std::filesystem::copy_file(tiny_tokenizer_path(), dir / config.source_tokenizer, options);
    if (config.target_tokenizer != config.source_tokenizer)
        std::filesystem::copy_file(tiny_tokenizer_path(), dir / config.target_tokenizer, options);
}

void write_tiny_en_fr(const std::filesystem::path& dir) {
    ModelConfig config = tiny_config();
    config.name = "en-fr";
    write_random_model(dir, config, 1, 1.5f);
}

}  // namespace attentive::testing
