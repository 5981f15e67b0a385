#pragma once
// An age someone reaches, said in English with "turn": "Mia turns four next week", "I'm turning
// thirty". The translators read "turn" as a movement: "Grandpa Harold turns ninety in June." ->
// "Papi Harold se tourne à quatre-vingt-dix juins.", "Opa Harold dreht neunzig im Juni.". Read
// as "is ninety years old" they say it as French and German do: "Papi Harold a quatre-vingt-dix
// ans en juin.", "Opa Harold ist neunzig Jahre alt im Juni." (the present for a coming day, as
// both languages allow). The translators from English read the age so, and the heatmap shows
// the words as typed (core/text/rewritten_words.h).
//
// Only the present: "turned seven" read as "was seven years old" came out "était sept ans" in
// French, and "will turn thirty" as "will be thirty years old" "sera trente ans".

#include <string_view>
#include <vector>

#include "core/text/rewritten_words.h"

namespace attentive {

// Each age reached in the present in `text` (English), with what the model reads in its place:
// "turns N" -> "is N years old"; "turning N" after "is", "are", "am" or their contractions ->
// "N years old". N is a number in digits (up to three) or in words ("four", "twenty-one", "a
// hundred"), followed by the end of the sentence, a mark, "years old", or a word that may follow
// an age ("today", "next", "in", "on", "and", ...): "the road turns 90 degrees" and "she turns 3
// pages" are no ages.
std::vector<RewrittenWord> age_phrases(std::string_view text);

}  // namespace attentive
