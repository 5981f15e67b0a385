#pragma once
// Reading and writing the safetensors layout: an 8-byte little-endian header length N, N bytes of
// UTF-8 JSON mapping tensor name -> {"dtype", "shape", "data_offsets": [begin, end]} (offsets
// relative to the end of the header; an optional "__metadata__" map of string -> string), then
// the raw little-endian tensor data, packed without gaps or trailing bytes.

#include "core/tensor.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace attentive {

// A validated, memory-mapped safetensors file. The tensor data is never copied: views point
// into the mapping, which lives as long as this object.
class SafetensorsFile {
public:
    // Maps and validates `path` completely before anything is allocated for tensors.
    // Throws ModelFormatError naming the file and the problem when: the file is missing, not a
    // regular file (FIFO, device, folder), over 64 GiB or under 8 bytes; the header length runs beyond the file or exceeds 100 MB; the header is not
    // valid UTF-8 JSON, is not an object, or nests deeper than 64 levels; a tensor name repeats;
    // a dtype is unknown; a shape has a negative dimension or its element count overflows; a
    // tensor's byte size differs from its offsets; offsets overlap, leave gaps, run out of the
    // file, or the data leaves trailing bytes.
    static SafetensorsFile open(const std::filesystem::path& path);

    SafetensorsFile(SafetensorsFile&&) noexcept;
    SafetensorsFile& operator=(SafetensorsFile&&) noexcept;
    ~SafetensorsFile();

    const std::filesystem::path& path() const;
    // Size of the file in bytes, as mapped.
    std::int64_t file_bytes() const;
    // Tensor names, sorted.
    std::vector<std::string> names() const;
    bool contains(const std::string& name) const;
    // Throws ModelFormatError naming the file when the tensor is absent.
    const TensorView& tensor(const std::string& name) const;
    const std::map<std::string, std::string>& metadata() const;

private:
    struct Impl;
    explicit SafetensorsFile(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// A tensor to write: f32 values stored as `dtype` (converted on write).
struct TensorToWrite {
    Shape shape;
    std::vector<float> values;
    DType dtype = DType::f32;
};

// Writes tensors (sorted by name, 8-byte aligned header as the reference implementation pads
// it) to `path` atomically: a temporary file in the same folder, flushed, then renamed, so a full
// disk or a crash never leaves a half-written file under `path`. Throws std::runtime_error with
// the path and the reason on any I/O failure; std::invalid_argument when a shape and its values
// disagree.
void write_safetensors(const std::filesystem::path& path,
                       const std::map<std::string, TensorToWrite>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace attentive
