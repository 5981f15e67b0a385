#pragma once
// Unpacks a model folder shipped as an archive: .tar, .tar.gz / .tgz, or .zip. The archive is
// read here, entry by entry, so that nothing outside the destination is ever written: only
// regular files and folders, relative paths without "..", no links or devices, a bounded number
// of entries and bytes. Qt 6.4 has no public zip API and unzip is not on every Debian, so the
// only external program is gzip (Essential on Debian, like tar), which inflates .tar.gz and the
// deflated members of a zip (wrapped as gzip streams, whose CRC-32 and length gzip checks).

#include <QString>

#include <stdexcept>

namespace attentive::ui {

// Limits of an archive (and of a folder being imported).
constexpr int kMaxArchiveEntries = 256;
constexpr qint64 kMaxArchiveBytes = qint64(16) * 1024 * 1024 * 1024;  // 16 GiB unpacked

// The archive kinds, by file name: ".tar", ".tar.gz", ".tgz", ".zip" (any case).
enum class ArchiveKind { None, Tar, TarGzip, Zip };
ArchiveKind archiveKind(const QString& path);

class ArchiveError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Extracts `archive` into the existing, empty folder `destination`. Throws ArchiveError with a
// message naming the archive and the entry: unreadable or corrupt archive, an unsupported
// entry (symbolic or hard link, device, FIFO; encrypted or ZIP64 zip members), a path that is
// absolute, holds "..", or repeats, more than kMaxArchiveEntries entries or kMaxArchiveBytes
// bytes. On error, what was extracted so far is left for the caller to remove.
void extractArchive(const QString& archive, const QString& destination);

}  // namespace attentive::ui
