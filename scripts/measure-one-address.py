#!/usr/bin/env python3
"""Counts the texts whose German or French translation says both "you"s to its reader.

English "you" is "du" or "Sie", "tu" or "vous"; a translator that chose sentence by sentence
wrote "Hallo Tom, danke, dass du uns eingeladen hast! ... wenn Sie mich erreichen müssen.".
Each line of TEXTS ('#' lines are comments) is one English text of several sentences (a
message, an e-mail), translated whole by `attentive-cli translate`, one process a text.
A translation is "mixed" when it holds a familiar form and a formal one, told by the word
lists of core/text/address_forms.h (approximately: a German "Sie" that opens a sentence may be
"she", and counts as formal there too). Prints each translation with its address, then the
counts per model.

Usage: scripts/measure-one-address.py TEXTS [--models en-de,en-fr] [--cli build/app/attentive-cli]
           [--show]
"""
import argparse
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

GERMAN_FAMILIAR = r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure|euren|eurem|eurer|eures)\b"
GERMAN_FORMAL = r"\b(Sie|Ihnen|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b"
FRENCH_FAMILIAR = r"(\b(tu|te|toi|ton|ta|tes)\b|\bt['’])"
FRENCH_FORMAL = r"\b(vous|votre|vos)\b"


def address(text, language):
    """'familiar', 'formal', 'mixed' or 'none' (imperatives without a pronoun are not seen)."""
    if language == "de":
        familiar = re.search(GERMAN_FAMILIAR, text.lower())
        # "Ihr" first in a sentence is the familiar plural.
        formal = re.search(GERMAN_FORMAL, text) or re.search(r"[^.!?\s]\s+Ihr\b", text)
    else:
        lowered = text.lower().replace("rendez-vous", " ").replace("-t-", " ")
        familiar = re.search(FRENCH_FAMILIAR, lowered)
        formal = re.search(FRENCH_FORMAL, lowered)
    if familiar and formal:
        return "mixed"
    return "familiar" if familiar else "formal" if formal else "none"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts")
    parser.add_argument("--models", default="en-de,en-fr")
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "attentive-cli"))
    parser.add_argument("--show", action="store_true", help="print every translation")
    args = parser.parse_args()
    with open(args.texts, encoding="utf-8") as f:
        texts = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    for model in args.models.split(","):
        language = model.split("-")[1]
        # One process a text: the command line reads its input as one document, and a line
        # that opens formally ("Dear customer,") makes every line after it formal.
        translations = [
            subprocess.run([args.cli, "translate", "-m", os.path.join(ROOT, "models", model)], input=text + "\n",
                           capture_output=True, text=True, check=True).stdout.strip()
            for text in texts
        ]
        counts = {"familiar": 0, "formal": 0, "mixed": 0, "none": 0}
        for translation in translations:
            kind = address(translation, language)
            counts[kind] += 1
            if args.show or kind == "mixed":
                print(f"{model} {kind}: {translation}")
        print(f"{model}: {len(translations)} texts, {counts['mixed']} mixed, {counts['familiar']} familiar, "
              f"{counts['formal']} formal, {counts['none']} without a 'you'")


if __name__ == "__main__":
    main()
