#pragma once
// Reads a stream line by line in pieces of bounded size, so that a command never holds a whole
// line of any length: a line up to the bound comes as one piece; a longer one as several, each
// cut after its last space or tab (between two UTF-8 characters when it has none), the cut
// whitespace dropped. A trailing '\r' is dropped.

#include <cstddef>
#include <istream>
#include <string>

namespace attentive::cli {

// 64 KiB: a hundred and more sentences of max_sentence_chars, far more than a line of ordinary
// text holds, few enough to keep a piece's working data small.
inline constexpr std::size_t kLinePieceBytes = std::size_t{64} << 10;

class LinePieces {
public:
    explicit LinePieces(std::istream& in, std::size_t max_bytes = kLinePieceBytes);

    // The next piece in `piece`; `line_ends` says whether it ends its line. False when the input
    // has ended (a last line without a newline still comes, with line_ends set).
    bool next(std::string& piece, bool& line_ends);

private:
    // Hands out what is pending as the end of its line.
    bool end_line(std::string& piece, bool& line_ends);

    std::istream& m_in;
    std::size_t m_max;
    std::string m_pending;   // read, not handed out yet
    bool m_in_line = false;  // pieces of the current line were handed out
    bool m_ended = false;
};

}  // namespace attentive::cli
