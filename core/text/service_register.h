#pragma once
// A message between a business and its customer addresses the reader formally in German and
// French: "Good morning, we received your order yesterday." -> "Guten Morgen, wir haben Ihre
// Bestellung gestern erhalten.", not "deine Bestellung". The translators learned "du" and "tu"
// from everyday sentences and lean to them, so a text with no salutation to tell them (core/text/
// letter_formulas.h) took its address from that lean: a shop's e-mail said "du" throughout.

#include <string>
#include <string_view>
#include <vector>

namespace attentive {

// True when the English `sentences` of one text read as such a message: its writer speaks as
// "we" ("we", "us",
// "our") and it names the business of one ("order", "booking", "parcel", "application",
// "customer", ...) or thanks the reader for a message or an order ("Thank you for your
// message"). Friends write "we" too ("We need one more player"), but not of orders and
// bookings. False for other languages.
bool reads_as_service_message(const std::vector<std::string>& sentences, std::string_view language);

}  // namespace attentive
