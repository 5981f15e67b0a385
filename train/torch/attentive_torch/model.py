"""The Attentive Seq2Seq model as a torch.nn.Module, built from a config.json.

Its parameters carry the engine's tensor names (docs/model-format.md, "The weights"), so a model
folder loads into it and its state writes back unchanged: no name or layout conversion. The
computation is the engine's, step for step ("The computation"): a bidirectional LSTM encoder
whose backward direction reads each sentence reversed within its own length, a tanh bridge per
decoder layer, an LSTM decoder with Luong attention (dot, general or mlp) and input feeding.
Each LSTM has one bias (gates i, f, g, o), as in the file. Dropout sits where the C++ trainer
puts it: on every encoder layer's input, on the decoder's embeddings (not on the fed-back
attentional vector), between decoder layers and before the generator."""

import json
import os

import torch
import torch.nn.functional as F

from . import safetensors_io


def load_config(model_dir):
    """The parsed config.json of a model folder (the engine validates it fully on load)."""
    path = os.path.join(model_dir, "config.json")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    if config.get("format_version") != 1:
        raise ValueError(f"{path}: format_version must be 1, found {config.get('format_version')!r}")
    for field in ("source_vocab_size", "target_vocab_size", "embedding_size", "encoder_layers",
                  "encoder_hidden_size", "decoder_layers", "decoder_hidden_size", "attention",
                  "input_feeding", "pad_id", "unk_id", "bos_id", "eos_id"):
        if field not in config:
            raise ValueError(f"{path}: required field '{field}' is missing")
    if config["attention"] not in ("dot", "general", "mlp"):
        raise ValueError(f"{path}: attention must be dot, general or mlp, found {config['attention']!r}")
    return config


def expected_shapes(c):
    """Tensor name -> shape for a config, exactly the engine's expected_tensors()."""
    E, He, Hd = c["embedding_size"], c["encoder_hidden_size"], c["decoder_hidden_size"]
    Vs, Vt = c["source_vocab_size"], c["target_vocab_size"]
    shapes = {"encoder.embedding": (Vs, E), "decoder.embedding": (Vt, E)}
    for l in range(c["encoder_layers"]):
        width = E if l == 0 else 2 * He
        for direction in ("forward", "backward"):
            p = f"encoder.layers.{l}.{direction}."
            shapes[p + "weight_input"] = (4 * He, width)
            shapes[p + "weight_hidden"] = (4 * He, He)
            shapes[p + "bias"] = (4 * He,)
    for l in range(c["decoder_layers"]):
        shapes[f"bridge.{l}.weight"] = (Hd, 2 * He)
        shapes[f"bridge.{l}.bias"] = (Hd,)
        width = (E + (Hd if c["input_feeding"] else 0)) if l == 0 else Hd
        shapes[f"decoder.layers.{l}.weight_input"] = (4 * Hd, width)
        shapes[f"decoder.layers.{l}.weight_hidden"] = (4 * Hd, Hd)
        shapes[f"decoder.layers.{l}.bias"] = (4 * Hd,)
    if c["attention"] == "general":
        shapes["attention.weight"] = (Hd, 2 * He)
    elif c["attention"] == "mlp":
        shapes["attention.query_weight"] = (Hd, Hd)
        shapes["attention.key_weight"] = (Hd, 2 * He)
        shapes["attention.bias"] = (Hd,)
        shapes["attention.v"] = (Hd,)
    shapes["attention.output_weight"] = (Hd, 2 * He + Hd)
    if not c.get("tie_target_embeddings", False):
        shapes["generator.weight"] = (Vt, Hd)
    shapes["generator.bias"] = (Vt,)
    return shapes


def _attribute(name):
    # nn.Module attribute names cannot hold dots.
    return name.replace(".", "__")


def _lstm_gates(gates, c):
    i, f, g, o = gates.chunk(4, dim=-1)
    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c), c


class Seq2Seq(torch.nn.Module):
    def __init__(self, config, dropout=None):
        super().__init__()
        self.config = dict(config)
        self.shapes = expected_shapes(config)
        self.dropout_rate = config.get("dropout", 0.0) if dropout is None else dropout
        for name, shape in self.shapes.items():
            self.register_parameter(_attribute(name), torch.nn.Parameter(torch.zeros(shape)))

    # ---- parameters by their file names -----------------------------------------------------

    def w(self, name):
        return getattr(self, _attribute(name))

    def named_weights(self):
        """name -> parameter, with the names of the model file."""
        return {name: self.w(name) for name in self.shapes}

    def init_weights(self, generator, scale=0.1):
        """Uniform(-scale, scale) and LSTM forget-gate biases at 1, as the C++ trainer starts."""
        with torch.no_grad():
            for name, parameter in self.named_weights().items():
                parameter.uniform_(-scale, scale, generator=generator)
                in_lstm = name.startswith("encoder.layers.") or name.startswith("decoder.layers.")
                if in_lstm and name.endswith(".bias"):
                    hidden = parameter.shape[0] // 4
                    parameter[hidden:2 * hidden] = 1.0

    def load_weights(self, tensors, origin="weights"):
        """Copies name -> tensor into the parameters; every expected name with its exact shape,
        nothing else (the engine's own rule)."""
        unexpected = sorted(set(tensors) - set(self.shapes))
        if unexpected:
            raise ValueError(f"{origin}: unexpected tensor '{unexpected[0]}' for this config")
        with torch.no_grad():
            for name, shape in self.shapes.items():
                if name not in tensors:
                    raise ValueError(f"{origin}: tensor '{name}' {list(shape)} is missing")
                if tuple(tensors[name].shape) != tuple(shape):
                    raise ValueError(f"{origin}: tensor '{name}' has shape {list(tensors[name].shape)}, "
                                     f"the config expects {list(shape)}")
                self.w(name).copy_(tensors[name])

    def state_for_file(self):
        return {name: p.detach().to("cpu", torch.float32) for name, p in self.named_weights().items()}

    @classmethod
    def from_folder(cls, model_dir, dropout=None):
        config = load_config(model_dir)
        model = cls(config, dropout)
        weights = os.path.join(model_dir, config.get("weights_file", "model.safetensors"))
        model.load_weights(safetensors_io.load(weights), weights)
        return model

    # ---- the computation ----------------------------------------------------------------------

    def _drop(self, x):
        return F.dropout(x, self.dropout_rate, self.training) if self.dropout_rate > 0 else x

    def _lstm(self, x, prefix, hidden):
        """One unidirectional LSTM layer over time-major x [T, B, in] from zero states."""
        B = x.shape[1]
        zeros = x.new_zeros(1, B, hidden)
        bias = self.w(prefix + "bias")
        weights = [self.w(prefix + "weight_input"), self.w(prefix + "weight_hidden"), bias, torch.zeros_like(bias)]
        out, _, _ = torch.lstm(x, (zeros, zeros), weights, True, 1, 0.0, self.training, False, False)
        return out

    def encode(self, source_ids, source_lengths):
        """source_ids [B, S] (padded), source_lengths [B] (each >= 1) ->
        states [B, S, 2He], mask [B, S], keys [B, S, K], final [B, 2He]."""
        c = self.config
        He = c["encoder_hidden_size"]
        B, S = source_ids.shape
        device = source_ids.device
        positions = torch.arange(S, device=device)[:, None]  # [S, 1]
        lengths = source_lengths.to(device)[None, :]  # [1, B]
        # Reversal within each sentence's length; padding stays where it is.
        reverse = torch.where(positions < lengths, lengths - 1 - positions, positions)  # [S, B]
        x = F.embedding(source_ids.t(), self.w("encoder.embedding"))  # [S, B, E]
        for l in range(c["encoder_layers"]):
            x = self._drop(x)
            index = reverse[:, :, None].expand(S, B, x.shape[2])
            forward = self._lstm(x, f"encoder.layers.{l}.forward.", He)
            backward = self._lstm(torch.gather(x, 0, index), f"encoder.layers.{l}.backward.", He)
            backward = torch.gather(backward, 0, reverse[:, :, None].expand(S, B, He))
            x = torch.cat([forward, backward], dim=2)  # [S, B, 2He]
        states = x.transpose(0, 1)  # [B, S, 2He]
        batch = torch.arange(B, device=device)
        final = torch.cat([states[batch, source_lengths.to(device) - 1, :He], states[:, 0, He:]], dim=1)
        mask = torch.arange(S, device=device)[None, :] < source_lengths.to(device)[:, None]
        if c["attention"] == "general":
            keys = states @ self.w("attention.weight").t()
        elif c["attention"] == "mlp":
            keys = states @ self.w("attention.key_weight").t() + self.w("attention.bias")
        else:
            keys = states
        return states, mask, keys, final

    def initial_state(self, final):
        """Per decoder layer (h, c), and the first fed attentional vector (zeros)."""
        layers = []
        for l in range(self.config["decoder_layers"]):
            h = torch.tanh(final @ self.w(f"bridge.{l}.weight").t() + self.w(f"bridge.{l}.bias"))
            layers.append((h, torch.zeros_like(h)))
        return layers, final.new_zeros(final.shape[0], self.config["decoder_hidden_size"])

    def _attend(self, top, states, mask, keys):
        """top [B, Hd] -> attentional vector [B, Hd], attention [B, S]."""
        if self.config["attention"] == "mlp":
            query = top @ self.w("attention.query_weight").t()
            scores = torch.tanh(keys + query[:, None, :]) @ self.w("attention.v")
        else:
            scores = torch.bmm(keys, top[:, :, None])[:, :, 0]
        alpha = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=1)
        context = torch.bmm(alpha[:, None, :], states)[:, 0]
        attentional = torch.tanh(torch.cat([context, top], dim=1) @ self.w("attention.output_weight").t())
        return attentional, alpha

    def generator_weight(self):
        tied = self.config.get("tie_target_embeddings", False)
        return self.w("decoder.embedding") if tied else self.w("generator.weight")

    def _cell(self, l, x, state, input_projection=None):
        h, c = state
        gates = h @ self.w(f"decoder.layers.{l}.weight_hidden").t() + self.w(f"decoder.layers.{l}.bias")
        gates = gates + (input_projection if input_projection is not None
                         else x @ self.w(f"decoder.layers.{l}.weight_input").t())
        return _lstm_gates(gates, c)

    def step(self, ids, memory, state):
        """One decoding step: ids [B] -> logits [B, Vt], attention [B, S], new state."""
        states, mask, keys, _ = memory
        layers, feed = state
        x = F.embedding(ids, self.w("decoder.embedding"))
        if self.config["input_feeding"]:
            x = torch.cat([x, feed], dim=1)
        new_layers = []
        for l, layer_state in enumerate(layers):
            h, c = self._cell(l, x, layer_state)
            new_layers.append((h, c))
            x = h
        attentional, alpha = self._attend(x, states, mask, keys)
        logits = attentional @ self.generator_weight().t() + self.w("generator.bias")
        return logits, alpha, (new_layers, attentional)

    def forward(self, source_ids, source_lengths, target_input):
        """Teacher-forced logits [B, T, Vt] for target_input [B, T] (BOS y1 .. yn, padded)."""
        c = self.config
        E = c["embedding_size"]
        states, mask, keys, final = self.encode(source_ids, source_lengths)
        layers, feed = self.initial_state(final)
        embedded = self._drop(F.embedding(target_input.t(), self.w("decoder.embedding")))  # [T, B, E]
        T = embedded.shape[0]
        outputs = []
        if c["input_feeding"]:
            # The embedding part of layer 0's input projection, for all steps in one product.
            w0 = self.w("decoder.layers.0.weight_input")
            embedded_projection = embedded @ w0[:, :E].t()  # [T, B, 4Hd]
            feed_weight = w0[:, E:]
            for t in range(T):
                x = None
                new_layers = []
                for l, layer_state in enumerate(layers):
                    if l == 0:
                        h, cell = self._cell(0, None, layer_state, embedded_projection[t] + feed @ feed_weight.t())
                    else:
                        h, cell = self._cell(l, self._drop(x), layer_state)
                    new_layers.append((h, cell))
                    x = h
                layers = new_layers
                feed, _ = self._attend(x, states, mask, keys)
                outputs.append(feed)
            attentional = torch.stack(outputs, dim=1)  # [B, T, Hd]
        else:
            # Without input feeding each layer runs over the whole sequence at once.
            x = embedded
            for l, (h0, c0) in enumerate(layers):
                if l > 0:
                    x = self._drop(x)
                p = f"decoder.layers.{l}."
                bias = self.w(p + "bias")
                weights = [self.w(p + "weight_input"), self.w(p + "weight_hidden"), bias, torch.zeros_like(bias)]
                x, _, _ = torch.lstm(x, (h0[None], c0[None]), weights, True, 1, 0.0, self.training, False, False)
            top = x.transpose(0, 1)  # [B, T, Hd]
            if c["attention"] == "mlp":
                query = top @ self.w("attention.query_weight").t()
                scores = torch.tanh(keys[:, None, :, :] + query[:, :, None, :]) @ self.w("attention.v")
            else:
                scores = torch.bmm(top, keys.transpose(1, 2))  # [B, T, S]
            alpha = torch.softmax(scores.masked_fill(~mask[:, None, :], float("-inf")), dim=2)
            context = torch.bmm(alpha, states)
            attentional = torch.tanh(torch.cat([context, top], dim=2) @ self.w("attention.output_weight").t())
        return self._drop(attentional) @ self.generator_weight().t() + self.w("generator.bias")

    @torch.no_grad()
    def greedy(self, sources, max_tokens, banned=(), stop_at_eos=False):
        """Greedy decoding of id lists. Returns per step (ids [B], attention [B, S], logits [B, Vt]).
        `banned` ids are never chosen (the engine's benchmark bans EOS, PAD and BOS)."""
        device = self.w("generator.bias").device
        lengths = torch.tensor([len(s) for s in sources], device=device)
        ids = torch.full((len(sources), int(lengths.max())), self.config["pad_id"], dtype=torch.long, device=device)
        for b, s in enumerate(sources):
            ids[b, :len(s)] = torch.tensor(s, device=device)
        memory = self.encode(ids, lengths)
        state = self.initial_state(memory[3])
        current = torch.full((len(sources),), self.config["bos_id"], dtype=torch.long, device=device)
        steps = []
        finished = torch.zeros(len(sources), dtype=torch.bool, device=device)
        for _ in range(max_tokens):
            logits, alpha, state = self.step(current, memory, state)
            masked = logits.clone()
            if banned:
                masked[:, list(banned)] = float("-inf")
            current = masked.argmax(dim=1)
            steps.append((current.clone(), alpha.clone(), logits.clone()))
            if stop_at_eos:
                finished |= current == self.config["eos_id"]
                if bool(finished.all()):
                    break
        return steps
