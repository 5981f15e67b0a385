#!/usr/bin/env python3
"""Writes each line of standard input with its words in reverse order (split at whitespace,
joined by single spaces): the targets of a right-to-left model, as the engine reads them
(core/text/word_order.h, reversed_words). With --tsv-column N, a tab-separated file's column N is
reversed and the others kept.

  scripts/reverse-words.py < train.en > train.en.rev
  scripts/reverse-words.py --tsv-column 0 < en-de.train.tsv > en-de.train.rev.tsv
"""
import argparse
import re
import sys


def reversed_words(text):
    # Spaces, tabs and line ends only, as the engine splits (not Python's wider str.split()).
    return " ".join(reversed([word for word in re.split(r"[ \t\r\n]+", text) if word]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tsv-column", type=int, help="reverse this column of tab-separated lines")
    args = parser.parse_args()
    for line in sys.stdin:
        line = line.rstrip("\n")
        if args.tsv_column is None:
            print(reversed_words(line))
            continue
        columns = line.split("\t")
        if args.tsv_column < len(columns):
            columns[args.tsv_column] = reversed_words(columns[args.tsv_column])
        print("\t".join(columns))


if __name__ == "__main__":
    main()
