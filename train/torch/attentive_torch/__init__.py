"""Attentive's Seq2Seq model in PyTorch: training at scale with torch.distributed, reading and
writing the model folders the C++ engine loads (docs/model-format.md, docs/training-at-scale.md).
Needs only Debian's python3-torch (with numpy) and python3-sentencepiece."""
