#pragma once
// Replies people gave to messages like the one being answered, as candidates for a chat model's
// reranker (retrieve and rerank: Weston, Dinan & Miller 2018, "Retrieve and Refine"). The model
// samples fluent but often aimless replies ("Can you recommend a good restaurant near the
// station?" -> "Sure. What do you want to go?"); the training dialogues hold people's answers to
// near-identical messages ("Sure. In the middle part of the fifth street, there is a Phoenix
// Restaurant."). Recalled replies join the sampled ones, and the same reranker, reading them
// with the model and its backward model, keeps one (Translator::reply).
//
// The memory is `replies.tsv` in a chat model's folder: one "message<TAB>reply" pair per line,
// '#' lines are comments. Messages are compared by their TF-IDF vectors of words and pairs of
// neighbouring words (dialogue_words, words with a letter or digit only): the similarity is the
// geometric mean of the vectors' cosine and of how much of the asked message the other holds (the
// length of the asked unit vector's part on the terms they share). The cosine alone favours
// short messages that share only the question's frame: "What should I buy my wife for her
// birthday?" recalled the replies to "What should I do?" (cosine 0.39: "Take some medicine and
// stay in bed") ahead of those to "I have no idea what to buy for Mary for her birthday." and
// "I need some flowers for my wife. It's her birthday." (0.33). The mean lies between the
// cosine and the share, and equals both for a message that says just what was asked.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attentive {

// Term hashes -> term ids, by open addressing: a node per term (std::unordered_map) made half of
// the time a 62,000-message memory took to load.
class TermIds {
public:
    // The id of `term`, which becomes `next_id` when it is new (and then `added` is set).
    std::uint32_t find_or_add(std::uint64_t term, std::uint32_t next_id, bool& added);
    // The id of `term`, or kNone.
    std::uint32_t find(std::uint64_t term) const;
    // Room for `terms` terms without growing.
    void reserve(std::size_t terms);
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

private:
    std::size_t slot_of(std::uint64_t term) const;
    void resize(std::size_t slots);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> m_slots;  // (term, id); id kNone: empty
    std::size_t m_count = 0;
};

struct RecalledReply {
    std::string reply;
    std::string message;      // the training message it answered
    float similarity = 0.0f;  // of that message to the one asked, 0..1
};

class ReplyMemory {
public:
    ReplyMemory() = default;
    // (message, reply) pairs; pairs with an empty side are left out.
    explicit ReplyMemory(std::vector<std::pair<std::string, std::string>> pairs);
    // Reads replies.tsv; throws std::runtime_error naming the file and line when one is not
    // "message<TAB>reply".
    static ReplyMemory load(const std::filesystem::path& file);

    bool empty() const { return m_replies.empty(); }
    std::size_t size() const { return m_replies.size(); }

    // Up to `count` distinct replies to the messages most like `message`, at least
    // `min_similarity` alike, most alike first. Among messages nearly as alike as the best
    // (within kTieMargin) the replies are drawn with `seed`, so that asking again can bring
    // another of the many answers to "How old are you?". With `keep`, only pairs it accepts
    // (the training message, its reply) are recalled, from the `max_tried` most alike.
    using PairFilter = std::function<bool(const std::string& message, const std::string& reply)>;
    std::vector<RecalledReply> recall(std::string_view message, std::size_t count, float min_similarity,
                                      std::uint64_t seed, const PairFilter& keep = nullptr,
                                      std::size_t max_tried = kMaxKeepTried) const;

    // Similarities this close to the best count as ties.
    static constexpr float kTieMargin = 0.02f;
    // A reply at least this alike to the message itself says it back ("Good morning! Did you
    // sleep well?" -> "Good morning, Gav! Did you sleep well last night?"): not recalled.
    static constexpr float kMaxEcho = 0.5f;
    // A filtered recall reads no further down the ranking: a filter costs microseconds a pair.
    static constexpr std::size_t kMaxKeepTried = 2000;

private:
    // `text`'s terms that the memory knows, as a unit TF-IDF vector sorted by term id.
    std::vector<std::pair<std::uint32_t, float>> weighted_terms(std::string_view text) const;

    std::vector<std::string> m_messages;
    std::vector<std::string> m_replies;
    TermIds m_term_ids;  // a word's or pair's hash -> its id
    std::vector<float> m_idf;                                    // per term id
    // The postings of term id t are m_postings[m_first_posting[t] .. m_first_posting[t + 1]):
    // (pair index, the term's weight in that message's unit vector). A term of idf 0 (in every
    // message) has fewer postings than messages with it; the rest of its range stays empty.
    std::vector<std::uint32_t> m_first_posting;
    std::vector<std::pair<std::uint32_t, float>> m_postings;
};

// The text of replies.tsv for `pairs` (message, reply): distinct pairs, each side one line of
// at most kMaxRecalledWords words, no tab; a reply that runs two sentences together
// ("fine.How are you?", as DailyDialog sometimes writes) is left out.
std::string reply_memory_text(const std::vector<std::pair<std::string, std::string>>& pairs);

inline constexpr std::size_t kMaxRecalledWords = 30;

}  // namespace attentive
