// attentive-cli chat-eval: answers held-out DailyDialog contexts with a chat model and scores the
// replies as issue 16 does (PLATO-style BLEU-1/2 and distinct-1/2), beside the baselines on the
// same contexts: a random training reply, a constant reply and the people's own replies.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/decoding/reply_mood.h"
#include "core/errors.h"
#include "core/metrics/dialogue.h"
#include "core/text/utf8.h"
#include "core/training/corpus.h"
#include "core/translator.h"

namespace attentive::cli {

namespace {

const char* kChatEvalHelp = R"(usage: attentive-cli chat-eval -m MODEL --dialogues VALID --train-dialogues TRAIN [options]

Answers held-out contexts of DailyDialog-layout dialogues and scores the replies against the
people's: average sentence BLEU-1/2 (NLTK smoothing method 7, PLATO's; lowercased words with their
contractions, punctuation apart, ’ read as ') and distinct-1/2, beside baselines on the same
contexts: a reply drawn at random from TRAIN's dialogues (seeded), the constant reply
"I don't know." and the people's own replies' distinct-1/2.

Contexts: every reply of a dialogue after its first turn, with the (up to) two turns before it, in
file order. The dialogues are split in two halves: --split test (the default) takes the first N
replies of the second half, --split dev the first N of the first half, so that what is tuned on
dev is never reported on test.

options:
  --split test|dev          (test)
  --contexts N              replies scored (test: 1000, dev: 500)
  --baseline-seed N         the random-reply baseline's draws (1)
  --output FILE             write "context<TAB>person<TAB>model" lines
  --sweep                   tune the reranker: sample --candidates N replies per context once,
                            then score the reply kept by every weight setting of the grid, one
                            line each. Lists (each defaults to the value in use): the first n
                            candidates for n in --sweep-candidates, λ --sweep-backward,
                            γ --sweep-length, η --sweep-length-prior, a --sweep-length-mean,
                            b --sweep-length-slope, N --sweep-max-sentences,
                            ρ --sweep-sentence-penalty, κ --sweep-repeat-penalty,
                            ν --sweep-recalled (recalled replies always take part),
                            τ --sweep-mood
                            (docs/model-format.md, "Reranking"). Prints the training replies'
                            length fit (a, b and the residual sigma) first.
  --save-candidates FILE    with --sweep: write the sampled candidates and their scores
  --load-candidates FILE    with --sweep: read them instead of sampling (same split and contexts)
  decoding with a reranker: --candidates N (the model's default), --rerank-backward λ,
                            --rerank-length γ, --rerank-length-prior η, --rerank-length-mean a,
                            --rerank-length-slope b, --rerank-max-sentences N,
                            --rerank-sentence-penalty ρ, --rerank-repeat-penalty κ,
                            --recalled N (replies recalled from the training dialogues),
                            --rerank-recalled ν, --rerank-mood τ, --no-rerank
  --json                    print the scores as one JSON object
  decoding (defaults: the model's own): --seed N, --temperature T, --top-k K, --top-p P, ...
  --threads N, --precision f32|bf16|int8
)";

struct Exchange {
    std::vector<std::string> turns;  // the context, oldest first
    std::string reply;               // what the person said next
};

std::vector<std::vector<std::string>> read_dialogue_turns(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open '" + path + "' for reading");
    std::vector<std::vector<std::string>> dialogues;
    std::string line;
    while (std::getline(in, line)) {
        if (!is_valid_utf8(line)) line = sanitize_utf8(line);
        dialogues.push_back(split_dialogue(line));
    }
    return dialogues;
}

// The held-out exchanges of one split (see kChatEvalHelp).
std::vector<Exchange> held_out_exchanges(const std::vector<std::vector<std::string>>& dialogues,
                                         bool test_split, std::size_t count) {
    const std::size_t half = dialogues.size() / 2;
    const std::size_t first = test_split ? half : 0, last = test_split ? dialogues.size() : half;
    std::vector<Exchange> exchanges;
    for (std::size_t d = first; d < last && exchanges.size() < count; ++d) {
        const auto& turns = dialogues[d];
        for (std::size_t i = 1; i < turns.size() && exchanges.size() < count; ++i) {
            const std::size_t start = i >= 2 ? i - 2 : 0;
            exchanges.push_back({std::vector<std::string>(turns.begin() + start, turns.begin() + i), turns[i]});
        }
    }
    return exchanges;
}

nlohmann::json scores_of(const std::vector<std::string>& replies, const std::vector<std::string>& people) {
    const auto plato = DialogueScoring::plato;
    return {{"bleu1", average_sentence_bleu(replies, people, 1, plato)},
            {"bleu2", average_sentence_bleu(replies, people, 2, plato)},
            {"distinct1", distinct_n(replies, 1, plato)},
            {"distinct2", distinct_n(replies, 2, plato)}};
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string table_row(const std::string& name, const nlohmann::json& s, bool with_bleu, bool with_distinct) {
    const auto cell = [&](const char* key, bool shown) { return shown ? fixed(s.at(key).get<double>(), 3) : std::string("–"); };
    return "| " + name + " | " + cell("bleu1", with_bleu) + " | " + cell("bleu2", with_bleu) + " | " +
           cell("distinct1", with_distinct) + " | " + cell("distinct2", with_distinct) + " |\n";
}

// The value below which a `fraction` of `values` lies (nearest rank); 0 for none.
double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())));
    return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

std::vector<double> number_list(const std::string& name, const std::string& text) {
    std::vector<double> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        try {
            std::size_t used = 0;
            const std::string item = text.substr(start, comma - start);
            values.push_back(std::stod(item, &used));
            if (used != item.size()) throw std::invalid_argument(item);
        } catch (const std::logic_error&) {
            throw UsageError("--" + name + " expects numbers separated by commas, got '" + text + "'");
        }
        start = comma + 1;
    }
    return values;
}

// ln(1 + words of a reply) = a + b ln(1 + words of the message it answers), least squares over
// every reply of the training dialogues after a first turn; sigma: the residuals' deviation.
struct LengthFit {
    double a = 0.0, b = 0.0, sigma = 0.0;
};

LengthFit fit_reply_length(const std::vector<std::vector<std::string>>& dialogues) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    for (const auto& turns : dialogues) {
        for (std::size_t i = 1; i < turns.size(); ++i) {
            const double x = std::log1p(static_cast<double>(dialogue_words(turns[i - 1]).size()));
            const double y = std::log1p(static_cast<double>(dialogue_words(turns[i]).size()));
            n += 1, sx += x, sy += y, sxx += x * x, sxy += x * y, syy += y * y;
        }
    }
    LengthFit fit;
    if (n < 2) return fit;
    const double vxx = sxx - sx * sx / n, vxy = sxy - sx * sy / n, vyy = syy - sy * sy / n;
    fit.b = vxx > 0 ? vxy / vxx : 0.0;
    fit.a = (sy - fit.b * sx) / n;
    fit.sigma = std::sqrt(std::max(0.0, (vyy - fit.b * vxy) / n));
    return fit;
}

// How replies meet the news of the messages they answer (core/decoding/reply_mood.h).
struct MoodCounts {
    std::size_t with_news = 0;  // messages that tell bad or good news
    std::size_t meets = 0;      // replies that meet it
    std::size_t clashes = 0;    // replies that clash with it
};

// The news each exchange's last turn tells.
std::vector<News> news_of(const std::vector<Exchange>& exchanges) {
    std::vector<News> news;
    for (const Exchange& exchange : exchanges) news.push_back(message_news(exchange.turns.back()));
    return news;
}

MoodCounts count_moods(const std::vector<News>& news, const std::vector<std::string>& replies) {
    MoodCounts counts;
    for (std::size_t i = 0; i < news.size() && i < replies.size(); ++i) {
        if (news[i] == News::none) continue;
        ++counts.with_news;
        const int agreement = mood_agreement(news[i], reply_mood(replies[i]));
        counts.meets += agreement > 0 ? 1 : 0;
        counts.clashes += agreement < 0 ? 1 : 0;
    }
    return counts;
}

// The candidates of every exchange, as --save-candidates writes them: one JSON array a line.
void save_candidates(const std::string& path, const std::vector<std::vector<ScoredReply>>& candidates) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw InputError("cannot write '" + path + "'");
    for (const auto& these : candidates) {
        nlohmann::json line = nlohmann::json::array();
        for (const ScoredReply& c : these)
            line.push_back({{"text", c.result.best().text}, {"forward", c.scores.forward},
                            {"backward", c.scores.backward}, {"length", c.scores.length},
                            {"recalled", c.scores.recalled}, {"similarity", c.scores.similarity}});
        out << line.dump() << '\n';
    }
}

std::vector<std::vector<ScoredReply>> load_candidates(const std::string& path, const std::vector<Exchange>& exchanges,
                                                      const std::vector<News>& news) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open '" + path + "' for reading");
    std::vector<std::vector<ScoredReply>> candidates;
    std::string line;
    while (std::getline(in, line) && candidates.size() < exchanges.size()) {
        const std::size_t exchange = candidates.size();
        const int message_words = static_cast<int>(dialogue_words(exchanges[exchange].turns.back()).size());
        std::vector<ScoredReply> these;
        for (const auto& item : nlohmann::json::parse(line)) {
            ScoredReply c;
            Hypothesis h;
            h.text = item.at("text").get<std::string>();
            c.result.hypotheses.push_back(std::move(h));
            c.scores.forward = item.at("forward").get<float>();
            c.scores.backward = item.at("backward").is_number() ? item.at("backward").get<float>()
                                                                 : -std::numeric_limits<float>::infinity();
            c.scores.length = item.at("length").get<int>();
            c.scores.recalled = item.value("recalled", false);
            c.scores.similarity = item.value("similarity", 0.0f);
            const ReplyShape shape = reply_shape(c.result.best().text);
            c.scores.words = shape.words;
            c.scores.sentences = shape.sentences;
            c.scores.repeated_words = shape.repeated_words;
            c.scores.message_words = message_words;
            c.scores.mood = mood_agreement(news[exchange], reply_mood(c.result.best().text));
            these.push_back(std::move(c));
        }
        candidates.push_back(std::move(these));
    }
    if (candidates.size() < exchanges.size())
        throw InputError("'" + path + "' holds candidates for " + std::to_string(candidates.size()) + " contexts, not " +
                         std::to_string(exchanges.size()));
    return candidates;
}

// Every combination of the values in `grids` (each a list), in order, the last varying fastest.
std::vector<std::vector<double>> grid_points(const std::vector<std::vector<double>>& grids) {
    std::vector<std::vector<double>> points = {{}};
    for (const auto& values : grids) {
        std::vector<std::vector<double>> next;
        for (const auto& point : points) {
            for (double value : values) {
                next.push_back(point);
                next.back().push_back(value);
            }
        }
        points = std::move(next);
    }
    return points;
}

// Samples the candidates of every exchange once (or loads them), then prints the scores of the
// replies each weight setting keeps: the reranker's tuning on the dev split.
int sweep(Translator& translator, const DecodeOptions& options, const std::vector<Exchange>& exchanges,
          const std::vector<std::vector<std::string>>& training, const Args& args) {
    if (!translator.has_reranker()) throw UsageError("--sweep needs a model whose config names a reranker");
    if (options.rerank_candidates < 2) throw UsageError("--sweep needs --candidates N (N >= 2)");
    const auto list = [&](const char* name, double current) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", current);
        return number_list(name, args.get(name, buffer));
    };
    const std::vector<std::vector<double>> grids = {
        list("sweep-candidates", options.rerank_candidates),
        list("sweep-backward", options.rerank.backward),
        list("sweep-length", options.rerank.length),
        list("sweep-length-prior", options.rerank.length_prior),
        list("sweep-length-mean", options.rerank.length_log_mean),
        list("sweep-length-slope", options.rerank.length_slope),
        list("sweep-max-sentences", options.rerank.max_sentences),
        list("sweep-sentence-penalty", options.rerank.sentence_penalty),
        list("sweep-repeat-penalty", options.rerank.repeat_penalty),
        list("sweep-recalled", options.rerank.recalled),
        list("sweep-mood", options.rerank.mood),
    };
    const std::vector<News> news = news_of(exchanges);
    std::vector<std::vector<ScoredReply>> candidates;
    if (args.has("load-candidates")) {
        candidates = load_candidates(args.get("load-candidates", ""), exchanges, news);
    } else {
        for (const Exchange& exchange : exchanges) {
            candidates.push_back(translator.reply_candidates(exchange.turns, options));
            if (candidates.size() % 50 == 0) std::cerr << "\rsampled " << candidates.size() << "/" << exchanges.size() << std::flush;
        }
        std::cerr << "\n";
    }
    if (args.has("save-candidates")) save_candidates(args.get("save-candidates", ""), candidates);
    std::vector<std::string> people;
    for (const Exchange& exchange : exchanges) people.push_back(exchange.reply);
    const nlohmann::json human = scores_of(people, people);
    const LengthFit fit = fit_reply_length(training);
    double people_words = 0, people_sentences = 0;
    for (const std::string& reply : people) {
        const ReplyShape shape = reply_shape(reply);
        people_words += shape.words;
        people_sentences += shape.sentences;
    }
    const auto people_count = static_cast<double>(people.size());
    const MoodCounts people_moods = count_moods(news, people);
    std::cout << "people's distinct-1/2: " << fixed(human["distinct1"].get<double>(), 3) << " "
              << fixed(human["distinct2"].get<double>(), 3) << "; words a reply: " << fixed(people_words / people_count, 1)
              << "; sentences a reply: " << fixed(people_sentences / people_count, 2) << "\n"
              << "training replies: ln(1 + words) = " << fixed(fit.a, 3) << " + " << fixed(fit.b, 3)
              << " ln(1 + message words), residual sigma " << fixed(fit.sigma, 3) << "\n"
              << "messages with news: " << people_moods.with_news << "; the people's replies meet it " << people_moods.meets
              << " times, clash with it " << people_moods.clashes << "\n"
              << "| n | λ | γ | η | a | b | N | ρ | κ | ν | τ | BLEU-1 | BLEU-2 | distinct-1 | distinct-2 | words | sentences | recalled | meets | clashes |\n"
              << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& point : grid_points(grids)) {
        const std::size_t n = std::clamp<std::size_t>(static_cast<std::size_t>(point[0]), 1,
                                                      static_cast<std::size_t>(options.rerank_candidates));
        DecodeOptions o = options;
        o.rerank.backward = static_cast<float>(point[1]);
        o.rerank.length = static_cast<float>(point[2]);
        o.rerank.length_prior = static_cast<float>(point[3]);
        o.rerank.length_log_mean = static_cast<float>(point[4]);
        o.rerank.length_slope = static_cast<float>(point[5]);
        o.rerank.max_sentences = static_cast<int>(point[6]);
        o.rerank.sentence_penalty = static_cast<float>(point[7]);
        o.rerank.repeat_penalty = static_cast<float>(point[8]);
        o.rerank.recalled = static_cast<float>(point[9]);
        o.rerank.mood = static_cast<float>(point[10]);
        const RerankWeights weights = o.rerank;
        std::vector<std::string> kept;
        std::size_t words = 0, sentences = 0, recalled = 0;
        for (const auto& these : candidates) {
            // The first n samples, and every recalled reply.
            std::vector<RerankScores> scores;
            std::vector<std::size_t> which;
            for (std::size_t i = 0; i < these.size(); ++i) {
                if (i >= n && !these[i].scores.recalled) continue;
                scores.push_back(these[i].scores);
                which.push_back(i);
            }
            const ScoredReply& best = these[which[best_candidate(scores, weights)]];
            kept.push_back(best.result.best().text);
            words += static_cast<std::size_t>(best.scores.words);
            sentences += static_cast<std::size_t>(best.scores.sentences);
            recalled += best.scores.recalled ? 1 : 0;
        }
        const nlohmann::json s = scores_of(kept, people);
        const MoodCounts moods = count_moods(news, kept);
        const double count = static_cast<double>(kept.size());
        std::cout << "| " << n;
        for (std::size_t k = 1; k < point.size(); ++k) std::cout << " | " << point[k];
        std::cout << " | " << fixed(s["bleu1"].get<double>(), 3) << " | " << fixed(s["bleu2"].get<double>(), 3) << " | "
                  << fixed(s["distinct1"].get<double>(), 3) << " | " << fixed(s["distinct2"].get<double>(), 3) << " | "
                  << fixed(static_cast<double>(words) / count, 1) << " | " << fixed(static_cast<double>(sentences) / count, 2)
                  << " | " << recalled << " | " << moods.meets << " | " << moods.clashes << " |" << std::endl;
    }
    return 0;
}

}  // namespace

int run_chat_eval(const Words& words) {
    for (const std::string& word : words) {
        if (word == "--help" || word == "-h") {
            std::cout << kChatEvalHelp;
            return 0;
        }
    }
    const Args args(words,
                    decode_value_options({"m", "model", "dialogues", "train-dialogues", "split", "contexts",
                                          "baseline-seed", "output", "threads", "precision",
                                          "sweep-backward", "sweep-length", "sweep-candidates",
                                          "sweep-length-prior", "sweep-length-mean", "sweep-length-slope",
                                          "sweep-max-sentences", "sweep-sentence-penalty", "sweep-repeat-penalty", "sweep-recalled", "sweep-mood",
                                          "save-candidates", "load-candidates"}),
                    decode_flag_options({"json", "sweep"}));
    if (!args.positional().empty()) throw UsageError("unexpected argument '" + args.positional().front() + "'");
    const std::string split = args.get("split", "test");
    if (split != "test" && split != "dev") throw UsageError("--split must be test or dev, got '" + split + "'");
    const bool test_split = split == "test";
    const int count = args.get_int("contexts", test_split ? 1000 : 500);
    if (count < 1) throw UsageError("--contexts must be at least 1");

    const auto held_out = read_dialogue_turns(args.required("dialogues"));
    const std::vector<Exchange> exchanges = held_out_exchanges(held_out, test_split, static_cast<std::size_t>(count));
    if (exchanges.size() < static_cast<std::size_t>(count)) {
        std::cerr << "note: the " << split << " half holds only " << exchanges.size() << " replies\n";
    }
    if (exchanges.empty()) throw InputError("no replies to score in '" + args.get("dialogues", "") + "'");

    // Every reply after a first turn of the training dialogues, for the random baseline.
    const auto training = read_dialogue_turns(args.required("train-dialogues"));
    std::vector<std::string> training_replies;
    for (const auto& turns : training)
        for (std::size_t i = 1; i < turns.size(); ++i) training_replies.push_back(turns[i]);
    if (training_replies.empty()) throw InputError("no replies in '" + args.get("train-dialogues", "") + "'");

    Translator translator(model_argument(args), engine_options_from_args(args));
    const DecodeOptions options = decode_options_from_args(args, translator.default_options());

    if (args.has("sweep")) return sweep(translator, options, exchanges, training, args);

    std::vector<std::string> people, replies, random_replies, constant_replies;
    std::mt19937_64 draws(static_cast<std::uint64_t>(args.get_int("baseline-seed", 1)));
    const bool progress = !args.has("json");
    const auto started = std::chrono::steady_clock::now();
    std::vector<double> two_turn_ms;  // reply latency, for the contexts of two turns
    for (const Exchange& exchange : exchanges) {
        people.push_back(exchange.reply);
        const auto asked = std::chrono::steady_clock::now();
        replies.push_back(translator.reply(exchange.turns, options).best().text);
        if (exchange.turns.size() == 2)
            two_turn_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - asked).count());
        random_replies.push_back(training_replies[uniform_below(draws(), training_replies.size())]);
        constant_replies.emplace_back("I don't know.");
        if (progress && (replies.size() % 50 == 0 || replies.size() == exchanges.size()))
            std::cerr << "\ranswered " << replies.size() << "/" << exchanges.size() << std::flush;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress) std::cerr << "\n";

    if (args.has("output")) {
        std::ofstream out(args.get("output", ""), std::ios::binary);
        if (!out) throw InputError("cannot write '" + args.get("output", "") + "'");
        for (std::size_t i = 0; i < exchanges.size(); ++i) {
            std::string context;
            for (const std::string& turn : exchanges[i].turns) context += (context.empty() ? "" : " __eou__ ") + turn;
            out << context << '\t' << people[i] << '\t' << replies[i] << '\n';
        }
    }

    const std::vector<News> news = news_of(exchanges);
    const auto mood_json = [&](const std::vector<std::string>& these) {
        const MoodCounts counts = count_moods(news, these);
        return nlohmann::json{{"messages_with_news", counts.with_news}, {"meets", counts.meets}, {"clashes", counts.clashes}};
    };
    const nlohmann::json result = {
        {"model", model_argument(args)},
        {"mood", mood_json(replies)},
        {"people_mood", mood_json(people)},
        {"split", split},
        {"contexts", exchanges.size()},
        {"replies", scores_of(replies, people)},
        {"random_training_reply", scores_of(random_replies, people)},
        {"constant_reply", scores_of(constant_replies, people)},
        {"people", scores_of(people, people)},
        {"seconds", seconds},
        {"ms_per_reply", 1000.0 * seconds / static_cast<double>(exchanges.size())},
        {"two_turn_ms_median", percentile(two_turn_ms, 0.5)},
        {"two_turn_ms_p90", percentile(two_turn_ms, 0.9)},
    };
    if (args.has("json")) {
        std::cout << result.dump(2) << "\n";
        return 0;
    }
    std::cout << "| replies (" << exchanges.size() << " " << split << " contexts) | BLEU-1 | BLEU-2 | distinct-1 | distinct-2 |\n"
              << "|---|---|---|---|---|\n"
              << table_row(translator.config().name, result["replies"], true, true)
              << table_row("a random training reply", result["random_training_reply"], true, true)
              << table_row("\"I don't know.\"", result["constant_reply"], true, false)
              << table_row("the people's own replies", result["people"], false, true)
              << "a reply to two turns: median " << fixed(result["two_turn_ms_median"].get<double>(), 1)
              << " ms, 90th percentile " << fixed(result["two_turn_ms_p90"].get<double>(), 1) << " ms (reranking "
              << (translator.has_reranker() && options.rerank_candidates > 1 ? std::to_string(options.rerank_candidates) + " candidates" : std::string("off"))
              << ", " << translator.precision() << ", " << translator.threads() << " thread(s))\n"
              << "messages telling bad or good news: " << result["mood"]["messages_with_news"].get<std::size_t>()
              << "; replies that meet it (sympathy, cheer): " << result["mood"]["meets"].get<std::size_t>()
              << ", that clash with it: " << result["mood"]["clashes"].get<std::size_t>() << " (the people's: "
              << result["people_mood"]["meets"].get<std::size_t>() << ", " << result["people_mood"]["clashes"].get<std::size_t>() << ")\n";
    return 0;
}

}  // namespace attentive::cli
