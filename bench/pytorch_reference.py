#!/usr/bin/python3
"""The Attentive model in PyTorch eager, for comparison: correctness against the engine and speed.

Builds the same Seq2Seq-with-attention model as core/ from a model folder's config.json and
model.safetensors (the safetensors header is parsed here: no packages beyond Debian's
python3-torch and numpy), then

  --check DUMP   compares greedy ids, attention and logits with the engine's, as written by
                 `attentive-cli bench ... --dump DUMP` (same random sources, EOS/PAD/BOS banned);
  (always)       times batch-1 greedy for 20 tokens (encoder included), beam 5 (one batched step
                 for the five beams) and batch-32 greedy, like `attentive-cli bench`,
  --training     times training steps instead, like `attentive-cli bench --training`: a batch of
                 64 random pairs of 15 source and 17 target tokens, the PyTorch trainer's module
                 (train/torch) with dropout 0.1, cross-entropy, backward, gradient clipping at 5
                 and Adam; target tokens per second over the median step (--bf16: under bf16
                 autocast, as train/torch/train.py --bf16 trains),

and prints JSON, including which BLAS torch was built with and which one is loaded.

Usage (Debian 12; OpenBLAS needs OPENBLAS_CORETYPE=SKYLAKEX on this CPU):
  apt-get install -y python3-torch libopenblas0-openmp
  attentive-cli bench --shape reference --write-model /tmp/ref --dump /tmp/ref/engine.json
  OPENBLAS_CORETYPE=SKYLAKEX /usr/bin/python3 bench/pytorch_reference.py -m /tmp/ref \\
      --check /tmp/ref/engine.json --threads 1

It is a benchmark, never needed by the test suite.
"""

import argparse
import json
import os
import statistics
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-m", "--model", required=True, help="model folder (config.json, model.safetensors)")
    parser.add_argument("--check", help="engine dump from 'attentive-cli bench --dump FILE'")
    parser.add_argument("--threads", type=int, default=0, help="0: torch's default")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--training", action="store_true", help="time training steps instead")
    parser.add_argument("--bf16", action="store_true", help="with --training: bf16 autocast")
    return parser.parse_args()


ARGS = parse_args()
if ARGS.threads > 0:
    # Before torch loads, so that OpenMP (torch's and OpenBLAS's) starts with this many threads.
    os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(ARGS.threads))

import numpy as np  # noqa: E402
import torch  # noqa: E402

# The safetensors reader of the PyTorch trainer (train/torch), which writes these files too.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train", "torch"))
from attentive_torch.safetensors_io import load as load_safetensors  # noqa: E402


class Seq2Seq:
    """Bi-LSTM encoder, bridge, LSTM decoder with Luong attention and input feeding."""

    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
            self.config = c = json.load(f)
        w = load_safetensors(os.path.join(model_dir, c.get("weights_file", "model.safetensors")))
        self.E, self.He, self.Hd = c["embedding_size"], c["encoder_hidden_size"], c["decoder_hidden_size"]
        self.attention_type = c["attention"]
        self.input_feeding = c.get("input_feeding", True)
        self.banned = [c.get("eos_id", 3), c.get("pad_id", 0), c.get("bos_id", 2)]
        self.bos = c.get("bos_id", 2)
        self.src_embedding = w["encoder.embedding"]
        self.tgt_embedding = w["decoder.embedding"]

        # PyTorch's LSTM has two biases (input and hidden); ours is one: the hidden one is zero.
        self.encoder = torch.nn.LSTM(self.E, self.He, num_layers=c["encoder_layers"], bidirectional=True)
        for l in range(c["encoder_layers"]):
            for direction, suffix in (("forward", ""), ("backward", "_reverse")):
                p = f"encoder.layers.{l}.{direction}."
                getattr(self.encoder, f"weight_ih_l{l}{suffix}").data.copy_(w[p + "weight_input"])
                getattr(self.encoder, f"weight_hh_l{l}{suffix}").data.copy_(w[p + "weight_hidden"])
                getattr(self.encoder, f"bias_ih_l{l}{suffix}").data.copy_(w[p + "bias"])
                getattr(self.encoder, f"bias_hh_l{l}{suffix}").data.zero_()
        decoder_input = self.E + (self.Hd if self.input_feeding else 0)
        self.decoder = torch.nn.LSTM(decoder_input, self.Hd, num_layers=c["decoder_layers"])
        for l in range(c["decoder_layers"]):
            p = f"decoder.layers.{l}."
            getattr(self.decoder, f"weight_ih_l{l}").data.copy_(w[p + "weight_input"])
            getattr(self.decoder, f"weight_hh_l{l}").data.copy_(w[p + "weight_hidden"])
            getattr(self.decoder, f"bias_ih_l{l}").data.copy_(w[p + "bias"])
            getattr(self.decoder, f"bias_hh_l{l}").data.zero_()
        self.bridges = [(w[f"bridge.{l}.weight"], w[f"bridge.{l}.bias"]) for l in range(c["decoder_layers"])]
        self.attention = {k[len("attention."):]: v for k, v in w.items() if k.startswith("attention.")}
        self.generator_weight = self.tgt_embedding if c.get("tie_target_embeddings") else w["generator.weight"]
        self.generator_bias = w["generator.bias"]

    def encode(self, sources):
        """sources: list of id lists -> (states [B,S,2He], mask [B,S], keys, final [B,2He])."""
        lengths = torch.tensor([len(s) for s in sources])
        S = int(lengths.max())
        ids = torch.zeros(S, len(sources), dtype=torch.long)
        for b, s in enumerate(sources):
            ids[:len(s), b] = torch.tensor(s)
        x = torch.nn.functional.embedding(ids, self.src_embedding)  # [S, B, E]
        if bool((lengths == S).all()):
            out, (h_n, _) = self.encoder(x)
        else:
            packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, enforce_sorted=False)
            out, (h_n, _) = self.encoder(packed)
            out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, total_length=S)
        states = out.transpose(0, 1).contiguous()  # [B, S, 2He]
        final = torch.cat([h_n[-2], h_n[-1]], dim=1)  # top layer: forward at len-1, backward at 0
        mask = torch.arange(S)[None, :] < lengths[:, None]
        if self.attention_type == "general":
            keys = states @ self.attention["weight"].t()  # [B, S, Hd]
        elif self.attention_type == "mlp":
            keys = states @ self.attention["key_weight"].t() + self.attention["bias"]
        else:
            keys = states
        return states, mask, keys, final

    def initial_state(self, final):
        h = torch.stack([torch.tanh(final @ wb.t() + bb) for wb, bb in self.bridges])  # [M, B, Hd]
        return h, torch.zeros_like(h), torch.zeros(final.shape[0], self.Hd)

    def step(self, ids, memory, state):
        """One decoder step for rows `ids` ([R]); memory rows must match. -> logits, attention, state."""
        states, mask, keys, _ = memory
        h, c, feed = state
        x = torch.nn.functional.embedding(ids, self.tgt_embedding)
        if self.input_feeding:
            x = torch.cat([x, feed], dim=1)
        out, (h, c) = self.decoder(x[None], (h, c))
        top = out[0]  # [R, Hd]
        if self.attention_type == "mlp":
            q = top @ self.attention["query_weight"].t()
            scores = torch.tanh(keys + q[:, None, :]) @ self.attention["v"]
        else:
            scores = torch.bmm(keys, top[:, :, None])[:, :, 0]
        scores = scores.masked_fill(~mask, float("-inf"))
        alpha = torch.softmax(scores, dim=1)
        context = torch.bmm(alpha[:, None, :], states)[:, 0]
        feed = torch.tanh(torch.cat([context, top], dim=1) @ self.attention["output_weight"].t())
        logits = torch.addmm(self.generator_bias, feed, self.generator_weight.t())
        return logits, alpha, (h, c, feed)

    def greedy(self, sources, tokens, record=False):
        memory = self.encode(sources)
        state = self.initial_state(memory[3])
        ids = torch.full((len(sources),), self.bos, dtype=torch.long)
        steps = []
        for _ in range(tokens):
            logits, alpha, state = self.step(ids, memory, state)
            masked = logits.clone()
            masked[:, self.banned] = float("-inf")
            ids = masked.argmax(dim=1)
            if record:
                steps.append((ids.clone(), alpha.clone(), logits.clone()))
        return steps

    def beam(self, source, beam_size, tokens):
        """Batched beam search for one sentence: the beams share each step. EOS is banned as in
        the engine's benchmark, so every hypothesis runs `tokens` steps."""
        states, mask, keys, final = self.encode([source])
        memory = tuple(t.expand(beam_size, *t.shape[1:]) for t in (states, mask, keys, final))
        h, c, feed = self.initial_state(memory[3])
        state = (h.contiguous(), c.contiguous(), feed)
        ids = torch.full((beam_size,), self.bos, dtype=torch.long)
        scores = torch.full((beam_size,), float("-inf"))
        scores[0] = 0.0  # all beams start identical: keep one
        V = self.generator_bias.shape[0]
        for _ in range(tokens):
            logits, _, (h, c, feed) = self.step(ids, memory, state)
            log_probs = torch.log_softmax(logits, dim=1)
            log_probs[:, self.banned] = float("-inf")
            total = (scores[:, None] + log_probs).view(-1)
            scores, flat = total.topk(beam_size)
            parents = torch.div(flat, V, rounding_mode="floor")
            ids = flat % V
            state = (h[:, parents], c[:, parents], feed[parents])
        return scores


def compare(model, dump_path):
    with open(dump_path, encoding="utf-8") as f:
        dump = json.load(f)
    sentences = dump["sentences"]
    sources = [s["source_ids"] for s in sentences]
    tokens = len(sentences[0]["target_ids"])
    with torch.inference_mode():
        steps = model.greedy(sources, tokens, record=True)
    report = {"engine_precision": dump.get("precision"), "sentences": len(sources), "tokens": tokens,
              "same_ids": 0, "max_attention_diff": 0.0, "max_logit_diff": 0.0, "max_abs_logit": 0.0}
    for b, sentence in enumerate(sentences):
        ours = [int(step[0][b]) for step in steps]
        same = ours == sentence["target_ids"]
        report["same_ids"] += same
        # Compare only while both decoded the same prefix: after a flip the inputs differ.
        agree = len(ours) if same else next(t for t in range(len(ours)) if ours[t] != sentence["target_ids"][t]) + 1
        for t in range(agree):
            alpha = steps[t][1][b, :len(sources[b])].numpy()
            logits = steps[t][2][b].numpy()
            report["max_attention_diff"] = max(report["max_attention_diff"],
                                               float(np.abs(alpha - np.array(sentence["attention"][t])).max()))
            report["max_logit_diff"] = max(report["max_logit_diff"],
                                           float(np.abs(logits - np.array(sentence["logits"][t])).max()))
            report["max_abs_logit"] = max(report["max_abs_logit"], float(np.abs(logits).max()))
    # f32 must agree token for token; a reduced precision may break a near-tie of a random
    # model the other way, so only its numbers (up to the first flip) are held to a tolerance.
    f32 = dump.get("precision", "f32") == "f32"
    tolerance = 1e-3 if f32 else 5e-2
    report["tolerance"] = tolerance
    report["match"] = ((report["same_ids"] == len(sources) or not f32) and report["max_attention_diff"] < tolerance
                       and report["max_logit_diff"] < tolerance)
    return report


def median_ms(repeats, run):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def blas_in_use():
    """The BLAS shared library actually mapped into this process (Debian switches it with
    update-alternatives, so the build configuration alone does not say)."""
    found = set()
    with open("/proc/self/maps", encoding="utf-8") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = os.path.basename(path)
            if "blas" in name or "mkl" in name or "lapack" in name:
                found.add(os.path.realpath(path))
    return sorted(found)


def training_figures():
    """Training steps as `attentive-cli bench --training` times them (see the module's docstring)."""
    from attentive_torch.model import Seq2Seq as TrainableSeq2Seq
    model = TrainableSeq2Seq.from_folder(ARGS.model, dropout=0.1)
    model.train()
    c = model.config
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, eps=1e-9)
    generator = torch.Generator().manual_seed(42)
    batch, source_length, target_length = 64, 15, 17
    sources = torch.randint(4, c["source_vocab_size"], (batch, source_length), generator=generator)
    lengths = torch.full((batch,), source_length, dtype=torch.long)
    words = torch.randint(4, c["target_vocab_size"], (batch, target_length - 1), generator=generator)
    target_input = torch.cat([torch.full((batch, 1), c["bos_id"]), words], dim=1)
    target_output = torch.cat([words, torch.full((batch, 1), c["eos_id"])], dim=1)

    def step():
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=ARGS.bf16):
            logits = model(sources, lengths, target_input)
        loss = torch.nn.functional.cross_entropy(logits.float().reshape(-1, logits.shape[-1]),
                                                 target_output.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()

    step()  # warm-up
    ms = median_ms(ARGS.repeats, step)
    return {"training_batch": batch, "training_step_ms": ms, "bf16_autocast": ARGS.bf16,
            "training_target_tokens_per_s": batch * target_length * 1000.0 / ms}


def main():
    model = Seq2Seq(ARGS.model)
    if ARGS.threads > 0:
        torch.set_num_threads(ARGS.threads)
    config_text = torch.__config__.show()
    blas_line = next((field.strip() for field in config_text.replace("\n", ",").split(",")
                      if field.strip().startswith("BLAS_INFO")), "")
    out = {
        "model": ARGS.model,
        "parameters": sum(t.numel() for t in load_safetensors(
            os.path.join(ARGS.model, model.config.get("weights_file", "model.safetensors"))).values()),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas_build": blas_line,
        "blas_loaded": blas_in_use(),
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", ""),
    }
    if ARGS.check:
        out["check"] = compare(model, ARGS.check)
    if ARGS.training:
        out.update(training_figures())
    elif not ARGS.no_timing:
        generator = torch.Generator().manual_seed(42)
        V = model.src_embedding.shape[0]

        def sources(batch):
            return torch.randint(4, V, (batch, 15), generator=generator).tolist()

        with torch.inference_mode():
            model.greedy(sources(1), 20)  # warm-up
            model.beam(sources(1)[0], 5, 20)
            greedy = median_ms(ARGS.repeats, lambda: model.greedy(sources(1), 20))
            beam = median_ms(ARGS.repeats, lambda: model.beam(sources(1)[0], 5, 20))
            batch32 = median_ms(max(1, ARGS.repeats // 2), lambda: model.greedy(sources(32), 20))
        out.update({
            "source_tokens": 15,
            "generated_tokens": 20,
            "greedy_batch1_ms": greedy,
            "greedy_batch1_ms_per_token": greedy / 20.0,
            "beam5_batch1_ms": beam,
            "beam5_over_greedy": beam / greedy,
            "greedy_batch32_sentences_per_s": 32.0 * 1000.0 / batch32,
            "repeats": ARGS.repeats,
        })
    print(json.dumps(out, indent=2))
    if ARGS.check and not out["check"]["match"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
