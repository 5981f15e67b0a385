#pragma once
// Reading files that users hand us (model folders, conversation files) so that a FIFO, a
// device, a huge file or a looping symbolic link is refused at once with a one-line message,
// instead of blocking forever or filling memory. Every loader that reads such a file goes
// through these functions.

#include <cstdint>
#include <filesystem>
#include <string>

namespace attentive {

// An open, regular, read-only file and its size at the moment it was opened.
class RegularFile {
public:
    // Opens `path` (following symbolic links) without blocking and checks it. Throws FileError
    // "<path>: <problem>" when the file is missing or unreadable, is not a regular file (a
    // folder, FIFO, socket or device, which could block or never end), or holds more than
    // `max_bytes` bytes.
    RegularFile(const std::filesystem::path& path, std::uint64_t max_bytes);
    ~RegularFile();
    RegularFile(const RegularFile&) = delete;
    RegularFile& operator=(const RegularFile&) = delete;

    int descriptor() const { return m_fd; }
    std::uint64_t size() const { return m_size; }
    const std::filesystem::path& path() const { return m_path; }

    // The whole content (at most the size checked at open; a file that grew since is cut
    // there, one that shrank gives what is left). Throws FileError on a read error.
    std::string read_all() const;

private:
    std::filesystem::path m_path;
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

// The whole content of a regular file of at most `max_bytes` bytes (see RegularFile).
std::string read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes);

// `folder / name` for a file that must stay inside `folder`: when it is a symbolic link, it must
// resolve to a file inside the folder (a model folder is self-contained, so copying or moving it
// never changes what it loads). Throws FileError "<folder/name>: <problem>" when the link cannot
// be resolved (a loop, a missing target) or leads outside the folder. Does not check the file
// type: RegularFile does.
std::filesystem::path file_inside_folder(const std::filesystem::path& folder, const std::string& name);

// "1.5 MiB", "2 GiB": a byte count as a person reads it in an error message.
std::string byte_count_text(std::uint64_t bytes);

}  // namespace attentive
