// attentive-cli train: builds vocabularies and trains a model folder from parallel or dialogue
// data (see core/training/trainer.h for the loop and the folder layout).

#include <atomic>
#include <iostream>
#include <sstream>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "stop_signals.h"
#include "core/training/trainer.h"

namespace attentive::cli {

namespace {

const char* kTrainHelp = R"(usage: attentive-cli train --out DIR DATA... [options]

Trains a Seq2Seq model with attention and writes a model folder (config.json, model.safetensors,
source.spm, target.spm, card.md) to DIR; DIR/checkpoint holds the latest state for --resume.
Ctrl+C saves a checkpoint and exits; run the same command with --resume DIR to continue.

data (each may be repeated; sources are mixed):
  --tsv FILE               tab-separated pairs; --columns S,T picks the columns (default 0,1;
                           a --columns applies to the --tsv options in the same order)
  --src FILE --tgt FILE    two line-aligned files
  --dialogues FILE         DailyDialog layout (turns separated by __eou__), for --task chat
  --dev-tsv FILE, --dev-columns S,T, --dev-src FILE --dev-tgt FILE, --dev-dialogues FILE
                           dev data for validation (perplexity; BLEU/chrF for translation)

model:
  --task translate|chat    (default translate)
  --source-lang L --target-lang L      (default en, fr; chat: en, en)
  --vocab-size N (8000)  --vocab-type unigram|bpe  --joint-vocab
  --embedding N (256)  --encoder-layers N (2)  --encoder-hidden N (256, per direction)
  --decoder-layers N (2)  --decoder-hidden N (512)  --attention general|dot|mlp
  --no-input-feeding  --tie-embeddings  --context-turns N (chat, 2)
  --dialogue-direction forward|backward
                           chat: forward (default) learns the reply from the context; backward
                           learns the context from the reply (a reranker for a chat model)
  --vocab-from DIR         copy DIR's source.spm and target.spm instead of training new ones
  --init-from DIR          start from DIR's weights (the same shapes) instead of random ones

training:
  --dropout P (0.2)  --label-smoothing E (0.1)  --batch-tokens N (2048)
  --lr R (0.001)  --warmup N (1000)  --schedule inverse-sqrt|linear|cosine|plateau|constant
  --beta2 B (0.999)  --clip N (5)  --max-pieces N (100)  --max-chars N (400)  --max-ratio R (3)
  --max-steps N  --max-minutes M  --max-epochs N     budgets (0: none; the first reached stops)
  --valid-every N (1000)  --patience N (0: off)  --valid-sentences N (500, for BLEU)
  --seed N (1)  --threads N (0: all)  --bf16  --save-dtype f32|f16|bf16
  --resume DIR             continue a run exactly (same data options required)
  --quiet                  no progress line
)";

std::pair<int, int> parse_columns(const std::string& text) {
    const auto comma = text.find(',');
    try {
        if (comma == std::string::npos) throw std::invalid_argument(text);
        std::size_t used_a = 0, used_b = 0;
        const std::string a = text.substr(0, comma), b = text.substr(comma + 1);
        const int source = std::stoi(a, &used_a);
        const int target = std::stoi(b, &used_b);
        if (used_a != a.size() || used_b != b.size() || source < 0 || target < 0 || source == target) {
            throw std::invalid_argument(text);
        }
        return {source, target};
    } catch (const std::logic_error&) {
        throw UsageError("--columns expects two different column numbers like 0,1, got '" + text + "'");
    }
}

std::vector<CorpusSource> collect_sources(const Args& args, const std::string& prefix) {
    std::vector<CorpusSource> sources;
    const auto tsvs = args.all(prefix + "tsv");
    const auto columns = args.all(prefix + "columns");
    if (columns.size() > 1 && columns.size() != tsvs.size()) {
        throw UsageError("give one --" + prefix + "columns for all --" + prefix + "tsv files, or one per file");
    }
    for (std::size_t i = 0; i < tsvs.size(); ++i) {
        CorpusSource source;
        source.kind = CorpusSource::Kind::tsv;
        source.path = tsvs[i];
        if (!columns.empty()) {
            std::tie(source.source_column, source.target_column) = parse_columns(columns[columns.size() == 1 ? 0 : i]);
        }
        sources.push_back(source);
    }
    const auto srcs = args.all(prefix + "src");
    const auto tgts = args.all(prefix + "tgt");
    if (srcs.size() != tgts.size()) {
        throw UsageError("each --" + prefix + "src needs a matching --" + prefix + "tgt (got " +
                         std::to_string(srcs.size()) + " and " + std::to_string(tgts.size()) + ")");
    }
    for (std::size_t i = 0; i < srcs.size(); ++i) {
        CorpusSource source;
        source.kind = CorpusSource::Kind::parallel;
        source.path = srcs[i];
        source.target_path = tgts[i];
        sources.push_back(source);
    }
    for (const std::string& file : args.all(prefix + "dialogues")) {
        CorpusSource source;
        source.kind = CorpusSource::Kind::dialogues;
        source.path = file;
        sources.push_back(source);
    }
    return sources;
}

int positive(const Args& args, const std::string& name, int fallback, int minimum = 1) {
    const int value = args.get_int(name, fallback);
    if (value < minimum) {
        throw UsageError("--" + name + " must be at least " + std::to_string(minimum) + ", got " +
                         std::to_string(value));
    }
    return value;
}

std::string quote_for_shell(const std::string& word) {
    if (!word.empty() && word.find_first_of(" \t\"'\\$`*?;&|<>()") == std::string::npos) return word;
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

}  // namespace

int run_train(const Words& words) {
    // Ctrl+C (or SIGTERM) asks the loop to stop after the current step and save a checkpoint; a
    // second Ctrl+C exits at once. Set up first, before any thread exists.
    std::atomic<bool> interrupted{false};
    const StopSignals stop_signals(interrupted);
    for (const std::string& word : words) {
        if (word == "--help" || word == "-h") {
            std::cout << kTrainHelp;
            return 0;
        }
    }
    const Args args(words,
                    {"out", "tsv", "columns", "src", "tgt", "dialogues", "dev-tsv", "dev-columns",
                     "dev-src", "dev-tgt", "dev-dialogues", "task", "source-lang", "target-lang",
                     "vocab-size", "vocab-type", "embedding", "encoder-layers", "encoder-hidden",
                     "decoder-layers", "decoder-hidden", "attention", "context-turns", "dropout",
                     "label-smoothing", "batch-tokens", "lr", "warmup", "schedule", "beta2", "clip",
                     "max-pieces", "max-chars", "max-ratio", "max-steps", "max-minutes",
                     "max-epochs", "valid-every", "patience", "valid-sentences", "seed", "threads",
                     "save-dtype", "resume", "dialogue-direction", "vocab-from", "init-from"},
                    {"joint-vocab", "no-input-feeding", "tie-embeddings", "bf16", "quiet"});
    if (!args.positional().empty()) throw UsageError("unexpected argument '" + args.positional().front() + "'");

    TrainingOptions options;
    options.output_dir = args.required("out");
    options.train_sources = collect_sources(args, "");
    options.dev_sources = collect_sources(args, "dev-");
    if (options.train_sources.empty()) {
        throw UsageError("no training data: give --tsv FILE, --src FILE --tgt FILE or --dialogues FILE\n" +
                         std::string(kTrainHelp));
    }

    ModelConfig& model = options.model;
    const std::string task = args.get("task", "translate");
    if (task == "translate") model.task = Task::translate;
    else if (task == "chat") model.task = Task::chat;
    else throw UsageError("--task must be translate or chat, got '" + task + "'");
    const bool chat = model.task == Task::chat;
    model.source_language = args.get("source-lang", "en");
    model.target_language = args.get("target-lang", chat ? model.source_language : std::string("fr"));
    model.embedding_size = positive(args, "embedding", 256);
    model.encoder_layers = positive(args, "encoder-layers", 2);
    model.encoder_hidden_size = positive(args, "encoder-hidden", 256);
    model.decoder_layers = positive(args, "decoder-layers", 2);
    model.decoder_hidden_size = positive(args, "decoder-hidden", 512);
    const std::string attention = args.get("attention", "general");
    if (attention == "general") model.attention = AttentionType::general;
    else if (attention == "dot") model.attention = AttentionType::dot;
    else if (attention == "mlp") model.attention = AttentionType::mlp;
    else throw UsageError("--attention must be general, dot or mlp, got '" + attention + "'");
    model.input_feeding = !args.has("no-input-feeding");
    model.tie_target_embeddings = args.has("tie-embeddings");
    model.chat_context_turns = positive(args, "context-turns", 2);
    const std::string direction = args.get("dialogue-direction", "forward");
    if (direction != "forward" && direction != "backward") {
        throw UsageError("--dialogue-direction must be forward or backward, got '" + direction + "'");
    }
    if (direction == "backward" && !chat) throw UsageError("--dialogue-direction backward needs --task chat");
    model.predicts_context = direction == "backward";
    model.dropout = static_cast<float>(args.get_double("dropout", 0.2));
    if (model.dropout < 0.0f || model.dropout >= 1.0f) throw UsageError("--dropout must be in [0, 1)");

    options.vocab_size = positive(args, "vocab-size", 8000, 8);
    options.vocab_type = args.get("vocab-type", "unigram");
    if (options.vocab_type != "unigram" && options.vocab_type != "bpe") {
        throw UsageError("--vocab-type must be unigram or bpe, got '" + options.vocab_type + "'");
    }
    options.joint_vocab = args.has("joint-vocab");
    options.vocab_from = args.get("vocab-from", "");
    options.init_from = args.get("init-from", "");
    options.max_pieces = positive(args, "max-pieces", 100);
    options.cleaning.max_chars = static_cast<std::size_t>(positive(args, "max-chars", 400));
    options.cleaning.max_length_ratio = args.get_double("max-ratio", 3.0);
    if (options.cleaning.max_length_ratio < 1.0) throw UsageError("--max-ratio must be at least 1");

    options.label_smoothing = static_cast<float>(args.get_double("label-smoothing", 0.1));
    if (options.label_smoothing < 0.0f || options.label_smoothing >= 1.0f) {
        throw UsageError("--label-smoothing must be in [0, 1)");
    }
    options.batch_tokens = positive(args, "batch-tokens", 2048, 16);
    options.adam.learning_rate = static_cast<float>(args.get_double("lr", 1e-3));
    if (!(options.adam.learning_rate > 0.0f)) throw UsageError("--lr must be positive");
    options.adam.warmup_steps = positive(args, "warmup", 1000, 0);
    options.adam.beta2 = static_cast<float>(args.get_double("beta2", 0.999));
    options.adam.clip_norm = static_cast<float>(args.get_double("clip", 5.0));
    try {
        options.adam.schedule = parse_lr_schedule(args.get("schedule", "inverse-sqrt"));
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--schedule: ") + e.what());
    }
    options.max_steps = positive(args, "max-steps", 0, 0);
    options.max_minutes = args.get_double("max-minutes", 0.0);
    options.max_epochs = positive(args, "max-epochs", 0, 0);
    if (options.adam.schedule == LrSchedule::linear || options.adam.schedule == LrSchedule::cosine) {
        if (options.max_steps == 0) throw UsageError("--schedule linear/cosine needs --max-steps");
        options.adam.total_steps = options.max_steps;
    }
    options.valid_every = positive(args, "valid-every", 1000, 0);
    options.patience = positive(args, "patience", 0, 0);
    options.valid_bleu_sentences = positive(args, "valid-sentences", 500, 0);
    options.seed = static_cast<std::uint64_t>(positive(args, "seed", 1, 0));
    options.threads = positive(args, "threads", 0, 0);
    options.bf16 = args.has("bf16");
    options.save_dtype = save_dtype_argument(args);
    options.resume_from = args.get("resume", "");
    options.progress = !args.has("quiet");

    std::ostringstream command;
    command << "attentive-cli train";
    for (const std::string& word : words) command << ' ' << quote_for_shell(word);
    options.command_line = command.str();

    const TrainingResult result = train_model(options, &interrupted);

    if (result.best) {
        std::cout << "best: step " << result.best->step << ", dev perplexity " << result.best->perplexity;
        if (result.best->bleu) std::cout << ", BLEU " << *result.best->bleu << ", chrF " << *result.best->chrf;
        std::cout << "\n";
    }
    std::cout << "model written to " << options.output_dir.string() << " (" << result.steps << " steps, "
              << result.stop_reason << ")\n";
    return result.interrupted ? 5 : 0;
}

}  // namespace attentive::cli
