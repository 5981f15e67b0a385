#!/usr/bin/env bash
# Trains the shipped models from ../shared/data with the project's own trainer, as recorded in
# each model's card.md. Usage: scripts/train-models.sh MODEL [DATA_DIR] [OUT_DIR] [-- EXTRA...]
#   MODEL: en-fr | fr-en | en-de | de-en | chat-en | chat-en-backward
#   (chat-en-backward, chat-en's reranker, starts from models/chat-en's weights and vocabulary;
#    OUT_DIR defaults to models/chat-en/backward)
#   EXTRA: more trainer options, e.g. -- --bf16 --resume OUT_DIR
set -euo pipefail
model=${1:?usage: scripts/train-models.sh en-fr|fr-en|en-de|de-en|chat-en|chat-en-backward [DATA_DIR] [OUT_DIR] [-- EXTRA...]}
data=${2:-"$(dirname "$0")/../../shared/data"}
default_out=models/$model
[[ $model == chat-en-backward ]] && default_out=models/chat-en/backward
out=${3:-$default_out}
shift $(( $# < 3 ? $# : 3 ))
[[ ${1:-} == -- ]] && shift
extra=("$@")
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
minutes=${MAX_MINUTES:-70}
threads=${THREADS:-0}

# One shape for every shipped model: 8k vocabularies, tied target embeddings, ~8.6 M parameters,
# about 17 MB as f16.
shape=(--vocab-size 8000 --embedding 256 --encoder-layers 2 --encoder-hidden 256
       --decoder-layers 2 --decoder-hidden 256 --attention general --tie-embeddings
       --save-dtype f16)
training=(--dropout 0.15 --label-smoothing 0.1 --batch-tokens 3000 --lr 0.002 --warmup 600
          --schedule inverse-sqrt --valid-every 500 --valid-sentences 400 --seed 1
          --max-minutes "$minutes" --threads "$threads")

translate() {  # source target
  local s=$1 t=$2 columns
  local pair="en-$([[ $s == en ]] && echo "$t" || echo "$s")"
  if [[ $s == en ]]; then columns=0,1; else columns=1,0; fi
  "$cli" train --out "$out" --task translate --source-lang "$s" --target-lang "$t" \
    --tsv "$data/tatoeba/$pair.train.tsv" --columns "$columns" \
    --src "$data/multi30k/train.$s" --tgt "$data/multi30k/train.$t" \
    --dev-src "$data/multi30k/val.$s" --dev-tgt "$data/multi30k/val.$t" \
    "${shape[@]}" "${training[@]}" "${extra[@]}"
}

case "$model" in
  en-fr) translate en fr ;;
  fr-en) translate fr en ;;
  en-de) translate en de ;;
  de-en) translate de en ;;
  chat-en)
    "$cli" train --out "$out" --task chat --source-lang en --target-lang en \
      --dialogues "$data/dailydialog/dialogues_train.txt" \
      --dev-dialogues "$data/dailydialog/dialogues_validation.txt" \
      --joint-vocab --context-turns 2 "${shape[@]}" "${training[@]}" "${extra[@]}" ;;
  chat-en-backward)
    "$cli" train --out "$out" --task chat --dialogue-direction backward \
      --vocab-from models/chat-en --init-from models/chat-en --source-lang en --target-lang en \
      --dialogues "$data/dailydialog/dialogues_train.txt" \
      --dev-dialogues "$data/dailydialog/dialogues_validation.txt" \
      --joint-vocab --context-turns 1 "${shape[@]}" \
      --dropout 0.15 --label-smoothing 0.1 --batch-tokens 3000 --lr 0.001 --warmup 200 \
      --schedule inverse-sqrt --valid-every 600 --valid-sentences 0 --seed 1 \
      --max-minutes "$minutes" --threads "$threads" "${extra[@]}" ;;
  *) echo "unknown model '$model'" >&2; exit 2 ;;
esac
