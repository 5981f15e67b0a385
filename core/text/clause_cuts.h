#pragma once
// Where a long sentence joins two clauses with a conjunction ("..., and next summer she wants
// ...", "... on Saturday morning because our flight ..."). The translators' attention loses its
// place in long sentences, and a clause goes missing: "My brother Daniel will drive us to the
// airport on Saturday morning because our flight to Vienna leaves at 7:45." -> "Mein Bruder
// Daniel mit uns am Samstagmorgen, weil ...". Read one at a time, each clause comes through whole
// ("Mein Bruder Daniel wird uns am Samstagmorgen zum Flughafen fahren."), and the two
// translations joined by the conjunction are the sentence's (Translator, split_dropped_clauses).
//
// German "weil", "während", "wo", "wenn" put the verb last, and "also" before its verb: English
// "because" is joined with "denn", which keeps a main clause's order, a clause after "while",
// "where", "when" or "if" is read with its conjunction, which the model translates and orders
// the clause for ("Während wir meine Eltern besuchen."), and "so" is not cut into German (en-de
// read "So the schools ..." as "Bis die Schule ..."). French and English keep a main clause's
// order after every conjunction cut.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// Each clause of a cut has at least this many words: shorter ones are phrases, not clauses
// ("apples, pears, and bananas"), and read as well within the sentence.
inline constexpr std::size_t kClauseCutWords = 4;
// Only a sentence of at least this many words is cut: the models keep their place in shorter
// ones, where a word the lexicon misses is more often a synonym than a lost clause ("Il fait très
// beau aujourd'hui, mais demain il va pleuvoir." -> "It's very fine today, but tomorrow it will
// rain.", which split read "It is very good today, but tomorrow is going to rain.").
inline constexpr std::size_t kClauseCutSentenceWords = 14;

struct ClauseCut {
    std::size_t first_end = 0;     // the first clause is [0, first_end): no comma, no space
    std::size_t second_begin = 0;  // the second clause starts here, after the conjunction
    std::string conjunction;       // the target language's ("denn", "parce que"); "" when the
                                   // second clause holds it (second_begin is the conjunction's)
    bool comma = false;            // the target writes a comma before it
};

// The cuts of `sentence` (one sentence in `source_language`) for a translation into
// `target_language`, in order. English into French or German: before "and", "but", "or", "so"
// (French only), "while", "where" and "when" after a comma, "because" with or without one, and
// "if" (not "as if", "even if", "only if"). German into English, after a comma: "und", "aber", "denn", "weil",
// "sodass", "während" (not "wo", often an indirect question: "Ich weiß nicht mehr, wo ...").
// French into English: "mais", "parce que" (and "parce qu'il"), "pendant que", "tandis que",
// "quand", "si" before its subject (and "s'il"); after a comma, "et", "car", "donc", "alors",
// "où". "and", "und" and "et" need no comma before a subject pronoun ("... a message and I will
// buy it"). An "and" that ends a list is not cut ("apples, pears, and bananas"), nor a conjunction
// inside brackets or quotes, nor "so that" (a purpose: "pour que", "damit"). None for other
// pairs.
std::vector<ClauseCut> clause_cuts(std::string_view sentence, std::string_view source_language,
                                   std::string_view target_language);

// The translations of a cut's two clauses as one sentence: `first` without its final stop, the
// conjunction (with its comma; none when `second` says it), and `second`, whose first letter is put in lower case unless `second_capital`
// says it stays (a name; a German noun). French "que" is elided before a vowel ("parce qu'il"),
// "si" before "il" ("s'il").
std::string joined_clauses(std::string_view first, const ClauseCut& cut, std::string_view second,
                           bool second_capital);

}  // namespace attentive
