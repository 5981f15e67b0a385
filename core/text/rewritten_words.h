#pragma once
// Words of a source text that the model reads otherwise than they are written ("colour" as
// "color", "thx" as "thanks"), and the heatmap labels that show them as written again.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// A word (or a run of words) of a text, by byte offset and length, and what the model reads there.
struct RewrittenWord {
    std::size_t begin = 0;
    std::size_t length = 0;
    std::string written;
};

// `text` with each of `rewrites` (in order, not overlapping) in place of the words it covers.
std::string with_rewritten_words(std::string_view text, const std::vector<RewrittenWord>& rewrites);

// `a` and `b` (each in order) as one list in order; where two overlap, `a`'s is kept.
std::vector<RewrittenWord> merged_rewrites(std::vector<RewrittenWord> a, const std::vector<RewrittenWord>& b);

// Heatmap labels: the pieces (display form, `word_start` per piece) that spell a rewrite's
// `written` words show the words of `original` it replaced instead: all on the first piece, the
// others "·" as pieces that continue it ("thanks" -> "thx", "I don't know" -> "idk · · · ·").
// Pieces are compared by their letters and digits, so "don't" matches "don", "'", "t". Sizes do
// not change.
void relabel_rewritten_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start,
                              std::string_view original, const std::vector<RewrittenWord>& rewrites);

}  // namespace attentive
