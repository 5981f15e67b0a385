#pragma once
// Parsing JSON that comes from files users hand us (safetensors headers, config.json), with the
// checks a plain nlohmann::json::parse lacks.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace attentive {

struct StrictJsonOptions {
    std::string subject = "JSON";       // how messages call the text: "header", "config"
    std::string top_level_key = "key";  // how messages call a top-level key: "tensor name", "field"
    int max_depth = 64;                 // deepest allowed nesting of arrays and objects
};

// Parses `text`. Throws ModelFormatError "<origin>: <subject> ..." when the text is not valid
// UTF-8, starts with a byte order mark, holds a NUL byte anywhere, nests deeper than `max_depth` (measured before parsing, so a million '[' cannot
// exhaust the stack), is not valid JSON, or repeats a key inside any object (nlohmann/json
// would silently keep the last one).
nlohmann::json parse_json_strictly(std::string_view text, const std::string& origin,
                                   const StrictJsonOptions& options = {});

// Readers of one value out of parsed JSON, shared by every file format so each kind of mistake
// is worded once. Each returns the value or throws JsonValueError whose message is the problem
// alone ("must be an integer, found a string"); the caller puts in front where the value was
// ("config.json: field 'encoder_layers' ").
class JsonValueError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// How messages name the type of `value`: "null", "a boolean", "an integer", "a fractional
// number", "a string", "an array" or "an object".
std::string json_type_name(const nlohmann::json& value);
// An integer in [low, high]; a fractional number is refused, a huge one reported, never wrapped.
long long json_integer(const nlohmann::json& value, long long low, long long high);
// Any number, integer or fractional.
double json_number(const nlohmann::json& value);
bool json_boolean(const nlohmann::json& value);
std::string json_string(const nlohmann::json& value);
// A string equal to one of `choices` (the message quotes them all).
std::string json_choice(const nlohmann::json& value, const std::vector<std::string>& choices);

// The shortest decimal that reads back as `value`, for writing floats into JSON: 0.6f is written
// as 0.6 rather than 0.6000000238418579.
double float_for_json(float value);

}  // namespace attentive
