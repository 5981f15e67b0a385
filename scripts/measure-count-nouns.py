#!/usr/bin/env python3
"""Measures how often a number that names something ("room 12", "platform 2", "Gleis 3") comes
through translation with its noun: the hand-written sentences of
scripts/data/count-noun-sentences.tsv (10 per language), each with the numbers 3, 7, 12, 24, 105
and 204. A translation counts as right when it holds the number and one of the noun's usual
translations (NOUNS below, compared in lowercase, also inside a longer word: "Zimmernummer").

Usage: scripts/measure-count-nouns.py [--models models] [--cli build/app/attentive-cli]
           [--directions en-fr,fr-en,en-de,de-en] [--show-failures]
Prints a Markdown table: per direction, right of 60, and the noun and number counts alone.
"""
import argparse
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NUMBERS = ["3", "7", "12", "24", "105", "204"]
NOUNS = {
    "room": {"en": ["room"], "fr": ["salle", "chambre", "pièce"], "de": ["raum", "zimmer", "saal"]},
    "platform": {"en": ["platform", "track"], "fr": ["quai", "voie"], "de": ["gleis", "bahnsteig"]},
    "gate": {"en": ["gate"], "fr": ["porte"], "de": ["gate", "flugsteig", "tor"]},
    "page": {"en": ["page"], "fr": ["page"], "de": ["seite"]},
    "bus": {"en": ["bus"], "fr": ["bus"], "de": ["bus"]},
    "chapter": {"en": ["chapter"], "fr": ["chapitre"], "de": ["kapitel"]},
    "row": {"en": ["row"], "fr": ["rang"], "de": ["reihe"]},
    "apartment": {"en": ["apartment", "flat"], "fr": ["appartement"], "de": ["wohnung", "apartment"]},
    "exit": {"en": ["exit"], "fr": ["sortie"], "de": ["ausfahrt", "ausgang"]},
    "question": {"en": ["question"], "fr": ["question"], "de": ["frage"]},
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=os.path.join(ROOT, "models"))
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "attentive-cli"))
    parser.add_argument("--directions", default="en-fr,fr-en,en-de,de-en")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    with open(os.path.join(ROOT, "scripts", "data", "count-noun-sentences.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    print("| direction | noun and number kept | noun kept | number kept |")
    print("|---|---:|---:|---:|")
    failures = []
    for direction in args.directions.split(","):
        source, target = direction.split("-")
        cases = [(noun, text.replace("X", n), n) for n in NUMBERS for lang, noun, text in rows if lang == source]
        out = subprocess.run([args.cli, "translate", "-m", os.path.join(args.models, direction), "--threads", "1",
                              "--no-language-check"], input="\n".join(c[1] for c in cases) + "\n",
                             capture_output=True, text=True, check=True).stdout.splitlines()
        nouns = numbers = both = 0
        for (noun, text, number), translation in zip(cases, out):
            lower = translation.lower()
            has_noun = any(word in lower for word in NOUNS[noun][target])
            has_number = re.search(r"(?<!\d)%s(?!\d)" % number, translation) is not None
            nouns += has_noun
            numbers += has_number
            both += has_noun and has_number
            if not (has_noun and has_number):
                failures.append(f"{direction}: {text} -> {translation}")
        n = len(cases)
        print(f"| {direction} | {both} / {n} | {nouns} / {n} | {numbers} / {n} |")
    if args.show_failures:
        print()
        for line in failures:
            print("-", line)


if __name__ == "__main__":
    main()
