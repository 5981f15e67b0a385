#!/usr/bin/python3
"""Self-checks of train/torch that need no engine: the teacher-forced forward pass (the one that
trains) gives the logits of step-by-step decoding (the one the engine runs) for every
architecture variant; safetensors files round-trip; the learning-rate factors are the C++
trainer's. Prints what failed and exits 1, or prints "ok"."""

import math
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "train", "torch"))

import torch  # noqa: E402

from attentive_torch import safetensors_io  # noqa: E402
from attentive_torch.model import Seq2Seq  # noqa: E402
from attentive_torch.schedule import rate_factor  # noqa: E402

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def config(**changes):
    c = {"format_version": 1, "task": "translate", "source_language": "en", "target_language": "fr",
         "source_vocab_size": 23, "target_vocab_size": 19, "embedding_size": 6, "encoder_layers": 2,
         "encoder_hidden_size": 5, "decoder_layers": 2, "decoder_hidden_size": 10, "attention": "general",
         "input_feeding": True, "pad_id": 0, "unk_id": 1, "bos_id": 2, "eos_id": 3}
    c.update(changes)
    return c


torch.set_num_threads(1)
variants = {
    "general, input feeding": config(),
    "dot, no input feeding": config(attention="dot", input_feeding=False),
    "mlp, input feeding, 1+3 layers": config(attention="mlp", encoder_layers=1, decoder_layers=3),
    "mlp, no input feeding": config(attention="mlp", input_feeding=False),
    "general, tied embeddings": config(embedding_size=10, tie_target_embeddings=True),
}
generator = torch.Generator().manual_seed(7)
for label, c in variants.items():
    model = Seq2Seq(c, dropout=0.0)
    model.init_weights(generator, scale=0.5)
    model.eval()
    sources = [[5, 6, 7, 8, 9], [10, 11], [12, 13, 14]]
    targets = [[2, 4, 5, 6], [2, 7, 0, 0], [2, 8, 9, 0]]  # BOS first, padded
    lengths = torch.tensor([len(s) for s in sources])
    source_ids = torch.zeros(3, 5, dtype=torch.long)
    for b, s in enumerate(sources):
        source_ids[b, :len(s)] = torch.tensor(s)
    with torch.no_grad():
        teacher = model(source_ids, lengths, torch.tensor(targets))  # [B, T, Vt]
        memory = model.encode(source_ids, lengths)
        state = model.initial_state(memory[3])
        worst = 0.0
        for t in range(4):
            logits, _, state = model.step(torch.tensor([row[t] for row in targets]), memory, state)
            worst = max(worst, float((logits - teacher[:, t]).abs().max()))
        # A sentence decoded alone equals the same sentence in a padded batch.
        alone = model.encode(source_ids[1:2, :2], lengths[1:2])
        worst_padding = float((alone[0][0] - memory[0][1, :2]).abs().max())
    check(worst < 1e-5, f"{label}: teacher-forced logits differ from step-by-step ones by {worst}")
    check(worst_padding < 1e-6, f"{label}: padding changes the encoder states by {worst_padding}")

    model.train()
    loss = model(source_ids, lengths, torch.tensor(targets)).logsumexp(-1).sum()
    loss.backward()
    missing = [n for n, p in model.named_weights().items() if p.grad is None or not torch.isfinite(p.grad).all()]
    check(not missing, f"{label}: no finite gradient for {missing[:3]}")

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "w.safetensors")
        safetensors_io.save(path, model.state_for_file())
        back = safetensors_io.load(path)
        check(all(torch.equal(back[n], t) for n, t in model.state_for_file().items()), f"{label}: F32 round trip")
        with open(path, "rb") as f:
            header_length = int.from_bytes(f.read(8), "little")
        check(header_length % 8 == 0, f"{label}: header not padded to 8 bytes")
        safetensors_io.save(path, model.state_for_file(), "BF16")
        back = safetensors_io.load(path)
        worst_bf16 = max(float((back[n] - t).abs().max()) for n, t in model.state_for_file().items())
        check(worst_bf16 <= 0.5 * 2 ** -8, f"{label}: BF16 round trip off by {worst_bf16}")

# The C++ trainer's rates (core/training/optimizer.cpp) for peak 1, warm-up 4.
inverse_sqrt = rate_factor("inverse-sqrt", 4)
check([round(inverse_sqrt(k), 6) for k in range(6)] == [0.25, 0.5, 0.75, 1.0, round(math.sqrt(4 / 5), 6),
                                                         round(math.sqrt(4 / 6), 6)], "inverse-sqrt schedule")
linear = rate_factor("linear", 4, total_steps=14)
check(abs(linear(13) - 0.05) < 1e-12 and abs(linear(8) - (0.05 + 0.95 * 0.5)) < 1e-12, "linear schedule")
cosine = rate_factor("cosine", 0, total_steps=10)
check(abs(cosine(4) - (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * 0.5)))) < 1e-12, "cosine schedule")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok")
