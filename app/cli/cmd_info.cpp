// attentive-cli info
#include "args.h"
#include "commands.h"

namespace attentive::cli {

int run_info(const Words&) { throw UsageError("'info' is not implemented yet"); }

}  // namespace attentive::cli
