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
    t1 = seconds(lambda: func(small))
    t4 = seconds(lambda: func(big))
    assert t4 <= limit, f"{t4:.3f} s on {len(big):,} characters (limit {limit} s)"
    assert t4 <= max(
        8 * t1, 0.02
    ), f"{t1:.4f} s on {len(small):,} characters, {t4:.4f} s on 4x that: not linear"
