#!/usr/bin/env bash
# Runs `attentive-cli bench` RUNS times for every CPU tier this machine can emulate
# (ATTENTIVE_MAX_ISA, from avx2 up to the machine's own), every precision the tier runs and each
# thread count (and the training bench at bf16 where the tier has it, and f32), and prints a
# Markdown table per tier of the best and the range over the runs. On a shared VM single runs
# vary by up to 30%, so one run proves little; the configurations are interleaved (each round
# runs every one once) so that a slow minute does not fall on one configuration alone.
# Usage: scripts/bench-matrix.sh [MODEL_DIR] [RUNS]   (default: the reference shape, 5 runs)
# Environment: TIERS (default: every tier the machine can emulate), THREADS (default "1 2"),
# TRAINING=0 to skip the training rows. On a machine that other jobs load, set
# OMP_WAIT_POLICY=PASSIVE: spinning OpenMP threads that lose their core made 2-thread runs 100x slower.
# The reference-shape model is written once to a temporary folder when no model is given.
set -euo pipefail
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
runs=${2:-5}
model=${1:-}
thread_counts=${THREADS:-1 2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $model ]]; then
  model=$work/model
  "$cli" bench --shape reference --write-model "$model" --repeats 1 > /dev/null
fi

one_line() { python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))'; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

machine=$("$cli" bench -m "$model" --precision f32 --threads 1 --repeats 1 --paste-pages 0 | json_field machine_cpu_tier)
if [[ -n ${TIERS:-} ]]; then
  tiers=$TIERS
else
  # A tier is emulated when the capped run reports it (avx2_vnni needs AVX-VNNI itself).
  tiers=""
  for tier in avx2 avx2_vnni avx512 avx512_vnni avx512_bf16 amx; do
    got=$(ATTENTIVE_MAX_ISA=$tier "$cli" bench -m "$model" --precision f32 --threads 1 --repeats 1 --paste-pages 0 |
          json_field cpu_tier)
    [[ $got == "$tier" ]] && tiers="$tiers $tier"
  done
fi

precisions_of() {  # the precisions a tier runs natively
  case $1 in
    avx512_bf16|amx) echo "f32 bf16 int8" ;;
    *) echo "f32 int8" ;;
  esac
}

summary() {  # label, then one JSON document per line on stdin
  python3 -c '
import json, sys
label = sys.argv[1]
runs = [json.loads(line) for line in sys.stdin if line.strip()]
def cell(key, best):
    values = [r[key] for r in runs]
    lo, hi = min(values), max(values)
    fmt = "%.0f" if max(values) >= 100 else "%.1f" if max(values) >= 10 else "%.2f"
    b = best(values)
    return ("**" + fmt % b + "** (" + fmt % lo + "–" + fmt % hi + ")")
if "training_target_tokens_per_s" in runs[0]:
    print("| %s | %s |" % (label, cell("training_target_tokens_per_s", max)))
else:
    ratio = [r["beam5_over_greedy"] for r in runs]
    greedy = min(r["greedy_batch1_ms"] for r in runs)
    floor = min(r["bandwidth_floor_20_tokens_ms"] for r in runs)
    print("| %s | %s | %s | %.2f–%.2f | %s | %s | %s | %s | %.2f |" % (label, cell("greedy_batch1_ms", min),
          cell("beam5_batch1_ms", min), min(ratio), max(ratio),
          cell("greedy_batch32_sentences_per_s", max), cell("load_ms", min),
          cell("read_bandwidth_gb_s", max), cell("bandwidth_floor_20_tokens_ms", min), greedy / floor))
' "$1"
}

echo "Model: $model; machine tier $machine; $runs process runs per row, each the median of 7 repeats"
echo "inside the process, the rows' runs interleaved. Best in bold, range over the runs in brackets."
echo
echo "Read GB/s: how fast the run's threads read a 32 MB buffer just before its greedy timings; floor:"
echo "the 20 decoder steps of the greedy figure at that bandwidth (their weights read once a step);"
echo "greedy/floor: best greedy over lowest floor."
for _ in $(seq "$runs"); do
  for tier in $tiers; do
    for threads in $thread_counts; do
      for precision in $(precisions_of "$tier"); do
        ATTENTIVE_MAX_ISA=$tier "$cli" bench -m "$model" --precision "$precision" --threads "$threads" \
          --repeats 7 --paste-pages 1 | one_line >> "$work/$tier-$precision-$threads.jsonl"
      done
    done
    if [[ ${TRAINING:-1} != 0 ]]; then
      for precision in $(precisions_of "$tier"); do
        [[ $precision == int8 ]] && continue
        ATTENTIVE_MAX_ISA=$tier "$cli" bench --shape reference --training --precision "$precision" --threads 2 \
          --repeats 5 | one_line >> "$work/$tier-$precision-training.jsonl"
      done
    fi
  done
done
for tier in $tiers; do
  echo
  echo "### Tier $tier"
  echo
  echo "| precision, threads | greedy batch 1, ms | beam 5, ms | beam/greedy | batch 32, sent/s | load, ms | read GB/s | floor, ms | greedy/floor |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for threads in $thread_counts; do
    for precision in $(precisions_of "$tier"); do
      summary "$precision, $threads" < "$work/$tier-$precision-$threads.jsonl"
    done
  done
  if [[ ${TRAINING:-1} != 0 ]]; then
    echo
    echo "| training (batch 64, reference shape), 2 threads | target tokens/s |"
    echo "|---|---|"
    for precision in $(precisions_of "$tier"); do
      [[ $precision == int8 ]] && continue
      summary "$precision" < "$work/$tier-$precision-training.jsonl"
    done
  fi
done
