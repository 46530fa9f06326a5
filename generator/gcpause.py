"""The cyclic garbage collector paused for a run: ``@paused()`` around ``generate``.

A run builds hundreds of thousands of small containers (the YAML tree, the IR, render's
strings) and frees almost all of them by reference counting; the collector's passes over the
growing heap cost a quarter of a run on a large spec and find next to nothing. Paused for the
call only: it runs again afterwards if it ran before (a library caller's setting is kept).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
