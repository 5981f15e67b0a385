#include "core/metrics/flag_evaluation.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "core/decoding/coverage_flags.h"
#include "core/text/function_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Lowercase for ASCII and Latin-1 letters (enough to compare English, French and German words).
std::string lowercase(const std::string& text) {
    std::string out = text;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        if (c >= 'A' && c <= 'Z') {
            out[i] = static_cast<char>(c + 32);
        } else if (c == 0xC3 && i + 1 < out.size()) {
            const auto next = static_cast<unsigned char>(out[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 32);
            ++i;
        }
    }
    return out;
}

// A word of a text: where its letters are (punctuation around it excluded) and the form it is
// compared in (lowercase, after an elision such as "l'").
struct TextWord {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string key;
};

std::vector<TextWord> text_words(const std::string& text) {
    std::vector<TextWord> words;
    for (std::size_t pos = 0; pos < text.size();) {
        while (pos < text.size() && text[pos] == ' ') ++pos;
        std::size_t token_end = text.find(' ', pos);
        if (token_end == std::string::npos) token_end = text.size();
        if (pos == token_end) break;
        // Trim punctuation one character at a time from both ends.
        std::size_t begin = pos;
        std::size_t end = token_end;
        while (begin < end) {
            const std::size_t length = std::max<std::size_t>(1, decode_utf8_at(text, begin).length);
            if (has_letter_or_digit(text.substr(begin, length))) break;
            begin += length;
        }
        while (end > begin) {
            std::size_t start = end - 1;
            while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
            if (has_letter_or_digit(text.substr(start, end - start))) break;
            end = start;
        }
        if (begin < end) {
            TextWord word{begin, end, lowercase(text.substr(begin, end - begin))};
            const std::size_t apostrophe = word.key.find_last_of("'");
            if (apostrophe != std::string::npos) word.key = word.key.substr(apostrophe + 1);
            words.push_back(std::move(word));
        }
        pos = token_end;
    }
    return words;
}

// A word a recall trial may drop: in the source, a word the flag judges
// (is_function_or_auxiliary_word() is false); in the reference, any word but a function word.
bool is_content_word(const std::string& key, const std::string& language, bool source_side) {
    return utf8_length(key) >= 3 && has_letter_or_digit(key) &&
           !(source_side ? is_function_or_auxiliary_word(key, language) : is_function_word(key, language));
}

// `text` without the letters of `word` (and one space, when nothing else of its token is left).
std::string remove_word(const std::string& text, const TextWord& word) {
    std::size_t begin = word.begin;
    std::size_t end = word.end;
    const bool token_starts = begin == 0 || text[begin - 1] == ' ';
    const bool token_ends = end == text.size() || text[end] == ' ';
    if (token_starts && token_ends) {
        if (end < text.size()) ++end;
        else if (begin > 0) --begin;
    }
    return text.substr(0, begin) + text.substr(end);
}

}  // namespace

ForcedDecoder::ForcedDecoder(Translator& translator)
    : m_translator(translator),
      m_target(std::make_unique<Tokenizer>(translator.model_dir() / translator.config().target_tokenizer)) {}

ForcedDecoder::~ForcedDecoder() = default;

SentenceResult ForcedDecoder::decode(const std::string& source, const std::string& reference) const {
    DecodeOptions options = m_translator.default_options();
    options.strategy = DecodeStrategy::greedy;
    options.n_best = 1;
    options.alternatives = 5;
    options.target_prefix = m_target->encode(reference);
    options.target_prefix.push_back(m_translator.config().eos_id);
    options.max_length = std::max<int>(options.max_length, static_cast<int>(options.target_prefix.size()) + 1);
    return m_translator.translate_sentences({source}, options).front();
}

bool drop_one_word(Translator& translator, const SentenceResult& complete, const std::string& reference,
                   std::size_t choice, DroppedWord& dropped) {
    const ModelConfig& config = translator.config();
    const std::vector<SourceWord> words = judged_words(complete, config.source_language);
    std::vector<std::size_t> candidates;
    std::vector<std::string> texts;
    for (std::size_t w = 0; w < words.size(); ++w) {
        if (!words[w].judged) continue;
        std::string text;
        for (std::size_t s = words[w].first_piece; s < words[w].end_piece; ++s) text += complete.source_pieces[s];
        if (!is_content_word(lowercase(text), config.source_language, true)) continue;
        candidates.push_back(w);
        texts.push_back(text);
    }
    if (candidates.empty()) return false;

    const std::vector<TextWord> reference_words = text_words(reference);
    const auto occurrences = [&](const std::string& key) {
        return std::count_if(reference_words.begin(), reference_words.end(),
                             [&](const TextWord& word) { return word.key == key; });
    };
    DecodeOptions options = translator.default_options();
    options.strategy = DecodeStrategy::greedy;
    options.n_best = 1;
    const std::vector<SentenceResult> alone = translator.translate_sentences(texts, options);
    struct Match {
        std::size_t candidate;
        std::string key;
    };
    std::vector<Match> matches;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        for (const TextWord& word : text_words(alone[c].best().text)) {
            if (is_content_word(word.key, config.target_language, false) && occurrences(word.key) == 1) {
                matches.push_back({c, word.key});
                break;
            }
        }
    }
    // Two source words translated by the same reference word: which one it belongs to is unclear.
    std::erase_if(matches, [&](const Match& m) {
        return std::count_if(matches.begin(), matches.end(), [&](const Match& o) { return o.key == m.key; }) > 1;
    });
    if (matches.empty()) return false;
    const Match& picked = matches[choice % matches.size()];
    const auto target = std::find_if(reference_words.begin(), reference_words.end(),
                                     [&](const TextWord& word) { return word.key == picked.key; });
    dropped.source_word = texts[picked.candidate];
    dropped.source_word_index = candidates[picked.candidate];
    dropped.target_word = reference.substr(target->begin, target->end - target->begin);
    dropped.reduced_reference = remove_word(reference, *target);
    return true;
}

FlagRule app_flag_rule(float threshold, float unknown_word_threshold, float growth) {
    return [=](const std::vector<JudgedWord>& words) {
        const std::optional<std::size_t> flagged = untranslated_word(words, threshold, unknown_word_threshold, growth);
        return flagged ? std::vector<std::size_t>{*flagged} : std::vector<std::size_t>{};
    };
}

double FlagMeasurement::false_flags_per_20(const FlagRule& rule) const {
    if (complete.empty()) return 0.0;
    std::size_t flags = 0;
    for (const JudgedSentence& sentence : complete) flags += rule(sentence.words).size();
    return 20.0 * static_cast<double>(flags) / static_cast<double>(complete.size());
}

double FlagMeasurement::recall(const FlagRule& rule) const {
    if (trials.empty()) return 0.0;
    std::size_t hits = 0;
    for (std::size_t k = 0; k < trials.size(); ++k) {
        const std::vector<std::size_t> flagged = rule(reduced[k].words);
        hits += std::find(flagged.begin(), flagged.end(), trials[k].source_word_index) != flagged.end();
    }
    return static_cast<double>(hits) / static_cast<double>(trials.size());
}

float threshold_for_one_per_20(const FlagMeasurement& m, float unknown_word_threshold, float growth) {
    // False flags only grow with the threshold: the highest one within the budget, by bisection
    // over the hundredths.
    const auto within = [&](int hundredths) {
        return m.false_flags_per_20(app_flag_rule(0.01f * static_cast<float>(hundredths), unknown_word_threshold, growth)) <= 1.0;
    };
    int low = -200;  // within, or the lowest tried
    int high = 0;
    if (within(high)) return 0.0f;
    while (high - low > 1) {
        const int middle = (low + high) / 2;
        (within(middle) ? low : high) = middle;
    }
    return 0.01f * static_cast<float>(low);
}

std::vector<std::string> own_translations(Translator& translator, const std::vector<std::string>& sources) {
    std::vector<std::string> texts;
    for (const SentenceResult& result : translator.translate_sentences(sources, translator.default_options()))
        texts.push_back(result.best().text);
    return texts;
}

FlagMeasurement measure_flags(Translator& translator, const std::vector<std::string>& sources,
                              const std::vector<std::string>& references, FlagEvidence evidence) {
    if (sources.size() != references.size())
        throw std::invalid_argument("measure_flags: " + std::to_string(sources.size()) + " sources but " +
                                    std::to_string(references.size()) + " references");
    const ForcedDecoder forced(translator);
    const auto judged = [&](std::size_t index, const SentenceResult& decode) {
        JudgedSentence sentence{index, judge_source_words(translator, decode, evidence), {}};
        for (const JudgedWord& word : sentence.words) sentence.texts.push_back(source_word_text(decode, word.word));
        return sentence;
    };
    FlagMeasurement measurement;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const SentenceResult complete = forced.decode(sources[i], references[i]);
        if (complete.source_pieces.empty()) continue;
        const auto begin = std::chrono::steady_clock::now();
        measurement.complete.push_back(judged(i, complete));
        measurement.judging_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();

        DroppedWord dropped;
        if (!drop_one_word(translator, complete, references[i], i, dropped)) continue;
        // Every word of the reduced decode is judged: the app's rule picks one per sentence.
        measurement.reduced.push_back(judged(i, forced.decode(sources[i], dropped.reduced_reference)));
        measurement.trials.push_back(std::move(dropped));
    }
    return measurement;
}

}  // namespace attentive
