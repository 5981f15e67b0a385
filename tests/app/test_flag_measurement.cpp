// The "possibly untranslated" flags on the shipped translators, measured as
// scripts/measure-flags.sh does but on the first 150 Tatoeba dev pairs, on the references and
// on the model's own translations (what the app judges; about 3 s per model): few flags on
// complete sentences, and the dropped word flagged often when one word's translation is removed. The floors sit under what was measured on this sample
// (docs/attention.md has the full figures). The sample's first pairs are short idioms
// ("Prends tes jambes à ton cou !" for "Run for it!"), which is why fr-en flags more here.

#include <QTest>

#include <filesystem>

#include "core/metrics/flag_evaluation.h"
#include "core/training/corpus.h"
#include "core/translator.h"
#include "core/untranslated_words.h"

using namespace attentive;

namespace {
constexpr std::size_t kPairs = 150;
}  // namespace

class TestFlagMeasurement : public QObject {
    Q_OBJECT
private slots:
    void floors_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("pairs");
        QTest::addColumn<bool>("reversed");
        QTest::addColumn<double>("maxFalseFlagsPer20");
        QTest::addColumn<double>("minRecall");
        QTest::addColumn<double>("ownMaxFalseFlagsPer20");
        QTest::addColumn<double>("ownMinRecall");
        // Measured on these 150 pairs (false flags per 20 / recall), on the references and on the
        // model's own translations, with each translator's untranslated_threshold and growth
        // (thirty-ninth session): en-fr 0.80 / 69% and 0.00 / 70%, fr-en 2.67 / 78% and 0.00 / 69%,
        // en-de 0.67 / 87% and 0.00 / 88%, de-en 1.07 / 83% and 0.00 / 86%.
        QTest::newRow("en-fr") << "en-fr" << "en-fr" << false << 1.0 << 0.6 << 0.5 << 0.6;
        QTest::newRow("fr-en") << "fr-en" << "en-fr" << true << 3.0 << 0.72 << 0.5 << 0.6;
        QTest::newRow("en-de") << "en-de" << "en-de" << false << 0.8 << 0.82 << 0.5 << 0.82;
        QTest::newRow("de-en") << "de-en" << "en-de" << true << 1.5 << 0.8 << 0.5 << 0.82;
    }
    void floors() {
        QFETCH(QString, model);
        QFETCH(QString, pairs);
        QFETCH(bool, reversed);
        QFETCH(double, maxFalseFlagsPer20);
        QFETCH(double, minRecall);
        QFETCH(double, ownMaxFalseFlagsPer20);
        QFETCH(double, ownMinRecall);
        const std::filesystem::path tsv =
            std::filesystem::path(ATTENTIVE_SHARED_DATA_DIR) / "tatoeba" / (pairs.toStdString() + ".dev.tsv");
        if (!std::filesystem::exists(tsv)) QSKIP("the Tatoeba dev set is not in ../shared/data");
        CleaningOptions keep_all;
        keep_all.max_chars = 1000000;
        keep_all.check_ratio = false;
        CorpusReport report;
        const auto read = read_tsv(tsv, reversed ? 1 : 0, reversed ? 0 : 1, keep_all, report);
        // As attentive-cli flags reads them: a source given twice is used once.
        std::vector<std::string> sources;
        std::vector<std::string> references;
        for (const SentencePair& pair : read) {
            if (sources.size() == kPairs) break;
            if (!sources.empty() && sources.back() == pair.source) continue;
            sources.push_back(pair.source);
            references.push_back(pair.target);
        }
        EngineOptions engine;
        engine.threads = 1;
        Translator translator(std::filesystem::path(ATTENTIVE_SOURCE_DIR) / "models" / model.toStdString(), engine);
        const FlagRule app_rule = app_flag_rule(translator.config().untranslated_threshold, kUnknownWordLossPerPiece,
                                                translator.config().untranslated_threshold_growth);
        const auto check = [&](const std::vector<std::string>& targets, double max_false, double min_recall) {
            const FlagMeasurement m = measure_flags(translator, sources, targets);
            QCOMPARE(m.sentences(), kPairs);
            QVERIFY(m.trials.size() >= 60);
            qInfo("%s: %.2f false flags per 20, recall %.1f%%", model.toUtf8().constData(),
                  m.false_flags_per_20(app_rule), 100.0 * m.recall(app_rule));
            QVERIFY2(m.false_flags_per_20(app_rule) <= max_false,
                     qPrintable(QString::number(m.false_flags_per_20(app_rule))));
            QVERIFY2(m.recall(app_rule) >= min_recall, qPrintable(QString::number(m.recall(app_rule))));
        };
        check(references, maxFalseFlagsPer20, minRecall);
        if (QTest::currentTestFailed()) return;
        check(own_translations(translator, sources), ownMaxFalseFlagsPer20, ownMinRecall);
    }
};

QTEST_GUILESS_MAIN(TestFlagMeasurement)
#include "test_flag_measurement.moc"
