#include "core/text/lexicon.h"

#include <algorithm>

#include "core/errors.h"
#include "core/file_access.h"
#include "core/text/function_words.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

bool is_key_character(char32_t c) { return is_letter(c) || (c >= U'0' && c <= U'9'); }

// Whether word_keys(word) is `word` alone, checked in place: a lexicon has some 100,000 words
// to check while its model loads.
bool is_word_key(std::string_view word) {
    if (word.empty()) return false;
    for (std::size_t at = 0; at < word.size();) {
        const Utf8Char c = decode_utf8_at(word, at);
        if (!c.well_formed || !is_key_character(c.code_point) || to_lower(c.code_point) != c.code_point) return false;
        at += c.length;
    }
    return true;
}

}  // namespace

Lexicon::Lexicon(std::unordered_map<std::string, std::vector<std::string>> entries) : m_entries(std::move(entries)) {}

Lexicon Lexicon::load(const std::filesystem::path& file) {
    const std::string text = read_regular_file(file, kMaxLexiconBytes);
    std::unordered_map<std::string, std::vector<std::string>> entries;
    std::size_t line_number = 0;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + at, end - at);
        at = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        const auto fail = [&](const std::string& problem) {
            return ModelFormatError(file.string() + ", line " + std::to_string(line_number) + ": " + problem +
                                    " (regenerate it with scripts/make-lexicon.py)");
        };
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) throw fail("expected a source word, a tab and its translations");
        const std::string_view source = line.substr(0, tab);
        if (!is_word_key(source)) throw fail("'" + sanitize_utf8(source) + "' is not a lowercase word");
        std::vector<std::string> translations;
        std::string_view rest = line.substr(tab + 1);
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            const std::string_view word = rest.substr(0, space);
            if (!word.empty()) {
                if (!is_word_key(word)) throw fail("'" + sanitize_utf8(word) + "' is not a lowercase word");
                translations.emplace_back(word);
            }
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        }
        entries[std::string(source)] = std::move(translations);
    }
    return Lexicon(std::move(entries));
}

const std::vector<std::string>& Lexicon::translations(std::string_view key) const {
    static const std::vector<std::string> none;
    const auto found = m_entries.find(std::string(key));
    return found == m_entries.end() ? none : found->second;
}

std::vector<std::string> word_keys(std::string_view text) {
    std::vector<std::string> keys;
    std::string current;
    for (std::size_t at = 0; at < text.size();) {
        const auto decoded = decode_utf8_at(text, at);
        at += std::max<std::size_t>(1, decoded.length);
        const char32_t c = decoded.code_point;
        if (is_key_character(c)) {
            append_utf8(current, to_lower(c));
        } else if (!current.empty()) {
            keys.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) keys.push_back(std::move(current));
    return keys;
}

std::vector<std::string_view> words_as_written(std::string_view text) {
    std::vector<std::string_view> words;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        if (end > at) words.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return words;
}

bool same_word_stem(std::string_view a, std::string_view b) {
    if (a == b) return true;
    // The shared leading bytes, cut back to whole characters ("é" and "è" share a first byte).
    const std::size_t common = static_cast<std::size_t>(
        std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(std::min(a.size(), b.size())), b.begin()).first -
        a.begin());
    const std::size_t shared = utf8_length(a.substr(0, complete_utf8_prefix(a.substr(0, common))));
    return shared >= 4 && 10 * shared >= 6 * std::min(utf8_length(a), utf8_length(b));
}

LexiconEvidence lexicon_evidence(const Lexicon& lexicon, std::string_view source_word,
                                 const std::vector<std::string>& target_words, std::string_view target_language,
                                 const Lexicon& reverse) {
    if (lexicon.empty()) return LexiconEvidence::none;
    bool known = false;
    const std::vector<std::string> source_keys = word_keys(source_word);
    // A word the translation copies (a name, a number, "baseball") is there as itself; a lone
    // letter ("robin's" -> robin, s) is not evidence.
    for (const std::string& key : source_keys)
        if ((key.size() > 1 || (key[0] >= '0' && key[0] <= '9')) &&
            std::find(target_words.begin(), target_words.end(), key) != target_words.end())
            return LexiconEvidence::translation_found;
    for (const std::string& key : source_keys) {
        const std::vector<std::string>& usual = lexicon.translations(key);
        for (const std::string& candidate : usual) {
            if (is_function_word(candidate, target_language)) continue;
            known = true;
            for (const std::string& word : target_words)
                if (same_word_stem(candidate, word)) return LexiconEvidence::translation_found;
        }
    }
    for (const std::string& word : target_words) {
        if (is_function_word(word, target_language)) continue;
        for (const std::string& back : reverse.translations(word))
            if (std::find(source_keys.begin(), source_keys.end(), back) != source_keys.end())
                return LexiconEvidence::translation_found;
    }
    return known ? LexiconEvidence::translation_missing : LexiconEvidence::unknown_word;
}

}  // namespace attentive
