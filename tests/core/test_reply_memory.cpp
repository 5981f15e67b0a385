// A chat model's reply memory (core/decoding/reply_memory.h): which training replies a message
// recalls, how its file is written and read, and what a broken file says.

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <set>

#include "core/decoding/reply_memory.h"
#include "core/errors.h"

using namespace attentive;

namespace {

const std::vector<std::pair<std::string, std::string>> kPairs = {
    {"How old are you?", "I'm twenty-five."},
    {"How old are you?", "That's a secret."},
    {"How old are you?", "Nine, but I'll be ten in May."},
    {"How old is your car?", "Almost ten years."},
    {"Can I pay by credit card?", "Of course, you can."},
    {"Where do you live?", "I live in Beijing."},
    {"Thanks for your help.", "No problem."},
    {"Thanks for your help.", "No problem."},
};

std::vector<std::string> replies_of(const std::vector<RecalledReply>& recalled) {
    std::vector<std::string> replies;
    for (const RecalledReply& r : recalled) replies.push_back(r.reply);
    return replies;
}

}  // namespace

class TestReplyMemory : public QObject {
    Q_OBJECT

private slots:
    // The same question, worded a little otherwise, recalls its replies first; a question
    // sharing one word comes after, and nothing below the floor is recalled.
    void recallsRepliesToTheMostAlikeMessages() {
        const ReplyMemory memory(kPairs);
        QCOMPARE(memory.size(), kPairs.size());
        const auto recalled = memory.recall("how OLD are you", 10, 0.1f, 1);
        QVERIFY(recalled.size() >= 3);
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(recalled[i].message, std::string("How old are you?"));
            QCOMPARE(recalled[i].similarity, 1.0f);
        }
        for (std::size_t i = 1; i < recalled.size(); ++i) QVERIFY(recalled[i].similarity <= recalled[i - 1].similarity);
        QVERIFY(memory.recall("how old are you", 10, 0.99f, 1).size() == 3);
        QVERIFY(memory.recall("Quantum chromodynamics", 10, 0.0f, 1).empty());
        QVERIFY(memory.recall("", 10, 0.0f, 1).empty());
        QVERIFY(memory.recall("?!", 10, 0.0f, 1).empty());
        QVERIFY(memory.recall("How old are you?", 0, 0.0f, 1).empty());
    }

    // British and American spellings and a word's endings are one word to the memory: "What's
    // your favourite food?" recalled replies about favourite dances ("favourite steps") ahead
    // of DailyDialog's many "What's your favorite ...?" before.
    void spellingsAndEndingsOfAWordMatch() {
        const ReplyMemory memory({{"What's your favorite food?", "Pizza, always."},
                                  {"What's your favourite dance?", "The waltz."},
                                  {"My train was canceled.", "Take the bus, then."},
                                  {"My train was late.", "Again?"},
                                  {"He calls me every day.", "How sweet."},
                                  {"She married a doctor.", "Good for her."}});
        QCOMPARE(memory.recall("What is your FAVOURITE food?", 1, 0.2f, 1).front().reply, std::string("Pizza, always."));
        QCOMPARE(memory.recall("My trains were cancelled!", 1, 0.2f, 1).front().reply, std::string("Take the bus, then."));
        QCOMPARE(memory.recall("He called me.", 1, 0.2f, 1).front().reply, std::string("How sweet."));
        QCOMPARE(memory.recall("Who will she marry?", 1, 0.2f, 1).front().reply, std::string("Good for her."));
        // A short word keeps its letters: "four" (the "our" rule is for longer words) is not "for".
        const ReplyMemory thanks({{"Thanks for coming.", "Anytime."}, {"How old are you?", "Nine."}});
        QVERIFY(thanks.recall("four", 1, 0.0f, 1).empty());
    }

    // A filter reads further down the same ranking: only the pairs it accepts are recalled, most
    // alike first, and never one below the floor (how Translator::reply finds replies that meet
    // a message's news).
    void aFilterKeepsOnlyThePairsItAccepts() {
        const ReplyMemory memory({{"I lost my wallet on the bus.", "Was it stolen?"},
                                  {"I lost my keys.", "Look in your coat."},
                                  {"I lost my job.", "I'm sorry to hear that."},
                                  {"I lost my temper, sorry.", "I'm sorry too."},
                                  {"Where is the bus stop?", "Over there."},
                                  {"What time is it?", "Nine."},
                                  {"Do you like tea?", "Very much."},
                                  {"Is it going to rain?", "Probably."}});
        const auto sorry = [](const std::string&, const std::string& reply) {
            return reply.find("sorry") != std::string::npos;
        };
        QCOMPARE(memory.recall("I lost my job last week.", 1, 0.2f, 1).front().reply,
                 std::string("I'm sorry to hear that."));
        // "Was it stolen?" and "Look in your coat." are more alike, or as alike.
        QCOMPARE(replies_of(memory.recall("I lost my wallet.", 5, 0.3f, 1, sorry)),
                 std::vector<std::string>{"I'm sorry to hear that."});
        QCOMPARE(replies_of(memory.recall("I lost my wallet.", 5, 0.1f, 1, sorry)),
                 (std::vector<std::string>{"I'm sorry to hear that.", "I'm sorry too."}));
        QVERIFY(memory.recall("Where is the bus stop?", 5, 0.5f, 1, sorry).empty());
        const auto from_jobs = [](const std::string& message, const std::string&) {
            return message.find("job") != std::string::npos;
        };
        QCOMPARE(replies_of(memory.recall("I lost my wallet.", 5, 0.1f, 1, from_jobs)),
                 std::vector<std::string>{"I'm sorry to hear that."});
    }

    // A message that shares only the question's frame is not more alike than one that holds
    // what it asks about: "What should I do?" lent "Take some medicine and stay in bed." to
    // "What should I buy my wife for her birthday?" when messages were compared by the cosine
    // alone. A message that says just what was asked stays fully alike.
    void aMessageHoldingWhatIsAskedBeatsOneSharingItsFrame() {
        // Many messages speak of wives and birthdays, few say "should": alone, the cosine put
        // the short "What should I do?" first.
        const ReplyMemory memory({{"What should I do?", "Take some medicine and stay in bed."},
                                  {"I need some flowers for my wife. It's her birthday.", "We have some fresh red roses."},
                                  {"My wife is at home.", "Good."},
                                  {"Happy birthday!", "Thank you."},
                                  {"My wife is a doctor.", "Really?"},
                                  {"Her birthday is in May.", "Soon!"},
                                  {"When is your birthday?", "In June."},
                                  {"Where is your wife?", "In Paris."},
                                  {"What should we eat?", "Fish."},
                                  {"What should I wear?", "A suit."},
                                  {"I need some water.", "Here you are."},
                                  {"It's her car.", "Nice."},
                                  {"Where do you live?", "In Beijing."},
                                  {"How old are you?", "Nine."},
                                  {"Do you like tea?", "Yes."},
                                  {"Is it going to rain?", "Probably."}});
        const auto recalled = memory.recall("What should I buy my wife for her birthday?", 2, 0.1f, 1);
        QCOMPARE(replies_of(recalled).front(), std::string("We have some fresh red roses."));
        QCOMPARE(memory.recall("What should I do?", 1, 0.1f, 1).front().similarity, 1.0f);
    }

    // A reply given twice is recalled once; the count is kept.
    void repliesAreDistinct() {
        const ReplyMemory memory(kPairs);
        QCOMPARE(replies_of(memory.recall("Thanks for your help!", 5, 0.5f, 1)), std::vector<std::string>{"No problem."});
        QCOMPARE(memory.recall("How old are you?", 2, 0.0f, 1).size(), std::size_t(2));
    }

    // A reply that says the message back is not recalled: "Good morning! Did you sleep well?"
    // drew "Good morning, Gav! Did you sleep well last night?".
    void aReplyThatSaysTheMessageBackIsNotRecalled() {
        const ReplyMemory memory({{"Good morning. Did you sleep well?", "Good morning, Gav! Did you sleep well last night?"},
                                  {"Good morning. Did you sleep well?", "Not really, the neighbours were loud."},
                                  {"How old are you?", "Nine."}});
        QCOMPARE(replies_of(memory.recall("Good morning! Did you sleep well?", 5, 0.2f, 1)),
                 std::vector<std::string>{"Not really, the neighbours were loud."});
    }

    // Equally alike messages are drawn with the seed: one seed always recalls the same replies,
    // and the seeds between them reach every reply.
    void tiesAreDrawnWithTheSeed() {
        const ReplyMemory memory(kPairs);
        QCOMPARE(replies_of(memory.recall("How old are you?", 1, 0.5f, 7)),
                 replies_of(memory.recall("How old are you?", 1, 0.5f, 7)));
        std::set<std::string> first;
        for (std::uint64_t seed = 1; seed <= 40; ++seed)
            first.insert(memory.recall("How old are you?", 1, 0.5f, seed).front().reply);
        QCOMPARE(first.size(), std::size_t(3));
    }

    // The file keeps one line per distinct pair and leaves out what would not read back or
    // would read badly: tabs, line breaks, long replies, sentences run together.
    void fileRoundTrips() {
        std::vector<std::pair<std::string, std::string>> pairs = kPairs;
        pairs.emplace_back("Tab\there", "Refused.");
        pairs.emplace_back("Is it?", "Line\nbreak");
        std::string rambling;
        for (std::size_t i = 0; i <= kMaxRecalledWords; ++i) rambling += "word ";
        pairs.emplace_back("Say a lot.", rambling);
        pairs.emplace_back("How are you?", "I am fine.How are you?");
        pairs.emplace_back("", "An empty message.");
        const std::string text = reply_memory_text(pairs);
        QVERIFY(text.find("Refused.") == std::string::npos);
        QVERIFY(text.find("Line") == std::string::npos);
        QVERIFY(text.find("word word") == std::string::npos);
        QVERIFY(text.find("fine.How") == std::string::npos);
        QVERIFY(text.find("An empty message.") == std::string::npos);

        QTemporaryDir dir;
        const std::filesystem::path file = std::filesystem::path(dir.path().toStdString()) / "replies.tsv";
        std::ofstream(file) << text;
        const ReplyMemory memory = ReplyMemory::load(file);
        QCOMPARE(memory.size(), kPairs.size() - 1);  // the repeated "No problem." pair once
        QCOMPARE(memory.recall("Can I pay by credit card?", 1, 0.5f, 1).front().reply, std::string("Of course, you can."));
    }

    // A broken file names itself and its line, and says how to mend it.
    void aBrokenFileSaysWhere() {
        QTemporaryDir dir;
        const std::filesystem::path file = std::filesystem::path(dir.path().toStdString()) / "replies.tsv";
        std::ofstream(file) << "# comment\nHow old are you?\tNine.\nno tab on this line\n";
        try {
            ReplyMemory::load(file);
            QFAIL("a line without a tab was read");
        } catch (const ModelFormatError& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("replies.tsv:3") != std::string::npos, e.what());
            QVERIFY2(message.find("reply-memory") != std::string::npos, e.what());
        }
        std::ofstream(file) << "Bad \xC3\x28 bytes\tNine.\n";
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, ReplyMemory::load(file));
        QVERIFY_THROWS_EXCEPTION(ModelFormatError, ReplyMemory::load(file.parent_path() / "missing.tsv"));
    }
};

QTEST_GUILESS_MAIN(TestReplyMemory)
#include "test_reply_memory.moc"
