#include "line_pieces.h"

#include "core/text/utf8.h"

namespace attentive::cli {

LinePieces::LinePieces(std::istream& in, std::size_t max_bytes) : m_in(in), m_max(max_bytes < 8 ? 8 : max_bytes) {}

bool LinePieces::end_line(std::string& piece, bool& line_ends) {
    if (!m_pending.empty() && m_pending.back() == '\r') m_pending.pop_back();
    piece = std::move(m_pending);
    m_pending.clear();
    m_in_line = false;
    line_ends = true;
    return true;
}

bool LinePieces::next(std::string& piece, bool& line_ends) {
    std::streambuf* source = m_in.rdbuf();
    while (!m_ended && m_pending.size() < m_max) {
        const int c = source->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            m_ended = true;
            break;
        }
        if (c == '\n') return end_line(piece, line_ends);
        m_pending.push_back(static_cast<char>(c));
    }
    if (m_ended) {
        if (m_pending.empty() && !m_in_line) return false;
        return end_line(piece, line_ends);
    }
    // Over the bound inside a line: cut after the last whitespace, else between characters.
    std::size_t cut = m_pending.find_last_of(" \t");
    std::size_t resume = cut + 1;
    if (cut == std::string::npos || cut == 0) {
        cut = complete_utf8_prefix(m_pending);
        if (cut == 0) cut = m_pending.size();  // not UTF-8: bytes as they are
        resume = cut;
    }
    piece.assign(m_pending, 0, cut);
    m_pending.erase(0, resume);
    m_in_line = true;
    line_ends = false;
    return true;
}

}  // namespace attentive::cli
