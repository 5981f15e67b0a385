#include "core/training/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/atomic_file.h"
#include "core/decoding/reply_memory.h"
#include "core/decoding/word_list_filter.h"
#include "core/decoding_options.h"
#include "core/errors.h"
#include "core/metrics/bleu.h"
#include "core/text/chat_context.h"
#include "core/text/tokenizer.h"
#include "core/training/batcher.h"
#include "core/training/gradients.h"
#include "core/training/parameters.h"
#include "core/translator.h"

namespace attentive {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kSeparatorPiece = "<sep>";
constexpr const char* kCheckpointFolder = "checkpoint";
constexpr const char* kOptimizerFile = "optimizer.safetensors";
constexpr const char* kStateFile = "trainer_state.json";
constexpr const char* kSourceSpm = "source.spm";
constexpr const char* kTargetSpm = "target.spm";

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string format_duration(double seconds) {
    if (!(seconds >= 0) || seconds > 1e7) return "?";
    const long total = static_cast<long>(seconds + 0.5);
    char buffer[32];
    if (total >= 3600) {
        std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
    }
    return buffer;
}

std::string fixed(double value, int digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    return buffer;
}

// FNV-1a over the encoded corpus: a resume refuses data that differs from the checkpoint's.
std::uint64_t fingerprint(const std::vector<EncodedPair>& pairs) {
    std::uint64_t hash = 1469598103934665603ull;
    auto mix = [&](std::uint64_t value) {
        hash ^= value;
        hash *= 1099511628211ull;
    };
    for (const EncodedPair& pair : pairs) {
        mix(pair.source.size());
        for (int id : pair.source) mix(static_cast<std::uint64_t>(id));
        mix(pair.target.size() + (1ull << 40));
        for (int id : pair.target) mix(static_cast<std::uint64_t>(id));
    }
    return hash;
}

std::string rng_to_string(const std::mt19937_64& rng) {
    std::ostringstream out;
    out << rng;
    return out.str();
}

void rng_from_string(std::mt19937_64& rng, const std::string& text, const fs::path& origin) {
    std::istringstream in(text);
    in >> rng;
    if (!in) throw ModelFormatError("'" + origin.string() + "': the saved random-generator state is unreadable");
}

// Progress line on stderr, rewritten in place with \r.
class ProgressLine {
public:
    explicit ProgressLine(bool enabled) : m_enabled(enabled) {}
    void show(const std::string& text) {
        if (!m_enabled) return;
        std::string line = text;
        if (line.size() < m_width) line.append(m_width - line.size(), ' ');
        m_width = text.size();
        std::cerr << '\r' << line << std::flush;
        m_active = true;
    }
    // Ends the line so that a log message starts on a fresh one.
    void finish() {
        if (m_active) std::cerr << '\n' << std::flush;
        m_active = false;
        m_width = 0;
    }

private:
    bool m_enabled;
    bool m_active = false;
    std::size_t m_width = 0;
};

struct EncodeReport {
    std::size_t too_many_pieces = 0;
};

std::vector<EncodedPair> encode_pairs(const std::vector<SentencePair>& pairs, const Tokenizer& source,
                                      const Tokenizer& target, int max_pieces, int threads,
                                      EncodeReport& report) {
    std::vector<EncodedPair> encoded(pairs.size());
    const std::size_t n_threads = static_cast<std::size_t>(std::clamp(threads, 1, 16));
    auto work = [&](std::size_t first, std::size_t last) {
        for (std::size_t i = first; i < last; ++i) {
            encoded[i].source = source.encode(pairs[i].source);
            encoded[i].target = target.encode(pairs[i].target);
        }
    };
    std::vector<std::thread> workers;
    const std::size_t chunk = (pairs.size() + n_threads - 1) / n_threads;
    for (std::size_t t = 1; t < n_threads; ++t) {
        const std::size_t first = std::min(pairs.size(), t * chunk);
        const std::size_t last = std::min(pairs.size(), first + chunk);
        workers.emplace_back(work, first, last);
    }
    work(0, std::min(pairs.size(), chunk));
    for (std::thread& worker : workers) worker.join();
    // A pair whose side encodes to nothing or beyond the limit cannot train well; drop it.
    std::vector<EncodedPair> kept;
    kept.reserve(encoded.size());
    for (EncodedPair& pair : encoded) {
        if (pair.source.empty() || pair.target.empty() ||
            static_cast<int>(pair.source.size()) > max_pieces ||
            static_cast<int>(pair.target.size()) > max_pieces) {
            ++report.too_many_pieces;
            continue;
        }
        kept.push_back(std::move(pair));
    }
    return kept;
}

std::string language_name(const std::string& code) {
    static const std::map<std::string, std::string> names = {
        {"en", "English"}, {"fr", "French"}, {"de", "German"}, {"cs", "Czech"},
        {"es", "Spanish"}, {"it", "Italian"}, {"nl", "Dutch"}, {"pt", "Portuguese"}};
    auto it = names.find(code);
    return it == names.end() ? code : it->second;
}

std::string licence_summary(const std::vector<CorpusSource>& sources) {
    bool multi30k = false, tatoeba = false, dailydialog = false, other = false;
    for (const CorpusSource& source : sources) {
        const std::string path = source.path.string();
        if (path.find("multi30k") != std::string::npos) multi30k = true;
        else if (path.find("tatoeba") != std::string::npos) tatoeba = true;
        else if (path.find("dailydialog") != std::string::npos) dailydialog = true;
        else other = true;
    }
    std::string text;
    if (dailydialog) {
        text += "- **Non-commercial use only.** Trained on DailyDialog (CC BY-NC-SA 4.0): this model "
                "is a derivative for non-commercial use, shared under the same licence.\n";
    }
    if (tatoeba) {
        text += "- Tatoeba data is CC BY 2.0 FR: keep the attribution to tatoeba.org and "
                "manythings.org/anki when redistributing.\n";
    }
    if (multi30k) {
        text += "- Multi30k is for research use; cite Elliott et al. 2016 (and Elliott et al. 2017 "
                "for French).\n";
    }
    if (other) text += "- Other data: under the terms its owner gives.\n";
    return text;
}

}  // namespace

nlohmann::json default_decoding(Task task) {
    if (task == Task::chat) {
        return {{"strategy", "sample"},         {"temperature", 0.8},
                {"top_p", 0.9},                 {"repetition_penalty", 1.2},
                {"no_repeat_ngram_size", 3},    {"max_length", 64}};
    }
    return {{"strategy", "beam"}, {"beam_size", 5}, {"length_penalty", 0.6}};
}

std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> group_references(
    const std::vector<SentencePair>& pairs) {
    std::vector<std::string> sources;
    std::vector<std::vector<std::string>> per_source;
    std::map<std::string, std::size_t> index_of;
    for (const SentencePair& pair : pairs) {
        auto [it, inserted] = index_of.emplace(pair.source, sources.size());
        if (inserted) {
            sources.push_back(pair.source);
            per_source.emplace_back();
        }
        per_source[it->second].push_back(pair.target);
    }
    std::size_t n_refs = 0;
    for (const auto& refs : per_source) n_refs = std::max(n_refs, refs.size());
    std::vector<std::vector<std::string>> references(n_refs, std::vector<std::string>(sources.size()));
    for (std::size_t i = 0; i < sources.size(); ++i) {
        for (std::size_t r = 0; r < n_refs; ++r) {
            references[r][i] = r < per_source[i].size() ? per_source[i][r] : per_source[i][0];
        }
    }
    return {std::move(sources), std::move(references)};
}

std::string data_licence_note(const fs::path& path) {
    const std::string text = path.string();
    if (text.find("multi30k") != std::string::npos) {
        return "Multi30k (Elliott et al. 2016, 2017): research use, cite the papers";
    }
    if (text.find("tatoeba") != std::string::npos) {
        return "Tatoeba via manythings.org/anki: CC BY 2.0 FR, attribution to tatoeba.org";
    }
    if (text.find("dailydialog") != std::string::npos) {
        return "DailyDialog (Li et al. 2017): CC BY-NC-SA 4.0, non-commercial";
    }
    return "user-provided data";
}

namespace {

class TrainingRun {
public:
    TrainingRun(const TrainingOptions& options, const std::atomic<bool>* stop)
        : m_options(options), m_stop(stop), m_start(Clock::now()) {}

    TrainingResult run();

private:
    void log(const std::string& message) {
        m_progress.finish();
        if (m_options.log) m_options.log(message);
        else std::cerr << message << '\n' << std::flush;
    }
    void read_data();
    void build_vocabularies();
    void write_target_words();
    void write_reply_memory();
    void encode_data();
    void restore(const fs::path& checkpoint);
    void write_model_folder(const fs::path& dir, DType dtype);
    void write_checkpoint();
    void write_state(const fs::path& dir);
    ValidationResult validate();
    void write_card();
    bool out_of_budget(std::string& reason);
    void show_progress(bool force);

    const TrainingOptions& m_options;
    const std::atomic<bool>* m_stop;
    Clock::time_point m_start;
    ProgressLine m_progress{m_options.progress};

    ModelConfig m_config;
    std::vector<SentencePair> m_train_text, m_dev_text;
    std::vector<CorpusReport> m_reports;
    std::vector<EncodedPair> m_train, m_dev;
    std::optional<Tokenizer> m_source_tokenizer, m_target_tokenizer;
    std::uint64_t m_fingerprint = 0;
    fs::path m_resume_dir;

    Parameters m_parameters, m_gradients;
    std::optional<Adam> m_adam;
    std::optional<Batcher> m_batcher;
    std::mt19937_64 m_rng;
    std::int64_t m_step = 0;
    double m_previous_seconds = 0.0;  // training time of earlier runs (resume)

    std::vector<ValidationResult> m_validations;
    std::optional<ValidationResult> m_best;
    int m_bad_validations = 0;

    // Progress accounting since the last progress line.
    Clock::time_point m_last_show = Clock::now();
    double m_window_loss = 0.0, m_window_nll = 0.0;
    std::int64_t m_window_tokens = 0;
    std::int64_t m_window_steps = 0;
    double m_window_seconds_start = 0.0;
    double m_steps_per_second = 0.0;
    double m_last_lr = 0.0;
    std::string m_last_progress;
};

void TrainingRun::read_data() {
    const std::string separator = turn_separator(kSeparatorPiece);
    const int context_turns = std::max(1, m_options.model.chat_context_turns);
    // A backward model learns p(context | reply): the dialogue pairs turned round.
    const auto orient = [&](const CorpusSource& source, std::vector<SentencePair>& pairs) {
        if (!m_options.model.predicts_context || source.kind != CorpusSource::Kind::dialogues) return;
        for (SentencePair& pair : pairs) std::swap(pair.source, pair.target);
    };
    for (const CorpusSource& source : m_options.train_sources) {
        CorpusReport report;
        std::vector<SentencePair> pairs =
            read_source(source, m_options.cleaning, context_turns, separator, report);
        orient(source, pairs);
        log("train " + report.summary());
        for (const std::string& example : report.examples) log("  " + example);
        m_train_text.insert(m_train_text.end(), std::make_move_iterator(pairs.begin()),
                            std::make_move_iterator(pairs.end()));
        m_reports.push_back(std::move(report));
    }
    // Dev data is scored as it is: only unusable lines go, never long or unbalanced ones.
    CleaningOptions dev_cleaning;
    dev_cleaning.max_chars = 100000;
    dev_cleaning.check_ratio = false;
    for (const CorpusSource& source : m_options.dev_sources) {
        CorpusReport report;
        std::vector<SentencePair> pairs = read_source(source, dev_cleaning, context_turns, separator, report);
        orient(source, pairs);
        log("dev " + report.summary());
        m_dev_text.insert(m_dev_text.end(), std::make_move_iterator(pairs.begin()),
                          std::make_move_iterator(pairs.end()));
    }
    if (m_train_text.empty()) throw InputError("no training pairs left after reading and cleaning the data");
}

void TrainingRun::build_vocabularies() {
    const fs::path source_spm = m_options.output_dir / kSourceSpm;
    const fs::path target_spm = m_options.output_dir / kTargetSpm;
    if (!m_resume_dir.empty()) {
        copy_file_atomically(m_resume_dir / kSourceSpm, source_spm);
        copy_file_atomically(m_resume_dir / kTargetSpm, target_spm);
    } else if (!m_options.vocab_from.empty()) {
        copy_file_atomically(m_options.vocab_from / kSourceSpm, source_spm);
        copy_file_atomically(m_options.vocab_from / kTargetSpm, target_spm);
        log("vocabulary: copied from " + m_options.vocab_from.string());
    } else {
        TokenizerTrainingOptions tokenizer_options;
        tokenizer_options.vocab_size = m_options.vocab_size;
        tokenizer_options.model_type = m_options.vocab_type;
        tokenizer_options.threads = std::max(1, m_options.threads);
        const bool chat = m_options.model.task == Task::chat;
        std::vector<std::string> sources, targets;
        sources.reserve(m_train_text.size());
        targets.reserve(m_train_text.size());
        for (const SentencePair& pair : m_train_text) {
            sources.push_back(pair.source);
            targets.push_back(pair.target);
        }
        const auto started = Clock::now();
        if (m_options.joint_vocab) {
            std::vector<std::string> all = std::move(sources);
            all.insert(all.end(), targets.begin(), targets.end());
            TokenizerTrainingOptions joint = tokenizer_options;
            if (chat) joint.user_defined_symbols = {kSeparatorPiece};
            train_tokenizer(all, source_spm, joint);
            copy_file_atomically(source_spm, target_spm);
        } else {
            TokenizerTrainingOptions source_options = tokenizer_options;
            if (chat) source_options.user_defined_symbols = {kSeparatorPiece};
            train_tokenizer(sources, source_spm, source_options);
            train_tokenizer(targets, target_spm, tokenizer_options);
        }
        log("vocabulary: " + std::string(m_options.joint_vocab ? "joint " : "separate ") +
            m_options.vocab_type + " SentencePiece, " + std::to_string(m_options.vocab_size) +
            " pieces, trained in " + fixed(seconds_since(started), 1) + " s");
    }
    m_source_tokenizer.emplace(source_spm);
    m_target_tokenizer.emplace(target_spm);
}

// A chat model's replies keep to the words its training dialogues use, in their contexts or
// replies (reply_words.txt), and a translator's translations to the words of its training
// targets (target_words.txt; none into German, whose compounds and inflected forms the pairs do
// not cover: scripts/make-target-words.py). core/decoding/word_list_filter.h.
void TrainingRun::write_target_words() {
    const ModelConfig& model = m_options.model;
    const bool chat = model.task == Task::chat;
    if ((chat && model.predicts_context) || (!chat && model.target_language == "de")) return;
    std::set<std::string> words;
    const auto add_words_of = [&](std::string_view text) {
        for (std::string& word : letter_words(text)) words.insert(std::move(word));
    };
    const std::string_view separator = kSeparatorPiece;  // no word
    for (const SentencePair& pair : m_train_text) {
        std::string_view context = chat ? std::string_view(pair.source) : std::string_view();
        for (std::size_t at = context.find(separator); at != std::string_view::npos; at = context.find(separator)) {
            add_words_of(context.substr(0, at));
            context.remove_prefix(at + separator.size());
        }
        add_words_of(context);
        add_words_of(pair.target);
    }
    std::string text = chat ? "# Every word a reply may use (with the words of the message it answers), lowercase:\n"
                              "# the words of the training dialogues, written by attentive-cli train.\n"
                            : "# Every word a translation may use (with the words of its source), lowercase:\n"
                              "# the words of the training targets, written by attentive-cli train.\n";
    for (const std::string& word : words) text += word + "\n";
    write_file_atomically(m_options.output_dir / (chat ? "reply_words.txt" : "target_words.txt"), text);
}

// A chat model's reply memory (core/decoding/reply_memory.h): each training reply beside the
// message it answers, the last turn of its context.
void TrainingRun::write_reply_memory() {
    if (m_options.model.task != Task::chat || m_options.model.predicts_context) return;
    const std::string separator = turn_separator(kSeparatorPiece);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const SentencePair& pair : m_train_text) {
        const std::size_t at = pair.source.rfind(separator);
        pairs.emplace_back(at == std::string::npos ? pair.source : pair.source.substr(at + separator.size()), pair.target);
    }
    write_file_atomically(m_options.output_dir / "replies.tsv", reply_memory_text(pairs));
}

void TrainingRun::encode_data() {
    const auto started = Clock::now();
    const int threads = m_options.threads > 0 ? m_options.threads
                                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    EncodeReport report;
    m_train = encode_pairs(m_train_text, *m_source_tokenizer, *m_target_tokenizer,
                           m_options.max_pieces, threads, report);
    EncodeReport dev_report;
    m_dev = encode_pairs(m_dev_text, *m_source_tokenizer, *m_target_tokenizer, 100000, threads,
                         dev_report);
    std::size_t source_pieces = 0, target_pieces = 0;
    for (const EncodedPair& pair : m_train) {
        source_pieces += pair.source.size();
        target_pieces += pair.target.size();
    }
    log("encoded " + std::to_string(m_train.size()) + " training pairs (" +
        std::to_string(source_pieces) + " source, " + std::to_string(target_pieces) +
        " target pieces; " + std::to_string(report.too_many_pieces) + " dropped over " +
        std::to_string(m_options.max_pieces) + " pieces) and " + std::to_string(m_dev.size()) +
        " dev pairs in " + fixed(seconds_since(started), 1) + " s");
    if (m_train.empty()) throw InputError("no training pairs left after encoding (all too long?)");
    m_fingerprint = fingerprint(m_train);
}

void TrainingRun::write_model_folder(const fs::path& dir, DType dtype) {
    fs::create_directories(dir);
    save_parameters(m_parameters, dir / m_config.weights_file, dtype);
    copy_file_atomically(m_options.output_dir / kSourceSpm, dir / m_config.source_tokenizer);
    copy_file_atomically(m_options.output_dir / kTargetSpm, dir / m_config.target_tokenizer);
    save_config(m_config, dir / "config.json");
}

void TrainingRun::write_state(const fs::path& dir) {
    nlohmann::json history = nlohmann::json::array();
    auto to_json = [](const ValidationResult& v) {
        nlohmann::json j = {{"step", v.step}, {"perplexity", v.perplexity}, {"nll_per_token", v.nll_per_token}};
        if (v.bleu) j["bleu"] = *v.bleu;
        if (v.chrf) j["chrf"] = *v.chrf;
        return j;
    };
    for (const ValidationResult& v : m_validations) history.push_back(to_json(v));
    const BatchPosition position = m_batcher->position();
    nlohmann::json state = {
        {"step", m_step},
        {"epoch", position.epoch},
        {"batch_index", position.index},
        {"rng", rng_to_string(m_rng)},
        {"seed", m_options.seed},
        {"batch_tokens", m_options.batch_tokens},
        {"train_pairs", m_train.size()},
        {"train_fingerprint", std::to_string(m_fingerprint)},
        {"training_seconds", m_previous_seconds + seconds_since(m_start)},
        {"bad_validations", m_bad_validations},
        {"validations", history},
    };
    if (m_best) state["best"] = to_json(*m_best);
    write_file_atomically(dir / kStateFile, state.dump(2) + "\n");
}

void TrainingRun::write_checkpoint() {
    const fs::path dir = m_options.output_dir / kCheckpointFolder;
    write_model_folder(dir, DType::f32);
    m_adam->save(dir / kOptimizerFile);
    write_state(dir);
}

void TrainingRun::restore(const fs::path& checkpoint) {
    m_config = load_config(checkpoint / "config.json");
    const fs::path state_path = checkpoint / kStateFile;
    std::ifstream in(state_path);
    if (!in) throw ModelFormatError("cannot read '" + state_path.string() + "'");
    nlohmann::json state;
    try {
        state = nlohmann::json::parse(in);
        m_step = state.at("step").get<std::int64_t>();
        const std::size_t pairs = state.at("train_pairs").get<std::size_t>();
        const std::string print = state.at("train_fingerprint").get<std::string>();
        if (pairs != m_train.size() || print != std::to_string(m_fingerprint)) {
            throw InputError("cannot resume from '" + checkpoint.string() + "': the training data differs (" +
                             std::to_string(m_train.size()) + " pairs now, " + std::to_string(pairs) +
                             " in the checkpoint); give the same --tsv/--src/--tgt/--dialogues options");
        }
        if (state.at("seed").get<std::uint64_t>() != m_options.seed ||
            state.at("batch_tokens").get<int>() != m_options.batch_tokens) {
            log("note: --seed or --batch-tokens differ from the checkpoint's; the resumed run will "
                "not match an uninterrupted one");
        }
        rng_from_string(m_rng, state.at("rng").get<std::string>(), state_path);
        m_previous_seconds = state.value("training_seconds", 0.0);
        m_bad_validations = state.value("bad_validations", 0);
        auto from_json = [](const nlohmann::json& j) {
            ValidationResult v;
            v.step = j.at("step").get<std::int64_t>();
            v.perplexity = j.at("perplexity").get<double>();
            v.nll_per_token = j.at("nll_per_token").get<double>();
            if (j.contains("bleu")) v.bleu = j["bleu"].get<double>();
            if (j.contains("chrf")) v.chrf = j["chrf"].get<double>();
            return v;
        };
        for (const auto& j : state.value("validations", nlohmann::json::array())) m_validations.push_back(from_json(j));
        if (state.contains("best")) m_best = from_json(state["best"]);
        m_parameters = load_parameters(m_config, checkpoint / m_config.weights_file);
        m_adam.emplace(m_parameters, m_options.adam);
        m_adam->load(checkpoint / kOptimizerFile);
        m_batcher->set_position({state.at("epoch").get<std::uint64_t>(), state.at("batch_index").get<std::uint64_t>()});
    } catch (const nlohmann::json::exception& e) {
        throw ModelFormatError("'" + state_path.string() + "' is not a usable training state: " + e.what());
    }
    log("resumed from '" + checkpoint.string() + "' at step " + std::to_string(m_step));
}

ValidationResult TrainingRun::validate() {
    const auto started = Clock::now();
    ValidationResult result;
    result.step = m_step;
    write_checkpoint();

    GradientComputer evaluator(m_config, m_options.threads);
    BatcherOptions batch_options;
    batch_options.batch_tokens = std::max(m_options.batch_tokens, 512);
    batch_options.shuffle = false;
    batch_options.pad_id = m_config.pad_id;
    batch_options.bos_id = m_config.bos_id;
    batch_options.eos_id = m_config.eos_id;
    double nll = 0.0;
    std::int64_t tokens = 0;
    for (const auto& indices : Batcher::plan_epoch(m_dev, batch_options, 0)) {
        const LossStats stats = evaluator.evaluate(m_parameters, batch_of(m_dev, indices, batch_options));
        nll += stats.nll_sum;
        tokens += stats.tokens;
    }
    result.nll_per_token = tokens > 0 ? nll / static_cast<double>(tokens) : 0.0;
    result.perplexity = std::exp(result.nll_per_token);

    if (m_config.task == Task::translate && m_options.valid_bleu_sentences > 0) {
        auto [sources, references] = group_references(m_dev_text);
        const std::size_t n = std::min(sources.size(), static_cast<std::size_t>(m_options.valid_bleu_sentences));
        sources.resize(n);
        for (auto& set : references) set.resize(n);
        try {
            EngineOptions engine_options;
            engine_options.threads = m_options.threads;
            engine_options.precision = "f32";
            Translator translator(m_options.output_dir / kCheckpointFolder, engine_options);
            DecodeOptions decode;
            decode.strategy = DecodeStrategy::greedy;
            decode.beam_size = 1;
            decode.max_batch_size = 64;
            std::vector<std::string> hypotheses;
            for (const SentenceResult& sentence : translator.translate_sentences(sources, decode)) {
                hypotheses.push_back(sentence.best().text);
            }
            result.bleu = corpus_bleu(hypotheses, references).score;
            result.chrf = corpus_chrf(hypotheses, references);
        } catch (const std::exception& e) {
            log("warning: dev BLEU skipped: " + std::string(e.what()));
        }
    }

    const bool use_bleu = result.bleu.has_value();
    bool improved = !m_best;
    if (m_best) {
        // BLEU decides for translation; equal BLEU (early on, often 0) falls back to perplexity.
        if (use_bleu && m_best->bleu && *result.bleu != *m_best->bleu) improved = *result.bleu > *m_best->bleu;
        else improved = result.perplexity < m_best->perplexity;
    }
    m_validations.push_back(result);
    if (use_bleu) m_adam->report_validation(*result.bleu, true);
    else m_adam->report_validation(result.perplexity, false);
    if (improved) {
        m_best = result;
        m_bad_validations = 0;
        write_model_folder(m_options.output_dir, m_options.save_dtype);
    } else {
        ++m_bad_validations;
    }
    // The checkpoint's state must carry the updated best/patience and plateau state.
    m_adam->save(m_options.output_dir / kCheckpointFolder / kOptimizerFile);
    write_state(m_options.output_dir / kCheckpointFolder);
    write_card();

    std::string line = "validation at step " + std::to_string(m_step) + ": perplexity " +
                       fixed(result.perplexity, 2);
    if (result.bleu) line += ", BLEU " + fixed(*result.bleu, 2) + ", chrF " + fixed(*result.chrf, 2);
    if (improved) {
        line += " (best)";
    } else {
        line += " (no improvement";
        if (m_options.patience > 0) {
            line += " " + std::to_string(m_bad_validations) + "/" + std::to_string(m_options.patience);
        }
        line += ")";
    }
    line += " [" + fixed(seconds_since(started), 1) + " s]";
    log(line);
    return result;
}

void TrainingRun::write_card() {
    const ModelConfig& c = m_config;
    const bool chat = c.task == Task::chat;
    std::ostringstream card;
    card << "# " << c.name << "\n\n";
    if (chat && c.predicts_context) {
        card << "A backward chat model (" << language_name(c.source_language) << ") for Attentive: "
             << "a Seq2Seq network with attention that learned p(context | reply), the "
             << c.chat_context_turns << " turn(s) before a reply given the reply. It answers nothing: "
             << "a chat model names it as its reranker, to choose among sampled replies.\n\n";
    } else if (chat) {
        card << "A chat model (" << language_name(c.source_language) << ") for Attentive: a Seq2Seq "
             << "network with attention that answers the last turn of a conversation, given up to "
             << c.chat_context_turns << " turns of context joined with `" << kSeparatorPiece
             << "`. Decoded by sampling with repetition controls.\n\n";
    } else {
        card << "Translates " << language_name(c.source_language) << " into "
             << language_name(c.target_language) << " (" << c.source_language << " → "
             << c.target_language << "): a Seq2Seq network with attention for Attentive, decoded "
             << "with beam search.\n\n";
    }
    card << "## Licence\n\n" << licence_summary(m_options.train_sources) << "\n";

    const std::int64_t n_parameters = parameter_count(c);
    std::error_code error;
    const auto weights_bytes = fs::file_size(m_options.output_dir / c.weights_file, error);
    card << "## Model\n\n";
    card << "- Encoder: " << c.encoder_layers << "-layer bidirectional LSTM, " << c.encoder_hidden_size
         << " units per direction\n";
    card << "- Decoder: " << c.decoder_layers << "-layer LSTM, " << c.decoder_hidden_size << " units, "
         << to_string(c.attention) << " attention" << (c.input_feeding ? ", input feeding" : "")
         << (c.tie_target_embeddings ? ", tied target embeddings" : "") << "\n";
    card << "- Embeddings: " << c.embedding_size << "; vocabularies: " << c.source_vocab_size
         << " source / " << c.target_vocab_size << " target pieces (SentencePiece "
         << m_options.vocab_type << (m_options.joint_vocab ? ", joint" : ", separate") << ")\n";
    card << "- Parameters: " << n_parameters << " (" << fixed(n_parameters / 1e6, 2) << " M); weights stored as "
         << dtype_name(m_options.save_dtype);
    if (!error) card << " (" << fixed(static_cast<double>(weights_bytes) / 1e6, 1) << " MB)";
    card << "\n\n";

    card << "## Data\n\n";
    for (std::size_t i = 0; i < m_options.train_sources.size() && i < m_reports.size(); ++i) {
        card << "- " << m_reports[i].summary() << "  \n  " << data_licence_note(m_options.train_sources[i].path)
             << "\n";
    }
    card << "- Training pairs after cleaning and encoding (at most " << m_options.max_pieces
         << " pieces a side): " << m_train.size() << "\n";
    for (const CorpusSource& source : m_options.dev_sources) card << "- Dev: " << source.describe() << "\n";
    card << "\n";

    const double seconds = m_previous_seconds + seconds_since(m_start);
    card << "## Training\n\n";
    card << "- Steps: " << m_step << " (" << fixed(m_batcher ? m_batcher->epoch_progress() : 0.0, 2)
         << " epochs), " << format_duration(seconds) << " (h:m:s) of training on "
         << (m_options.threads > 0 ? std::to_string(m_options.threads) : std::string("all")) << " CPU threads\n";
    card << "- Adam (β1 " << m_options.adam.beta1 << ", β2 " << m_options.adam.beta2 << "), peak learning rate "
         << m_options.adam.learning_rate << ", " << m_options.adam.warmup_steps << " warm-up steps, "
         << to_string(m_options.adam.schedule) << " decay, gradient-norm clip " << m_options.adam.clip_norm << "\n";
    card << "- Batches of about " << m_options.batch_tokens << " tokens; dropout " << m_options.model.dropout
         << "; label smoothing " << m_options.label_smoothing << (m_options.bf16 ? "; bf16" : "") << "; seed "
         << m_options.seed << "\n";
    if (!m_options.command_line.empty()) card << "- Command:\n\n```\n" << m_options.command_line << "\n```\n";
    card << "\n## Dev metrics\n\n";
    if (m_best) {
        card << "Best checkpoint (kept): step " << m_best->step << ", perplexity " << fixed(m_best->perplexity, 2);
        if (m_best->bleu) {
            card << ", BLEU " << fixed(*m_best->bleu, 2) << ", chrF " << fixed(*m_best->chrf, 2)
                 << " (sacreBLEU-style, greedy decoding, first " << m_options.valid_bleu_sentences
                 << " dev sentences, every translation of a sentence as a reference)";
        }
        card << ".\n\n| step | perplexity | BLEU | chrF |\n|---:|---:|---:|---:|\n";
        for (const ValidationResult& v : m_validations) {
            card << "| " << v.step << " | " << fixed(v.perplexity, 2) << " | "
                 << (v.bleu ? fixed(*v.bleu, 2) : "–") << " | " << (v.chrf ? fixed(*v.chrf, 2) : "–") << " |\n";
        }
    } else {
        card << "No dev set was given: the weights are those of the last step.\n";
    }
    card << "\n## Decoding defaults\n\n```json\n" << c.decoding.dump(2) << "\n```\n";
    write_file_atomically(m_options.output_dir / "card.md", card.str());
}

bool TrainingRun::out_of_budget(std::string& reason) {
    if (m_stop && m_stop->load()) {
        reason = "interrupted";
        return true;
    }
    if (m_options.max_steps > 0 && m_step >= m_options.max_steps) {
        reason = "max steps";
        return true;
    }
    if (m_options.max_minutes > 0 && seconds_since(m_start) >= 60.0 * m_options.max_minutes) {
        reason = "time budget";
        return true;
    }
    if (m_options.max_epochs > 0 && m_batcher->position().epoch >= static_cast<std::uint64_t>(m_options.max_epochs)) {
        reason = "max epochs";
        return true;
    }
    if (m_options.patience > 0 && m_bad_validations >= m_options.patience) {
        reason = "early stopping";
        return true;
    }
    return false;
}

void TrainingRun::show_progress(bool force) {
    const double since_show = std::chrono::duration<double>(Clock::now() - m_last_show).count();
    if (!force && since_show < 1.0) return;
    if (m_window_steps == 0) return;
    const double tokens_per_second = static_cast<double>(m_window_tokens) / std::max(1e-9, since_show);
    m_steps_per_second = static_cast<double>(m_window_steps) / std::max(1e-9, since_show);
    const double loss = m_window_loss / std::max<std::int64_t>(1, m_window_tokens);
    const double perplexity = std::exp(std::min(50.0, m_window_nll / std::max<std::int64_t>(1, m_window_tokens)));
    const double elapsed = seconds_since(m_start);
    double eta = -1.0;
    if (m_options.max_steps > 0 && m_steps_per_second > 0) {
        eta = static_cast<double>(m_options.max_steps - m_step) / m_steps_per_second;
    }
    if (m_options.max_minutes > 0) {
        const double left = 60.0 * m_options.max_minutes - elapsed;
        eta = eta < 0 ? left : std::min(eta, left);
    }
    std::string line = "step " + std::to_string(m_step);
    if (m_options.max_steps > 0) line += "/" + std::to_string(m_options.max_steps);
    line += " | ep " + fixed(m_batcher->epoch_progress(), 2) + " | loss " + fixed(loss, 3) + " | ppl " +
            fixed(perplexity, 2) + " | " + std::to_string(static_cast<long>(tokens_per_second)) +
            " tgt tok/s | lr " + fixed(m_last_lr * 1e4, 3) + "e-4 | " + format_duration(elapsed) +
            " | ETA " + (eta >= 0 ? format_duration(eta) : std::string("?"));
    m_progress.show(line);
    m_last_progress = line;
    m_last_show = Clock::now();
    m_window_loss = m_window_nll = 0.0;
    m_window_tokens = m_window_steps = 0;
}

TrainingResult TrainingRun::run() {
    if (m_options.output_dir.empty()) throw std::invalid_argument("no output folder given (--out)");
    if (m_options.train_sources.empty()) throw std::invalid_argument("no training data given");
    fs::create_directories(m_options.output_dir);
    if (!m_options.resume_from.empty()) {
        const fs::path nested = m_options.resume_from / kCheckpointFolder;
        m_resume_dir = fs::exists(nested / kStateFile) ? nested : m_options.resume_from;
        if (!fs::exists(m_resume_dir / kStateFile)) {
            throw ModelFormatError("cannot resume: '" + m_options.resume_from.string() +
                                   "' holds no checkpoint (" + kStateFile + ")");
        }
    }

    read_data();
    build_vocabularies();
    write_target_words();
    write_reply_memory();

    if (m_resume_dir.empty()) {
        m_config = m_options.model;
        m_config.name = m_options.output_dir.filename().string();
        if (m_config.name.empty()) m_config.name = m_options.output_dir.parent_path().filename().string();
        m_config.source_vocab_size = m_source_tokenizer->vocab_size();
        m_config.target_vocab_size = m_target_tokenizer->vocab_size();
        m_config.pad_id = m_source_tokenizer->pad_id();
        m_config.unk_id = m_source_tokenizer->unk_id();
        m_config.bos_id = m_source_tokenizer->bos_id();
        m_config.eos_id = m_source_tokenizer->eos_id();
        m_config.source_tokenizer = kSourceSpm;
        m_config.target_tokenizer = kTargetSpm;
        m_config.sep_id = -1;
        if (m_config.task == Task::chat) {
            const int sep = m_source_tokenizer->piece_to_id(kSeparatorPiece);
            if (sep != m_source_tokenizer->unk_id()) m_config.sep_id = sep;
        }
        m_config.decoding = default_decoding(m_config.task);
        try {
            m_config = parse_config(config_to_json(m_config), "the model options");
        } catch (const ModelFormatError& e) {
            throw std::invalid_argument(std::string("inconsistent model options: ") + e.what());
        }
    }

    encode_data();

    BatcherOptions batch_options;
    batch_options.batch_tokens = m_options.batch_tokens;
    batch_options.seed = m_options.seed;
    batch_options.bos_id = m_source_tokenizer->bos_id();
    batch_options.eos_id = m_source_tokenizer->eos_id();
    batch_options.pad_id = m_source_tokenizer->pad_id();
    m_batcher.emplace(m_train, batch_options);

    AdamOptions adam_options = m_options.adam;
    if (m_resume_dir.empty()) {
        m_rng.seed(m_options.seed);
        m_parameters = init_parameters(m_config, m_rng);
        if (!m_options.init_from.empty()) {
            const ModelConfig init = load_config(m_options.init_from / "config.json");
            m_parameters = load_parameters(m_config, m_options.init_from / init.weights_file);
            log("weights: initialised from " + m_options.init_from.string());
        }
        m_adam.emplace(m_parameters, adam_options);
    } else {
        restore(m_resume_dir);
    }
    m_gradients = zero_parameters(m_config);

    log("model: " + std::to_string(parameter_count(m_config)) + " parameters; " +
        std::to_string(m_batcher->batches_in_epoch()) + " batches an epoch");

    GradientComputer computer(m_config, m_options.threads);
    TrainingStepOptions step_options;
    step_options.label_smoothing = m_options.label_smoothing;
    step_options.dropout = m_options.model.dropout;
    step_options.bf16 = m_options.bf16;

    TrainingResult result;
    std::int64_t last_validated = m_validations.empty() ? -1 : m_validations.back().step;
    std::string reason;
    m_last_show = Clock::now();
    while (!out_of_budget(reason)) {
        const Batch batch = m_batcher->next();
        const LossStats stats = computer.compute(m_parameters, batch, step_options, m_rng, m_gradients);
        if (!std::isfinite(stats.loss_sum)) {
            m_progress.finish();
            throw std::runtime_error("training diverged at step " + std::to_string(m_step + 1) +
                                     " (the loss is not finite); try a lower --lr or more --warmup");
        }
        m_last_lr = m_adam->learning_rate();
        m_adam->step(m_parameters, m_gradients, 1.0 / static_cast<double>(std::max<std::int64_t>(1, stats.tokens)));
        ++m_step;
        m_window_loss += stats.loss_sum;
        m_window_nll += stats.nll_sum;
        m_window_tokens += stats.tokens;
        ++m_window_steps;
        show_progress(false);
        if (m_options.valid_every > 0 && m_step % m_options.valid_every == 0 && !m_dev.empty()) {
            show_progress(true);
            validate();
            last_validated = m_step;
            m_last_show = Clock::now();
        }
    }
    show_progress(true);
    m_progress.finish();
    result.stop_reason = reason;
    result.interrupted = reason == "interrupted";

    if (!result.interrupted && !m_dev.empty() && last_validated != m_step) {
        validate();
    } else {
        write_checkpoint();
    }
    const bool have_model = fs::exists(m_options.output_dir / "config.json") &&
                            fs::exists(m_options.output_dir / m_config.weights_file);
    if (m_dev.empty() || !have_model) {
        write_model_folder(m_options.output_dir, m_options.save_dtype);
    }
    write_card();

    result.steps = m_step;
    result.epochs = m_batcher->epoch_progress();
    result.seconds = seconds_since(m_start);
    result.validations = m_validations;
    result.best = m_best;
    log("stopped (" + reason + ") after " + std::to_string(m_step) + " steps, " +
        format_duration(result.seconds) + "; model in '" + m_options.output_dir.string() + "'" +
        (result.interrupted ? "; resume with --resume " + m_options.output_dir.string() : ""));
    return result;
}

}  // namespace

TrainingResult train_model(const TrainingOptions& options, const std::atomic<bool>* stop) {
    TrainingRun run(options, stop);
    return run.run();
}

}  // namespace attentive
