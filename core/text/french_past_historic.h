#pragma once
// The French simple past (passé simple) is the tense of novels; letters, messages and speech
// use the compound past (passé composé). Tatoeba's French holds both, and en-fr wrote the simple
// past in 6 of 20 past-tense sentences of mine ("She closed the window" -> "Elle ferma la
// fenêtre", "They arrived at the hotel at midnight." -> "Ils arrivèrent à l'hôtel à minuit."),
// and in the app's own demo letter ("Nous marchâmes le long de la falaise"). The translator
// decodes such a sentence again without the simple past's forms (translation_repairs.cpp) and
// keeps the result when it writes each of those verbs in the compound past.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attentive {

class FrenchPastHistoric {
public:
    FrenchPastHistoric() = default;
    // The forms among `words` (a translator's target_words.txt, lowercase) that can only be the
    // simple past: those of listed -er verbs ("ferma", "arrivèrent", "marchâmes"), of -dre and
    // -ir verbs whose present differs ("attendit", "ouvrit", "finirent"; not "finit"), and of
    // common irregular verbs ("fut", "prit", "vint"). Not those that are also another word
    // ("visa", "vit", "dit").
    explicit FrenchPastHistoric(const std::vector<std::string>& words);

    bool empty() const { return m_participles.empty(); }
    // Whether `text` holds a simple-past form.
    bool in(std::string_view text) const;
    // Whether `after` writes each simple-past verb of `before` in the compound past: its past
    // participle ("ferma" -> "fermé", agreed or not) after a form of "avoir" or "être" ("Elle
    // l'a fermée", "Tom s'est assis", "Elle a ouvert la porte et regardé dehors").
    bool compound_in(std::string_view before, std::string_view after) const;
    // `words` without the simple-past forms.
    std::vector<std::string> without_forms(const std::vector<std::string>& words) const;

private:
    std::unordered_map<std::string, std::string> m_participles;  // simple-past form -> participle
};

}  // namespace attentive
