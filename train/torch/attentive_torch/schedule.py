"""The C++ trainer's learning-rate schedules (core/training/optimizer.cpp), as a factor of the
peak rate for torch.optim.lr_scheduler.LambdaLR: linear warm-up, then inverse-sqrt, linear or
cosine decay to a floor, or constant. The factor for scheduler step k is the engine's rate for
its step k + 1, the step about to be taken."""

import math

SCHEDULES = ("inverse-sqrt", "linear", "cosine", "constant")


def rate_factor(schedule, warmup_steps, total_steps=0, min_ratio=0.05):
    def factor(k):
        step = k + 1
        if warmup_steps > 0 and step <= warmup_steps:
            return step / warmup_steps
        if schedule == "constant":
            return 1.0
        if schedule == "inverse-sqrt":
            return math.sqrt(warmup_steps / step) if warmup_steps > 0 else 1.0 / math.sqrt(step)
        if schedule in ("linear", "cosine"):
            span = total_steps - warmup_steps
            if span <= 0:
                return 1.0
            progress = min(max((step - warmup_steps) / span, 0.0), 1.0)
            shape = 1.0 - progress if schedule == "linear" else 0.5 * (1.0 + math.cos(math.pi * progress))
            return min_ratio + (1.0 - min_ratio) * shape
        raise ValueError(f"unknown schedule '{schedule}' (expected one of {', '.join(SCHEDULES)})")

    return factor
