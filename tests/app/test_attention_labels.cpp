// The heatmap's labels come from the engine, on dev sentences of every shipped model: each
// sentence's pieces are announced before its first step, every streamed row and every row of
// the result has exactly one weight per announced piece, and every row has one label. Nothing
// in the app pads or trims labels, so this is what keeps them right.

#include <QTest>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/text/utf8.h"
#include "core/translator.h"

using namespace attentive;

namespace {

std::filesystem::path models_dir() { return std::filesystem::path(ATTENTIVE_SOURCE_DIR) / "models"; }
std::filesystem::path data_dir() { return std::filesystem::path(ATTENTIVE_SHARED_DATA_DIR); }

constexpr std::size_t kSentences = 120;

// Column `column` (0: English) of a Tatoeba TSV, or whole lines of another file.
std::vector<std::string> read_side(const std::filesystem::path& path, int column, std::size_t limit) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; lines.size() < limit && std::getline(in, line);) {
        if (column < 0) {
            lines.push_back(line);
            continue;
        }
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        lines.push_back(column == 0 ? line.substr(0, tab) : line.substr(tab + 1));
    }
    return lines;
}

// Checks one request's streamed events against its results; returns the sentences seen.
struct LabelChecker {
    std::map<std::size_t, std::size_t> columns;  // sentence -> announced pieces
    std::size_t steps = 0;
    RequestHooks hooks() {
        RequestHooks hooks;
        hooks.on_sentence_start = [this](const SentenceStart& start) {
            QVERIFY2(!columns.count(start.sentence), "a sentence is announced once");
            QCOMPARE(start.source_pieces.size(), start.source_word_start.size());
            columns[start.sentence] = start.source_pieces.size();
        };
        hooks.on_step = [this](const StepEvent& event) {
            const auto announced = columns.find(event.sentence);
            QVERIFY2(announced != columns.end(), "a sentence's pieces come before its steps");
            if (!event.attention_row.empty()) QCOMPARE(event.attention_row.size(), announced->second);
            QVERIFY(!event.row_label.empty());
            ++steps;
        };
        return hooks;
    }
    void check(std::size_t index, const SentenceResult& result) const {
        const auto announced = columns.find(index);
        if (announced == columns.end()) {
            QVERIFY(result.source_pieces.empty());
            return;
        }
        QCOMPARE(result.source_pieces.size(), announced->second);
        for (const Hypothesis& hypothesis : result.hypotheses) {
            QCOMPARE(hypothesis.attention_row_labels().size(), hypothesis.attention.size());
            for (const auto& row : hypothesis.attention) QCOMPARE(row.size(), announced->second);
        }
    }
};

}  // namespace

class TestAttentionLabels : public QObject {
    Q_OBJECT
private slots:
    void translatorsOnDevSets_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("column");
        QTest::newRow("en-fr tatoeba") << "en-fr" << "tatoeba/en-fr.dev.tsv" << 0;
        QTest::newRow("fr-en tatoeba") << "fr-en" << "tatoeba/en-fr.dev.tsv" << 1;
        QTest::newRow("en-de tatoeba") << "en-de" << "tatoeba/en-de.dev.tsv" << 0;
        QTest::newRow("de-en tatoeba") << "de-en" << "tatoeba/en-de.dev.tsv" << 1;
        QTest::newRow("en-fr multi30k") << "en-fr" << "multi30k/val.en" << -1;
        QTest::newRow("de-en multi30k") << "de-en" << "multi30k/val.de" << -1;
    }

    void translatorsOnDevSets() {
        QFETCH(QString, model);
        QFETCH(QString, file);
        QFETCH(int, column);
        const auto dir = models_dir() / model.toStdString();
        const auto path = data_dir() / file.toStdString();
        if (!std::filesystem::exists(dir) || !std::filesystem::exists(path)) QSKIP("model or dev set missing");
        const std::vector<std::string> sentences = read_side(path, column, kSentences);
        QVERIFY(sentences.size() > 50);
        Translator translator(dir);
        DecodeOptions beam = translator.default_options();
        beam.strategy = DecodeStrategy::beam;
        beam.n_best = 2;
        LabelChecker checker;
        const auto results = translator.translate_sentences(sentences, beam, checker.hooks());
        QCOMPARE(results.size(), sentences.size());
        QVERIFY(checker.steps > sentences.size());
        for (std::size_t i = 0; i < results.size(); ++i) checker.check(i, results[i]);
    }

    void chatOnDialogues() {
        const auto dir = models_dir() / "chat-en";
        const auto path = data_dir() / "dailydialog/dialogues_validation.txt";
        if (!std::filesystem::exists(dir) || !std::filesystem::exists(path)) QSKIP("model or dialogues missing");
        Translator translator(dir);
        const std::vector<std::string> dialogues = read_side(path, -1, kSentences / 2);
        std::size_t replies = 0;
        for (const std::string& dialogue : dialogues) {
            std::vector<std::string> turns;
            for (std::size_t start = 0;;) {
                const std::size_t end = dialogue.find("__eou__", start);
                if (end == std::string::npos) break;
                turns.push_back(dialogue.substr(start, end - start));
                start = end + 7;
            }
            if (turns.size() < 2) continue;
            turns.resize(2);
            LabelChecker checker;
            const SentenceResult result = translator.reply(turns, translator.default_options(), checker.hooks());
            checker.check(0, result);
            ++replies;
        }
        QVERIFY(replies > 20);
    }
};

QTEST_GUILESS_MAIN(TestAttentionLabels)
#include "test_attention_labels.moc"
