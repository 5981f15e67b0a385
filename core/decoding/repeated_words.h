#pragma once
// What the no-repeat rule of the search (SearchRequest::piece_kinds) needs to know of a model's
// target pieces and of a source text.

#include <string>
#include <string_view>
#include <vector>

#include "core/decoding/search.h"
#include "core/text/tokenizer.h"

namespace attentive {

// [vocab]: what each piece of `tokenizer` is in `language` (the target's): a content word on
// its own (a piece that starts a word, two letters or more, not a function word), another word
// start, a continuation of letters, or something else (punctuation, digits, marks).
std::vector<PieceKind> target_piece_kinds(const Tokenizer& tokenizer, const std::string& language);

// Whether `text` has a word twice in a row (any case, punctuation between them ignored:
// "Sachte, sachte!"), which its translation may then have too. A reduplicated compound is one
// word ("pousse-pousse" is a rickshaw, not a repeat).
bool repeats_a_word(std::string_view text);

}  // namespace attentive
