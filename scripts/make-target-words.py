#!/usr/bin/env python3
"""Writes a translation model's target_words.txt: every word its translations may use.

The model writes word pieces, and a piece that continues a word can make one that no one writes:
"aimeons", "impyyylogie", "unreable", "wasteing" (2-4% of the dev translations into French and
English held one). With this list the beam search (core/decoding/word_list_filter.h) sets aside a
piece that would begin a word no listed word begins, or end one that is not listed; words of the
source are allowed too (a name the model copies), and into French the agreement of a listed word
("séché" -> "séchées", "bouc" -> "boucs"). Translators into German have no list: German writes compounds and
inflected forms its training pairs never held ("gemeinsamer", "Geländemotorrads"), and with a
list of its words en-de wrote "gemeiner" for "gemeinsamer" and "Maler" for "pacifist".
The list is the words of the target side of the model's training pairs, lowercase, as the engine
reads words (runs of letters: "aujourd'hui" is "aujourd" and "hui"). `attentive-cli train` writes
the same file for a model it trains; this script writes it for a model trained before it did.

Usage: scripts/make-target-words.py MODEL_DIR [DATA_DIR]   (generated once per model, committed)
Reads the train splits named in the model's card; never dev or test.
"""
import os
import re

from train_splits import model_and_data, translation_pairs

LETTERS = re.compile(r"[^\W\d_]+")


def main():
    model, data, config = model_and_data(__doc__)
    if config["task"] != "translate":
        raise SystemExit("%s is not a translation model (a chat model's list is reply_words.txt)" % model)
    source, target = config["source_language"], config["target_language"]
    if target == "de":  # as attentive-cli train: no list into German (see above)
        raise SystemExit("%s translates into German, which gets no list" % model)
    words = set()
    for _, tgt in translation_pairs(data, source, target):
        words.update(LETTERS.findall(tgt.lower()))
    path = os.path.join(model, "target_words.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Every word a translation may use (with the words of its source), lowercase: the words\n")
        f.write("# of the target side of the train splits of Tatoeba and Multi30k (%s -> %s),\n" % (source, target))
        f.write("# written by scripts/make-target-words.py.\n")
        for word in sorted(words):
            f.write(word + "\n")
    print("%s: %d words" % (path, len(words)))


if __name__ == "__main__":
    main()
