// attentive-cli score
#include "args.h"
#include "commands.h"

namespace attentive::cli {

int run_score(const Words&) { throw UsageError("'score' is not implemented yet"); }

}  // namespace attentive::cli
