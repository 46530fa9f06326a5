"""Progress of a run, for people watching a terminal: one line that updates per stage.

The pipeline reports to whatever ``Progress`` it is handed (``generate(..., progress=...)``);
by default nothing, so the library prints nothing. The command line hands a ``TerminalProgress``
when stderr is a terminal (and not ``-q``), which stays silent for a run's first second: short
runs print nothing, long ones show ``gen-models: render 4,000/17,929`` on one line, cleared at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, TextIO


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None:
        """A stage starts; ``total``: how many items it has, if it counts them."""
        ...

    def advance(self, n: int = 1) -> None:
        """``n`` more items of the current stage are done."""
        ...

    def close(self) -> None:
        """The run is over: take the line away."""
        ...


class TerminalProgress:
    """One updating line on ``stream`` (a terminal), after ``delay`` seconds, at most every
    ``interval`` seconds."""

    DELAY = 1.0  # seconds a run is silent: short runs print nothing
    INTERVAL = 0.1  # seconds between updates of the line

    def __init__(
        self,
        stream: TextIO,
        delay: float | None = None,
        interval: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.delay = self.DELAY if delay is None else delay
        self.interval = self.INTERVAL if interval is None else interval
        self.name = ""
        self.total: int | None = None
        self.count = 0
        self.shown = False
        self.last = float("-inf")

    def stage(self, name: str, total: int | None = None) -> None:
        self.name, self.total, self.count = name, total, 0
        self._show(force=True)

    def advance(self, n: int = 1) -> None:
        self.count += n
        self._show()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def _show(self, force: bool = False) -> None:
        now = self.clock()
        if now - self.start < self.delay or (
            not force and now - self.last < self.interval
        ):
            return
        self.last = now
        text = f"gen-models: {self.name}"
        if self.total:
            text += f" {min(self.count, self.total):,}/{self.total:,}"
        text += f" ({now - self.start:.0f} s)"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self.shown = True
