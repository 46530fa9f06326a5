"""Holding back Ctrl-C and SIGTERM around steps that must not be cut in two."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

STOP = frozenset({signal.SIGINT, signal.SIGTERM})


@contextmanager
def held() -> Iterator[None]:
    """Block SIGINT and SIGTERM for this thread (and for processes forked meanwhile, which
    inherit the mask); a signal sent meanwhile arrives when the block ends."""
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP)
    except (AttributeError, ValueError, OSError):  # pragma: no cover - no POSIX signals
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def release() -> None:
    """Unblock SIGINT and SIGTERM (a forked worker, once its handlers are set)."""
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP)
    except (AttributeError, ValueError, OSError):  # pragma: no cover
        pass
