#!/usr/bin/python3
"""Checks that the engine and the PyTorch module compute the same model: greedy ids equal and
logits within a tolerance, on the engine's own dump of a model folder.

  attentive-cli bench -m DIR --precision f32 --dump engine.json
  /usr/bin/python3 train/torch/compare.py -m DIR --dump engine.json [--tolerance 1e-4]

The dump holds a few random sources (lengths 15, 7, 11, 1) decoded greedily for 20 steps with
EOS, PAD and BOS banned, and every step's logits. With --sentences and --engine-json, text goes
through both sides' SentencePiece models too:

  attentive-cli translate -m DIR --greedy --json < sentences.txt > engine.jsonl
  compare.py -m DIR --dump engine.json --sentences sentences.txt --engine-json engine.jsonl

Prints a JSON report; exits 1 on a mismatch."""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from attentive_torch.model import Seq2Seq  # noqa: E402


def compare(model, dump, tolerance):
    sentences = dump["sentences"]
    sources = [s["source_ids"] for s in sentences]
    tokens = len(sentences[0]["target_ids"])
    c = model.config
    model.eval()
    steps = model.greedy(sources, tokens, banned=(c["eos_id"], c["pad_id"], c["bos_id"]))
    report = {"sentences": len(sources), "tokens": tokens, "same_ids": 0, "max_logit_diff": 0.0,
              "max_attention_diff": 0.0, "max_abs_logit": 0.0, "tolerance": tolerance}
    for b, sentence in enumerate(sentences):
        ours = [int(step[0][b]) for step in steps]
        report["same_ids"] += ours == sentence["target_ids"]
        # Logits are compared up to the first differing id (after it, the inputs differ).
        agree = next((t + 1 for t in range(tokens) if ours[t] != sentence["target_ids"][t]), tokens)
        for t in range(agree):
            logits = steps[t][2][b].double()
            engine = torch.tensor(sentence["logits"][t], dtype=torch.float64)
            alpha = steps[t][1][b, :len(sources[b])].double()
            report["max_logit_diff"] = max(report["max_logit_diff"], float((logits - engine).abs().max()))
            report["max_attention_diff"] = max(report["max_attention_diff"], float(
                (alpha - torch.tensor(sentence["attention"][t], dtype=torch.float64)).abs().max()))
            report["max_abs_logit"] = max(report["max_abs_logit"], float(logits.abs().max()))
    report["match"] = (report["same_ids"] == len(sources) and report["max_logit_diff"] <= tolerance
                       and report["max_attention_diff"] <= tolerance)
    return report


def compare_sentences(model, model_dir, sentences_file, engine_json):
    """Greedy translations of text, as the engine's Translator makes them (PAD, BOS, UNK and SEP
    banned, EOS ends, length limit ceil(ratio * source) + extra, capped)."""
    import math

    from attentive_torch.data import load_sentencepiece

    c = model.config
    source_spm = load_sentencepiece(os.path.join(model_dir, c.get("source_tokenizer", "source.spm")))
    decoding = c.get("decoding", {})
    ratio = decoding.get("max_length_ratio", 2.0)
    extra, cap = decoding.get("max_length_extra", 10), decoding.get("max_length", 256)
    banned = [c["pad_id"], c["bos_id"], c["unk_id"]] + ([c["sep_id"]] if c.get("sep_id", -1) >= 0 else [])
    with open(sentences_file, encoding="utf-8") as f:
        sentences = [line.rstrip("\n") for line in f if line.strip()]
    with open(engine_json, encoding="utf-8") as f:
        engine = [json.loads(line)["hypotheses"][0]["target_ids"] for line in f if line.strip()]
    if len(engine) != len(sentences):
        raise SystemExit(f"error: {len(sentences)} sentences but {len(engine)} engine results")
    same = 0
    for sentence, expected in zip(sentences, engine):
        source = source_spm.encode(sentence)
        limit = min(math.ceil(ratio * len(source)) + extra, cap)
        ids = []
        for step in model.greedy([source], limit, banned=banned, stop_at_eos=True):
            token = int(step[0][0])
            if token == c["eos_id"]:
                break
            ids.append(token)
        same += ids == expected
    return {"sentences": len(sentences), "same_ids": same, "match": same == len(sentences)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-m", "--model", required=True)
    parser.add_argument("--dump", required=True, help="from 'attentive-cli bench -m DIR --precision f32 --dump FILE'")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--sentences", help="text, one sentence a line")
    parser.add_argument("--engine-json", help="attentive-cli translate --greedy --json output for --sentences")
    args = parser.parse_args()
    torch.set_num_threads(1)
    with open(args.dump, encoding="utf-8") as f:
        dump = json.load(f)
    if dump.get("precision", "f32") != "f32":
        print(f"error: the dump was made in {dump.get('precision')}; compare an f32 dump", file=sys.stderr)
        return 2
    model = Seq2Seq.from_folder(args.model)
    report = compare(model, dump, args.tolerance)
    if args.sentences:
        report["text"] = compare_sentences(model, args.model, args.sentences, args.engine_json)
        report["match"] = report["match"] and report["text"]["match"]
    print(json.dumps(report, indent=2))
    return 0 if report["match"] else 1


if __name__ == "__main__":
    sys.exit(main())
