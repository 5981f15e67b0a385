#!/usr/bin/env python3
"""Measures how often a day of the week alone ("on Wednesday") comes through translation as that
day: the hand-written sentences of scripts/data/weekday-sentences.tsv, each with every day of
the week in turn (hand-written because the dev sets hold few: 6 in Tatoeba en-fr dev). A
translation counts as right when it holds the day, in the target language (also inside a longer
word: "Freitagabend"), and no other day.

Usage: scripts/measure-weekdays.py [--models models] [--cli build/app/attentive-cli]
           [--directions en-fr,fr-en,en-de,de-en] [-- extra translate flags]
Prints a Markdown table: per direction, right of 8 for each day, and in all.
"""
import argparse
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
}


def sentences(language):
    path = os.path.join(ROOT, "scripts", "data", "weekday-sentences.tsv")
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    return [text for lang, text in rows if lang == language]


def with_day(template, day):
    text = template.replace("X", day)
    return text[0].upper() + text[1:] if text.startswith(day) else text


def right(translation, day, days):
    lower = translation.lower()
    others = [d for d in days if d != day and d.lower() not in day.lower()]
    return day.lower() in lower and not any(d.lower() in lower for d in others)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=os.path.join(ROOT, "models"))
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "attentive-cli"))
    parser.add_argument("--directions", default="en-fr,fr-en,en-de,de-en")
    parser.add_argument("extra", nargs="*", help="extra translate flags, after --")
    args = parser.parse_args()
    print("| direction | " + " | ".join(DAYS["en"]) + " | all |")
    print("|---|" + "---:|" * 8)
    for direction in args.directions.split(","):
        source, target = direction.split("-")
        templates = sentences(source)
        lines = [with_day(t, day) for day in DAYS[source] for t in templates]
        out = subprocess.run([args.cli, "translate", "-m", os.path.join(args.models, direction), "--threads", "1",
                              "--no-language-check", *args.extra],
                             input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout
        translations = out.splitlines()
        cells, total = [], 0
        for d, day in enumerate(DAYS[target]):
            block = translations[d * len(templates):(d + 1) * len(templates)]
            good = sum(right(t, day, DAYS[target]) for t in block)
            total += good
            cells.append(f"{good}/{len(templates)}")
        print(f"| {direction} | " + " | ".join(cells) + f" | {total}/{7 * len(templates)} |")


if __name__ == "__main__":
    main()
