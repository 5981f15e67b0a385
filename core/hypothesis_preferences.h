#pragma once
// Which of a beam's hypotheses the translator takes, besides the model's score: one that keeps
// every protected span (names, numbers, dates), the source's negation, the formal "you" of a
// formal letter; and whether a translation made formal says all that the familiar one said.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/protected_spans.h"
#include "core/translator.h"

namespace attentive {

// How often `text` holds `part`.
std::size_t occurrences(const std::string& text, const std::string& part);
// How often `text` writes the span, also with a capital first letter ("Mardi, ..." starts a
// sentence).
std::size_t span_occurrences(const std::string& text, const ProtectedSpan& span);
// True when the hypothesis's text holds every span of `spans`, none more often than the source
// does: a surrogate written twice reads "Wie viel kostet Berlin für Berlin?".
bool keeps_spans(const Hypothesis& h, const std::vector<ProtectedSpan>& spans);
// How many of `spans` the hypothesis keeps so.
std::size_t kept_spans(const Hypothesis& h, const std::vector<ProtectedSpan>& spans);

// Moves the hypotheses whose text holds every span ahead of those that lost one, keeping the
// order of scores within each group. Returns the end of the group the first now belongs to: the
// hypotheses keeping every span, or all of them when none does.
std::vector<Hypothesis>::iterator prefer_hypotheses_keeping_spans(std::vector<Hypothesis>& hypotheses,
                                                                  const std::vector<ProtectedSpan>& spans);

using Hypotheses = std::vector<Hypothesis>::iterator;
// When the first of [first, last) lost the source's negation, the first that keeps it (in
// `target_language`) moves to the front if it scores close enough to the best.
void prefer_hypothesis_keeping_negation(Hypotheses first, Hypotheses last, std::string_view target_language);
// For a source that tells how long a state has lasted ("depuis", "seit": core/text/durations.h):
// when the first of [first, last), in English, says "since" or "for" without a perfect ("I live
// in Toronto for twelve years."), the first with one moves to the front if it scores close
// enough to the best ("I have been living in Toronto for twelve years.").
void prefer_perfect_for_durations(Hypotheses first, Hypotheses last);
// For an English source with a perfect that tells how long ("I have been learning French for six
// months."): when the first of [first, last), in French, does not say "depuis" with the present
// ("J'ai appris le français pendant six mois."), the first that does moves to the front if it
// scores close enough to the best ("Ils sont mariés depuis vingt ans.").
void prefer_present_for_durations(Hypotheses first, Hypotheses last, std::string_view source);
// When the first of [first, last) says "du" or "tu", the first that does not moves to the front
// if it scores close enough to the best.
void prefer_formal_address(Hypotheses first, Hypotheses last, std::string_view target_language);
// When the first of [first, last) says "Sie" or "vous", the first that says "du" or "tu" and
// not those moves to the front if it scores close enough to the best.
void prefer_familiar_address(Hypotheses first, Hypotheses last, std::string_view target_language);

// When the first of [first, last) says both "du" and "Sie", or "tu" and "vous", the first that
// says one of them moves to the front if it scores close enough to the best.
void prefer_one_address(Hypotheses first, Hypotheses last, std::string_view target_language);

// Whether `after`, a translation made formal or familiar, holds every content word of `before`
// and the last word of each of its clauses (but its familiar forms) in some form, but for as
// many words as `before` has address forms, each of which may take its verb's form with it: "du
// kannst" -> "Sie können", "tu donnes" -> "vous donnez", "Sie müssen" -> "du musst", where `after`
// has a new word with the same first letter ("Est-ce que tu donnes" -> "Allez-vous" is refused).
bool says_all_but_verb_forms(std::string_view before, std::string_view after, std::string_view language);

}  // namespace attentive
