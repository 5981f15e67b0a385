#include "core/text/address_forms.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text/lexicon.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Lower case, as word_keys() splits and writes them ("t'appelle" -> "t", "appelle").
constexpr std::array<std::string_view, 16> kGermanFamiliar = {
    "du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines",
    "euch", "euer", "eure", "euren", "eurem", "eurer", "eures"};
constexpr std::array<std::string_view, 7> kFrenchFamiliar = {"tu", "te", "t", "toi", "ton", "ta", "tes"};

// The word keys of `text` as far as its address forms go: in French, without the euphonic "t"
// of "a-t-il" and the "vous" of "rendez-vous", which address no one.
std::vector<std::string> address_keys(std::string_view text, std::string_view language) {
    if (language != "fr") return word_keys(text);
    std::string lower = ascii_lowercase(text);
    for (const std::string_view part : {std::string_view("-t-"), std::string_view("rendez-vous")})
        for (std::size_t at = lower.find(part); at != std::string::npos; at = lower.find(part, at))
            lower.replace(at, part.size(), " ");
    return word_keys(lower);
}

}  // namespace

bool is_familiar_form(std::string_view word, std::string_view language) {
    const auto in = [&](const auto& forms) { return std::find(forms.begin(), forms.end(), word) != forms.end(); };
    if (language == "de") return in(kGermanFamiliar);
    if (language == "fr") return in(kFrenchFamiliar);
    return false;
}

std::vector<int> familiar_form_pieces(const Tokenizer& tokenizer, std::string_view language) {
    std::vector<int> pieces;
    for (int id = 0; id < tokenizer.vocab_size(); ++id) {
        const std::vector<std::string> keys = word_keys(tokenizer.display_piece(id));
        if (tokenizer.starts_word(id) && keys.size() == 1 && keys.front().size() >= 2 &&
            is_familiar_form(keys.front(), language))
            pieces.push_back(id);
    }
    return pieces;
}

bool addresses_formally(std::string_view text, std::string_view language) {
    if (language == "fr") {
        const std::vector<std::string> words = address_keys(text, language);
        return std::any_of(words.begin(), words.end(),
                           [](const std::string& word) { return word == "vous" || word == "votre" || word == "vos"; });
    }
    if (language != "de") return false;
    constexpr std::array<std::string_view, 8> forms = {"Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres"};
    const std::vector<std::string_view> words = words_as_written(text);
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string_view word = words[i];
        while (!word.empty() && std::string_view(".,;:!?\"»«)").find(word.back()) != std::string_view::npos)
            word.remove_suffix(1);
        if (std::find(forms.begin(), forms.end(), word) != forms.end() && !(i == 0 && word == "Ihr")) return true;
    }
    return false;
}

std::size_t familiar_forms(std::string_view text, std::string_view language) {
    const std::vector<std::string> words = address_keys(text, language);
    return static_cast<std::size_t>(
        std::count_if(words.begin(), words.end(), [&](const std::string& word) { return is_familiar_form(word, language); }));
}

bool addresses_familiarly(std::string_view text, std::string_view language) {
    return familiar_forms(text, language) > 0;
}

}  // namespace attentive
