#pragma once
// Whether a chat reply meets the news of the message it answers. The chat model and the replies
// recalled for it match words, not moods: "It's raining again. I wanted to go to the beach." ->
// "That sounds like fun.", "I failed my driving test." -> "Good for you!". In the training
// dialogues people answer bad news with sympathy six times as often as other messages (5.1% of
// such replies against 0.8%) and with cheer a third as often (0.45% against 1.45%), and good news
// with cheer three times as often (4.1%). The chat reranker (core/decoding/rerank.h) rewards a
// reply that meets a message's news and penalises one that clashes with it.
//
// Both are read from cue words and phrases (core/metrics/dialogue.h's dialogue_words). A cue
// after a negation counts for nothing ("I'm not sick.") or, for a good one, as bad ("I'm not
// happy.", "That's not good."). A message's news comes from its statements only ("Are you
// sick?" tells none): feelings when the writer has them ("My cat is sick", not "You look
// tired"), events when the message speaks of its writer at all, courtesies never ("glad to meet
// you"). A message or reply with cues of both kinds counts as neither. The chat reranker rewards
// only recalled replies that meet the news (core/decoding/rerank.h).

#include <string_view>

namespace attentive {

// What a message tells of its writer's day.
enum class News { none, bad, good };

// How a reply meets it: "I'm sorry to hear that." (sympathy), "Congratulations!" (cheer).
enum class ReplyMood { neutral, sympathy, cheer };

News message_news(std::string_view message);
ReplyMood reply_mood(std::string_view reply);

// Whether `reply` only says its sympathy or cheer: every word is a function word or a word of a
// sympathy or cheer cue ("Oh, congratulations!", "I'm so sorry to hear that.", "Oh dear, that
// sounds terrible."; not "Wow, a real step up!", which cheers a promotion). Such a reply meets any
// news of its kind.
bool is_mood_formula(std::string_view reply);

// +1 when the reply meets the news (sympathy for bad news, cheer for good), -1 when it clashes
// with it (cheer for bad news, sympathy for good), otherwise 0.
int mood_agreement(News news, ReplyMood mood);

}  // namespace attentive
