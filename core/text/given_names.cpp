#include "core/text/given_names.h"

#include <set>
#include <string>

namespace attentive {

namespace {

const std::set<std::string, std::less<>> kGivenNames = {
    // English
    "Alice", "Amelia", "Andrew", "Anna", "Anne", "Ben", "Charlotte", "Chloe", "Daniel", "David", "Edward", "Elizabeth",
    "Emily", "Emma", "Eric", "Frank", "George", "Harry", "Helen", "Henry", "James", "Jane", "Jennifer", "Jessica", "Jim", "Joe",
    "John", "Joseph", "Kate", "Laura", "Lisa", "Lucy", "Margaret", "Martin", "Mary", "Matthew", "Michael", "Nina", "Olivia",
    "Oliver", "Paul", "Peter", "Richard", "Robert", "Sam", "Sarah", "Sophia", "Susan", "Thomas", "Tim", "Tom",
    "William",
    // French
    "Adèle", "Agnès", "Alain", "Alexandre", "Antoine", "Aurélie", "Benoît", "Bernard", "Camille", "Catherine",
    "Céline", "Christine", "Claire", "Clément", "Colette", "Denis", "Didier", "Élodie", "Émilie", "François",
    "Françoise", "Guillaume", "Hélène", "Hugo", "Inès", "Isabelle", "Jacques", "Jean", "Jeanne", "Jules",
    "Julie", "Julien", "Juliette", "Laurent", "Léa", "Léo", "Louis", "Louise", "Luc", "Lucas", "Lucie",
    "Manon", "Marc", "Marie", "Mathieu", "Mathilde", "Michel", "Monique", "Nathalie", "Nicolas",
    "Olivier", "Pascal", "Philippe", "Pierre", "Raphaël", "René", "Rose", "Sébastien", "Sophie", "Stéphane",
    "Sylvie", "Théo", "Thierry", "Valérie", "Victor", "Vincent", "Yves",
    // German
    "Adelheid", "Andrea", "Andreas", "Anke", "Birgit", "Christian", "Clara", "Claudia", "Dieter", "Elias", "Elisabeth", "Elke", "Emil", "Eva", "Felix", "Finn",
    "Florian", "Frieda", "Fritz", "Gerhard", "Gisela", "Greta", "Hannah", "Hans", "Heike", "Heinrich", "Helmut",
    "Ida", "Ingrid", "Jan", "Jens", "Johann", "Johanna", "Johannes", "Jonas", "Julia", "Julius", "Jürgen", "Jutta", "Karl", "Katharina",
    "Klaus", "Lars", "Lea", "Lena", "Leon", "Lina", "Linus", "Lukas", "Maria", "Markus", "Martina", "Matthias", "Max", "Mia",
    "Monika", "Niklas", "Nikolaus", "Noah", "Otto", "Petra", "Renate", "Sabine", "Sandra", "Sebastian", "Stefan", "Susanne",
    "Tobias", "Ursula", "Uwe", "Wilhelm", "Wolfgang",
    // Spanish, Italian, Portuguese, Polish: names letters are written to and signed with, which
    // the models know too little to copy ("José García" -> "García")
    "Agnieszka", "Alejandro", "Ana", "Carlos", "Carmen", "Diego", "Francesca", "Giovanni", "Giulia", "Giuseppe",
    "Isabel", "Javier", "João", "José", "Juan", "Katarzyna", "Krzysztof", "Luca", "Lucía", "Luis", "Łukasz",
    "Małgorzata", "Marco", "Miguel", "Pablo", "Piotr", "Sofía", "Tomasz"};

}  // namespace

bool is_given_name(std::string_view word) { return kGivenNames.contains(word); }

}  // namespace attentive
