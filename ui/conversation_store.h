#pragma once
// Conversations on disk: one JSON file per conversation in
// QStandardPaths::AppDataLocation/conversations (or a folder given by a test), rewritten with
// QSaveFile every time a message is added or edited, so a crash, a kill or a full disk leaves
// either the old or the new file, never a torn one. A failed save keeps everything in memory,
// reports saveFailed() and is retried by the next change. Files that do not parse are moved
// aside as *.corrupt with a warning; the others still load. A file that parses but has damaged
// parts (a message without text, an attention matrix of the wrong shape) loses only those parts:
// its original is kept beside it as *.before-repair, the repaired version is saved, and a
// warning says what was dropped. Files that are not regular files (a FIFO, a link to a device)
// or larger than 256 MiB are not read at all; they are skipped with a warning.

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

#include "ui/engine_types.h"

class QThread;

namespace attentive::ui {

// One answer to a message; Regenerate keeps every answer it replaced.
struct ReplyVersion {
    QString text;
    QDateTime timestamp;
    std::optional<AttentionMatrix> attention;
    QString recalledFrom;
};

struct ChatMessage {
    QString role;  // "user" | "bot"
    QString text;
    QDateTime timestamp;
    std::optional<AttentionMatrix> attention;
    // A bot reply recalled from the training dialogues: the message it answered there (shown
    // beside the reply, so that a reader knows it is a person's words the model chose).
    QString recalledFrom;
    // A bot message's other versions. All of them, in the order they were written, are
    // otherVersions with this message inserted at versionIndex; the message itself is the chosen
    // one: what is saved as the reply, exported and sent as context with the next turn.
    QVector<ReplyVersion> otherVersions;
    int versionIndex = 0;

    int versionCount() const { return int(otherVersions.size()) + 1; }
    // This message showing version `index` (0-based, clamped) instead, the others kept.
    ChatMessage withVersion(int index) const;
    // `newer` as the chosen, last version, after this message's versions.
    ChatMessage followedBy(const ChatMessage& newer) const;
};

struct Conversation {
    QString id;
    QString title;
    QString mode;  // "chat", or a translation pair like "en-fr"
    QDateTime created;
    QDateTime updated;
    QVector<ChatMessage> messages;

    bool isTranslation() const { return mode != QLatin1String("chat"); }
};

class ConversationStore : public QObject {
    Q_OBJECT
public:
    enum class ExportFormat { Markdown, PlainText, Json };

    // The user's data folder (QStandardPaths::AppDataLocation + "/conversations").
    explicit ConversationStore(QObject* parent = nullptr);
    // Any folder (tests); created when missing.
    explicit ConversationStore(const QString& directory, QObject* parent = nullptr);

    static QString defaultDirectory();
    QString directory() const { return m_directory; }
    QString filePath(const QString& id) const;

    // Reads every *.json in the folder, replacing what is in memory. Returns one human-readable
    // warning per file that could not be read, was set aside or was repaired (also emitted as
    // loadWarning()).
    QStringList load();
    // The same off the GUI thread, for a window that must appear at once whatever the history:
    // the folder is read in a thread of its own, then its conversations join those in memory
    // (none is replaced) and loaded() is emitted with the warnings. Conversations made meanwhile
    // are kept. The store waits for the reading to end when it is destroyed.
    void loadInBackground();
    bool isLoading() const { return m_reader != nullptr; }
    ~ConversationStore() override;

    // Most recently updated first.
    QVector<Conversation> conversations() const;
    QStringList ids() const;
    bool contains(const QString& id) const { return m_conversations.contains(id); }
    std::optional<Conversation> conversation(const QString& id) const;
    int count() const { return int(m_conversations.size()); }

    // Mutations save immediately and return whether the save succeeded (false: saveFailed()
    // was emitted and the change is still held in memory). Unknown ids return false.
    QString create(const QString& title, const QString& mode = QStringLiteral("chat"));
    bool rename(const QString& id, const QString& title);
    bool setMode(const QString& id, const QString& mode);
    bool remove(const QString& id);
    // Returns the index of the new message, or -1 for an unknown id.
    int addMessage(const QString& id, const ChatMessage& message);
    bool editMessage(const QString& id, int index, const QString& text);
    bool replaceMessage(const QString& id, int index, const ChatMessage& message);
    // Keeps the first `count` messages.
    bool truncate(const QString& id, int count);
    // Saves again (e.g. after a failure, once there is room).
    bool save(const QString& id);

    // Ids whose title or any message contains `query` (case-insensitive), most recent first;
    // every id for an empty query.
    QStringList search(const QString& query) const;

    QString toMarkdown(const QString& id) const;
    QString toPlainText(const QString& id) const;
    QByteArray toJson(const QString& id) const;
    QByteArray exportData(const QString& id, ExportFormat format) const;
    bool exportToFile(const QString& id, const QString& path, ExportFormat format,
                      QString* error = nullptr) const;

    // The title a new conversation gets from its first message.
    static QString titleFrom(const QString& text);

signals:
    void conversationAdded(const QString& id);
    void conversationChanged(const QString& id);
    void conversationRemoved(const QString& id);
    void saveFailed(const QString& id, const QString& message);
    void loadWarning(const QString& message);
    // A load (either kind) ended; `warnings` as load() returns them.
    void loaded(const QStringList& warnings);

private:
    // What reading a folder found. Built without touching the store, so on any thread;
    // damaged files are already moved aside, repaired conversations not yet saved.
    struct Found {
        QVector<Conversation> conversations;
        QHash<QString, QStringList> repairs;  // id -> what was dropped from it
        QStringList warnings;
    };
    static Found readFolder(const QString& directory);
    // On the GUI thread: keeps what was found (not replacing what is in memory), saves the
    // repaired conversations, emits loadWarning() for each warning and loaded().
    QStringList adopt(Found found);

    QDateTime nextTimestamp() const;
    void touch(Conversation& c);
    bool write(const Conversation& c);

    QString m_directory;
    QHash<QString, Conversation> m_conversations;
    QThread* m_reader = nullptr;
};

// JSON form of one conversation (the file format) and back. conversationFromJson keeps every
// message it can read: a message without a valid role or text is dropped, an inconsistent
// attention matrix is dropped from its message, a missing title or mode gets a default; each
// such repair is appended to *repairs as a phrase ("messages[3] was dropped: ..."). It returns
// nothing and sets *error only when there is nothing to keep (no "messages" array, or a format
// newer than this build).
QJsonObject conversationToJson(const Conversation& conversation);
std::optional<Conversation> conversationFromJson(const QJsonObject& object, QString* error,
                                                 QStringList* repairs = nullptr);
QJsonObject attentionToJson(const AttentionMatrix& matrix);
std::optional<AttentionMatrix> attentionFromJson(const QJsonObject& object, QString* error);

}  // namespace attentive::ui
