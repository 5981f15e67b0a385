// libFuzzer target: SafetensorsFile::open on arbitrary bytes (run by scripts/fuzz.sh, not CTest).
// Anything but a ModelFormatError is a finding; so is a crash, a leak or undefined behaviour.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include <unistd.h>

#include "core/errors.h"
#include "core/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/dev/shm/attentive-fuzz-safetensors-" + std::to_string(::getpid());
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const attentive::SafetensorsFile file = attentive::SafetensorsFile::open(path);
        // Touch every tensor's bytes, as a loader would.
        std::uint64_t sum = 0;
        for (const std::string& name : file.names()) {
            const attentive::TensorView& view = file.tensor(name);
            for (std::size_t i = 0; i < view.n_bytes; ++i) sum += static_cast<std::uint8_t>(view.data[i]);
        }
        if (sum == 1) ::unlink(path.c_str());  // keeps the loop from being optimised away
    } catch (const attentive::ModelFormatError&) {
    }
    return 0;
}
