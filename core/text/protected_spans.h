#pragma once
// Spans of a sentence that must come through translation unchanged: numbers, e-mail addresses,
// URLs, code-like tokens, names the model does not know (and any name after a title); and spans
// the translator writes in the target language itself: dates, days of the week, times of day,
// titles. Each span is replaced by a surrogate the model copies or translates reliably (a
// frequent name like "Tom", a count word, "Monday", "midnight"), the sentence is decoded, and
// the surrogate in the output is put back as the span. The model never sees the span, so it
// cannot garble a name it never learned ("Sarah Miller" -> "à l'Athon") or a number it splits
// into pieces ("1939" -> "99").

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attentive {

// address: an e-mail address or a URL; date: a day with the month's name, month: a month alone or
// with a year, weekday: a day of the week alone (core/text/dates.h); time: a time of day with its
// language's marks, "6:40 pm", "18 h 40", "9 Uhr" (core/text/times.h); unit: a unit of measure
// after a number, "metres" of "200 metres", "km" (core/text/units.h); phrase: an amount or a day
// said in a set phrase, "an hour and a half", "übermorgen" (core/text/set_phrases.h)
// ordinal: an ordinal in digits, "3rd", "3e", "3." (core/text/ordinals.h)
enum class SpanKind { name, number, address, code, date, month, weekday, time, unit, phrase, ordinal };

struct ProtectedSpan {
    SpanKind kind = SpanKind::name;
    std::size_t begin = 0;     // byte offset in the original sentence
    std::string text;          // the span as written
    std::string surrogate;     // the word the model sees in its place
    // The word the translation holds in its place: the surrogate itself for a name, its
    // translation for a count ("two" -> "deux").
    std::string target_surrogate;
    // What the translation shows in place of `target_surrogate` when it is not `text`: a date as
    // the target language writes it ("12 March" -> "12 mars"), in `date_language`, whose rules
    // fit it to the word before (core/text/dates.h: "avant le 12 mars", "du 12 mars").
    std::string target_text;
    std::string date_language;
    // A city or region the target language writes otherwise (core/text/place_names.h): it takes
    // a place's surrogate, and `target_text` is the target language's form ("Lisbonne").
    bool place = false;
    // A unit that takes the singular in the source (core/text/units.h): it takes a singular surrogate.
    bool unit_singular = false;
    // A street name (core/text/street_names.h): an "s" the model glues to its surrogate is no
    // genitive ("à 14 Chicagos" is "à 14 Baker Street").
    bool street = false;
    // The English preposition before a labelled number written in German, "to" or "from" (else
    // ""): the translation says "zu" before it where the model wrote no preposition ("Bitte
    // gehen Sie Schalter 3."), and "von" for "from" in place of another ("fährt um Gleis 7").
    std::string source_preposition{};

    // What the translation shows for this span.
    const std::string& translated_text() const { return target_text.empty() ? text : target_text; }
};

// Which side of a translation pieces come from: the source shows `surrogate`, the target
// `target_surrogate`.
enum class SpanSide { source, target };

// What the span finder needs to know about the model's source language.
struct SpanRules {
    // True when the model translates this capitalised word itself (a word it knows, "London",
    // "Monday", a German noun), so it is not a name to protect.
    std::function<bool(std::string_view word)> known_word;
    // True when `lowercase_word` is an ordinary word: a capitalised first word of a sentence
    // whose lowercase form is one ("Yesterday") is not a name.
    std::function<bool(std::string_view lowercase_word)> common_word;
    // Lowercase words after which a capitalised word is a common noun, not a name (German
    // articles: "einem Duell"), directly or past adjectives ending in -e, -en, -er, -es or -em
    // ("einen langen Rüssel"); core/text/span_markers.h. Empty: capitals alone decide.
    std::vector<std::string> noun_markers;
    // Titles after which capitalised words are a name whatever `known_word` and `noun_markers`
    // say ("Herrn Schneider": the model dropped "Schneider", a tailor to it);
    // core/text/span_markers.h. Empty: none.
    std::vector<std::string> name_titles;
    // Lowercase words after which a name is a place ("nach Madrid"): it gets the first free
    // surrogate of `place_surrogates`, since "nach Tom" reads "for Tom" and "nach Boston" "to
    // Boston" (core/text/span_markers.h). Empty, or no place surrogate free: as any name.
    std::vector<std::string> place_markers;
    // Word beginnings that make a name after a place marker a person when a word of the sentence
    // starts with one ("écrit ... à Sophie"; core/text/span_markers.h). Empty: none.
    std::vector<std::string> person_cues;
    // Lowercase words after which a name is a place when a word of the sentence starts with one
    // of `travel_cues` ("We drove to Leeds"; core/text/span_markers.h). Empty: none.
    std::vector<std::string> travel_place_markers;
    std::vector<std::string> travel_cues;
    // The name the model writes for a given name it renders as another ("Maria" -> "Mary",
    // "Thomas" -> "Tom": Tatoeba's translators localised names), or "" when it copies the name
    // or the name is not one. Such a name is a span the model reads as written, and the name
    // it writes is put back as the one the source has. Empty function: none.
    std::function<std::string(std::string_view name)> renamed_as;
    // True when the model copies this capitalised word it knows ("José", "García": its lexicon's
    // likeliest translation is the word itself), which makes it a name before another ("José
    // García"). Empty function: only given names (core/text/given_names.h) do.
    std::function<bool(std::string_view word)> copies_word;
    // A lowercase word the model never met, which it garbles ("cinema" -> "matin"): after one of
    // `determiners` (core/text/span_markers.h), a noun, protected as a name is, so that it is
    // copied. Empty function: none.
    std::function<bool(std::string_view lowercase_word)> unknown_word;
    std::vector<std::string> determiners;
    std::vector<std::string> place_surrogates;  // names of places among `surrogates`
    // Surrogates, most reliable first, for every kind of span: frequent names the model copies.
    // (Digits are no good: the shipped models copy a lone "5" in 40-80% of sentences, spelling
    // it out or dropping it, and a name in 100%; scripts/measure-protected.py.) A sentence gets
    // at most this many spans.
    std::vector<std::string> surrogates;
    // Number words for plain counts ("250", "3", "10,000"), as (source word, target word) pairs
    // of one number: the models translate "six kilometres" and drop "Tom kilometres". A count
    // takes the first pair whose source word is not already in the sentence; with none left, a
    // name from `surrogates`. Empty: counts get names too.
    std::vector<std::pair<std::string, std::string>> count_surrogates;
    // Dates with the month's name, found as `source_language` writes them and written as
    // `target_language` does (core/text/dates.h). Each takes the first pair of days of the week
    // (source word, target word) whose source word is not in the sentence: the models translate
    // "on Monday" reliably and "on 12 March" not at all. Empty: dates are not protected.
    std::string source_language, target_language;
    std::vector<std::pair<std::string, std::string>> date_surrogates;
    // The same for a month alone or with a year ("in December", "May 1990"): months the models
    // translate reliably ("in June"), as (source word, target word).
    std::vector<std::pair<std::string, std::string>> month_surrogates;
    // The same for a day of the week alone ("on Wednesday" -> en-fr "dimanche" or nothing):
    // days the models translate reliably, as (source word, target word); one of them in the
    // sentence stands for itself. Empty: not protected.
    std::vector<std::pair<std::string, std::string>> weekday_surrogates;
    // The same for a time of day: words the models translate with the right preposition ("à
    // minuit" -> "at midnight", "um Mitternacht"), as (source word, target word). With none free,
    // a time takes a name. Empty: times are protected as numbers are, with a name.
    std::vector<std::pair<std::string, std::string>> time_surrogates;
    // The same for a unit of measure after a number ("200 metres" -> "200 rencontrés"): units
    // the models translate reliably after any number ("meters" -> "mètres"), as (source word,
    // target word), in the plural and, for one, in the singular (`unit_surrogates_one`). A unit
    // that is a surrogate stands for itself. Empty: units are not protected.
    std::vector<std::pair<std::string, std::string>> unit_surrogates, unit_surrogates_one;
    // The translation of a parenthesis inside a sentence ("(near the station)" ->
    // "(in der Nähe des Bahnhofs)"; core/text/sentence_splitter.h inner_asides), brackets
    // included, or "" when it has none: the parenthesis is then one span, read as a name.
    std::function<std::string(std::string_view aside)> aside_translation;
};

// The sentence as the model reads it, and the spans it stands for.
struct MaskedSentence {
    std::string text;                  // the sentence with each span replaced by its surrogate
    std::vector<ProtectedSpan> spans;  // in order of appearance
};

// The protected spans of `sentence` (valid UTF-8), surrogates not yet chosen. Dates with the
// month's name are one span each, when `rules` has date surrogates. Numbers are
// digits with inner . , : / or -, with a currency sign or "%" ("$10,000", "2:30", "99.9%"); a
// token mixing digits and letters ("COVID-19", "mp3", "14h30"), or with "_", "::", "=", a file name
// ("config.json") or inner capitals ("iPhone") is code; names are runs of capitalised words
// that `rules` does not call known or common, nor a noun by the word before them (merged when
// one space apart: "Priya Okonkwo").
std::vector<ProtectedSpan> find_protected_spans(std::string_view sentence, const SpanRules& rules);
// `rules` with no word known or common: find_protected_spans() then names every capitalised word
// it would judge, known to the model or not (a sentence's first word still left out).
SpanRules with_every_capital_a_name(SpanRules rules);

// `sentence` with each protected span replaced by a surrogate that does not already occur in
// it; spans beyond the surrogates available are left as they are. A count word that starts the
// sentence is capitalised ("Three people"), and restored in either case.
MaskedSentence mask_protected_spans(std::string_view sentence, const SpanRules& rules);

// True when `sentence` (unmasked) holds protected spans alone: each of its words lies in one of
// `spans` or is one of `rules.surrogates`, names the model copies ("Tom Miller", "Apollo 13",
// "6:40 pm"). Spaces and final punctuation aside; false for a sentence without words.
bool spans_only(std::string_view sentence, const std::vector<ProtectedSpan>& spans, const SpanRules& rules);

// `sentence` (unmasked) as its translation holds it: each of `spans` replaced by its target
// surrogate ("Apollo 13" -> "Apollo trois"), capitalised at the start.
std::string target_side_masked(std::string_view sentence, const std::vector<ProtectedSpan>& spans);

// Every form a translation may show `span` in: its translated_text(), and for a set phrase its
// German dative, for a French "1er" its feminine "1re", for a German "Herr ..." its "Herrn ...".
std::vector<std::string> translated_forms(const ProtectedSpan& span);

// How often `word` occurs in `text` as a whole word (no letter or digit touches it).
std::size_t whole_word_occurrences(std::string_view text, std::string_view word);

// `text` (the model's output) with each target surrogate, as a whole word or followed by a
// genitive "s" ("Toms Haus"), replaced by its span (ProtectedSpan::translated_text()).
std::string restore_protected_spans(std::string_view text, const std::vector<ProtectedSpan>& spans);

// Heatmap labels: each piece that is a surrogate of `side` (as a whole word: the next piece
// starts a new word or is not a letter or digit) is relabelled with its span as that side
// shows it (text, or translated_text()). Sizes do not change.
void relabel_surrogate_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                              const std::vector<ProtectedSpan>& spans, SpanSide side);
// The span text for one target piece shown alone (an alternative), or the piece itself.
std::string relabel_surrogate_piece(const std::string& piece, const std::vector<ProtectedSpan>& spans);

// A word list of a model folder, in file order: known_words.txt (capitalised source words the
// model translates itself) or surrogates.txt (names it copies best, best first); one word a
// line, '#' starts a comment. Throws ModelFormatError naming the file when it cannot be read.
std::vector<std::string> read_word_list(const std::filesystem::path& file);

}  // namespace attentive
