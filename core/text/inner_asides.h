#pragma once
// Parentheses inside a sentence ("The hotel (near the station) is cheap."). The models rarely
// saw brackets and lost or garbled what they held: "My brother (Tom) lives in Paris." -> "Mein
// Bruder (einer) lebt in Paris.", "Your order (no. 88213) will be delivered on Thursday." ->
// "Deine Bestellung, die sich noch immer am Donnerstag vergingen werden.". The translator
// translates each apart and protects it as one span of its sentence (SpanRules::aside_translation);
// a relative clause in brackets is read between commas, as the models learned such clauses.

#include <string_view>
#include <vector>

#include "core/text/rewritten_words.h"
#include "core/text/sentence_splitter.h"

namespace attentive {

// The parentheses inside `sentence`, with words before and after them: "The hotel (near the
// station) is cheap." -> the "(" and the ")". Each holds a letter or digit and no other bracket,
// and opens after a space; a parenthesis that ends the sentence is trailing_aside's. A relative
// clause (relative_clause_commas) is not one.
std::vector<AsideBrackets> inner_asides(std::string_view sentence, std::string_view language);

// A parenthesis inside `sentence` that opens with a relative pronoun of `language` ("(who
// lives in Berlin)", "(qui habite à Berlin)", "(die in Berlin wohnt)") read between commas: "My
// sister, who lives in Berlin, is coming tomorrow." (in brackets en-de wrote "(wer wohnt in
// Berlin)"). A bracket before a comma or a stop just goes.
std::vector<RewrittenWord> relative_clause_commas(std::string_view sentence, std::string_view language);

}  // namespace attentive
