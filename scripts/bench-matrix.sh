#!/usr/bin/env bash
# Runs `attentive-cli bench` RUNS times for each precision at 1 and 2 threads (and the training
# bench at bf16 and f32) and prints a Markdown table of the best and the range over the runs:
# on a shared VM single runs vary by up to 30%, so one run proves little.
# Usage: scripts/bench-matrix.sh [MODEL_DIR] [RUNS]   (default: the reference shape, 5 runs)
# The reference-shape model is written once to a temporary folder when no model is given.
set -euo pipefail
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
runs=${2:-5}
model=${1:-}
if [[ -z $model ]]; then
  model=$(mktemp -d)
  trap 'rm -rf "$model"' EXIT
  "$cli" bench --shape reference --write-model "$model" --repeats 1 > /dev/null
fi

summary() {  # label, then one JSON document per line on stdin
  python3 -c '
import json, sys
label = sys.argv[1]
runs = [json.loads(line) for line in sys.stdin if line.strip()]
def cell(key, best):
    values = [r[key] for r in runs]
    lo, hi = min(values), max(values)
    fmt = "%.0f" if max(values) >= 100 else "%.1f"
    b = best(values)
    return ("**" + fmt % b + "** (" + fmt % lo + "–" + fmt % hi + ")")
if "training_target_tokens_per_s" in runs[0]:
    print("| %s | %s |" % (label, cell("training_target_tokens_per_s", max)))
else:
    ratio = [r["beam5_over_greedy"] for r in runs]
    print("| %s | %s | %s | %.2f–%.2f | %s | %s | %s | %s |" % (label, cell("greedy_batch1_ms", min),
          cell("beam5_batch1_ms", min), min(ratio), max(ratio),
          cell("greedy_batch32_sentences_per_s", max), cell("load_ms", min),
          cell("read_bandwidth_gb_s", max), cell("bandwidth_floor_20_tokens_ms", min)))
' "$1"
}

echo "Model: $model; $runs process runs per row, each the median of 7 repeats inside the process."
echo "Best in bold, range over the runs in brackets."
echo
echo "Read GB/s: how fast the run's threads read a 32 MB buffer just before its greedy timings; floor:"
echo "the 20 decoder steps of the greedy figure at that bandwidth (their weights read once a step)."
echo
echo "| precision, threads | greedy batch 1, ms | beam 5, ms | beam/greedy | batch 32, sent/s | load, ms | read GB/s | floor, ms |"
echo "|---|---|---|---|---|---|---|---|"
for threads in 1 2; do
  for precision in f32 bf16 int8; do
    for _ in $(seq "$runs"); do
      "$cli" bench -m "$model" --precision "$precision" --threads "$threads" --repeats 7 --paste-pages 1 |
        python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))'
    done | summary "$precision, $threads"
  done
done
echo
echo "| training (batch 64, reference shape), 2 threads | target tokens/s |"
echo "|---|---|"
for precision in bf16 f32; do
  for _ in $(seq "$runs"); do
    "$cli" bench --shape reference --training --precision "$precision" --threads 2 --repeats 5 |
      python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))'
  done | summary "$precision"
done
