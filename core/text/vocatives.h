#pragma once
// A chat reply that calls the user by a name the conversation never gave: the training
// dialogues are people talking to people they know, and the chat model's replies, sampled or
// recalled from them, say "Thanks, Jim.", "I'm worried, Tom." and "Yeah, Judy." to someone who
// gave no name. Translator::reply asks these of every candidate.

#include <span>
#include <string>
#include <string_view>

namespace attentive {

// `reply` without the vocatives that name someone `conversation` (its turns) never names: a
// given name (core/text/given_names.h, and the names the dialogues address: "Judy", "Mom"), or
// a title with a name ("Mr. Thomas", "Mrs. Smith"), set off by a comma (", Jim." -> ".", "Judy,
// come here." -> "Come here.") or after a greeting or thanks ("Hi Judy!" -> "Hi!"). After a
// greeting or thanks and a comma, any capitalised word that ends the clause is taken for a name
// ("Good morning, Gav!" -> "Good morning!"), except the roles a user's words may call for
// ("Thank you, Doctor."). Other words, and a name used otherwise ("I saw Judy yesterday."), stay.
std::string without_unknown_vocatives(std::string_view reply, std::span<const std::string> conversation);

}  // namespace attentive
