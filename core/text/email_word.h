#pragma once
// The word for an e-mail as each model knows it. Letters spell it several ways, and the models
// learned one: en-fr read "e-mail" as "bout" ("Thank you for your e-mail of 3 March." -> "Merci
// pour votre bout du 3 mars."), en-de dropped what followed it ("Danke für Ihre E-Mail."),
// fr-en read "e-mail" and "mail" as "mind" and "place", de-en "Email" as "elbow". The
// translator gives a source the spelling its model's training data uses most: "email" in
// English (Tatoeba en-fr train: 44 lines against 10 with "e-mail"), "courriel" in French,
// "E-Mail" in German.

#include <string>
#include <string_view>

namespace attentive {

// `text` (in `language`: "en", "fr", "de"; others as they are) with each whole word for an
// e-mail ("e-mail", "E-Mails", "mail" in French, "Email" in German) spelled as above, in the
// singular or plural as written and with its capital kept.
std::string with_models_email_word(std::string_view text, std::string_view language);

}  // namespace attentive
