#include "core/text/chat_context.h"

#include <algorithm>
#include <stdexcept>

namespace attentive {

std::string turn_separator(std::string_view separator_piece) {
    if (separator_piece.empty()) return " ";
    std::string separator = " ";
    separator += separator_piece;
    separator += ' ';
    return separator;
}

std::string chat_context(std::span<const std::string> turns, int context_turns,
                         std::string_view separator) {
    if (context_turns < 1) {
        throw std::invalid_argument("chat_context: context_turns must be at least 1, got " +
                                    std::to_string(context_turns));
    }
    const std::size_t first = turns.size() - std::min(turns.size(), static_cast<std::size_t>(context_turns));
    std::string context;
    for (std::size_t i = first; i < turns.size(); ++i) {
        if (i > first) context += separator;
        context += turns[i];
    }
    return context;
}

}  // namespace attentive
