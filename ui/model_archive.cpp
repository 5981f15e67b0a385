#include "ui/model_archive.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryFile>

#include <array>
#include <functional>
#include <utility>

namespace attentive::ui {

namespace {

constexpr qint64 kChunk = 1 << 20;
constexpr int kMaxDepth = 8;

quint32 crc32Update(quint32 crc, const char* data, qint64 size) {
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (qint64 i = 0; i < size; ++i) crc = table[(crc ^ static_cast<quint8>(data[i])) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

quint16 le16(const QByteArray& b, int at) {
    return static_cast<quint16>(static_cast<quint8>(b[at]) | static_cast<quint8>(b[at + 1]) << 8);
}
quint32 le32(const QByteArray& b, int at) { return le16(b, at) | static_cast<quint32>(le16(b, at + 2)) << 16; }

QByteArray le32Bytes(quint32 value) {
    QByteArray bytes(4, '\0');
    for (int i = 0; i < 4; ++i) bytes[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
    return bytes;
}

// Writes entries below the destination, enforcing the limits; every error names the archive.
class Extractor {
public:
    Extractor(const QString& archive, const QString& destination) : m_archive(archive), m_root(destination) {}

    [[noreturn]] void fail(const QString& message) const {
        throw ArchiveError(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(m_archive), message).toStdString());
    }

    // The entry's path, checked and normalised ("a/./b/" -> "a/b"); empty for the root itself.
    QString checkedPath(const QString& raw) const {
        if (raw.startsWith(QLatin1Char('/')) || raw.contains(QLatin1Char('\\')) ||
            (raw.size() >= 2 && raw[1] == QLatin1Char(':')))
            fail(QStringLiteral("entry '%1' has an absolute path").arg(raw));
        QStringList parts;
        for (const QString& part : raw.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
            if (part == QLatin1String("..")) fail(QStringLiteral("entry '%1' points outside the folder").arg(raw));
            if (part != QLatin1String(".")) parts << part;
        }
        if (parts.size() > kMaxDepth) fail(QStringLiteral("entry '%1' is nested too deeply").arg(raw));
        return parts.join(QLatin1Char('/'));
    }

    void countEntry(const QString& path) {
        if (++m_entries > kMaxArchiveEntries)
            fail(QStringLiteral("more than %1 entries; a model folder has a handful").arg(kMaxArchiveEntries));
        if (m_seen.contains(path)) fail(QStringLiteral("entry '%1' appears twice").arg(path));
        m_seen.insert(path);
    }

    void addDirectory(const QString& raw) {
        const QString path = checkedPath(raw);
        if (path.isEmpty()) return;
        countEntry(path);
        if (!QDir(m_root).mkpath(path)) fail(QStringLiteral("cannot create folder '%1'").arg(path));
    }

    // Creates the file for an entry of `size` bytes; `fill` writes its contents.
    void addFile(const QString& raw, qint64 size, const std::function<void(QFile&)>& fill) {
        const QString path = checkedPath(raw);
        if (path.isEmpty()) fail(QStringLiteral("a file entry has an empty name"));
        countEntry(path);
        if (size < 0 || size > kMaxArchiveBytes - m_bytes)
            fail(QStringLiteral("unpacks to more than %1 GiB").arg(kMaxArchiveBytes >> 30));
        m_bytes += size;
        const int slash = path.lastIndexOf(QLatin1Char('/'));
        if (slash > 0 && !QDir(m_root).mkpath(path.left(slash)))
            fail(QStringLiteral("cannot create the folder of '%1'").arg(path));
        QFile file(QDir(m_root).filePath(path));
        // NewOnly: never replaces anything, so an entry cannot overwrite an earlier one.
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            fail(QStringLiteral("cannot create '%1': %2").arg(path, file.errorString()));
        fill(file);
        if (!file.flush()) fail(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
        if (file.size() != size)
            fail(QStringLiteral("entry '%1' holds %2 bytes, not the %3 its header says")
                     .arg(path)
                     .arg(file.size())
                     .arg(size));
    }

    // Copies exactly `size` bytes from `in` to `out`, returning their CRC-32.
    quint32 copy(QIODevice& in, QFile& out, qint64 size, const QString& entry) const {
        quint32 crc = 0;
        while (size > 0) {
            const QByteArray chunk = in.read(qMin(size, kChunk));
            if (chunk.isEmpty()) fail(QStringLiteral("the archive ends inside '%1'").arg(entry));
            if (out.write(chunk) != chunk.size())
                fail(QStringLiteral("cannot write '%1': %2").arg(entry, out.errorString()));
            crc = crc32Update(crc, chunk.constData(), chunk.size());
            size -= chunk.size();
        }
        return crc;
    }

    // Inflates the gzip file `input` into `out`, refusing more than `limit` bytes.
    void gunzip(const QString& input, QFile& out, qint64 limit, const QString& entry) const {
        QProcess gzip;
        gzip.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), QStringLiteral("--"), input});
        if (!gzip.waitForStarted(10000)) fail(QStringLiteral("cannot run gzip: %1").arg(gzip.errorString()));
        qint64 written = 0;
        auto drain = [&] {
            const QByteArray chunk = gzip.readAllStandardOutput();
            written += chunk.size();
            if (written > limit) {
                gzip.kill();
                gzip.waitForFinished();
                fail(QStringLiteral("'%1' unpacks to more than %2 bytes").arg(entry).arg(limit));
            }
            if (out.write(chunk) != chunk.size())
                fail(QStringLiteral("cannot write '%1': %2").arg(entry, out.errorString()));
        };
        while (gzip.state() != QProcess::NotRunning) {
            gzip.waitForReadyRead(1000);
            drain();
        }
        drain();
        const QString error = QString::fromLocal8Bit(gzip.readAllStandardError()).trimmed();
        const bool ok =
            gzip.exitStatus() == QProcess::NormalExit &&
            (gzip.exitCode() == 0 || (gzip.exitCode() == 2 && error.contains(QLatin1String("decompression OK"))));
        if (!ok)
            fail(QStringLiteral("'%1' is corrupt (gzip: %2)")
                     .arg(entry, error.isEmpty() ? QStringLiteral("failed") : error));
    }

private:
    QString m_archive;
    QString m_root;
    int m_entries = 0;
    qint64 m_bytes = 0;
    QSet<QString> m_seen;
};

QString cString(const QByteArray& block, int at, int size) {
    const QByteArray field = block.mid(at, size);
    const int end = field.indexOf('\0');
    return QString::fromUtf8(end < 0 ? field : field.left(end));
}

// A tar number: octal digits, padded with NULs or spaces. False when malformed or too large.
bool parseOctal(const QByteArray& block, int at, int size, qint64& value) {
    value = 0;
    bool digits = false;
    for (int i = at; i < at + size; ++i) {
        const char c = block[i];
        if (c == '\0' || c == ' ') {
            if (digits) break;
            continue;
        }
        if (c < '0' || c > '7' || value > kMaxArchiveBytes) return false;
        value = value * 8 + (c - '0');
        digits = true;
    }
    return true;
}

qint64 octal(const Extractor& x, const QByteArray& block, int at, int size) {
    if (static_cast<quint8>(block[at]) & 0x80) x.fail(QStringLiteral("an entry is larger than 8 GB"));
    qint64 value = 0;
    if (!parseOctal(block, at, size, value)) x.fail(QStringLiteral("a tar header holds a malformed number"));
    return value;
}

void extractTar(QIODevice& in, Extractor& x) {
    QString longName, paxPath;
    qint64 paxSize = -1;
    bool any = false;
    while (true) {
        const QByteArray header = in.read(512);
        if (header.isEmpty() && any) break;  // no end-of-archive blocks: tolerated, as tar does
        if (header.size() < 512)
            x.fail(any ? QStringLiteral("the archive is truncated") : QStringLiteral("not a tar archive"));
        if (header.count('\0') == 512) break;  // end of archive
        // The checksum: the header's bytes summed with its own field read as spaces.
        qint64 sum = 0;
        for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? 32 : static_cast<quint8>(header[i]);
        qint64 recorded = 0;
        if (!parseOctal(header, 148, 8, recorded) || sum != recorded)
            x.fail(QStringLiteral("not a tar archive, or a corrupt one (header checksum)"));
        any = true;
        QString name = cString(header, 0, 100);
        if (header.mid(257, 6) == QByteArray("ustar\0", 6)) {
            const QString prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) name = prefix + QLatin1Char('/') + name;
        }
        qint64 size = octal(x, header, 124, 12);
        if (!longName.isEmpty()) name = std::exchange(longName, QString());
        if (!paxPath.isEmpty()) name = std::exchange(paxPath, QString());
        if (paxSize >= 0) size = std::exchange(paxSize, qint64(-1));
        const char type = header[156];
        const qint64 padding = (512 - size % 512) % 512;
        auto readSmall = [&](const char* what) {
            if (size > 65536) x.fail(QStringLiteral("a %1 record is implausibly large").arg(QLatin1String(what)));
            const QByteArray data = in.read(size);
            if (data.size() != size || in.read(padding).size() != padding)
                x.fail(QStringLiteral("the archive is truncated"));
            return data;
        };
        switch (type) {
        case 'L': {  // GNU long name of the next entry
            const QByteArray data = readSmall("long-name");
            longName = QString::fromUtf8(data.left(data.indexOf('\0') < 0 ? data.size() : data.indexOf('\0')));
            continue;
        }
        case 'x': {  // pax extended header of the next entry: "<length> <key>=<value>\n" records
            const QByteArray data = readSmall("pax");
            for (const QByteArray& record : data.split('\n')) {
                const int space = record.indexOf(' '), equals = record.indexOf('=');
                if (space < 0 || equals < space) continue;
                const QByteArray key = record.mid(space + 1, equals - space - 1), value = record.mid(equals + 1);
                if (key == "path")
                    paxPath = QString::fromUtf8(value);
                else if (key == "size") {
                    bool ok = false;
                    paxSize = value.toLongLong(&ok);
                    if (!ok || paxSize < 0) x.fail(QStringLiteral("a pax header holds a malformed size"));
                }
            }
            continue;
        }
        case 'g':  // pax global header: nothing in it matters here
            readSmall("pax");
            continue;
        case '0':
        case '\0':
        case '7':
            x.addFile(name, size, [&](QFile& out) { x.copy(in, out, size, name); });
            if (in.read(padding).size() != padding) x.fail(QStringLiteral("the archive is truncated"));
            continue;
        case '5':
            x.addDirectory(name);
            if (size > 0 && in.skip(size + padding) != size + padding)
                x.fail(QStringLiteral("the archive is truncated"));
            continue;
        case '1':
            x.fail(QStringLiteral("entry '%1' is a hard link; only plain files and folders are accepted").arg(name));
        case '2':
            x.fail(
                QStringLiteral("entry '%1' is a symbolic link; only plain files and folders are accepted").arg(name));
        case '3':
        case '4':
            x.fail(QStringLiteral("entry '%1' is a device; only plain files and folders are accepted").arg(name));
        case '6':
            x.fail(QStringLiteral("entry '%1' is a FIFO; only plain files and folders are accepted").arg(name));
        default:
            x.fail(
                QStringLiteral("entry '%1' has the unsupported tar type '%2'").arg(name, QString(QLatin1Char(type))));
        }
    }
}

void extractZip(QFile& in, Extractor& x) {
    const qint64 fileSize = in.size();
    if (fileSize < 22) x.fail(QStringLiteral("not a zip archive (too short)"));
    // The end-of-central-directory record: 22 bytes plus a comment of up to 65535.
    const qint64 tailStart = qMax<qint64>(0, fileSize - 22 - 65535);
    in.seek(tailStart);
    const QByteArray tail = in.read(fileSize - tailStart);
    int eocd = -1;
    for (int at = tail.size() - 22; at >= 0; --at) {
        if (le32(tail, at) == 0x06054b50u && at + 22 + le16(tail, at + 20) == tail.size()) {
            eocd = at;
            break;
        }
    }
    if (eocd < 0) x.fail(QStringLiteral("not a zip archive (no central directory)"));
    if (le16(tail, eocd + 4) != 0 || le16(tail, eocd + 6) != 0)
        x.fail(QStringLiteral("multi-part zip archives are not supported"));
    const int entries = le16(tail, eocd + 10);
    const quint32 directorySize = le32(tail, eocd + 12), directoryOffset = le32(tail, eocd + 16);
    if (entries == 0xFFFF || directoryOffset == 0xFFFFFFFFu)
        x.fail(QStringLiteral("ZIP64 archives are not supported; pack a model this large as .tar"));
    if (entries > kMaxArchiveEntries)
        x.fail(QStringLiteral("more than %1 entries; a model folder has a handful").arg(kMaxArchiveEntries));
    if (qint64(directoryOffset) + directorySize > tailStart + eocd)
        x.fail(QStringLiteral("the central directory is corrupt"));
    in.seek(directoryOffset);
    const QByteArray directory = in.read(directorySize);
    int at = 0;
    for (int i = 0; i < entries; ++i) {
        if (at + 46 > directory.size() || le32(directory, at) != 0x02014b50u)
            x.fail(QStringLiteral("the central directory is corrupt"));
        const int host = le16(directory, at + 4) >> 8;
        const int flags = le16(directory, at + 8), method = le16(directory, at + 10);
        const quint32 crc = le32(directory, at + 16), packed = le32(directory, at + 20),
                      size = le32(directory, at + 24);
        const int nameLength = le16(directory, at + 28);
        const int recordLength = 46 + nameLength + le16(directory, at + 30) + le16(directory, at + 32);
        const quint32 mode = le32(directory, at + 38) >> 16;
        const quint32 localOffset = le32(directory, at + 42);
        if (at + recordLength > directory.size()) x.fail(QStringLiteral("the central directory is corrupt"));
        const QString name = QString::fromUtf8(directory.mid(at + 46, nameLength));
        at += recordLength;
        if (flags & 0x41) x.fail(QStringLiteral("entry '%1' is encrypted").arg(name));
        if (packed == 0xFFFFFFFFu || size == 0xFFFFFFFFu || localOffset == 0xFFFFFFFFu)
            x.fail(QStringLiteral("ZIP64 archives are not supported; pack a model this large as .tar"));
        if (host == 3) {  // made on Unix: the high half of the external attributes is st_mode
            const quint32 type = mode & 0170000;
            if (type == 0120000)
                x.fail(QStringLiteral("entry '%1' is a symbolic link; only plain files and folders are accepted")
                           .arg(name));
            if (type != 0 && type != 0100000 && type != 0040000)
                x.fail(QStringLiteral("entry '%1' is not a plain file or folder").arg(name));
        }
        if (name.endsWith(QLatin1Char('/'))) {
            x.addDirectory(name);
            continue;
        }
        in.seek(localOffset);
        const QByteArray local = in.read(30);
        if (local.size() != 30 || le32(local, 0) != 0x04034b50u)
            x.fail(QStringLiteral("entry '%1' is corrupt").arg(name));
        const qint64 dataStart = qint64(localOffset) + 30 + le16(local, 26) + le16(local, 28);
        if (dataStart + packed > qint64(directoryOffset)) x.fail(QStringLiteral("entry '%1' is corrupt").arg(name));
        in.seek(dataStart);
        if (method == 0) {
            if (packed != size) x.fail(QStringLiteral("entry '%1' is corrupt (sizes differ)").arg(name));
            x.addFile(name, size, [&](QFile& out) {
                if (x.copy(in, out, size, name) != crc)
                    x.fail(QStringLiteral("entry '%1' is corrupt (CRC-32)").arg(name));
            });
        } else if (method == 8) {
            // A raw deflate stream becomes a gzip member with a fixed header and the zip's own
            // CRC-32 and length as its trailer, which gzip verifies.
            QTemporaryFile wrapped;
            if (!wrapped.open()) x.fail(QStringLiteral("cannot create a temporary file"));
            wrapped.write(QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10));
            qint64 left = packed;
            while (left > 0) {
                const QByteArray chunk = in.read(qMin(left, kChunk));
                if (chunk.isEmpty()) x.fail(QStringLiteral("the archive ends inside '%1'").arg(name));
                if (wrapped.write(chunk) != chunk.size()) x.fail(QStringLiteral("cannot write a temporary file"));
                left -= chunk.size();
            }
            wrapped.write(le32Bytes(crc) + le32Bytes(size));
            if (!wrapped.flush()) x.fail(QStringLiteral("cannot write a temporary file"));
            x.addFile(name, size, [&](QFile& out) { x.gunzip(wrapped.fileName(), out, size, name); });
        } else {
            x.fail(QStringLiteral("entry '%1' uses compression method %2; only stored and deflate are supported")
                       .arg(name)
                       .arg(method));
        }
    }
}

}  // namespace

ArchiveKind archiveKind(const QString& path) {
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".tar"))) return ArchiveKind::Tar;
    if (lower.endsWith(QLatin1String(".tar.gz")) || lower.endsWith(QLatin1String(".tgz"))) return ArchiveKind::TarGzip;
    if (lower.endsWith(QLatin1String(".zip"))) return ArchiveKind::Zip;
    return ArchiveKind::None;
}

void extractArchive(const QString& archive, const QString& destination) {
    Extractor x(archive, destination);
    QFile in(archive);
    if (!in.open(QIODevice::ReadOnly)) x.fail(QStringLiteral("cannot open: %1").arg(in.errorString()));
    switch (archiveKind(archive)) {
    case ArchiveKind::Tar:
        extractTar(in, x);
        return;
    case ArchiveKind::TarGzip: {
        QTemporaryFile tar;
        if (!tar.open()) x.fail(QStringLiteral("cannot create a temporary file"));
        x.gunzip(archive, tar, kMaxArchiveBytes + kMaxArchiveEntries * 1024, QStringLiteral("the archive"));
        tar.seek(0);
        extractTar(tar, x);
        return;
    }
    case ArchiveKind::Zip:
        extractZip(in, x);
        return;
    case ArchiveKind::None:
        x.fail(QStringLiteral("not a .tar, .tar.gz, .tgz or .zip archive"));
    }
}

}  // namespace attentive::ui
