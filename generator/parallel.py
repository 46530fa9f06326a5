"""Map a function over work in chunks, on every core when there is enough work to pay for it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TypeVar

from .signals import held, release

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 100  # below this, starting processes costs more than it saves


def workers(jobs: int = 0) -> int:
    """How many processes to use: ``jobs`` when it is positive, else one per core."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


_SHARED: object = None  # handed to forked workers by memory, not by pickling


def map_chunks(
    func: Callable[..., list[R]],
    items: Sequence[T],
    shared: object = None,
    done: Callable[[int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
    jobs: int = 0,
) -> list[R]:
    """``func(chunk)`` (or ``func(chunk, shared)`` when ``shared`` is given) returns one result per
    item; results come back in order. ``shared`` reaches forked workers without being pickled.
    ``done(n)`` is told as each chunk of ``n`` items is done (progress). ``meanwhile()`` is
    called once in this process while the workers work (without workers: after the work), so
    the caller's own share of the work does not wait for theirs, nor theirs for it. ``jobs``:
    how many processes (``workers``; 1 works in this process).
    """
    global _SHARED
    args = () if shared is None else (shared,)
    n = workers(jobs)
    if (
        n == 1
        or len(items) < MIN_ITEMS
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        if done is None or len(items) < MIN_ITEMS:
            result = func(items, *args)
            if done is not None:
                done(len(items))
        else:
            size = -(-len(items) // 20)
            result = []
            for i in range(0, len(items), size):
                result.extend(func(items[i : i + size], *args))
                done(len(items[i : i + size]))
        if meanwhile is not None:
            meanwhile()
        return result
    size = -(-len(items) // (n * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _SHARED = shared
    pool = ProcessPoolExecutor(
        max_workers=n,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )
    try:
        out: list[R] = []
        with (
            held()
        ):  # workers start with Ctrl-C and SIGTERM blocked until their own handlers are set
            results = pool.map(
                partial(_call, func, shared is not None), chunks
            )  # submits every chunk
        if meanwhile is not None:
            meanwhile()
        for part in results:
            out.extend(part)
            if done is not None:
                done(len(part))
        pool.shutdown()
        return out
    except (
        BaseException
    ):  # Ctrl-C, SIGTERM, a worker's error: stop the workers now, not after their work
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        _SHARED = None


def _worker_init(parent: int) -> None:
    """Workers leave Ctrl-C (sent to the whole process group) and SIGTERM to the parent, which
    stops them; so an interrupted run prints one line, not a traceback per worker. A worker
    whose parent is killed outright (SIGKILL) ends too, instead of waiting for work forever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(
            1, signal.SIGKILL
        )  # PR_SET_PDEATHSIG (Linux)
    except (
        OSError,
        AttributeError,
        TypeError,
    ):  # pragma: no cover - not Linux: poll instead
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    release()


def _watch_parent(parent: int) -> None:  # pragma: no cover - not Linux
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _call(
    func: Callable[..., list[R]], with_shared: bool, chunk: Sequence[T]
) -> list[R]:
    return func(chunk, _SHARED) if with_shared else func(chunk)
