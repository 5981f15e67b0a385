#!/usr/bin/env python3
"""Measures how often names, numbers and other protected spans come through translation exactly.

Cases come from the dev data only (never train or test):
  names   - Tatoeba dev pairs whose two sides both name Tom, Mary or John: that name is replaced on
            both sides by a name that never occurs in the training data (checked here, against the
            train files), cycling through NOVEL_NAMES (multi-word and non-European ones included);
            plus the hand-written sentences of scripts/data/protected-sentences.tsv that hold one.
  numbers - Tatoeba dev and Multi30k val sentences with digits, plus the hand-written sentences:
            a sentence counts as kept when every number in it (digits with inner . , : / -, or a
            French time's "h": "14h30") comes through with its digit groups in order, one after
            the other (separators may be the target language's: "14h30" -> "14:30").
  other   - e-mail addresses, URLs and code-like tokens of the hand-written sentences.

Usage: scripts/measure-protected.py [--models models] [--data ../shared/data] [--cli build/app/attentive-cli]
           [--directions en-fr,fr-en,en-de,de-en] [--sample N] [--show-failures] [-- extra translate flags]
Prints a Markdown table (and the failures with --show-failures); --json prints the figures as JSON.
"""
import argparse
import itertools
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOVEL_NAMES = [
    "Priya Okonkwo", "Aisha", "Kwame", "Oluwaseun Adeyemi", "Siddharth", "Ingrid Halvorsen",
    "Mei-Ling", "Chukwuma", "Dmitri Volkov", "Thandiwe Ngubane", "Rahul Mehta", "Leilani Kahale",
    "Bartholomew Quigley", "Svetlana", "Kofi", "Nnamdi", "Haruto", "Wanjiru", "Anjali Deshpande",
    "Tariq Farouk", "Xiomara", "Zoltán Kovács", "Ayodele", "Imani", "Saoirse", "Obinna",
    "Lakshmi", "Emeka", "Anneliese Brökelmann", "Nkemelu",
]
# Names of the hand-written sentences that are counted as names to keep ("Sarah" and "Miller"
# do occur in the training data, a few dozen times; the rest never).
# Central European letters, an apostrophe, a given name the models know before a surname.
HANDWRITTEN_NAMES = NOVEL_NAMES + ["Sarah Miller", "Łukasz Nowak", "Žofia Dvořák", "Małgorzata", "O'Brien",
                                   "D'Angelo", "José García", "Anna Kowalska", "Maria Wójcik",
                                   # given names the models know, alone and after kinship ("Aunt Julia")
                                   "Paul", "Julia", "Rose", "Bob", "Claire", "Julie", "Eva", "Ingrid", "Karl"]
KNOWN_NAMES = ["Tom", "Mary", "John"]
NUMBER = re.compile(r"\d+(?:(?:[.,:/-]| ?h ?)\d+)*")
DIGITS = re.compile(r"\d+")
OTHER = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+[\w/]|\b\w+_\w+\b|\b\w+\.(?:json|txt|html|py|cpp)\b")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if "\t" in line]


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def check_novel(data):
    words = set(itertools.chain.from_iterable(n.split() for n in NOVEL_NAMES))
    found = set()
    for path in ["tatoeba/en-fr.train.tsv", "tatoeba/en-de.train.tsv", "multi30k/train.en",
                 "multi30k/train.fr", "multi30k/train.de", "dailydialog/dialogues_train.txt"]:
        with open(os.path.join(data, path), encoding="utf-8") as f:
            for token in re.findall(r"[\w-]+", f.read()):
                if token in words:
                    found.add(token)
    if found:
        sys.exit("error: these 'novel' names occur in the training data: " + ", ".join(sorted(found)))


def whole_word(name, text):
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text) is not None


def name_cases(data, source, target, sample):
    pair = "en-" + (target if source == "en" else source)
    rows = read_tsv(os.path.join(data, "tatoeba", pair + ".dev.tsv"))
    src_col = 0 if source == "en" else 1
    cases, seen, names = [], set(), itertools.cycle(NOVEL_NAMES)
    for row in rows:
        src, tgt = row[src_col], row[1 - src_col]
        for known in KNOWN_NAMES:
            if whole_word(known, src) and whole_word(known, tgt):
                if src in seen:
                    break
                seen.add(src)
                novel = next(names)
                pattern = r"(?<![\w-])" + known + r"(?![\w-])"
                sentence = re.sub(pattern, novel, src)
                if source == "fr" and novel[0] in "AEIOUÉ":
                    # French elides "de" and "que" before a vowel: "le livre d'Aisha".
                    sentence = re.sub(r"\b([Dd]e|[Qq]ue) (?=" + re.escape(novel) + ")",
                                      lambda m: m.group(1)[:-1] + "'", sentence)
                cases.append((sentence, [novel]))
                break
    if sample:
        cases = cases[:sample]
    for lang, sentence in handwritten():
        if lang == source:
            kept = [n for n in HANDWRITTEN_NAMES if whole_word(n, sentence)]
            if kept:
                cases.append((sentence, kept))
    return cases


def handwritten():
    rows = []
    with open(os.path.join(ROOT, "scripts", "data", "protected-sentences.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            rows.append(tuple(line.rstrip("\n").split("\t", 1)))
    return rows


def number_cases(data, source, target, sample):
    pair = "en-" + (target if source == "en" else source)
    src_col = 0 if source == "en" else 1
    sentences = list(dict.fromkeys(r[src_col] for r in read_tsv(os.path.join(data, "tatoeba", pair + ".dev.tsv"))))
    sentences += read_lines(os.path.join(data, "multi30k", "val." + source))
    cases = [(s, NUMBER.findall(s)) for s in sentences if NUMBER.search(s)]
    if sample:
        cases = cases[:sample]
    cases += [(s, NUMBER.findall(s)) for lang, s in handwritten() if lang == source and NUMBER.search(s)]
    return cases


def other_cases(source):
    return [(s, OTHER.findall(s)) for lang, s in handwritten() if lang == source and OTHER.search(s)]


def translate(cli, model, sentences, extra):
    out = subprocess.run([cli, "translate", "-m", model, "--no-language-check"] + extra,
                         input="\n".join(sentences) + "\n", capture_output=True, text=True)
    if out.returncode != 0 and "--no-language-check" in out.stderr:
        out = subprocess.run([cli, "translate", "-m", model] + extra,
                             input="\n".join(sentences) + "\n", capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("error: attentive-cli translate failed: " + out.stderr)
    lines = out.stdout.split("\n")[: len(sentences)]
    if len(lines) != len(sentences):
        sys.exit("error: %d translations for %d sentences" % (len(lines), len(sentences)))
    return lines


def kept(spans, translation, kind):
    if kind == "numbers":
        # A number is kept when its digit groups come through in order, one after the other:
        # the separators may be the target language's ("14h30" -> "14:30", "18.40 Uhr" ->
        # "18:40"), the digits, their grouping and their order not.
        found = DIGITS.findall(translation)
        def in_order(groups):
            return any(found[i:i + len(groups)] == groups for i in range(len(found) - len(groups) + 1))
        return all(in_order(DIGITS.findall(span)) for span in spans)
    if kind == "names":
        # German's genitive adds a bare "s" to the name as written ("Aishas Erwartungen").
        return all(re.search(r"(?<![\w-])" + re.escape(span) + r"s?(?![\w-])", translation) for span in spans)
    return all(span in translation for span in spans)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default=os.path.join(ROOT, "models"))
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "attentive-cli"))
    parser.add_argument("--directions", default="en-fr,fr-en,en-de,de-en")
    parser.add_argument("--sample", type=int, default=0, help="at most N dev cases of each kind")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("extra", nargs="*", help="flags passed to attentive-cli translate (after --)")
    args = parser.parse_args()
    check_novel(args.data)
    figures = {}
    for direction in args.directions.split(","):
        source, target = direction.split("-")
        model = os.path.join(args.models, direction)
        figures[direction] = {}
        for kind, cases in [("names", name_cases(args.data, source, target, args.sample)),
                            ("numbers", number_cases(args.data, source, target, args.sample)),
                            ("other", other_cases(source))]:
            outputs = translate(args.cli, model, [c[0] for c in cases], args.extra)
            good = 0
            for (sentence, spans), output in zip(cases, outputs):
                if kept(spans, output, kind):
                    good += 1
                elif args.show_failures:
                    print("%s %s: %s\n    -> %s   (expected %s)" % (direction, kind, sentence, output, spans))
            figures[direction][kind] = {"kept": good, "total": len(cases)}
    if args.json:
        print(json.dumps(figures))
        return
    print("| direction | names kept exactly | sentences with every number kept | e-mails, URLs, code kept |")
    print("|---|---:|---:|---:|")
    for direction, f in figures.items():
        cells = ["%d / %d (%.1f%%)" % (f[k]["kept"], f[k]["total"], 100.0 * f[k]["kept"] / max(1, f[k]["total"]))
                 for k in ("names", "numbers", "other")]
        print("| %s | %s |" % (direction, " | ".join(cells)))


if __name__ == "__main__":
    main()
