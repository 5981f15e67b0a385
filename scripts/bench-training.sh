#!/usr/bin/env bash
# Training throughput against PyTorch in the same minutes (issue 13's "training >= 3x PyTorch"):
# the engine's training bench (`attentive-cli bench --training`) and PyTorch's
# (`bench/pytorch_reference.py --training`: the PyTorch trainer's module, eager, OpenBLAS) on the
# reference shape, batch 64, ROUNDS interleaved rounds (every configuration once per round, so a
# slow minute on a shared machine does not fall on one alone), best and range of target tokens/s.
# Needs Debian's python3-torch and libopenblas0-openmp (without it torch uses the reference BLAS,
# 30x slower). Usage: scripts/bench-training.sh [ROUNDS] [THREADS]   (defaults 3, 2)
# TIER=avx2 runs both as an AVX2 laptop would: the engine with ATTENTIVE_MAX_ISA=avx2, PyTorch
# with ATEN_CPU_CAPABILITY=avx2 and OpenBLAS's Haswell kernels.
set -euo pipefail
rounds=${1:-3}
threads=${2:-2}
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" bench --shape reference --write-model "$work/model" --repeats 1 > /dev/null
export OMP_WAIT_POLICY=PASSIVE OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-SKYLAKEX}
if [[ ${TIER:-} == avx2 ]]; then
  export ATTENTIVE_MAX_ISA=avx2 ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=HASWELL
elif [[ -n ${TIER:-} ]]; then
  export ATTENTIVE_MAX_ISA=$TIER
fi
field() { /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
precisions="f32"
if "$cli" bench --shape reference --training --precision bf16 --threads 1 --repeats 1 > /dev/null 2>&1; then
  precisions="f32 bf16"
fi
for ((round = 1; round <= rounds; ++round)); do
  for precision in $precisions; do
    "$cli" bench --shape reference --training --precision "$precision" --threads "$threads" --repeats 5 |
      field training_target_tokens_per_s >> "$work/attentive-$precision"
    flag=$([[ $precision == bf16 ]] && echo --bf16 || true)
    /usr/bin/python3 bench/pytorch_reference.py -m "$work/model" --threads "$threads" --training --repeats 5 $flag |
      field training_target_tokens_per_s >> "$work/pytorch-$precision"
  done
done
tier=$("$cli" bench -m "$work/model" --precision f32 --threads 1 --repeats 1 --paste-pages 0 | field cpu_tier)
echo "CPU tier $tier, $threads threads, $rounds rounds; target tokens/s, best (range)"
echo
echo "| precision | Attentive | PyTorch eager + OpenBLAS | ratio of the bests |"
echo "|---|---|---|---|"
for precision in $precisions; do
  /usr/bin/python3 - "$precision" "$work/attentive-$precision" "$work/pytorch-$precision" <<'PY'
import sys
precision, ours, theirs = sys.argv[1], [float(x) for x in open(sys.argv[2])], [float(x) for x in open(sys.argv[3])]
label = precision + (" (PyTorch: bf16 autocast)" if precision == "bf16" else "")
print(f"| {label} | **{max(ours):,.0f}** ({min(ours):,.0f}–{max(ours):,.0f}) | "
      f"**{max(theirs):,.0f}** ({min(theirs):,.0f}–{max(theirs):,.0f}) | {max(ours) / max(theirs):.2f}× |")
PY
done
