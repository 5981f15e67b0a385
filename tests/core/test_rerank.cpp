// Maximum mutual information reranking: the combined score and the choice on hand-made scores,
// and, on tiny random models, a chat model that names a backward reranker: reply() keeps the
// candidate with the best combined score, with that candidate's attention (also as streamed),
// deterministically for a seed; the backward scores are the reranker's forced decoding.

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <set>
#include <limits>

#include "core/decoding/rerank.h"
#include "core/errors.h"
#include "core/metrics/dialogue.h"
#include "core/text/tokenizer.h"
#include "core/translator.h"
#include "support/reference_model.h"
#include "support/test_models.h"

using namespace attentive;
using namespace attentive::testing;

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// A chat model in `dir` naming a backward model in `dir`/backward (tiny random weights).
void write_chat_with_reranker(const std::filesystem::path& dir) {
    ModelConfig backward = tiny_config();
    backward.task = Task::chat;
    backward.chat_context_turns = 1;
    backward.predicts_context = true;
    write_random_model(dir / "backward", backward, 11);
    ModelConfig forward = tiny_config();
    forward.task = Task::chat;
    forward.reranker = "backward";
    write_random_model(dir, forward, 5);
}

DecodeOptions sampling(int candidates, std::uint64_t seed) {
    DecodeOptions o;
    o.strategy = DecodeStrategy::sample;
    o.temperature = 1.5f;  // a random tiny model's replies differ more
    o.max_length = 8;
    o.seed = seed;
    o.rerank_candidates = candidates;
    o.rerank.backward = 0.7f;
    o.rerank.length = 0.05f;
    return o;
}

const std::vector<std::string> kTurns = {"hello there", "how are you"};

// The recalled replies among the candidates for each of `messages`, from a chat model whose
// reply memory is `memory` (replies.tsv lines), with room for one recalled reply a message.
std::vector<std::set<std::string>> recalled_for(const std::string& memory, const std::vector<std::string>& messages) {
    QTemporaryDir dir;
    const std::filesystem::path model_dir = dir.path().toStdString();
    write_chat_with_reranker(model_dir);
    std::ofstream(model_dir / "replies.tsv") << memory;
    Translator translator(model_dir, {1, "f32"});
    DecodeOptions options = sampling(2, 7);
    options.recalled_replies = 1;
    options.max_length = 40;
    std::vector<std::set<std::string>> recalled(messages.size());
    for (std::size_t i = 0; i < messages.size(); ++i)
        for (const ScoredReply& c : translator.reply_candidates({messages[i]}, options))
            if (c.scores.recalled) recalled[i].insert(c.result.best().text);
    return recalled;
}

}  // namespace

class TestRerank : public QObject {
    Q_OBJECT
private slots:
    void combinedScore() {
        const RerankScores scores{-1.5f, -2.0f, 4};
        QCOMPARE(rerank_score(scores, {0.5f, 0.1f}), -1.5f - 1.0f + 0.4f);
        QCOMPARE(rerank_score(scores, {0.0f, 0.0f}), -1.5f);
        // A weight of 0 ignores a backward score that could not be computed.
        QCOMPARE(rerank_score({-1.0f, kNegInf, 2}, {0.0f, 0.0f}), -1.0f);
    }

    // A recalled reply gains ν times the similarity of the message it answered; a sampled one
    // nothing, whatever its similarity field says.
    void recalledRepliesGainBySimilarity() {
        RerankWeights weights{0.0f, 0.0f};
        weights.recalled = 10.0f;
        RerankScores recalled{-2.0f, 0.0f, 4};
        recalled.recalled = true;
        recalled.similarity = 0.5f;
        QCOMPARE(rerank_score(recalled, weights), -2.0f + 5.0f);
        RerankScores sampled = recalled;
        sampled.recalled = false;
        QCOMPARE(rerank_score(sampled, weights), -2.0f);
        QCOMPARE(best_candidate({sampled, recalled}, weights), std::size_t{1});
        weights.recalled = 0.0f;
        QCOMPARE(best_candidate({sampled, recalled}, weights), std::size_t{0});
    }

    // τ rewards a recalled reply that meets the message's news and penalises any reply that
    // clashes with it; a sampled reply that meets it earns nothing.
    void moodAgreementWeighs() {
        RerankWeights weights{0.0f, 0.0f};
        weights.mood = 3.0f;
        RerankScores meets{-2.0f, 0.0f, 4};
        meets.mood = 1;
        meets.recalled = true;
        RerankScores clashes{-1.0f, 0.0f, 4};
        clashes.mood = -1;
        RerankScores sampled_meets = meets;
        sampled_meets.recalled = false;
        QCOMPARE(rerank_score(meets, weights), -2.0f + 3.0f);
        QCOMPARE(rerank_score(sampled_meets, weights), -2.0f);
        QCOMPARE(rerank_score(clashes, weights), -1.0f - 3.0f);
        QCOMPARE(best_candidate({clashes, meets}, weights), std::size_t{1});
        weights.mood = 0.0f;
        QCOMPARE(best_candidate({clashes, meets}, weights), std::size_t{0});
    }

    void lengthPriorAndRamblingPenalties() {
        RerankScores scores{-1.0f, -2.0f, 10};
        scores.words = 11;          // ln 12
        scores.message_words = 3;   // ln 4
        scores.sentences = 4;
        scores.repeated_words = 2;
        RerankWeights weights{0.5f, 0.0f};
        weights.length_prior = 2.0f;
        weights.length_log_mean = 1.0f;
        weights.length_slope = 0.5f;
        const float off = std::log(12.0f) - (1.0f + 0.5f * std::log(4.0f));
        QVERIFY(std::abs(rerank_score(scores, weights) - (-2.0f - 2.0f * off * off)) < 1e-5f);
        // A recalled reply pays the prior in proportion to how unlike its message is (ν = 0).
        RerankScores recalled = scores;
        recalled.recalled = true;
        recalled.similarity = 0.75f;
        QVERIFY(std::abs(rerank_score(recalled, weights) - (-2.0f - 0.25f * 2.0f * off * off)) < 1e-5f);
        recalled.similarity = 1.0f;
        QVERIFY(std::abs(rerank_score(recalled, weights) - -2.0f) < 1e-5f);
        // A reply at the target length loses nothing to the prior.
        scores.words = 3;  // ln 4, and the mean 0.5 ln 4 + 0.5 ln 4 = ln 4
        weights.length_log_mean = std::log(4.0f) * 0.5f;
        QVERIFY(std::abs(rerank_score(scores, weights) - -2.0f) < 1e-5f);
        weights.max_sentences = 2;
        weights.sentence_penalty = 0.25f;  // 2 sentences too many
        weights.repeat_penalty = 0.1f;     // 2 words said again
        QVERIFY(std::abs(rerank_score(scores, weights) - (-2.0f - 0.5f - 0.2f)) < 1e-5f);
        weights.max_sentences = 0;  // no limit
        QVERIFY(std::abs(rerank_score(scores, weights) - (-2.0f - 0.2f)) < 1e-5f);
    }

    void bestCandidate_data() {
        QTest::addColumn<float>("lambda");
        QTest::addColumn<float>("gamma");
        QTest::addColumn<int>("expected");
        // Candidates: forward -1 / backward -5 / 2 pieces; -2 / -1 / 3; -3 / -1 / 9.
        QTest::newRow("forward only") << 0.0f << 0.0f << 0;
        QTest::newRow("backward decides") << 1.0f << 0.0f << 1;   // -6, -3, -4
        QTest::newRow("length decides") << 1.0f << 0.5f << 2;     // -5, -1.5, +0.5
        QTest::newRow("tie keeps the first") << 0.25f << 0.0f << 0;  // -2.25, -2.25, -3.25
    }
    void bestCandidate() {
        QFETCH(float, lambda);
        QFETCH(float, gamma);
        QFETCH(int, expected);
        const std::vector<RerankScores> candidates = {{-1.0f, -5.0f, 2}, {-2.0f, -1.0f, 3}, {-3.0f, -1.0f, 9}};
        QCOMPARE(best_candidate(candidates, {lambda, gamma}), static_cast<std::size_t>(expected));
    }

    void unscorableCandidateLosesAndEmptyListThrows() {
        QCOMPARE(best_candidate({{-1.0f, kNegInf, 0}, {-9.0f, -9.0f, 1}}, {0.5f, 0.0f}), std::size_t{1});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, best_candidate({}, {}));
    }

    void replyKeepsTheBestCandidateWithItsAttention() {
        QTemporaryDir dir;
        const std::filesystem::path model_dir = dir.path().toStdString();
        write_chat_with_reranker(model_dir);
        Translator translator(model_dir, {1, "f32"});
        QVERIFY(translator.has_reranker());
        const DecodeOptions options = sampling(6, 42);

        const std::vector<ScoredReply> candidates = translator.reply_candidates(kTurns, options);
        QCOMPARE(candidates.size(), std::size_t{6});
        std::vector<RerankScores> scores;
        std::size_t best = 0;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            scores.push_back(candidates[i].scores);
            QVERIFY(std::isfinite(candidates[i].scores.forward));
            // The shape the length prior and the rambling penalties read.
            const ReplyShape shape = reply_shape(candidates[i].result.best().text);
            QCOMPARE(candidates[i].scores.words, shape.words);
            QCOMPARE(candidates[i].scores.sentences, shape.sentences);
            QCOMPARE(candidates[i].scores.repeated_words, shape.repeated_words);
            QCOMPARE(candidates[i].scores.message_words, 3);  // "how are you"
            if (rerank_score(scores[i], {0.7f, 0.05f}) > rerank_score(scores[best], {0.7f, 0.05f})) best = i;
        }
        // The samples differ, so the choice matters.
        bool differ = false;
        for (const ScoredReply& c : candidates) differ = differ || c.result.best().text != candidates[0].result.best().text;
        QVERIFY(differ);

        std::vector<std::vector<float>> streamed;
        RequestHooks hooks;
        hooks.on_step = [&](const StepEvent& event) { streamed.push_back(event.attention_row); };
        const SentenceResult kept = translator.reply(kTurns, options, hooks);
        const Hypothesis& expected = candidates[best].result.best();
        QCOMPARE(kept.best().text, expected.text);
        QCOMPARE(kept.best().target_ids, expected.target_ids);
        QCOMPARE(kept.best().attention, expected.attention);
        // One streamed step per piece and one for the end, each with the kept reply's attention row.
        QVERIFY(!expected.attention.empty());
        QCOMPARE(streamed.size(), expected.target_ids.size() + 1);
        for (std::size_t t = 0; t < expected.attention.size(); ++t) QCOMPARE(streamed[t], expected.attention[t]);

        // Deterministic for a seed.
        const SentenceResult again = translator.reply(kTurns, options);
        QCOMPARE(again.best().text, kept.best().text);
        QCOMPARE(again.best().attention, kept.best().attention);
    }

    // With replies.tsv beside the model, the replies to the most alike training messages join
    // the samples, each force-decoded by the model (its own scores and attention), and reply()
    // can keep one and stream it as it streams a sample.
    void recalledRepliesJoinTheCandidates() {
        QTemporaryDir dir;
        const std::filesystem::path model_dir = dir.path().toStdString();
        write_chat_with_reranker(model_dir);
        std::ofstream(model_dir / "replies.tsv") << "# test memory\nhow are you\tfine\nhow are you\tnot bad\n"
                                                    "where is it\tover there\n";
        Translator translator(model_dir, {1, "f32"});
        DecodeOptions options = sampling(3, 42);
        options.recalled_replies = 4;
        options.max_length = 40;  // the tiny vocabulary spells words out
        const std::vector<ScoredReply> candidates = translator.reply_candidates(kTurns, options);
        // "where is it" shares no word with "how are you".
        QCOMPARE(candidates.size(), std::size_t{5});
        std::set<std::string> recalled;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            const ScoredReply& c = candidates[i];
            QCOMPARE(c.scores.recalled, i >= 3);
            if (!c.scores.recalled) continue;
            const Hypothesis& h = c.result.best();
            recalled.insert(h.text);
            QCOMPARE(c.scores.similarity, 1.0f);
            QVERIFY(std::isfinite(c.scores.forward) && std::isfinite(c.scores.backward));
            QCOMPARE(h.attention.size(), h.target_ids.size() + 1);  // ended by the forced EOS
        }
        QCOMPARE(recalled, (std::set<std::string>{"Fine", "Not bad"}));

        options.rerank.recalled = 100.0f;
        std::size_t streamed = 0;
        RequestHooks hooks;
        hooks.on_step = [&](const StepEvent&) { ++streamed; };
        const SentenceResult kept = translator.reply(kTurns, options, hooks);
        QVERIFY(recalled.count(kept.best().text) == 1);
        QCOMPARE(streamed, kept.best().target_ids.size() + 1);
        // Regenerate: a reply given before steps aside for the next best; when every candidate
        // was given before, the best of them stays.
        options.avoided_replies = {kept.best().text};
        const std::string other = translator.reply(kTurns, options).best().text;
        QVERIFY(other != kept.best().text);
        QVERIFY(recalled.count(other) == 1);
        options.avoided_replies.clear();
        for (const ScoredReply& c : translator.reply_candidates(kTurns, options))
            options.avoided_replies.push_back(c.result.best().text);
        QCOMPARE(translator.reply(kTurns, options).best().text, kept.best().text);
        options.avoided_replies.clear();

        options.recalled_replies = 0;
        QCOMPARE(translator.reply_candidates(kTurns, options).size(), std::size_t{3});
    }

    // Each candidate carries how it meets the last turn's news, and τ decides between replies
    // recalled for bad news: sympathy over cheer.
    void candidatesMeetTheMessagesNews() {
        QTemporaryDir dir;
        const std::filesystem::path model_dir = dir.path().toStdString();
        write_chat_with_reranker(model_dir);
        std::ofstream(model_dir / "replies.tsv") << "i am sick\twow\ni am sick\toh no\nwhere is it\tover there\n";
        Translator translator(model_dir, {1, "f32"});
        DecodeOptions options = sampling(2, 7);
        options.recalled_replies = 4;
        options.max_length = 40;  // the tiny vocabulary spells words out
        const std::vector<std::string> turns = {"i am sick"};
        std::set<std::pair<std::string, int>> recalled;
        for (const ScoredReply& c : translator.reply_candidates(turns, options))
            if (c.scores.recalled) recalled.insert({c.result.best().text, c.scores.mood});
        QCOMPARE(recalled, (std::set<std::pair<std::string, int>>{{"Wow", -1}, {"Oh no", 1}}));
        options.rerank.mood = 100.0f;
        QCOMPARE(translator.reply(turns, options).best().text, std::string("Oh no"));
    }

    // A message telling news also recalls replies that meet it from further down the ranking:
    // with room for one recalled reply, the most alike message lends "wow", and "oh no" (the
    // reply to a less alike message) joins it; a message without news recalls one.
    void newsRecallsRepliesThatMeetIt() {
        const auto recalled = recalled_for("i am sick today\twow\ni am sick again\toh no\nwhere is the station\tover there\n"
                                           "what time is it\tnine\ndo you like tea\tyes\n",
                                           {"i am sick today", "where is the station"});
        QCOMPARE(recalled[0], (std::set<std::string>{"Wow", "Oh no"}));
        QCOMPARE(recalled[1].size(), std::size_t{1});
    }

    // When no message alike enough told such news, a reply that only meets it comes from a less
    // alike one with the same news ("my dog died today" shares only "today" with "i am sick
    // today"); a message without news gets none.
    void newsFormulaFromALessAlikeMessage() {
        const auto recalled = recalled_for("i am sick today\twow\nmy dog died today\toh no\nwhat is it today\tsunday today\n"
                                           "where is the station\tover there\nwhat time is it\tnine\ndo you like tea\tyes\n",
                                           {"i am sick today", "what is it today"});
        QCOMPARE(recalled[0], (std::set<std::string>{"Wow", "Oh no"}));
        QCOMPARE(recalled[1], (std::set<std::string>{"Sunday today"}));
    }

    // Copies of one source (the candidates' batch) are encoded once and read by every row: each
    // copy decodes exactly as the source alone does, attention and log-probability included.
    void copiesOfOneSourceDecodeAsOne() {
        QTemporaryDir dir;
        const std::filesystem::path model_dir = dir.path().toStdString();
        write_random_model(model_dir, tiny_config(), 3);
        Translator translator(model_dir, {1, "int8"});
        DecodeOptions greedy;
        greedy.strategy = DecodeStrategy::greedy;
        greedy.max_length = 8;
        const SentenceResult alone = translator.translate_sentences({"hello world"}, greedy).front();
        // 12 copies: more rows than the int8 encoder's one-row path takes (up to 8).
        const auto copies = translator.translate_sentences(std::vector<std::string>(12, "hello world"), greedy);
        QCOMPARE(copies.size(), std::size_t{12});
        QVERIFY(!alone.best().target_ids.empty());
        for (const SentenceResult& copy : copies) {
            QCOMPARE(copy.best().target_ids, alone.best().target_ids);
            QCOMPARE(copy.best().attention, alone.best().attention);
            QCOMPARE(copy.best().log_prob, alone.best().log_prob);
        }
    }

    void backwardScoresAreTheRerankersForcedDecoding() {
        QTemporaryDir dir;
        const std::filesystem::path model_dir = dir.path().toStdString();
        write_chat_with_reranker(model_dir);
        Translator translator(model_dir, {1, "f32"});
        Translator backward(model_dir / "backward", {1, "f32"});
        const std::vector<ScoredReply> candidates = translator.reply_candidates(kTurns, sampling(3, 9));
        for (const ScoredReply& c : candidates) {
            const std::string& reply = c.result.best().text;
            std::vector<int> pieces;
            // The backward model reads one turn: the last.
            const float total = backward.score({reply}, {kTurns.back()}, &pieces).front();
            if (reply.empty()) {
                QCOMPARE(c.scores.backward, kNegInf);
                continue;
            }
            QVERIFY(total < 0.0f);
            QVERIFY(std::abs(c.scores.backward - total / static_cast<float>(pieces.front())) < 1e-5f);
        }
    }

    // Forced decoding sums log-softmax(logits)[next piece] over BOS y1..yT and EOS, as the
    // plain-loops reference computes the logits.
    void forcedScoreMatchesTheReference() {
        QTemporaryDir dir;
        const std::filesystem::path model_dir = dir.path().toStdString();
        write_random_model(model_dir, tiny_config(), 3);
        Translator translator(model_dir, {1, "f32"});
        const Tokenizer tokenizer(tiny_tokenizer_path());
        const std::string source = "hello world", target = "how are you";
        const std::vector<int> source_ids = tokenizer.encode(source), target_ids = tokenizer.encode(target);
        std::vector<int> inputs = {translator.config().bos_id};
        inputs.insert(inputs.end(), target_ids.begin(), target_ids.end());
        std::vector<int> expected_ids = target_ids;
        expected_ids.push_back(translator.config().eos_id);
        const ReferenceOutput reference = reference_forward(model_dir, source_ids, inputs);
        double expected = 0.0;
        for (std::size_t t = 0; t < expected_ids.size(); ++t) {
            const auto& row = reference.logits[t];
            double sum = 0.0;
            for (float v : row) sum += std::exp(static_cast<double>(v));
            expected += row[expected_ids[t]] - std::log(sum);
        }
        std::vector<int> pieces;
        const std::vector<float> scores = translator.score({source, ""}, {target, target}, &pieces);
        QVERIFY2(std::abs(scores[0] - expected) < 1e-3, (std::to_string(scores[0]) + " vs " + std::to_string(expected)).c_str());
        QCOMPARE(pieces[0], static_cast<int>(expected_ids.size()));
        QCOMPARE(scores[1], kNegInf);  // an empty source cannot be scored
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, translator.score({source}, {}));
    }

    void rerankerMustBeABackwardModel() {
        QTemporaryDir dir;
        const std::filesystem::path model_dir = dir.path().toStdString();
        ModelConfig other = tiny_config();
        other.task = Task::chat;
        write_random_model(model_dir / "backward", other, 2);
        ModelConfig forward = tiny_config();
        forward.task = Task::chat;
        forward.reranker = "backward";
        write_random_model(model_dir, forward, 5);
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, Translator(model_dir, {1, "f32"}));
    }

    void rerankerIsForForwardChatModels() {
        ModelConfig config = tiny_config();
        config.reranker = "backward";
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, parse_config(config_to_json(config)));
        config.task = Task::chat;
        config.predicts_context = true;
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, parse_config(config_to_json(config)));
        config.reranker = "../elsewhere";
        config.predicts_context = false;
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, parse_config(config_to_json(config)));
    }
};

QTEST_GUILESS_MAIN(TestRerank)
#include "test_rerank.moc"
