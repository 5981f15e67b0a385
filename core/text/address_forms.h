#pragma once
// How a translation addresses its reader. German and French tell a familiar "you" (du, tu) from
// a formal one (Sie, vous); English does not, and the models choose either, sentence by sentence:
// "Dear Mrs Keller, thank you for your letter" -> "Sehr geehrte Frau Keller, danke für deinen
// Brief". A letter that opens formally (core/text/letter_formulas.h) keeps the formal form.

#include <string_view>

namespace attentive {

// True when `text` holds a familiar second-person form of `language` ("de": du, dich, dir, dein-,
// euch, euer-; "fr": tu, te, t', toi, ton, ta, tes). Always false for other languages.
bool addresses_familiarly(std::string_view text, std::string_view language);

}  // namespace attentive
