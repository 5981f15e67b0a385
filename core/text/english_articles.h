#pragma once
// "a" or "an" as the next word sounds. The translators into English write the article before
// they write its noun, and wrote "a office", "a excellent day", "an desert": 49 times in the
// 6,300 sentences of the fr-en and de-en dev sets, where the references have it right. The
// article is fitted to the word that follows after decoding, by its spelling: a, e, i, o take
// "an" (not "one", "once", "eu-": "a European"), "hour", "honest", "honour", "heir" too; other
// letters take "a"; "u" is left as written ("a university", "an umbrella"), and so are digits,
// capitals-only words ("an FBI agent") and single letters.

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// `text` with each "a"/"an" (any capital) fitted to the word after it.
std::string with_fitting_articles(std::string_view text);

// The same for a hypothesis's pieces (display form, `word_start` per piece): an article that is
// one piece is relabelled as the text now reads.
void fit_article_pieces(std::vector<std::string>& pieces, const std::vector<bool>& word_start);

}  // namespace attentive
