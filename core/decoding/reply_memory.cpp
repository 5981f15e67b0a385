#include "core/decoding/reply_memory.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <random>
#include <set>
#include <unordered_set>

#include "core/errors.h"
#include "core/metrics/dialogue.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// The words of `text` that say something: dialogue_words without punctuation.
std::vector<std::string> message_words(std::string_view text) {
    std::vector<std::string> words = dialogue_words(text);
    std::erase_if(words, [](const std::string& word) {
        return std::none_of(word.begin(), word.end(), [](char c) {
            return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
        });
    });
    return words;
}

// One form for a word's spellings and endings, so that "cancelled" finds "canceled", "favourite"
// "favorite", "keys" "key" and "called" "call": -ies/-ied as -y, then -ing, -ed, -es or -s off,
// a final -e off, a doubled last letter single, and "our" as "or" in longer words. Messages and
// the memory are read alike, so a form only has to be the same for a word's variants, not a
// real stem. Words with anything but ASCII letters ("don't", "12") are kept as they are.
std::string word_form(std::string word) {
    if (word.size() < 4 || !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return word;
    if (word.size() >= 6)
        if (const std::size_t our = word.find("our", 1); our != std::string::npos)
            word = word.substr(0, our + 1) + word.substr(our + 2);
    const std::string_view whole = word;
    const auto ends_with = [&](std::string_view end) { return whole.size() >= end.size() + 3 && whole.ends_with(end); };
    if (ends_with("ies") || ends_with("ied")) return std::string(whole.substr(0, whole.size() - 3)) + "y";
    std::string_view form = whole;
    for (const std::string_view suffix : {"ing", "ed", "es", "s"}) {
        if (!ends_with(suffix) || (suffix == "s" && ends_with("ss"))) continue;
        form.remove_suffix(suffix.size());
        break;
    }
    if (form.size() >= 4 && form.back() == 'e') form.remove_suffix(1);
    if (form.size() >= 4 && form.back() == form[form.size() - 2] && std::string_view("aeiou").find(form.back()) == std::string_view::npos)
        form.remove_suffix(1);
    return std::string(form);
}

// What two messages are compared by: their words' forms and their pairs of neighbouring words, each
// as a 64-bit hash (no strings to build and compare: the index of 62,000 messages is built
// while the model loads). The pairs tell "what do you do for a living" from "where are you
// living", and "I lost my keys" is nearer "I lost my wallet" than "I've got my money and my keys".
std::vector<std::uint64_t> message_terms(std::string_view text) {
    std::vector<std::uint64_t> terms;
    for (const std::string& word : message_words(text)) terms.push_back(std::hash<std::string>{}(word_form(word)));
    const std::size_t words = terms.size();
    for (std::size_t i = 0; i + 1 < words; ++i) {
        // A pair's hash: the first word's, mixed, then the second's (0x9E37... is 2^64 / φ).
        const std::uint64_t mixed = (terms[i] * 0x9E3779B97F4A7C15ull) ^ (terms[i] >> 29);
        terms.push_back(mixed ^ (terms[i + 1] + 0x632BE59BD9B4E019ull));
    }
    return terms;
}

// Each distinct term id of `ids` (sorted) with its count.
std::vector<std::pair<std::uint32_t, int>> counted(std::vector<std::uint32_t> ids) {
    std::sort(ids.begin(), ids.end());
    std::vector<std::pair<std::uint32_t, int>> counts;
    for (const std::uint32_t id : ids) {
        if (!counts.empty() && counts.back().first == id) ++counts.back().second;
        else counts.emplace_back(id, 1);
    }
    return counts;
}

// The cosine of two unit vectors sorted by term id.
float cosine(const std::vector<std::pair<std::uint32_t, float>>& a, const std::vector<std::pair<std::uint32_t, float>>& b) {
    float sum = 0.0f;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i].first < b[j].first) ++i;
        else if (b[j].first < a[i].first) ++j;
        else sum += a[i++].second * b[j++].second;
    }
    return sum;
}

// Each term's (1 + ln count) · idf, scaled to unit length; terms of idf 0 are left out.
std::vector<std::pair<std::uint32_t, float>> unit_vector(const std::vector<std::pair<std::uint32_t, int>>& counts,
                                                         const std::vector<float>& idf) {
    std::vector<std::pair<std::uint32_t, float>> vector;
    double norm = 0.0;
    for (const auto& [id, count] : counts) {
        if (idf[id] <= 0.0f) continue;
        const float weight = (1.0f + std::log(static_cast<float>(count))) * idf[id];
        vector.emplace_back(id, weight);
        norm += static_cast<double>(weight) * weight;
    }
    for (auto& entry : vector) entry.second = static_cast<float>(entry.second / std::sqrt(norm));
    return vector;
}

// "fine.How": a sentence's full stop with the next sentence's capital right after it.
bool runs_sentences_together(std::string_view text) {
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if ((text[i] == '.' || text[i] == '?' || text[i] == '!') && std::islower(static_cast<unsigned char>(text[i - 1])) &&
            std::isupper(static_cast<unsigned char>(text[i + 1])))
            return true;
    }
    return false;
}

bool fits_one_line(std::string_view text) {
    return !text.empty() && text.find_first_of("\t\n\r") == std::string_view::npos &&
           message_words(text).size() <= kMaxRecalledWords;
}

}  // namespace

std::size_t TermIds::slot_of(std::uint64_t term) const {
    // The hash's high bits, mixed once more: std::hash of a string is already spread.
    const std::size_t mask = m_slots.size() - 1;
    std::size_t slot = static_cast<std::size_t>((term * 0x9E3779B97F4A7C15ull) >> 17) & mask;
    while (m_slots[slot].second != kNone && m_slots[slot].first != term) slot = (slot + 1) & mask;
    return slot;
}

void TermIds::resize(std::size_t slots) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> old = std::move(m_slots);
    m_slots.assign(slots, {0, kNone});
    for (const auto& entry : old)
        if (entry.second != kNone) m_slots[slot_of(entry.first)] = entry;
}

void TermIds::reserve(std::size_t terms) {
    std::size_t slots = 1024;
    while (slots < 2 * terms) slots *= 2;  // at most half full: short probes
    if (slots > m_slots.size()) resize(slots);
}

std::uint32_t TermIds::find_or_add(std::uint64_t term, std::uint32_t next_id, bool& added) {
    reserve(m_count + 1);
    auto& entry = m_slots[slot_of(term)];
    added = entry.second == kNone;
    if (added) {
        entry = {term, next_id};
        ++m_count;
    }
    return entry.second;
}

std::uint32_t TermIds::find(std::uint64_t term) const {
    return m_slots.empty() ? kNone : m_slots[slot_of(term)].second;
}

ReplyMemory::ReplyMemory(std::vector<std::pair<std::string, std::string>> pairs) {
    // Each message's terms as ids, counted once; then the idf of each term, then the postings,
    // all terms' in one array (a vector per term cost a third of the load time).
    std::vector<std::vector<std::pair<std::uint32_t, int>>> message_counts;
    message_counts.reserve(pairs.size());
    m_messages.reserve(pairs.size());
    m_replies.reserve(pairs.size());
    m_term_ids.reserve(4 * pairs.size());  // about what DailyDialog's messages hold
    std::vector<std::uint32_t> messages_with;
    for (auto& [message, reply] : pairs) {
        if (message.empty() || reply.empty()) continue;
        std::vector<std::uint32_t> ids;
        for (const std::uint64_t term : message_terms(message)) {
            bool added = false;
            ids.push_back(m_term_ids.find_or_add(term, static_cast<std::uint32_t>(messages_with.size()), added));
            if (added) messages_with.push_back(0);
        }
        message_counts.push_back(counted(std::move(ids)));
        for (const auto& [id, count] : message_counts.back()) ++messages_with[id];
        m_messages.push_back(std::move(message));
        m_replies.push_back(std::move(reply));
    }
    const float total = static_cast<float>(m_messages.size());
    m_idf.resize(messages_with.size());
    m_first_posting.assign(messages_with.size() + 1, 0);
    for (std::size_t id = 0; id < messages_with.size(); ++id) {
        m_idf[id] = std::log(total / static_cast<float>(messages_with[id]));
        m_first_posting[id + 1] = m_first_posting[id] + messages_with[id];
    }
    m_postings.resize(m_first_posting.back());
    std::vector<std::uint32_t> filled(m_first_posting.begin(), m_first_posting.end() - 1);
    for (std::size_t i = 0; i < message_counts.size(); ++i) {
        for (const auto& [id, weight] : unit_vector(message_counts[i], m_idf))
            m_postings[filled[id]++] = {static_cast<std::uint32_t>(i), weight};
    }
}

ReplyMemory ReplyMemory::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw ModelFormatError(file.string() + ": cannot read the reply memory");
    std::vector<std::pair<std::string, std::string>> pairs;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos || tab == 0 || tab + 1 == line.size() || line.find('\t', tab + 1) != std::string::npos)
            throw ModelFormatError(file.string() + ":" + std::to_string(number) +
                                   ": expected \"message<TAB>reply\"; rewrite the file with attentive-cli reply-memory");
        if (!is_valid_utf8(line))
            throw ModelFormatError(file.string() + ":" + std::to_string(number) + ": not valid UTF-8");
        pairs.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    return ReplyMemory(std::move(pairs));
}

std::vector<std::pair<std::uint32_t, float>> ReplyMemory::weighted_terms(std::string_view text) const {
    std::vector<std::uint32_t> ids;  // the terms of `text` the memory knows
    for (const std::uint64_t term : message_terms(text)) {
        const std::uint32_t id = m_term_ids.find(term);
        if (id != TermIds::kNone) ids.push_back(id);
    }
    return unit_vector(counted(std::move(ids)), m_idf);
}

std::vector<RecalledReply> ReplyMemory::recall(std::string_view message, std::size_t count, float min_similarity,
                                               std::uint64_t seed, const PairFilter& keep,
                                               std::size_t max_tried) const {
    if (count == 0 || m_messages.empty()) return {};
    const auto asked = weighted_terms(message);
    // Per message: the cosine, and the share of the asked vector's squared length on the terms
    // the two messages share.
    std::vector<float> cosines(m_messages.size(), 0.0f);
    std::vector<float> shared(m_messages.size(), 0.0f);
    for (const auto& [id, weight] : asked)
        for (std::uint32_t p = m_first_posting[id]; p < m_first_posting[id + 1]; ++p) {
            cosines[m_postings[p].first] += weight * m_postings[p].second;
            shared[m_postings[p].first] += weight * weight;
        }
    std::vector<std::pair<float, std::uint32_t>> ranked;
    for (std::uint32_t index = 0; index < cosines.size(); ++index) {
        if (cosines[index] <= 0.0f) continue;
        const float similarity = std::min(std::sqrt(cosines[index] * std::sqrt(shared[index])), 1.0f);
        if (similarity >= min_similarity) ranked.emplace_back(similarity, index);
    }
    // Most alike first, then in file order: the same question always ranks the same.
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (ranked.empty()) return {};
    // The near ties are shuffled with the seed; the order below them stays.
    const float best = ranked.front().first;
    const auto ties_end = std::find_if(ranked.begin(), ranked.end(),
                                       [&](const auto& entry) { return entry.first < best - kTieMargin; });
    std::mt19937_64 rng(seed);
    std::shuffle(ranked.begin(), ties_end, rng);

    std::vector<RecalledReply> recalled;
    std::unordered_set<std::string_view> seen;
    std::size_t tried = 0;
    for (const auto& [value, index] : ranked) {
        if (recalled.size() == count || (keep && tried++ == max_tried)) break;
        if (keep && !keep(m_messages[index], m_replies[index])) continue;
        if (!seen.insert(m_replies[index]).second) continue;
        if (cosine(asked, weighted_terms(m_replies[index])) >= kMaxEcho) continue;
        recalled.push_back({m_replies[index], m_messages[index], value});
    }
    return recalled;
}

std::string reply_memory_text(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::set<std::pair<std::string_view, std::string_view>> written;
    std::string text = "# Replies people gave in the training dialogues, one \"message<TAB>reply\" pair a line:\n"
                       "# the chat model's reply memory (core/decoding/reply_memory.h), written by attentive-cli.\n";
    for (const auto& [message, reply] : pairs) {
        if (!fits_one_line(message) || !fits_one_line(reply) || runs_sentences_together(reply)) continue;
        if (!written.emplace(message, reply).second) continue;
        text += message + "\t" + reply + "\n";
    }
    return text;
}

}  // namespace attentive
