#include "core/text/email_word.h"

#include <array>
#include <utility>

#include "core/text/utf8.h"

namespace attentive {

namespace {

// (written, the model's spelling), singular forms; a plural adds "s" to both.
std::vector<std::pair<std::string_view, std::string_view>> spellings(std::string_view language) {
    if (language == "en") return {{"e-mail", "email"}, {"E-mail", "Email"}, {"E-Mail", "Email"}};
    if (language == "fr")
        return {{"e-mail", "courriel"}, {"E-mail", "Courriel"}, {"email", "courriel"}, {"Email", "Courriel"},
                {"mail", "courriel"},   {"Mail", "Courriel"}};
    if (language == "de") return {{"Email", "E-Mail"}, {"Mail", "E-Mail"}, {"eMail", "E-Mail"}, {"e-Mail", "E-Mail"}};
    return {};
}

// A character that joins a word to what is around it: a letter, a digit, or what addresses and
// compounds are made of ("anna@mail.com", "Mail-Adresse").
bool joins(std::string_view text, std::size_t at) {
    const Utf8Char c = decode_utf8_at(text, at);
    return c.well_formed && (is_letter(c.code_point) || is_ascii_digit(c.code_point) || c.code_point == '@' ||
                             c.code_point == '-' || c.code_point == '_' ||
                             (c.code_point == '.' && at + 1 < text.size() && decode_utf8_at(text, at + 1).well_formed &&
                              is_letter(decode_utf8_at(text, at + 1).code_point)));
}

}  // namespace

std::string with_models_email_word(std::string_view text, std::string_view language) {
    const auto forms = spellings(language);
    if (forms.empty()) return std::string(text);
    std::string out;
    std::size_t copied = 0;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t matched = 0;
        std::string replacement;
        if (at == 0 || !joins(text, utf8_char_start(text, at))) {
            for (const auto& [written, spelled] : forms) {
                if (!text.substr(at).starts_with(written)) continue;
                std::size_t end = at + written.size();
                const bool plural = end < text.size() && text[end] == 's';
                if (plural) ++end;
                if (end < text.size() && joins(text, end)) continue;
                matched = end - at;
                replacement = std::string(spelled) + (plural ? "s" : "");
                break;
            }
        }
        if (matched == 0) {
            ++at;
            continue;
        }
        out.append(text, copied, at - copied).append(replacement);
        at += matched;
        copied = at;
    }
    return out.append(text, copied);
}

}  // namespace attentive
