// core/text/address_forms.h: the familiar "you" of German and French.

#include <QTest>

#include "core/text/address_forms.h"
#include "core/text/formal_rewrite.h"
#include "core/text/service_register.h"

using namespace attentive;

class TestAddressForms : public QObject {
    Q_OBJECT
private slots:
    void familiarForms() {
        QVERIFY(addresses_familiarly("Danke für deinen Brief.", "de"));
        QVERIFY(addresses_familiarly("Ich werde dich morgen anrufen.", "de"));
        QVERIFY(addresses_familiarly("Habt ihr euch gesehen?", "de"));
        QVERIFY(addresses_familiarly("Je t'appellerai demain.", "fr"));
        QVERIFY(addresses_familiarly("Comment prends-tu ton café ?", "fr"));
        QVERIFY(addresses_familiarly("Je parle de toi.", "fr"));
        // An imperative of "tu" shows no pronoun, only its ending before a hyphenated one.
        QVERIFY(addresses_familiarly("Si vous ne pouvez pas venir, appelle-moi.", "fr"));
        QVERIFY(addresses_familiarly("Dis-le-moi !", "fr"));
        QVERIFY(addresses_familiarly("Vas-y.", "fr"));
        QCOMPARE(familiar_forms("Donne-le-moi, s'il te plaît.", "fr"), std::size_t(2));
        QVERIFY(!addresses_familiarly("Appelez-moi demain. Dites-le-moi. Allez-y. Allons-y. Où sommes-nous ?", "fr"));
        QCOMPARE(imperatives_in("Appelez-moi, dis-le, allons-y.", "fr"), std::size_t(3));
        QCOMPARE(imperatives_in("Ruf mich an.", "de"), std::size_t(1));
        QCOMPARE(imperatives_in("Thank you, call me.", "en"), std::size_t(0));
        // German imperatives of "du": a common verb alone at a clause's start, before an object,
        // a particle or "!"; those of "Sie" take "Sie".
        QVERIFY(addresses_familiarly("Wenn Sie nicht kommen können, ruf mich an.", "de"));
        QVERIFY(addresses_familiarly("Schreib mir bald!", "de"));
        QVERIFY(addresses_familiarly("Komm!", "de"));
        QVERIFY(addresses_familiarly("Ich bin müde, lass es mich wissen.", "de"));
        QVERIFY(!addresses_familiarly("Wenn Sie nicht kommen können, rufen Sie mich an.", "de"));
        QVERIFY(!addresses_familiarly("Seine Frage: wer kommt? Sage und Legende.", "de"));
        QCOMPARE(imperatives_in("Wenn Sie nicht kommen können, rufen Sie mich an.", "de"), std::size_t(1));
        QVERIFY(!addresses_familiarly("Un arc-en-ciel, peut-être, c'est-à-dire, lui-même.", "fr"));
    }
    void formalOrNoForms() {
        QVERIFY(!addresses_familiarly("Danke für Ihren Brief.", "de"));
        QVERIFY(!addresses_familiarly("Ich werde Sie morgen anrufen.", "de"));
        QVERIFY(!addresses_familiarly("Je vous appellerai demain.", "fr"));
        QVERIFY(!addresses_familiarly("Comment prenez-vous votre café ?", "fr"));
        // Words that only look like a form: "Dusche", "tente", "toit", "tard".
        QVERIFY(!addresses_familiarly("Die Dusche ist kalt.", "de"));
        QVERIFY(!addresses_familiarly("La tente est sous le toit, il est tard.", "fr"));
        QVERIFY(!addresses_familiarly("Y a-t-il un problème ? Va-t-elle venir ?", "fr"));  // euphonic "t"
        // English has no familiar form.
        QVERIFY(!addresses_familiarly("Thank you for your letter.", "en"));
    }
    void formalForms() {
        QVERIFY(addresses_formally("Könnten Sie bitte nachsehen?", "de"));
        QVERIFY(addresses_formally("Danke für Ihre Antwort.", "de"));
        QVERIFY(addresses_formally("Ich danke Ihnen.", "de"));
        QVERIFY(addresses_formally("Merci pour votre réponse.", "fr"));
        QVERIFY(addresses_formally("Pouvez-vous m'aider ?", "fr"));
        // The familiar plural and "she" are not; "Ihr" first is the familiar plural.
        QVERIFY(!addresses_formally("Wohin geht ihr?", "de"));
        QVERIFY(!addresses_formally("Ihr seid spät.", "de"));
        QVERIFY(addresses_formally("Sie sagt, ihr Buch ist weg.", "de"));  // "Sie" first may be "she": it counts
        QVERIFY(!addresses_formally("Er gibt ihr das Buch.", "de"));
        QVERIFY(!addresses_formally("Je te remercie.", "fr"));
        QVERIFY(!addresses_formally("Tu ne peux pas venir sans rendez-vous.", "fr"));
        QVERIFY(!addresses_formally("Thank you.", "en"));
    }
    // "Arbeiten Sie noch dort?" asks; "Rufen Sie mich an." bids.
    void aQuestionIsNoImperative() {
        QCOMPARE(imperatives_in("Rufen Sie mich morgen an.", "de"), std::size_t(1));
        QCOMPARE(imperatives_in("Arbeiten Sie noch an der Bank?", "de"), std::size_t(0));
        QCOMPARE(imperatives_in("Kommen Sie herein und setzen Sie sich!", "de"), std::size_t(2));
    }

    // French says "vous" to several people in a familiar text too.
    void youToSeveral() {
        QVERIFY(addresses_several("Thank you both for coming.", "en"));
        QVERIFY(addresses_several("I miss all of you.", "en"));
        QVERIFY(addresses_several("Are you guys hungry?", "en"));
        QVERIFY(addresses_several("Hi everyone, dinner is ready.", "en"));
        QVERIFY(!addresses_several("Are you all right?", "en"));
        QVERIFY(!addresses_several("I am proud of you.", "en"));
        QVERIFY(!addresses_several("Vous deux, venez ici.", "fr"));
    }

    void countedForms() {
        QCOMPARE(formal_forms("Können Sie mir Ihre Adresse geben?", "de"), std::size_t(2));
        QCOMPARE(formal_forms("Vous pouvez garder votre place.", "fr"), std::size_t(2));
        QCOMPARE(familiar_forms("Du kannst deinen Brief haben.", "de"), std::size_t(2));
        QCOMPARE(familiar_forms("Sie können Ihren Brief haben.", "de"), std::size_t(0));
        QVERIFY(is_familiar_form("tes", "fr"));
        QVERIFY(!is_familiar_form("vous", "fr"));
        QVERIFY(!is_familiar_form("du", "fr"));  // "du pain": de + le
    }

    // A business and its customer: formal in German and French (core/text/service_register.h).
    void serviceMessages() {
        const auto service = [](std::vector<std::string> sentences) {
            return reads_as_service_message(sentences, "en");
        };
        QVERIFY(service({"Good morning, we received your order yesterday.", "Your package will be sent on Monday."}));
        QVERIFY(service({"Thank you for your message.", "We can offer you a double room."}));
        QVERIFY(service({"Thank you for your e-mail.", "We will answer soon."}));
        QVERIFY(service({"Your parcel could not be delivered today.", "If you have any questions, call us."}));
        QVERIFY(service({"Hello, I would like to change my reservation.", "We will be four people."}));
        // Friends say "we" too, and "order" as a verb.
        QVERIFY(!service({"Are you free on Sunday?", "We are going to the lake."}));
        QVERIFY(!service({"We'll order pizza.", "Do you want some?"}));
        QVERIFY(!service({"We left early in order to catch the train.", "Did you get home?"}));
        QVERIFY(!service({"Thanks for your message!", "We had a great time."}));
        QVERIFY(!service({"Your order is ready."}));  // no "we": a customer's own words
        QVERIFY(!reads_as_service_message({"Nous avons reçu votre commande."}, "fr"));
    }

    // What a formal text's sentence kept of the familiar address, written formally where one word
    // can be: the models write "please" as "s'il te plaît", whatever the text says.
    void familiarWordsWrittenFormally() {
        QCOMPARE(with_formal_forms("Si vous avez des questions, s'il te plaît, appelez-nous.", "fr"),
                 std::string("Si vous avez des questions, s'il vous plaît, appelez-nous."));
        QCOMPARE(with_formal_forms("Est-ce que ça te plaît ?", "fr"), std::string("Est-ce que ça vous plaît ?"));
        QCOMPARE(with_formal_forms("Je te vois demain.", "fr"), std::string("Je te vois demain."));  // a verb to change
        QCOMPARE(with_formal_forms("Salut Sophie, êtes-vous rentrée ?", "fr"),
                 std::string("Bonjour Sophie, êtes-vous rentrée ?"));
        QCOMPARE(with_formal_forms("Si quelque chose cloche, dites-nous. Passe une bonne journée !", "fr"),
                 std::string("Si quelque chose cloche, dites-nous. Passez une bonne journée !"));
        QCOMPARE(with_formal_forms("Amuse-toi bien et sois prudent !", "fr"),
                 std::string("Amusez-vous bien et soyez prudent !"));
        // A capital beyond ASCII stays one ("écoutez, j'ai une idée." before).
        QCOMPARE(with_formal_forms("Écoute, j'ai une idée.", "fr"), std::string("Écoutez, j'ai une idée."));
        QCOMPARE(with_formal_forms("Va-t-il pleuvoir ?", "fr"), std::string("Va-t-il pleuvoir ?"));
        QCOMPARE(with_formal_forms("Entre nous, c'est fini.", "fr"), std::string("Entre nous, c'est fini."));
        QCOMPARE(with_formal_forms("Il passe une bonne journée.", "fr"), std::string("Il passe une bonne journée."));
        QCOMPARE(with_formal_forms("Hallo, dein Paket ist da. Ich danke dir.", "de"),
                 std::string("Hallo, Ihr Paket ist da. Ich danke Ihnen."));
        QCOMPARE(with_formal_forms("Deine Freunde vermissen dich.", "de"), std::string("Ihre Freunde vermissen Sie."));
        // A clause with "du": its verb goes with "Sie" too, and "dich", "dir" are reflexive.
        QCOMPARE(with_formal_forms("Du hast deinen Schlüssel.", "de"), std::string("Sie haben Ihren Schlüssel."));
        QCOMPARE(with_formal_forms("Hast du mir schon einmal dein Auto geliehen?", "de"),
                 std::string("Haben Sie mir schon einmal Ihr Auto geliehen?"));
        QCOMPARE(with_formal_forms("Ich bin derjenige, mit dem du telefoniert hast.", "de"),
                 std::string("Ich bin derjenige, mit dem Sie telefoniert haben."));
        QCOMPARE(with_formal_forms("Denkst du, du siehst gut aus?", "de"), std::string("Denken Sie, Sie sehen gut aus?"));
        QCOMPARE(with_formal_forms("Du musst dich beeilen, wenn ich dir helfen soll.", "de"),
                 std::string("Sie müssen sich beeilen, wenn ich Ihnen helfen soll."));
        QCOMPARE(with_formal_forms("Wohin gehst du?", "de"), std::string("Wohin gehen Sie?"));
        QCOMPARE(with_formal_forms("Ruf mich an.", "de"), std::string("Rufen Sie mich an."));
        QCOMPARE(with_formal_forms("Wenn etwas falsch ist, sag es uns bitte.", "de"),
                 std::string("Wenn etwas falsch ist, sagen Sie es uns bitte."));
        QCOMPARE(with_formal_forms("Bitte gib mir das Buch!", "de"), std::string("Bitte geben Sie mir das Buch!"));
        QCOMPARE(with_formal_forms("Frage: Wer kommt?", "de"), std::string("Frage: Wer kommt?"));  // a noun
        QCOMPARE(with_formal_forms("Sei vorsichtig.", "de"), std::string("Sei vorsichtig."));  // not a request's verb
        QCOMPARE(with_formal_forms("Diretor", "de"), std::string("Diretor"));
        QCOMPARE(with_formal_forms("Hello, your order.", "en"), std::string("Hello, your order."));

        std::vector<std::string> pieces = {"s", "'", "il", "te", "plaît", ","};
        relabel_formal_forms(pieces, {true, false, false, true, true, false}, "fr");
        QCOMPARE(pieces[3], std::string("vous"));
        std::vector<std::string> german = {"Ich", "danke", "dir", "für", "dein", "en", "Brief", "."};
        relabel_formal_forms(german, {true, true, true, true, true, false, true, false}, "de");
        QCOMPARE(german[2], std::string("Ihnen"));
        QCOMPARE(german[4], std::string("dein"));  // "deinen" is two pieces: its labels stay
        std::vector<std::string> question = {"Has", "t", "du", "Zeit", "?"};
        relabel_formal_forms(question, {true, false, true, true, false}, "de");
        QCOMPARE(question, (std::vector<std::string>{"Has", "t", "Sie", "Zeit", "?"}));
    }

    void germanVerbsOfDuWithSie() {
        QCOMPARE(german_formal_verb("hast"), std::string("haben"));
        QCOMPARE(german_formal_verb("kommst"), std::string("kommen"));
        QCOMPARE(german_formal_verb("arbeitest"), std::string("arbeiten"));
        QCOMPARE(german_formal_verb("sagtest"), std::string("sagten"));
        QCOMPARE(german_formal_verb("sammelst"), std::string("sammeln"));
        QCOMPARE(german_formal_verb("änderst"), std::string("ändern"));
        QCOMPARE(german_formal_verb("spielst"), std::string("spielen"));
        QCOMPARE(german_formal_verb("studierst"), std::string("studieren"));
        QCOMPARE(german_formal_verb("heißt"), std::string("heißen"));
        QCOMPARE(german_formal_verb("küsst"), std::string("küssen"));
        QCOMPARE(german_formal_verb("vergibst"), std::string("vergeben"));
        QCOMPARE(german_formal_verb("erhältst"), std::string("erhalten"));
        QCOMPARE(german_formal_verb("misst"), std::string("messen"));
        QCOMPARE(german_formal_verb("tust"), std::string("tun"));
        QCOMPARE(german_formal_verb("erst"), std::string());
        QCOMPARE(german_formal_verb("gut"), std::string());
    }
};

QTEST_GUILESS_MAIN(TestAddressForms)
#include "test_address_forms.moc"
