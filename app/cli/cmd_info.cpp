// attentive-cli info: a model's config and parameter count.

#include <filesystem>
#include <iostream>

#include "args.h"
#include "commands.h"
#include "decode_flags.h"
#include "core/translator.h"

namespace attentive::cli {

int run_info(const Words& words) {
    const Args args(words, {"m", "model"}, {"json"});
    const std::filesystem::path dir = model_argument(args);
    Translator translator(dir);  // validates everything, as the app would
    const ModelConfig& config = translator.config();
    nlohmann::json info = config_to_json(config);
    info["parameters"] = parameter_count(config);
    // Other entries of the folder (a dangling or looping link, a socket) are not part of the
    // model: they are skipped, never reported as a raw filesystem error.
    std::uintmax_t bytes = 0;
    std::error_code error;
    for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        std::error_code entry_error;
        if (it->is_regular_file(entry_error)) {
            const auto size = it->file_size(entry_error);
            if (!entry_error) bytes += size;
        }
    }
    info["folder_bytes"] = bytes;
    if (!config.reverse_model.empty()) info["reverse_model_loaded"] = translator.has_reverse_model();
    if (!config.right_to_left_model.empty()) info["right_to_left_model_loaded"] = translator.has_right_to_left_model();
    if (!config.ensemble_model.empty()) info["ensemble_model_loaded"] = translator.has_ensemble_model();
    if (args.has("json")) {
        std::cout << info.dump(2) << "\n";
        return 0;
    }
    std::cout << "model:       " << dir.string() << "\n"
              << "name:        " << config.name << "\n"
              << "task:        " << to_string(config.task) << " (" << config.source_language << " -> "
              << config.target_language << ")\n"
              << "parameters:  " << parameter_count(config) << "\n"
              << "folder size: " << bytes / 1024 << " KiB\n";
    if (!config.reverse_model.empty())
        std::cout << "reranks by:  " << config.reverse_model
                  << (translator.has_reverse_model() ? " (the reverse model, beside it)\n" : " (not found beside it: off)\n");
    if (!config.right_to_left_model.empty())
        std::cout << "and by:      " << config.right_to_left_model << " (the right-to-left model, inside it)\n";
    if (!config.ensemble_model.empty())
        std::cout << "decodes with: " << config.ensemble_model << " (a second model of the same direction, inside it)\n";
    std::cout
              << "config:\n"
              << config_to_json(config).dump(2) << "\n";
    return 0;
}

}  // namespace attentive::cli
