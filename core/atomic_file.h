#pragma once
// Writing a file so that readers see either the old content or the complete new one: the bytes
// go to a temporary file in the same folder, which is flushed to disk and then renamed over the
// target. A full disk or a crash therefore never leaves a half-written file under the target.

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string_view>

namespace attentive {

class AtomicFileWriter {
public:
    // Creates the temporary file next to `path`. Throws std::runtime_error naming `path` and
    // the system's reason when the folder is missing or not writable.
    explicit AtomicFileWriter(std::filesystem::path path);
    // Removes the temporary file unless commit() succeeded.
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    // Appends bytes. Throws std::runtime_error naming the target path and the reason (for
    // example "No space left on device"); the temporary file is removed by the destructor.
    void write(const void* data, std::size_t n_bytes);
    void write(std::string_view text) { write(text.data(), text.size()); }

    // Flushes, syncs to disk, closes and renames the temporary file to the target. Throws
    // std::runtime_error naming the target path and the reason on any failure.
    void commit();

private:
    [[noreturn]] void fail(const char* what, int error_number);

    std::filesystem::path m_path;
    std::filesystem::path m_temp_path;
    std::FILE* m_file = nullptr;
    bool m_committed = false;
};

// Writes `bytes` to `path` atomically (see AtomicFileWriter).
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Copies `from` over `to` atomically; nothing happens when both name the same file. Throws
// std::runtime_error naming the file that cannot be read or written.
void copy_file_atomically(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace attentive
