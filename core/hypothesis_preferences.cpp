#include "core/hypothesis_preferences.h"

#include <algorithm>

#include "core/decoding/insertion_points.h"
#include "core/text/address_forms.h"
#include "core/text/durations.h"
#include "core/text/lexicon.h"
#include "core/text/negation.h"
#include "core/text/utf8.h"

namespace attentive {

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size())) ++count;
    return count;
}

std::size_t span_occurrences(const std::string& text, const ProtectedSpan& span) {
    // A unit is a word ("m", "kilos"), found inside others ("mètres", "kilomètres") as a part;
    // a set phrase or an ordinal may show fitted to its place ("in einer halben Stunde").
    const auto count = [&](const std::string& part) {
        return span.kind == SpanKind::unit ? whole_word_occurrences(text, part) : occurrences(text, part);
    };
    std::size_t total = 0;
    const std::vector<std::string> forms = translated_forms(span);
    for (const std::string& shown : forms) {
        const std::string upper = with_upper_first(shown);
        total += count(shown) + (upper != shown ? count(upper) : 0);
    }
    return total;
}

namespace {

// True when the hypothesis's text holds `span`, and not more often than the source does.
bool keeps_span(const Hypothesis& h, const ProtectedSpan& span, const std::vector<ProtectedSpan>& spans) {
    const std::size_t in_source = static_cast<std::size_t>(std::count_if(spans.begin(), spans.end(), [&](const ProtectedSpan& other) {
        return other.translated_text() == span.translated_text();
    }));
    const std::size_t in_output = span_occurrences(h.text, span);
    return in_output >= 1 && in_output <= in_source;
}

}  // namespace

bool keeps_spans(const Hypothesis& h, const std::vector<ProtectedSpan>& spans) {
    return std::all_of(spans.begin(), spans.end(),
                       [&](const ProtectedSpan& span) { return keeps_span(h, span, spans); });
}

std::size_t kept_spans(const Hypothesis& h, const std::vector<ProtectedSpan>& spans) {
    return static_cast<std::size_t>(std::count_if(
        spans.begin(), spans.end(), [&](const ProtectedSpan& span) { return keeps_span(h, span, spans); }));
}

std::vector<Hypothesis>::iterator prefer_hypotheses_keeping_spans(std::vector<Hypothesis>& hypotheses,
                                                                  const std::vector<ProtectedSpan>& spans) {
    if (spans.empty()) return hypotheses.end();
    const auto kept_end = std::stable_partition(hypotheses.begin(), hypotheses.end(),
                                                [&](const Hypothesis& h) { return keeps_spans(h, spans); });
    return kept_end == hypotheses.begin() ? hypotheses.end() : kept_end;
}

namespace {

// When the best hypothesis lost the source's negation, the first that keeps it moves to the
// front if it scores within kNegationMargin of the best: "Je suis désolé de ne pas avoir écrit
// plus tôt" (0.32 below "... d'avoir écrit plus tôt"), "Je ne sais pas comment ça fonctionne"
// (0.23 below "J'ignore ..."). Further down the beam holds forced negations ("Il ne s'en soucie
// pas si sa voiture est.", 3.5 below).
constexpr float kNegationMargin = 0.4f;

// fr-en's beam held the perfect 0.2-1.9 below a present with "since" or "for": "I have been
// living in Toronto for twelve years." 0.23 below, "I have been here since Saturday." 1.45,
// "I have been learning German for three months." 1.59, "My brother has lived in Montreal for
// three years." 1.93 (sentences of mine). At 2.5, as at 1.6, two dev translations change.
constexpr float kPerfectMargin = 2.5f;

// Moves to the front the first hypothesis of [first, last) that is `wanted`, when the first is
// not and that one scores within `margin` of it.
template <class Wanted>
void prefer_within(Hypotheses first, Hypotheses last, float margin, Wanted wanted) {
    if (first == last || wanted(*first)) return;
    const float floor = first->score - margin;
    const auto found = std::find_if(first, last, [&](const Hypothesis& h) { return h.score >= floor && wanted(h); });
    if (found != last) std::rotate(first, found, found + 1);
}

// A letter that opens formally keeps the formal "you": when the best hypothesis says "du" or
// "tu", the first that does not moves to the front if it scores within kAddressMargin of the
// best ("Danke für deinen Brief" -> "Danke für Ihren Brief", 0.43 below; "Ich werde Sie morgen
// anrufen", 1.30 below). The two readings are otherwise the same sentence, so the margin is
// wider than negation's: on 300 Tatoeba dev sources with "you", read formally, en-de kept "du"
// in 107 translations at 1.0 and 71 at 1.5, the formal ones read as well (en-fr 28 and 20,
// one "que vous tenirz" among the 1.5 ones).
constexpr float kAddressMargin = 1.5f;

// A translation that says "tu" and "vous" to one reader ("Peux-tu fermer la porte sur votre
// chemin ?", 20 of 2,146 en-fr Tatoeba dev translations) gives way to the first that keeps to
// one of them, within kMixedAddressMargin of it: 3 stay mixed, at 1.5 too.
constexpr float kMixedAddressMargin = 1.0f;

}  // namespace

void prefer_one_address(Hypotheses first, Hypotheses last, std::string_view target_language) {
    if (first == last) return;
    const auto mixed = [&](const Hypothesis& h) {
        // A German "Sie" first may be "she": "Sie mag dein Auto." says one "you".
        std::string_view text = h.text;
        if (target_language == "de" && text.starts_with("Sie ")) text.remove_prefix(4);
        return addresses_familiarly(text, target_language) && addresses_formally(text, target_language);
    };
    const std::size_t imperatives = imperatives_in(first->text, target_language);
    prefer_within(first, last, kMixedAddressMargin, [&](const Hypothesis& h) {
        return !mixed(h) && imperatives_in(h.text, target_language) >= imperatives;
    });
}

void prefer_hypothesis_keeping_negation(Hypotheses first, Hypotheses last, std::string_view target_language) {
    prefer_within(first, last, kNegationMargin, [&](const Hypothesis& h) { return has_negation(h.text, target_language); });
}

void prefer_perfect_for_durations(Hypotheses first, Hypotheses last) {
    if (first == last || !says_since_or_for(first->text) || has_perfect(first->text)) return;
    prefer_within(first, last, kPerfectMargin, [](const Hypothesis& h) { return has_perfect(h.text); });
}

void prefer_present_for_durations(Hypotheses first, Hypotheses last, std::string_view source) {
    if (first == last || says_depuis_with_present(first->text, source)) return;
    prefer_within(first, last, kPerfectMargin, [&](const Hypothesis& h) { return says_depuis_with_present(h.text, source); });
}

void prefer_formal_address(Hypotheses first, Hypotheses last, std::string_view target_language) {
    if (first == last) return;
    const std::size_t imperatives = imperatives_in(first->text, target_language);
    const std::size_t familiar = familiar_forms(first->text, target_language);
    // Formal throughout if one is near enough; else the fewest familiar forms: "Si vous ne
    // pouvez pas venir, appelle-moi" rather than "Si tu ne peux pas venir, appelle-moi".
    for (const std::size_t most : {std::size_t{0}, familiar == 0 ? 0 : familiar - 1}) {
        prefer_within(first, last, kAddressMargin, [&](const Hypothesis& h) {
            return familiar_forms(h.text, target_language) <= most &&
                   imperatives_in(h.text, target_language) >= imperatives;
        });
    }
}

void prefer_familiar_address(Hypotheses first, Hypotheses last, std::string_view target_language) {
    if (first == last || !addresses_formally(first->text, target_language)) return;
    const std::size_t imperatives = imperatives_in(first->text, target_language);
    prefer_within(first, last, kAddressMargin, [&](const Hypothesis& h) {
        return addresses_familiarly(h.text, target_language) && !addresses_formally(h.text, target_language) &&
               imperatives_in(h.text, target_language) >= imperatives;
    });
}

bool says_all_but_verb_forms(std::string_view before, std::string_view after, std::string_view language) {
    const std::vector<std::string> before_words = word_keys(before);
    const std::vector<std::string> after_words = word_keys(after);  // "können" is a function word
    const auto has_form_of = [](const std::vector<std::string>& words, const std::string& word) {
        return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return same_word_stem(w, word); });
    };
    std::size_t verb_forms_left = familiar_forms(before, language) + formal_forms(before, language);
    std::vector<std::string> kept = content_words(before, language);
    // A clause's last word too: German puts a separable particle there ("ruf mich an" ->
    // "rufen Sie mich" lost "an").
    for (const std::string_view written : words_as_written(before)) {
        if (written.empty() || std::string_view(",.;:!?").find(written.back()) == std::string_view::npos) continue;
        const std::vector<std::string> keys = word_keys(written);
        if (!keys.empty() && std::find(kept.begin(), kept.end(), keys.back()) == kept.end()) kept.push_back(keys.back());
    }
    for (const std::string& word : kept) {
        if (is_familiar_form(word, language) || has_form_of(after_words, word)) continue;
        const bool new_form = std::any_of(after_words.begin(), after_words.end(), [&](const std::string& w) {
            return w.front() == word.front() && !has_form_of(before_words, w);
        });
        if (!new_form || verb_forms_left == 0) return false;
        --verb_forms_left;
    }
    return true;
}

}  // namespace attentive
