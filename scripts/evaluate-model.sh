#!/usr/bin/env bash
# Measures a shipped model and prints a Markdown "Measured quality" section for its card.md.
# Usage: scripts/evaluate-model.sh MODEL_DIR [DATA_DIR]
set -euo pipefail
model=${1:?usage: scripts/evaluate-model.sh MODEL_DIR [DATA_DIR]}
data=${2:-"$(dirname "$0")/../../shared/data"}
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
task=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['task'])" "$model/config.json")
src=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['source_language'])" "$model/config.json")
tgt=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['target_language'])" "$model/config.json")

field() { python3 -c "import json,sys; print('%.${3:-2}f' % json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

echo "## Measured quality"
echo
if [[ $task == translate ]]; then
  pair="en-$([[ $src == en ]] && echo "$tgt" || echo "$src")"
  columns=$([[ $src == en ]] && echo 0,1 || echo 1,0)
  echo "Beam search (the model's defaults), sacreBLEU-style BLEU on detokenized cased text, chrF2, and"
  echo "the lowercased tokenized BLEU of Multi30k papers; measured with \`attentive-cli eval\`:"
  echo
  echo "| test set | sentences | BLEU | chrF2 | BLEU (lc, tok) |"
  echo "|---|---:|---:|---:|---:|"
  for set in val test_2016_flickr; do
    json=$("$cli" eval -m "$model" --src "$data/multi30k/$set.$src" --ref "$data/multi30k/$set.$tgt" --json)
    echo "| Multi30k $set | $(field "$json" sentences 0) | $(field "$json" bleu) | $(field "$json" chrf) | $(field "$json" bleu_lowercase_tokenized) |"
  done
  json=$("$cli" eval -m "$model" --tsv "$data/tatoeba/$pair.dev.tsv" --columns "$columns" --json)
  echo "| Tatoeba $pair dev (all references) | $(field "$json" sentences 0) | $(field "$json" bleu) | $(field "$json" chrf) | $(field "$json" bleu_lowercase_tokenized) |"
  echo
  echo "Commands: \`attentive-cli eval -m $model --src multi30k/SET.$src --ref multi30k/SET.$tgt\`;"
  echo "\`attentive-cli eval -m $model --tsv tatoeba/$pair.dev.tsv --columns $columns\`."
else
  json=$("$cli" eval -m "$model" --dialogues "$data/dailydialog/dialogues_validation.txt" --seed 1 --json)
  echo "Replies sampled with the model's defaults (seed 1) for every turn of DailyDialog validation,"
  echo "scored against the human replies (\`attentive-cli eval -m $model --dialogues dialogues_validation.txt --seed 1\`):"
  echo
  echo "| replies | BLEU-1 | BLEU-2 | distinct-1 | distinct-2 | human distinct-1 | human distinct-2 |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  echo "| $(field "$json" replies 0) | $(field "$json" bleu1 3) | $(field "$json" bleu2 3) | $(field "$json" distinct1 3) | $(field "$json" distinct2 3) | $(field "$json" human_distinct1 3) | $(field "$json" human_distinct2 3) |"
  echo
  echo "A textbook Seq2Seq scores about 0.34/0.27 BLEU-1/2 and 0.03/0.13 distinct-1/2 here."
  echo
  echo "### Sample exchanges"
  echo
  echo "The 20 prompts of \`bench/chat_prompts.txt\`, chosen before training; replies from"
  echo "\`attentive-cli chat -m $model --batch --seed 1\`, unedited:"
  echo
  echo "| you | bot |"
  echo "|---|---|"
  prompts="$(dirname "$0")/../bench/chat_prompts.txt"
  paste -d '\t' "$prompts" <("$cli" chat -m "$model" --batch --seed 1 < "$prompts") |
    while IFS=$'\t' read -r prompt reply; do echo "| $prompt | ${reply//|/\\|} |"; done
fi
