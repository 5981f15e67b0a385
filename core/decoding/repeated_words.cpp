#include "core/decoding/repeated_words.h"

#include <algorithm>

#include "core/text/function_words.h"
#include "core/text/lexicon.h"
#include "core/text/utf8.h"

namespace attentive {

// The rule exists because 1% of the dev translations wrote a content word twice in a row ("a
// mountain bike bike", "Tom died from cancer cancer", "bitte bitte bitte", "waiting waiting"),
// against 0.1% of the references, mostly function words ("nous nous sommes rencontrés", "dass
// das das Beste ist").
std::vector<PieceKind> target_piece_kinds(const Tokenizer& tokenizer, const std::string& language) {
    std::vector<PieceKind> kinds(static_cast<std::size_t>(tokenizer.vocab_size()), PieceKind::other);
    for (int id = 0; id < tokenizer.vocab_size(); ++id) {
        const std::string text = tokenizer.display_piece(id);
        const std::vector<std::string> keys = word_keys(text);
        // One run of letters: no digit, apostrophe or other mark.
        const bool letters_only = keys.size() == 1 && keys.front().size() == text.size() &&
                                  std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!letters_only) continue;
        if (!tokenizer.starts_word(id)) kinds[id] = PieceKind::word_continuation;
        else if (utf8_length(text) >= 2 && !is_function_word(text, language)) kinds[id] = PieceKind::content_word;
        else kinds[id] = PieceKind::word_start;
    }
    return kinds;
}

bool repeats_a_word(std::string_view text) {
    std::vector<std::string> previous;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t space = std::min(text.find_first_of(" \t\n", at), text.size());
        std::vector<std::string> keys = word_keys(text.substr(at, space - at));
        if (!keys.empty()) {
            if (keys == previous) return true;
            previous = std::move(keys);
        }
        at = space + 1;
    }
    return false;
}

}  // namespace attentive
