#pragma once
// Exception types thrown by the engine. Every message says what was expected, what was found,
// and names the file or tensor involved, so the boundary (CLI, app) can show it as it is.

#include <stdexcept>
#include <string>

namespace attentive {

// A file that cannot be read safely: missing, unreadable, not a regular file (a FIFO or a
// device), larger than its kind of file may be, or a symbolic link that loops or leaves its
// folder. The message names the file and the problem.
class FileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A model folder, safetensors file, config or vocabulary that cannot be used.
class ModelFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Input text or data the engine cannot take (invalid UTF-8, malformed corpus lines, ...).
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Raised inside a decode when the caller's cancel flag was set; callers may catch it to tell
// a cancelled request from a failed one.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("the request was cancelled") {}
};

}  // namespace attentive
