// libFuzzer target: config.json parsing (strict JSON, then every field) on arbitrary bytes (run
// by scripts/fuzz.sh, not CTest). Anything but a ModelFormatError is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/config.h"
#include "core/errors.h"
#include "core/strict_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const nlohmann::json json = attentive::parse_json_strictly(text, "config.json", {"config", "field", 64});
        const attentive::ModelConfig config = attentive::parse_config(json);
        // A config that loads must give a tensor list and a parameter count without overflow.
        (void)attentive::parameter_count(config);
        (void)attentive::config_to_json(config).dump();
    } catch (const attentive::ModelFormatError&) {
    }
    return 0;
}
