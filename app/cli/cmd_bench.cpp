// attentive-cli bench
#include "args.h"
#include "commands.h"

namespace attentive::cli {

int run_bench(const Words&) { throw UsageError("'bench' is not implemented yet"); }

}  // namespace attentive::cli
