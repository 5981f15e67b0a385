// Search strategies on a crafted step model, and the Translator's streaming, cancellation and
// bad-input behaviour on a tiny random model.

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/decoding/repeated_words.h"
#include "core/decoding/search.h"
#include "core/errors.h"
#include "core/ops/ops.h"
#include "core/text/utf8.h"
#include "core/translator.h"
#include "support/test_models.h"

using namespace attentive;

namespace {

// Vocabulary: 0 pad, 1 unk, 2 bos, 3 eos, 4 A, 5 B, 6 C. The distribution of the next token
// depends on the previous one: greedy takes A (0.6) then must continue with a flat
// distribution, while B (0.4) ends almost surely: beam search finds B </s>.
class TrapModel : public StepModel {
public:
    explicit TrapModel(int rows) : m_last(rows, 2), m_logits(rows, std::vector<float>(7)) {}
    int rows() const override { return static_cast<int>(m_last.size()); }
    int vocab_size() const override { return 7; }
    int source_length(int) const override { return 2; }
    void step(const std::vector<int>& ids) override {
        ++steps;
        for (int r = 0; r < rows(); ++r) {
            std::map<int, float> p;
            if (ids[r] == 2) p = {{4, 0.6f}, {5, 0.4f}};
            else if (ids[r] == 4) p = {{6, 0.34f}, {3, 0.33f}, {5, 0.33f}};
            else if (ids[r] == 5) p = {{3, 0.99f}, {6, 0.01f}};
            else p = {{3, 0.5f}, {6, 0.5f}};
            for (int v = 0; v < 7; ++v) m_logits[r][v] = p.count(v) ? std::log(p[v]) : -30.0f;
            m_last[r] = ids[r];
        }
    }
    const float* logits(int row) const override { return m_logits[row].data(); }
    const float* attention(int) const override { return m_attention; }
    void select_rows(const std::vector<int>& parents) override {
        auto logits = m_logits;
        for (std::size_t i = 0; i < parents.size(); ++i) m_logits[i] = logits[parents[i]];
    }
    int steps = 0;

private:
    std::vector<int> m_last;
    std::vector<std::vector<float>> m_logits;
    float m_attention[2] = {0.25f, 0.75f};
};

// One row of fixed logits over a vocabulary of `vocab`, with many exact ties and banned
// (-inf) entries: what the top-k of the alternatives must get right whatever its shortcuts.
class FixedLogitsModel : public StepModel {
public:
    // `sharpness` scales the logits: 0.1 is nearly flat, 1 peaked.
    explicit FixedLogitsModel(int vocab, float sharpness = 0.1f) : m_logits(vocab) {
        for (int v = 0; v < vocab; ++v) {
            const int bucket = (v * 7919) % 61;  // 61 distinct values, each shared by many ids
            m_logits[v] = bucket == 13 ? -std::numeric_limits<float>::infinity() : sharpness * bucket;
        }
    }
    explicit FixedLogitsModel(std::vector<float> logits) : m_logits(std::move(logits)) {}
    int rows() const override { return 1; }
    int vocab_size() const override { return static_cast<int>(m_logits.size()); }
    int source_length(int) const override { return 2; }
    void step(const std::vector<int>&) override {}
    const float* logits(int) const override { return m_logits.data(); }
    const float* attention(int) const override { return m_attention; }
    void select_rows(const std::vector<int>&) override {}

private:
    std::vector<float> m_logits;
    float m_attention[2] = {0.5f, 0.5f};
};

// Several rows over a vocabulary of 8,000 whose logits are a hash of the row's previous token:
// enough entries for the search to score its rows on several threads.
class HashedLogitsModel : public StepModel {
public:
    explicit HashedLogitsModel(int rows) : m_logits(rows, std::vector<float>(8000)) {}
    int rows() const override { return static_cast<int>(m_logits.size()); }
    int vocab_size() const override { return 8000; }
    int source_length(int) const override { return 2; }
    void step(const std::vector<int>& ids) override {
        for (int r = 0; r < rows(); ++r)
            for (int v = 0; v < vocab_size(); ++v) {
                const std::uint32_t hash = (static_cast<std::uint32_t>(ids[r]) * 2654435761u) ^ (v * 40503u);
                m_logits[r][v] = static_cast<float>((hash * 2246822519u) >> 20) / 4096.0f * 0.01f - 5.0f;
            }
    }
    const float* logits(int row) const override { return m_logits[row].data(); }
    const float* attention(int) const override { return m_attention; }
    void select_rows(const std::vector<int>&) override {}

private:
    std::vector<std::vector<float>> m_logits;
    float m_attention[2] = {0.5f, 0.5f};
};

// One row of 8,000 logits between -5 and -4.9, and one entry `gap` above them (id 3).
std::vector<float> peaked_logits(float gap) {
    std::vector<float> logits(8000);
    for (int v = 0; v < 8000; ++v) logits[v] = -5.0f + 0.001f * static_cast<float>(v % 97);
    logits[3] = -5.0f + gap;
    return logits;
}

SearchRequest request_for(DecodeStrategy strategy, int beam) {
    SearchRequest request;
    request.sentences = 1;
    request.max_lengths = {10};
    request.banned_ids = {0, 1, 2};
    request.options.strategy = strategy;
    request.options.beam_size = beam;
    request.options.n_best = beam;
    request.options.length_penalty = 0.0f;
    return request;
}

}  // namespace

class TestDecoding : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void beamFindsBetterHypothesisThanGreedy();
    void nBestIsSorted();
    void beamOneEqualsGreedy();
    void noRepeatNgramBansRepeats();
    void forcedPrefixIsKept();
    void contentWordIsNotWrittenTwiceInARow();
    void wordOfSeveralPiecesIsNotWrittenTwiceInARow();
    void pieceKindsOfATokenizer();
    void sourceThatRepeatsAWord();
    void refusedTokensAreSetAside();
    void samplingIsReproducibleWithSeed();
    void cancellationStopsWithinOneStep();
    void streamingDeliversEveryStep();
    void longTextStreamsInWindows();
    void attentionShapeAndCoverage();
    void badInput_data();
    void badInput();
    void alternativesAreSortedProbabilities();
    void alternativesAreTheExactTopK_data();
    void alternativesAreTheExactTopK();
    void rowsScoredOnSeveralThreadsGiveTheSameSearch();
    void probabilitiesStayRightWhenTheBestTokenIsBanned_data();
    void probabilitiesStayRightWhenTheBestTokenIsBanned();
    void samplingStaysInsideTheTruncation_data();
    void samplingStaysInsideTheTruncation();

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_model;
};

void TestDecoding::initTestCase() {
    m_model = std::filesystem::path(m_dir.path().toStdString()) / "tiny";
    testing::write_random_model(m_model, testing::tiny_config(), 11, 1.5f);
}

void TestDecoding::beamFindsBetterHypothesisThanGreedy() {
    TrapModel greedy_model(1);
    auto greedy = run_search(greedy_model, request_for(DecodeStrategy::greedy, 1));
    TrapModel beam_model(3);
    auto beam = run_search(beam_model, request_for(DecodeStrategy::beam, 3));
    QCOMPARE(greedy[0][0].ids.front(), 4);  // greedy commits to A
    QCOMPARE(beam[0][0].ids, std::vector<int>{5});  // beam finds B </s>
    QVERIFY(beam[0][0].ended_with_eos);
    QVERIFY(beam[0][0].log_prob > greedy[0][0].log_prob);
    QVERIFY(std::abs(beam[0][0].log_prob - (std::log(0.4f) + std::log(0.99f))) < 1e-3f);
}

void TestDecoding::nBestIsSorted() {
    TrapModel model(3);
    auto results = run_search(model, request_for(DecodeStrategy::beam, 3));
    QCOMPARE(results[0].size(), std::size_t(3));
    for (std::size_t i = 1; i < results[0].size(); ++i) QVERIFY(results[0][i - 1].score >= results[0][i].score);
}

void TestDecoding::beamOneEqualsGreedy() {
    Translator translator(m_model);
    DecodeOptions greedy;
    greedy.strategy = DecodeStrategy::greedy;
    DecodeOptions beam;
    beam.strategy = DecodeStrategy::beam;
    beam.beam_size = 1;
    const std::vector<std::string> inputs = {"a cat sits on the street.", "the dog runs", "blue"};
    auto g = translator.translate_sentences(inputs, greedy);
    auto b = translator.translate_sentences(inputs, beam);
    for (std::size_t i = 0; i < inputs.size(); ++i) QCOMPARE(b[i].best().target_ids, g[i].best().target_ids);
}

void TestDecoding::noRepeatNgramBansRepeats() {
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    options.no_repeat_ngram_size = 1;  // no token twice
    auto results = translator.translate_sentences({"a big red house with a small green ball"}, options);
    const auto& ids = results[0].best().target_ids;
    QVERIFY(!ids.empty());
    std::set<int> unique(ids.begin(), ids.end());
    QCOMPARE(unique.size(), ids.size());
}

// A model of seven ids whose next choice depends only on the id before: `first(last)` with
// probability 0.6, `second` 0.3, EOS 0.1.
class ScriptedModel : public StepModel {
public:
    ScriptedModel(int rows, std::function<int(int)> first, int second)
        : m_last(rows, 2), m_first(std::move(first)), m_second(second) {}
    int rows() const override { return static_cast<int>(m_last.size()); }
    int vocab_size() const override { return 7; }
    int source_length(int) const override { return 2; }
    void step(const std::vector<int>& ids) override { m_last = ids; }
    const float* logits(int row) const override {
        m_logits.assign(7, -30.0f);
        m_logits[m_first(m_last[row])] = std::log(0.6f);
        m_logits[m_second] = std::log(0.3f);
        m_logits[3] = std::log(0.1f);
        return m_logits.data();
    }
    const float* attention(int) const override { return m_attention; }
    void select_rows(const std::vector<int>& parents) override {
        std::vector<int> last;
        for (int parent : parents) last.push_back(m_last[parent]);
        m_last = last;
    }

private:
    std::vector<int> m_last;
    std::function<int(int)> m_first;
    int m_second;
    mutable std::vector<float> m_logits;
    float m_attention[2] = {0.5f, 0.5f};
};

// Stuck on one word (4, then 5): "bitte bitte bitte".
ScriptedModel stuck_model(int rows) { return ScriptedModel(rows, [](int) { return 4; }, 5); }
// Writing "▁wait ing" over and over: 5 after 4, else 4; 6 second.
ScriptedModel looping_model(int rows) { return ScriptedModel(rows, [](int last) { return last == 4 ? 5 : 4; }, 6); }

// Two sentences of `length` tokens each, greedy or a beam of 2, the best hypothesis only.
SearchRequest two_sentences(DecodeStrategy strategy, int length) {
    SearchRequest request = request_for(strategy, strategy == DecodeStrategy::beam ? 2 : 1);
    request.sentences = 2;
    request.max_lengths = {length, length};
    request.options.n_best = 1;
    return request;
}

void TestDecoding::contentWordIsNotWrittenTwiceInARow() {
    for (const DecodeStrategy strategy : {DecodeStrategy::greedy, DecodeStrategy::beam}) {
        SearchRequest request = two_sentences(strategy, 4);
        ScriptedModel stuck = stuck_model(search_rows(request));
        QCOMPARE(run_search(stuck, request)[0][0].ids, (std::vector<int>{4, 4, 4, 4}));

        request.piece_kinds.assign(7, PieceKind::other);
        request.piece_kinds[4] = PieceKind::content_word;
        request.repeats_allowed = {0, 1};  // the second source repeats a word
        ScriptedModel banned = stuck_model(search_rows(request));
        const auto found = run_search(banned, request);
        QCOMPARE(found[0][0].ids, (std::vector<int>{4, 5, 4, 5}));
        QCOMPARE(found[1][0].ids, (std::vector<int>{4, 4, 4, 4}));

        // A forced prefix is written as it is, repeats included; the rule applies after it.
        request.options.target_prefix = {4, 4};
        ScriptedModel forced = stuck_model(search_rows(request));
        QCOMPARE(run_search(forced, request)[0][0].ids, (std::vector<int>{4, 4, 5, 4}));
    }
}

// "A rickshaw driver waiting waiting": a word of several pieces may not be written again right
// after itself, whether or not its first piece is a content word alone.
void TestDecoding::wordOfSeveralPiecesIsNotWrittenTwiceInARow() {
    for (const DecodeStrategy strategy : {DecodeStrategy::greedy, DecodeStrategy::beam}) {
        SearchRequest request = two_sentences(strategy, 6);
        ScriptedModel free = looping_model(search_rows(request));
        QCOMPARE(run_search(free, request)[0][0].ids, (std::vector<int>{4, 5, 4, 5, 4, 5}));

        for (const PieceKind first : {PieceKind::word_start, PieceKind::content_word}) {
            request.piece_kinds.assign(7, PieceKind::other);
            request.piece_kinds[4] = first;
            request.piece_kinds[5] = PieceKind::word_continuation;
            request.piece_kinds[6] = PieceKind::word_start;
            request.repeats_allowed = {0, 1};  // the second source repeats a word
            ScriptedModel banned = looping_model(search_rows(request));
            const auto found = run_search(banned, request);
            QCOMPARE(found[0][0].ids, (std::vector<int>{4, 5, 4, 6, 4, 5}));
            QCOMPARE(found[1][0].ids, (std::vector<int>{4, 5, 4, 5, 4, 5}));
        }
    }
}

void TestDecoding::pieceKindsOfATokenizer() {
    const Tokenizer tokenizer(ATTENTIVE_SOURCE_DIR "/tests/data/tiny.spm");
    const std::vector<PieceKind> kinds = target_piece_kinds(tokenizer, "en");
    QCOMPARE(static_cast<int>(kinds.size()), tokenizer.vocab_size());
    const auto kind = [&](const std::string& piece) { return kinds[tokenizer.piece_to_id(piece)]; };
    QCOMPARE(kind("▁street"), PieceKind::content_word);
    QCOMPARE(kind("▁the"), PieceKind::word_start);  // a function word
    QCOMPARE(kind("▁a"), PieceKind::word_start);    // one letter
    QCOMPARE(kind("s"), PieceKind::word_continuation);
    QCOMPARE(kind("."), PieceKind::other);
    QCOMPARE(kind("▁"), PieceKind::other);
    QCOMPARE(kinds[tokenizer.eos_id()], PieceKind::other);
}

void TestDecoding::sourceThatRepeatsAWord() {
    QVERIFY(repeats_a_word("nous nous sommes rencontrés"));
    QVERIFY(repeats_a_word("Sachte, sachte!"));
    QVERIFY(repeats_a_word("Very very good."));
    QVERIFY(!repeats_a_word("Un conducteur de pousse-pousse attend son prochain client."));
    QVERIFY(!repeats_a_word("J'ai vu un arc-en-ciel."));
    QVERIFY(!repeats_a_word(""));
}

// SearchRequest::allows (known words): greedy search takes the best token it allows, sampling
// draws among those, beam search keeps only candidates it allows; when it allows none the
// model's choice stands.
void TestDecoding::refusedTokensAreSetAside() {
    for (const DecodeStrategy strategy : {DecodeStrategy::greedy, DecodeStrategy::sample, DecodeStrategy::beam}) {
        SearchRequest request = two_sentences(strategy, 4);
        request.options.seed = 3;
        request.options.top_p = 0.5f;  // sampling: the nucleus is token 4 alone
        request.allows = [](int, const std::vector<int>&, int token) { return token != 4; };
        ScriptedModel without_four = stuck_model(search_rows(request));
        for (const auto& sentence : run_search(without_four, request))
            QVERIFY(std::find(sentence[0].ids.begin(), sentence[0].ids.end(), 4) == sentence[0].ids.end());

        request.allows = [](int, const std::vector<int>& history, int token) { return token == 3 || !history.empty(); };
        ScriptedModel ends = stuck_model(search_rows(request));
        const auto ended = run_search(ends, request);
        QVERIFY(ended[0][0].ended_with_eos);  // the only token allowed first
        QVERIFY(ended[0][0].ids.empty());

        request.allows = [](int, const std::vector<int>&, int) { return false; };
        ScriptedModel refused = stuck_model(search_rows(request));
        QCOMPARE(run_search(refused, request)[0][0].ids, (std::vector<int>{4, 4, 4, 4}));
    }
}

void TestDecoding::forcedPrefixIsKept() {
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::beam;
    options.target_prefix = {20, 21, 22};
    auto results = translator.translate_sentences({"the man plays"}, options);
    const auto& ids = results[0].best().target_ids;
    QVERIFY(ids.size() >= 3);
    QCOMPARE(std::vector<int>(ids.begin(), ids.begin() + 3), options.target_prefix);
}

void TestDecoding::samplingIsReproducibleWithSeed() {
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::sample;
    options.seed = 1234;
    options.top_k = 10;
    options.top_p = 0.9f;
    options.temperature = 1.2f;
    auto first = translator.translate_sentences({"a child plays with a ball"}, options);
    auto second = translator.translate_sentences({"a child plays with a ball"}, options);
    QCOMPARE(first[0].best().target_ids, second[0].best().target_ids);
}

void TestDecoding::cancellationStopsWithinOneStep() {
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    options.max_length = 200;
    options.max_length_ratio = 50.0f;
    std::atomic<bool> cancel{false};
    int steps_after_cancel = 0;
    RequestHooks hooks;
    hooks.cancel = &cancel;
    hooks.on_step = [&](const StepEvent& event) {
        if (cancel) ++steps_after_cancel;
        if (event.step == 2) cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, translator.translate_sentences({"a b c d e f g"}, options, hooks));
    QVERIFY(steps_after_cancel <= 1);
    // The translator keeps working after a cancelled request.
    QCOMPARE(translator.translate_sentences({"a cat"}, options).size(), std::size_t(1));
}

void TestDecoding::streamingDeliversEveryStep() {
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    std::vector<StepEvent> events;
    RequestHooks hooks;
    hooks.on_step = [&](const StepEvent& e) { events.push_back(e); };
    auto results = translator.translate_sentences({"the woman in a red shirt"}, options, hooks);
    const Hypothesis& best = results[0].best();
    QVERIFY(!events.empty());
    QVERIFY(events.back().end_of_sentence);
    QCOMPARE(events.back().text_so_far, best.text);
    for (const auto& e : events) {
        QVERIFY(is_valid_utf8(e.text_so_far));
        if (!e.attention_row.empty()) QCOMPARE(e.attention_row.size(), results[0].source_pieces.size());
    }
}

// A long list is decoded in windows taken in input order (the first one batch, then four
// batches), sorted by length only within a window, so the start of a text is ready early.
void TestDecoding::longTextStreamsInWindows() {
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    options.max_batch_size = 3;
    const std::vector<std::string> words = {"a", "man", "in", "the", "red", "shirt", "woman", "dog"};
    std::vector<std::string> sentences;
    for (int i = 0; i < 40; ++i) {
        std::string sentence;
        for (int w = 0; w <= (i * 7) % 9; ++w) sentence += (w ? " " : "") + words[(i + w) % words.size()];
        sentences.push_back(sentence);
    }
    std::vector<std::size_t> delivered;
    RequestHooks hooks;
    hooks.on_sentence = [&](std::size_t index, const SentenceResult&) { delivered.push_back(index); };
    const auto results = translator.translate_sentences(sentences, options, hooks);
    QCOMPARE(results.size(), sentences.size());
    QCOMPARE(delivered.size(), sentences.size());
    auto window_of = [](std::size_t index) { return index < 3 ? std::size_t{0} : 1 + (index - 3) / 12; };
    for (std::size_t k = 0; k < 3; ++k) QVERIFY2(delivered[k] < 3, "the first batch is the text's first sentences");
    for (std::size_t k = 1; k < delivered.size(); ++k)
        QVERIFY2(window_of(delivered[k - 1]) <= window_of(delivered[k]), "a window finishes before the next starts");
    for (std::size_t i = 0; i < sentences.size(); ++i) QCOMPARE(results[i].source, sentences[i]);
}

void TestDecoding::attentionShapeAndCoverage() {
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::beam;
    options.n_best = 3;
    auto results = translator.translate_sentences({"a small dog", "the red house is big and blue"}, options);
    for (const auto& sentence : results) {
        QVERIFY(sentence.hypotheses.size() >= 1 && sentence.hypotheses.size() <= 3);
        for (const Hypothesis& h : sentence.hypotheses) {
            QCOMPARE(h.target_pieces.size(), h.target_ids.size());
            QVERIFY(h.attention.size() == h.target_ids.size() || h.attention.size() == h.target_ids.size() + 1);
            for (const auto& row : h.attention) {
                QCOMPARE(row.size(), sentence.source_pieces.size());
                float sum = 0.0f;
                for (float w : row) sum += w;
                QVERIFY(std::abs(sum - 1.0f) < 1e-4f);
            }
        }
        float total = 0.0f;
        for (float c : sentence.coverage) total += c;
        QVERIFY(std::abs(total - static_cast<float>(sentence.best().target_ids.size())) < 1e-3f);
    }
}

void TestDecoding::badInput_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("sentences");
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("whitespace") << QByteArray(" \n\t \n") << 0;
    QTest::newRow("invalid utf-8") << QByteArray("a cat \xff\xfe sits.") << 1;
    QTest::newRow("truncated utf-8") << QByteArray("the dog \xe2\x82") << 1;
    QTest::newRow("100k characters") << QByteArray(100000, 'a') << -1;
}

// Bad input gets a defined result, never a crash or a hang.
void TestDecoding::badInput() {
    QFETCH(QByteArray, input);
    QFETCH(int, sentences);
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    options.max_length = 8;
    auto result = translator.translate(std::string_view(input.constData(), input.size()), options);
    if (sentences >= 0) QCOMPARE(static_cast<int>(result.sentences.size()), sentences);
    else QVERIFY(result.sentences.size() > 1);  // split, never truncated
    QVERIFY(is_valid_utf8(result.text));
}

void TestDecoding::alternativesAreSortedProbabilities() {
    Translator translator(m_model);
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    options.alternatives = 5;
    auto results = translator.translate_sentences({"a man in a blue shirt"}, options);
    const Hypothesis& best = results[0].best();
    QVERIFY(!best.alternatives.empty());
    for (std::size_t t = 0; t < best.target_ids.size(); ++t) {
        const auto& alts = best.alternatives[t];
        QVERIFY(!alts.empty() && alts.size() <= 5);
        QCOMPARE(alts.front().id, best.target_ids[t]);  // greedy picks the most probable
        for (std::size_t i = 1; i < alts.size(); ++i) QVERIFY(alts[i - 1].probability >= alts[i].probability);
    }
}

void TestDecoding::alternativesAreTheExactTopK_data() {
    QTest::addColumn<int>("vocab");
    QTest::addColumn<int>("k");
    QTest::newRow("vocab 5, k 8 (more than there is)") << 5 << 8;
    QTest::newRow("vocab 600, k 1") << 600 << 1;
    QTest::newRow("vocab 8000, k 10") << 8000 << 10;
    QTest::newRow("vocab 8001, k 37") << 8001 << 37;
    QTest::newRow("vocab 8000, k 50") << 8000 << 50;
    QTest::newRow("vocab 100, k 40") << 100 << 40;
}

// The alternatives at a step are the k largest probabilities, ties broken towards the lower id,
// banned entries never included: against a full sort of the same logits.
void TestDecoding::alternativesAreTheExactTopK() {
    QFETCH(int, vocab);
    QFETCH(int, k);
    FixedLogitsModel model(vocab);
    SearchRequest request = request_for(DecodeStrategy::greedy, 1);
    request.banned_ids = {};
    request.max_lengths = {1};
    request.eos_id = -1;
    request.options.alternatives = k;
    const auto results = run_search(model, request);
    const auto& alternatives = results[0][0].alternatives.at(0);
    std::vector<int> ids(vocab);
    for (int v = 0; v < vocab; ++v) ids[v] = v;
    const float* logits = model.logits(0);
    std::stable_sort(ids.begin(), ids.end(), [&](int a, int b) { return logits[a] > logits[b]; });
    int finite = 0;
    for (int v = 0; v < vocab; ++v) finite += std::isfinite(logits[v]) ? 1 : 0;
    QCOMPARE(static_cast<int>(alternatives.size()), std::min(k, finite));
    for (std::size_t i = 0; i < alternatives.size(); ++i) QCOMPARE(alternatives[i].id, ids[i]);
}

void TestDecoding::probabilitiesStayRightWhenTheBestTokenIsBanned_data() {
    QTest::addColumn<float>("gap");
    QTest::newRow("30 above the rest") << 30.0f;
    QTest::newRow("120 above the rest (far past exp's range)") << 120.0f;
}

// A row is normalised against its raw maximum, which a ban may leave far above every entry
// still allowed: the probabilities must be those of a softmax over the allowed entries alone.
void TestDecoding::probabilitiesStayRightWhenTheBestTokenIsBanned() {
    QFETCH(float, gap);
    FixedLogitsModel model(peaked_logits(gap));
    SearchRequest request = request_for(DecodeStrategy::greedy, 1);
    request.banned_ids = {3};
    request.max_lengths = {1};
    request.eos_id = -1;
    request.options.alternatives = 3;
    const auto results = run_search(model, request);
    const auto& alternatives = results[0][0].alternatives.at(0);
    double sum = 0.0;
    for (int v = 0; v < 8000; ++v)
        if (v != 3) sum += std::exp(static_cast<double>(model.logits(0)[v]));
    QCOMPARE(alternatives.size(), std::size_t(3));
    for (const TokenChoice& choice : alternatives) {
        QVERIFY(choice.id != 3);
        const double expected = std::exp(static_cast<double>(model.logits(0)[choice.id])) / sum;
        QVERIFY2(std::abs(choice.probability - expected) <= 1e-4 * expected,
                 qPrintable(QString("id %1: %2, expected %3").arg(choice.id).arg(choice.probability).arg(expected)));
    }
}

// Beam search scores its rows in parallel when they are large enough: the hypotheses, scores
// and alternatives must not depend on how many threads did it.
void TestDecoding::rowsScoredOnSeveralThreadsGiveTheSameSearch() {
    SearchRequest request = request_for(DecodeStrategy::beam, 5);
    request.max_lengths = {12};
    request.options.alternatives = 3;
    std::vector<std::vector<std::vector<SearchResult>>> runs;
    for (int threads : {1, 2}) {
        ops::set_threads(threads);
        HashedLogitsModel model(5);
        runs.push_back(run_search(model, request));
    }
    ops::set_threads(0);
    QCOMPARE(runs[0][0].size(), std::size_t(5));
    QCOMPARE(runs[1][0].size(), runs[0][0].size());
    for (std::size_t i = 0; i < runs[0][0].size(); ++i) {
        const SearchResult& one = runs[0][0][i];
        const SearchResult& two = runs[1][0][i];
        QCOMPARE(two.ids, one.ids);
        QCOMPARE(two.score, one.score);
        QCOMPARE(two.alternatives.size(), one.alternatives.size());
        for (std::size_t t = 0; t < one.alternatives.size(); ++t)
            for (std::size_t a = 0; a < one.alternatives[t].size(); ++a)
                QCOMPARE(two.alternatives[t][a].id, one.alternatives[t][a].id);
    }
    QVERIFY(runs[0][0][0].ids.size() >= 2);  // a real search happened
}

void TestDecoding::samplingStaysInsideTheTruncation_data() {
    QTest::addColumn<float>("sharpness");
    QTest::addColumn<int>("topK");
    QTest::addColumn<float>("topP");
    QTest::newRow("peaked, nucleus 0.9 (within the first 64)") << 1.0f << 0 << 0.9f;
    QTest::newRow("flat, nucleus 0.5 (thousands wide)") << 0.1f << 0 << 0.5f;
    QTest::newRow("flat, top-k 100 then nucleus 0.8") << 0.1f << 100 << 0.8f;
    QTest::newRow("flat, top-k 7") << 0.1f << 7 << 1.0f;
}

// Every sampled token lies in the set the truncations keep, computed here by ordering the whole
// vocabulary (value descending, ties to the higher id) and cutting it as the options say; the
// samples spread over more than one token, and over the whole of a wide nucleus.
void TestDecoding::samplingStaysInsideTheTruncation() {
    QFETCH(float, sharpness);
    QFETCH(int, topK);
    QFETCH(float, topP);
    const int vocab = 8000;
    FixedLogitsModel model(vocab, sharpness);
    std::vector<float> log_probs(model.logits(0), model.logits(0) + vocab);
    attentive::ops::log_softmax(1, vocab, log_probs.data(), log_probs.data());
    std::vector<std::pair<float, int>> ordered;
    for (int v = 0; v < vocab; ++v)
        if (std::isfinite(log_probs[v])) ordered.emplace_back(log_probs[v], v);
    std::sort(ordered.begin(), ordered.end(), std::greater<>());
    if (topK > 0) ordered.resize(topK);
    double total = 0.0;
    for (const auto& [lp, id] : ordered) total += std::exp(static_cast<double>(lp));
    std::set<int> allowed;
    double cumulative = 0.0;
    for (const auto& [lp, id] : ordered) {
        allowed.insert(id);
        cumulative += std::exp(static_cast<double>(lp)) / total;
        if (topP < 1.0f && cumulative >= topP) break;
    }
    std::map<int, int> rank;
    for (std::size_t i = 0; i < ordered.size(); ++i) rank[ordered[i].second] = static_cast<int>(i);
    std::set<int> seen;
    int deepest = 0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        SearchRequest request = request_for(DecodeStrategy::sample, 1);
        request.banned_ids = {};
        request.max_lengths = {1};
        request.eos_id = -1;
        request.options.seed = seed;
        request.options.top_k = topK;
        request.options.top_p = topP;
        const auto results = run_search(model, request);
        const int id = results[0][0].ids.at(0);
        QVERIFY2(allowed.count(id), qPrintable(QString("seed %1 sampled %2, outside the %3 kept").arg(seed).arg(id).arg(allowed.size())));
        seen.insert(id);
        deepest = std::max(deepest, rank[id]);
    }
    QVERIFY(seen.size() > 1);
    // A wide nucleus is sampled across its whole width, not only its most probable entries.
    if (allowed.size() > 256) QVERIFY2(deepest >= 128, qPrintable(QString("deepest rank %1").arg(deepest)));
}

QTEST_GUILESS_MAIN(TestDecoding)
#include "test_decoding.moc"
