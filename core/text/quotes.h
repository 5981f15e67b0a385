#pragma once
// Quotation marks in a translation, paired and written as the target language writes them. The
// models open a quotation one way and close it another (en-fr "« Où allez-vous ?\" elle a
// demandé.", en-de "„Wohin gehst du?\" sie fragte."), and sometimes lose the closing mark
// ("\"To the market,\" he said." -> "\"Au marché, il a dit."). After decoding, a closing mark
// the source has and the translation lost is put back where the source has it (before the
// comma that follows the quotation, or at the end), and each pair is written « … » in French
// (with no-break spaces inside), „…“ in German and "…" in English (as the dev sets write it).

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// `translation` of `source` with its double quotation marks paired and written in the style of
// `language` ("en", "fr", "de"; others as they are). A translation with other marks than the
// source's (more, or fewer than a lost closing mark explains) is left as it is, as is one of a
// source without quotation marks.
std::string with_paired_quotes(std::string_view translation, std::string_view source, std::string_view language);

// The same marks in a hypothesis's pieces (the heatmap's labels): the k-th mark written as the
// k-th opening or closing one, when the pieces hold as many marks as `text`, the translation
// with_paired_quotes wrote, less a closing mark it put back.
void pair_quote_pieces(std::vector<std::string>& pieces, std::string_view text, std::string_view language);

}  // namespace attentive
