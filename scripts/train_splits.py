"""The train splits the shipped models were trained on, as the scripts that derive model files
from them read them (make-known-words.py, make-lexicon.py). Never dev or test."""
import json
import os
import sys


def model_and_data(usage):
    """The model folder and data folder a script was given (the data folder defaults to
    ../shared/data beside the project), and the model's config.json; exits with `usage`."""
    if len(sys.argv) < 2:
        sys.exit(usage)
    model = sys.argv[1]
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
    with open(os.path.join(model, "config.json"), encoding="utf-8") as f:
        return model, data, json.load(f)


def translation_pairs(data, source, target):
    """(source sentence, target sentence) of Tatoeba's and Multi30k's train splits."""
    pair = "en-" + (target if source == "en" else source)
    column = 0 if source == "en" else 1
    with open(os.path.join(data, "tatoeba", pair + ".train.tsv"), encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 2:
                yield cells[column], cells[1 - column]
    with open(os.path.join(data, "multi30k", "train." + source), encoding="utf-8") as s, \
            open(os.path.join(data, "multi30k", "train." + target), encoding="utf-8") as t:
        for a, b in zip(s, t):
            yield a.strip(), b.strip()
