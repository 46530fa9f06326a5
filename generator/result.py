"""What a run returns (``generate``): the files, the diagnostics and what the run did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic

if TYPE_CHECKING:
    from . import ir
    from .join import JoinReport
    from .render.naming import Naming
    from .write import Change


@dataclass
class Result:
    # (path relative to OUT, text), sorted by path: every output file
    files: Sequence[tuple[str, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    package: ir.Package | None = None  # the IR, after the passes
    naming: Naming | None = (
        None  # the Python names of the output kind (None when there were errors)
    )
    timings: dict[str, float] = field(default_factory=dict)
    written: bool = False
    stale: list[str] = field(default_factory=list)  # with check=True: files that differ
    changed: list[str] = field(
        default_factory=list
    )  # files the write added, replaced or removed
    changes: list[Change] = field(
        default_factory=list
    )  # with check=True: what would change, and why
    unchanged: bool = (
        False  # OUT was known to be up to date without generating (files is empty then)
    )
    drift: JoinReport | None = None  # what the docs+spec join found (None: no join ran)
    # files of ``files`` left as they were in OUT, not rendered again (an incremental run)
    reused: list[str] = field(default_factory=list)
    # OUT was patched from the last run's snapshot (``generator.patch``: a few docs edited,
    # reaching no other model); ``package`` and ``naming`` are None then, as no IR of the whole
    # was made
    patched: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.severity.name == "ERROR" for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        if not self.ok:
            return 2
        return 1 if self.stale else 0
