// Protected spans: which parts of a sentence are kept out of the model's reach, the surrogates
// that stand in for them, and how the output and the heatmap labels get the spans back.

#include <QTest>

#include <set>
#include <string>
#include <vector>

#include "core/text/number_formats.h"
#include "core/text/number_markers.h"
#include "core/text/number_ranges.h"
#include "core/text/number_words.h"
#include "core/text/place_names.h"
#include "core/text/protected_spans.h"
#include "core/text/span_markers.h"

using namespace attentive;

namespace {

// A toy model's knowledge: a few known capitalised words, and lowercase words it knows.
SpanRules toy_rules() {
    static const std::set<std::string> known = {"The", "Tom", "Mary", "London", "Monday", "I", "My", "He", "Der", "Hund"};
    static const std::set<std::string> common = {"yesterday", "the", "my", "this", "it", "see", "set", "open", "write", "call", "il", "environ", "we"};
    SpanRules rules;
    rules.known_word = [](std::string_view w) { return known.count(std::string(w)) > 0; };
    rules.common_word = [](std::string_view w) { return common.count(std::string(w)) > 0; };
    rules.surrogates = {"Tom", "Mary", "John", "Alice"};
    return rules;
}

QString spans_of_with(const std::string& sentence, const SpanRules& rules) {
    QStringList out;
    for (const ProtectedSpan& s : find_protected_spans(sentence, rules)) {
        const char* kind = s.kind == SpanKind::name     ? "name"
                           : s.kind == SpanKind::number ? "number"
                           : s.kind == SpanKind::address ? "address"
                                                          : "code";
        out << QString("%1:%2").arg(kind, QString::fromStdString(s.text));
    }
    return out.join(" | ");
}

QString spans_of(const std::string& sentence) { return spans_of_with(sentence, toy_rules()); }

}  // namespace

class TestProtectedSpans : public QObject {
    Q_OBJECT

private slots:
    // Names the finder once cut short: a capital beyond ASCII ("Łukasz" was read as a small
    // letter), an apostrophe ("O'Brien" became "O'" and a surrogate), a given name the model
    // knows before a surname ("Tom Kowalski": the model dropped "Tom" before the surrogate). In
    // French a capital that elides is an article ("L'Europe").
    void wholeNames_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("spans");
        QTest::newRow("Polish capital") << QString::fromUtf8("I met Łukasz Nowak.") << "en" << QString::fromUtf8("name:Łukasz Nowak");
        QTest::newRow("Czech capital") << QString::fromUtf8("I met Žofia.") << "en" << QString::fromUtf8("name:Žofia");
        QTest::newRow("apostrophe") << "I met O'Brien today." << "en" << "name:O'Brien";
        QTest::newRow("French apostrophe") << QString::fromUtf8("I met O'Brien.") << "fr" << "name:O'Brien";
        QTest::newRow("French article") << QString::fromUtf8("L'Europe est grande.") << "fr" << "name:Europe";
        QTest::newRow("known given name") << "I met Tom Kowalski yesterday." << "en" << "name:Tom Kowalski";
        QTest::newRow("word at the start") << "Yesterday Aisha came." << "en" << "name:Aisha";
        QTest::newRow("German noun") << "Der Hund Bello bellt." << "de" << "name:Bello";
    }
    void wholeNames() {
        QFETCH(QString, sentence);
        QFETCH(QString, language);
        QFETCH(QString, spans);
        SpanRules rules = toy_rules();
        rules.source_language = language.toStdString();
        QCOMPARE(spans_of_with(sentence.toStdString(), rules), spans);
    }

    // A known word before a name joins it when the model copies it ("Rafa"), not when it
    // translates it ("London" here).
    void copiedWordJoinsTheName() {
        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.known_word = [](std::string_view word) { return word == "Rafa" || word == "London" || word == "I"; };
        rules.copies_word = [](std::string_view word) { return word == "Rafa"; };
        QCOMPARE(spans_of_with("I met Rafa Kowalski.", rules), QString("name:Rafa Kowalski"));
        QCOMPARE(spans_of_with("I left London Kowalski.", rules), QString("name:Kowalski"));
    }

    void find_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("spans");
        QTest::newRow("two-word name") << "My name is Sarah Miller and I live near London."
                                       << "name:Sarah Miller";
        QTest::newRow("known words stay") << "Tom met Mary in London on Monday." << "";
        QTest::newRow("initial common word") << "Yesterday Aisha came." << "name:Aisha";
        QTest::newRow("initial unknown name") << "Aisha bought 3 apples." << "name:Aisha | number:3";
        QTest::newRow("possessive") << "This is Priya's car." << "name:Priya";
        QTest::newRow("elided article") << QString::fromUtf8("C'est le chien d'Aisha.") << "name:Aisha";
        QTest::newRow("year") << "The war broke out in 1939." << "number:1939";
        QTest::newRow("amount") << "Tom won $10,000 in the lottery." << "number:$10,000";
        QTest::newRow("time") << "I'll have it done before 2:30." << "number:2:30";
        QTest::newRow("percentage") << "It's 99.9% effective." << "number:99.9%";
        QTest::newRow("euro") << QString::fromUtf8("It costs €85.") << QString::fromUtf8("number:€85");
        QTest::newRow("phone number") << "Call 0171 234 5678 now." << "number:0171 234 5678";
        QTest::newRow("french thousands") << "Il a 10 000 euros et 3 chats." << "number:10 000 | number:3";
        QTest::newRow("french percentage") << "Environ 40 % des élèves." << "number:40 %";
        QTest::newRow("age") << "My 5-year-old son." << "number:5";
        QTest::newRow("number joined to another word") << "A 2-hour flight." << "code:2-hour";
        QTest::newRow("e-mail") << "Write to priya.okonkwo@example.com today." << "address:priya.okonkwo@example.com";
        QTest::newRow("url") << "See https://example.org/docs/install.html." << "address:https://example.org/docs/install.html";
        QTest::newRow("code") << "Set max_batch_size to 32." << "code:max_batch_size | number:32";
        QTest::newRow("file") << "Open config.json now." << "code:config.json";
        QTest::newRow("letters and digits") << "It had COVID-19 and an mp3." << "code:COVID-19 | code:mp3";
        QTest::newRow("hyphenated name") << "Mei-Ling laughed." << "name:Mei-Ling";
        QTest::newRow("flight apart") << "Flight LH 456 and ICE 1234 left, TV 3 too." << "name:Flight | code:LH 456 | code:ICE 1234 | name:TV | number:3";
        QTest::newRow("german nouns known") << "Der Hund schläft." << "";
        QTest::newRow("non-latin capitals") << QString::fromUtf8("Zoltán Kovács arrived.") << QString::fromUtf8("name:Zoltán Kovács");
        QTest::newRow("nothing") << "the cat sleeps." << "";
    }
    void find() {
        QFETCH(QString, sentence);
        QFETCH(QString, spans);
        QCOMPARE(spans_of(sentence.toStdString()), spans);
    }

    // A fragment of protected spans alone is written as it is (the translator forces its
    // surrogates): names the model copies and spans; not any other word.
    void spansOnly_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<bool>("names");
        QTest::newRow("signature") << "Tom Miller." << true;
        QTest::newRow("unknown names") << "Priya Okonkwo" << true;
        QTest::newRow("known name alone") << "Mary!" << true;
        QTest::newRow("e-mail") << "priya.okonkwo@example.com" << true;
        QTest::newRow("a word") << "See Priya." << false;
        QTest::newRow("known place") << "London." << false;
        QTest::newRow("a count") << "Tom 3." << true;
        QTest::newRow("a word and a count") << "See 3." << false;
        QTest::newRow("nothing") << "." << false;
    }
    void spansOnly() {
        QFETCH(QString, sentence);
        QFETCH(bool, names);
        SpanRules rules = toy_rules();
        rules.count_surrogates = {{"three", "trois"}};
        const std::string text = sentence.toStdString();
        const MaskedSentence masked = mask_protected_spans(text, rules);
        QCOMPARE(spans_only(text, masked.spans, rules), names);
    }

    // German capitalises every noun: an unknown capitalised word after an article, directly or
    // past at most two adjectives, is a noun the model translates; "das" and "ihr" are pronouns
    // as often, and a comma ends the article's reach.
    void german_nouns_after_articles_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("spans");
        QTest::newRow("article") << "Tom starb bei einem Duell." << "";
        QTest::newRow("contraction") << "Der Hund ist auf dem Mars, nicht im Zentralpark." << "";
        QTest::newRow("two adjectives") << "Der Hund hat einen langen grauen Rüssel." << "";
        QTest::newRow("three adjectives") << "Der Hund hat einen langen grauen alten Rüssel." << "name:Rüssel";
        QTest::newRow("sentence-initial article") << QString::fromUtf8("Deine Empörung ist gerechtfertigt.") << "";
        QTest::newRow("name after a verb") << "Tom sieht Aisha mit dem Duell." << "name:Aisha";
        QTest::newRow("pronoun das") << "Ist das Aisha?" << "name:Aisha";
        QTest::newRow("pronoun ihr") << "Kennt ihr Aisha?" << "name:Aisha";
        QTest::newRow("comma") << "Tom sah den, Aisha." << "name:Aisha";
        QTest::newRow("lowercase word between") << "Gib dem doch Aisha." << "name:Aisha";
        // An abbreviation is no noun: de-en wrote "Ich habe meine PIN vergessen." as "I forgot my CIA.".
        QTest::newRow("abbreviation after an article") << "Tom vergaß deine PIN." << "name:PIN";
    }
    void german_nouns_after_articles() {
        QFETCH(QString, sentence);
        QFETCH(QString, spans);
        SpanRules rules = toy_rules();
        const SpanRules toy = toy_rules();
        rules.known_word = [toy](std::string_view w) {
            return toy.known_word(w) || w == "Deine" || w == "Ist" || w == "Kennt" || w == "Gib";
        };
        rules.noun_markers = {"dem", "den", "einem", "einen", "im", "deine"};
        QStringList out;
        for (const ProtectedSpan& s : find_protected_spans(sentence.toStdString(), rules))
            out << QString("name:%1").arg(QString::fromStdString(s.text));
        QCOMPARE(out.join(" | "), spans);
        // Without markers (English, French) capitals alone decide.
        QCOMPARE(find_protected_spans("Tom starb bei einem Duell.", toy_rules()).size(), std::size_t(1));
    }

    // After a place marker ("nach") a name gets a place surrogate: "nach Tom" reads "for Tom".
    void places_get_place_surrogates() {
        SpanRules rules = toy_rules();
        rules.surrogates = {"Tom", "Boston", "Mary"};
        rules.place_markers = {"nach"};
        rules.place_surrogates = {"Boston"};
        MaskedSentence masked = mask_protected_spans("Der Hund fuhr nach Okonkwo.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("Der Hund fuhr nach Boston."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("The dog went to Boston.", masked.spans)),
                 QString("The dog went to Okonkwo."));
        // A later person does not take the place's surrogate; a second place finds it taken and
        // gets the next free name (none left here: Kwame stays as written).
        masked = mask_protected_spans("Aisha fuhr nach Okonkwo und Priya nach Kwame.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("Tom fuhr nach Boston und Mary nach Kwame."));
        QCOMPARE(masked.spans.size(), std::size_t(3));
        rules.place_markers.clear();
        masked = mask_protected_spans("Der Hund fuhr nach Okonkwo.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("Der Hund fuhr nach Tom."));
        // English "in" before a possessive names a person's thing, not a place.
        rules.place_markers = {"in"};
        masked = mask_protected_spans("We met in Okonkwo's garden in Kwame.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("We met in Tom's garden in Boston."));
        // A verb that takes a person before "à" makes the name a person.
        rules.place_markers = {"à"};
        rules.person_cues = {"écri"};
        QCOMPARE(QString::fromStdString(mask_protected_spans("nous habitons à Okonkwo.", rules).text),
                 QString::fromUtf8("nous habitons à Boston."));
        QCOMPARE(QString::fromStdString(mask_protected_spans("j'ai écrit à Okonkwo.", rules).text),
                 QString::fromUtf8("j'ai écrit à Tom."));
        // English "to" names a place after a verb of travel, a person otherwise ("from" stays a
        // person's: "the letter from Siobhan arrived").
        rules.place_markers = {"in"};
        rules.person_cues.clear();
        rules.travel_place_markers = travel_place_markers("en");
        rules.travel_cues = travel_cues("en");
        QCOMPARE(QString::fromStdString(mask_protected_spans("we drove to Okonkwo.", rules).text),
                 QString("we drove to Boston."));
        QCOMPARE(QString::fromStdString(mask_protected_spans("we drove from Okonkwo to Kwame.", rules).text),
                 QString("we drove from Tom to Boston."));
        QCOMPARE(QString::fromStdString(mask_protected_spans("we gave the book to Okonkwo.", rules).text),
                 QString("we gave the book to Tom."));
        QCOMPARE(QString::fromStdString(mask_protected_spans("we drove to Okonkwo's house.", rules).text),
                 QString("we drove to Tom's house."));
    }

    // A place another language writes otherwise is a place span, even a word the model knows,
    // written back in the target language's form; one written the same stays the model's.
    void places_written_otherwise() {
        QCOMPARE(QString::fromStdString(place_name("Lisbon", "en", "fr")), QString("Lisbonne"));
        QCOMPARE(QString::fromStdString(place_name("Köln", "de", "en")), QString("Cologne"));
        QCOMPARE(QString::fromStdString(place_name("Munich", "en", "fr")), QString());  // the same
        QCOMPARE(QString::fromStdString(place_name("Florence", "en", "de")), QString());  // also a first name
        SpanRules rules = toy_rules();
        rules.surrogates = {"Tom", "Boston", "Mary"};
        rules.place_surrogates = {"Boston"};
        rules.source_language = "en";
        rules.target_language = "de";
        rules.known_word = [](std::string_view w) { return w == "Cologne"; };
        const MaskedSentence masked = mask_protected_spans("she lives in Cologne.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("she lives in Boston."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Sie lebt in Boston.", masked.spans)),
                 QString::fromUtf8("Sie lebt in Köln."));
        rules.target_language = "en";  // a chat model: as written
        QVERIFY(mask_protected_spans("she lives in Cologne.", rules).spans.empty());
    }

    // The shipped markers: "in" in English, "à" in French with its person cues, none for "to".
    void place_markers_per_language() {
        const auto& english = place_markers("en");
        QVERIFY(std::find(english.begin(), english.end(), "in") != english.end());
        QVERIFY(std::find(english.begin(), english.end(), "to") == english.end());
        QCOMPARE(place_markers("fr"), std::vector<std::string>{"à"});
        QVERIFY(!person_cues("fr").empty());
        QVERIFY(person_cues("en").empty());
        QCOMPARE(travel_place_markers("en"), std::vector<std::string>{"to"});
        QVERIFY(travel_place_markers("de").empty() && travel_cues("fr").empty());
    }

    // A time that ends the sentence with its own stop ("8 p.m.") leaves the surrogate the
    // sentence's stop, and the restored translation has one stop, not two.
    void span_with_the_sentence_stop() {
        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.target_language = "de";
        rules.time_surrogates = {{"midnight", "Mitternacht"}};
        // "around" goes with the time (core/text/times.h), read as a time at its hour, and the
        // time brings its own preposition.
        MaskedSentence masked = mask_protected_spans("we arrive around 8 p.m.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("we arrive at midnight."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Wir kommen um Mitternacht.", masked.spans)),
                 QString("Wir kommen gegen 8 Uhr abends."));
        // A chat model answers in English and repeats the span as written: one stop.
        rules.target_language = "en";
        rules.time_surrogates = {{"midnight", "midnight"}};
        masked = mask_protected_spans("we arrive around 8 p.m.", rules);
        QCOMPARE(QString::fromStdString(restore_protected_spans("See you at midnight.", masked.spans)),
                 QString("See you at around 8 p.m."));
        rules.target_language = "en";
        rules.source_language = "de";
        rules.time_surrogates = {{"Mitternacht", "midnight"}};
        masked = mask_protected_spans("wir kommen um 20 Uhr.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("wir kommen um Mitternacht."));
        masked = mask_protected_spans("we arrive around 8 p.m. and leave.", toy_rules());
        QVERIFY(!QString::fromStdString(masked.text).endsWith(".."));
    }

    void mask_and_restore() {
        const MaskedSentence masked = mask_protected_spans("Priya Okonkwo won $10,000 at 2:30 with Tom.", toy_rules());
        // "Tom" is in the sentence already, so the name gets the next surrogate.
        QCOMPARE(QString::fromStdString(masked.text), QString("Mary won John at Alice with Tom."));
        QCOMPARE(masked.spans.size(), std::size_t(3));
        const std::string restored = restore_protected_spans("Mary a gagné John à Alice avec Tom.", masked.spans);
        QCOMPARE(QString::fromStdString(restored), QString("Priya Okonkwo a gagné $10,000 à 2:30 avec Tom."));
    }

    // French elides "de" and "que" before a vowel: a surrogate that starts with a consonant takes
    // them in full ("d'Tom" read as "of seam" in fr-en and lost the name); one with a vowel, and
    // other languages, keep the sentence as written.
    void french_elision_before_a_surrogate() {
        SpanRules rules = toy_rules();
        rules.source_language = "fr";
        QCOMPARE(QString::fromStdString(mask_protected_spans("C'est le livre d'Anna.", rules).text),
                 QString("C'est le livre de Tom."));
        // "Tom" is in the sentence already: the name gets the next surrogate.
        QCOMPARE(QString::fromStdString(mask_protected_spans("Tom pense qu’Olivier viendra.", rules).text),
                 QString("Tom pense que Mary viendra."));
        rules.surrogates = {"Alice"};
        QCOMPARE(QString::fromStdString(mask_protected_spans("C'est le livre d'Anna.", rules).text),
                 QString("C'est le livre d'Alice."));
        rules = toy_rules();
        rules.source_language = "en";
        QCOMPARE(QString::fromStdString(mask_protected_spans("He met d'Anna.", rules).text), QString("He met d'Tom."));
    }

    // German writes a name's genitive with a bare "s": the span is the name, the surrogate takes
    // the "s" (de-en wrote "Annas's birthday party"). A name that ends in "s" itself stays whole.
    void german_genitive_in_the_source() {
        SpanRules rules = toy_rules();
        rules.source_language = "de";
        const MaskedSentence masked = mask_protected_spans("Annas Hund bellt.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("Toms Hund bellt."));
        QCOMPARE(masked.spans.size(), std::size_t(1));
        QCOMPARE(masked.spans.front().text, std::string("Anna"));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Tom's dog barks.", masked.spans)),
                 QString("Anna's dog barks."));
        QCOMPARE(mask_protected_spans("Thomas Hund bellt.", rules).spans.front().text, std::string("Thomas"));
        QCOMPARE(mask_protected_spans("Annas bellt.", rules).spans.front().text, std::string("Annas"));
        rules.source_language = "en";
        QCOMPARE(mask_protected_spans("Annas Hund bellt.", rules).spans.front().text, std::string("Annas"));
    }

    void restore_whole_words_only() {
        const MaskedSentence masked = mask_protected_spans("It was 1939.", toy_rules());
        QCOMPARE(QString::fromStdString(masked.text), QString("It was Tom."));
        // "Tomas" and "Atom" are other words: not the surrogate.
        const std::string restored = restore_protected_spans("En Tom, Tomas et Atom ; Tom.", masked.spans);
        QCOMPARE(QString::fromStdString(restored), QString("En 1939, Tomas et Atom ; 1939."));
    }

    void german_genitive() {
        const MaskedSentence masked = mask_protected_spans("We were at Leilani Kahale's house.", toy_rules());
        QCOMPARE(QString::fromStdString(masked.text), QString("We were at Tom's house."));
        const std::string restored = restore_protected_spans("Wir waren in Toms Haus.", masked.spans);
        QCOMPARE(QString::fromStdString(restored), QString("Wir waren in Leilani Kahales Haus."));
        std::vector<std::string> pieces = {"in", "Toms", "Haus"};
        relabel_surrogate_pieces(pieces, {true, true, true}, masked.spans, SpanSide::target);
        QCOMPARE(pieces, (std::vector<std::string>{"in", "Leilani Kahales", "Haus"}));
    }

    // A name the model renders as another ("Maria" -> "Mary") is read as written and put back:
    // "Tom gave Mary flowers." came out of de-en for "Tom schenkte Maria Blumen.".
    void renamed_names_stand_for_themselves() {
        SpanRules rules = toy_rules();
        rules.known_word = [](std::string_view w) { return w != "Okonkwo"; };
        rules.renamed_as = [](std::string_view name) { return name == "Maria" ? std::string("Mary") : std::string(); };
        MaskedSentence masked = mask_protected_spans("Maria schenkte Okonkwo Blumen.", rules);
        // The sentence's first word, a known word: a span all the same. Okonkwo's surrogate is
        // not "Mary", which stands for Maria in the translation.
        QCOMPARE(QString::fromStdString(masked.text), QString("Maria schenkte Tom Blumen."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Mary gave Tom flowers.", masked.spans)),
                 QString("Maria gave Okonkwo flowers."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Mary's flowers.", masked.spans)),
                 QString("Maria's flowers."));
        std::vector<std::string> pieces = {"Mary", "gave"};
        relabel_surrogate_pieces(pieces, {true, true}, masked.spans, SpanSide::target);
        QCOMPARE(pieces, (std::vector<std::string>{"Maria", "gave"}));
        // With Mary in the sentence too, the model's "Mary" would be either: Maria gets a surrogate.
        masked = mask_protected_spans("Maria und Mary singen.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("Tom und Mary singen."));
    }

    // A parenthesis inside a sentence whose translation is known is one span, read as a name
    // and shown in its brackets; the commas the model put around the name go.
    void inner_aside_is_one_span() {
        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.target_language = "de";
        rules.aside_translation = [](std::string_view aside) {
            return aside == "(near the station)" ? std::string("(in der Nähe des Bahnhofs)") : std::string();
        };
        const MaskedSentence masked = mask_protected_spans("The hotel (near the station) on Monday (42) is cheap.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("The hotel Tom on Monday Mary is cheap."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Das Hotel, Tom, am Montag Mary ist billig.", masked.spans)),
                 QString("Das Hotel (in der Nähe des Bahnhofs) am Montag (42) ist billig."));
    }

    // A family word said at the sentence's end stands in as a name and is written as the target
    // language calls that person ("I love you, Mum!" was "Je vous aime, Motus !"); elsewhere it
    // is left to the model.
    void family_word_called_at_the_end() {
        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.target_language = "fr";
        const MaskedSentence masked = mask_protected_spans("I love you, Mum!", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("I love you, Tom!"));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Je t'aime, Tom !", masked.spans)),
                 QString("Je t'aime, maman !"));
        QCOMPARE(spans_of_with("My mum is a nurse, Tom.", rules), QString(""));
        QVERIFY(spans_of_with("Thanks, Mummies!", rules).endsWith("name:Mummies"));
    }

    void more_spans_than_surrogates() {
        const MaskedSentence masked = mask_protected_spans("Mary and Tom: 1, 2, 3, 4", toy_rules());
        // "Mary" and "Tom" occur already, so two surrogates are free: the rest stay.
        QCOMPARE(QString::fromStdString(masked.text), QString("Mary and Tom: John, Alice, 3, 4"));
        QCOMPARE(masked.spans.size(), std::size_t(2));
    }

    void relabel() {
        const MaskedSentence masked = mask_protected_spans("Aisha paid 1939.", toy_rules());
        QCOMPARE(QString::fromStdString(masked.text), QString("Tom paid Mary."));
        std::vector<std::string> pieces = {"Tom", "paid", "Mary", "."};
        relabel_surrogate_pieces(pieces, {true, true, true, false}, masked.spans, SpanSide::source);
        QCOMPARE(pieces, (std::vector<std::string>{"Aisha", "paid", "1939", "."}));
        // A surrogate that is only part of a word stays as it is ("Tom" + "ate").
        std::vector<std::string> tomato = {"Tom", "ate", "Mary", "s"};
        relabel_surrogate_pieces(tomato, {true, false, true, false}, masked.spans, SpanSide::source);
        QCOMPARE(tomato, (std::vector<std::string>{"Tom", "ate", "Mary", "s"}));
        QCOMPARE(QString::fromStdString(relabel_surrogate_piece("Tom", masked.spans)), QString("Aisha"));
        QCOMPARE(QString::fromStdString(relabel_surrogate_piece("John", masked.spans)), QString("John"));
    }

    // Plain counts stand in as number words and come back from their translation; times and
    // amounts keep name surrogates.
    void dates_as_days_of_the_week() {
        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.target_language = "fr";
        rules.date_surrogates = {{"Monday", "lundi"}, {"Tuesday", "mardi"}};
        rules.month_surrogates = {{"June", "juin"}, {"July", "juillet"}};
        // "Monday" is in the sentence: the date takes the next day; the month alone takes a month.
        const MaskedSentence masked =
            mask_protected_spans("The letter of 12 March 2026 came on Monday; we leave in December.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("The letter of Tuesday came on Monday; we leave in June."));
        QCOMPARE(int(masked.spans.size()), 2);
        QVERIFY(masked.spans[0].kind == SpanKind::date);
        QCOMPARE(QString::fromStdString(masked.spans[0].translated_text()), QString("12 mars 2026"));
        const std::string restored =
            restore_protected_spans("La lettre de mardi est arrivée lundi ; nous partons en juin.", masked.spans);
        QCOMPARE(QString::fromStdString(restored),
                 QString::fromUtf8("La lettre du 12 mars 2026 est arrivée lundi ; nous partons en décembre."));
        // The heatmap's target labels show the date as the translation does.
        std::vector<std::string> pieces = {"votre", "mardi", "juin"};
        relabel_surrogate_pieces(pieces, {true, true, true}, masked.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(pieces[1]), QString("12 mars 2026"));
        QCOMPARE(QString::fromStdString(pieces[2]), QString::fromUtf8("décembre"));
        // The word before a date reads as the text does: "du", not the model's "de".
        std::vector<std::string> with_de = {"lettre", "de", "mardi"};
        relabel_surrogate_pieces(with_de, {true, true, true}, masked.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(with_de[1]), QString("du"));
        // A stand-in the model wrote in several pieces is labelled on its first.
        SpanRules names = toy_rules();
        const MaskedSentence quoted = mask_protected_spans("We stand under a \"Viet Nam\" sign.", names);
        QCOMPARE(int(quoted.spans.size()), 1);
        const std::string tom = quoted.spans[0].target_surrogate;
        std::vector<std::string> split = {"under", "a", "\"", tom.substr(0, 1), tom.substr(1), "\"", "sign"};
        relabel_surrogate_pieces(split, {true, true, true, false, false, false, true}, quoted.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(split[3] + split[4]), QString::fromUtf8("Viet Nam\u00B7"));
        // German writes a year without the "im" a month takes, and so do the labels.
        SpanRules german = rules;
        german.target_language = "de";
        german.month_surrogates = {{"June", "Juni"}};
        const MaskedSentence year = mask_protected_spans("I was born in 1960.", german);
        QCOMPARE(QString::fromStdString(year.text), QString("I was born in June."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Ich wurde im Juni geboren.", year.spans)),
                 QString("Ich wurde 1960 geboren."));
        std::vector<std::string> born = {"Ich", "wurde", "im", "Juni", "geboren", "."};
        relabel_surrogate_pieces(born, {true, true, true, true, true, false}, year.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(born[2] + " " + born[3]), QString::fromUtf8("\u00B7 1960"));
        // Without surrogates, dates are left to the model.
        for (const ProtectedSpan& span : find_protected_spans("Your letter of 12 March.", toy_rules()))
            QVERIFY(span.kind != SpanKind::date && span.kind != SpanKind::month);
    }

    // A day of the week alone stands in for one the model translates reliably ("on Wednesday"
    // came out "dimanche" or nothing in en-fr), and comes back in the target language: as a
    // word, capitalised at a sentence's start, and at the start of a plural or a compound.
    void weekdays() {
        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.target_language = "de";
        rules.weekday_surrogates = {{"Saturday", "Samstag"}, {"Monday", "Montag"}};
        const MaskedSentence masked = mask_protected_spans("He called on Friday evening, not on Saturday.", rules);
        // "Saturday" is in the sentence: Friday takes the next surrogate, and Saturday, a
        // surrogate itself, stands for itself.
        QCOMPARE(QString::fromStdString(masked.text), QString("He called on Monday evening, not on Saturday."));
        QCOMPARE(int(masked.spans.size()), 2);
        QVERIFY(masked.spans[0].kind == SpanKind::weekday);
        QCOMPARE(QString::fromStdString(restore_protected_spans("Sie rief am Montagabend an, nicht am Samstag.", masked.spans)),
                 QString("Sie rief am Freitagabend an, nicht am Samstag."));
        rules.target_language = "fr";
        rules.weekday_surrogates = {{"Saturday", "samedi"}};
        const MaskedSentence french = mask_protected_spans("Wednesday is fine.", rules);
        QCOMPARE(QString::fromStdString(french.text), QString("Saturday is fine."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Samedi, c'est bien.", french.spans)),
                 QString("Mercredi, c'est bien."));
        QVERIFY(spans_only("Wednesday", french.spans, rules));
        QCOMPARE(QString::fromStdString(target_side_masked("Wednesday", french.spans)), QString("Samedi"));
    }

    // A title and the capitalised words after it are one name span, even words the model knows
    // or a German noun after "Herrn" ("Schneider", a tailor, was dropped); the translator writes
    // the title in the target language. "die Frau" is a woman, not a title.
    void titles() {
        SpanRules rules = toy_rules();
        rules.source_language = "de";
        rules.target_language = "en";
        rules.name_titles = {"Herr", "Herrn", "Frau"};
        rules.noun_markers = {"die", "der"};
        rules.known_word = [](std::string_view w) { return w == "Schneider" || w == "Koch" || w == "Frau" || w == "Die" || w == "Ich"; };
        const MaskedSentence masked = mask_protected_spans("Ich habe mit Herrn Schneider gesprochen.", rules);
        QCOMPARE(QString::fromStdString(masked.text), QString("Ich habe mit Tom gesprochen."));
        QCOMPARE(QString::fromStdString(masked.spans.at(0).translated_text()), QString("Mr Schneider"));
        QCOMPARE(QString::fromStdString(restore_protected_spans("I spoke to Tom.", masked.spans)),
                 QString("I spoke to Mr Schneider."));
        QCOMPARE(spans_of_with("Die Frau Koch kommt.", rules), QString());
        // German writes "Herrn" after a preposition.
        rules.source_language = "en";
        rules.target_language = "de";
        rules.name_titles = {"Mr"};
        const MaskedSentence to_german = mask_protected_spans("I spoke with Mr Baker and Mr Cook came.", rules);
        QCOMPARE(QString::fromStdString(restore_protected_spans("Ich sprach mit Tom und Mary kam.", to_german.spans)),
                 QString("Ich sprach mit Herrn Baker und Herr Cook kam."));
        rules.source_language = "de";
        rules.target_language = "en";
        rules.name_titles = {"Herr", "Herrn", "Frau"};
        rules.source_language = "en";
        rules.target_language = "fr";
        rules.name_titles = {"Mr", "Dr"};
        const MaskedSentence doctor = mask_protected_spans("Dr. Mary Smith is here.", rules);
        QCOMPARE(QString::fromStdString(doctor.text), QString("Tom is here."));
        QCOMPARE(QString::fromStdString(doctor.spans.at(0).translated_text()), QString("Dr Mary Smith"));
        QCOMPARE(QString::fromStdString(translate_title("Herrn", "de", "fr")), QString("M."));
        QCOMPARE(QString::fromStdString(translate_title("Mme", "fr", "de")), QString("Frau"));
        QCOMPARE(QString::fromStdString(translate_title("Sir", "en", "fr")), QString());
    }

    // Kinship before a name is a title ("Tante Julia kommt heute." -> "Baby Julia is coming
    // today.", "Grandma Rose" -> "vous-même Rose"), after a German article too, and French writes
    // it in lower case: capitalised only to open the translation. The determiner the model wrote
    // for the masculine name standing in agrees with a feminine one.
    void kinshipTitles() {
        SpanRules rules = toy_rules();
        rules.source_language = "de";
        rules.target_language = "en";
        rules.name_titles = name_titles("de");
        rules.noun_markers = {"meine", "die"};
        rules.known_word = [](std::string_view w) { return w == "Oma" || w == "Meine"; };
        const MaskedSentence mine = mask_protected_spans("Meine Oma Ingrid wohnt in Köln.", rules);
        QCOMPARE(QString::fromStdString(mine.spans.at(0).translated_text()), QString("Grandma Ingrid"));
        // With no name after it, kinship is a word like another: here one the model does not
        // know, so a name.
        SpanRules unknown_kinship = rules;
        unknown_kinship.known_word = [](std::string_view w) { return w == "Wir" || w == "Kuchen"; };
        QCOMPARE(spans_of_with("Wir backen einen Kuchen für Oma.", unknown_kinship), QString("name:Oma"));
        rules.source_language = "en";
        rules.target_language = "fr";
        rules.name_titles = name_titles("en");
        rules.noun_markers = {};
        const MaskedSentence aunt = mask_protected_spans("Aunt Julia is coming today.", rules);
        QCOMPARE(QString::fromStdString(aunt.text), QString("Tom is coming today."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Tom vient aujourd'hui.", aunt.spans)),
                 QString::fromUtf8("Tante Julia vient aujourd'hui."));
        const MaskedSentence my_aunt = mask_protected_spans("I called my Aunt Julia.", rules);
        QCOMPARE(QString::fromStdString(restore_protected_spans("J'ai appelé mon Tom.", my_aunt.spans)),
                 QString::fromUtf8("J'ai appelé ma tante Julia."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Mon Tom vient.", my_aunt.spans)),
                 QString::fromUtf8("Ma tante Julia vient."));
        // The heatmap's labels read as the text does.
        std::vector<std::string> labels = {"J", "'", "ai", "appelé", "mon", "Tom", "."};
        relabel_surrogate_pieces(labels, {true, false, false, true, true, true, false}, my_aunt.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(labels[4] + " " + labels[5]), QString::fromUtf8("ma tante Julia"));
        labels = {"Tom", "vient", "aujourd", "'", "hui", "."};
        relabel_surrogate_pieces(labels, {true, true, true, false, false, false}, aunt.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(labels[0]), QString::fromUtf8("Tante Julia"));
        rules.target_language = "de";
        const MaskedSentence grandma = mask_protected_spans("I went with my Grandma Rose.", rules);
        QCOMPARE(QString::fromStdString(restore_protected_spans("Ich ging mit meinem Tom.", grandma.spans)),
                 QString::fromUtf8("Ich ging mit meiner Oma Rose."));
        labels = {"Ich", "ging", "mit", "meinem", "Tom", "."};
        relabel_surrogate_pieces(labels, {true, true, true, true, true, false}, grandma.spans, SpanSide::target);
        QCOMPARE(QString::fromStdString(labels[3] + " " + labels[4]), QString::fromUtf8("meiner Oma Rose"));
        const MaskedSentence uncle = mask_protected_spans("I went with my Uncle Bob.", rules);
        QCOMPARE(QString::fromStdString(restore_protected_spans("Ich ging mit meinem Tom.", uncle.spans)),
                 QString::fromUtf8("Ich ging mit meinem Onkel Bob."));
        QCOMPARE(QString::fromStdString(feminine_determiner("meinen", "Tante Julia")), QString("meine"));
        QCOMPARE(QString::fromStdString(feminine_determiner("Son", "tante Julie")), QString("Sa"));
        QCOMPARE(QString::fromStdString(feminine_determiner("mon", "oncle Paul")), QString());
        // Only a name is capitalised to open the translation: an address or a code stays as written.
        const MaskedSentence address = mask_protected_spans("Write to anna@example.com today.", rules);
        QCOMPARE(QString::fromStdString(restore_protected_spans("Tom ist meine Adresse.", address.spans)),
                 QString("anna@example.com ist meine Adresse."));
    }

    void counts_as_number_words() {
        SpanRules rules = toy_rules();
        rules.count_surrogates = {{"two", "deux"}, {"three", "trois"}, {"four", "quatre"}};
        rules.source_language = "en";
        rules.target_language = "fr";
        const MaskedSentence masked = mask_protected_spans("We drove 250 km in two hours at 2:30 for $10,000.", rules);
        // "two" is in the sentence already: the count takes "three".
        QCOMPARE(QString::fromStdString(masked.text), QString("We drove three km in two hours at Tom for Mary."));
        QCOMPARE(QString::fromStdString(masked.spans[0].target_surrogate), QString("trois"));
        const std::string restored =
            restore_protected_spans("Nous avons fait trois km en deux heures à Tom pour Mary.", masked.spans);
        QCOMPARE(QString::fromStdString(restored), QString("Nous avons fait 250 km en deux heures à 2\u00A0h\u00A030 pour 10\u00A0000\u00A0$."));

        // A count that starts the sentence is capitalised, and its translation found either way.
        const MaskedSentence initial = mask_protected_spans("3 people and 10,000 birds.", rules);
        QCOMPARE(QString::fromStdString(initial.text), QString("Two people and three birds."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Deux personnes et trois oiseaux.", initial.spans)),
                 QString("3 personnes et 10\u00A0000 oiseaux."));
        std::vector<std::string> source = {"Two", "people"}, target = {"Deux", "personnes"};
        relabel_surrogate_pieces(source, {true, true}, initial.spans, SpanSide::source);
        relabel_surrogate_pieces(target, {true, true}, initial.spans, SpanSide::target);
        QCOMPARE(source, (std::vector<std::string>{"3", "people"}));
        QCOMPARE(target, (std::vector<std::string>{"3", "personnes"}));
        QCOMPARE(QString::fromStdString(relabel_surrogate_piece("trois", initial.spans)), QString("10\u00A0000"));

        // A decimal is a count too (its noun is plural, as after "two"), written as the target
        // language writes it; odd groupings and amounts are not.
        const MaskedSentence other = mask_protected_spans("It holds 1.5 litres, 1,00 or $9.99 now.", rules);
        QCOMPARE(QString::fromStdString(other.text), QString("It holds two litres, Tom or Mary now."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Il contient deux litres, Tom ou Mary.", other.spans)),
                 QString("Il contient 1,5 litres, 1,00 ou 9,99\u00A0$."));

        // German digit groups and decimals are counts in German.
        rules.source_language = "de";
        rules.target_language = "en";
        rules.count_surrogates = {{"zwei", "two"}, {"drei", "three"}};
        const MaskedSentence german = mask_protected_spans("Der Hund lief 1,5 km, 25.000 mal.", rules);
        QCOMPARE(QString::fromStdString(german.text), QString("Der Hund lief zwei km, drei mal."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("The dog ran two km, three times.", german.spans)),
                 QString("The dog ran 1.5 km, 25,000 times."));
    }

    // A lowercase word the model never met, after a determiner and ending its phrase, is copied
    // as a name is ("the cinema at eight"); not before another word ("a retaining wall"), not
    // after a French object pronoun ("Elle le vénère").
    void unknownNounsAreCopied_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("spans");
        QTest::newRow("before a function word") << "We meet in front of the cinema at eight." << "en" << "name:cinema";
        QTest::newRow("before the stop") << "It is the invoice." << "en" << "name:invoice";
        QTest::newRow("before another word") << "We built a retaining wall." << "en" << "";
        QTest::newRow("no determiner") << "We saw cinema together." << "en" << "";
        QTest::newRow("a known word") << "We meet at the station at eight." << "en" << "";
        QTest::newRow("French determiner") << QString::fromUtf8("Il sent comme la javel.") << "fr" << "name:javel";
        QTest::newRow("French object pronoun") << QString::fromUtf8("Il le vénère.") << "fr" << "";
    }
    void unknownNounsAreCopied() {
        QFETCH(QString, sentence);
        QFETCH(QString, language);
        QFETCH(QString, spans);
        SpanRules rules = toy_rules();
        rules.source_language = language.toStdString();
        rules.determiners = determiners(rules.source_language);
        rules.unknown_word = [](std::string_view word) {
            return word == "cinema" || word == "invoice" || word == "retaining" || word == "javel" ||
                   word == "v\xC3\xA9n\xC3\xA8re";
        };
        QCOMPARE(spans_of_with(sentence.toStdString(), rules), spans);
    }

    void unknownNounsTakeAGermanCapital() {
        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.target_language = "de";
        rules.determiners = determiners("en");
        rules.unknown_word = [](std::string_view word) { return word == "pizzeria"; };
        const auto spans = find_protected_spans("We work at a pizzeria.", rules);
        QCOMPARE(spans.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(spans[0].translated_text()), QString("Pizzeria"));
        rules.target_language = "fr";
        QCOMPARE(QString::fromStdString(find_protected_spans("We work at a pizzeria.", rules)[0].translated_text()),
                 QString("pizzeria"));
    }

    // core/text/number_words.h: numbers from 13 to 99 in words, found and written in each language.
    void spelledNumbers_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("found");
        QTest::newRow("fr teens") << QString::fromUtf8("J'ai dix-neuf livres et treize stylos.") << "fr" << "dix-neuf=19 treize=13";
        QTest::newRow("fr et un") << "Il a vingt et un ans, elle vingt-et-un." << "fr" << "vingt et un=21 vingt-et-un=21";
        QTest::newRow("fr feminine") << "vers vingt et une heures" << "fr" << "vingt et une=21";
        QTest::newRow("fr seventies to nineties")
            << "soixante-dix-huit, quatre-vingts, quatre-vingt-onze" << "fr" << "soixante-dix-huit=78 quatre-vingts=80 quatre-vingt-onze=91";
        QTest::newRow("fr Belgian") << "septante-deux et nonante" << "fr" << "septante-deux=72 nonante=90";
        QTest::newRow("fr capitalised") << "Vingt-cinq personnes." << "fr" << "Vingt-cinq=25";
        QTest::newRow("fr ordinal") << QString::fromUtf8("le vingt-troisième jour") << "fr" << "";
        QTest::newRow("fr under 13") << "douze et neuf" << "fr" << "";
        QTest::newRow("de compounds") << QString::fromUtf8("zweiunddreißig und einundzwanzig") << "de"
                                      << QString::fromUtf8("zweiunddreißig=32 einundzwanzig=21");
        QTest::newRow("de Swiss") << "dreissig" << "de" << "dreissig=30";
        QTest::newRow("de inside a word") << QString::fromUtf8("ein zwanzigjähriger Mann") << "de" << "";
        QTest::newRow("en hyphen or space") << "twenty-five or twenty five" << "en" << "twenty-five=25 twenty five=25";
        QTest::newRow("en teens") << "Seventeen or nineteen." << "en" << "Seventeen=17 nineteen=19";
        QTest::newRow("en not inside a word") << "fourteenth" << "en" << "";
        QTest::newRow("other language") << "venti" << "it" << "";
    }
    void spelledNumbers() {
        QFETCH(QString, sentence);
        QFETCH(QString, language);
        QFETCH(QString, found);
        const std::string text = sentence.toStdString();
        QStringList out;
        for (const SpelledNumber& n : find_spelled_numbers(text, language.toStdString()))
            out << QString::fromStdString(text.substr(n.begin, n.length)) + "=" + QString::number(n.value);
        QCOMPARE(out.join(' '), found);
    }

    void spellsNumbers() {
        QCOMPARE(QString::fromStdString(spelled_number(25, "en")), QString("twenty-five"));
        QCOMPARE(QString::fromStdString(spelled_number(40, "en")), QString("forty"));
        QCOMPARE(QString::fromStdString(spelled_number(21, "fr")), QString("vingt et un"));
        QCOMPARE(QString::fromStdString(spelled_number(71, "fr")), QString("soixante et onze"));
        QCOMPARE(QString::fromStdString(spelled_number(79, "fr")), QString("soixante-dix-neuf"));
        QCOMPARE(QString::fromStdString(spelled_number(80, "fr")), QString("quatre-vingts"));
        QCOMPARE(QString::fromStdString(spelled_number(81, "fr")), QString("quatre-vingt-un"));
        QCOMPARE(QString::fromStdString(spelled_number(97, "fr")), QString("quatre-vingt-dix-sept"));
        QCOMPARE(QString::fromStdString(spelled_number(17, "fr")), QString("dix-sept"));
        QCOMPARE(QString::fromStdString(spelled_number(21, "de")), QString("einundzwanzig"));
        QCOMPARE(QString::fromStdString(spelled_number(30, "de")), QString::fromUtf8("dreißig"));
        QCOMPARE(QString::fromStdString(spelled_number(12, "en")), QString("twelve"));
        QCOMPARE(QString::fromStdString(spelled_number(1, "de")), QString("ein"));
        QCOMPARE(QString::fromStdString(spelled_number(0, "en")), QString());
        QCOMPARE(QString::fromStdString(spelled_number(100, "fr")), QString());
        // Each language reads back what it writes.
        for (const char* language : {"en", "fr", "de"})
            for (int value = kFirstSpelledNumber; value <= kLastSpelledNumber; ++value) {
                const std::string written = spelled_number(value, language);
                const auto found = find_spelled_numbers(written, language);
                QVERIFY2(found.size() == 1 && found[0].value == value && found[0].length == written.size(), written.c_str());
            }
    }

    // A number in words is a count the translation writes in its own language's words.
    void spelledNumbersAsCounts() {
        SpanRules rules = toy_rules();
        rules.count_surrogates = {{"deux", "two"}, {"trois", "three"}};
        rules.source_language = "fr";
        rules.target_language = "en";
        const MaskedSentence masked = mask_protected_spans(QString::fromUtf8("Dix-neuf élèves et quatre-vingt-onze livres.").toStdString(), rules);
        QCOMPARE(QString::fromStdString(masked.text), QString::fromUtf8("Deux élèves et trois livres."));
        QCOMPARE(QString::fromStdString(restore_protected_spans("Two pupils and three books.", masked.spans)),
                 QString("Nineteen pupils and ninety-one books."));
        // Not for a chat model, which answers in the language it reads.
        rules.target_language = "fr";
        QVERIFY(find_protected_spans("J'ai dix-neuf ans.", rules).empty());
    }

    // core/text/number_formats.h: decimals and digit groups change their separators between
    // English, French and German; dates, times, versions and plain numbers do not.
    void writesTheTargetLanguagesWay_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("written");
        QTest::newRow("en decimal to fr") << "1.5" << "en" << "fr" << "1,5";
        QTest::newRow("en decimal to de") << "10.25" << "en" << "de" << "10,25";
        QTest::newRow("en groups to fr") << "25,000" << "en" << "fr" << "25\u00A0000";
        QTest::newRow("en groups to de") << "1,250,000" << "en" << "de" << "1.250.000";
        // A currency sign goes where the target language writes it ("Es kostet €25." before).
        QTest::newRow("en amount to de") << "$1,000.50" << "en" << "de" << "1.000,50\u00A0$";
        QTest::newRow("en euros to de") << QString::fromUtf8("€25") << "en" << "de" << QString::fromUtf8("25\u00A0€");
        QTest::newRow("en pounds to fr") << QString::fromUtf8("£12.50") << "en" << "fr" << QString::fromUtf8("12,50\u00A0£");
        QTest::newRow("de euros to en") << QString::fromUtf8("1.250,50 €") << "de" << "en" << QString::fromUtf8("€1,250.50");
        QTest::newRow("de euros to fr") << QString::fromUtf8("25€") << "de" << "fr" << QString::fromUtf8("25\u00A0€");
        QTest::newRow("en percentage to fr") << "9.4%" << "en" << "fr" << "9,4%";
        QTest::newRow("de decimal to en") << "1,5" << "de" << "en" << "1.5";
        QTest::newRow("de groups to en") << "25.000" << "de" << "en" << "25,000";
        QTest::newRow("de groups to fr") << "25.000" << "de" << "fr" << "25\u00A0000";
        QTest::newRow("fr groups to en") << "25 000" << "fr" << "en" << "25,000";
        QTest::newRow("fr no-break groups to de") << "25\u00A0000,5" << "fr" << "de" << "25.000,5";
        QTest::newRow("fr amount to en") << QString::fromUtf8("12,99 €") << "fr" << "en" << QString::fromUtf8("€12.99");
        // Unchanged: "" (written as it is).
        QTest::newRow("plain number") << "2500" << "en" << "fr" << "";
        QTest::newRow("same convention") << "1,5" << "fr" << "de" << "";
        QTest::newRow("date") << "1.5.2024" << "de" << "en" << "";
        QTest::newRow("version") << "1.2.3" << "en" << "fr" << "";
        QTest::newRow("time") << "9:15" << "en" << "de" << "";
        QTest::newRow("phone") << "0171 234 5678" << "fr" << "en" << "";
        QTest::newRow("english 1,5 is no decimal") << "1,5" << "en" << "fr" << "";
        QTest::newRow("german 3.14 is no number") << "3.14" << "de" << "en" << "";
        QTest::newRow("ungrouped head") << "1234,567" << "en" << "fr" << "";
        QTest::newRow("other language") << "1.5" << "en" << "cs" << "";
    }

    void writesTheTargetLanguagesWay() {
        QFETCH(QString, text);
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QString, written);
        QCOMPARE(QString::fromStdString(number_written_in(text.toStdString(), source.toStdString(), target.toStdString())),
                 written);
    }

    // A number after its marker is one span, whose marker the target language writes: the models
    // read "No." as the negation ("The reference is No. 77." -> "Die Austeilung ist nicht 77.").
    void markedNumbers() {
        const auto found = [](const char* sentence, const char* language) {
            QStringList out;
            for (const MarkedNumber& m : find_marked_numbers(sentence, language))
                out << QString::fromStdString(std::string(sentence).substr(m.begin, m.length)) + "=" +
                           QString::fromStdString(m.number);
            return out.join(" | ");
        };
        QCOMPARE(found("Please pay invoice no. 4521 by Friday.", "en"), QString("no. 4521=4521"));
        QCOMPARE(found("Room No.12-B and form no. 3/2024.", "en"), QString("No.12-B=12-B | no. 3/2024=3/2024"));
        QCOMPARE(found("No. I said no 5 times.", "en"), QString(""));
        QCOMPARE(found("Casino. 12 people came.", "en"), QString(""));
        QCOMPARE(found("La facture n° 4521 et la nº12.", "fr"), QString::fromUtf8("n° 4521=4521 | nº12=12"));
        QCOMPARE(found("Rechnung Nr. 4521, Zimmer Nr 12, Nr3.", "de"), QString("Nr. 4521=4521 | Nr 12=12"));
        QCOMPARE(found("Room no. 5", "it"), QString(""));
        QCOMPARE(QString::fromStdString(write_marked_number({0, 0, "4521"}, "de")), QString("Nr. 4521"));

        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.target_language = "fr";
        const MaskedSentence masked = mask_protected_spans("The reference is No. 77.", rules);
        QVERIFY2(masked.text.find("No.") == std::string::npos, masked.text.c_str());
        QCOMPARE(masked.spans.size(), std::size_t(1));
        const std::string translated = "La référence est " + masked.spans.front().target_surrogate + ".";
        QCOMPARE(QString::fromStdString(restore_protected_spans(translated, masked.spans)),
                 QString::fromUtf8("La référence est n° 77."));
    }

    // A number after a noun that labels it is one span, whose noun the target language writes:
    // the models read "Gleis 7" as a time ("The train to Hamburg leaves 7 o'clock at 14:30.") and
    // dropped "counter" ("Bitte gehen Sie 3 an.").
    void labelledNumbers() {
        const auto found = [](const char* sentence, const char* source, const char* target) {
            QStringList out;
            for (const MarkedNumber& m : find_labelled_numbers(sentence, source, target))
                out << QString::fromStdString(std::string(sentence).substr(m.begin, m.length)) + "=" +
                           QString::fromStdString(write_marked_number(m, target));
            return out.join(" | ");
        };
        QCOMPARE(found("Der Zug fährt von Gleis 7 ab.", "de", "en"), QString("Gleis 7=platform 7"));
        QCOMPARE(found("Boarding at Gate A12, seat 14C, Room 204.", "en", "de"),
                 QString("Gate A12=Gate A12 | seat 14C=Platz 14C | Room 204=Zimmer 204"));
        QCOMPARE(found("Warten Sie an Schalter 5 in Halle 4, Raum 12.", "de", "en"),
                 QString("Schalter 5=counter 5 | Halle 4=hall 4 | Raum 12=room 12"));
        // German "Platz 3" is as often a rank; lower-case German words are no nouns; a label
        // needs its number right after it; into or from French: none.
        QCOMPARE(found("Er landete auf Platz 3, auf seite 5.", "de", "en"), QString(""));
        QCOMPARE(found("We need 3 rooms and a room for 12.", "en", "de"), QString(""));
        QCOMPARE(found("The train leaves from platform 7.", "en", "fr"), QString(""));
        QCOMPARE(found("Le train part du quai 7.", "fr", "en"), QString(""));

        SpanRules rules = toy_rules();
        rules.source_language = "de";
        rules.target_language = "en";
        const MaskedSentence masked = mask_protected_spans("Gleis 7 ist heute gesperrt.", rules);
        QVERIFY2(masked.text.find("Gleis") == std::string::npos, masked.text.c_str());
        QCOMPARE(masked.spans.size(), std::size_t(1));
        // First in the sentence, it takes the sentence's capital.
        const std::string translated = masked.spans.front().target_surrogate + " is closed today.";
        QCOMPARE(QString::fromStdString(restore_protected_spans(translated, masked.spans)),
                 QString("Platform 7 is closed today."));
        // Where English goes "to" it, German says "zu" if the model wrote no preposition.
        rules.source_language = "en";
        rules.target_language = "de";
        const MaskedSentence go = mask_protected_spans("He went to counter 3, not from counter 4.", rules);
        QCOMPARE(go.spans.size(), std::size_t(2));
        const std::string german = "Bitte gehen Sie " + go.spans[0].target_surrogate + ", nicht von " +
                                   go.spans[1].target_surrogate + ".";
        QCOMPARE(QString::fromStdString(restore_protected_spans(german, go.spans)),
                 QString("Bitte gehen Sie zu Schalter 3, nicht von Schalter 4."));
        const std::string with_zum = "Gehen Sie zum " + go.spans[0].target_surrogate + ".";
        QCOMPARE(QString::fromStdString(restore_protected_spans(with_zum, {go.spans[0]})), QString("Gehen Sie zum Schalter 3."));
        // "from" is "von": not "um Gleis 7".
        const MaskedSentence leaves = mask_protected_spans("He leaves from platform 7.", rules);
        QCOMPARE(QString::fromStdString(restore_protected_spans("Er fährt um " + leaves.spans[0].target_surrogate + " ab.", leaves.spans)),
                 QString("Er fährt von Gleis 7 ab."));
    }

    // A range is one count written with the target language's "to": "2 to 3 weeks" came out "2 3
    // Wochen", "Es dauert 20-30." lost "Minuten".
    void numberRanges() {
        const auto found = [](const char* sentence, const char* source, const char* target) {
            QStringList out;
            for (const NumberRange& range : find_number_ranges(sentence, source))
                out << QString::fromStdString(range.text) + "=" +
                           QString::fromStdString(write_number_range(range.text, source, target));
            return out.join(" | ");
        };
        QCOMPARE(found("within 3 to 5 working days, (10 to 15)", "en", "de"), QString("3 to 5=3 bis 5 | 10 to 15=10 bis 15"));
        QCOMPARE(found("Der Kurs dauert 2 bis 3 Wochen.", "de", "fr"), QString::fromUtf8("2 bis 3=2 à 3"));
        QCOMPARE(found("Il faut 10 à 15 chaises.", "fr", "en"), QString("10 à 15=10 to 15"));
        // Not a score, a from-to (times, years), a decimal or a time.
        QCOMPARE(found("They won 3 to 1; open from 9 to 17; 2 to 3.5 kg; 5 to 6:30", "en", "de"), QString(""));
        QCOMPARE(found("von 9 bis 17 Uhr, de 7 à 9 heures", "de", "en"), QString(""));
        QVERIFY(is_number_range("20-30", "en"));
        QVERIFY(!is_number_range("30-20", "en"));
        QVERIFY(!is_number_range("2.5-3", "en"));

        SpanRules rules = toy_rules();
        rules.source_language = "en";
        rules.target_language = "de";
        const MaskedSentence masked = mask_protected_spans("The course lasts 2 to 3 weeks.", rules);
        QCOMPARE(masked.spans.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(masked.spans.front().text), QString("2 to 3"));
        QCOMPARE(QString::fromStdString(masked.spans.front().translated_text()), QString("2 bis 3"));
    }

    void readsTheParts() {
        const auto number = read_number("$25,000.75", "en");
        QVERIFY(number);
        QCOMPARE(QString::fromStdString(number->prefix), QString("$"));
        QCOMPARE(QString::fromStdString(number->integer), QString("25000"));
        QCOMPARE(QString::fromStdString(number->fraction), QString("75"));
        QVERIFY(number->grouped);
        QVERIFY(number->suffix.empty());
        QVERIFY(!read_number("1.5.2024", "de"));
        QVERIFY(!read_number("abc", "en"));
    }
};

QTEST_GUILESS_MAIN(TestProtectedSpans)
#include "test_protected_spans.moc"
