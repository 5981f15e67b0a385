#!/usr/bin/env python3
"""Writes a translation model's lexicon.txt: for each source word, the target words it is
usually translated by, learned from the model's training pairs with IBM Model 1 (Brown et al.
1993; five rounds of expectation-maximisation over every word, with a NULL source word).

The "possibly untranslated" flag reads it (core/text/lexicon.h): a source word whose usual
translation is in the sentence's translation is not flagged, whatever its erasure effect says
(core/untranslated_words.h; figures in docs/attention.md).

Words are compared lowercased, as runs of letters and digits, split and lowercased exactly as
core/text/lexicon.cpp's word_keys() does (is_letter and to_lower of core/text/utf8.cpp): an
apostrophe or a hyphen separates two words. A line lists a source
word, then up to MAX_TRANSLATIONS target words with p(target | source) of at least
MIN_PROBABILITY, most likely first; source words seen fewer than MIN_COUNT times are left out.

Usage: scripts/make-lexicon.py MODEL_DIR [DATA_DIR]   (generated once per model, committed)
Reads the train splits named in the model's card (Tatoeba and Multi30k); never dev or test.
"""
import collections
import json
import os
import sys

ROUNDS = 5
MIN_PROBABILITY = 0.1
MAX_TRANSLATIONS = 5
MIN_COUNT = 2
NULL = 0


def is_letter(c):
    """core/text/utf8.cpp is_letter."""
    o = ord(c)
    if o < 0x80:
        return "a" <= c <= "z" or "A" <= c <= "Z"
    if o < 0xC0 or o in (0xD7, 0xF7) or 0x2000 <= o <= 0x2BFF or 0x3000 <= o <= 0x303F:
        return False
    return o != 0xFFFD


def to_lower(c):
    """core/text/utf8.cpp to_lower."""
    o = ord(c)
    upper = ("A" <= c <= "Z" or (0xC0 <= o <= 0xDE and o != 0xD7) or (0x100 <= o <= 0x17F and o % 2 == 0)
             or 0x391 <= o <= 0x3A9 or 0x400 <= o <= 0x42F)
    if not upper:
        return c
    if o < 0x80 or o <= 0xDE or 0x391 <= o <= 0x3A9 or o >= 0x410:
        return chr(o + 32)
    return chr(o + 1) if o < 0x180 else chr(o + 80)


def word_keys(text):
    """core/text/lexicon.cpp word_keys: lowercase runs of letters and digits."""
    keys, current = [], []
    for c in text:
        if is_letter(c) or "0" <= c <= "9":
            current.append(to_lower(c))
        elif current:
            keys.append("".join(current))
            current = []
    if current:
        keys.append("".join(current))
    return keys


def translation_pairs(data, source, target):
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


def ibm_model_1(pairs, rounds):
    """p(t | s) over word ids; source id NULL (0) is the empty word."""
    prob = collections.defaultdict(lambda: 1.0)
    for _ in range(rounds):
        count = collections.defaultdict(float)
        total = collections.defaultdict(float)
        for source, target in pairs:
            for t in target:
                z = sum(prob[(s, t)] for s in source)
                for s in source:
                    c = prob[(s, t)] / z
                    count[(s, t)] += c
                    total[s] += c
        prob = collections.defaultdict(float, {k: v / total[k[0]] for k, v in count.items()})
    return prob


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    model = sys.argv[1]
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
    with open(os.path.join(model, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    if config["task"] != "translate":
        sys.exit("%s is not a translation model: a lexicon needs translation pairs" % model)
    source, target = config["source_language"], config["target_language"]
    ids = {"": NULL}
    names = [""]
    seen = collections.Counter()

    def word_ids(text):
        out = []
        for word in dict.fromkeys(word_keys(text)):
            if word not in ids:
                ids[word] = len(names)
                names.append(word)
            out.append(ids[word])
        return out

    pairs = []
    for src, tgt in translation_pairs(data, source, target):
        s, t = word_ids(src), word_ids(tgt)
        seen.update(s)
        if s and t:
            pairs.append(([NULL] + s, t))
    prob = ibm_model_1(pairs, ROUNDS)
    translations = collections.defaultdict(list)
    for (s, t), p in prob.items():
        if s != NULL and p >= MIN_PROBABILITY and seen[s] >= MIN_COUNT:
            translations[s].append((-p, names[t]))
    path = os.path.join(model, "lexicon.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Source word, then the target words it is usually translated by (IBM Model 1 over the\n")
        f.write("# train splits of Tatoeba and Multi30k, %s -> %s). Generated by scripts/make-lexicon.py.\n"
                % (source, target))
        for s in sorted(translations, key=lambda i: names[i]):
            best = [word for _, word in sorted(translations[s])[:MAX_TRANSLATIONS]]
            f.write(names[s] + "\t" + " ".join(best) + "\n")
    print("%s: %d source words" % (path, len(translations)))


if __name__ == "__main__":
    main()
