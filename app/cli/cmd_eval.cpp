// attentive-cli eval
#include "args.h"
#include "commands.h"

namespace attentive::cli {

int run_eval(const Words&) { throw UsageError("'eval' is not implemented yet"); }

}  // namespace attentive::cli
