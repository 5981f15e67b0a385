#include "core/model/seq2seq_model.h"

#include "core/errors.h"

namespace attentive {

namespace {

std::unique_ptr<Tokenizer> load_tokenizer(const std::filesystem::path& file, int expected_size,
                                          const char* side) {
    auto tokenizer = std::make_unique<Tokenizer>(file);
    if (tokenizer->vocab_size() != expected_size)
        throw ModelFormatError(file.string() + ": the " + side + " tokenizer has " +
                               std::to_string(tokenizer->vocab_size()) +
                               " pieces, but config.json says " + side + "_vocab_size is " +
                               std::to_string(expected_size));
    return tokenizer;
}

}  // namespace

Seq2SeqModel::Seq2SeqModel(const std::filesystem::path& dir, ops::Precision precision)
    : m_precision(precision) {
    if (!std::filesystem::is_directory(dir))
        throw ModelFormatError(dir.string() + ": not a model folder (it does not exist or is not a "
                               "directory)");
    m_config = load_config(dir / "config.json");
    m_weights = std::make_unique<WeightStore>(m_config, dir / m_config.weights_file);
    m_source_tokenizer = load_tokenizer(dir / m_config.source_tokenizer, m_config.source_vocab_size, "source");
    m_target_tokenizer = load_tokenizer(dir / m_config.target_tokenizer, m_config.target_vocab_size, "target");
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
