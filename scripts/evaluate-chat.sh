#!/usr/bin/env bash
# Scores a chat model on held-out DailyDialog contexts as issue 16 does: PLATO-style BLEU-1/2
# (NLTK smoothing method 7) and distinct-1/2 of the replies made with the model's defaults and
# --seed 1, beside a random training reply, "I don't know." and the people's own replies, on the
# same 1,000 contexts of the test half of DailyDialog validation (attentive-cli chat-eval --help).
# Then the same without reranking, and the sampled-greedy row (--top-k 1).
# Usage: scripts/evaluate-chat.sh [MODEL] [DATA_DIR] [-- EXTRA chat-eval options...]
set -euo pipefail
model=${1:-models/chat-en}
data=${2:-"$(dirname "$0")/../../shared/data"}
shift $(( $# < 2 ? $# : 2 ))
[[ ${1:-} == -- ]] && shift
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
dialogues=(--dialogues "$data/dailydialog/dialogues_validation.txt"
           --train-dialogues "$data/dailydialog/dialogues_train.txt")

echo "## $model, shipped defaults (--seed 1)"
"$cli" chat-eval -m "$model" "${dialogues[@]}" --seed 1 "$@"
echo
echo "## $model, without reranking (--no-rerank --seed 1)"
"$cli" chat-eval -m "$model" "${dialogues[@]}" --seed 1 --no-rerank "$@"
echo
echo "## $model, greedy sampling without reranking (--no-rerank --top-k 1 --seed 1)"
"$cli" chat-eval -m "$model" "${dialogues[@]}" --seed 1 --no-rerank --top-k 1 "$@"
