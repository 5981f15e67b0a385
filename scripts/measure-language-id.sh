#!/usr/bin/env bash
# Accuracy of the language identifier (attentive-cli language-id) on dev sentences of 20
# characters or more: Tatoeba dev (both sides of en-fr and en-de) and Multi30k val; Czech
# (Multi30k val.cs) and a few hand-written lines in other languages should come out "other".
# Usage: scripts/measure-language-id.sh [DATA_DIR]    Prints a Markdown table.
set -euo pipefail
data=${1:-"$(dirname "$0")/../../shared/data"}
cli=${ATTENTIVE_CLI:-build/app/attentive-cli}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

long() { awk 'length($0) >= 20' ; }   # characters, in a UTF-8 locale
export LC_ALL=C.UTF-8
{ cut -f1 "$data/tatoeba/en-fr.dev.tsv"; cut -f1 "$data/tatoeba/en-de.dev.tsv"; } | sort -u | long > "$tmp/tatoeba.en"
cut -f2 "$data/tatoeba/en-fr.dev.tsv" | sort -u | long > "$tmp/tatoeba.fr"
cut -f2 "$data/tatoeba/en-de.dev.tsv" | sort -u | long > "$tmp/tatoeba.de"
for l in en fr de cs; do long < "$data/multi30k/val.$l" > "$tmp/multi30k.$l"; done
grep -v '^#' "$(dirname "$0")/data/other-languages.txt" | long > "$tmp/handwritten.other"

echo "| sentences (20+ characters) | expected | count | identified correctly |"
echo "|---|---|---:|---:|"
for set in tatoeba.en tatoeba.fr tatoeba.de multi30k.en multi30k.fr multi30k.de multi30k.cs handwritten.other; do
  expected=${set#*.}
  [[ $expected == cs ]] && expected=other
  "$cli" language-id < "$tmp/$set" > "$tmp/$set.out"
  total=$(wc -l < "$tmp/$set.out")
  good=$(grep -cx "$expected" "$tmp/$set.out" || true)
  printf '| %s | %s | %d | %d (%.2f%%) |\n' "$set" "$expected" "$total" "$good" "$(echo "100 * $good / $total" | bc -l)"
done
