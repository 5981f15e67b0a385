#!/usr/bin/env bash
# Measures the "possibly untranslated" flags of every shipped translator on the dev sets (never
# the test sets) by forced decoding, and prints a Markdown table for docs/attention.md.
# Usage: scripts/measure-flags.sh [TATOEBA_PAIRS [MULTI30K_SENTENCES [DATA_DIR]]]
#   defaults: the first 300 Tatoeba dev pairs and the first 200 Multi30k val sentences.
set -euo pipefail
tatoeba=${1:-300}
multi30k=${2:-200}
data=${3:-"$(dirname "$0")/../../shared/data"}
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
models=${ATTENTIVE_MODELS:-"$(dirname "$0")/../models"}

row() {  # model, dev set name, attentive-cli flags input options...
  local model=$1 name=$2
  shift 2
  local json
  json=$("$cli" flags -m "$models/$model" --threads 1 "$@" --sweep --json)
  python3 - "$model" "$name" "$json" <<'PY'
import json, sys
model, name, out = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sweep = " · ".join(f"{s['threshold']:.4g}: {s['false_flags_per_20']:.2f} / {100 * s['recall']:.0f}%"
                   for s in out["sweep"])
print(f"| {model} | {name} | {out['sentences']} | **{out['false_flags_per_20']:.2f}** | "
      f"{out['recall_trials']} | **{100 * out['recall']:.1f}%** | {sweep} |")
PY
}

echo "| model | dev set | sentences | false flags / 20 sentences | recall trials | recall | other thresholds (false flags / recall) |"
echo "|---|---|---:|---:|---:|---:|---|"
for model in ${ATTENTIVE_FLAG_MODELS:-en-fr fr-en en-de de-en}; do
  src=${model%-*}
  tgt=${model#*-}
  pair="en-$([[ $src == en ]] && echo "$tgt" || echo "$src")"
  columns=$([[ $src == en ]] && echo 0,1 || echo 1,0)
  row "$model" "Tatoeba $pair dev" --tsv "$data/tatoeba/$pair.dev.tsv" --columns "$columns" --limit "$tatoeba"
  row "$model" "Multi30k val" --src "$data/multi30k/val.$src" --ref "$data/multi30k/val.$tgt" --limit "$multi30k"
done
