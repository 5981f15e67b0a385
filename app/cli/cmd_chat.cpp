// attentive-cli chat
#include "args.h"
#include "commands.h"

namespace attentive::cli {

int run_chat(const Words&) { throw UsageError("'chat' is not implemented yet"); }

}  // namespace attentive::cli
