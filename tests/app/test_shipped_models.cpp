// The shipped models: each loads (the loader validates shapes and finiteness), answers fixed
// inputs with expected words, and keeps its dev-set BLEU above a floor just under its card's
// figure, so an engine regression shows up here.

#include <QTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "core/decoding/rerank.h"
#include "core/decoding/word_list_filter.h"
#include "core/errors.h"
#include "core/metrics/bleu.h"
#include "core/ops/ops.h"
#include "core/text/protected_spans.h"
#include "core/text/utf8.h"
#include "core/translator.h"

using namespace attentive;

namespace {

std::filesystem::path models_dir() { return std::filesystem::path(ATTENTIVE_SOURCE_DIR) / "models"; }
std::filesystem::path data_dir() { return std::filesystem::path(ATTENTIVE_SHARED_DATA_DIR); }

std::vector<std::string> read_lines(const std::filesystem::path& path, std::size_t limit) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; lines.size() < limit && std::getline(in, line);) lines.push_back(line);
    return lines;
}

DecodeOptions greedy() {
    DecodeOptions options;
    options.strategy = DecodeStrategy::greedy;
    return options;
}

}  // namespace

class TestShippedModels : public QObject {
    Q_OBJECT
private slots:
    void translatesFixedInputs_data();
    void translatesFixedInputs();
    void devBleuAboveFloor_data();
    void devBleuAboveFloor();
    void reducedPrecisionAgreesWithF32_data();
    void reducedPrecisionAgreesWithF32();
    void chatAnswers();
    void chatRepliesUseKnownWords();
    void lostGermanNegationIsInserted();
    void garbledOpeningIsReadInLowercase();
    void repeatedPhraseIsSaidOnce();
    void durationTakesThePerfect();
    void lostWeekdayIsPutBetweenWords();
    void mistranslatedWordIsReplaced();
    void reverseModelReranks();
    void rightToLeftModelLoads();
};

void TestShippedModels::translatesFixedInputs_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("expected");  // any of these words
    QTest::newRow("en-fr cat") << "en-fr" << "The cat is sleeping." << QStringList{"chat"};
    QTest::newRow("en-fr man") << "en-fr" << "A man in a blue shirt is climbing a rock wall."
                               << QStringList{"homme"};
    QTest::newRow("en-fr dog") << "en-fr" << "The dog is running in the snow." << QStringList{"chien"};
    QTest::newRow("fr-en cat") << "fr-en" << "Le chat dort." << QStringList{"cat"};
    // The name after an elided "d'" was lost ("It's the book of seam."; protected_spans.h).
    QTest::newRow("fr-en elided name") << "fr-en" << "C'est le livre d'Anna." << QStringList{"Anna"};
    // Read word by word: "I'm calling Tom." (core/text/name_idioms.h).
    QTest::newRow("fr-en name idiom") << "fr-en" << "Je m'appelle Tom." << QStringList{"name"};
    QTest::newRow("en-de cat") << "en-de" << "The cat is sleeping." << QStringList{"Katze"};
    QTest::newRow("de-en dog") << "de-en" << "Der Hund rennt." << QStringList{"dog"};
    // German genitive names: "Annas's birthday party", "Mrs Schmidts Büro" (protected_spans.cpp).
    QTest::newRow("de-en genitive") << "de-en" << "Annas Geburtstagsfeier beginnt um 8 Uhr." << QStringList{"Anna's"};
    QTest::newRow("de-en titled genitive") << "de-en" << "Frau Schmidts Büro ist im zweiten Stock."
                                           << QStringList{"Schmidt's office"};
    QTest::newRow("de-en title, given name, surname") << "de-en" << "Herr Thomas Müller kommt morgen."
                                                      << QStringList{"Thomas Müller"};
    // The model knows "York" from "New York" and wrote "... in New mit meinem Onkel Brian".
    QTest::newRow("en-de part of a longer name") << "en-de" << "We spent a week in York with my uncle Brian."
                                                 << QStringList{"York"};
}

void TestShippedModels::translatesFixedInputs() {
    QFETCH(QString, model);
    QFETCH(QString, input);
    QFETCH(QStringList, expected);
    const auto dir = models_dir() / model.toStdString();
    if (!std::filesystem::exists(dir)) QSKIP("this model is not shipped yet");
    Translator translator(dir);
    DecodeOptions options = translator.default_options();
    const auto result = translator.translate(input.toStdString(), options);
    const QString text = QString::fromStdString(result.text);
    bool found = false;
    for (const QString& word : expected) found = found || text.contains(word, Qt::CaseInsensitive);
    QVERIFY2(found, qPrintable(model + ": '" + input + "' -> '" + text + "'"));
}

void TestShippedModels::devBleuAboveFloor_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<double>("floor");  // greedy BLEU on the first 200 Multi30k val sentences, default precision
    QTest::newRow("en-fr") << "en-fr" << "multi30k/val.en" << "multi30k/val.fr" << 51.0;  // measured: 53.44
    QTest::newRow("fr-en") << "fr-en" << "multi30k/val.fr" << "multi30k/val.en" << 51.0;  // measured: 52.92
    QTest::newRow("de-en") << "de-en" << "multi30k/val.de" << "multi30k/val.en" << 40.0;  // measured: 42.02
    QTest::newRow("en-de") << "en-de" << "multi30k/val.en" << "multi30k/val.de" << 37.0;  // measured: 39.15
}

void TestShippedModels::devBleuAboveFloor() {
    QFETCH(QString, model);
    QFETCH(QString, source);
    QFETCH(QString, reference);
    QFETCH(double, floor);
    const auto dir = models_dir() / model.toStdString();
    if (!std::filesystem::exists(dir)) QSKIP("this model is not shipped yet");
    if (!std::filesystem::exists(data_dir() / source.toStdString()))
        QSKIP("../shared/data is not here: the dev-set BLEU check needs it");
    const auto sources = read_lines(data_dir() / source.toStdString(), 200);
    const auto references = read_lines(data_dir() / reference.toStdString(), 200);
    Translator translator(dir);
    std::vector<std::string> hypotheses;
    for (const auto& result : translator.translate_sentences(sources, greedy())) hypotheses.push_back(result.best().text);
    const double bleu = corpus_bleu(hypotheses, {references}).score;
    qInfo("%s greedy BLEU on 200 dev sentences: %.2f (floor %.1f)", qPrintable(model), bleu, floor);
    QVERIFY(bleu >= floor);
}

void TestShippedModels::reducedPrecisionAgreesWithF32_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("precision");
    QTest::addColumn<double>("floor");  // share of 100 dev sentences whose greedy output equals f32's
    for (const char* precision : {"bf16", "int8"}) {
        const QString p = precision;
        QTest::newRow(qPrintable("en-fr " + p)) << "en-fr" << "multi30k/val.en" << p << 0.8;
        QTest::newRow(qPrintable("fr-en " + p)) << "fr-en" << "multi30k/val.fr" << p << 0.8;
        QTest::newRow(qPrintable("en-de " + p)) << "en-de" << "multi30k/val.en" << p << 0.8;
        QTest::newRow(qPrintable("de-en " + p)) << "de-en" << "multi30k/val.de" << p << 0.8;
    }
}

// Reduced precision may flip near-ties, so whole sentences differ now and then; most must not.
void TestShippedModels::reducedPrecisionAgreesWithF32() {
    QFETCH(QString, model);
    QFETCH(QString, source);
    QFETCH(QString, precision);
    QFETCH(double, floor);
    const auto dir = models_dir() / model.toStdString();
    if (!std::filesystem::exists(dir)) QSKIP("this model is not shipped yet");
    if (!std::filesystem::exists(data_dir() / source.toStdString()))
        QSKIP("../shared/data is not here: the agreement check reads dev sentences from it");
    if (!ops::precision_supported(ops::parse_precision(precision.toStdString())))
        QSKIP("this CPU has no native support for this precision");
    const auto sources = read_lines(data_dir() / source.toStdString(), 100);
    Translator f32(dir, {.threads = 0, .precision = "f32"});
    Translator low(dir, {.threads = 0, .precision = precision.toStdString()});
    const auto want = f32.translate_sentences(sources, greedy());
    const auto got = low.translate_sentences(sources, greedy());
    QCOMPARE(got.size(), want.size());
    int same = 0;
    for (std::size_t i = 0; i < want.size(); ++i) same += got[i].best().target_ids == want[i].best().target_ids;
    const double rate = static_cast<double>(same) / want.size();
    qInfo("%s %s: %d of %zu greedy outputs identical to f32", qPrintable(model), qPrintable(precision), same,
          want.size());
    QVERIFY2(rate >= floor, qPrintable(QString("agreement %1 below floor %2").arg(rate).arg(floor)));
}

void TestShippedModels::chatAnswers() {
    const auto dir = models_dir() / "chat-en";
    if (!std::filesystem::exists(dir)) QSKIP("the chat model is not shipped yet");
    Translator translator(dir);
    QCOMPARE(translator.config().task, Task::chat);
    // It answers by reranking sampled replies with its backward model (models/chat-en/backward).
    QVERIFY(translator.has_reranker());
    DecodeOptions options = translator.default_options();
    QVERIFY(options.rerank_candidates > 1);
    options.seed = 7;
    for (const char* prompt : {"Hi, how are you?", "What do you do for a living?", "I lost my wallet."}) {
        const SentenceResult reply = translator.reply({prompt}, options);
        const std::string& text = reply.best().text;
        QVERIFY2(!text.empty(), prompt);
        QVERIFY(is_valid_utf8(text));
        QVERIFY(reply.best().target_ids.size() <= static_cast<std::size_t>(options.max_length));
    }
    // A question the training dialogues ask is answered with a reply people gave to it or to one
    // much like it (models/chat-en/replies.tsv), not with a sample: "What do you do for a living?"
    // was answered "I'm a little bit of a student, but I don't like to work too much.".
    QVERIFY(options.recalled_replies > 0);
    for (const char* prompt : {"What do you do for a living?", "Can I pay by credit card?", "How old are you?"}) {
        const std::vector<ScoredReply> candidates = translator.reply_candidates({prompt}, options);
        std::vector<RerankScores> scores;
        for (const ScoredReply& c : candidates) scores.push_back(c.scores);
        const ScoredReply& kept = candidates[best_candidate(scores, options.rerank)];
        QVERIFY2(kept.scores.recalled && kept.scores.similarity > 0.5f,
                 qPrintable(QString::fromStdString(std::string(prompt) + " -> " + kept.result.best().text)));
    }
}

// Every word of a reply is one of the training dialogues' (models/chat-en/reply_words.txt) or of
// the message: before the list, 50 of 900 dev replies held a word nobody writes ("Lpistry",
// "largesusation", "a better-aumt price"). A name the person gives may come back.
void TestShippedModels::chatRepliesUseKnownWords() {
    const auto dir = models_dir() / "chat-en";
    if (!std::filesystem::exists(dir / "reply_words.txt")) QSKIP("the chat model has no reply_words.txt");
    Translator translator(dir, {1, ""});
    std::vector<std::string> listed = read_word_list(dir / "reply_words.txt");
    std::sort(listed.begin(), listed.end());
    DecodeOptions options = translator.default_options();
    int replies = 0;
    for (const char* prompt : {"What is your name?", "Can you recommend a good restaurant near here?",
                               "My name is Aisha Okonkwo, nice to meet you.", "What time does the train leave?",
                               "I have a job interview tomorrow and I am nervous.", "Where did you go last summer?"}) {
        const std::vector<std::string> asked = letter_words(prompt);
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            options.seed = seed;
            const std::string text = translator.reply({prompt}, options).best().text;
            ++replies;
            for (const std::string& word : letter_words(text)) {
                const bool known = std::binary_search(listed.begin(), listed.end(), word) ||
                                   std::find(asked.begin(), asked.end(), word) != asked.end();
                QVERIFY2(known, qPrintable(QString::fromStdString("\"" + word + "\" in \"" + text + "\"")));
            }
        }
    }
    QCOMPARE(replies, 24);
}

// de-en wrote "Würde es Ihnen etwas ausmachen, in diesem Zimmer nicht zu rauchen?" as "Would you
// mind smoking in this room?", the opposite; "not" is put in where the model looked at "nicht".
// A translation whose own words negate ("We're out of money" for "kein Geld mehr") is kept.
void TestShippedModels::lostGermanNegationIsInserted() {
    const auto dir = models_dir() / "de-en";
    if (!std::filesystem::exists(dir)) QSKIP("de-en is not shipped");
    Translator translator(dir, {1, ""});
    const DecodeOptions options = translator.default_options();
    const std::string smoking =
        translator.translate("Würde es Ihnen etwas ausmachen, in diesem Zimmer nicht zu rauchen?", options).text;
    QVERIFY2(smoking.find("not smoking") != std::string::npos, smoking.c_str());
    const std::string money = translator.translate("Wir haben kein Geld mehr.", options).text;
    QVERIFY2(money.find("not") == std::string::npos, money.c_str());
}

// A phrase said twice in a row is said once, the model reading the translation again without
// it ("I got fired, I got fired.", "Ich glaube, ich glaube nicht, ..."): 37 dev translations
// held one, 2 do.
void TestShippedModels::repeatedPhraseIsSaidOnce() {
    for (const auto& [model, source, expected] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"fr-en", "En résumé, je me suis fait virer.", "I got fired."},
             {"fr-en", "Il fait très beau aujourd'hui, mais demain il va pleuvoir.",
              "It's very fine today, but tomorrow it will rain."},
             {"en-de", "Personally, I don't think we should be doing this.",
              "Ich glaube nicht, dass wir das tun sollten."}}) {
        const auto dir = models_dir() / model;
        if (!std::filesystem::exists(dir)) QSKIP("fr-en or en-de is not shipped");
        Translator translator(dir, {1, ""});
        const SentenceResult result = translator.translate(source, translator.default_options()).sentences.front();
        QCOMPARE(result.best().text, expected);
        // The model read it: its pieces and attention rows are the translation's own.
        QCOMPARE(result.best().attention.size(), result.best().target_pieces.size() + 1);
    }
    // A word said again after "de", "of", "von" (29 dev translations in all four directions,
    // "A bee of bee can be very painful.") is said once too.
    for (const auto& [model, source, expected] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"fr-en", "Une piqûre d'abeille peut être très douloureuse.", "A bee can be very painful."},
             {"de-en", "Ein Mann sitzt allein beim Fischen an der Küste.", "A man sits alone at the shore."},
             {"en-fr", "The hotel costs 85 euros per night, breakfast included.",
              "L'hôtel coûte 85 euros par la nuit, le petit-déjeuner."}}) {
        const auto dir = models_dir() / model;
        if (!std::filesystem::exists(dir)) QSKIP("a translator is not shipped");
        Translator translator(dir, {1, ""});
        QCOMPARE(translator.translate(source, translator.default_options()).text, expected);
    }
}

// "depuis" with the present is English's present perfect: fr-en wrote "I live in Toronto for
// twelve years." and "I'm here since Saturday." (the latter's perfect only in a beam of 10).
void TestShippedModels::durationTakesThePerfect() {
    const auto dir = models_dir() / "fr-en";
    if (!std::filesystem::exists(dir)) QSKIP("fr-en is not shipped");
    Translator translator(dir, {1, ""});
    for (const auto& [source, expected] : std::vector<std::pair<std::string, std::string>>{
             {"J'habite à Toronto depuis douze ans.", "I have lived in Toronto for twelve years."},
             {"Je suis ici depuis samedi.", "I've been here since Saturday."}})
        QCOMPARE(translator.translate(source, translator.default_options()).text, expected);
}

// fr-en lost the day of "J'arrive vendredi à 18 h à Lyon." ("I arrive at 18:00 in Lyon."), and
// forcing "Friday" in took the time's place ("I arrive at Friday in Lyon."): the day goes in
// between two words of the translation, where the model reads it best, and nothing else goes.
void TestShippedModels::lostWeekdayIsPutBetweenWords() {
    const auto dir = models_dir() / "fr-en";
    if (!std::filesystem::exists(dir)) QSKIP("fr-en is not shipped");
    Translator translator(dir, {1, ""});
    const SentenceResult result =
        translator.translate("J'arrive vendredi à 18 h à Lyon.", translator.default_options()).sentences.front();
    QCOMPARE(result.best().text, std::string("I arrive at 18:00 in Lyon on Friday."));
    QCOMPARE(result.best().attention.size(), result.best().target_pieces.size() + 1);
}

// A word the beam lost to a wrong one ("deux véhicules de pommes de terre", "une maladie
// cataracte") is forced back in where the model looked at it, when the reranker prefers the
// result; a translation that holds every word's usual translation is left alone.
void TestShippedModels::mistranslatedWordIsReplaced() {
    for (const auto& [model, source, expected] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"en-fr", "We need two kilos of potatoes and a bottle of milk.", "deux kilos de pommes de terre"},
             {"en-fr", "A contagious disease descended on the town.", "Une maladie contagieuse"},
             {"fr-en", "Pourquoi a-t-il l'air grincheux ?", "Why does he look cranky?"},
             {"en-fr", "I forgot my umbrella on the bus this morning.",
              "J'ai oublié mon parapluie dans le bus ce matin."}}) {
        const auto dir = models_dir() / model;
        if (!std::filesystem::exists(dir)) QSKIP("en-fr or fr-en is not shipped");
        Translator translator(dir, {1, ""});
        const SentenceResult result = translator.translate(source, translator.default_options()).sentences.front();
        QVERIFY2(result.best().text.find(expected) != std::string::npos, result.best().text.c_str());
        QCOMPARE(result.best().attention.size(), result.best().target_pieces.size() + 1);
    }
    // Alternatives asked for stay: the mended translation, then the beam's own.
    const auto dir = models_dir() / "en-fr";
    Translator translator(dir, {1, ""});
    DecodeOptions options = translator.default_options();
    options.n_best = 3;
    const SentenceResult result =
        translator.translate("We need two kilos of potatoes and a bottle of milk.", options).sentences.front();
    QCOMPARE(int(result.hypotheses.size()), 3);
    QVERIFY(result.best().text.find("deux kilos") != std::string::npos);
    QVERIFY(result.hypotheses[1].text.find("deux kilos") == std::string::npos);
}

// en-fr read "Excellent work!" and "Jump as high as you can." with a capitalised first word it
// knows only in lowercase, and wrote "L'arause a prêté !" and "Jrès aussi haut que vous
// pouvez." (and "On a prêté une question de question !"); en-de wrote "Überschrühliche Arbeit!". Read again in lowercase, with the capital
// put back, they are real words.
void TestShippedModels::garbledOpeningIsReadInLowercase() {
    for (const auto& [model, source, expected] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"en-fr", "Excellent work!", "Excellent travail !"},
             {"en-fr", "Jump as high as you can.", "Saute aussi haut que vous pouvez."},
             {"en-fr", "Excellent question!", "Bien une excellente question !"},
             {"en-de", "Excellent work!", "Großartige Arbeit!"}}) {
        const auto dir = models_dir() / model;
        if (!std::filesystem::exists(dir)) QSKIP("en-fr or en-de is not shipped");
        Translator translator(dir, {1, ""});
        RequestHooks hooks;
        std::vector<std::string> announced;
        hooks.on_sentence_start = [&](const SentenceStart& start) { announced = start.source_pieces; };
        const SentenceResult result =
            translator.translate(source, translator.default_options(), hooks).sentences.front();
        QCOMPARE(result.best().text, expected);
        QVERIFY(is_upper(decode_utf8_at(result.best().target_pieces.front(), 0).code_point));
        // The heatmap's columns stay the pieces of the sentence as written ("Ex", "cel", "lent"),
        // announced before decoding.
        QCOMPARE(result.source_pieces, announced);
        for (const std::vector<float>& row : result.best().attention) QCOMPARE(row.size(), announced.size());
    }
}

// A translator names its reverse model, the sibling folder of the opposite direction: loaded
// beside it, off when that folder is not there, refused when it translates another pair. With
// it, the beam is reranked by how well each hypothesis gives the source back: "C'est la
// vérité." (the beam's first for "This is reality.") loses to "C'est la réalité.". (The
// example of earlier sessions, "votre lettre de votre lettre", is now mended before reranking
// matters: retry_repeated_phrases.)
void TestShippedModels::reverseModelReranks() {
    const auto dir = models_dir() / "en-fr";
    if (!std::filesystem::exists(dir) || !std::filesystem::exists(models_dir() / "fr-en"))
        QSKIP("en-fr and fr-en are not shipped");
    Translator translator(dir, {1, ""});
    QVERIFY(translator.has_reverse_model());
    const std::string source = "This is reality.";
    DecodeOptions options = translator.default_options();
    QVERIFY(options.reverse_weight > 0.0f);
    const std::string reranked = translator.translate(source, options).text;
    options.reverse_weight = 0.0f;
    const std::string beam_first = translator.translate(source, options).text;
    QCOMPARE(beam_first, std::string("C'est la vérité."));
    QCOMPARE(reranked, std::string("C'est la réalité."));

    EngineOptions without;
    without.threads = 1;
    without.load_reranking_models = false;
    QVERIFY(!Translator(dir, without).has_reverse_model());

    const std::filesystem::path scratch = std::filesystem::temp_directory_path() / "attentive-reverse-test";
    std::filesystem::remove_all(scratch);
    std::filesystem::create_directories(scratch);
    std::filesystem::copy(dir, scratch / "en-fr", std::filesystem::copy_options::recursive);
    QVERIFY(!Translator(scratch / "en-fr", {1, ""}).has_reverse_model());  // alone: no reranking
    std::filesystem::copy(models_dir() / "en-de", scratch / "fr-en", std::filesystem::copy_options::recursive);
    QVERIFY_THROWS_EXCEPTION(ModelFormatError, Translator(scratch / "en-fr", {1, ""}));
    std::filesystem::remove_all(scratch);
}

// de-en names a right-to-left model and an ensemble partner in its own folder: loaded with it,
// refused when missing.
void TestShippedModels::rightToLeftModelLoads() {
    const auto dir = models_dir() / "de-en";
    if (!std::filesystem::exists(dir / "right-to-left")) QSKIP("de-en's right-to-left model is not shipped");
    Translator translator(dir, {1, ""});
    QVERIFY(translator.has_right_to_left_model());
    QVERIFY(translator.default_options().right_to_left_weight > 0.0f);
    // And a second model of its direction decodes with it (config "ensemble_model").
    QVERIFY(translator.has_ensemble_model());
    QVERIFY(translator.default_options().ensemble_weight > 0.0f);
    const std::string text = translator.translate("Ein Mann schläft auf einem Sofa.", translator.default_options()).text;
    QVERIFY2(text.rfind("A man", 0) == 0, text.c_str());  // read forwards, not backwards

    const std::filesystem::path scratch = std::filesystem::temp_directory_path() / "attentive-r2l-test";
    std::filesystem::remove_all(scratch);
    std::filesystem::create_directories(scratch / "de-en");
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.is_regular_file()) std::filesystem::copy(entry.path(), scratch / "de-en" / entry.path().filename());
    QVERIFY_THROWS_EXCEPTION(std::exception, Translator(scratch / "de-en", {1, ""}));  // its sub-folder is missing
    std::filesystem::remove_all(scratch);
}

QTEST_GUILESS_MAIN(TestShippedModels)
#include "test_shipped_models.moc"
