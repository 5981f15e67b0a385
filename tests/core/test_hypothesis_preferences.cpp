// core/hypothesis_preferences.h: which hypothesis of a beam the translator takes besides the
// model's score, and when a translation made formal says all the familiar one said.

#include <QTest>

#include "core/hypothesis_preferences.h"
#include "core/text/durations.h"

using namespace attentive;

namespace {

std::vector<Hypothesis> beam(std::initializer_list<std::pair<const char*, float>> texts) {
    std::vector<Hypothesis> hypotheses;
    for (const auto& [text, score] : texts) {
        Hypothesis h;
        h.text = text;
        h.score = score;
        hypotheses.push_back(h);
    }
    return hypotheses;
}

}  // namespace

class TestHypothesisPreferences : public QObject {
    Q_OBJECT
private slots:
    // The formal reading moves up when it scores within 1.5 of the best, not further down.
    void formalAddressWithinItsMargin() {
        auto close = beam({{"Danke für deinen Brief.", -1.0f}, {"Danke für Ihren Brief.", -1.4f}});
        prefer_formal_address(close.begin(), close.end(), "de");
        QCOMPARE(QString::fromStdString(close.front().text), QString("Danke für Ihren Brief."));
        auto far = beam({{"Danke für deinen Brief.", -1.0f}, {"Danke für Ihren Brief.", -3.0f}});
        prefer_formal_address(far.begin(), far.end(), "de");
        QCOMPARE(QString::fromStdString(far.front().text), QString("Danke für deinen Brief."));
    }

    // In a text kept to "du" and "tu", the familiar reading moves up when it scores within 1.5
    // of the best and asks as the best does (a question "Arbeiten Sie ...?" is no imperative).
    void familiarAddressWithinItsMargin() {
        auto close = beam({{"Arbeiten Sie noch an der Bank?", -1.0f}, {"Arbeiten Sie noch immer an der Bank?", -1.4f},
                           {"Arbeitest du noch an der Bank?", -1.5f}});
        prefer_familiar_address(close.begin(), close.end(), "de");
        QCOMPARE(QString::fromStdString(close.front().text), QString("Arbeitest du noch an der Bank?"));
        auto far = beam({{"Merci pour votre lettre.", -1.0f}, {"Merci pour ta lettre.", -3.0f}});
        prefer_familiar_address(far.begin(), far.end(), "fr");
        QCOMPARE(QString::fromStdString(far.front().text), QString("Merci pour votre lettre."));
        // A mixed one is no familiar reading.
        auto mixed = beam({{"Veuillez nous dire si vous venez.", -1.0f}, {"Dis-nous si vous venez.", -1.2f}});
        prefer_familiar_address(mixed.begin(), mixed.end(), "fr");
        QCOMPARE(QString::fromStdString(mixed.front().text), QString("Veuillez nous dire si vous venez."));
    }

    // A translation that says "tu" and "vous" gives way to one that keeps to either, within 1.0.
    void oneAddressWithinItsMargin() {
        auto mixed = beam({{"Peux-tu fermer la porte sur votre chemin ?", -1.0f},
                           {"Pouvez-vous fermer la porte sur votre chemin ?", -1.8f}});
        prefer_one_address(mixed.begin(), mixed.end(), "fr");
        QCOMPARE(QString::fromStdString(mixed.front().text), QString("Pouvez-vous fermer la porte sur votre chemin ?"));
        auto far = beam({{"Amène ton frère avec vous.", -1.0f}, {"Amène ton frère avec toi.", -2.5f}});
        prefer_one_address(far.begin(), far.end(), "fr");
        QCOMPARE(QString::fromStdString(far.front().text), QString("Amène ton frère avec vous."));
        // Not mixed: the "t" of "a-t-il", "rendez-vous", and a German "Sie" first ("she").
        for (const auto& [text, language] : {std::pair{"Y a-t-il un problème entre vous deux ?", "fr"},
                                             std::pair{"Tu ne peux pas venir sans rendez-vous.", "fr"},
                                             std::pair{"Sie mag dein Auto.", "de"}}) {
            auto kept = beam({{text, -1.0f}, {"Autre chose.", -1.1f}});
            prefer_one_address(kept.begin(), kept.end(), language);
            QCOMPARE(QString::fromStdString(kept.front().text), QString::fromUtf8(text));
        }
        auto german = beam({{"Ich möchte, dass Sie dein Versprechen halten.", -1.0f},
                            {"Ich möchte, dass Sie Ihr Versprechen halten.", -1.2f}});
        prefer_one_address(german.begin(), german.end(), "de");
        QCOMPARE(QString::fromStdString(german.front().text), QString::fromUtf8("Ich möchte, dass Sie Ihr Versprechen halten."));
    }

    // "depuis" and "seit" tell a duration until now, which English says with the perfect.
    void perfectForDurations() {
        QVERIFY(tells_duration_until_now("J'habite à Toronto depuis douze ans.", "fr"));
        QVERIFY(tells_duration_until_now("Ich bin seit Samstag hier.", "de"));
        QVERIFY(!tells_duration_until_now("Ich bin seit Samstag hier.", "fr"));
        QVERIFY(has_perfect("I have lived in Toronto for twelve years."));
        QVERIFY(has_perfect("I've been here since Saturday."));
        QVERIFY(has_perfect("It's been raining since this morning."));
        QVERIFY(has_perfect("I haven't eaten for a while."));
        QVERIFY(has_perfect("We have known each other for a long time."));
        QVERIFY(!has_perfect("I'm here since Saturday."));
        QVERIFY(!has_perfect("It's raining since this morning."));
        QVERIFY(!has_perfect("I have here since Saturday."));
        QVERIFY(says_since_or_for("I live here for twelve years."));
        QVERIFY(!says_since_or_for("I watch you from the window."));
        auto hypotheses = beam({{"I live in Toronto for twelve years.", -1.46f},
                                {"I live in Toronto since twelve years.", -2.01f},
                                {"I have been living in Toronto for twelve years.", -1.69f}});
        prefer_perfect_for_durations(hypotheses.begin(), hypotheses.end());
        QCOMPARE(hypotheses.front().text, std::string("I have been living in Toronto for twelve years."));
        auto below = beam({{"My brother lives in Montreal for three years.", -0.74f},
                           {"My brother lived in Montreal for three years.", -1.96f},
                           {"My brother has lived in Montreal for three years.", -2.67f}});
        prefer_perfect_for_durations(below.begin(), below.end());
        QCOMPARE(below.front().text, std::string("My brother has lived in Montreal for three years."));
        auto far = beam({{"I'm here since Saturday.", -1.0f}, {"I have been here since Saturday.", -3.6f}});
        prefer_perfect_for_durations(far.begin(), far.end());
        QCOMPARE(far.front().text, std::string("I'm here since Saturday."));
    }

    // The other way: English's perfect with "for" or "since" is French's "depuis" with the present.
    void presentForDurations() {
        QVERIFY(tells_duration_until_now("I have been learning French for six months.", "en"));
        QVERIFY(tells_duration_until_now("We have known each other for a long time.", "en"));
        QVERIFY(tells_duration_until_now("He has been working here since 2019.", "en"));
        QVERIFY(!tells_duration_until_now("I have bought a present for a friend.", "en"));
        QVERIFY(!tells_duration_until_now("I learned French for six months.", "en"));
        const std::string married = "They have been married for twenty years.";
        QVERIFY(says_depuis_with_present("Ils sont mariés depuis vingt ans.", married));
        QVERIFY(!says_depuis_with_present("Ils ont été mariés depuis vingt ans.", married));
        QVERIFY(!says_depuis_with_present("Ils sont mariés pendant vingt ans.", married));
        const std::string lived = "She has lived in Paris for ten years.";
        QVERIFY(says_depuis_with_present("Elle vit à Paris depuis dix ans.", lived));
        QVERIFY(!says_depuis_with_present("Elle a vécu à Paris depuis dix ans.", lived));
        QVERIFY(!says_depuis_with_present(QString::fromUtf8("Elle est vécu à Paris depuis dix ans.").toStdString(), lived));
        QVERIFY(says_depuis_with_present("Je l'ai depuis cinq ans.", "I've had it for five years."));
        auto hypotheses = beam({{"Mon père a été malade pendant une semaine.", -1.29f},
                                {"Mon père est malade depuis une semaine.", -1.46f}});
        prefer_present_for_durations(hypotheses.begin(), hypotheses.end(), "My father has been ill for a week.");
        QCOMPARE(hypotheses.front().text, std::string("Mon père est malade depuis une semaine."));
    }

    void negationWithinItsMargin() {
        auto hypotheses = beam({{"Je sais.", -1.0f}, {"Je ne sais pas.", -1.3f}});
        prefer_hypothesis_keeping_negation(hypotheses.begin(), hypotheses.end(), "fr");
        QCOMPARE(QString::fromStdString(hypotheses.front().text), QString("Je ne sais pas."));
    }

    // A familiar form may take its verb's form with it; another lost word may not.
    void formalTranslationSaysAll() {
        QVERIFY(says_all_but_verb_forms("Aber du kannst mich jederzeit erreichen.",
                                        "Aber Sie können mich jederzeit erreichen.", "de"));
        QVERIFY(says_all_but_verb_forms("Kannst du deinen Brief schicken?", "Können Sie Ihren Brief schicken?", "de"));
        QVERIFY(says_all_but_verb_forms("Si tu ne le demandes pas, j'irai.", "Si vous ne le demandez pas, j'irai.", "fr"));
        QVERIFY(!says_all_but_verb_forms("Est-ce que tu donnes ceci à Tom ?", "Allez-vous ceci à Tom ?", "fr"));
        QVERIFY(!says_all_but_verb_forms("Kannst du den Brief schicken?", "Können Sie schicken?", "de"));
        // An imperative is a familiar form too; a clause's last word (a separable particle) stays.
        QVERIFY(says_all_but_verb_forms("Wenn du nicht kommen kannst, ruf mich an.",
                                        "Wenn Sie nicht kommen können, rufen Sie mich an.", "de"));
        QVERIFY(!says_all_but_verb_forms("Wenn du nicht kommen kannst, ruf mich an.",
                                         "Wenn Sie nicht kommen können, rufen Sie mich.", "de"));
        QVERIFY(says_all_but_verb_forms("Si tu peux, appelle-moi.", "Si vous pouvez, appelez-moi.", "fr"));
        // Without a familiar form, no word may change.
        QVERIFY(!says_all_but_verb_forms("Er hat den Brief geschickt.", "Er hat den Brief gelesen.", "de"));
    }
};

QTEST_GUILESS_MAIN(TestHypothesisPreferences)
#include "test_hypothesis_preferences.moc"
