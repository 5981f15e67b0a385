#!/usr/bin/env python3
"""Scores a chat model's replies apart on the contexts the training dialogues already hold.

DailyDialog repeats dialogues across its splits, so some held-out contexts have their exact
message and reply among the reply memory's training pairs (models/chat-en/card.md). This reads
the lines `attentive-cli chat-eval --output FILE` writes (context, person's reply, model's reply)
and prints the corpus BLEU of `attentive-cli score` over the contexts whose (last turn, person's
reply) pair the memory holds ("seen"), over the others ("unseen"), and over all. Pairs compare
by their letters and digits only, in lower case.

Usage: scripts/measure-chat-overlap.py OUTPUT_TSV... [--model models/chat-en]
           [--cli build/app/attentive-cli]
"""
import argparse
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def key(text):
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("\u2019", "'"))


def memory_pairs(model):
    pairs = set()
    with open(os.path.join(model, "replies.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            message, reply = line.rstrip("\n").split("\t", 1)
            pairs.add((key(message), key(reply)))
    return pairs


def corpus_bleu(cli, hypotheses, references):
    with tempfile.TemporaryDirectory() as scratch:
        hyp, ref = os.path.join(scratch, "hyp"), os.path.join(scratch, "ref")
        for path, lines in ((hyp, hypotheses), (ref, references)):
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in lines))
        out = subprocess.run([cli, "score", "--hyp", hyp, "--ref", ref], capture_output=True, text=True,
                             check=True).stdout
    found = re.search(r"BLEU = ([0-9.]+)", out)
    if not found:
        raise SystemExit(f"error: no BLEU in the output of {cli} score: {out[:200]}")
    return float(found.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outputs", nargs="+")
    parser.add_argument("--model", default=os.path.join(ROOT, "models", "chat-en"))
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "attentive-cli"))
    args = parser.parse_args()
    pairs = memory_pairs(args.model)
    print("| output | contexts | seen | BLEU all | BLEU unseen | BLEU seen |")
    print("|---|---:|---:|---:|---:|---:|")
    for output in args.outputs:
        with open(output, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        seen = [(key(context.split("__eou__")[-1]), key(person)) in pairs for context, person, _ in rows]
        scores = []
        for keep in (lambda s: True, lambda s: not s, lambda s: s):
            chosen = [row for row, s in zip(rows, seen) if keep(s)]
            scores.append(corpus_bleu(args.cli, [r[2] for r in chosen], [r[1] for r in chosen]) if chosen else 0.0)
        print(f"| {output} | {len(rows)} | {sum(seen)} | {scores[0]:.2f} | {scores[1]:.2f} | {scores[2]:.2f} |")


if __name__ == "__main__":
    main()
