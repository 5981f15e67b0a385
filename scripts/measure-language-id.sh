#!/usr/bin/env bash
# Accuracy of the language identifier (attentive-cli language-id) on dev sentences of 20
# characters or more: Tatoeba dev (both sides of en-fr and en-de) and Multi30k val; Czech
# (Multi30k val.cs) and a few hand-written lines in other languages should come out "other".
# Then the warnings a translator would give (language-id --expected) on Tatoeba dev and on short
# hand-written sentences. Usage: scripts/measure-language-id.sh [DATA_DIR]    Prints Markdown tables.
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

# The warnings a translator gives: every Tatoeba dev sentence (any length) checked against its
# own language (a warning is false) and against the other two (a warning is right).
echo
echo "| Tatoeba dev side | sentences | false warnings (checked as its own language) | warned when checked as each other language |"
echo "|---|---:|---:|---:|"
for pair in en-fr en-de; do
  for side in 1 2; do
    own=$([[ $side == 1 ]] && echo en || echo "${pair#*-}")
    cut -f"$side" "$data/tatoeba/$pair.dev.tsv" > "$tmp/side"
    total=$(wc -l < "$tmp/side")
    false_warnings=$("$cli" language-id --expected "$own" < "$tmp/side" | grep -c '^warn' || true)
    warned=0 checked=0
    for other in en fr de; do
      [[ $other == "$own" ]] && continue
      "$cli" language-id --expected "$other" < "$tmp/side" > "$tmp/checked"
      checked=$((checked + $(grep -vc $'\t?$' "$tmp/checked" || true)))   # decided lines only
      warned=$((warned + $(grep -c '^warn' "$tmp/checked" || true)))
    done
    printf '| %s (%s) | %d | %d | %d of %d |\n' "$pair" "$own" "$total" "$false_warnings" "$warned" "$checked"
  done
done

# Short hand-written sentences that are in the expected language but whose letters can look like
# another's: every warning is false.
echo
echo "| short everyday sentences (scripts/data/short-sentences.tsv) | sentences | false warnings |"
echo "|---|---:|---:|"
for language in en fr de; do
  grep -v '^#' "$(dirname "$0")/data/short-sentences.tsv" | awk -F'\t' -v l="$language" '$1 == l { print $2 }' > "$tmp/short"
  printf '| %s | %d | %d |\n' "$language" "$(wc -l < "$tmp/short")" \
    "$("$cli" language-id --expected "$language" < "$tmp/short" | grep -c '^warn' || true)"
done
