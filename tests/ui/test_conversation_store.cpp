// ConversationStore: save → reload in a new store restores everything; a file that does not
// parse is set aside with a message while the others load; a damaged message loses only its
// damaged part; FIFOs, devices and huge files are not read; rename, delete, search; failed saves keep the
// data; exports.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ui/conversation_store.h"

#include <sys/stat.h>

using attentive::ui::AttentionMatrix;
using attentive::ui::ChatMessage;
using attentive::ui::Conversation;
using attentive::ui::ConversationStore;

namespace {

ChatMessage message(const QString& role, const QString& text) {
    ChatMessage m;
    m.role = role;
    m.text = text;
    return m;
}

AttentionMatrix smallAttention() {
    AttentionMatrix a;
    a.sourcePieces = {QStringLiteral("\u2581hi"), QStringLiteral("!")};
    a.sourceWordStart = {true, false};
    a.targetPieces = {QStringLiteral("\u2581hello")};
    a.targetWordStart = {true};
    a.weights = {{0.25f, 0.75f}};
    return a;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

}  // namespace

class TestConversationStore : public QObject {
    Q_OBJECT
private slots:
    void saveAndReloadRestores();
    void everyMessageIsSavedAtOnce();
    void loadsInTheBackground();
    void corruptFilesAreSetAside_data();
    void corruptFilesAreSetAside();
    void damagedPartsAreDroppedNotTheConversation_data();
    void damagedPartsAreDroppedNotTheConversation();
    void goodAttentionIsKeptBesideDamagedOne();
    void nonRegularAndHugeFilesAreNotRead();
    void renameDeleteAndOrder();
    void editAndTruncate();
    void search_data();
    void search();
    void failedSaveKeepsDataAndReports();
    void exports();
    void titleFromFirstMessage_data();
    void titleFromFirstMessage();
};

void TestConversationStore::saveAndReloadRestores() {
    QTemporaryDir dir;
    QString chatId;
    QString translateId;
    {
        ConversationStore store(dir.path());
        QSignalSpy added(&store, &ConversationStore::conversationAdded);
        chatId = store.create(QStringLiteral("Greetings"));
        translateId = store.create(QStringLiteral("Menu"), QStringLiteral("en-fr"));
        QCOMPARE(added.count(), 2);
        store.addMessage(chatId, message("user", QStringLiteral("hi!\nsecond line")));
        ChatMessage reply = message("bot", QStringLiteral("hello"));
        reply.attention = smallAttention();
        ChatMessage recalled = reply;
        recalled.text = QStringLiteral("Hi! Nice to meet you.");
        recalled.recalledFrom = QStringLiteral("Hello!");
        store.addMessage(chatId, recalled.followedBy(reply));
        store.addMessage(translateId, message("user", QStringLiteral("the soup")));
    }
    ConversationStore reloaded(dir.path());
    QVERIFY(reloaded.load().isEmpty());
    QCOMPARE(reloaded.count(), 2);
    const std::optional<Conversation> chat = reloaded.conversation(chatId);
    QVERIFY(chat);
    QCOMPARE(chat->title, QStringLiteral("Greetings"));
    QCOMPARE(chat->mode, QStringLiteral("chat"));
    QVERIFY(!chat->isTranslation());
    QCOMPARE(chat->messages.size(), 2);
    QCOMPARE(chat->messages[0].role, QStringLiteral("user"));
    QCOMPARE(chat->messages[0].text, QStringLiteral("hi!\nsecond line"));
    QVERIFY(chat->messages[0].timestamp.isValid());
    QVERIFY(!chat->messages[0].attention);
    QVERIFY(chat->messages[1].attention);
    QCOMPARE(chat->messages[1].attention->sourcePieces, smallAttention().sourcePieces);
    QCOMPARE(chat->messages[1].attention->sourceWordStart, smallAttention().sourceWordStart);
    QCOMPARE(chat->messages[1].attention->weights, smallAttention().weights);
    // A recalled version keeps the message it answered; the model's own has none.
    QVERIFY(chat->messages[1].recalledFrom.isEmpty());
    QCOMPARE(chat->messages[1].versionCount(), 2);
    QCOMPARE(chat->messages[1].withVersion(0).recalledFrom, QStringLiteral("Hello!"));
    QCOMPARE(chat->messages[1].withVersion(0).text, QStringLiteral("Hi! Nice to meet you."));
    QVERIFY(chat->created.isValid());
    QVERIFY(chat->updated >= chat->created);
    QCOMPARE(reloaded.conversation(translateId)->mode, QStringLiteral("en-fr"));
    QVERIFY(reloaded.conversation(translateId)->isTranslation());
    // The translation got the last message, so it lists first.
    QCOMPARE(reloaded.ids(), (QStringList{translateId, chatId}));
}

// The window does not wait for a long history: the folder is read in a thread, and a
// conversation started meanwhile is kept beside what arrives.
void TestConversationStore::loadsInTheBackground() {
    QTemporaryDir dir;
    QString saved;
    {
        ConversationStore store(dir.path());
        saved = store.create(QStringLiteral("Earlier"));
        for (int i = 0; i < 2000; ++i) store.addMessage(saved, message(i % 2 ? "bot" : "user", QStringLiteral("line %1").arg(i)));
    }
    ConversationStore store(dir.path());
    QSignalSpy loaded(&store, &ConversationStore::loaded);
    store.loadInBackground();
    const QString fresh = store.create(QStringLiteral("Typed while loading"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QVERIFY(loaded.first().at(0).toStringList().isEmpty());
    QVERIFY(!store.isLoading());
    QCOMPARE(store.count(), 2);
    QCOMPARE(store.conversation(saved)->messages.size(), 2000);
    QVERIFY(store.conversation(fresh).has_value());
}

void TestConversationStore::everyMessageIsSavedAtOnce() {
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const QString id = store.create(QStringLiteral("t"));
    QVERIFY(QFile::exists(store.filePath(id)));
    store.addMessage(id, message("user", QStringLiteral("one")));
    // Read the file behind the store's back: the message is already there, no quit needed.
    QFile file(store.filePath(id));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(object.value("messages").toArray().size(), 1);
    QCOMPARE(object.value("messages").toArray().at(0).toObject().value("text").toString(),
             QStringLiteral("one"));
    // No temporary files left next to it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

void TestConversationStore::corruptFilesAreSetAside_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");
    QTest::newRow("truncated JSON") << QByteArray("{\"title\": \"x\", \"mode\": \"chat\", \"mess")
                                    << QStringLiteral("invalid JSON");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("invalid JSON");
    QTest::newRow("array, not object") << QByteArray("[1, 2]") << QStringLiteral("JSON object");
    QTest::newRow("no messages") << QByteArray("{\"title\": \"x\", \"mode\": \"chat\"}")
                                 << QStringLiteral("\"messages\"");
    QTest::newRow("messages not an array")
        << QByteArray("{\"title\": \"x\", \"mode\": \"chat\", \"messages\": {}}") << QStringLiteral("\"messages\"");
}

namespace {

// A conversation of three messages whose middle one is damaged as `middle` says (JSON text).
QByteArray conversationWithMiddle(const QByteArray& middle, const QByteArray& title = "\"title\": \"Trip\", ") {
    return "{\"format\": 1, " + title +
           "\"mode\": \"chat\", \"messages\": ["
           "{\"role\": \"user\", \"text\": \"first\"}, " +
           middle +
           ", {\"role\": \"user\", \"text\": \"last\"}]}";
}

QByteArray botWithAttention(const QByteArray& attention) {
    return "{\"role\": \"bot\", \"text\": \"middle\", \"attention\": " + attention + "}";
}

}  // namespace

void TestConversationStore::damagedPartsAreDroppedNotTheConversation_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("keptTexts");
    QTest::addColumn<QString>("reason");
    const QStringList all{QStringLiteral("first"), QStringLiteral("middle"), QStringLiteral("last")};
    const QStringList withoutMiddle{QStringLiteral("first"), QStringLiteral("last")};
    // What the audit found after a stopped reply: one row wider than the source.
    QTest::newRow("row of wrong width")
        << conversationWithMiddle(botWithAttention(
               "{\"sourcePieces\": [\"a\"], \"targetPieces\": [\"b\"], \"weights\": [[0.5, 0.5]]}"))
        << all << QStringLiteral("the heatmap of messages[1] was dropped: attention.weights has a row of 2 values for 1 source");
    QTest::newRow("wrong row count")
        << conversationWithMiddle(botWithAttention(
               "{\"sourcePieces\": [\"a\"], \"targetPieces\": [\"b\", \"c\"], \"weights\": [[1.0]]}"))
        << all << QStringLiteral("attention.weights has 1 rows for 2 target pieces");
    QTest::newRow("not a number")
        << conversationWithMiddle(botWithAttention(
               "{\"sourcePieces\": [\"a\", \"b\"], \"targetPieces\": [\"c\"], \"weights\": [[0.5, \"x\"]]}"))
        << all << QStringLiteral("attention.weights[0][1] is not a number between 0 and 1");
    QTest::newRow("weight beyond a float")
        << conversationWithMiddle(botWithAttention(
               "{\"sourcePieces\": [\"a\"], \"targetPieces\": [\"c\"], \"weights\": [[1e300]]}"))
        << all << QStringLiteral("attention.weights[0][0] is not a number between 0 and 1");
    QTest::newRow("row not an array")
        << conversationWithMiddle(botWithAttention(
               "{\"sourcePieces\": [\"a\"], \"targetPieces\": [\"c\"], \"weights\": [7]}"))
        << all << QStringLiteral("attention.weights[0] is not an array");
    QTest::newRow("missing weights")
        << conversationWithMiddle(botWithAttention("{\"sourcePieces\": [\"a\"], \"targetPieces\": [\"c\"]}"))
        << all << QStringLiteral("attention.weights is missing");
    QTest::newRow("word starts of wrong length")
        << conversationWithMiddle(botWithAttention("{\"sourcePieces\": [\"a\"], \"sourceWordStart\": [true, "
                                                   "false], \"targetPieces\": [\"c\"], \"weights\": [[1]]}"))
        << all << QStringLiteral("sourceWordStart has 2 flags for 1 source pieces");
    QTest::newRow("attention not an object")
        << conversationWithMiddle(botWithAttention("[1, 2]")) << all
        << QStringLiteral("attention is not an object");
    QTest::newRow("bad role") << conversationWithMiddle("{\"role\": \"robot\", \"text\": \"middle\"}")
                              << withoutMiddle << QStringLiteral("messages[1] was dropped: its role is \"robot\"");
    QTest::newRow("missing text") << conversationWithMiddle("{\"role\": \"bot\"}") << withoutMiddle
                                  << QStringLiteral("messages[1] was dropped: its text is missing");
    QTest::newRow("message not an object")
        << conversationWithMiddle("42") << withoutMiddle << QStringLiteral("messages[1] was dropped");
    QTest::newRow("missing title")
        << conversationWithMiddle("{\"role\": \"bot\", \"text\": \"middle\"}", "") << all
        << QStringLiteral("\"title\" was missing");
}

// Section 1 of issue 18: one damaged message never sets its conversation aside; every readable
// message is kept, the damaged part is dropped and reported, the original bytes are kept, and
// the repaired file loads without a warning the next time.
void TestConversationStore::damagedPartsAreDroppedNotTheConversation() {
    QFETCH(QByteArray, content);
    QFETCH(QStringList, keptTexts);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = QDir(dir.path()).filePath(QStringLiteral("damaged.json"));
    writeFile(path, content);

    ConversationStore store(dir.path());
    const QStringList warnings = store.load();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings[0].contains(reason), qPrintable(warnings[0]));
    QVERIFY2(warnings[0].contains(QStringLiteral("damaged.json")), qPrintable(warnings[0]));
    QCOMPARE(store.count(), 1);
    const Conversation c = *store.conversation(QStringLiteral("damaged"));
    QStringList texts;
    for (const ChatMessage& m : c.messages) {
        texts.append(m.text);
        QVERIFY(!m.attention);  // the only attention in these files is the damaged one
    }
    QCOMPARE(texts, keptTexts);
    QVERIFY(!QFile::exists(path + QStringLiteral(".corrupt")));
    QFile original(path + QStringLiteral(".before-repair"));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QCOMPARE(original.readAll(), content);

    ConversationStore reloaded(dir.path());
    QCOMPARE(reloaded.load(), QStringList());
    QCOMPARE(reloaded.conversation(QStringLiteral("damaged"))->messages.size(), keptTexts.size());
}

// A good message's attention survives next to a damaged one's.
void TestConversationStore::goodAttentionIsKeptBesideDamagedOne() {
    QTemporaryDir dir;
    const QByteArray good = QJsonDocument(attentive::ui::attentionToJson(smallAttention())).toJson(QJsonDocument::Compact);
    const QByteArray content = "{\"title\": \"t\", \"mode\": \"chat\", \"messages\": [" +
                               botWithAttention(good) + ", " +
                               botWithAttention("{\"sourcePieces\": [], \"targetPieces\": [\"x\"], \"weights\": []}") +
                               "]}";
    writeFile(QDir(dir.path()).filePath(QStringLiteral("mixed.json")), content);
    ConversationStore store(dir.path());
    QCOMPARE(store.load().size(), 1);
    const Conversation c = *store.conversation(QStringLiteral("mixed"));
    QCOMPARE(c.messages.size(), 2);
    QVERIFY(c.messages[0].attention);
    QCOMPARE(c.messages[0].attention->weights, smallAttention().weights);
    QVERIFY(!c.messages[1].attention);
}

// Files that are not regular files, or absurdly large ones, are refused before anything is read
// (a link to /dev/zero once grew the app to 23.5 GB; a FIFO blocks open() forever).
void TestConversationStore::nonRegularAndHugeFilesAreNotRead() {
    QTemporaryDir dir;
    QString goodId;
    {
        ConversationStore store(dir.path());
        goodId = store.create(QStringLiteral("good"));
        store.addMessage(goodId, message("user", QStringLiteral("still here")));
    }
    const QDir folder(dir.path());
    QVERIFY(QFile::link(QStringLiteral("/dev/zero"), folder.filePath(QStringLiteral("zero.json"))));
    QCOMPARE(::mkfifo(QFile::encodeName(folder.filePath(QStringLiteral("pipe.json"))).constData(), 0600), 0);
    {
        QFile huge(folder.filePath(QStringLiteral("huge.json")));
        QVERIFY(huge.open(QIODevice::WriteOnly));
        QVERIFY(huge.resize(qint64(2) << 30));  // sparse: 2 GiB that take no disk space
    }
    QVERIFY(QFile::link(folder.filePath(QStringLiteral("loop.json")), folder.filePath(QStringLiteral("loop.json"))));

    ConversationStore store(folder.path());
    const QStringList warnings = store.load();
    QCOMPARE(warnings.size(), 4);
    const QString all = warnings.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("zero.json: is a character device")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("pipe.json: is a FIFO")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("huge.json: is 2.0 GiB, more than the 256 MiB")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("loop.json: cannot open the file")), qPrintable(all));
    QCOMPARE(store.count(), 1);
    QCOMPARE(store.conversation(goodId)->messages.at(0).text, QStringLiteral("still here"));
    // Not read, so not judged damaged: left where they are.
    for (const char* name : {"zero.json", "pipe.json", "huge.json"})
        QVERIFY(QFileInfo::exists(folder.filePath(QLatin1String(name))));
}

void TestConversationStore::corruptFilesAreSetAside() {
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QString goodId;
    {
        ConversationStore store(dir.path());
        goodId = store.create(QStringLiteral("good"));
        store.addMessage(goodId, message("user", QStringLiteral("still here")));
    }
    const QString badPath = QDir(dir.path()).filePath(QStringLiteral("broken.json"));
    writeFile(badPath, content);

    ConversationStore store(dir.path());
    QSignalSpy warned(&store, &ConversationStore::loadWarning);
    const QStringList warnings = store.load();
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warned.count(), 1);
    QVERIFY2(warnings[0].contains(QStringLiteral("broken.json")), qPrintable(warnings[0]));
    QVERIFY2(warnings[0].contains(reason), qPrintable(warnings[0]));
    QVERIFY(!QFile::exists(badPath));
    QVERIFY(QFile::exists(badPath + QStringLiteral(".corrupt")));
    QCOMPARE(store.count(), 1);
    QCOMPARE(store.conversation(goodId)->messages.at(0).text, QStringLiteral("still here"));

    // A second damaged file of the same name does not overwrite the first one set aside.
    writeFile(badPath, content);
    ConversationStore again(dir.path());
    QCOMPARE(again.load().size(), 1);
    QVERIFY(QFile::exists(badPath + QStringLiteral(".corrupt")));
    QVERIFY(QFile::exists(badPath + QStringLiteral(".2.corrupt")));
}

void TestConversationStore::renameDeleteAndOrder() {
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const QString a = store.create(QStringLiteral("a"));
    const QString b = store.create(QStringLiteral("b"));
    QCOMPARE(store.ids(), (QStringList{b, a}));

    QSignalSpy changed(&store, &ConversationStore::conversationChanged);
    QVERIFY(store.rename(a, QStringLiteral("  renamed  ")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(store.conversation(a)->title, QStringLiteral("renamed"));
    QCOMPARE(store.ids(), (QStringList{a, b}));  // renaming counts as activity
    QVERIFY(!store.rename(a, QStringLiteral("   ")));
    QVERIFY(!store.rename(QStringLiteral("nope"), QStringLiteral("x")));

    QSignalSpy removed(&store, &ConversationStore::conversationRemoved);
    QVERIFY(store.remove(b));
    QCOMPARE(removed.count(), 1);
    QVERIFY(!QFile::exists(store.filePath(b)));
    QVERIFY(!store.remove(b));

    ConversationStore reloaded(dir.path());
    reloaded.load();
    QCOMPARE(reloaded.ids(), QStringList{a});
    QCOMPARE(reloaded.conversation(a)->title, QStringLiteral("renamed"));
}

void TestConversationStore::editAndTruncate() {
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const QString id = store.create(QStringLiteral("t"));
    for (const char* text : {"q1", "a1", "q2", "a2"})
        store.addMessage(id, message(text[0] == 'q' ? "user" : "bot", QString::fromUtf8(text)));
    QVERIFY(store.editMessage(id, 2, QStringLiteral("q2 edited")));
    QVERIFY(store.truncate(id, 3));
    QVERIFY(!store.editMessage(id, 5, QStringLiteral("x")));
    ConversationStore reloaded(dir.path());
    reloaded.load();
    const Conversation c = *reloaded.conversation(id);
    QCOMPARE(c.messages.size(), 3);
    QCOMPARE(c.messages[2].text, QStringLiteral("q2 edited"));
}

void TestConversationStore::search_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("titles");
    QTest::newRow("title") << "weather" << QStringList{"Weather talk"};
    QTest::newRow("message text, any case") << "GUITAR" << QStringList{"Music"};
    QTest::newRow("in both") << "a" << QStringList{"Music", "Weather talk"};
    QTest::newRow("nothing") << "zebra" << QStringList{};
    QTest::newRow("empty lists all") << "  " << QStringList{"Music", "Weather talk"};
}

void TestConversationStore::search() {
    QFETCH(QString, query);
    QFETCH(QStringList, titles);
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const QString weather = store.create(QStringLiteral("Weather talk"));
    store.addMessage(weather, message("user", QStringLiteral("is it raining?")));
    const QString music = store.create(QStringLiteral("Music"));
    store.addMessage(music, message("user", QStringLiteral("I play the guitar")));
    QStringList found;
    for (const QString& id : store.search(query))
        found.append(store.conversation(id)->title);
    QCOMPARE(found, titles);
}

void TestConversationStore::failedSaveKeepsDataAndReports() {
    QTemporaryDir dir;
    // A plain file where the folder should be: nothing can be saved.
    const QString blocked = QDir(dir.path()).filePath(QStringLiteral("blocked"));
    writeFile(blocked, "not a folder");
    ConversationStore store(blocked);
    QSignalSpy failed(&store, &ConversationStore::saveFailed);
    const QString id = store.create(QStringLiteral("kept"));
    QVERIFY(failed.count() >= 1);
    const int index = store.addMessage(id, message("user", QStringLiteral("precious")));
    QCOMPARE(index, 0);
    QVERIFY(failed.count() >= 2);
    const QString text = failed.last().at(1).toString();
    QVERIFY2(text.contains(QStringLiteral("kept")), qPrintable(text));
    QCOMPARE(failed.last().at(0).toString(), id);
    QCOMPARE(store.conversation(id)->messages.at(0).text, QStringLiteral("precious"));
    QVERIFY(!store.save(id));
}

void TestConversationStore::exports() {
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const QString id = store.create(QStringLiteral("Trip"), QStringLiteral("en-fr"));
    store.addMessage(id, message("user", QStringLiteral("where is the station?")));
    ChatMessage reply = message("bot", QStringLiteral("où est la gare ?"));
    reply.attention = smallAttention();
    store.addMessage(id, reply);

    const QString md = store.toMarkdown(id);
    QVERIFY(md.startsWith(QStringLiteral("# Trip\n")));
    QVERIFY(md.contains(QStringLiteral("**You**")));
    QVERIFY(md.contains(QStringLiteral("**Bot**")));
    QVERIFY(md.contains(QStringLiteral("où est la gare ?")));
    QVERIFY(md.indexOf(QStringLiteral("station")) < md.indexOf(QStringLiteral("gare")));

    const QString text = store.toPlainText(id);
    QVERIFY(text.startsWith(QStringLiteral("Trip\n====\n")));
    QVERIFY(text.contains(QStringLiteral("You:\nwhere is the station?")));
    QVERIFY(!text.contains(QStringLiteral("**")));

    const QJsonObject json = QJsonDocument::fromJson(store.toJson(id)).object();
    QCOMPARE(json.value("title").toString(), QStringLiteral("Trip"));
    QCOMPARE(json.value("mode").toString(), QStringLiteral("en-fr"));
    QCOMPARE(json.value("messages").toArray().size(), 2);
    QVERIFY(json.value("messages").toArray().at(1).toObject().contains("attention"));

    for (auto format : {ConversationStore::ExportFormat::Markdown,
                        ConversationStore::ExportFormat::PlainText,
                        ConversationStore::ExportFormat::Json}) {
        const QString path = QDir(dir.path()).filePath(QStringLiteral("export-%1").arg(int(format)));
        QString error;
        QVERIFY2(store.exportToFile(id, path, format, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), store.exportData(id, format));
    }
    QString error;
    QVERIFY(!store.exportToFile(id, QDir(dir.path()).filePath("no/such/dir/x.md"),
                                ConversationStore::ExportFormat::Markdown, &error));
    QVERIFY(error.contains(QStringLiteral("x.md")));
}

void TestConversationStore::titleFromFirstMessage_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("title");
    QTest::newRow("short") << "Hello there" << "Hello there";
    QTest::newRow("first line only") << "Line one\nline two" << "Line one";
    QTest::newRow("spaces collapsed") << "  a   b  " << "a b";
    QTest::newRow("long cut at a word")
        << "What would you recommend for a rainy weekend in a small town?"
        << "What would you recommend for a rainy…";
    QTest::newRow("blank") << "   " << "New conversation";
}

void TestConversationStore::titleFromFirstMessage() {
    QFETCH(QString, text);
    QFETCH(QString, title);
    QCOMPARE(ConversationStore::titleFrom(text), title);
}

QTEST_GUILESS_MAIN(TestConversationStore)
#include "test_conversation_store.moc"
