#include "core/atomic_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace attentive {

namespace {

std::string reason(int error_number) {
    return std::strerror(error_number);
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path path) : m_path(std::move(path)) {
    const std::filesystem::path folder =
        m_path.has_parent_path() ? m_path.parent_path() : std::filesystem::path(".");
    // A hidden name in the same folder, so the final rename stays on one file system.
    std::string temp_name(".");
    temp_name += m_path.filename().string();
    temp_name += ".tmp-XXXXXX";
    std::string pattern = (folder / temp_name).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        const int error_number = errno;
        throw std::runtime_error("cannot write " + m_path.string() + ": cannot create a temporary file in " +
                                 folder.string() + ": " + reason(error_number));
    }
    m_temp_path = pattern;
    // mkstemp creates the file 0600; a model or config file should be readable like any other.
    // (Reading the umask means setting it, which races with other threads, so 0644 it is.)
    ::fchmod(fd, 0644);
    m_file = ::fdopen(fd, "wb");
    if (m_file == nullptr) {
        const int error_number = errno;
        ::close(fd);
        std::filesystem::remove(m_temp_path);
        throw std::runtime_error("cannot write " + m_path.string() + ": " + reason(error_number));
    }
}

AtomicFileWriter::~AtomicFileWriter() {
    if (m_file != nullptr) std::fclose(m_file);
    if (!m_committed && !m_temp_path.empty()) {
        std::error_code ignored;
        std::filesystem::remove(m_temp_path, ignored);
    }
}

void AtomicFileWriter::fail(const char* what, int error_number) {
    throw std::runtime_error("cannot write " + m_path.string() + ": " + what + ": " + reason(error_number));
}

void AtomicFileWriter::write(const void* data, std::size_t n_bytes) {
    if (m_file == nullptr) throw std::logic_error("AtomicFileWriter::write after commit");
    if (n_bytes == 0) return;
    errno = 0;
    if (std::fwrite(data, 1, n_bytes, m_file) != n_bytes) fail("write failed", errno ? errno : EIO);
}

void AtomicFileWriter::commit() {
    if (m_file == nullptr) throw std::logic_error("AtomicFileWriter::commit twice");
    // Buffered data is only written here, so ENOSPC often surfaces at fflush or even fsync.
    errno = 0;
    if (std::fflush(m_file) != 0) fail("flush failed", errno ? errno : EIO);
    if (::fsync(::fileno(m_file)) != 0) fail("sync failed", errno);
    std::FILE* file = m_file;
    m_file = nullptr;
    if (std::fclose(file) != 0) fail("close failed", errno ? errno : EIO);
    if (std::rename(m_temp_path.c_str(), m_path.c_str()) != 0) fail("rename failed", errno);
    m_committed = true;
    // Make the rename itself durable; a failure here leaves a complete file, so it is ignored.
    const std::filesystem::path folder =
        m_path.has_parent_path() ? m_path.parent_path() : std::filesystem::path(".");
    const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    AtomicFileWriter writer(path);
    writer.write(bytes);
    writer.commit();
}

void copy_file_atomically(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (std::filesystem::exists(to) && std::filesystem::equivalent(from, to)) return;
    std::ifstream in(from, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read '" + from.string() + "'");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    write_file_atomically(to, bytes.str());
}

}  // namespace attentive
