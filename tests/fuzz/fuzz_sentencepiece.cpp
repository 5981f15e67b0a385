// libFuzzer target: loading a SentencePiece model from arbitrary bytes through Tokenizer (run
// by scripts/fuzz.sh, not CTest), then encoding and decoding a sentence with it. Debian's
// SentencePiece and protobuf are not instrumented, so coverage guidance sees only our side;
// crashes inside them are still caught.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include <unistd.h>

#include "core/errors.h"
#include "core/text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/dev/shm/attentive-fuzz-spm-" + std::to_string(::getpid());
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const attentive::Tokenizer tokenizer(path);
        const std::vector<int> ids = tokenizer.encode("A man in a blue shirt is climbing a rock wall.");
        (void)tokenizer.decode(ids);
        for (int id = 0; id < tokenizer.vocab_size() && id < 64; ++id) (void)tokenizer.display_piece(id);
    } catch (const attentive::ModelFormatError&) {
    } catch (const attentive::InputError&) {
    }
    return 0;
}
