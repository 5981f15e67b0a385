#include "core/text/tokenizer.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <unordered_map>

#include "core/errors.h"
#include "core/file_access.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

constexpr std::string_view word_boundary = "\xE2\x96\x81";  // U+2581, SentencePiece's space mark

// Feeds the trainer straight from memory, so a corpus never has to be written to disk first.
class VectorSentenceIterator : public sentencepiece::SentenceIterator {
public:
    explicit VectorSentenceIterator(const std::vector<std::string>& sentences)
        : m_sentences(sentences) {}

    bool done() const override { return m_index >= m_sentences.size(); }
    void Next() override { ++m_index; }
    const std::string& value() const override { return m_sentences[m_index]; }
    sentencepiece::util::Status status() const override { return {}; }

private:
    const std::vector<std::string>& m_sentences;
    std::size_t m_index = 0;
};

}  // namespace

struct Tokenizer::Impl {
    sentencepiece::SentencePieceProcessor processor;
    std::filesystem::path model_file;

    void check_id(int id) const {
        if (id < 0 || id >= processor.GetPieceSize()) {
            throw std::invalid_argument(
                "piece id " + std::to_string(id) + " is outside the vocabulary of '" +
                model_file.string() + "' (size " + std::to_string(processor.GetPieceSize()) + ")");
        }
    }
};

Tokenizer::Tokenizer(const std::filesystem::path& model_file) : m_impl(std::make_unique<Impl>()) {
    m_impl->model_file = model_file;
    std::string serialized;
    try {
        serialized = read_regular_file(model_file, max_tokenizer_file_bytes);
    } catch (const FileError& error) {
        throw ModelFormatError(std::string("SentencePiece model ") + error.what());
    }
    sentencepiece::util::Status status;
    try {
        status = m_impl->processor.LoadFromSerializedProto(serialized);
    } catch (const std::exception& error) {
        // Its trie builder throws on some malformed pieces (found by scripts/fuzz.sh).
        throw ModelFormatError("cannot load SentencePiece model '" + model_file.string() + "': " + error.what());
    }
    if (!status.ok()) {
        throw ModelFormatError("cannot load SentencePiece model '" + model_file.string() +
                               "': " + status.ToString());
    }
}

Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

int Tokenizer::vocab_size() const { return m_impl->processor.GetPieceSize(); }

std::vector<int> Tokenizer::encode(std::string_view text) const {
    if (!is_valid_utf8(text)) {
        throw InputError("text to tokenize is not valid UTF-8 (sanitize it first)");
    }
    std::vector<int> ids;
    const auto status = m_impl->processor.Encode(text, &ids);
    if (!status.ok()) {
        throw InputError("SentencePiece could not encode the text with '" +
                         m_impl->model_file.string() + "': " + status.ToString());
    }
    return ids;
}

std::string Tokenizer::decode(const std::vector<int>& ids) const {
    const auto& processor = m_impl->processor;
    std::vector<int> kept;
    kept.reserve(ids.size());
    for (int id : ids) {
        m_impl->check_id(id);
        if (id == processor.pad_id() || id == processor.bos_id() || id == processor.eos_id()) {
            continue;
        }
        kept.push_back(id);
    }
    std::string text;
    const auto status = processor.Decode(kept, &text);
    if (!status.ok()) {
        throw std::runtime_error("SentencePiece could not decode with '" +
                                 m_impl->model_file.string() + "': " + status.ToString());
    }
    return text;
}

std::string Tokenizer::piece(int id) const {
    m_impl->check_id(id);
    return m_impl->processor.IdToPiece(id);
}

std::string Tokenizer::display_piece(int id) const {
    m_impl->check_id(id);
    const auto& processor = m_impl->processor;
    const std::string& raw = processor.IdToPiece(id);
    // Control, unknown and byte pieces are already readable tags ("<s>", "<unk>", "<0xE2>").
    if (processor.IsControl(id) || processor.IsUnknown(id) || processor.IsByte(id)) return raw;
    if (raw == word_boundary) return std::string(kSpacePieceLabel);

    std::string_view rest = raw;
    if (rest.starts_with(word_boundary)) rest.remove_prefix(word_boundary.size());
    // Pieces that span words (possible when split_by_whitespace is off) read better with spaces.
    std::string shown;
    shown.reserve(rest.size());
    for (std::size_t pos = 0; pos < rest.size();) {
        if (rest.substr(pos).starts_with(word_boundary)) {
            shown.push_back(' ');
            pos += word_boundary.size();
        } else {
            shown.push_back(rest[pos]);
            ++pos;
        }
    }
    return shown;
}

bool Tokenizer::starts_word(int id) const {
    m_impl->check_id(id);
    return std::string_view(m_impl->processor.IdToPiece(id)).starts_with(word_boundary);
}

int Tokenizer::piece_to_id(std::string_view piece) const {
    return m_impl->processor.PieceToId(piece);
}

int Tokenizer::unk_id() const { return m_impl->processor.unk_id(); }
int Tokenizer::bos_id() const { return m_impl->processor.bos_id(); }
int Tokenizer::eos_id() const { return m_impl->processor.eos_id(); }
int Tokenizer::pad_id() const { return m_impl->processor.pad_id(); }

void train_tokenizer(const std::vector<std::string>& sentences,
                     const std::filesystem::path& model_file,
                     const TokenizerTrainingOptions& options) {
    if (sentences.empty()) {
        throw std::invalid_argument("cannot train a tokenizer for '" + model_file.string() +
                                    "' without sentences");
    }
    if (options.vocab_size < 8) {
        throw std::invalid_argument("tokenizer vocab_size must be at least 8, got " +
                                    std::to_string(options.vocab_size));
    }
    if (options.model_type != "unigram" && options.model_type != "bpe") {
        throw std::invalid_argument("tokenizer model_type must be 'unigram' or 'bpe', got '" +
                                    options.model_type + "'");
    }
    std::string symbols;
    for (const std::string& symbol : options.user_defined_symbols) {
        // SentencePiece takes the list comma-separated, so a comma cannot be part of a symbol.
        if (symbol.empty() || symbol.find(',') != std::string::npos) {
            throw std::invalid_argument("user-defined symbol '" + symbol +
                                        "' must be non-empty and contain no comma");
        }
        if (!symbols.empty()) symbols += ',';
        symbols += symbol;
    }

    std::unordered_map<std::string, std::string> arguments = {
        {"vocab_size", std::to_string(options.vocab_size)},
        {"model_type", options.model_type},
        {"character_coverage", std::to_string(options.character_coverage)},
        {"input_sentence_size", std::to_string(std::max(options.max_sentences, 0))},
        {"shuffle_input_sentence", "true"},
        {"num_threads", std::to_string(std::max(options.threads, 1))},
        {"normalization_rule_name", "nmt_nfkc"},
        {"pad_id", "0"},
        {"unk_id", "1"},
        {"bos_id", "2"},
        {"eos_id", "3"},
        // Only warnings and errors: the per-iteration INFO lines would drown the trainer's log.
        {"minloglevel", "1"},
    };
    if (!symbols.empty()) arguments["user_defined_symbols"] = symbols;

    VectorSentenceIterator iterator(sentences);
    // The model comes back serialized (which requires an empty model_prefix), so training
    // leaves no .model/.vocab files behind and the caller chooses the file name.
    std::string serialized;
    const auto status =
        sentencepiece::SentencePieceTrainer::Train(arguments, &iterator, &serialized);
    if (!status.ok()) {
        throw std::runtime_error("training the SentencePiece model '" + model_file.string() +
                                 "' failed: " + status.ToString());
    }

    std::error_code error;
    if (model_file.has_parent_path())
        std::filesystem::create_directories(model_file.parent_path(), error);
    std::ofstream out(model_file, std::ios::binary | std::ios::trunc);
    out.write(serialized.data(), static_cast<std::streamsize>(serialized.size()));
    out.close();
    if (!out) {
        throw std::runtime_error("cannot write the SentencePiece model to '" + model_file.string() +
                                 "'");
    }
}

}  // namespace attentive
