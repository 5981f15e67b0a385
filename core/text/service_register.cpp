#include "core/text/service_register.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text/utf8.h"

namespace attentive {

namespace {

constexpr std::array<std::string_view, 3> kWe = {"we", "us", "our"};

// Words of a customer's business with a company: what it buys, books or applies for, and how
// it is paid and delivered. Not "ticket", "room", "team", "appointment" or "reception", which
// friends write of too ("I have a dentist appointment, can we meet later?"); "order" only as a
// noun after a determiner ("your order", not "we'll order pizza" or "in order to").
constexpr std::array<std::string_view, 28> kServiceWords = {
    "purchase",     "purchases",     "booking",      "bookings",    "reservation", "reservations",
    "application",  "applications",  "interview",    "parcel",      "parcels",     "delivery",
    "deliveries",   "subscription",  "subscriptions", "customer",   "customers",   "client",
    "clients",      "invoice",       "invoices",     "payment",     "payments",    "refund",
    "refunds",      "receipt",       "guests",       "warranty"};
constexpr std::array<std::string_view, 2> kOrder = {"order", "orders"};
constexpr std::array<std::string_view, 7> kDeterminers = {"your", "the", "an", "our", "this", "my", "its"};

// "Thank you for your ..." of a letter answered: a message, a request, an interest.
constexpr std::array<std::string_view, 9> kThankedFor = {
    "message", "email", "mail", "letter", "enquiry", "inquiry", "request", "interest", "patience"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

bool reads_as_service_message(const std::vector<std::string>& sentences, std::string_view language) {
    if (language != "en") return false;
    bool as_we = false, of_service = false;
    for (const std::string& sentence : sentences) {
        const std::vector<LetterRun> words = letter_runs(sentence);
        for (std::size_t i = 0; i < words.size(); ++i) {
            const auto at = [&](std::size_t k) {
                return i + k < words.size() ? std::string_view(words[i + k].lower) : std::string_view();
            };
            as_we = as_we || in(kWe, at(0));
            const bool an_order = in(kOrder, at(0)) && i > 0 && in(kDeterminers, words[i - 1].lower);
            of_service = of_service || in(kServiceWords, at(0)) || an_order ||
                         (at(0) == "thank" && at(1) == "you" && at(2) == "for" && at(3) == "your" &&
                          (in(kThankedFor, at(4)) || (at(4) == "e" && at(5) == "mail")));
        }
    }
    return as_we && of_service;
}

}  // namespace attentive
