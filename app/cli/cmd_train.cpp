// attentive-cli train
#include "args.h"
#include "commands.h"

namespace attentive::cli {

int run_train(const Words&) { throw UsageError("'train' is not implemented yet"); }

}  // namespace attentive::cli
