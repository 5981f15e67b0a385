#pragma once
// Given names common in English-, French- and German-speaking countries (and a few Spanish,
// Italian, Portuguese and Polish ones), for telling a name at the start of a sentence from a
// word, and a given name before a surname: there a capital says nothing, and some of these are
// words too ("Pierre" a stone, "Claire" clear, "Julia" read as "Juli" + "a"). Names that are
// frequent English words ("Will", "May", "Mark", "Hope") are left out.

#include <string_view>

namespace attentive {

// True when `word`, as written (capitalised), is one of the given names.
bool is_given_name(std::string_view word);

}  // namespace attentive
