"""Training data as the C++ trainer reads it (core/training/corpus.cpp): TSV columns, two
line-aligned files, or DailyDialog dialogues; the same cleaning (whitespace normalised, empty,
too long and unbalanced pairs dropped, every line counted); SentencePiece vocabularies with the
engine's special ids; and token-budget batches of nearly equal lengths, dealt out to the ranks."""

import random
import re

import torch

SEPARATOR_PIECE = "<sep>"
# pad, unk, bos, eos: the ids the engine's trainer gives its SentencePiece models.
SPECIAL_IDS = {"pad_id": 0, "unk_id": 1, "bos_id": 2, "eos_id": 3}


class CorpusReport:
    def __init__(self, origin):
        self.origin = origin
        self.lines = self.pairs = self.malformed = self.invalid_utf8 = 0
        self.empty = self.too_long = self.bad_ratio = 0

    def summary(self):
        text = f"{self.origin}: {self.lines} lines -> {self.pairs} pairs"
        dropped = [f"{count} {what}" for count, what in (
            (self.malformed, "malformed"), (self.invalid_utf8, "invalid UTF-8"), (self.empty, "empty"),
            (self.too_long, "too long"), (self.bad_ratio, "length ratio")) if count]
        return text + (f" (dropped: {', '.join(dropped)})" if dropped else "")


_SPACES = re.compile("[ \t\n\r\f\v\u00a0]+")


def normalize_whitespace(text):
    return _SPACES.sub(" ", text).strip(" ")


def clean_pair(source, target, max_chars, max_ratio, check_ratio, report):
    source, target = normalize_whitespace(source), normalize_whitespace(target)
    if not source or not target:
        report.empty += 1
        return None
    if len(source) > max_chars or len(target) > max_chars:
        report.too_long += 1
        return None
    if check_ratio:
        a, b = len(source) + 10, len(target) + 10
        if max(a, b) > max_ratio * min(a, b):
            report.bad_ratio += 1
            return None
    return source, target


def _lines(path):
    """Lines without the newline (a CR and a first-line BOM removed); None for invalid UTF-8."""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            raw = raw.rstrip(b"\n")
            if raw.endswith(b"\r"):
                raw = raw[:-1]
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                yield None


_CLITICS = {"'m", "'s", "'re", "'ve", "'ll", "'d", "n't", "'M", "'S", "'RE", "'VE", "'LL", "'D", "N'T",
            "’m", "’s", "’re", "’ve", "’ll", "’d", "n’t"}
_CONTRACTION = re.compile(r"(?<=[A-Za-z])\s*(['’])\s*(m|s|re|ve|ll|d|t)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"\$ (?=\d)")


def detokenize_dialogue_turn(turn):
    """DailyDialog's space-separated tokens joined back (the C++ trainer's rules)."""
    out = []
    opens = False
    for token in normalize_whitespace(turn).split(" "):
        if not token:
            continue
        hug = bool(out) and (opens or all(ch in ".,?!;:)%" for ch in token) or token in _CLITICS)
        if out and not hug:
            out.append(" ")
        out.append(token)
        opens = token == "("
    text = "".join(out)
    text = _CONTRACTION.sub(lambda m: m.group(1) + m.group(2), text)
    return _AMOUNT.sub("$", text)


def read_source(kind, path, target_path=None, columns=(0, 1), context_turns=2, max_chars=400,
                max_ratio=3.0, check_ratio=True):
    """-> (list of (source, target) strings, CorpusReport). kind: 'tsv', 'parallel', 'dialogues'."""
    pairs = []
    if kind == "tsv":
        report = CorpusReport(f"{path} (columns {columns[0]},{columns[1]})")
        needed = max(columns) + 1
        for line in _lines(path):
            report.lines += 1
            if line is None:
                report.invalid_utf8 += 1
                continue
            fields = line.split("\t")
            if len(fields) < needed:
                report.malformed += 1
                continue
            pair = clean_pair(fields[columns[0]], fields[columns[1]], max_chars, max_ratio, check_ratio, report)
            if pair:
                pairs.append(pair)
    elif kind == "parallel":
        report = CorpusReport(f"{path} + {target_path}")
        sources, targets = list(_lines(path)), list(_lines(target_path))
        if len(sources) != len(targets):
            raise ValueError(f"parallel files are not line-aligned: '{path}' has {len(sources)} lines "
                             f"but '{target_path}' has {len(targets)}")
        for source, target in zip(sources, targets):
            report.lines += 1
            if source is None or target is None:
                report.invalid_utf8 += 1
                continue
            pair = clean_pair(source, target, max_chars, max_ratio, check_ratio, report)
            if pair:
                pairs.append(pair)
    elif kind == "dialogues":
        report = CorpusReport(f"{path} (dialogues)")
        separator = f" {SEPARATOR_PIECE} "
        for line in _lines(path):
            report.lines += 1
            if line is None:
                report.invalid_utf8 += 1
                continue
            turns = [t for t in (detokenize_dialogue_turn(raw) for raw in line.split("__eou__")) if t]
            if len(turns) < 2:
                if turns:
                    report.malformed += 1
                else:
                    report.empty += 1
                continue
            for i in range(1, len(turns)):
                context = separator.join(turns[max(0, i - context_turns):i])
                pair = clean_pair(context, turns[i], max_chars, max_ratio, False, report)
                if pair:
                    pairs.append(pair)
    else:
        raise ValueError(f"unknown corpus kind '{kind}'")
    report.pairs = len(pairs)
    return pairs, report


def train_sentencepiece(sentences, model_file, vocab_size, model_type="unigram", user_symbols=()):
    """Trains a SentencePiece model with the engine trainer's options (nmt_nfkc, full character
    coverage, pad 0 / unk 1 / bos 2 / eos 3) and writes it to `model_file`."""
    import sentencepiece as spm

    with open(model_file, "wb") as model_writer:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(sentences), model_writer=model_writer, vocab_size=vocab_size,
            model_type=model_type, character_coverage=1.0, input_sentence_size=300000,
            shuffle_input_sentence=True, normalization_rule_name="nmt_nfkc", pad_id=0, unk_id=1,
            bos_id=2, eos_id=3, user_defined_symbols=list(user_symbols), minloglevel=1)


def load_sentencepiece(model_file):
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_file=model_file)


def encode_pairs(pairs, source_spm, target_spm, max_pieces):
    """-> list of (source ids, target ids), pairs with an empty or over-long side dropped."""
    sources = source_spm.encode([s for s, _ in pairs])
    targets = target_spm.encode([t for _, t in pairs])
    return [(s, t) for s, t in zip(sources, targets) if s and t and len(s) <= max_pieces and len(t) <= max_pieces]


def plan_epoch(pairs, batch_tokens, seed, epoch, max_sentences=512):
    """Index lists of one epoch: shuffled, sorted by length (so a batch holds nearly one
    length), cut so that sentences x (longest source + longest target + 1) <= batch_tokens,
    and the batches shuffled. The same on every rank for a given (seed, epoch)."""
    rng = random.Random(seed * 1_000_003 + epoch)
    order = list(range(len(pairs)))
    rng.shuffle(order)
    order.sort(key=lambda i: (len(pairs[i][0]), len(pairs[i][1])))
    batches, current, longest_source, longest_target = [], [], 0, 0
    for i in order:
        s, t = max(longest_source, len(pairs[i][0])), max(longest_target, len(pairs[i][1]) + 1)
        if current and ((len(current) + 1) * (s + t) > batch_tokens or len(current) >= max_sentences):
            batches.append(current)
            current, s, t = [], len(pairs[i][0]), len(pairs[i][1]) + 1
        current.append(i)
        longest_source, longest_target = s, t
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def make_batch(pairs, indices, pad_id, bos_id, eos_id, device="cpu"):
    """-> dict of tensors: source_ids [B, S], source_lengths [B], target_input and target_output
    [B, T] (BOS y1..yn / y1..yn EOS, padded with pad_id)."""
    sources = [pairs[i][0] for i in indices]
    targets = [pairs[i][1] for i in indices]
    B, S, T = len(indices), max(map(len, sources)), max(map(len, targets)) + 1
    source_ids = torch.full((B, S), pad_id, dtype=torch.long)
    target_input = torch.full((B, T), pad_id, dtype=torch.long)
    target_output = torch.full((B, T), pad_id, dtype=torch.long)
    for b, (s, t) in enumerate(zip(sources, targets)):
        source_ids[b, :len(s)] = torch.tensor(s)
        target_input[b, :len(t) + 1] = torch.tensor([bos_id] + t)
        target_output[b, :len(t) + 1] = torch.tensor(t + [eos_id])
    return {"source_ids": source_ids.to(device), "source_lengths": torch.tensor(list(map(len, sources))).to(device),
            "target_input": target_input.to(device), "target_output": target_output.to(device)}


class RankBatches:
    """Endless batches for one rank: rank r takes batches r, r + world, ... of each epoch's plan,
    and every rank takes the same number per epoch (the few left over wait for the next epoch)."""

    def __init__(self, pairs, batch_tokens, seed, rank, world):
        if len(pairs) < world:
            raise ValueError(f"{len(pairs)} training pairs cannot feed {world} ranks")
        self.pairs, self.batch_tokens, self.seed = pairs, batch_tokens, seed
        self.rank, self.world = rank, world
        self.epoch, self.index = 0, 0
        self._plan()

    def _plan(self):
        plan = plan_epoch(self.pairs, self.batch_tokens, self.seed, self.epoch)
        while len(plan) < self.world:  # a tiny corpus: split its largest batch
            plan.sort(key=len)
            largest = plan.pop()
            plan += [largest[: len(largest) // 2], largest[len(largest) // 2:]]
        usable = len(plan) - len(plan) % self.world
        self.batches = plan[self.rank:usable:self.world]

    def next_indices(self):
        indices = self.batches[self.index]
        self.index += 1
        if self.index == len(self.batches):
            self.epoch, self.index = self.epoch + 1, 0
            self._plan()
        return indices

    def epoch_progress(self):
        return self.epoch + self.index / len(self.batches)
