#pragma once
// A state that lasts until now: French "depuis" and German "seit" with the present ("J'habite à
// Toronto depuis douze ans.", "Ich bin seit Samstag hier.") are English's present perfect ("I
// have lived in Toronto for twelve years."), and fr-en wrote the present in 4 of 8 sentences of
// mine ("I live in Toronto for twelve years.", "I'm here since Saturday."), though its beam held
// the perfect. The translator prefers a hypothesis with the perfect (hypothesis_preferences.h).

#include <string_view>

namespace attentive {

// Whether `source` (in `language`: "fr", "de") tells how long something has lasted: "depuis",
// "seit", "seitdem".
bool tells_duration_until_now(std::string_view source, std::string_view language);

// Whether the English `text` says "since" or "for", as a duration does ("for twelve years",
// "since Saturday").
bool says_since_or_for(std::string_view text);

// Whether the English `text` has a perfect: have, has, 've, had (not or never between) before
// "been" or a past participle ("have lived", "hasn't eaten", "'ve known"), or 's before "been"
// ("It's been raining"; "It's raining" is none).
bool has_perfect(std::string_view text);

}  // namespace attentive
