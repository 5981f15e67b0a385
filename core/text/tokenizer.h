#pragma once
// SentencePiece subword tokenization for one side of a model.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// The largest SentencePiece model file read: a 1,000,000-piece vocabulary (the most config.json
// allows) takes about 30 MB.
inline constexpr std::uint64_t max_tokenizer_file_bytes = 64ull << 20;

// How display_piece() shows a piece that is only a word's space ("▁"), before a word the
// vocabulary writes without it: "␣".
inline constexpr std::string_view kSpacePieceLabel = "\xE2\x90\xA3";  // U+2423

class Tokenizer {
public:
    // Loads a SentencePiece model file. Throws ModelFormatError naming the file when it is
    // missing, not a regular file, over 64 MiB, or does not load.
    explicit Tokenizer(const std::filesystem::path& model_file);
    ~Tokenizer();
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;

    int vocab_size() const;
    // Piece ids of `text` (no BOS/EOS added). `text` must be valid UTF-8.
    std::vector<int> encode(std::string_view text) const;
    // Detokenized text of `ids`; special ids (pad, bos, eos) are skipped.
    std::string decode(const std::vector<int>& ids) const;
    // The raw piece, e.g. "▁cat".
    std::string piece(int id) const;
    // The piece as a person reads it on a heatmap axis: "▁cat" -> "cat", "▁" -> "␣",
    // control pieces as "<s>", "</s>", "<unk>".
    std::string display_piece(int id) const;
    // True when the piece begins a word (starts with "▁").
    bool starts_word(int id) const;
    // Id of a raw piece, or the unknown id.
    int piece_to_id(std::string_view piece) const;
    int unk_id() const;
    int bos_id() const;
    int eos_id() const;
    int pad_id() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Options for training a SentencePiece model with the library (used by the trainer).
struct TokenizerTrainingOptions {
    int vocab_size = 8000;
    std::string model_type = "unigram";  // or "bpe"
    float character_coverage = 1.0f;
    std::vector<std::string> user_defined_symbols;  // e.g. {"<sep>"}
    int max_sentences = 300000;          // input sentences sampled
    int threads = 2;
};

// Trains a model from `sentences` and writes it to `model_file` (ids: pad 0, unk 1, bos 2, eos 3).
// Throws std::runtime_error with SentencePiece's message on failure.
void train_tokenizer(const std::vector<std::string>& sentences,
                     const std::filesystem::path& model_file,
                     const TokenizerTrainingOptions& options);

}  // namespace attentive
