// ConversationStore: save → reload in a new store restores everything; a corrupt file is set
// aside with a message while the others load; rename, delete, search; failed saves keep the
// data; exports.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ui/conversation_store.h"

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
    void corruptFilesAreSetAside_data();
    void corruptFilesAreSetAside();
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
        store.addMessage(chatId, reply);
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
    QVERIFY(chat->created.isValid());
    QVERIFY(chat->updated >= chat->created);
    QCOMPARE(reloaded.conversation(translateId)->mode, QStringLiteral("en-fr"));
    QVERIFY(reloaded.conversation(translateId)->isTranslation());
    // The translation got the last message, so it lists first.
    QCOMPARE(reloaded.ids(), (QStringList{translateId, chatId}));
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
    QTest::newRow("bad role")
        << QByteArray("{\"title\": \"x\", \"mode\": \"chat\", \"messages\": "
                      "[{\"role\": \"robot\", \"text\": \"a\"}]}")
        << QStringLiteral("messages[0].role");
    QTest::newRow("ragged attention")
        << QByteArray("{\"title\": \"x\", \"mode\": \"chat\", \"messages\": [{\"role\": \"bot\", "
                      "\"text\": \"a\", \"attention\": {\"sourcePieces\": [\"a\"], "
                      "\"targetPieces\": [\"b\"], \"weights\": [[0.5, 0.5]]}}]}")
        << QStringLiteral("attention.weights");
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
