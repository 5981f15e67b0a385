#include "core/model/seq2seq_model.h"

#include "core/errors.h"
#include "core/file_access.h"

namespace attentive {

namespace {

// `dir / name`, refusing a symbolic link that leaves the folder (see file_inside_folder).
std::filesystem::path model_file(const std::filesystem::path& dir, const std::string& name) {
    try {
        return file_inside_folder(dir, name);
    } catch (const FileError& error) {
        throw ModelFormatError(error.what());
    }
}

// The tokenizer must be the one the weights were trained with: its size must match the config's
// vocabulary and its special pieces must sit at the config's ids (a tokenizer whose
// end-of-sentence id differs would never let a translation end where the model ends it).
std::unique_ptr<Tokenizer> load_tokenizer(const std::filesystem::path& file, const ModelConfig& config,
                                          const char* side) {
    auto tokenizer = std::make_unique<Tokenizer>(file);
    const int expected_size = std::string(side) == "source" ? config.source_vocab_size : config.target_vocab_size;
    if (tokenizer->vocab_size() != expected_size)
        throw ModelFormatError(file.string() + ": the " + side + " tokenizer has " +
                               std::to_string(tokenizer->vocab_size()) +
                               " pieces, but config.json says " + side + "_vocab_size is " +
                               std::to_string(expected_size));
    const std::pair<const char*, std::pair<int, int>> specials[] = {
        {"unk_id", {config.unk_id, tokenizer->unk_id()}},
        {"bos_id", {config.bos_id, tokenizer->bos_id()}},
        {"eos_id", {config.eos_id, tokenizer->eos_id()}},
        {"pad_id", {config.pad_id, tokenizer->pad_id()}},
    };
    for (const auto& [field, ids] : specials) {
        const auto [in_config, in_tokenizer] = ids;
        // A tokenizer without a padding piece (id -1) leaves padding to the config.
        if (in_tokenizer < 0 && std::string(field) == "pad_id") continue;
        if (in_config != in_tokenizer)
            throw ModelFormatError(file.string() + ": the " + side + " tokenizer has its " +
                                   std::string(field).substr(0, 3) + " piece at id " + std::to_string(in_tokenizer) +
                                   ", but config.json says " + field + " is " + std::to_string(in_config) +
                                   " (a tokenizer that does not belong to these weights?)");
    }
    return tokenizer;
}

}  // namespace

ModelConfig load_model_config(const std::filesystem::path& dir) {
    std::error_code error;
    if (!std::filesystem::is_directory(dir, error))
        throw ModelFormatError(dir.string() + ": not a model folder (it does not exist or is not a "
                               "directory)");
    return load_config(model_file(dir, "config.json"));
}

Seq2SeqModel::Seq2SeqModel(const std::filesystem::path& dir, ops::Precision precision)
    : m_precision(precision) {
    m_config = load_model_config(dir);
    m_weights = std::make_unique<WeightStore>(m_config, model_file(dir, m_config.weights_file));
    m_source_tokenizer = load_tokenizer(model_file(dir, m_config.source_tokenizer), m_config, "source");
    m_target_tokenizer = load_tokenizer(model_file(dir, m_config.target_tokenizer), m_config, "target");
    m_encoder = std::make_unique<Encoder>(m_config, *m_weights, precision);
    m_decoder = std::make_unique<Decoder>(m_config, *m_weights, precision);
}

DecoderSession::DecoderSession(const Seq2SeqModel& model, const AttentionMemory& memory,
                               const std::vector<float>& encoder_final_state,
                               std::vector<int> row_sentence)
    : m_model(model),
      m_memory(memory),
      m_state(model.decoder().initial_state(encoder_final_state, memory.value_width,
                                            std::move(row_sentence))) {
    m_logits.resize(static_cast<std::size_t>(m_state.rows) * vocab_size());
    m_attention.resize(static_cast<std::size_t>(m_state.rows) * memory.source_length);
}

int DecoderSession::source_length(int row) const {
    return m_memory.lengths[m_state.row_sentence[row]];
}

void DecoderSession::step(const std::vector<int>& input_ids) {
    m_model.decoder().step(m_memory, m_state, input_ids.data(), m_logits.data(), m_attention.data());
}

const float* DecoderSession::logits(int row) const {
    return m_logits.data() + static_cast<std::size_t>(row) * vocab_size();
}

const float* DecoderSession::attention(int row) const {
    return m_attention.data() + static_cast<std::size_t>(row) * m_memory.source_length;
}

void DecoderSession::select_rows(const std::vector<int>& parents) {
    m_model.decoder().select_rows(m_state, parents);
}

}  // namespace attentive
