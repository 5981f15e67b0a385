#include "ui/conversation_store.h"


#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "core/file_access.h"

namespace attentive::ui {

namespace {

constexpr int kFormatVersion = 1;

QString isoTime(const QDateTime& time) { return time.toUTC().toString(Qt::ISODateWithMs); }

QDateTime parseTime(const QJsonValue& value) {
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString roleName(const QString& role) {
    return role == QLatin1String("user") ? ConversationStore::tr("You") : ConversationStore::tr("Bot");
}

QString modeName(const QString& mode) {
    if (mode == QLatin1String("chat"))
        return ConversationStore::tr("chat");
    const QStringList pair = mode.split(QLatin1Char('-'));
    if (pair.size() == 2)
        return ConversationStore::tr("translation %1 → %2").arg(pair[0], pair[1]);
    return mode;
}

// A conversation file larger than this is not read: with attention a long conversation takes a
// few MB, and a bigger file is a mistake (or a link to a device) that would fill memory.
constexpr std::uint64_t kMaxFileBytes = 256ull << 20;

std::filesystem::path fsPath(const QString& path) {
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

// `path`.<suffix>, or `path`.<n>.<suffix> when that exists.
QString unusedName(const QString& path, const QString& suffix) {
    QString name = path + QLatin1Char('.') + suffix;
    for (int n = 2; QFile::exists(name); ++n)
        name = path + QStringLiteral(".%1.").arg(n) + suffix;
    return name;
}

QJsonArray stringArray(const QStringList& list) { return QJsonArray::fromStringList(list); }

QJsonArray boolArray(const QList<bool>& list) {
    QJsonArray array;
    for (bool b : list)
        array.append(b);
    return array;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// File format

QJsonObject attentionToJson(const AttentionMatrix& matrix) {
    QJsonObject object;
    object.insert(QStringLiteral("sourcePieces"), stringArray(matrix.sourcePieces));
    object.insert(QStringLiteral("sourceWordStart"), boolArray(matrix.sourceWordStart));
    object.insert(QStringLiteral("targetPieces"), stringArray(matrix.targetPieces));
    object.insert(QStringLiteral("targetWordStart"), boolArray(matrix.targetWordStart));
    QJsonArray rows;
    for (const QVector<float>& row : matrix.weights) {
        QJsonArray cells;
        // Five decimals are beyond what a heatmap can show and keep the files small.
        for (float w : row)
            cells.append(std::round(double(w) * 1e5) / 1e5);
        rows.append(cells);
    }
    object.insert(QStringLiteral("weights"), rows);
    return object;
}

std::optional<AttentionMatrix> attentionFromJson(const QJsonObject& object, QString* error) {
    auto fail = [error](const QString& message) -> std::optional<AttentionMatrix> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    AttentionMatrix m;
    for (const char* key : {"sourcePieces", "targetPieces", "weights"})
        if (!object.value(QLatin1String(key)).isArray())
            return fail(QStringLiteral("attention.%1 is missing or not an array").arg(key));
    for (const QJsonValue& v : object.value(QStringLiteral("sourcePieces")).toArray())
        m.sourcePieces.append(v.toString());
    for (const QJsonValue& v : object.value(QStringLiteral("targetPieces")).toArray())
        m.targetPieces.append(v.toString());
    for (const QJsonValue& v : object.value(QStringLiteral("sourceWordStart")).toArray())
        m.sourceWordStart.append(v.toBool());
    for (const QJsonValue& v : object.value(QStringLiteral("targetWordStart")).toArray())
        m.targetWordStart.append(v.toBool());
    // Word-start flags are optional, but when present there is one per piece: the views index
    // them by piece.
    if (!m.sourceWordStart.isEmpty() && m.sourceWordStart.size() != m.sourcePieces.size())
        return fail(QStringLiteral("attention.sourceWordStart has %1 flags for %2 source pieces")
                        .arg(m.sourceWordStart.size())
                        .arg(m.sourcePieces.size()));
    if (!m.targetWordStart.isEmpty() && m.targetWordStart.size() != m.targetPieces.size())
        return fail(QStringLiteral("attention.targetWordStart has %1 flags for %2 target pieces")
                        .arg(m.targetWordStart.size())
                        .arg(m.targetPieces.size()));
    const QJsonArray rows = object.value(QStringLiteral("weights")).toArray();
    if (rows.size() != m.targetPieces.size())
        return fail(QStringLiteral("attention.weights has %1 rows for %2 target pieces")
                        .arg(rows.size())
                        .arg(m.targetPieces.size()));
    for (qsizetype r = 0; r < rows.size(); ++r) {
        if (!rows[r].isArray())
            return fail(QStringLiteral("attention.weights[%1] is not an array").arg(r));
        const QJsonArray row = rows[r].toArray();
        if (row.size() != m.sourcePieces.size())
            return fail(QStringLiteral("attention.weights has a row of %1 values for %2 source pieces")
                            .arg(row.size())
                            .arg(m.sourcePieces.size()));
        QVector<float> weights;
        weights.reserve(row.size());
        for (qsizetype c = 0; c < row.size(); ++c) {
            // A weight is a probability; anything else (or a number no float holds) would show
            // as a wrong heatmap and could not be saved back as it was read.
            const double weight = row[c].toDouble(-1.0);
            if (!row[c].isDouble() || !(weight >= 0.0 && weight <= 1.0))
                return fail(QStringLiteral("attention.weights[%1][%2] is not a number between 0 and 1").arg(r).arg(c));
            weights.append(float(weight));
        }
        m.weights.append(weights);
    }
    return m;
}

ChatMessage ChatMessage::withVersion(int index) const {
    QVector<ReplyVersion> all = otherVersions;
    all.insert(std::clamp(versionIndex, 0, int(all.size())), {text, timestamp, attention, recalledFrom});
    const int chosen = std::clamp(index, 0, int(all.size()) - 1);
    ChatMessage result = *this;
    result.text = all[chosen].text;
    result.timestamp = all[chosen].timestamp;
    result.attention = all[chosen].attention;
    result.recalledFrom = all[chosen].recalledFrom;
    all.remove(chosen);
    result.otherVersions = all;
    result.versionIndex = chosen;
    return result;
}

ChatMessage ChatMessage::followedBy(const ChatMessage& newer) const {
    ChatMessage result = newer;
    result.otherVersions = otherVersions;
    result.otherVersions.insert(std::clamp(versionIndex, 0, int(otherVersions.size())),
                                {text, timestamp, attention, recalledFrom});
    result.versionIndex = int(result.otherVersions.size());
    return result;
}

QJsonObject conversationToJson(const Conversation& c) {
    QJsonObject object;
    object.insert(QStringLiteral("format"), kFormatVersion);
    object.insert(QStringLiteral("id"), c.id);
    object.insert(QStringLiteral("title"), c.title);
    object.insert(QStringLiteral("mode"), c.mode);
    object.insert(QStringLiteral("created"), isoTime(c.created));
    object.insert(QStringLiteral("updated"), isoTime(c.updated));
    QJsonArray messages;
    for (const ChatMessage& m : c.messages) {
        QJsonObject message;
        message.insert(QStringLiteral("role"), m.role);
        message.insert(QStringLiteral("text"), m.text);
        message.insert(QStringLiteral("timestamp"), isoTime(m.timestamp));
        if (m.attention)
            message.insert(QStringLiteral("attention"), attentionToJson(*m.attention));
        if (!m.recalledFrom.isEmpty())
            message.insert(QStringLiteral("recalledFrom"), m.recalledFrom);
        if (!m.otherVersions.isEmpty()) {
            QJsonArray versions;
            for (const ReplyVersion& version : m.otherVersions) {
                QJsonObject entry;
                entry.insert(QStringLiteral("text"), version.text);
                entry.insert(QStringLiteral("timestamp"), isoTime(version.timestamp));
                if (version.attention)
                    entry.insert(QStringLiteral("attention"), attentionToJson(*version.attention));
                if (!version.recalledFrom.isEmpty())
                    entry.insert(QStringLiteral("recalledFrom"), version.recalledFrom);
                versions.append(entry);
            }
            message.insert(QStringLiteral("otherVersions"), versions);
            message.insert(QStringLiteral("versionIndex"), m.versionIndex);
        }
        messages.append(message);
    }
    object.insert(QStringLiteral("messages"), messages);
    return object;
}

std::optional<Conversation> conversationFromJson(const QJsonObject& object, QString* error,
                                                 QStringList* repairs) {
    auto fail = [error](const QString& message) -> std::optional<Conversation> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    auto repaired = [repairs](const QString& what) {
        if (repairs)
            repairs->append(what);
    };
    if (object.value(QStringLiteral("format")).toInt(-1) > kFormatVersion)
        return fail(QStringLiteral("format %1 is newer than this version of Attentive reads (%2)")
                        .arg(object.value(QStringLiteral("format")).toInt())
                        .arg(kFormatVersion));
    if (!object.value(QStringLiteral("messages")).isArray())
        return fail(QStringLiteral("\"messages\" is missing or not an array"));

    // From here on nothing sets the conversation aside: what cannot be read is dropped (the
    // smallest part that is inconsistent) and reported, the rest is kept.
    Conversation c;
    c.id = object.value(QStringLiteral("id")).toString();
    if (object.value(QStringLiteral("title")).isString()) {
        c.title = object.value(QStringLiteral("title")).toString();
    } else {
        c.title = ConversationStore::tr("Recovered conversation");
        repaired(QStringLiteral("\"title\" was missing or not a string"));
    }
    c.mode = object.value(QStringLiteral("mode")).toString();
    if (c.mode.isEmpty()) {
        c.mode = QStringLiteral("chat");
        repaired(QStringLiteral("\"mode\" was missing or empty (the conversation is opened as a chat)"));
    }
    c.created = parseTime(object.value(QStringLiteral("created")));
    c.updated = parseTime(object.value(QStringLiteral("updated")));
    const QJsonArray messages = object.value(QStringLiteral("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (!messages[i].isObject()) {
            repaired(QStringLiteral("messages[%1] was dropped: it is not an object").arg(i));
            continue;
        }
        const QJsonObject m = messages[i].toObject();
        const QString role = m.value(QStringLiteral("role")).toString();
        if (role != QLatin1String("user") && role != QLatin1String("bot")) {
            repaired(QStringLiteral("messages[%1] was dropped: its role is \"%2\", expected \"user\" or \"bot\"")
                         .arg(i)
                         .arg(role));
            continue;
        }
        if (!m.value(QStringLiteral("text")).isString()) {
            repaired(QStringLiteral("messages[%1] was dropped: its text is missing or not a string").arg(i));
            continue;
        }
        ChatMessage message;
        message.role = role;
        message.text = m.value(QStringLiteral("text")).toString();
        message.timestamp = parseTime(m.value(QStringLiteral("timestamp")));
        message.recalledFrom = m.value(QStringLiteral("recalledFrom")).toString();
        if (m.contains(QStringLiteral("attention"))) {
            QString attentionError;
            const QJsonValue attention = m.value(QStringLiteral("attention"));
            if (attention.isObject())
                message.attention = attentionFromJson(attention.toObject(), &attentionError);
            else
                attentionError = QStringLiteral("attention is not an object");
            if (!message.attention)
                repaired(QStringLiteral("the heatmap of messages[%1] was dropped: %2").arg(i).arg(attentionError));
        }
        // Other versions of a reply: one that cannot be read is left out, never the message.
        const QJsonArray versions = m.value(QStringLiteral("otherVersions")).toArray();
        for (qsizetype v = 0; v < versions.size(); ++v) {
            const QJsonObject entry = versions[v].toObject();
            if (!entry.value(QStringLiteral("text")).isString()) {
                repaired(QStringLiteral("messages[%1].otherVersions[%2] was dropped: its text is missing or not a string")
                             .arg(i)
                             .arg(v));
                continue;
            }
            ReplyVersion version;
            version.text = entry.value(QStringLiteral("text")).toString();
            version.timestamp = parseTime(entry.value(QStringLiteral("timestamp")));
            version.recalledFrom = entry.value(QStringLiteral("recalledFrom")).toString();
            if (entry.contains(QStringLiteral("attention"))) {
                QString attentionError = QStringLiteral("attention is not an object");
                if (entry.value(QStringLiteral("attention")).isObject())
                    version.attention =
                        attentionFromJson(entry.value(QStringLiteral("attention")).toObject(), &attentionError);
                if (!version.attention)
                    repaired(QStringLiteral("the heatmap of messages[%1].otherVersions[%2] was dropped: %3")
                                 .arg(i)
                                 .arg(v)
                                 .arg(attentionError));
            }
            message.otherVersions.append(version);
        }
        message.versionIndex =
            std::clamp(m.value(QStringLiteral("versionIndex")).toInt(0), 0, int(message.otherVersions.size()));
        c.messages.append(message);
    }
    if (!c.created.isValid())
        c.created = c.messages.isEmpty() ? QDateTime::currentDateTimeUtc() : c.messages.first().timestamp;
    if (!c.updated.isValid())
        c.updated = c.created;
    return c;
}

// ---------------------------------------------------------------------------------------------
// Store

ConversationStore::ConversationStore(QObject* parent)
    : ConversationStore(defaultDirectory(), parent) {}

ConversationStore::ConversationStore(const QString& directory, QObject* parent)
    : QObject(parent), m_directory(directory) {}

QString ConversationStore::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/conversations");
}

QString ConversationStore::filePath(const QString& id) const {
    return QDir(m_directory).filePath(id + QStringLiteral(".json"));
}

QStringList ConversationStore::load() {
    m_conversations.clear();
    return adopt(readFolder(m_directory));
}

void ConversationStore::loadInBackground() {
    if (m_reader) return;
    auto found = std::make_shared<Found>();
    m_reader = QThread::create([found, directory = m_directory] { *found = readFolder(directory); });
    connect(m_reader, &QThread::finished, this, [this, found] {
        m_reader->deleteLater();
        m_reader = nullptr;
        adopt(std::move(*found));
    });
    m_reader->start(QThread::LowPriority);
}

ConversationStore::~ConversationStore() {
    if (m_reader) m_reader->wait();
}

ConversationStore::Found ConversationStore::readFolder(const QString& directory) {
    Found found;
    QDir dir(directory);
    if (!dir.exists())
        return found;
    // System entries too (FIFOs, sockets, devices, dangling links named *.json), so that they
    // are reported rather than silently missing.
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files | QDir::System, QDir::Name);
    for (const QString& name : files) {
        const QString path = dir.filePath(name);
        QByteArray bytes;
        try {
            bytes = QByteArray::fromStdString(read_regular_file(fsPath(path), kMaxFileBytes));
        } catch (const std::exception& error) {
            // Not read at all (a FIFO would block, a link to /dev/zero never ends, a permission
            // may be fixed later): left where it is.
            found.warnings.append(tr("The conversation file %1 was not read: %2")
                                      .arg(QDir::toNativeSeparators(path), QString::fromStdString(error.what())));
            continue;
        }
        QString reason;
        QStringList repairs;
        std::optional<Conversation> conversation;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            reason = tr("invalid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        else if (!doc.isObject())
            reason = tr("the file does not hold a JSON object");
        else
            conversation = conversationFromJson(doc.object(), &reason, &repairs);

        if (!conversation) {
            const QString aside = unusedName(path, QStringLiteral("corrupt"));
            const bool moved = QFile::rename(path, aside);
            found.warnings.append(
                moved ? tr("The conversation file %1 is damaged (%2). It was moved aside to %3; "
                           "your other conversations are unaffected.")
                            .arg(QDir::toNativeSeparators(path), reason, QDir::toNativeSeparators(aside))
                      : tr("The conversation file %1 is damaged (%2) and could not be moved "
                           "aside; it was skipped.")
                            .arg(QDir::toNativeSeparators(path), reason));
            continue;
        }
        // The file name is the id: a copied file with a stale "id" still saves to itself.
        conversation->id = QFileInfo(name).completeBaseName();
        if (!repairs.isEmpty()) found.repairs.insert(conversation->id, repairs);
        found.conversations.append(std::move(*conversation));
    }
    return found;
}

QStringList ConversationStore::adopt(Found found) {
    QStringList warnings = found.warnings;
    for (Conversation& conversation : found.conversations) {
        if (m_conversations.contains(conversation.id)) continue;
        const QString id = conversation.id;
        m_conversations.insert(id, std::move(conversation));
        const auto repairs = found.repairs.constFind(id);
        if (repairs == found.repairs.constEnd()) continue;

        // Keep the original bytes, then save the repaired conversation so the warning is shown
        // once, not at every start.
        const QString path = filePath(id);
        const Conversation& kept = m_conversations[id];
        const QString original = unusedName(path, QStringLiteral("before-repair"));
        QString outcome;
        if (QFile::copy(path, original) && write(kept))
            outcome = tr("The original file was kept as %1.").arg(QDir::toNativeSeparators(original));
        else
            outcome = tr("The file was left as it is.");
        constexpr int kListed = 3;
        QStringList listed = repairs->mid(0, kListed);
        if (repairs->size() > kListed)
            listed.append(tr("%n more", nullptr, int(repairs->size() - kListed)));
        warnings.append(tr("The conversation “%1” (%2) had damaged parts, which were dropped: %3. Its %n "
                           "readable message(s) were kept. %4",
                           nullptr, int(kept.messages.size()))
                            .arg(kept.title, QDir::toNativeSeparators(path), listed.join(QStringLiteral("; ")), outcome));
    }
    for (const QString& warning : std::as_const(warnings)) emit loadWarning(warning);
    emit loaded(warnings);
    return warnings;
}

QVector<Conversation> ConversationStore::conversations() const {
    QVector<Conversation> list;
    list.reserve(m_conversations.size());
    for (const Conversation& c : m_conversations)
        list.append(c);
    std::sort(list.begin(), list.end(), [](const Conversation& a, const Conversation& b) {
        if (a.updated != b.updated)
            return a.updated > b.updated;
        if (a.created != b.created)
            return a.created > b.created;
        return a.id < b.id;
    });
    return list;
}

QStringList ConversationStore::ids() const {
    QStringList list;
    for (const Conversation& c : conversations())
        list.append(c.id);
    return list;
}

std::optional<Conversation> ConversationStore::conversation(const QString& id) const {
    const auto it = m_conversations.constFind(id);
    if (it == m_conversations.constEnd())
        return std::nullopt;
    return *it;
}

QDateTime ConversationStore::nextTimestamp() const {
    // Strictly newer than every conversation, so "most recent first" holds even for changes
    // within one millisecond (and after a clock step backwards).
    QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Conversation& other : m_conversations)
        if (other.updated.isValid() && other.updated >= now)
            now = other.updated.addMSecs(1);
    return now;
}

void ConversationStore::touch(Conversation& c) { c.updated = nextTimestamp(); }

bool ConversationStore::write(const Conversation& c) {
    const QString path = filePath(c.id);
    auto fail = [&](const QString& reason) {
        emit saveFailed(c.id, tr("Could not save the conversation “%1” to %2: %3. It is kept in "
                                 "memory; free some space or fix the folder's permissions and "
                                 "it will be saved with the next message.")
                                  .arg(c.title, QDir::toNativeSeparators(path), reason));
        return false;
    };
    if (!QDir().mkpath(m_directory))
        return fail(tr("the folder could not be created"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    const QByteArray bytes = QJsonDocument(conversationToJson(c)).toJson(QJsonDocument::Indented);
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(reason);
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

bool ConversationStore::save(const QString& id) {
    const auto it = m_conversations.constFind(id);
    return it != m_conversations.constEnd() && write(*it);
}

QString ConversationStore::create(const QString& title, const QString& mode) {
    Conversation c;
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.title = title.trimmed().isEmpty() ? tr("New conversation") : title.trimmed();
    c.mode = mode.isEmpty() ? QStringLiteral("chat") : mode;
    c.created = QDateTime::currentDateTimeUtc();
    c.updated = nextTimestamp();
    m_conversations.insert(c.id, c);
    write(c);
    emit conversationAdded(c.id);
    return c.id;
}

bool ConversationStore::rename(const QString& id, const QString& title) {
    auto it = m_conversations.find(id);
    if (it == m_conversations.end() || title.trimmed().isEmpty())
        return false;
    it->title = title.trimmed();
    touch(*it);
    const bool saved = write(*it);
    emit conversationChanged(id);
    return saved;
}

bool ConversationStore::setMode(const QString& id, const QString& mode) {
    auto it = m_conversations.find(id);
    if (it == m_conversations.end() || mode.isEmpty())
        return false;
    it->mode = mode;
    touch(*it);
    const bool saved = write(*it);
    emit conversationChanged(id);
    return saved;
}

bool ConversationStore::remove(const QString& id) {
    auto it = m_conversations.find(id);
    if (it == m_conversations.end())
        return false;
    const QString path = filePath(id);
    if (QFile::exists(path) && !QFile::remove(path)) {
        emit saveFailed(id, tr("Could not delete %1; the conversation was kept.")
                                .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    m_conversations.erase(it);
    emit conversationRemoved(id);
    return true;
}

int ConversationStore::addMessage(const QString& id, const ChatMessage& message) {
    auto it = m_conversations.find(id);
    if (it == m_conversations.end())
        return -1;
    ChatMessage m = message;
    if (!m.timestamp.isValid())
        m.timestamp = QDateTime::currentDateTimeUtc();
    it->messages.append(m);
    touch(*it);
    write(*it);
    emit conversationChanged(id);
    return int(it->messages.size()) - 1;
}

bool ConversationStore::editMessage(const QString& id, int index, const QString& text) {
    auto it = m_conversations.find(id);
    if (it == m_conversations.end() || index < 0 || index >= it->messages.size())
        return false;
    it->messages[index].text = text;
    touch(*it);
    const bool saved = write(*it);
    emit conversationChanged(id);
    return saved;
}

bool ConversationStore::replaceMessage(const QString& id, int index, const ChatMessage& message) {
    auto it = m_conversations.find(id);
    if (it == m_conversations.end() || index < 0 || index >= it->messages.size())
        return false;
    it->messages[index] = message;
    if (!it->messages[index].timestamp.isValid())
        it->messages[index].timestamp = QDateTime::currentDateTimeUtc();
    touch(*it);
    const bool saved = write(*it);
    emit conversationChanged(id);
    return saved;
}

bool ConversationStore::truncate(const QString& id, int count) {
    auto it = m_conversations.find(id);
    if (it == m_conversations.end() || count < 0)
        return false;
    if (count >= it->messages.size())
        return true;
    it->messages.resize(count);
    touch(*it);
    const bool saved = write(*it);
    emit conversationChanged(id);
    return saved;
}

QStringList ConversationStore::search(const QString& query) const {
    const QString needle = query.trimmed();
    QStringList found;
    for (const Conversation& c : conversations()) {
        bool match = needle.isEmpty() || c.title.contains(needle, Qt::CaseInsensitive);
        for (qsizetype i = 0; !match && i < c.messages.size(); ++i)
            match = c.messages[i].text.contains(needle, Qt::CaseInsensitive);
        if (match)
            found.append(c.id);
    }
    return found;
}

QString ConversationStore::titleFrom(const QString& text) {
    QString line = text.section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.isEmpty())
        return tr("New conversation");
    constexpr int kMax = 40;
    if (line.size() > kMax) {
        line.truncate(kMax);
        const int space = int(line.lastIndexOf(QLatin1Char(' ')));
        if (space > kMax / 2)
            line.truncate(space);
        line += QStringLiteral("…");
    }
    return line;
}

QString ConversationStore::toMarkdown(const QString& id) const {
    const std::optional<Conversation> c = conversation(id);
    if (!c)
        return {};
    QString out = QStringLiteral("# %1\n\n").arg(c->title);
    out += QStringLiteral("*%1 · %2*\n")
               .arg(modeName(c->mode), QLocale().toString(c->created.toLocalTime(), QLocale::ShortFormat));
    for (const ChatMessage& m : c->messages) {
        out += QStringLiteral("\n**%1** (%2):\n\n")
                   .arg(roleName(m.role),
                        QLocale().toString(m.timestamp.toLocalTime(), QLocale::ShortFormat));
        // Keep line breaks: Markdown joins single newlines otherwise.
        QString body = m.text;
        body.replace(QLatin1Char('\n'), QStringLiteral("  \n"));
        out += body + QLatin1Char('\n');
    }
    return out;
}

QString ConversationStore::toPlainText(const QString& id) const {
    const std::optional<Conversation> c = conversation(id);
    if (!c)
        return {};
    QString out = c->title + QLatin1Char('\n') + QString(c->title.size(), QLatin1Char('=')) +
                  QLatin1Char('\n') + modeName(c->mode) + QLatin1Char('\n');
    for (const ChatMessage& m : c->messages) {
        out += QStringLiteral("\n[%1] %2:\n%3\n")
                   .arg(QLocale().toString(m.timestamp.toLocalTime(), QLocale::ShortFormat),
                        roleName(m.role), m.text);
    }
    return out;
}

QByteArray ConversationStore::toJson(const QString& id) const {
    const std::optional<Conversation> c = conversation(id);
    if (!c)
        return {};
    return QJsonDocument(conversationToJson(*c)).toJson(QJsonDocument::Indented);
}

QByteArray ConversationStore::exportData(const QString& id, ExportFormat format) const {
    switch (format) {
    case ExportFormat::Markdown:
        return toMarkdown(id).toUtf8();
    case ExportFormat::PlainText:
        return toPlainText(id).toUtf8();
    case ExportFormat::Json:
        return toJson(id);
    }
    return {};
}

bool ConversationStore::exportToFile(const QString& id, const QString& path, ExportFormat format,
                                     QString* error) const {
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!contains(id))
        return fail(tr("There is no such conversation to export."));
    const QByteArray bytes = exportData(id, format);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), reason));
    }
    if (!file.commit())
        return fail(tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

}  // namespace attentive::ui
