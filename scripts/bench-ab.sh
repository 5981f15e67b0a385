#!/usr/bin/env bash
# Compares two builds of attentive-cli on the same model by alternating their bench runs, so that
# both see the same host: on a shared VM the load moves within minutes, and two matrices taken
# one after the other compare the hours more than the code.
# Usage: scripts/bench-ab.sh OLD_CLI NEW_CLI MODEL_DIR [PAIRS] [PRECISIONS]
#   e.g. scripts/bench-ab.sh /tmp/old/build/app/attentive-cli build/app/attentive-cli /tmp/ref 12 "bf16 int8"
# Prints, per precision and build, the best and the median greedy and beam-5 times (2 threads)
# and in how many pairs the new build's greedy run was the faster.
set -euo pipefail
old=${1:?usage: scripts/bench-ab.sh OLD_CLI NEW_CLI MODEL_DIR [PAIRS] [PRECISIONS]}
new=${2:?usage: scripts/bench-ab.sh OLD_CLI NEW_CLI MODEL_DIR [PAIRS] [PRECISIONS]}
model=${3:?usage: scripts/bench-ab.sh OLD_CLI NEW_CLI MODEL_DIR [PAIRS] [PRECISIONS]}
pairs=${4:-10}
precisions=${5:-f32 bf16 int8}
for precision in $precisions; do
  for _ in $(seq "$pairs"); do
    for build in old new; do
      cli=$old; [[ $build == new ]] && cli=$new
      "$cli" bench -m "$model" --precision "$precision" --threads 2 --repeats 7 --paste-pages 1 |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print(sys.argv[1], d["precision"], d["greedy_batch1_ms"], d["beam5_batch1_ms"])' "$build"
    done
  done
done | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:
    build, precision, greedy, beam = line.split()
    runs[precision, build].append((float(greedy), float(beam)))
print("| precision | build | greedy best | greedy median | beam 5 best | beam 5 median | new faster |")
print("|---|---|---|---|---|---|---|")
for precision in dict.fromkeys(p for p, _ in runs):
    old, new = runs[precision, "old"], runs[precision, "new"]
    wins = sum(n[0] < o[0] for o, n in zip(old, new))
    for build, values in (("old", old), ("new", new)):
        g = [v[0] for v in values]; b = [v[1] for v in values]
        print("| %s | %s | %.2f | %.2f | %.2f | %.2f | %s |" % (precision, build, min(g), statistics.median(g),
              min(b), statistics.median(b), "%d of %d" % (wins, len(old)) if build == "new" else ""))
'
