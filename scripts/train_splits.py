"""The train splits the shipped translators were trained on, as the scripts that derive files
from them read them (make-known-words.py, make-lexicon.py). Never dev or test."""
import os


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
