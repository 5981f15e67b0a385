#pragma once
// The decoding options every decoding command accepts (--beam, --greedy, --sample, ...).

#include <set>
#include <string>

#include "args.h"
#include "core/decoding_options.h"
#include "core/translator.h"

namespace attentive::cli {

// `extra` plus the value options of decoding: beam, n-best, length-penalty, max-length-ratio,
// max-length, temperature, top-k, top-p, seed, repetition-penalty, no-repeat-ngram, batch-size,
// candidates, rerank-backward, rerank-length (chat reranking), reverse-weight (translators).
std::set<std::string> decode_value_options(std::set<std::string> extra);
// `extra` plus the decoding flags: greedy, sample, no-rerank, no-protect-spans (names and numbers
// read by the model as they are, see core/text/protected_spans.h).
std::set<std::string> decode_flag_options(std::set<std::string> extra);
// The options given on the command line over `defaults`.
DecodeOptions decode_options_from_args(const Args& args, DecodeOptions defaults);
// The engine options from --threads and --precision.
EngineOptions engine_options_from_args(const Args& args);
// A note on stderr when the model names a reverse model that is not beside it (so it
// translates without reranking); nothing otherwise.
void note_missing_reverse_model(const Translator& translator, const EngineOptions& engine);
// The model folder from -m or --model (required).
std::string model_argument(const Args& args);
// The weight type from --save-dtype (f32 when absent); a UsageError for another spelling.
DType save_dtype_argument(const Args& args);

}  // namespace attentive::cli
