#include "core/strict_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "core/text/utf8.h"

namespace attentive {

namespace {

// Deepest bracket nesting outside strings, stopping early once past `limit`. nlohmann/json's
// DOM is built and destroyed recursively in places, so a header of a million '[' must be
// refused before it is parsed.
int nesting_depth(std::string_view text, int limit) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        switch (c) {
        case '"': in_string = true; break;
        case '[':
        case '{':
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) return deepest;
            break;
        case ']':
        case '}': --depth; break;
        default: break;
        }
    }
    return deepest;
}

}  // namespace

std::string json_type_name(const nlohmann::json& value) {
    if (value.is_null()) return "null";
    if (value.is_boolean()) return "a boolean";
    if (value.is_number_float()) return "a fractional number";
    if (value.is_number()) return "an integer";
    if (value.is_string()) return "a string";
    if (value.is_array()) return "an array";
    return "an object";
}

long long json_integer(const nlohmann::json& value, long long low, long long high) {
    if (!value.is_number_integer()) throw JsonValueError("must be an integer, found " + json_type_name(value));
    // Compared wide before narrowing, so 2^64 - 1 is reported as out of range, not wrapped.
    const bool too_big =
        value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(high);
    const long long number = too_big ? high : value.get<long long>();
    if (too_big || number < low || number > high) {
        throw JsonValueError("must be between " + std::to_string(low) + " and " + std::to_string(high) +
                             ", found " + value.dump());
    }
    return number;
}

double json_number(const nlohmann::json& value) {
    if (!value.is_number()) throw JsonValueError("must be a number, found " + json_type_name(value));
    return value.get<double>();
}

bool json_boolean(const nlohmann::json& value) {
    if (!value.is_boolean()) throw JsonValueError("must be true or false, found " + json_type_name(value));
    return value.get<bool>();
}

std::string json_string(const nlohmann::json& value) {
    if (!value.is_string()) throw JsonValueError("must be a string, found " + json_type_name(value));
    return value.get<std::string>();
}

std::string json_choice(const nlohmann::json& value, const std::vector<std::string>& choices) {
    std::string text = json_string(value);
    if (std::find(choices.begin(), choices.end(), text) != choices.end()) return text;
    std::string listed;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        listed += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + ("\"" + choices[i] + "\"");
    }
    throw JsonValueError("must be " + listed + ", found \"" + text + "\"");
}

double float_for_json(float value) {
    if (!std::isfinite(value)) return static_cast<double>(value);
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof(buffer), value);
    double result = 0.0;
    std::from_chars(buffer, written.ptr, result);
    return result;
}

nlohmann::json parse_json_strictly(std::string_view text, const std::string& origin,
                                   const StrictJsonOptions& options) {
    const auto fail = [&](const std::string& problem) { throw ModelFormatError(origin + ": " + problem); };
    if (!is_valid_utf8(text)) fail(options.subject + " is not valid UTF-8");
    // nlohmann/json skips a leading byte order mark and may stop at a NUL byte, so either would
    // let text that is not the JSON the format describes load; refused, as docs/model-format.md
    // says.
    if (text.starts_with("\xEF\xBB\xBF")) {
        fail(options.subject + " starts with a UTF-8 byte order mark (save it as UTF-8 without BOM)");
    }
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        fail(options.subject + " holds a NUL byte at offset " + std::to_string(nul) +
             " (JSON text has none; padding must be spaces)");
    }
    if (nesting_depth(text, options.max_depth) > options.max_depth) {
        fail(options.subject + " nests deeper than " + std::to_string(options.max_depth) + " levels");
    }

    // The parser callback sees every key; one set of keys per open object finds repeats.
    std::vector<std::set<std::string>> keys_per_object;
    std::optional<std::pair<std::string, std::size_t>> duplicate;  // key, object depth
    const auto callback = [&](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (event == Event::object_start) {
            keys_per_object.emplace_back();
        } else if (event == Event::object_end) {
            if (!keys_per_object.empty()) keys_per_object.pop_back();
        } else if (event == Event::key && !keys_per_object.empty() && !duplicate) {
            const auto& key = parsed.get_ref<const std::string&>();
            if (!keys_per_object.back().insert(key).second) duplicate.emplace(key, keys_per_object.size());
        }
        return true;
    };

    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.begin(), text.end(), callback);
    } catch (const nlohmann::json::exception& error) {
        fail(options.subject + " is not valid JSON: " + error.what());
    }
    if (duplicate) {
        const std::string noun = duplicate->second == 1 ? options.top_level_key : "key";
        fail("duplicate " + noun + " '" + duplicate->first + "' in the " + options.subject);
    }
    return json;
}

}  // namespace attentive
