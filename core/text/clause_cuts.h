#pragma once
// Where a long English sentence joins two clauses with a conjunction ("..., and next summer she
// wants ...", "... on Saturday morning because our flight ..."). The translators' attention
// loses its place in long sentences, and a clause goes missing: "My brother Daniel will drive us
// to the airport on Saturday morning because our flight to Vienna leaves at 7:45." -> "Mein
// Bruder Daniel mit uns am Samstagmorgen, weil ...". Read one at a time, each clause comes
// through whole ("Mein Bruder Daniel wird uns am Samstagmorgen zum Flughafen fahren."), and the
// two translations joined by the conjunction are the sentence's (Translator,
// split_dropped_clauses).
//
// Only conjunctions after which the target language keeps a main clause's word order are cut:
// German "weil", "während", "wo", "wenn" put the verb last, so "because" is joined with "denn",
// and "while", "where", "when" and "if" are not cut for German.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// Each clause of a cut has at least this many words: shorter ones are phrases, not clauses
// ("apples, pears, and bananas"), and read as well within the sentence.
inline constexpr std::size_t kClauseCutWords = 4;

struct ClauseCut {
    std::size_t first_end = 0;     // the first clause is [0, first_end): no comma, no space
    std::size_t second_begin = 0;  // the second clause starts here, after the conjunction
    std::string conjunction;       // the target language's ("denn", "parce que")
    bool comma = false;            // the target writes a comma before it
};

// The cuts of `sentence` (English, one sentence) for a translation into `target_language` ("fr"
// or "de"), in order: before "and", "but", "or", "so" (French only) after a comma, "because"
// with or without one; French only: "while", "where" and "when" after a comma, and "if" (not
// "as if", "even if", "only if"). An "and" or "or" that ends a list is not cut. Not inside brackets or
// quotes, nor before "so that" (a purpose: "pour que", "damit"). None for other languages.
std::vector<ClauseCut> clause_cuts(std::string_view sentence, std::string_view target_language);

// The translations of a cut's two clauses as one sentence: `first` without its final stop, the
// conjunction, and `second`, whose first letter is put in lower case unless `second_capital`
// says it stays (a name; a German noun). French "que" is elided before a vowel ("parce qu'il"),
// "si" before "il" ("s'il").
std::string joined_clauses(std::string_view first, const ClauseCut& cut, std::string_view second,
                           bool second_capital);

}  // namespace attentive
