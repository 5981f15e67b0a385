#!/usr/bin/python3
"""Trains an Attentive model in PyTorch, on one CPU or GPU or many (torch.distributed
DistributedDataParallel, launched with torchrun), and writes a model folder that attentive-cli
and the app load as they are. Starts from scratch or from a model folder (--from, fine-tuning).

  one process:   /usr/bin/python3 train/torch/train.py --out my-model --tsv pairs.tsv ...
  two CPUs:      torchrun --nproc_per_node 2 train/torch/train.py --out my-model ...   (gloo)
  GPUs:          torchrun --nproc_per_node 8 train/torch/train.py --device cuda ...   (NCCL)

The options mirror `attentive-cli train` (see --help); docs/training-at-scale.md has the rest."""

import argparse
import datetime
import hashlib
import json
import math
import os
import re
import shlex
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def _choose_openblas_kernels():
    """Debian's torch does its CPU matrix products in OpenBLAS 0.3.21, which does not recognise
    newer AVX-512 CPUs (AMD Zen 4, for one) and falls back to slow generic kernels; name the
    Skylake-X ones for a CPU that has their instructions. Must run before torch loads."""
    if "OPENBLAS_CORETYPE" in os.environ:
        return
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return
    if {"avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"} <= set(flags):
        os.environ["OPENBLAS_CORETYPE"] = "SKYLAKEX"


_choose_openblas_kernels()

import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from attentive_torch import data, model_folder  # noqa: E402
from attentive_torch.model import Seq2Seq, load_config  # noqa: E402
from attentive_torch.schedule import SCHEDULES, rate_factor  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--out", required=True, help="model folder to write")
    d = p.add_argument_group("data (each may be repeated)")
    d.add_argument("--tsv", action="append", default=[], help="tab-separated pairs")
    d.add_argument("--columns", default="0,1", help="source,target columns of every --tsv")
    d.add_argument("--src", action="append", default=[], help="source side of line-aligned files")
    d.add_argument("--tgt", action="append", default=[], help="target side, one per --src")
    d.add_argument("--dialogues", action="append", default=[], help="DailyDialog layout (--task chat)")
    d.add_argument("--dev-tsv", action="append", default=[])
    d.add_argument("--dev-src", action="append", default=[])
    d.add_argument("--dev-tgt", action="append", default=[])
    d.add_argument("--dev-dialogues", action="append", default=[])
    m = p.add_argument_group("model (ignored with --from, which brings its own)")
    m.add_argument("--from", dest="start_from",
                   help="fine-tune this model folder (its config, weights and vocabularies)")
    m.add_argument("--task", choices=("translate", "chat"), default="translate")
    m.add_argument("--source-lang", default="en")
    m.add_argument("--target-lang")
    m.add_argument("--source-spm", help="an existing SentencePiece model for the source (else one is trained)")
    m.add_argument("--target-spm", help="an existing SentencePiece model for the target")
    m.add_argument("--vocab-size", type=int, default=8000)
    m.add_argument("--vocab-type", choices=("unigram", "bpe"), default="unigram")
    m.add_argument("--joint-vocab", action="store_true")
    m.add_argument("--embedding", type=int, default=256)
    m.add_argument("--encoder-layers", type=int, default=2)
    m.add_argument("--encoder-hidden", type=int, default=256, help="per direction")
    m.add_argument("--decoder-layers", type=int, default=2)
    m.add_argument("--decoder-hidden", type=int, default=512)
    m.add_argument("--attention", choices=("general", "dot", "mlp"), default="general")
    m.add_argument("--no-input-feeding", action="store_true")
    m.add_argument("--tie-embeddings", action="store_true")
    m.add_argument("--context-turns", type=int, default=2)
    t = p.add_argument_group("training")
    t.add_argument("--dropout", type=float, default=0.2)
    t.add_argument("--label-smoothing", type=float, default=0.1)
    t.add_argument("--batch-tokens", type=int, default=2048, help="per process")
    t.add_argument("--lr", type=float, default=1e-3)
    t.add_argument("--warmup", type=int, default=1000)
    t.add_argument("--schedule", choices=SCHEDULES, default="inverse-sqrt")
    t.add_argument("--beta2", type=float, default=0.999)
    t.add_argument("--clip", type=float, default=5.0)
    t.add_argument("--max-pieces", type=int, default=100)
    t.add_argument("--max-chars", type=int, default=400)
    t.add_argument("--max-ratio", type=float, default=3.0)
    t.add_argument("--max-steps", type=int, default=0, help="0: no limit")
    t.add_argument("--max-minutes", type=float, default=0.0)
    t.add_argument("--max-epochs", type=int, default=0)
    t.add_argument("--valid-every", type=int, default=1000)
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--threads", type=int, default=0, help="CPU threads per process (0: torch's default)")
    t.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    t.add_argument("--bf16", action="store_true", help="bf16 autocast (GPUs with bf16)")
    t.add_argument("--save-dtype", choices=("f32", "f16", "bf16"), default="f32")
    t.add_argument("--checkpoint-every", type=int, default=1000,
                   help="steps between checkpoints in OUT/checkpoint (0: only at the end)")
    t.add_argument("--resume", action="store_true",
                   help="continue from OUT/checkpoint (same data and options)")
    t.add_argument("--report", help="write a JSON report per rank to REPORT.rank<N>.json (losses, weights digest)")
    t.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    if args.resume:
        if args.start_from:
            p.error("--resume continues OUT/checkpoint; it cannot be combined with --from")
        if not os.path.exists(os.path.join(args.out, "checkpoint", "trainer.pt")):
            p.error(f"--resume: '{args.out}/checkpoint' holds no checkpoint (trainer.pt)")
        args.start_from = os.path.join(args.out, "checkpoint")
    if len(args.src) != len(args.tgt):
        p.error("each --src needs a matching --tgt")
    if len(args.dev_src) != len(args.dev_tgt):
        p.error("each --dev-src needs a matching --dev-tgt")
    if not (args.tsv or args.src or args.dialogues):
        p.error("no training data: give --tsv FILE, --src FILE --tgt FILE or --dialogues FILE")
    if args.schedule in ("linear", "cosine") and args.max_steps <= 0:
        p.error("--schedule linear/cosine needs --max-steps")
    if not 0 <= args.dropout < 1 or not 0 <= args.label_smoothing < 1:
        p.error("--dropout and --label-smoothing must be in [0, 1)")
    try:
        args.columns = tuple(int(x) for x in args.columns.split(","))
        assert len(args.columns) == 2 and args.columns[0] != args.columns[1] and min(args.columns) >= 0
    except (ValueError, AssertionError):
        p.error(f"--columns expects two different column numbers like 0,1, got '{args.columns}'")
    return args


class Run:
    def __init__(self, args):
        self.args = args
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        use_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
        if use_cuda:
            torch.cuda.set_device(self.local_rank)
            self.device = torch.device("cuda", self.local_rank)
        else:
            self.device = torch.device("cpu")
        if args.threads > 0:
            torch.set_num_threads(args.threads)
        if self.world > 1:
            dist.init_process_group("nccl" if use_cuda else "gloo", timeout=datetime.timedelta(minutes=30))
        self.started = time.time()

    def log(self, message):
        if self.rank == 0:
            print(message, file=sys.stderr, flush=True)

    def barrier(self):
        if self.world > 1:
            dist.barrier()

    # ---- data and vocabularies ---------------------------------------------------------------

    def read(self, prefix):
        a = self.args
        pairs, reports = [], []
        dev = prefix == "dev_"
        common = dict(context_turns=self.context_turns, max_chars=100000 if dev else a.max_chars,
                      max_ratio=a.max_ratio, check_ratio=not dev)
        for path in getattr(a, prefix + "tsv"):
            got, report = data.read_source("tsv", path, columns=a.columns, **common)
            pairs += got
            reports.append((path, report))
        for source, target in zip(getattr(a, prefix + "src"), getattr(a, prefix + "tgt")):
            got, report = data.read_source("parallel", source, target, **common)
            pairs += got
            reports.append((source, report))
        for path in getattr(a, prefix + "dialogues"):
            got, report = data.read_source("dialogues", path, **common)
            pairs += got
            reports.append((path, report))
        for _, report in reports:
            self.log(("dev " if dev else "train ") + report.summary())
        return pairs, reports

    def prepare(self):
        a = self.args
        os.makedirs(a.out, exist_ok=True)
        if a.start_from:
            self.config = load_config(a.start_from)
            self.config["name"] = os.path.basename(os.path.abspath(a.out))
            self.context_turns = self.config.get("chat_context_turns", 2)
        else:
            self.context_turns = a.context_turns
        self.train_text, self.train_reports = self.read("")
        self.dev_text, _ = self.read("dev_")
        if not self.train_text:
            raise SystemExit("error: no training pairs left after reading and cleaning the data")
        if a.task == "chat" and self.rank == 0:
            self.write_reply_words()
            self.write_reply_memory()

        self.source_spm_file = os.path.join(a.out, "source.spm")
        self.target_spm_file = os.path.join(a.out, "target.spm")
        if a.start_from:
            self.source_spm_file = os.path.join(a.start_from, self.config.get("source_tokenizer", "source.spm"))
            self.target_spm_file = os.path.join(a.start_from, self.config.get("target_tokenizer", "target.spm"))
            self.vocabulary_note = f"the vocabularies of {a.start_from}"
        elif a.source_spm or a.target_spm:
            if not (a.source_spm and a.target_spm):
                raise SystemExit("error: give both --source-spm and --target-spm")
            self.source_spm_file, self.target_spm_file = a.source_spm, a.target_spm
            self.vocabulary_note = f"given SentencePiece models {a.source_spm}, {a.target_spm}"
        else:
            if self.rank == 0:
                started = time.time()
                symbols = [data.SEPARATOR_PIECE] if a.task == "chat" else []
                sources = [s for s, _ in self.train_text]
                targets = [t for _, t in self.train_text]
                if a.joint_vocab:
                    data.train_sentencepiece(sources + targets, self.source_spm_file, a.vocab_size, a.vocab_type,
                                             symbols)
                    with open(self.source_spm_file, "rb") as f, open(self.target_spm_file, "wb") as g:
                        g.write(f.read())
                else:
                    data.train_sentencepiece(sources, self.source_spm_file, a.vocab_size, a.vocab_type, symbols)
                    data.train_sentencepiece(targets, self.target_spm_file, a.vocab_size, a.vocab_type)
                self.log(f"vocabulary: {'joint' if a.joint_vocab else 'separate'} {a.vocab_type} SentencePiece, "
                         f"{a.vocab_size} pieces, trained in {time.time() - started:.1f} s")
            self.vocabulary_note = (f"{'joint' if a.joint_vocab else 'separate'} {a.vocab_type} SentencePiece, "
                                    f"{a.vocab_size} pieces")
            self.barrier()
        self.source_spm = data.load_sentencepiece(self.source_spm_file)
        self.target_spm = data.load_sentencepiece(self.target_spm_file)
        for spm, path in ((self.source_spm, self.source_spm_file), (self.target_spm, self.target_spm_file)):
            ids = (spm.pad_id(), spm.unk_id(), spm.bos_id(), spm.eos_id())
            source_ids = (self.source_spm.pad_id(), self.source_spm.unk_id(), self.source_spm.bos_id(),
                          self.source_spm.eos_id())
            if min(ids) < 0 or (not a.start_from and ids != source_ids):
                raise SystemExit(f"error: {path} has pad/unk/bos/eos ids {ids}; the engine needs all four, the same "
                                 "on both sides (attentive-cli train uses 0, 1, 2, 3)")

        if not a.start_from:
            architecture = {
                "embedding_size": a.embedding, "encoder_layers": a.encoder_layers,
                "encoder_hidden_size": a.encoder_hidden, "decoder_layers": a.decoder_layers,
                "decoder_hidden_size": a.decoder_hidden, "attention": a.attention,
                "input_feeding": not a.no_input_feeding, "tie_target_embeddings": a.tie_embeddings,
                "dropout": a.dropout, "chat_context_turns": a.context_turns}
            target_language = a.target_lang or (a.source_lang if a.task == "chat" else "fr")
            self.config = model_folder.new_config(os.path.basename(os.path.abspath(a.out)), a.task, a.source_lang,
                                                  target_language, self.source_spm, self.target_spm, architecture)
        for key, spm, side in (("source_vocab_size", self.source_spm, "source"),
                               ("target_vocab_size", self.target_spm, "target")):
            if spm.get_piece_size() != self.config[key]:
                raise SystemExit(f"error: the {side} SentencePiece model has {spm.get_piece_size()} pieces, "
                                 f"config.json says {key} {self.config[key]}")
        self.train = data.encode_pairs(self.train_text, self.source_spm, self.target_spm, a.max_pieces)
        self.dev = data.encode_pairs(self.dev_text, self.source_spm, self.target_spm, 100000)
        self.log(f"{len(self.train)} training pairs after encoding (at most {a.max_pieces} pieces a side); "
                 f"{len(self.dev)} dev pairs")

    # ---- training ----------------------------------------------------------------------------

    def build(self):
        a = self.args
        self.model = Seq2Seq(self.config, dropout=a.dropout)
        if a.start_from:
            from attentive_torch import safetensors_io
            weights = os.path.join(a.start_from, self.config.get("weights_file", "model.safetensors"))
            self.model.load_weights(safetensors_io.load(weights), weights)
        else:
            self.model.init_weights(torch.Generator().manual_seed(a.seed))
        self.model.to(self.device)
        self.ddp = self.model
        if self.world > 1:
            devices = [self.local_rank] if self.device.type == "cuda" else None
            self.ddp = torch.nn.parallel.DistributedDataParallel(self.model, device_ids=devices)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=a.lr, betas=(0.9, a.beta2), eps=1e-9)
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, rate_factor(a.schedule, a.warmup, a.max_steps))
        self.batches = data.RankBatches(self.train, a.batch_tokens, a.seed, self.rank, self.world)
        torch.manual_seed(a.seed * 1000 + self.rank)  # dropout masks differ per rank
        self.step, self.validations, self.best, self.previous_seconds = 0, [], None, 0.0
        self.fine_tuned_from = None if a.resume else a.start_from
        if a.resume:
            state = torch.load(os.path.join(a.start_from, "trainer.pt"), map_location=self.device)
            if state["world"] != self.world:
                raise SystemExit(f"error: the checkpoint was written by {state['world']} process(es); "
                                 "resume with as many")
            self.optimizer.load_state_dict(state["optimizer"])
            self.scheduler.load_state_dict(state["scheduler"])
            self.step, self.validations = state["step"], [tuple(v) for v in state["validations"]]
            self.best = tuple(state["best"]) if state["best"] else None
            self.previous_seconds = state["seconds"]
            self.fine_tuned_from = state.get("fine_tuned_from")
            self.batches.epoch, self.batches.index = state["epoch"], state["index"]
            self.batches._plan()
            self.log(f"resumed from {a.start_from} at step {self.step}")

    def checkpoint(self, seconds):
        """OUT/checkpoint: a loadable model folder (f32) plus trainer.pt (optimizer, schedule,
        step, data position), enough for --resume to carry on."""
        if self.rank != 0:
            return
        folder = os.path.join(self.args.out, "checkpoint")
        model_folder.write_folder(folder, self.config, self.model.state_for_file(), self.source_spm_file,
                                  self.target_spm_file, f"# Checkpoint at step {self.step}\n", "F32")
        state = {"optimizer": self.optimizer.state_dict(), "scheduler": self.scheduler.state_dict(),
                 "step": self.step, "epoch": self.batches.epoch, "index": self.batches.index,
                 "validations": self.validations, "best": self.best, "seconds": seconds, "world": self.world,
                 "fine_tuned_from": self.fine_tuned_from}
        torch.save(state, os.path.join(folder, "trainer.pt.tmp"))
        os.replace(os.path.join(folder, "trainer.pt.tmp"), os.path.join(folder, "trainer.pt"))

    def losses(self, logits, target_output, smoothing):
        """(label-smoothed loss sum, NLL sum, tokens): the C++ trainer's loss, padding excluded."""
        pad = self.config["pad_id"]
        log_probs = F.log_softmax(logits.float(), dim=-1)
        mask = target_output != pad
        nll = -log_probs.gather(-1, target_output[..., None])[..., 0]
        smooth = -log_probs.mean(dim=-1)
        loss = (1.0 - smoothing) * nll + smoothing * smooth
        return (loss * mask).sum(), (nll * mask).sum(), mask.sum()

    @torch.no_grad()
    def validate(self):
        self.model.eval()
        nll_sum, tokens = 0.0, 0
        for indices in data.plan_epoch(self.dev, 4 * self.args.batch_tokens, 0, 0):
            batch = data.make_batch(self.dev, indices, self.config["pad_id"], self.config["bos_id"],
                                    self.config["eos_id"], self.device)
            logits = self.model(batch["source_ids"], batch["source_lengths"], batch["target_input"])
            _, nll, n = self.losses(logits, batch["target_output"], 0.0)
            nll_sum += float(nll)
            tokens += int(n)
        self.model.train()
        return math.exp(min(50.0, nll_sum / max(1, tokens)))

    def run(self):
        a = self.args
        self.prepare()
        self.build()
        self.log(f"model: {model_folder.parameter_count(self.config)} parameters; {self.world} process(es) on "
                 f"{self.device.type}; {len(self.batches.batches)} batches an epoch per process")
        self.losses_seen = []
        window_tokens, window_loss, window_start = 0, 0.0, time.time()
        train_seconds, train_tokens, train_cpu_seconds = 0.0, 0, 0.0
        pad, bos, eos = self.config["pad_id"], self.config["bos_id"], self.config["eos_id"]
        self.model.train()
        stop_reason = None
        while stop_reason is None:
            step_start, step_cpu_start = time.time(), time.process_time()
            batch = data.make_batch(self.train, self.batches.next_indices(), pad, bos, eos, self.device)
            with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=a.bf16):
                logits = self.ddp(batch["source_ids"], batch["source_lengths"], batch["target_input"])
            loss_sum, nll_sum, tokens = self.losses(logits, batch["target_output"], a.label_smoothing)
            # Every rank's gradient is scaled by the global token count; DDP averages, hence the
            # world factor: the update is the C++ trainer's for one batch of all ranks' pairs.
            # Time budget and divergence are decided together in the same reduction.
            out_of_time = a.max_minutes > 0 and time.time() - self.started >= 60 * a.max_minutes
            shared = torch.tensor([float(tokens), float(loss_sum.detach()), float(nll_sum.detach()),
                                   float(out_of_time)], dtype=torch.float64, device=self.device)
            if self.world > 1:
                dist.all_reduce(shared)
            global_tokens, global_loss = shared[0].item(), shared[1].item()
            if not math.isfinite(global_loss):
                raise SystemExit(f"error: training diverged at step {self.step + 1} (the loss is not finite); "
                                 "try a lower --lr or more --warmup")
            self.optimizer.zero_grad(set_to_none=True)
            (loss_sum * (self.world / global_tokens)).backward()
            if a.clip > 0:
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), a.clip)
            self.optimizer.step()
            self.scheduler.step()
            self.step += 1
            self.losses_seen.append(global_loss / global_tokens)
            train_seconds += time.time() - step_start
            train_cpu_seconds += time.process_time() - step_cpu_start
            train_tokens += global_tokens
            window_tokens += global_tokens
            window_loss += global_loss
            if not a.quiet and (time.time() - window_start >= 2.0):
                elapsed = time.time() - window_start
                self.log(f"step {self.step} | ep {self.batches.epoch_progress():.2f} | "
                         f"loss {window_loss / window_tokens:.3f} | "
                         f"{window_tokens / elapsed:.0f} tgt tok/s | lr {self.scheduler.get_last_lr()[0]:.2e}")
                window_tokens, window_loss, window_start = 0, 0.0, time.time()
            if a.valid_every > 0 and self.step % a.valid_every == 0 and self.dev:
                self.validate_and_keep()
            if a.checkpoint_every > 0 and self.step % a.checkpoint_every == 0:
                self.checkpoint(self.previous_seconds + train_seconds)
            if a.max_steps and self.step >= a.max_steps:
                stop_reason = "max steps"
            elif a.max_epochs and self.batches.epoch >= a.max_epochs:
                stop_reason = "max epochs"
            elif shared[3].item() > 0:
                stop_reason = "time budget"
        self.tokens_per_second = train_tokens / max(1e-9, train_seconds)
        # Per CPU-second of this process (all its threads): what a loaded, shared machine
        # cannot hide, unlike wall time.
        self.tokens_per_cpu_second = train_tokens / self.world / max(1e-9, train_cpu_seconds)
        self.train_seconds = self.previous_seconds + train_seconds
        self.checkpoint(self.train_seconds)
        if self.dev and (not self.validations or self.validations[-1][0] != self.step):
            self.validate_and_keep()
        elif not self.dev:
            self.save()
        if self.rank == 0 and self.dev:
            self.write_card()  # the final numbers, with the kept weights
        self.log(f"stopped ({stop_reason}) after {self.step} steps, {train_seconds:.1f} s of training, "
                 f"{self.tokens_per_second:.0f} target tokens/s over {self.world} process(es) "
                 f"({self.tokens_per_cpu_second:.0f} per CPU-second of a process); model in '{a.out}'")
        self.write_report()
        if self.world > 1:
            dist.barrier()
            dist.destroy_process_group()

    def validate_and_keep(self):
        if self.rank != 0:
            return
        perplexity = self.validate()
        improved = self.best is None or perplexity < self.best[1]
        self.validations.append((self.step, perplexity))
        self.log(f"validation at step {self.step}: perplexity {perplexity:.2f}{' (best)' if improved else ''}")
        if improved:
            self.best = (self.step, perplexity)
            self.save()

    def save(self):
        if self.rank != 0:
            return
        self.tokens_per_second = getattr(self, "tokens_per_second", 0.0)
        self.train_seconds = getattr(self, "train_seconds", time.time() - self.started)
        dtype = {"f32": "F32", "f16": "F16", "bf16": "BF16"}[self.args.save_dtype]
        model_folder.write_folder(self.args.out, self.config, self.model.state_for_file(), self.source_spm_file,
                                  self.target_spm_file, self.card(), dtype)

    def write_reply_words(self):
        """A chat model's replies keep to the words of its training dialogues, as the engine
        reads words (core/decoding/word_list_filter.h): runs of letters, lowercase."""
        from attentive_torch import safetensors_io
        words = set()
        for source, target in self.train_text:
            for text in source.split(data.SEPARATOR_PIECE) + [target]:
                words.update(word.lower() for word in re.findall(r"[^\W\d_]+", text))
        text = ("# Every word a reply may use (with the words of the message it answers), lowercase:\n"
                "# the words of the training dialogues, written by train/torch/train.py.\n")
        text += "".join(word + "\n" for word in sorted(words))
        safetensors_io.write_atomically(os.path.join(self.args.out, "reply_words.txt"), text.encode("utf-8"))

    def write_reply_memory(self):
        """A chat model's reply memory (core/decoding/reply_memory.h): each training reply beside
        the turn it answers, as attentive-cli train writes it (reply_memory_text): distinct pairs,
        each side one line of at most 30 words, no reply that runs two sentences together."""
        from attentive_torch import safetensors_io
        separator = f" {data.SEPARATOR_PIECE} "
        max_words = 30
        # dialogue_words (core/metrics/dialogue.h) without punctuation: runs of letters, digits,
        # '_' and non-ASCII characters, an apostrophe inside one kept ("don't").
        char = r"[A-Za-z0-9_\u0080-\U0010ffff]"
        words = lambda text: [w for w in re.findall(rf"{char}+(?:'{char}+)*", text.replace("\u2019", "'"))
                              if re.search(r"[A-Za-z0-9\u0080-\U0010ffff]", w)]
        run_together = re.compile(r"[a-z][.?!][A-Z]")
        fits = lambda text: bool(text) and not re.search(r"[\t\n\r]", text) and len(words(text)) <= max_words
        text = ("# Replies people gave in the training dialogues, one \"message<TAB>reply\" pair a line:\n"
                "# the chat model's reply memory (core/decoding/reply_memory.h), written by train/torch/train.py.\n")
        written = set()
        for source, target in self.train_text:
            message = source.split(separator)[-1]
            if not fits(message) or not fits(target) or run_together.search(target) or (message, target) in written:
                continue
            written.add((message, target))
            text += f"{message}\t{target}\n"
        safetensors_io.write_atomically(os.path.join(self.args.out, "replies.tsv"), text.encode("utf-8"))

    def write_card(self):
        from attentive_torch import safetensors_io
        safetensors_io.write_atomically(os.path.join(self.args.out, "card.md"), self.card().encode("utf-8"))

    def card(self):
        a, c = self.args, self.config
        lang = lambda code: model_folder.LANGUAGES.get(code, code)  # noqa: E731
        lines = [f"# {c['name']}", ""]
        if c["task"] == "chat":
            lines.append(f"A chat model ({lang(c['source_language'])}) for Attentive, trained in PyTorch.")
        else:
            lines.append(f"Translates {lang(c['source_language'])} into {lang(c['target_language'])} "
                         f"({c['source_language']} → {c['target_language']}): a Seq2Seq network with attention "
                         "for Attentive, trained in PyTorch (train/torch).")
        if self.fine_tuned_from:
            lines.append(f"Fine-tuned from `{self.fine_tuned_from}`.")
        data_paths = a.tsv + a.src + a.tgt + a.dialogues
        lines += ["", "## Licence", ""] + [f"- {n}" for n in model_folder.licence_notes(data_paths)]
        if self.fine_tuned_from:
            lines.append(f"- The starting model's own licence (see its card in `{self.fine_tuned_from}`) applies too.")
        lines += ["", "## Model", "",
                  f"- Encoder: {c['encoder_layers']}-layer bidirectional LSTM, "
                  f"{c['encoder_hidden_size']} units per direction",
                  f"- Decoder: {c['decoder_layers']}-layer LSTM, {c['decoder_hidden_size']} units, "
                  f"{c['attention']} attention" + (", input feeding" if c["input_feeding"] else "")
                  + (", tied target embeddings" if c.get("tie_target_embeddings") else ""),
                  f"- Embeddings: {c['embedding_size']}; vocabularies: {c['source_vocab_size']} source / "
                  f"{c['target_vocab_size']} target pieces ({self.vocabulary_note})",
                  f"- Parameters: {model_folder.parameter_count(c)}; weights stored as {a.save_dtype}",
                  "", "## Data", ""]
        lines += [f"- {report.summary()}" for _, report in self.train_reports]
        lines += [f"- Training pairs after encoding (at most {a.max_pieces} pieces a side): {len(self.train)}"]
        lines += [f"- Dev: {p}" for p in a.dev_tsv + a.dev_src + a.dev_dialogues]
        lines += ["", "## Training", "",
                  f"- Steps: {self.step} ({self.batches.epoch_progress():.2f} epochs of each process's share), "
                  f"{self.train_seconds:.0f} s on {self.world} process(es), {self.device.type}"
                  f"{', bf16 autocast' if a.bf16 else ''}; {self.tokens_per_second:.0f} target tokens/s",
                  f"- Adam (β1 0.9, β2 {a.beta2}, ε 1e-9), peak learning rate {a.lr}, {a.warmup} warm-up steps, "
                  f"{a.schedule} decay, gradient-norm clip {a.clip}",
                  f"- Batches of about {a.batch_tokens} tokens per process; dropout {a.dropout}; "
                  f"label smoothing {a.label_smoothing}; seed {a.seed}",
                  f"- PyTorch {torch.__version__}",
                  "- Command:", "", "```",
                  ("torchrun --nproc_per_node " + str(self.world) + " " if self.world > 1 else "")
                  + " ".join(shlex.quote(w) for w in [sys.argv[0]] + sys.argv[1:]), "```", "", "## Dev metrics", ""]
        if self.validations:
            lines += [f"Best checkpoint (kept): step {self.best[0]}, perplexity {self.best[1]:.2f}.", "",
                      "| step | perplexity |", "|---:|---:|"] + [f"| {s} | {p:.2f} |" for s, p in self.validations]
        else:
            lines.append("No dev set was given: the weights are those of the last step.")
        lines += ["", "## Decoding defaults", "", "```json", json.dumps(c.get("decoding", {}), indent=2), "```", ""]
        return "\n".join(lines)

    def write_report(self):
        if not self.args.report:
            return
        digest = hashlib.sha256()
        for name, tensor in sorted(self.model.state_for_file().items()):
            digest.update(name.encode())
            digest.update(tensor.numpy().tobytes())
        report = {"rank": self.rank, "world": self.world, "steps": self.step, "losses": self.losses_seen,
                  "weights_sha256": digest.hexdigest(), "tokens_per_second": self.tokens_per_second,
                  "tokens_per_cpu_second": self.tokens_per_cpu_second,
                  "train_seconds": self.train_seconds, "device": self.device.type, "threads": torch.get_num_threads()}
        with open(f"{self.args.report}.rank{self.rank}.json", "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        Run(args).run()
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
