#!/usr/bin/env bash
# Scores a translation model on its dev sets at f32, bf16 and int8 and prints a Markdown
# "Precision" section for its card.md, naming the fastest precision within tolerance of f32
# (bf16: 0.3 BLEU, int8: 1.0 BLEU, on every dev set) as the one to set in config.json.
# Usage: scripts/compare-precisions.sh MODEL_DIR [DATA_DIR]
set -euo pipefail
model=${1:?usage: scripts/compare-precisions.sh MODEL_DIR [DATA_DIR]}
data=${2:-"$(dirname "$0")/../../shared/data"}
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
read -r src tgt < <(python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print(c['source_language'], c['target_language'])" "$model/config.json")
pair="en-$([[ $src == en ]] && echo "$tgt" || echo "$src")"
columns=$([[ $src == en ]] && echo 0,1 || echo 1,0)

bleu() {  # precision, eval input options...
  local precision=$1; shift
  "$cli" eval -m "$model" "$@" --precision "$precision" --threads 1 --json |
    python3 -c "import json,sys; print('%.2f' % json.load(sys.stdin)['bleu'])"
}

declare -A score
for precision in f32 bf16 int8; do
  score[val,$precision]=$(bleu "$precision" --src "$data/multi30k/val.$src" --ref "$data/multi30k/val.$tgt")
  score[tatoeba,$precision]=$(bleu "$precision" --tsv "$data/tatoeba/$pair.dev.tsv" --columns "$columns")
done

within() {  # precision, tolerance: true when every dev set is within tolerance of f32
  python3 -c "import sys; a=[float(x) for x in sys.argv[3:]]; t=float(sys.argv[2]); \
n=len(a)//2; sys.exit(0 if all(a[i+n] >= a[i]-t for i in range(n)) else 1)" "$1" "$2" \
    "${score[val,f32]}" "${score[tatoeba,f32]}" "${score[val,$1]}" "${score[tatoeba,$1]}"
}
choice=f32
if within bf16 0.3; then choice=bf16; fi
if within int8 1.0; then choice=int8; fi

echo "## Precision"
echo
echo "Beam search (the model's defaults), BLEU against f32 on the dev sets"
echo "(\`scripts/compare-precisions.sh $model\`, i.e. \`attentive-cli eval ... --precision P --threads 1\`):"
echo
echo "| dev set | f32 | bf16 | int8 |"
echo "|---|---:|---:|---:|"
echo "| Multi30k val | ${score[val,f32]} | ${score[val,bf16]} | ${score[val,int8]} |"
echo "| Tatoeba $pair dev | ${score[tatoeba,f32]} | ${score[tatoeba,bf16]} | ${score[tatoeba,int8]} |"
echo
echo "Allowed: bf16 within 0.3 and int8 within 1.0 BLEU of f32 on every dev set. The fastest"
echo "precision that qualifies is **$choice**: config.json \`\"precision\": \"$choice\"\` (a CPU without"
echo "native support for it falls back to f32 by itself)."
