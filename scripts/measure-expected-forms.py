#!/usr/bin/env python3
"""Counts the translations that say what a hand-written sentence says, for meanings the dev sets
hold too few of to measure: each line of a TSV file (scripts/data/clock-sentences.tsv: times of
day told in words; scripts/data/unit-sentences.tsv: units of measure after a number) gives a
direction, a source sentence, and the ways a right translation may say it, separated by "|"
(matched without regard to case, no-break spaces read as spaces). Several things it must say are
groups separated by " & " (scripts/data/long-sentences.tsv: the content words of both clauses);
a sentence is right when every group is found, and the table also counts the groups found.

Usage: scripts/measure-expected-forms.py FILE [--models models] [--cli build/app/attentive-cli]
           [--show-misses] [-- extra translate flags]
Prints a Markdown table: per direction, right of the sentences, and in all.
"""
import argparse
import collections
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rows(path):
    by_direction = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            direction, source, ways = line.rstrip("\n").split("\t")
            groups = [group.split("|") for group in ways.split(" & ")]
            by_direction.setdefault(direction, []).append((source, groups))
    return by_direction


def found(translation, groups):
    """The groups of which the translation says one way."""
    text = translation.lower().replace("\u00a0", " ").replace("\u202f", " ")
    return sum(any(way.lower() in text for way in ways) for ways in groups)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the TSV of sentences")
    parser.add_argument("--models", default=os.path.join(ROOT, "models"))
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "attentive-cli"))
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("extra", nargs="*", help="extra translate flags, after --")
    args = parser.parse_args()
    print("| direction | right | sentences | things said | things to say |")
    print("|---|---:|---:|---:|---:|")
    total_right = total = total_said = total_groups = 0
    misses = []
    for direction, items in rows(args.file).items():
        sources = [source for source, _ in items]
        out = subprocess.run([args.cli, "translate", "-m", os.path.join(args.models, direction), "--threads", "1",
                              *args.extra],
                             input="\n".join(sources) + "\n", capture_output=True, text=True, check=True).stdout
        translations = out.splitlines()
        good = said = groups = 0
        for (source, ways), translation in zip(items, translations):
            count = found(translation, ways)
            said += count
            groups += len(ways)
            if count == len(ways):
                good += 1
            else:
                misses.append(f"{direction}: {source} -> {translation}")
        print(f"| {direction} | {good} | {len(items)} | {said} | {groups} |")
        total_right += good
        total += len(items)
        total_said += said
        total_groups += groups
    print(f"| all | {total_right} | {total} | {total_said} | {total_groups} |")
    if args.show_misses:
        for miss in misses:
            print(miss)


if __name__ == "__main__":
    main()
