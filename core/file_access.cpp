#include "core/file_access.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/errors.h"

namespace attentive {

namespace {

[[noreturn]] void file_error(const std::filesystem::path& path, const std::string& problem) {
    throw FileError(path.string() + ": " + problem);
}

std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    return "not a regular file";
}

// True when `inner` is `outer` or lies below it (both canonical).
bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (o->empty()) continue;  // a trailing separator
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

}  // namespace

std::string byte_count_text(std::uint64_t bytes) {
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    if (unit == 0) return std::to_string(bytes) + " bytes";
    char text[32];
    std::snprintf(text, sizeof(text), value < 10.0 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    return text;
}

RegularFile::RegularFile(const std::filesystem::path& path, std::uint64_t max_bytes) : m_path(path) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. It has
    // no effect on reading a regular file, the only kind this goes on to read.
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (m_fd < 0) {
        const int error_number = errno;
        file_error(path, std::string("cannot open the file: ") + std::strerror(error_number));
    }
    struct stat info {};
    if (::fstat(m_fd, &info) != 0) {
        const int error_number = errno;
        ::close(m_fd);
        file_error(path, std::string("cannot read the file: ") + std::strerror(error_number));
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(m_fd);
        file_error(path, "is " + kind_of(info.st_mode) + ", not a regular file");
    }
    m_size = static_cast<std::uint64_t>(info.st_size);
    if (m_size > max_bytes) {
        ::close(m_fd);
        file_error(path, "is " + byte_count_text(m_size) + ", more than the " + byte_count_text(max_bytes) +
                             " this kind of file may hold");
    }
}

RegularFile::~RegularFile() {
    if (m_fd >= 0) ::close(m_fd);
}

std::string RegularFile::read_all() const {
    std::string bytes(static_cast<std::size_t>(m_size), '\0');
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t n = ::pread(m_fd, bytes.data() + filled, bytes.size() - filled, static_cast<off_t>(filled));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error_number = errno;
            file_error(m_path, std::string("cannot read the file: ") + std::strerror(error_number));
        }
        if (n == 0) break;  // shrank since it was opened
        filled += static_cast<std::size_t>(n);
    }
    bytes.resize(filled);
    return bytes;
}

std::string read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
    return RegularFile(path, max_bytes).read_all();
}

std::filesystem::path file_inside_folder(const std::filesystem::path& folder, const std::string& name) {
    const std::filesystem::path path = folder / name;
    std::error_code error;
    const auto status = std::filesystem::symlink_status(path, error);
    if (error || !std::filesystem::is_symlink(status)) return path;  // RegularFile reports the rest

    const std::filesystem::path target = std::filesystem::canonical(path, error);
    if (error) file_error(path, "the symbolic link cannot be followed: " + error.message());
    const std::filesystem::path canonical_folder = std::filesystem::canonical(folder, error);
    if (error) file_error(folder, "the folder cannot be resolved: " + error.message());
    if (!is_within(target, canonical_folder)) {
        file_error(path, "is a symbolic link to " + target.string() +
                             ", outside the model folder (a model folder must hold its own files)");
    }
    return target;
}

}  // namespace attentive
