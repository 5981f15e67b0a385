#pragma once
// A state that lasts until now: French "depuis" and German "seit" with the present ("J'habite à
// Toronto depuis douze ans.", "Ich bin seit Samstag hier.") are English's present perfect ("I
// have lived in Toronto for twelve years."), and fr-en wrote the present in 4 of 8 sentences of
// mine ("I live in Toronto for twelve years.", "I'm here since Saturday."), though its beam held
// the perfect. The translator prefers a hypothesis with the perfect (hypothesis_preferences.h).
// The other way round, English's present perfect with "for" or "since" ("I have been learning
// French for six months.") is French's present with "depuis", and en-fr wrote the past in 5 of
// 8 such sentences of mine ("J'ai appris le français pour six mois.", "Mon père a été malade
// pendant une semaine."); it too prefers a hypothesis with "depuis" and the present.

#include <string_view>

namespace attentive {

// Whether `source` (in `language`: "fr", "de", "en") tells how long something has lasted:
// "depuis", "seit", "seitdem"; in English a perfect (has_perfect) with "since", or with "for"
// and a length of time ("for six months", "for a long time", "for ages"; not "for a friend").
bool tells_duration_until_now(std::string_view source, std::string_view language);

// Whether the English `text` says "since" or "for", as a duration does ("for twelve years",
// "since Saturday").
bool says_since_or_for(std::string_view text);

// Whether the English `text` has a perfect: have, has, 've, had (not or never between) before
// "been" or a past participle ("have lived", "hasn't eaten", "'ve known"), or 's before "been"
// ("It's been raining"; "It's raining" is none).
bool has_perfect(std::string_view text);

// Whether the French `text`, a translation of the English `source`, says "depuis" with the
// present: no form of "avoir" before a past participle, nor of "être" unless the source says
// "been" before a state ("J'apprends le français depuis six mois.", "Ils sont mariés depuis vingt
// ans." for "have been married"; not "Elle a vécu à Paris depuis dix ans.", nor "Elle est vécu
// ..." for "has lived").
bool says_depuis_with_present(std::string_view text, std::string_view source);

}  // namespace attentive
