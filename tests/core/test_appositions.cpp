// core/text/appositions.h: a name after a noun after a possessive.

#include <QTest>

#include <string>
#include <vector>

#include "core/text/appositions.h"

using namespace attentive;

namespace {

// The appositions of `sentence`, taking `name` (its first occurrence) as its only name, as
// "head name" strings.
std::vector<std::string> appositions(std::string_view sentence, std::string_view name, std::string_view language) {
    const std::size_t at = sentence.find(name);
    std::vector<std::string_view> names;
    if (at != std::string_view::npos) names.push_back(sentence.substr(at, name.size()));
    std::vector<std::string> found;
    for (const Apposition& a : find_appositions(sentence, names, language))
        found.push_back(std::string(a.head) + " " + std::string(a.name));
    return found;
}

using Found = std::vector<std::string>;

}  // namespace

class TestAppositions : public QObject {
    Q_OBJECT
private slots:
    void afterANounAfterAPossessive() {
        QCOMPARE(appositions("My brother Paul moved to Vienna last summer.", "Paul", "en"), Found{"brother Paul"});
        QCOMPARE(appositions("Yesterday my little brother Okonkwo called.", "Okonkwo", "en"), Found{"brother Okonkwo"});
        QCOMPARE(appositions("I met our new neighbour Priya.", "Priya", "en"), Found{"neighbour Priya"});
        QCOMPARE(appositions("Mon frère Paul a déménagé à Vienne.", "Paul", "fr"), Found{"frère Paul"});
        QCOMPARE(appositions("Notre voisin Dupont a un chien.", "Dupont", "fr"), Found{"voisin Dupont"});
        QCOMPARE(appositions("Mein Bruder Paul ist nach Wien gezogen.", "Paul", "de"), Found{"Bruder Paul"});
        QCOMPARE(appositions("Ich habe meiner Freundin Anna geschrieben.", "Anna", "de"), Found{"Freundin Anna"});
        // A name of several words, or with its title, as the span finder gives it.
        QCOMPARE(appositions("Our neighbour Mr. Okafor has a new dog.", "Mr. Okafor", "en"), Found{"neighbour Mr. Okafor"});
        QCOMPARE(appositions("My colleague Anna Schmidt will call.", "Anna Schmidt", "en"), Found{"colleague Anna Schmidt"});
    }
    void notAnApposition() {
        // No possessive, a verb, a preposition or a function word before the name.
        QCOMPARE(appositions("I visited London last year.", "London", "en"), Found{});
        QCOMPARE(appositions("The man Paul saw was tall.", "Paul", "en"), Found{});
        QCOMPARE(appositions("My trip to Paris was short.", "Paris", "en"), Found{});
        QCOMPARE(appositions("She gave her Paul's book.", "Paul", "en"), Found{});
        // A comma after the noun, a capitalised noun in English, a lower-case noun in German.
        QCOMPARE(appositions("My brother, Paul, moved.", "Paul", "en"), Found{});
        QCOMPARE(appositions("Ich gab meinem freund Blumen.", "Blumen", "de"), Found{});
        // Too many words between the possessive and the name.
        QCOMPARE(appositions("My very old tall brother Paul came.", "Paul", "en"), Found{});
        // Not a language with a possessive list.
        QCOMPARE(appositions("Mi hermano Paul vive aquí.", "Paul", "es"), Found{});
    }
};

QTEST_GUILESS_MAIN(TestAppositions)
#include "test_appositions.moc"
