"""safetensors read and write without the safetensors package (layout: docs/model-format.md).

Written like the engine writes them: names sorted, offsets in name order, the header padded with
spaces to a multiple of 8, and the file replaced atomically (temporary file, fsync, rename)."""

import json
import os
import struct
import tempfile

import numpy as np
import torch

_MAX_HEADER = 100_000_000


def load(path):
    """name -> float32 CPU tensor, for F32, BF16 and F16 files. Raises ValueError naming the
    file on a malformed one (the engine checks more; this is enough to fail clearly)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: shorter than 8 bytes, not a safetensors file")
    (header_length,) = struct.unpack("<Q", data[:8])
    if header_length > _MAX_HEADER or 8 + header_length > len(data):
        raise ValueError(f"{path}: header length {header_length} does not fit the file")
    header = json.loads(data[8:8 + header_length].decode("utf-8"))
    base = 8 + header_length
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = data[base + begin: base + end]
        dtype = info["dtype"]
        if dtype == "F32":
            values = np.frombuffer(raw, dtype="<f4")
        elif dtype == "F16":
            values = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif dtype == "BF16":
            values = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise ValueError(f"{path}: tensor '{name}' has unsupported dtype {dtype}")
        tensors[name] = torch.from_numpy(values.astype(np.float32).reshape(info["shape"]).copy())
    return tensors


def _encode(tensor, dtype):
    values = tensor.detach().to("cpu", torch.float32).contiguous()
    if dtype == "F32":
        return values.numpy().astype("<f4").tobytes()
    if dtype == "F16":
        return values.numpy().astype("<f2").tobytes()
    if dtype == "BF16":
        # Round to nearest even, as the engine's writer does.
        bits = values.numpy().view(np.uint32).astype(np.uint64)
        rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
        return rounded.astype("<u2").tobytes()
    raise ValueError(f"unsupported dtype {dtype} (F32, F16 or BF16)")


def write_atomically(path, data):
    """Writes bytes to `path` through a synced temporary file in the same folder."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def save(path, tensors, dtype="F32"):
    """Writes name -> tensor as a safetensors file in `dtype` (F32, F16 or BF16)."""
    size = {"F32": 4, "F16": 2, "BF16": 2}[dtype]
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        tensor = tensors[name]
        raw = _encode(tensor, dtype)
        assert len(raw) == tensor.numel() * size
        header[name] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    write_atomically(path, struct.pack("<Q", len(text)) + text + b"".join(chunks))
