#include "core/text/address_forms.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text/lexicon.h"

namespace attentive {

namespace {

// Lower case, as word_keys() splits and writes them ("t'appelle" -> "t", "appelle").
constexpr std::array<std::string_view, 16> kGermanFamiliar = {
    "du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines",
    "euch", "euer", "eure", "euren", "eurem", "eurer", "eures"};
constexpr std::array<std::string_view, 7> kFrenchFamiliar = {"tu", "te", "t", "toi", "ton", "ta", "tes"};

}  // namespace

bool addresses_familiarly(std::string_view text, std::string_view language) {
    const auto any_of = [&](const auto& forms) {
        for (const std::string& word : word_keys(text))
            if (std::find(forms.begin(), forms.end(), word) != forms.end()) return true;
        return false;
    };
    if (language == "de") return any_of(kGermanFamiliar);
    if (language == "fr") return any_of(kFrenchFamiliar);
    return false;
}

}  // namespace attentive
