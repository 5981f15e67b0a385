// A model's lexicon for the "possibly untranslated" flag: reading lexicon.txt (and refusing a
// broken one with the file and line), word keys, word forms, and what it says of a word in a
// translation.

#include <QTest>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/text/lexicon.h"
#include "core/text/repeated_phrases.h"

using namespace attentive;

namespace {

std::filesystem::path write_file(const QTemporaryDir& dir, const std::string& text) {
    const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "lexicon.txt";
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

QString join(const std::vector<std::string>& words) {
    QStringList list;
    for (const std::string& word : words) list << QString::fromStdString(word);
    return list.join(' ');
}

}  // namespace

class TestLexicon : public QObject {
    Q_OBJECT

private slots:
    void wordKeysAreLowercaseRunsOfLettersAndDigits() {
        QCOMPARE(join(word_keys("J'ai vu un arc-en-ciel à 9h30 !")), QStringLiteral("j ai vu un arc en ciel à 9h30"));
        QCOMPARE(join(word_keys("ÜBER Straße")), QStringLiteral("über straße"));
        QCOMPARE(join(word_keys(" ... ")), QString());
    }

    // core/text/repeated_phrases.h: a run of two words or more said twice in a row.
    void findsAPhraseSaidTwiceInARow() {
        QVERIFY(repeats_a_phrase("It is fine today, but tomorrow, but tomorrow it will rain."));
        QVERIFY(repeats_a_phrase("Ich glaube, ich glaube nicht, dass wir das tun sollten."));
        QVERIFY(repeats_a_phrase("A small baby in a pink hat in a pink hat sleeping."));
        QVERIFY(!repeats_a_phrase("It is very very good."));
        QVERIFY(!repeats_a_phrase("We learn step by step."));
        // A word said again after a genitive linker is a stutter; after another word, an idiom.
        QVERIFY(repeats_a_phrase("L'hôtel coûte 85 euros, le petit-déjeuner du petit-déjeuner."));
        QVERIFY(repeats_a_phrase("Une banque de banque debout à un comptoir."));
        QVERIFY(!repeats_a_phrase("Ils sont assis côte à côte, face à face, Seite an Seite."));
        QVERIFY(!repeats_a_phrase("Le père de Pierre, la mère du père."));
        QVERIFY(!repeats_a_phrase("The cat and the dog and the bird."));
        QVERIFY(!repeats_a_phrase(""));
    }

    void wordFormsShareALongEnoughStem() {
        QVERIFY(same_word_stem("bleu", "bleue"));
        QVERIFY(same_word_stem("essaye", "essayer"));
        QVERIFY(same_word_stem("fahrrad", "fahrradfahrer"));
        QVERIFY(same_word_stem("vélo", "vélos"));
        QVERIFY(!same_word_stem("main", "maison"));  // 3 letters shared
        QVERIFY(!same_word_stem("chat", "chien"));
        // Letters are counted as characters, not bytes: "fiè" and "fié" share two letters.
        QVERIFY(same_word_stem("génération", "générations"));
        QVERIFY(!same_word_stem("fièvre", "fiévreux"));
    }

    void readsAFileAndLooksWordsUp() {
        QTemporaryDir dir;
        const Lexicon lexicon = Lexicon::load(write_file(dir, "# comment\nbicycle\tvélo bicyclette\ndog\tchien\r\n"));
        QCOMPARE(join(lexicon.translations("bicycle")), QStringLiteral("vélo bicyclette"));
        QCOMPARE(join(lexicon.translations("dog")), QStringLiteral("chien"));
        QVERIFY(lexicon.translations("cat").empty());
        QVERIFY(!lexicon.empty());
    }

    void refusesABrokenFileWithItsLine() {
        QTemporaryDir dir;
        try {
            Lexicon::load(write_file(dir, "dog\tchien\nno tab here\n"));
            QFAIL("a line without a tab was read");
        } catch (const ModelFormatError& error) {
            QVERIFY2(std::string(error.what()).find("line 2") != std::string::npos, error.what());
        }
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, Lexicon::load(write_file(dir, "Dog\tchien\n")));
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, Lexicon::load(write_file(dir, "dog\tle-chien\n")));
        QVERIFY_THROWS_EXCEPTION(FileError, Lexicon::load(std::filesystem::path(dir.path().toStdString()) / "missing.txt"));
    }

    void saysWhetherAUsualTranslationIsThere() {
        const Lexicon lexicon({{"bicycle", {"vélo", "bicyclette"}}, {"the", {"le", "la"}}, {"blue", {"bleu"}}});
        QCOMPARE(lexicon_evidence(lexicon, "bicycle", word_keys("Il répare son vélo."), "fr"), LexiconEvidence::translation_found);
        QCOMPARE(lexicon_evidence(lexicon, "Bicycle,", word_keys("Il répare ses vélos."), "fr"), LexiconEvidence::translation_found);
        QCOMPARE(lexicon_evidence(lexicon, "blue", word_keys("une voiture bleue"), "fr"), LexiconEvidence::translation_found);
        QCOMPARE(lexicon_evidence(lexicon, "bicycle", word_keys("Il répare sa voiture."), "fr"), LexiconEvidence::translation_missing);
        QCOMPARE(lexicon_evidence(lexicon, "Priya", word_keys("Elle est là."), "fr"), LexiconEvidence::unknown_word);
        // A copied word (a name, a number) is its own translation.
        QCOMPARE(lexicon_evidence(lexicon, "Priya", word_keys("Priya est là."), "fr"), LexiconEvidence::translation_found);
        QCOMPARE(lexicon_evidence(lexicon, "250", word_keys("L'hôtel a 250 chambres."), "fr"), LexiconEvidence::translation_found);
        // A function word of the target language is not evidence: it is in almost every sentence.
        QCOMPARE(lexicon_evidence(lexicon, "the", word_keys("le chien"), "fr"), LexiconEvidence::unknown_word);
        QCOMPARE(lexicon_evidence(Lexicon(), "bicycle", word_keys("Il répare son vélo."), "fr"), LexiconEvidence::none);
    }

    void readsTheReverseLexiconBackwards() {
        // "baby stroller" -> "poussette": the forward lexicon's words for "baby" are not there,
        // but "poussette" is usually translated back by "baby".
        const Lexicon forward({{"baby", {"bébé"}}, {"stroller", {"poussette"}}});
        const Lexicon reverse({{"poussette", {"stroller", "baby"}}, {"la", {"the", "baby"}}});
        const std::vector<std::string> target = word_keys("Elle pousse la poussette.");
        QCOMPARE(lexicon_evidence(forward, "baby", target, "fr"), LexiconEvidence::translation_missing);
        QCOMPARE(lexicon_evidence(forward, "Baby", target, "fr", reverse), LexiconEvidence::translation_found);
        // A function word of the translation is not evidence, in this direction either.
        QCOMPARE(lexicon_evidence(forward, "baby", word_keys("Elle pousse la voiture."), "fr", reverse),
                 LexiconEvidence::translation_missing);
        QCOMPARE(lexicon_evidence(forward, "bicycle", target, "fr", reverse), LexiconEvidence::unknown_word);
    }
};

QTEST_GUILESS_MAIN(TestLexicon)
#include "test_lexicon.moc"
