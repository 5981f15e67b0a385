#pragma once
// A sentence that opens with a time adverbial and no comma after it: "Tomorrow we will visit the
// museum", "Last week I saw your sister". French writes a comma there, and the en-fr model, whose
// French targets had it, reads the bare opening as the start of a "que" clause: "Demain que nous
// allons visiter le musée", "L'année prochaine nous déménagera à Lyon". Finding the opening lets
// the translator force the comma after its translation (Translator, comma_after_time_openings).

#include <cstddef>
#include <string_view>

namespace attentive {

// The number of words of the time adverbial `sentence` opens with ("Tomorrow", "Yesterday",
// "Today", "Tonight", "Last week", "This morning", "On Monday", "In the evening"), when a subject follows it without a comma (a
// pronoun, or a determiner: "we", "my", "the"); 0 otherwise ("Today is Monday", "Tomorrow, we
// ...", a language other than English).
std::size_t time_opening_words(std::string_view sentence, std::string_view language);

}  // namespace attentive
