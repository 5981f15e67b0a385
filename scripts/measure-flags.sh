#!/usr/bin/env bash
# Measures the "possibly untranslated" flags of every shipped translator on the dev sets (never
# the test sets) by forced decoding, and prints a Markdown table for docs/attention.md.
# The flag (core/untranslated_words.h): a content word none of whose usual translations (the
# model's lexicon.txt) is in the target, that no target word is usually translated back by (the
# reverse model's lexicon.txt), and whose erasure from the source changes the target's
# log-probability by less than the model's "untranslated_threshold" per target piece (a
# stricter one for words the lexicon does not know); one such word per sentence at most. Each
# row also gives the threshold that would keep this set at 1 false flag per 20 sentences (and
# the recall there); the same figures judged by erasure alone (without the lexicons) and by the
# former attention-support rule, for comparison; and the judging time. After each table, each
# translator's two dev sets pooled, with the highest threshold that keeps them at 1 false flag
# per 20: how "untranslated_threshold" was chosen (re-run it for a retrained model).
# Two tables: on the dev references, and on the model's own translations of the dev sources
# (--own-translations: what the app judges; a word's translation removed from them for recall).
# Usage: scripts/measure-flags.sh [TATOEBA_PAIRS [MULTI30K_SENTENCES [DATA_DIR]]]
#   defaults: every Tatoeba dev pair and every Multi30k val sentence (0 = all).
#   ATTENTIVE_FLAG_GROWTH=G measures with that threshold growth instead of each model's own.
set -euo pipefail
tatoeba=${1:-0}
multi30k=${2:-0}
data=${3:-"$(dirname "$0")/../../shared/data"}
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
models=${ATTENTIVE_MODELS:-"$(dirname "$0")/../models"}

row() {  # model, dev set name, attentive-cli flags input options...; prints a row, keeps the JSON
  local model=$1 name=$2
  shift 2
  local json alone
  local growth=()
  [[ -n ${ATTENTIVE_FLAG_GROWTH:-} ]] && growth=(--growth "$ATTENTIVE_FLAG_GROWTH")
  json=$("$cli" flags -m "$models/$model" --threads 1 "$@" "${growth[@]}" --sweep --json)
  alone=$("$cli" flags -m "$models/$model" --threads 1 "$@" "${growth[@]}" --no-lexicon --json)
  echo "$json" > "$scratch/$model.$(echo "$name" | tr ' ' _).json"
  python3 - "$model" "$name" "$json" "$alone" <<'PY'
import json, sys
model, name, out, alone = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
sweep = " · ".join(f"{s['threshold']:.2f}: {s['false_flags_per_20']:.2f} / {100 * s['recall']:.0f}%"
                   for s in out["sweep"] if round(s["threshold"], 2) in (-0.1, -0.15, -0.2, -0.25, -0.3, -0.4))
support = out["support_rule"]
growth = out.get("threshold_growth", 0)
threshold = f"{out['threshold']:.2f}" + (f" ×n^{growth:g}" if growth else "")
print(f"| {model} | {name} | {out['sentences']} | {threshold} | **{out['false_flags_per_20']:.2f}** | "
      f"{out['recall_trials']} | **{100 * out['recall']:.1f}%** | "
      f"{out['threshold_for_1_per_20']:.2f} ({100 * out['recall_at_1_per_20']:.0f}%) | "
      f"{alone['false_flags_per_20']:.2f} / {100 * alone['recall']:.1f}% · "
      f"{alone['threshold_for_1_per_20']:.2f} ({100 * alone['recall_at_1_per_20']:.0f}%) | "
      f"{support['false_flags_per_20']:.2f} / {100 * support['recall']:.0f}% | "
      f"{100 * out['lexicon_found_share']:.0f}% | "
      f"{out['judging_ms_per_sentence']:.1f} ({alone['judging_ms_per_sentence']:.1f}) | {sweep} |")
PY
}

# Per translator, its two dev sets pooled (sentences and recall trials added up): the figures
# at the model's threshold, the highest threshold (in hundredths) that keeps the pooled false
# flags at 1 per 20, and the highest that keeps each dev set at 1 per 20 (with the recall of
# each), the way each translator's "untranslated_threshold" is chosen since the thirty-ninth
# session (run it with ATTENTIVE_FLAG_GROWTH=0 and 0.7 to choose "untranslated_threshold_growth"
# too: the one whose lower recall is higher).
pooled() {
  python3 - "$scratch" <<'PY'
import glob, json, sys
print("| model | sentences | threshold | false flags / 20 | recall | threshold at 1 per 20, pooled (false flags / recall) | threshold at 1 per 20 on each set (recall of each) |")
print("|---|---:|---:|---:|---:|---|---|")
for model in ("en-fr", "fr-en", "en-de", "de-en"):
    sets = [json.load(open(f)) for f in sorted(glob.glob(f"{sys.argv[1]}/{model}.*.json"))]
    if not sets:
        continue
    n = sum(s["sentences"] for s in sets)
    trials = sum(s["recall_trials"] for s in sets)
    def at(index):
        return (sum(s["sweep"][index]["false_flags_per_20"] * s["sentences"] for s in sets) / n,
                sum(s["sweep"][index]["recall"] * s["recall_trials"] for s in sets) / trials)
    ff = sum(s["false_flags_per_20"] * s["sentences"] for s in sets) / n
    recall = sum(s["recall"] * s["recall_trials"] for s in sets) / trials
    best = next((i for i in range(len(sets[0]["sweep"])) if at(i)[0] <= 1.0), None)
    chosen = "below the sweep"
    if best is not None:
        best_ff, best_recall = at(best)
        chosen = f"{sets[0]['sweep'][best]['threshold']:.2f} ({best_ff:.2f} / {100 * best_recall:.1f}%)"
    each = next((i for i in range(len(sets[0]["sweep"]))
                 if all(s["sweep"][i]["false_flags_per_20"] <= 1.0 for s in sets)), None)
    per_set = "below the sweep"
    if each is not None:
        per_set = (f"{sets[0]['sweep'][each]['threshold']:.2f} (" +
                   " / ".join(f"{100 * s['sweep'][each]['recall']:.1f}%" for s in sets) + ")")
    print(f"| {model} | {n} | {sets[0]['threshold']:.2f} | **{ff:.2f}** | **{100 * recall:.1f}%** | {chosen} | {per_set} |")
PY
}

table() {  # extra attentive-cli flags options (none, or --own-translations)
  rm -f "$scratch"/*.json
  echo "| model | dev set | sentences | threshold | false flags / 20 | recall trials | recall | threshold at 1 per 20 (recall) | erasure alone: false / recall · at 1 per 20 | support rule: false / recall | words the lexicons find translated | ms / sentence (erasure alone) | other thresholds (false flags / recall) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"
  for model in ${ATTENTIVE_FLAG_MODELS:-en-fr fr-en en-de de-en}; do
    src=${model%-*}
    tgt=${model#*-}
    pair="en-$([[ $src == en ]] && echo "$tgt" || echo "$src")"
    columns=$([[ $src == en ]] && echo 0,1 || echo 1,0)
    row "$model" "Tatoeba $pair dev" --tsv "$data/tatoeba/$pair.dev.tsv" --columns "$columns" --limit "$tatoeba" "$@"
    row "$model" "Multi30k val" --src "$data/multi30k/val.$src" --ref "$data/multi30k/val.$tgt" --limit "$multi30k" "$@"
  done
  echo
  echo "Both dev sets of each translator together:"
  echo
  pooled
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "On the dev references:"
echo
table
echo
echo "On the model's own translations of the dev sources (what the app judges):"
echo
table --own-translations
