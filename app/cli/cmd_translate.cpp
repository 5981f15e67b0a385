// attentive-cli translate: stdin line by line -> translations (or JSON with tokens, scores and
// attention per sentence).

#include <iostream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "line_pieces.h"
#include "core/text/language_id.h"
#include "core/text/letter_formulas.h"
#include "core/text/sentence_splitter.h"
#include "core/translation_units.h"
#include "core/translator.h"
#include "core/untranslated_words.h"

namespace attentive::cli {

namespace {

// A translator's sentence as JSON; with `translator`, also the source words the app would flag
// as possibly untranslated (core/untranslated_words.h).
nlohmann::json sentence_json(const SentenceResult& sentence, Translator* translator) {
    nlohmann::json out;
    out["source"] = sentence.source;
    if (translator) out["possibly_untranslated"] = untranslated_source_words(*translator, sentence);
    out["source_pieces"] = sentence.source_pieces;
    out["coverage"] = sentence.coverage;
    for (const Hypothesis& h : sentence.hypotheses) {
        out["hypotheses"].push_back({{"text", h.text},
                                     {"target_pieces", h.target_pieces},
                                     {"target_ids", h.target_ids},
                                     {"score", h.score},
                                     {"log_prob", h.log_prob},
                                     {"attention", h.attention}});
    }
    return out;
}

// `text` without the white space around it: translate() keeps the input's spacing, a line of
// output has none.
std::string trim_spaces(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Warns on stderr about the first few lines that are not in the model's source language.
class LanguageCheck {
public:
    explicit LanguageCheck(const ModelConfig& config) : m_config(config) {}
    void check(const std::string& line) {
        ++m_line;
        const LanguageGuess guess = identify_language(line);
        if (!not_in_language(guess, m_config.source_language)) return;
        if (++m_mismatches > kShown) return;
        const std::string found = guess.language.empty() ? "not English, French or German"
                                                         : language_name(guess.language);
        std::cerr << "warning: line " << m_line << " looks " << found << ", but " << m_config.name
                  << " translates from " << language_name(m_config.source_language)
                  << " (--no-language-check turns this off)\n";
    }
    ~LanguageCheck() {
        if (m_mismatches > kShown)
            std::cerr << "warning: " << m_mismatches << " lines in all look not "
                      << language_name(m_config.source_language) << "\n";
    }

private:
    static constexpr int kShown = 3;
    const ModelConfig& m_config;
    int m_line = 0;
    int m_mismatches = 0;
};

}  // namespace

int run_translate(const Words& words) {
    const Args args(words, decode_value_options({"m", "model", "threads", "precision"}),
                    decode_flag_options({"json", "help", "no-language-check"}));
    if (args.has("help")) {
        std::cout << "usage: attentive-cli translate -m MODEL [--beam N] [--n-best N] [--greedy]\n"
                     "         [--json] [--threads N] [--precision f32|bf16|int8]\n"
                     "         [--no-protect-spans] [--any-words] [--no-language-check] [--no-rerank]\n"
                     "         [--formal | --informal]\n"
                     "Reads stdin line by line and writes one translation per line, each sentence of a line\n"
                     "translated (with --n-best N or --json a line is read as one sentence:\n"
                     "N lines 'rank ||| score ||| text'; one JSON object per line, with the\n"
                     "source words that may be missing from the translation: \"possibly_untranslated\").\n"
                     "Names, numbers, e-mail addresses, URLs and code-like tokens are copied unchanged\n"
                     "(--no-protect-spans: the model reads them as they are). Translators into English\n"
                     "and French write only words of their training targets or of the source\n"
                     "(target_words.txt; --any-words: whatever their word pieces make). A line that does not look\n"
                     "like the model's source language is reported on stderr (--no-language-check: not).\n"
                     "A translator whose config names a reverse model reranks its beam with it\n"
                     "(--reverse-weight W; --no-rerank: not). Into German and French, a line whose letter\n"
                     "opens or closes formally (\"Dear Mrs Keller,\"), and every line after one that opens\n"
                     "so, says \"Sie\" and \"vous\", not \"du\" and \"tu\", where the model can write it\n"
                     "(--formal: every line); one that opens as to a friend (\"Hi Tom,\"), and every line\n"
                     "after it, says \"du\" and \"tu\" (--informal: every line); a line of several sentences\n"
                     "keeps to one of them, formal when it reads as a business's message (\"we received your\n"
                     "order\").\n"
                     "The line after a letter's closing (\"Best regards,\") is\n"
                     "written as it is when it reads as a signature (one to three capitalised words).\n";
        return 0;
    }
    const EngineOptions engine = engine_options_from_args(args);
    Translator translator(model_argument(args), engine);
    note_missing_reverse_model(translator, engine);
    const DecodeOptions options = decode_options_from_args(args, translator.default_options());
    std::optional<LanguageCheck> language_check;
    if (!args.has("no-language-check") && translator.config().task == Task::translate)
        language_check.emplace(translator.config());
    bool noted = false;
    const auto note_cut = [&](bool cut) {
        if (!cut || noted) return;
        noted = true;
        std::cerr << "note: a line longer than " << max_sentence_chars
                  << " characters was translated in pieces cut at spaces (one best translation, "
                     "no attention)\n";
    };
    if (!args.has("json") && options.n_best <= 1) {
        // One best translation per line, written as its pieces are translated: a line of any
        // length is read, translated and written in pieces of bounded size (line_pieces.h).
        LinePieces lines(std::cin);
        // A letter that opens formally ("Dear Mrs Keller,") is formal in the lines that follow (one
        // that opens as to a friend, "Hi Tom,", familiar), and
        // the line after its closing ("Best regards,") may be its signature, written as it is
        // ("Marie Dubois" was "Mary Dubois", "Anna Keller" "Anna is the basement").
        DecodeOptions line_options = options;
        bool after_closing = false;
        const ModelConfig& config = translator.config();
        std::string piece;
        bool line_ends = true;
        bool line_started = false;  // the current line has written a translation already
        bool first_piece = true;
        while (lines.next(piece, line_ends)) {
            if (language_check && first_piece) language_check->check(piece);
            // A line may hold several sentences: each is translated (the models end a translation
            // after the first sentence, and the rest of the line was lost).
            std::string text;
            bool cut = false;
            if (config.task == Task::translate) {
                const std::string line = trim_spaces(piece);
                if (after_closing && line_ends && first_piece && is_signature(line)) {
                    text = line;
                } else {
                    const TranslationResult result = translator.translate(piece, line_options);
                    text = trim_spaces(result.text);
                    cut = result.cut;
                }
                const auto formula = letter_formula(line, config.source_language, config.target_language);
                if (formula && !formula->closing && !options.formal_address && !options.familiar_address)
                    take_letter_address(line_options, formula->formal, formula->familiar);
                if (!line.empty()) after_closing = formula && formula->closing && formula->length >= line.size();
            } else {
                const SentenceResult sentence = std::move(translator.translate_sentences({piece}, options).front());
                text = sentence.best().text;
                cut = sentence.cut;
            }
            note_cut(cut || !line_ends || !first_piece);
            if (line_started && !text.empty()) std::cout << ' ';
            std::cout << text;
            line_started = line_started || !text.empty();
            first_piece = line_ends;
            if (line_ends) {
                std::cout << "\n";
                line_started = false;
            }
            std::cout.flush();
        }
        return 0;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (language_check) language_check->check(line);
        auto results = translator.translate_sentences({line}, options);
        const SentenceResult& sentence = results.front();
        note_cut(sentence.cut);
        if (args.has("json")) {
            const bool judged = translator.config().task == Task::translate && !sentence.cut;
            std::cout << sentence_json(sentence, judged ? &translator : nullptr).dump() << "\n";
        } else {
            for (std::size_t i = 0; i < sentence.hypotheses.size(); ++i)
                std::cout << i << " ||| " << sentence.hypotheses[i].score << " ||| "
                          << sentence.hypotheses[i].text << "\n";
        }
        std::cout.flush();
    }
    return 0;
}

}  // namespace attentive::cli
