// attentive-cli translate
#include "args.h"
#include "commands.h"

namespace attentive::cli {

int run_translate(const Words&) { throw UsageError("'translate' is not implemented yet"); }

}  // namespace attentive::cli
