"""Timing checks for the hardening tests: work on hostile input must grow linearly with its size."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def seconds(func: Callable[[], object], repeat: int = 3) -> float:
    """Best of ``repeat`` wall-clock runs of ``func()`` (garbage collection off while timing)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            func()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def assert_linear(
    func: Callable[[str], object],
    make: Callable[[int], str],
    n: int,
    limit: float = 1.0,
) -> None:
    """``func(make(4 * n))`` takes at most about 4x ``func(make(n))`` (8x allowed for noise; a
    quadratic step takes 16x) and at most ``limit`` seconds; ``n`` is chosen so that a quadratic
    step would be well above both."""
    small, big = make(n), make(4 * n)
    assert_scales(
        lambda: func(small), lambda: func(big), f"{len(small):,} characters", limit
    )


def assert_scales(
    small: Callable[[], object],
    big: Callable[[], object],
    size: str,
    limit: float = 1.0,
    rounds: int = 3,
) -> None:
    """``big()`` (4x the input of ``small()``, described by ``size``) takes at most 8x as long and
    at most ``limit`` seconds. A busy machine can stall one measurement but never turns a
    quadratic step into a linear one: the pair is measured again, up to ``rounds`` times, and the
    check fails only when every round does."""
    failures = []
    for _ in range(rounds):
        t1, t4 = seconds(small), seconds(big)
        if t4 > limit:
            failures.append(f"{t4:.3f} s on 4x {size} (limit {limit} s)")
        elif t4 > max(8 * t1, 0.02):
            failures.append(f"{t1:.4f} s on {size}, {t4:.4f} s on 4x that: not linear")
        else:
            return
    raise AssertionError("; ".join(failures))
