#pragma once
// Parsing JSON that comes from files users hand us (safetensors headers, config.json), with the
// checks a plain nlohmann::json::parse lacks.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace attentive {

struct StrictJsonOptions {
    std::string subject = "JSON";       // how messages call the text: "header", "config"
    std::string top_level_key = "key";  // how messages call a top-level key: "tensor name", "field"
    int max_depth = 64;                 // deepest allowed nesting of arrays and objects
};

// Parses `text`. Throws ModelFormatError "<origin>: <subject> ..." when the text is not valid
// UTF-8, nests deeper than `max_depth` (measured before parsing, so a million '[' cannot
// exhaust the stack), is not valid JSON, or repeats a key inside any object (nlohmann/json
// would silently keep the last one).
nlohmann::json parse_json_strictly(std::string_view text, const std::string& origin,
                                   const StrictJsonOptions& options = {});

}  // namespace attentive
