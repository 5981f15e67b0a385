#pragma once
// Where a source word the translation lost belongs in it, read from the attention: the model
// looked at the word while writing the target word that should have followed it ("mon frère a
// déménagé" for "my brother Okonkwo moved": the row of "a" gives the name a third of its
// attention). Inserting the word before such a row and letting the model go on from there
// (a forced prefix) puts it where the model itself would have written it.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attentive {

// The rows before which a word may be inserted: the rows of a hypothesis's attention (one per
// target piece, then the end-of-sentence row) that start a word and do not follow a full stop,
// question or exclamation mark (a name put there starts a sentence of its own).
std::vector<bool> insertable_rows(const std::vector<std::string>& target_pieces,
                                  const std::vector<bool>& target_word_start, std::size_t rows);

// The insertable rows (`insertable`, one flag per row of `attention`), best first: by the
// attention they give to the source pieces [source_first, source_end), ties to the earlier
// row; at most `count`, and none that gives those pieces no attention at all.
std::vector<std::size_t> insertion_points(const std::vector<std::vector<float>>& attention,
                                          const std::vector<bool>& insertable, std::size_t source_first,
                                          std::size_t source_end, std::size_t count);

// How many of the words of `before` (a translation) `after` no longer holds, compared
// lowercased, each occurrence once; punctuation is not counted. An insertion that drops words
// took the place of what it should have joined ("portant un maillot" -> "portant Giants").
std::size_t words_dropped(std::string_view before, std::string_view after);

// The words of a heatmap axis, from its pieces' word-start flags: [first, end) of each word's
// pieces (a first piece that does not start a word starts one all the same).
using PieceRange = std::pair<std::size_t, std::size_t>;
std::vector<PieceRange> axis_words(const std::vector<bool>& word_start);
// Joined, the pieces of `word`.
std::string word_text(const std::vector<std::string>& pieces, PieceRange word);

// The attention the rows of `target_word` give the source pieces [source.first, source.second),
// summed.
float attention_given(const std::vector<std::vector<float>>& attention, PieceRange target_word, PieceRange source);

// The index in `target_words` of the word whose rows of `attention` give the source pieces
// [source_first, source_end) the most attention in all; target_words.size() when none gives
// them any. The word a source word was translated by, as the model read it.
std::size_t word_attending_most(const std::vector<std::vector<float>>& attention,
                                const std::vector<PieceRange>& target_words, std::size_t source_first,
                                std::size_t source_end);

// The content words of `text` in `language` (lower case; function words and single letters
// left out), and how many of those of `before` `after` no longer holds in any form
// (same_word_stem(): "chapitre" is kept by "chapitres"), each occurrence once.
std::vector<std::string> content_words(std::string_view text, std::string_view language);
std::size_t content_words_dropped(std::string_view before, std::string_view after, std::string_view language);

}  // namespace attentive
