#!/usr/bin/python3
"""The f32 matrix-product ceiling of this CPU, as PyTorch's BLAS reaches it.

Training the reference shape is mostly f32 matrix products (77.5 GFLOP a step of 64 pairs,
docs/performance.md), so what one product of the step's shapes reaches bounds what any trainer
can do. Prints GFLOP/s, best of 10, for the generator's product, a square one and one decoder
step's LSTM product.

Usage (OpenBLAS's kernels chosen as bench-training.sh chooses them):
  OMP_WAIT_POLICY=PASSIVE OPENBLAS_CORETYPE=HASWELL /usr/bin/python3 bench/gemm_peak.py --threads 2
  OMP_WAIT_POLICY=PASSIVE OPENBLAS_CORETYPE=SKYLAKEX /usr/bin/python3 bench/gemm_peak.py --threads 2
"""

import argparse
import time

import torch

SHAPES = [  # (m, n, k, what)
    (1088, 8000, 512, "generator: 1088 target positions x 8,000 pieces"),
    (2048, 2048, 2048, "square"),
    (64, 2048, 1280, "one decoder step, layer 0: batch x 4 gates x (input + hidden)"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for m, n, k, what in SHAPES:
        a, b = torch.rand(m, k), torch.rand(k, n)
        repeats = 50 if m < 100 else 3
        best = float("inf")
        for _ in range(10):
            start = time.perf_counter()
            for _ in range(repeats):
                torch.mm(a, b)
            best = min(best, (time.perf_counter() - start) / repeats)
        print(f"{m:5d} x {n:5d} x {k:5d}  {2 * m * n * k / best / 1e9:7.1f} GFLOP/s  {what}")


if __name__ == "__main__":
    main()
