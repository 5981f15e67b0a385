#pragma once
// The translator's private state and the steps of a translation, shared by its two source
// files: core/translator.cpp (loading, decoding, reranking) and core/translation_repairs.cpp
// (what is done to a finished translation that lost a name, a number, a negation, an
// apposition, the formal "you" or a French comma). Included by those two files only.

#include <functional>
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/decoding/insertion_points.h"
#include "core/decoding/reply_memory.h"
#include "core/decoding/search.h"
#include "core/decoding/word_list_filter.h"
#include "core/model/seq2seq_model.h"
#include "core/ops/ops.h"
#include "core/text/appositions.h"
#include "core/text/french_past_historic.h"
#include "core/text/lexicon.h"
#include "core/text/protected_spans.h"
#include "core/translation_units.h"
#include "core/translator.h"

namespace attentive {

struct Translator::Impl {
    std::filesystem::path dir;
    EngineOptions options;
    ops::Precision precision = ops::Precision::f32;
    int threads = 0;
    std::unique_ptr<Seq2SeqModel> model;
    std::unordered_set<std::string> known_words;  // the model's known_words.txt, when it has one
    std::vector<PieceKind> piece_kinds;  // SearchRequest::piece_kinds for this model's targets
    // The words a reply or translation may use: a chat model's reply_words.txt, a translator's
    // target_words.txt, when it has one.
    WordListFilter target_words;
    // A translator into French: the simple past's forms among its target words, and those words
    // without them (core/text/french_past_historic.h).
    FrenchPastHistoric past_historic;
    WordListFilter compound_past_words;
    ReplyMemory reply_memory;            // a chat model's replies.tsv, when it has one
    std::vector<int> familiar_pieces;    // target pieces that are a familiar "you" (du, tu) whole
    std::vector<int> formal_pieces;      // target pieces that are a French formal "you" (vous) whole
    Lexicon lexicon;                               // its lexicon.txt, when it has one
    Lexicon reverse_lexicon;  // its reverse model's lexicon.txt, when the model itself is not loaded
    SpanRules span_rules;
    SpanRules every_name_rules;  // span_rules naming every capital (with_every_capital_a_name)
    // Parentheses inside sentences, translated apart before the sentences that hold them
    // (Translator::translate_sentences), brackets included: what span_rules' aside_translation
    // answers.
    std::unordered_map<std::string, std::string> aside_translations;

    std::unique_ptr<Translator> reranker;  // a chat model's backward model, when it names one
    std::unique_ptr<Translator> reverse;   // a translator's reverse model, when it names one
    std::unique_ptr<Translator> right_to_left;  // its right-to-left model, when it names one
    std::unique_ptr<Seq2SeqModel> ensemble;     // its ensemble partner, when it names one

    // Loading, decoding and reranking (core/translator.cpp).

    // The ids the model reads for `text`: French in the spelling its training data has
    // (core/text/french_spelling.h: "coeur" as "cœur"), English in the American spelling
    // (core/text/american_spelling.h).
    std::vector<int> encode_source(const std::string& text) const;

    // The heatmap's column labels for a sentence `text`: its pieces, each surrogate shown as the
    // span it stands for and each respelled word as written. Every place that shows source
    // pieces takes them from here.
    void display_source(const std::vector<int>& ids, const std::vector<ProtectedSpan>& spans, std::string_view text,
                        std::vector<std::string>& pieces, std::vector<bool>& word_start) const;

    // Reranking of the beam (DecodeOptions::reverse_weight and right_to_left_weight): each
    // sentence's hypotheses are ordered by their score, plus the reverse weight times
    // log p(source | hypothesis) per source piece under the reverse model (a noisy channel), plus
    // the right-to-left weight times log p(hypothesis read backwards | source) per hypothesis
    // piece under the right-to-left model; all of a batch's hypotheses are scored in one call per
    // model. A hypothesis a model cannot read (no pieces) goes last. The weights were chosen on
    // the dev sets (model cards): "Thank you very much for your kind letter" -> "Merci beaucoup
    // pour ta bonne lettre", where the beam's first was "... votre lettre de votre lettre".
    void rerank_hypotheses(std::vector<SentenceResult>& results, const std::vector<std::string>& texts,
                           const DecodeOptions& options) const;
    bool reranks(const DecodeOptions& options) const;
    // What rerank_hypotheses adds to each hypothesis's score: the weighted scores of the reverse
    // and right-to-left models, per piece (all 0 without them).
    std::vector<float> rerank_terms(const std::vector<std::string>& sources, const std::vector<std::string>& hypotheses,
                                    const DecodeOptions& options) const;

    // The reverse model's lexicon: the loaded model's own, or the one read beside it.
    const Lexicon& reverse_words() const { return reverse ? reverse->lexicon() : reverse_lexicon; }

    bool chat() const { return model->config().task == Task::chat; }
    // Negation is judged for translations from English, whose negation words are unambiguous
    // and whose models' beams hold a well-formed negated translation ("Je ne savais pas", "Wir
    // denken, dass es da keine Kriege gibt"). French "jamais" is also "ever", "personne" a
    // person, and "ne" sometimes no negation ("avant qu'il ne parte"): on Tatoeba dev fr-en it
    // chose 7 wrong readings and no right one; de-en's negated hypotheses put "not" where it
    // reads wrong ("the money he asked for not"; 2 on Tatoeba dev, none better).
    bool judges_negation(const DecodeOptions& options) const;
    std::string tidy(std::string text) const;

    // The separator between turns in this model's sources (" <sep> ", or " " without one).
    std::string separator() const;

    // A batch of sources read by `reader`'s encoder, as a DecoderSession needs them (it keeps
    // references to both parts, so this stays put while the session lives).
    struct ReadSources {
        std::vector<float> final_state;
        AttentionMemory memory;
    };
    static ReadSources read_sources(const Seq2SeqModel& reader, const std::vector<std::vector<int>>& sources);

    // log p of each target piece and then of EOS given its source, by forced decoding of one
    // batch: sources [B] (none empty), targets [B]; returns [B][targets[b].size() + 1]. A source
    // that several rows share is encoded once (the right-to-left model scores every hypothesis
    // of a beam against the same source), as beam search shares it.
    std::vector<std::vector<float>> forced_log_probs(const std::vector<std::vector<int>>& sources,
                                                     const std::vector<std::vector<int>>& targets) const;

    // Streams a finished reply's steps as decoding would have: one event per piece with its
    // attention row, then the end (with the EOS row when it has one).
    void replay_steps(const SentenceResult& result, const StepCallback& on_step) const;

    // Pieces of ids as a person reads them.
    void describe(const Tokenizer& tokenizer, const std::vector<int>& ids,
                  std::vector<std::string>& pieces, std::vector<bool>& word_start) const;

    // Each sentence's length limit; at least one piece past its forced prefix (`target_prefixes`
    // [i], or o.target_prefix when that is empty).
    std::vector<int> max_lengths(const std::vector<std::vector<int>>& sources, const DecodeOptions& o,
                                 const std::vector<std::vector<int>>& target_prefixes = {}) const;

    // SentenceResult::coverage of `best` over a source of `source_pieces` pieces: the attention
    // each piece received from the rows of its target pieces.
    static std::vector<float> coverage_of(const Hypothesis& best, std::size_t source_pieces);

    // Decodes one batch of encoded sentences; `global_index[i]` is sentence i's request index.
    // `target_prefixes`, when not empty, forces sentence i's prefix (SearchRequest::target_prefixes).
    std::vector<SentenceResult> decode_batch(const std::vector<std::vector<int>>& sources,
                                             const std::vector<std::string>& texts,
                                             const std::vector<std::size_t>& global_index,
                                             const std::vector<std::vector<ProtectedSpan>>& spans,
                                             const DecodeOptions& options, int n_best,
                                             const RequestHooks& hooks,
                                             std::vector<char>* first_choice_kept = nullptr,
                                             const std::vector<int>& banned_ids = {},
                                             const WordListFilter* words = nullptr,
                                             const std::vector<std::vector<int>>& target_prefixes = {}) const;

    // Repairs of a finished translation (core/translation_repairs.cpp).

    // A batch of finished translations under repair: what each repair below reads, and the
    // results and spans it may replace.
    struct RepairBatch {
        std::vector<SentenceResult>& results;
        const std::vector<std::string>& texts;
        const std::vector<std::size_t>& global_index;  // each sentence's index in the whole request
        std::vector<std::vector<ProtectedSpan>>& spans;
        const DecodeOptions& options;
        int n_best;
        const std::atomic<bool>* cancel;
    };

    // A sentence whose model's first choice lost a protected span (or wrote one twice) is decoded
    // again with other surrogates, without streaming, and that translation replaces the first
    // when its best keeps every span and either the first's did not or was not the model's
    // first choice (the finished sentence carries its own attention, so the heatmap shows what
    // was kept). `first_choice_kept[k]`: sentence k's first choice kept its spans.
    // Counts read as number words ("three kilometres") come through far more often than as names
    // ("Tom kilometres"), but not always; and a model sometimes drops one name and keeps another,
    // or one count word and keeps another ("von Gleis zwei" is dropped whatever the name
    // beside it, "von Gleis drei" is not). So the retries are: names for everything, then names
    // (and the next day of the week and month) from further down the list, then the next count words with
    // the first pass's names, then the next place ("ticket to Boston" -> "Wie viel kostet Boston
    // für Boston?", "ticket to Chicago" -> "Fahrkarte nach Chicago").
    void retry_lost_spans(RepairBatch& repair, std::vector<char>& first_choice_kept) const;

    void retry_with(const SpanRules& rules, RepairBatch& repair, std::vector<char>& first_choice_kept) const;

    // Whether `after` says what `before` says but for function words, besides what `spans` show.
    bool lost_function_words_only(std::string before, std::string after, const std::vector<ProtectedSpan>& spans) const;

    // Sentences of a batch decoded again with other surrogates, as decode_batch reads them.
    struct Redecoding {
        std::vector<std::size_t> sentences;  // each one's index in the first batch
        std::vector<std::vector<int>> sources;
        std::vector<std::string> texts;
        std::vector<std::size_t> global_index;
        std::vector<std::vector<ProtectedSpan>> spans;
        std::vector<int> banned_ids;  // besides the model's special pieces
        const WordListFilter* words = nullptr;  // the words it may use, when not target_words
        std::vector<std::vector<int>> target_prefixes;  // empty, or each one's forced prefix
    };

    void add(Redecoding& batch, std::size_t sentence, const std::string& text, std::size_t global_index,
             MaskedSentence masked) const;


    // Decodes `batch` without streaming (a retry is not shown while it runs).
    std::vector<SentenceResult> decode_quietly(const Redecoding& batch, const DecodeOptions& options, int n_best,
                                               const std::atomic<bool>* cancel,
                                               std::vector<char>* first_choice_kept = nullptr) const;

    // `result`'s sentence decoded again without streaming, its target forced to the first `kept`
    // pieces of the best hypothesis and then `inserted`; the model goes on from there.
    SentenceResult decode_with_insertion(const SentenceResult& result, const std::string& text,
                                         std::size_t global_index, const std::vector<ProtectedSpan>& spans,
                                         std::size_t kept, const std::vector<int>& inserted, const DecodeOptions& options,
                                         int n_best, const std::atomic<bool>* cancel) const;

    // A known name the translation lost ("Vienna" dropped, "Paul" garbled; core/text/known_names.h)
    // is protected, and the sentence decoded again without streaming, once with a person's
    // surrogate and once with a place's ("to Tom" -> "mit Tom", "to Boston" -> "nach Boston"); the
    // likelier of the two that keeps every span replaces the first translation, the name written
    // as the lexicon translates it, when it is also likelier than the first (scores with the
    // length penalty). Not every capitalised word is a name ("ancient Greeks", "Valentine's
    // Day", "mon Dieu"): on the dev sets, 7 of the 9 retries that scored lower than the first
    // translation read worse, and most of those that scored higher read better.
    void retry_lost_names(RepairBatch& repair, const std::vector<std::vector<ProtectedSpan>>& every_name_spans) const;

    // A span every retry lost is written where the model looked for it (core/decoding/
    // insertion_points.h): its surrogate is forced in before each of the kInsertionTries rows that
    // attend to it most, the model goes on from there, and the likeliest result replaces the
    // translation when it keeps more spans. The models learned appositions without their names:
    // "Last summer my brother Okonkwo moved ..." -> "L'été dernier mon frère a déménagé ..."
    // (the row of "a" gives "Okonkwo" a third of its attention) -> "... mon frère Okonkwo a
    // déménagé ...". The finished sentence keeps its own attention: the heatmap shows the forced
    // name's row on its source word. One span at a time, until all are kept or none is gained.
    // A result that lost more of the translation's words than this put the span in their place.
    static constexpr std::size_t kInsertionTries = 2;
    static constexpr std::size_t kInsertionWordsDropped = 1;

    void insert_lost_spans(RepairBatch& repair) const;

    // `result` with its first lost span inserted, when that keeps more spans than it did.
    std::optional<SentenceResult> with_lost_span_inserted(const SentenceResult& result, const std::string& text,
                                                          std::size_t global_index,
                                                          const std::vector<ProtectedSpan>& spans,
                                                          const DecodeOptions& options, int n_best,
                                                          const std::atomic<bool>* cancel) const;

    // A day of the week that insertion could not bring back without losing another span ("J'arrive
    // vendredi à 18 h à Lyon." -> "I arrive at 18:00 in Lyon.": forced in, "Friday" took the time's
    // place: "I arrive at Friday in Lyon.") is put between two words of the translation as the
    // target language says it alone ("on Friday", "am Freitag", "vendredi"), at each word
    // boundary in turn; the model reads each whole and its likeliest reading that keeps more
    // spans and every word is kept: "I arrive on Friday at 18:00 in Lyon.".
    std::optional<SentenceResult> with_lost_weekday_spliced(const SentenceResult& result, const std::string& text,
                                                            std::size_t global_index,
                                                            const std::vector<ProtectedSpan>& spans,
                                                            const ProtectedSpan& lost, const DecodeOptions& options,
                                                            int n_best, const std::atomic<bool>* cancel) const;

    // `inserted`, then `ids` from `from` on: forced after `ids`' first `from` pieces, it is the
    // translation itself with `inserted` put in (where the model, going on, would drop a word).
    static std::vector<int> spliced(const std::vector<int>& inserted, const std::vector<int>& ids, std::size_t from);

    // A name in apposition ("my brother Paul", core/text/appositions.h) that the translation
    // does not write right after the noun's translation is put there: the target is forced up to
    // the end of the word that attends most to the noun, then the name, and the model goes on
    // from there ("Mein Bruder zog Paul im letzten Sommer nach Wien." -> "Mein Bruder Paul ist im
    // letzten Sommer nach Wien gezogen."; "My brother Tom moved ..." lost "Tom" altogether).
    // Taken when the name then appears as often as in the source and at most
    // kInsertionWordsDropped words of the translation are lost.
    void restore_appositions(RepairBatch& repair,
                             const std::vector<std::vector<ProtectedSpan>>& every_name_spans) const;
    // The same for one sentence or clause `result` of source `text`; `every_name_spans` its
    // capitalised words read as names (every_name_rules).
    void restore_appositions_in(SentenceResult& result, const std::string& text, std::size_t global_index,
                                const std::vector<ProtectedSpan>& spans,
                                const std::vector<ProtectedSpan>& every_name_spans, const DecodeOptions& options,
                                int n_best, const std::atomic<bool>* cancel) const;

    // A formal letter whose sentence still says "tu" or "du" (no formal hypothesis in the beam,
    // or none within kAddressMargin) is decoded again with a beam twice as wide: en-fr "Dear Mr
    // Brandt, Thank you for your email of 3 May." kept "Merci pour tes courriels du 3 mai.", as
    // the beam of 5 held "vous" only in translations that lost the date; the beam of 10 holds
    // "Merci pour votre courriel du 3 mai.". The wider beam may not write a piece that is a
    // familiar form whole ("▁du", "▁dein", "▁tu"): en-de's beam of 10 had no formal translation of
    // "Could you please check ...?" ("Könntest du bitte ...") until it could not write "du".
    // Taken when its best addresses the reader formally (not by the familiar plural "ihr"), keeps
    // the spans the first kept, and says all it said but the verbs of its familiar forms
    // (says_all_but_verb_forms: "du kannst" -> "Sie können").
    static constexpr int kWiderBeamFactor = 2;

    void widen_for_formal_address(RepairBatch& repair) const;
    // The same for a text kept to "du" or "tu" (familiar_address) whose sentence says "Sie" or
    // "vous": decoded again with the wider beam, which prefers the familiar hypotheses
    // (prefer_familiar_address), and taken when its best says only familiar forms, lost no
    // imperative and says all the first said but the verbs. The French formal pieces are banned
    // from it (en-fr's beam of 10 had no "tu" for "Did you get home safely?"), the German ones
    // not: "Sie" is also "she" and "they". Not for a source that says "you" to several people
    // (addresses_several), whom French calls "vous" in a familiar text too.
    void widen_for_familiar_address(RepairBatch& repair) const;

    // A sentence whose source tells how long a state has lasted ("depuis", "seit") and whose
    // English translation says "since" or "for" without a perfect, when no hypothesis with one
    // was near enough (prefer_perfect_for_durations), is decoded again with a beam twice as
    // wide: "Je suis ici depuis samedi." -> "I'm here since Saturday." held no perfect among its
    // five; the beam of 10 gives "I've been here since Saturday.". Taken when its best has the
    // perfect and keeps the spans the first kept. The same into French for "depuis" with the
    // present (prefer_present_for_durations).
    void widen_for_duration_tense(RepairBatch& repair) const;

    // A French translation in the simple past ("Il ferma la porte.") is decoded again without
    // its forms (compound_past_words); the result is taken when it writes each of those verbs in
    // the compound past ("Il a fermé la porte."), keeps the spans and scores within
    // kCompoundPastMargin of the first. Without that check the beam, kept from the simple past,
    // took another verb or lost the auxiliary: "Elle me fixa." -> "Elle m'a serrée.", "Elle
    // essuya son visage" -> "Elle essuyé son visage".
    static constexpr float kCompoundPastMargin = 2.0f;

    void use_compound_past(RepairBatch& repair) const;

    // The sentences of `repair` for which `needs` holds, decoded again with the same sources and
    // spans, with `options`, not writing `banned` and keeping to `words` (target_words when
    // null); a new best that keeps the spans the first kept replaces it where `takes(k, before,
    // after)` holds.
    void decode_again(RepairBatch& repair, const DecodeOptions& options, const std::vector<int>& banned,
                      const WordListFilter* words, const std::function<bool(std::size_t k)>& needs,
                      const std::function<bool(std::size_t k, const Hypothesis& before, const Hypothesis& after)>&
                          takes) const;

    // decode_again with a beam kWiderBeamFactor times as wide that may not write `banned`.
    void decode_wider(RepairBatch& repair, const std::vector<int>& banned,
                      const std::function<bool(std::size_t k)>& needs,
                      const std::function<bool(std::size_t k, const Hypothesis& before, const Hypothesis& after)>&
                          takes) const;

    // A German sentence that says "nicht" (kein, nie, nichts, niemand) translated into English
    // without a negation says the opposite: "Würde es Ihnen etwas ausmachen, in diesem Zimmer
    // nicht zu rauchen?" -> "Would you mind smoking in this room?". (French "ne ... pas" lost in
    // fr-en, "Songez-vous sérieusement à ne pas vous y rendre ?" -> "... about going?", is not
    // fixed so: "about not going" scores 1.75 below, as far as a wrong insertion does.) "not" is forced in before
    // each of the kInsertionTries rows that attend most to the negation word, and the model goes
    // on from there; the likeliest candidate that negates and keeps every content word and span
    // is taken when it scores within kNegationInsertionMargin of the first translation (an
    // English word that carries the negation itself scores the insertion far lower: "We're out
    // of money" for "Wir haben kein Geld mehr" against "We're not out of money").
    static constexpr float kNegationInsertionMargin = 0.5f;
    void insert_lost_negation(RepairBatch& repair) const;

    // A French translation of a sentence that opens with a time adverbial and no comma ("Tomorrow
    // we will visit the museum", core/text/time_openings.h) gets the comma French writes after
    // the adverbial's translation when it lacks it: the target is forced up to the last word that
    // translates one of the adverbial's words, then a comma, and the model goes on from there
    // ("Demain que nous allons visiter le musée" -> "Demain, nous allons visiter le musée";
    // "L'année prochaine nous déménagera à Lyon" -> "L'année prochaine, nous allons déménager à
    // Lyon"). Taken when no span is lost, the content words are as many as before, and at most
    // kInsertionWordsDropped words are lost.
    void comma_after_time_openings(RepairBatch& repair) const;

    // A count after a noun is a number that names something ("room 12", "platform 2", "Gleis
    // 3"), and the count word standing in for it made the models drop the noun: "The meeting is
    // in room 12." -> "La réunion est dans 12.", "Der Zug fährt um 9 Uhr von Gleis 3." -> "...
    // at 9:00 and 3.". No count word keeps every noun, but which one loses which differs, so a
    // sentence whose translation lacks every lexicon translation of such a noun is decoded
    // again with the next count words (up to three), and the first translation that has the
    // noun, keeps every span and misses fewer of the source's words (words_missing) is taken.
    // So is a sentence whose translation puts the number before its noun ("du quai 5" -> "from 5
    // platform", "in Raum 3" -> "3 in room"), for one with the noun first that misses no more; a
    // noun found but put after its number is kept until a later count word puts it first.
    void retry_lost_count_nouns(RepairBatch& repair) const;
    // A translation that says a phrase twice in a row (core/text/repeated_phrases.h) where its
    // source does not is read again by the model with the second saying (and a comma between)
    // left out: "I got fired, I got fired." -> "I got fired.", "Ich glaube, ich glaube nicht,
    // dass ..." -> "Ich glaube nicht, dass ...". Taken when it keeps every span it kept and
    // misses no more of the source's words (words_missing). (Decoding again with repeats
    // blocked wrote other stutters: "I was getting fired, I got fired.", "in a pink hat in a
    // white hat".)
    void retry_repeated_phrases(RepairBatch& repair) const;
    // A content word the beam lost to a wrong one: "two kilos of potatoes" -> "deux véhicules
    // de pommes de terre", "A contagious disease" -> "Une maladie cataracte", "Pourquoi a-t-il
    // l'air grincheux ?" -> "Why does he look a cop?". Such a word (mistranslated_words) is
    // forced back in: each of its usual translations (usual_translations) before each of the
    // kInsertionTries rows that attend most to it, and a beam of kContinuationBeam goes on from
    // there; the forced decodings of a batch are decoded together. A candidate (any hypothesis
    // of those beams) must hold the forced word, miss fewer of the source's words
    // (words_missing), keep the spans, add no defects and drop at most one word more than it
    // adds; the one the reranker scores best (score + rerank_terms) is taken when it scores
    // above the first translation: a search error of the model and its reranker, mended ("deux
    // kilos de pommes de terre", "Une maladie contagieuse", "Why does he look cranky?"). A
    // sentence with more than kMaxMistranslatedWords such words is left alone: then the whole
    // sentence went wrong.
    static constexpr std::size_t kMistranslatedWordChoices = 2;
    static constexpr std::size_t kMaxMistranslatedWords = 2;
    static constexpr int kContinuationBeam = 3;
    void retry_mistranslated_words(RepairBatch& repair) const;
    // The content words of `text` that the lexicon knows and finds no translation of in
    // `result`'s best translation (lexicon_misses), whose attention went mostly to a target
    // content word that no source word accounts for, by either lexicon: a wrong word
    // ("véhicules" for "kilos"), not an idiom the lexicon does not list ("I'd like" ->
    // "Ich möchte"). Each with its source pieces.
    std::vector<std::pair<std::string, PieceRange>> mistranslated_words(const SentenceResult& result,
                                                                        const std::string& text) const;
    // The kMistranslatedWordChoices likeliest translations of the lexicon key `key` that are not
    // function words, as the target language writes them inside a sentence (a German noun
    // capitalised).
    std::vector<std::string> usual_translations(const std::string& key) const;
    // A long sentence (kClauseCutSentenceWords words or more) whose translation lost content
    // words (words_missing) and that joins two clauses with a conjunction (core/text/
    // clause_cuts.h: ", and", "because", ", aber", "parce que", ...) is also translated one
    // clause at a time, without streaming; the two translations joined by the conjunction are
    // read by the model as the whole sentence's translation (forced), so the heatmap shows its
    // attention over the whole source. Taken when the model ends it there, it misses fewer of the
    // source's words, has no more defects and keeps the spans the first kept: "Mein Bruder Daniel
    // mit uns am Samstagmorgen, weil ..." -> "... zum Flughafen fahren, denn unser Flug ...". Of
    // several cuts, the one that misses fewest words. After the repairs that mend the whole
    // translation (a phrase said twice), whose result it is judged against. A sentence that says
    // the "you" the text does not (DecodeOptions::formal_address, familiar_address) is split too,
    // its clauses read with the text's, and taken for as few missing words; no split says the
    // other "you".
    void split_dropped_clauses(RepairBatch& repair) const;
    // A French name idiom read word by word ("Je m'appelle Aurélie." -> "I'm calling Aurélie.",
    // core/text/name_idioms.h) is forced up to the misreading, then the English idiom, and the
    // model goes on ("My name is Aurélie."); taken when it keeps every span it kept.
    void retry_misread_name_idioms(RepairBatch& repair) const;
    // Of the content words of `text` right before one of its counts (`spans` as masked): how
    // many `translation` lacks every lexicon translation of, and how many it holds only after
    // the count's number. A lost noun weighs twice a misplaced one.
    struct CountNounFaults {
        std::size_t lost = 0;
        std::size_t after_number = 0;
        std::size_t weight() const { return 2 * lost + after_number; }
    };
    CountNounFaults count_noun_faults(const std::string& text, const std::vector<ProtectedSpan>& spans,
                                      const std::string& translation) const;
    // How many content words of `source` the lexicon knows and finds no translation of in
    // `translation`.
    std::size_t words_missing(const std::string& source, const std::string& translation) const;
    // defects(), and the opening word's translation missing: what lowercase_garbled_openings counts.
    std::size_t opening_defects(const std::string& text, const std::string& source) const;
    // True when the lexicon knows `source_word` and none of its translations is among
    // `target_words` (a translation's word_keys()).
    bool lexicon_misses(std::string_view source_word, const std::vector<std::string>& target_words) const;

    // French "depuis" and German "seit" before a year say since when; fr-en wrote "Mon frère
    // Julien habite à Toulouse depuis 2015." as "... lives in Toulouse for 2015.", "Nous sommes
    // mariés depuis 1998." as "We've been married for 1998." and "Depuis 2010, ..." as "Sth
    // 2010, ...". When the source says so and the English translation writes the year but not
    // after "since", the target is forced up to the word before the year when it is a
    // preposition or no English word (else up to the year), then "since" ("Since" first), and
    // the model goes on from there. Taken when "since" then stands before the year, every span
    // is kept and at most kInsertionWordsDropped words are lost.
    void since_before_years(RepairBatch& repair) const;

    // A sentence that opens with a capitalised word the model reads in more pieces than the same
    // word in lowercase ("Won|d|er|ful", "wonderful"), and whose translation gives itself away as
    // garbled (defects(): "Wonderful news!" -> "Emlise nouvelles !", "Excellent work!" ->
    // "Überschrühliche Arbeit!", "Excellent question!" -> "On a prêté une question de question
    // !"), is decoded again with that word in lowercase; the result is taken, its first letter a
    // capital, when it has fewer defects and keeps the spans the first kept ("Bonne nouvelles !",
    // "Großartige Arbeit!", "Bien une excellente question !"). English sources only, and not
    // before a second capitalised word ("Central Park ..."): German capitalises its nouns, and on
    // fr-en's dev sets as many translations read worse as better. Of the 13 distinct sentences it
    // changes in en-fr's and en-de's dev sets (17 of 6,023; BLEU ±0.02), 9 read better ("Jump as
    // high as you can." -> "Jrès aussi haut ..." -> "Saute aussi haut ..."), 1 worse ("Roller
    // derby girl skating with others." -> "Roller-Derby rennen mit anderen.").
    void lowercase_garbled_openings(RepairBatch& repair) const;

    // What gives a garbled translation away: its non_words(), and the content words it writes
    // twice when `source` has none twice ("On a prêté une question de question !").
    std::size_t defects(const std::string& text, const std::string& source) const;

    // The words of `text` that are not words of the target language (its reverse lexicon has no
    // entry for them) and not in `source` either (names, numbers).
    std::size_t non_words(const std::string& text, const std::string& source) const;

    // The appositions of `text`, their names among `every_name_spans` (found with
    // every_name_rules) as the span finder judges names.
    std::vector<Apposition> appositions_of(const std::string& text, const std::vector<ProtectedSpan>& spans,
                                           const std::vector<ProtectedSpan>& every_name_spans) const;

    std::optional<SentenceResult> with_apposition_restored(const SentenceResult& result, const std::string& text,
                                                           std::size_t global_index,
                                                           const std::vector<ProtectedSpan>& spans,
                                                           const Apposition& apposition, const DecodeOptions& options,
                                                           int n_best, const std::atomic<bool>* cancel) const;

    // A name in apposition whose noun an English translation dropped ("Meine Schwester Lena wohnt
    // in Hamburg." -> "Lena lives in Hamburg."): the possessive and the noun, as the lexicon
    // translates them, are forced in before the name, the rest of the translation kept ("My
    // sister Lena lives in Hamburg."). English possessives do not change with the noun; a phrase
    // with words between the two ("meine kleine Schwester") is left as it is.
    std::optional<SentenceResult> with_apposition_noun_restored(const SentenceResult& result, const std::string& text,
                                                                std::size_t global_index,
                                                                const std::vector<ProtectedSpan>& spans,
                                                                const Apposition& apposition,
                                                                const DecodeOptions& options, int n_best,
                                                                const std::atomic<bool>* cancel) const;

    // The source word that is the apposition's noun, followed by the word that starts with its
    // name; source_words.size() when there is none.
    static std::size_t apposition_head(const SentenceResult& result, const std::vector<PieceRange>& source_words,
                                       const Apposition& apposition);

    // The protected span that is the apposition's name, if it is one.
    static const ProtectedSpan* name_span(const std::vector<ProtectedSpan>& spans, const Apposition& apposition);

    // The end of `word` without an English possessive ending ("sister", "'", "s" -> "sister").
    static std::size_t without_possessive(const std::vector<std::string>& pieces, PieceRange word);
};

}  // namespace attentive
