#pragma once
// How the translator hands each sentence to the model and puts its translation back, beyond the
// protected spans (core/text/protected_spans.h):
//  - a sentence over max_sentence_chars is decoded in several units (cut_long_sentence);
//  - a letter's salutation or closing that starts a sentence is taken off and written from a
//    table (core/text/letter_formulas.h): the models have none in their training data and made
//    words up ("Dear Priya," -> "Va Priya, Priya, Priya, Priya !");
//  - a short fragment that ends in a letter or digit ("Tom", "Thanks", "Chapter 3") is read with
//    a full stop, which is taken off the translation again: the models learned sentences that
//    end with one and, without it, repeated words up to the length bound ("Tom Tom Toma Tom ...");
//  - a list item's marker ("- ", "• ", "1. ", "a) ") is taken off and put back before the
//    translation: the models read it as a word ("1. Preheat the oven." -> "1 plongeurs.", "- Buy
//    milk" -> "Une lait à lait");
//  - a sentence that is a parenthesis (split_trailing_asides: "(I have a doctor's appointment).")
//    is read without its brackets, with a stop, as the sentence before it is: the brackets go
//    back around the translation;
//  - an English heading of a label and a number ("Chapter 3", "Room 214", "Gate 12") is read
//    with an article ("The chapter 3."), taken off the translation again ("Chapitre 3"): alone,
//    the models garbled it ("Soyez 3 3", "Les 214 sont 214"); so is one that ends in a colon
//    ("Ingredients:" -> "The ingredients.", "Ingrédients :").

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/translator.h"

namespace attentive {

// Fragments of at most this many words are read with a full stop when they have none.
inline constexpr int kStoplessFragmentWords = 4;

struct UnitRules {
    bool letter_formulas = false;     // take letter formulas off (translation, spans protected)
    bool stop_for_fragments = false;  // read short fragments with a full stop (DecodeOptions::stop_after_fragments)
    bool list_markers = false;        // take list item markers off (translation)
    std::string source_language, target_language;
};

// One unit of decoding.
struct TranslationUnit {
    std::size_t sentence = 0;  // index in the request
    std::string text;          // what the model reads
    std::string separator;     // the whitespace dropped after it at a cut
    // A letter formula taken off its start, already translated, and the unit as written.
    std::string formula;
    std::string written;
    bool added_stop = false;   // `text` got a full stop it did not have
    bool heading = false;      // `text` is the heading `written` with an article before it
    bool colon = false;        // the heading ends in a colon, which goes back after the translation
    bool formal = false;       // the formula addresses the reader formally (LetterFormula::formal)
    bool familiar = false;     // the formula is one written to a friend (LetterFormula::familiar)
    bool closing = false;      // the formula is a closing, and nothing follows it in the sentence
    // A list item's marker taken off its start, with its spaces ("1. "), or an aside's opening
    // bracket, and what followed it as written ("buy milk"); an aside's closing bracket and stop.
    std::string marker;
    std::string item;
    std::string closing_marker;
};

// The length in bytes of the list item marker that starts `text` (with the spaces after it), 0
// when none does: a bullet ("-", "*", "•", ...), a number or a letter with "." or ")" ("1. ",
// "12) ", "a) ", "(2) "), followed by a space and more text. Not a date's day ("1. Mai", in
// `language`).
std::size_t list_marker_length(std::string_view text, std::string_view language);

// The units of `sentences` (valid UTF-8), in order: each sentence is one unit, or several when it
// is over max_sentence_chars; a sentence of one unit may lose its letter formula and gain a stop.
std::vector<TranslationUnit> translation_units(const std::vector<std::string>& sentences, const UnitRules& rules);

// Whether `text` reads as a letter's signature on the line after its closing: one to three
// words, each capitalised ("Claire", "Jonas Weber", "J.-P. Martin"). The models translate a name
// that is also a word: "À bientôt,\nClaire" -> "See you soon, Cut it"; such a line is written
// as it is.
bool is_signature(std::string_view text);

// Puts back on `result`, the decode of `unit`, what translation_units() took off or added: the
// stop comes off the translation (and the source), the formula goes before it, whose first word
// is then in lower case after a comma ("Bonjour Priya, j'espère ...") unless it is a name
// (written so in the source), English "I", or a German word other than a function word.
void restore_unit(SentenceResult& result, const TranslationUnit& unit, const UnitRules& rules);

}  // namespace attentive
