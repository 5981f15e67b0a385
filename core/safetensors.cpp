#include "core/safetensors.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string_view>

#include <sys/mman.h>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/file_access.h"
#include "core/strict_json.h"

namespace attentive {

namespace {

constexpr std::uint64_t max_header_bytes = 100ull * 1000 * 1000;
// Far above any model this engine runs (the shipped ones are 17 MB); a larger file is a mistake.
constexpr std::uint64_t max_file_bytes = 64ull << 30;
constexpr std::string_view metadata_key = "__metadata__";

[[noreturn]] void format_error(const std::filesystem::path& path, const std::string& problem) {
    throw ModelFormatError(path.string() + ": " + problem);
}

std::optional<DType> dtype_from_name(const std::string& name) {
    if (name == "F32") return DType::f32;
    if (name == "BF16") return DType::bf16;
    if (name == "F16") return DType::f16;
    return std::nullopt;
}

struct Entry {
    std::string name;
    TensorView view;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

// A read-only private mapping of a whole file, unmapped on destruction.
class Mapping {
public:
    Mapping() = default;
    Mapping(const void* address, std::size_t size) : m_address(address), m_size(size) {}
    Mapping(Mapping&& other) noexcept
        : m_address(std::exchange(other.m_address, nullptr)), m_size(std::exchange(other.m_size, 0)) {}
    Mapping& operator=(Mapping&&) = delete;
    Mapping(const Mapping&) = delete;
    ~Mapping() {
        if (m_address != nullptr) ::munmap(const_cast<void*>(m_address), m_size);
    }
    const std::byte* data() const { return static_cast<const std::byte*>(m_address); }
    std::size_t size() const { return m_size; }

private:
    const void* m_address = nullptr;
    std::size_t m_size = 0;
};

Mapping map_file(const std::filesystem::path& path) {
    std::optional<RegularFile> file;
    try {
        file.emplace(path, max_file_bytes);
    } catch (const FileError& error) {
        throw ModelFormatError(error.what());
    }
    const std::uint64_t size = file->size();
    if (size < 8) {
        format_error(path, "file too small: " + std::to_string(size) +
                               " bytes, a safetensors file has at least the 8-byte header length");
    }
    // The mapping outlives the descriptor, which `file` closes.
    void* address = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_PRIVATE, file->descriptor(), 0);
    if (address == MAP_FAILED) {
        const int error_number = errno;
        format_error(path, std::string("cannot map the file: ") + std::strerror(error_number));
    }
    return Mapping(address, static_cast<std::size_t>(size));
}

std::uint64_t read_offset(const std::filesystem::path& path, const std::string& name,
                          const nlohmann::json& value) {
    if (!value.is_number_integer()) {
        format_error(path, "tensor '" + name + "': data_offsets must be two non-negative integers, found " +
                               value.dump());
    }
    if (!value.is_number_unsigned() && value.get<std::int64_t>() < 0) {
        format_error(path, "tensor '" + name + "': data_offsets must be non-negative, found " + value.dump());
    }
    return value.get<std::uint64_t>();
}

Entry read_entry(const std::filesystem::path& path, const std::string& name, const nlohmann::json& value) {
    const std::string where = "tensor '" + name + "': ";
    if (!value.is_object()) {
        format_error(path, where + "entry must be an object with dtype, shape and data_offsets, found " +
                               json_type_name(value));
    }
    for (const char* field : {"dtype", "shape", "data_offsets"}) {
        if (!value.contains(field)) format_error(path, where + "missing field '" + field + "'");
    }
    for (const auto& [field, ignored] : value.items()) {
        if (field != "dtype" && field != "shape" && field != "data_offsets") {
            format_error(path, where + "unknown field '" + field + "'");
        }
    }

    Entry entry;
    entry.name = name;

    const nlohmann::json& dtype = value.at("dtype");
    if (!dtype.is_string()) format_error(path, where + "dtype must be a string, found " + json_type_name(dtype));
    const auto parsed_dtype = dtype_from_name(dtype.get<std::string>());
    if (!parsed_dtype) {
        format_error(
            path, where + "unsupported dtype '" + dtype.get<std::string>() + "' (supported: F32, BF16, F16)");
    }
    entry.view.dtype = *parsed_dtype;

    const nlohmann::json& shape = value.at("shape");
    if (!shape.is_array())
        format_error(path, where + "shape must be an array of integers, found " + json_type_name(shape));
    std::int64_t count = 1;
    for (const nlohmann::json& dim : shape) {
        if (!dim.is_number_integer()) {
            format_error(path, where + "shape must be an array of integers, found " + shape.dump());
        }
        if (dim.is_number_unsigned() &&
            dim.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            format_error(path, where + "shape " + shape.dump() +
                                   " has a dimension too large (element count overflows)");
        }
        const auto extent = dim.get<std::int64_t>();
        if (extent < 0) format_error(path, where + "shape " + shape.dump() + " has a negative dimension");
        if (__builtin_mul_overflow(count, extent, &count)) {
            format_error(path, where + "element count of shape " + shape.dump() + " overflows");
        }
        entry.view.shape.push_back(extent);
    }
    std::uint64_t n_bytes = 0;
    if (__builtin_mul_overflow(static_cast<std::uint64_t>(count),
                               static_cast<std::uint64_t>(dtype_size(entry.view.dtype)), &n_bytes)) {
        format_error(path, where + "byte size of shape " + shape.dump() + " overflows");
    }

    const nlohmann::json& offsets = value.at("data_offsets");
    if (!offsets.is_array() || offsets.size() != 2) {
        format_error(path, where + "data_offsets must be two non-negative integers [begin, end], found " +
                               offsets.dump());
    }
    entry.begin = read_offset(path, name, offsets[0]);
    entry.end = read_offset(path, name, offsets[1]);
    if (entry.end < entry.begin) {
        format_error(path, where + "data_offsets " + offsets.dump() + " end before they begin");
    }
    if (entry.end - entry.begin != n_bytes) {
        format_error(path, where + "byte size mismatch: " + dtype.get<std::string>() + " " + shape.dump() +
                               " needs " + std::to_string(n_bytes) + " bytes but data_offsets " +
                               offsets.dump() + " span " + std::to_string(entry.end - entry.begin));
    }
    entry.view.n_bytes = static_cast<std::size_t>(n_bytes);
    return entry;
}

std::map<std::string, std::string> read_metadata(const std::filesystem::path& path,
                                                 const nlohmann::json& value) {
    if (!value.is_object()) {
        format_error(path, "__metadata__ must be a map of strings to strings, found " + json_type_name(value));
    }
    std::map<std::string, std::string> metadata;
    for (const auto& [key, text] : value.items()) {
        if (!text.is_string()) {
            format_error(path, "__metadata__ must be a map of strings to strings, but '" + key + "' is " +
                                   json_type_name(text));
        }
        metadata.emplace(key, text.get<std::string>());
    }
    return metadata;
}

}  // namespace

struct SafetensorsFile::Impl {
    std::filesystem::path path;
    Mapping mapping;
    std::map<std::string, TensorView> tensors;
    std::map<std::string, std::string> metadata;
};

SafetensorsFile::SafetensorsFile(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SafetensorsFile::SafetensorsFile(SafetensorsFile&&) noexcept = default;
SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&&) noexcept = default;
SafetensorsFile::~SafetensorsFile() = default;

SafetensorsFile SafetensorsFile::open(const std::filesystem::path& path) {
    Mapping mapping = map_file(path);
    const std::uint64_t file_size = mapping.size();

    std::uint64_t header_size = 0;
    std::memcpy(&header_size, mapping.data(), 8);  // little-endian, as the host (see tensor.cpp)
    if (header_size > max_header_bytes) {
        format_error(path, "header length " + std::to_string(header_size) + " exceeds the limit of " +
                               std::to_string(max_header_bytes) + " bytes");
    }
    if (header_size > file_size - 8) {
        format_error(path, "header length " + std::to_string(header_size) + " runs beyond the file (" +
                               std::to_string(file_size) + " bytes)");
    }
    const std::string_view header_text(reinterpret_cast<const char*>(mapping.data()) + 8,
                                       static_cast<std::size_t>(header_size));
    const nlohmann::json header =
        parse_json_strictly(header_text, path.string(), {"header", "tensor name", 64});
    if (!header.is_object()) {
        format_error(path, "header must be a JSON object, found " + json_type_name(header));
    }

    const std::uint64_t data_size = file_size - 8 - header_size;
    std::vector<Entry> entries;
    entries.reserve(header.size());
    std::map<std::string, std::string> metadata;
    for (const auto& [name, value] : header.items()) {
        if (name == metadata_key) {
            metadata = read_metadata(path, value);
            continue;
        }
        Entry entry = read_entry(path, name, value);
        if (entry.end > data_size) {
            format_error(path, "tensor '" + name + "': data_offsets [" + std::to_string(entry.begin) + ", " +
                                   std::to_string(entry.end) + "] run past the end of the file (" +
                                   std::to_string(data_size) + " data bytes)");
        }
        entries.push_back(std::move(entry));
    }

    // The data must be tiled exactly: each tensor starts where the previous one ended.
    std::vector<const Entry*> by_offset;
    by_offset.reserve(entries.size());
    for (const Entry& entry : entries) by_offset.push_back(&entry);
    std::sort(by_offset.begin(), by_offset.end(), [](const Entry* a, const Entry* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    std::uint64_t expected = 0;
    const Entry* previous = nullptr;
    for (const Entry* entry : by_offset) {
        if (entry->begin < expected) {
            format_error(path, "tensors '" + previous->name + "' and '" + entry->name + "' overlap: '" +
                                   entry->name + "' begins at " + std::to_string(entry->begin) + " before '" +
                                   previous->name + "' ends at " + std::to_string(expected));
        }
        if (entry->begin > expected) {
            format_error(path, "gap in the data: bytes " + std::to_string(expected) + " to " +
                                   std::to_string(entry->begin) + " before tensor '" + entry->name +
                                   "' belong to no tensor");
        }
        expected = entry->end;
        previous = entry;
    }
    if (expected != data_size) {
        format_error(path, "trailing bytes: the tensors end at data offset " + std::to_string(expected) +
                               " but the file holds " + std::to_string(data_size) +
                               " data bytes after the header");
    }

    auto impl = std::make_unique<Impl>(Impl{path, std::move(mapping), {}, std::move(metadata)});
    const std::byte* data_start = impl->mapping.data() + 8 + header_size;
    for (Entry& entry : entries) {
        entry.view.data = data_start + entry.begin;
        impl->tensors.emplace(entry.name, std::move(entry.view));
    }
    return SafetensorsFile(std::move(impl));
}

const std::filesystem::path& SafetensorsFile::path() const {
    return m_impl->path;
}

std::int64_t SafetensorsFile::file_bytes() const {
    return static_cast<std::int64_t>(m_impl->mapping.size());
}

std::vector<std::string> SafetensorsFile::names() const {
    std::vector<std::string> result;
    result.reserve(m_impl->tensors.size());
    for (const auto& [name, view] : m_impl->tensors) result.push_back(name);
    return result;
}

bool SafetensorsFile::contains(const std::string& name) const {
    return m_impl->tensors.contains(name);
}

const TensorView& SafetensorsFile::tensor(const std::string& name) const {
    const auto found = m_impl->tensors.find(name);
    if (found == m_impl->tensors.end()) {
        throw ModelFormatError(m_impl->path.string() + ": tensor '" + name + "' is missing");
    }
    return found->second;
}

const std::map<std::string, std::string>& SafetensorsFile::metadata() const {
    return m_impl->metadata;
}

void write_safetensors(const std::filesystem::path& path, const std::map<std::string, TensorToWrite>& tensors,
                       const std::map<std::string, std::string>& metadata) {
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty()) header[std::string(metadata_key)] = metadata;
    std::uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        if (name.empty() || name == metadata_key) {
            throw std::invalid_argument("write_safetensors: invalid tensor name '" + name + "' for " +
                                        path.string());
        }
        std::int64_t count = 0;
        try {
            count = element_count(tensor.shape);
        } catch (const std::invalid_argument& error) {
            throw std::invalid_argument("write_safetensors: tensor '" + name + "': " + error.what());
        }
        if (static_cast<std::int64_t>(tensor.values.size()) != count) {
            throw std::invalid_argument("write_safetensors: tensor '" + name + "' has shape " +
                                        shape_string(tensor.shape) + " (" + std::to_string(count) +
                                        " elements) but " + std::to_string(tensor.values.size()) + " values");
        }
        const std::uint64_t n_bytes = static_cast<std::uint64_t>(count) * dtype_size(tensor.dtype);
        header[name] = {{"dtype", dtype_name(tensor.dtype)},
                        {"shape", tensor.shape},
                        {"data_offsets", {offset, offset + n_bytes}}};
        offset += n_bytes;
    }

    std::string header_text = header.dump();
    // Pad with spaces (valid JSON whitespace) so the data starts 8-byte aligned, as the
    // reference implementation does.
    header_text.append((8 - header_text.size() % 8) % 8, ' ');
    const std::uint64_t header_size = header_text.size();

    AtomicFileWriter writer(path);
    writer.write(&header_size, 8);
    writer.write(header_text);
    std::vector<std::uint16_t> half;
    for (const auto& [name, tensor] : tensors) {
        if (tensor.dtype == DType::f32) {
            writer.write(tensor.values.data(), tensor.values.size() * sizeof(float));
            continue;
        }
        half.resize(tensor.values.size());
        const bool is_bf16 = tensor.dtype == DType::bf16;
        for (std::size_t i = 0; i < half.size(); ++i) {
            half[i] = is_bf16 ? f32_to_bf16(tensor.values[i]) : f32_to_f16(tensor.values[i]);
        }
        writer.write(half.data(), half.size() * sizeof(std::uint16_t));
    }
    writer.commit();
}

}  // namespace attentive
