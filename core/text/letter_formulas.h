#pragma once
// The salutations and closings of letters and e-mails ("Dear Priya,", "Best regards,", "Liebe
// Anna,", "Cordialement,"). The training data holds none, and the models made up words for them:
// "Dear Priya," -> "Va Priya, Priya, Priya, Priya !", "Best regards," -> "Sois les respects,
// c'est des respects.", "Hi Tom," -> "Salut Tom, c'est Tom.". So it went for the wishes people
// write ("Merry Christmas!" -> "Morse Noël !", "Gute Besserung!" -> "Good better."). The
// translator takes a formula that starts a sentence out of what the model reads, and writes it
// from this table instead; a family word after its comma is the one name it may call
// ("Merry Christmas, Grandma!" -> "Joyeux Noël, mamie !", core/text/family_words.h).
//
// English "Dear" says nothing of the person's gender, which French and German must: "Dear Priya"
// becomes "Bonjour Priya" and "Hallo Priya" (as e-mails open), while "Dear Mr Smith", "Cher Tom",
// "Liebe Anna" carry it across ("Sehr geehrter Herr Smith", "Lieber Tom", "Chère Anna").

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace attentive {

struct LetterFormula {
    // Bytes of the sentence the formula takes: the formula, the name after it, the comma, colon
    // or exclamation mark that closes it, and the spaces that follow.
    std::size_t length = 0;
    // The formula in the target language, with the name and the closing mark ("Bonjour Priya,").
    std::string translation;
    // The formula addresses the reader formally ("Dear Mr Smith", "Dear Sir or Madam", "Yours
    // sincerely"): a letter that uses it says "Sie" and "vous" (core/text/address_forms.h).
    bool formal = false;
    // The formula is one people write to a friend ("Hi Tom", "Hey Anna", "Love,"): a letter
    // that uses it says "du" and "tu".
    bool familiar = false;
    // A closing ("Best regards,"): a name on the line after it is the letter's signature.
    bool closing = false;
};

// The formula that starts `sentence` (in `source_language`), written in `target_language`
// ("en", "fr", "de"). A salutation may name people ("Dear Priya Okonkwo,", "Hallo Tom und
// Anna!"); a closing names no one ("Best regards,"). Either must end the sentence or be closed
// by a comma, colon or "!" ("Love is blind." is no closing; "Dear Priya, I hope you are well."
// starts with one). nullopt when the sentence starts with none, or for another language.
std::optional<LetterFormula> letter_formula(std::string_view sentence, std::string_view source_language,
                                            std::string_view target_language);

}  // namespace attentive
