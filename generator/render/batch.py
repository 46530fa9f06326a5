"""The render workers' share of a run: each kind of output rendered model by model (the
package's modules, the docs) is a ``Part``; ``run`` hands the items of every part to one set of
workers (one pool: the workers start once), while this process makes what each part makes from
the whole package (``meanwhile``: indexes, runtime). Results come back per part, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from ..parallel import map_chunks

if TYPE_CHECKING:
    from ..progress import Progress


@dataclass
class Part:
    # ``chunk(indices, shared)``: one result per index (run in a worker)
    chunk: Callable[[Sequence[int], object], list]
    shared: object
    todo: list[int]
    # called once in this process while the workers work
    meanwhile: Callable[[], None] | None = None
    results: list = field(default_factory=list)  # ``chunk``'s, in ``todo`` order


def run(parts: Sequence[Part], progress: Progress | None = None, jobs: int = 0) -> None:
    """Every part's ``todo`` rendered (``results``), each ``meanwhile`` called; ``jobs``:
    processes (``parallel.workers``)."""
    items = [(k, i) for k, part in enumerate(parts) for i in part.todo]
    if progress is not None:
        progress.stage("render", len(items))

    def meanwhile() -> None:
        for part in parts:
            if part.meanwhile is not None:
                part.meanwhile()

    got = map_chunks(
        _chunk,
        items,
        [(part.chunk, part.shared) for part in parts],
        done=None if progress is None else progress.advance,
        meanwhile=meanwhile,
        jobs=jobs,
    )
    start = 0
    for part in parts:
        part.results = got[start : start + len(part.todo)]
        start += len(part.todo)


def _chunk(items: Sequence[tuple[int, int]], shared) -> list:
    out: list = []
    for k, group in groupby(items, key=lambda item: item[0]):
        chunk, data = shared[k]
        out.extend(chunk([i for _, i in group], data))
    return out
