#pragma once
// The preposition before a day of the week, where the models wrote another: de-en "Leider kann
// ich am Donnerstag nicht an der Besprechung teilnehmen" -> "attend the meeting at Thursday"
// (inside a letter; "on Thursday" alone), en-de "I will arrive on Sunday instead" -> "an
// Sonntag"; de-en "Am Samstag fahre ich nach Hamburg" -> "In Saturday, I go to Hamburg" (the
// reverse model's reranking favours the literal order). English "at" or "in" before a day's name
// becomes "on" (not "at Thursday's meeting", "in Saturday's paper"), German "an" before it "am"
// (not "an Sonntagen"), after decoding. Before a time of day, English "on" or "in" becomes
// "at" ("at 18:30") and German "am", "an" or "im" "um" (en-de "Der Laden öffnet um 9:00 Uhr und
// schließt am 18:30 Uhr.").

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// `text` in `language` ("en", "de"; others as they are) with those prepositions fitted.
std::string with_weekday_prepositions(std::string_view text, std::string_view language);

// The same for a hypothesis's pieces (display form, `word_start` per piece).
void fit_weekday_preposition_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                                    std::string_view language);

}  // namespace attentive
