// attentive-cli average: checkpoint averaging (the mean of several model folders' weights).

#include <filesystem>
#include <iostream>
#include <vector>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/training/checkpoint_average.h"

namespace attentive::cli {

namespace {

const char* kAverageHelp = R"(usage: attentive-cli average --out DIR MODEL_DIR MODEL_DIR... [--save-dtype f32|f16|bf16]

Writes to DIR a model folder whose weights are the mean of the given model folders' weights
(checkpoint averaging), with the first folder's config.json and tokenizers. The folders must be
one architecture with one vocabulary: typically the snapshots of one training run's last
validations. The result has no card.md: evaluate it (attentive-cli eval) and write one.
)";

}  // namespace

int run_average(const Words& words) {
    const Args args(words, {"out", "save-dtype"}, {"help"});
    if (args.has("help")) {
        std::cout << kAverageHelp;
        return 0;
    }
    if (!args.has("out")) throw UsageError(std::string("missing --out DIR\n") + kAverageHelp);
    if (args.positional().empty()) throw UsageError(std::string("no model folders to average\n") + kAverageHelp);
    const std::vector<std::filesystem::path> inputs(args.positional().begin(), args.positional().end());
    const std::filesystem::path out = args.required("out");
    average_model_folders(inputs, out, save_dtype_argument(args));
    std::cerr << "averaged " << inputs.size() << " model folder" << (inputs.size() == 1 ? "" : "s")
              << " into " << out.string() << "\n";
    return 0;
}

}  // namespace attentive::cli
