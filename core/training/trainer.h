#pragma once
// The training loop: data -> SentencePiece vocabularies -> encoded pairs -> batches ->
// GradientComputer forward/backward -> clipped Adam, with progress, validation (perplexity, and
// BLEU/chrF through the inference Translator), the best model kept, early stopping, time and step
// budgets, checkpoints that resume exactly, and a model folder with an automatic card.md.
//
// Output folder layout:
//   OUT/config.json, model.safetensors, source.spm, target.spm, card.md   the best model
//   OUT/checkpoint/                    the latest state, itself a loadable model folder (f32),
//       + optimizer.safetensors, trainer_state.json                     for --resume

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/tensor.h"
#include "core/training/corpus.h"
#include "core/training/optimizer.h"

namespace attentive {

struct TrainingOptions {
    std::filesystem::path output_dir;
    std::vector<CorpusSource> train_sources;
    std::vector<CorpusSource> dev_sources;      // empty: no validation (the last weights are kept)

    // Architecture, task and languages (vocabulary sizes and special ids are filled in).
    ModelConfig model;

    // Vocabulary.
    int vocab_size = 8000;
    std::string vocab_type = "unigram";         // or "bpe"
    bool joint_vocab = false;
    // Copy source.spm and target.spm from this model folder instead of training them (a
    // reranker shares its chat model's vocabulary, so one tokenizer serves both).
    std::filesystem::path vocab_from;
    // Start from this model folder's weights instead of random ones (same shapes required): a
    // reranker warm-started from its chat model learns in minutes what takes hours from scratch.
    std::filesystem::path init_from;
    int max_pieces = 100;                       // pairs with a longer side (in pieces) are dropped
    CleaningOptions cleaning;

    // Optimisation.
    AdamOptions adam;
    float label_smoothing = 0.1f;
    int batch_tokens = 2048;
    bool bf16 = false;
    std::uint64_t seed = 1;
    int threads = 0;                            // 0: all cores

    // Budgets (0: unlimited); training stops at whichever comes first.
    std::int64_t max_steps = 0;
    double max_minutes = 0.0;
    int max_epochs = 0;

    // Validation.
    int valid_every = 1000;                     // steps (0: only at the end)
    int patience = 0;                           // validations without improvement (0: off)
    int valid_bleu_sentences = 500;             // dev sentences translated for BLEU (0: none)

    // Output.
    DType save_dtype = DType::f32;              // the best model's weights; checkpoints stay f32
    std::filesystem::path resume_from;          // a checkpoint folder (or an OUT folder)
    std::string command_line;                   // for the card
    bool progress = true;                       // the \r-updated progress line on stderr
    // Messages (data summaries, validation results); default: stderr.
    std::function<void(const std::string&)> log;
};

struct ValidationResult {
    std::int64_t step = 0;
    double perplexity = 0.0;
    double nll_per_token = 0.0;
    std::optional<double> bleu;
    std::optional<double> chrf;
};

struct TrainingResult {
    std::int64_t steps = 0;
    double epochs = 0.0;
    double seconds = 0.0;                       // this run's wall time
    std::string stop_reason;                    // "max steps", "time budget", "early stopping", ...
    bool interrupted = false;                   // the stop flag was set
    std::vector<ValidationResult> validations;
    std::optional<ValidationResult> best;
};

// Runs a whole training. `stop` (may be null) is polled between steps: when set, a checkpoint is
// written and the run returns with interrupted = true. Throws InputError for unusable data (no
// pairs left after cleaning, misaligned parallel files), std::invalid_argument for inconsistent
// options, ModelFormatError for a checkpoint that cannot be resumed, std::runtime_error for I/O.
TrainingResult train_model(const TrainingOptions& options, const std::atomic<bool>* stop = nullptr);

// The decoding defaults written into config.json for a task: beam 5 / length penalty 0.6 for
// translation; sampling (temperature 0.8, top-p 0.9, repetition penalty 1.2, no repeated
// 3-grams) for chat.
nlohmann::json default_decoding(Task task);

// Groups pairs by source text, in first-appearance order: every target of the same source is a
// reference for it. Each reference set is padded to the largest count by repeating its first
// reference (which leaves BLEU and chrF unchanged). Returns (sources, references[r][i]).
std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> group_references(
    const std::vector<SentencePair>& pairs);

// The licence note and citation for a data file, recognised by its path (Multi30k, Tatoeba,
// DailyDialog); a generic note otherwise.
std::string data_licence_note(const std::filesystem::path& path);

}  // namespace attentive
