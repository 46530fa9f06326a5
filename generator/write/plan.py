"""What a run would do to OUT, worked out once (as sqlc does): ``write`` carries the plan out,
``check`` reports it. So the two never disagree about which files change and why.

A plan compares the files a run makes (``want``: path -> bytes) and those it knows OUT holds as
they would be made (``reused``: path -> digest) with OUT and its manifest (``record``):

- a wanted file OUT lacks is added; one whose bytes differ is changed, if gen-models wrote it
  (the manifest lists it; a file edited by hand since is noted) or it is a module of gen-models
  0.1; anything else in the way is a conflict (a run refuses to write at all);
- a file the manifest lists that the run no longer makes is removed if OUT still holds what
  gen-models wrote; a file edited by hand since is kept (left in place, no longer tracked);
- the new manifest, and whether OUT's is that already.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import manifest
from .manifest import Manifest, Stamp, digest
from .paths import NotOwned, check_parents


@dataclass(frozen=True)
class Step:
    """One file the run adds, changes or removes. ``data``: its new bytes (None for a removal);
    ``disk``: what OUT holds there now (None: nothing, or it was not read)."""

    path: str  # relative to OUT
    action: str  # add | change | remove
    data: bytes | None = None
    disk: bytes | None = None
    hand_edited: bool = (
        False  # a change of a file edited by hand since gen-models wrote it
    )


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)  # by path
    unchanged: int = 0  # wanted files OUT holds already
    conflicts: list[str] = field(default_factory=list)  # files in the way, not ours
    kept: list[str] = field(
        default_factory=list
    )  # hand-edited files whose input is gone
    digests: dict[str, str] = field(default_factory=dict)  # OUT's files after the run
    manifest: bytes = b""  # the manifest of OUT after the run
    recorded: bool = False  # OUT's manifest is that already
    record: Manifest | None = None  # OUT's manifest before the run

    @property
    def writes(self) -> list[tuple[str, bytes]]:
        return [(s.path, s.data) for s in self.steps if s.data is not None]

    @property
    def removals(self) -> list[str]:
        return [s.path for s in self.steps if s.action == "remove"]


def plan(
    out: Path,
    want: Mapping[str, bytes],
    reused: Mapping[str, str],
    record: Manifest | None,
    stamp: Stamp | None,
    sources: Mapping[str, str],
    read: Callable[[Path, int], bytes | None],
    legacy: Callable[[Path], bool],
    read_all: bool = False,
    digests: Mapping[str, str] | None = None,
    record_bytes: bytes | None = None,
) -> Plan:
    """The plan for making OUT hold ``want`` (and keep ``reused``). ``read(path, limit)``: a
    file's bytes; ``legacy(path)``: a module of gen-models 0.1. A file of another size than
    wanted, that gen-models did not write, is not read unless ``read_all`` (``check`` shows its
    diff). ``digests``: the SHA-256 of wanted files, where known (else worked out here).
    ``record_bytes``: OUT's manifest as it is, if known to be what this code's ``manifest.dumps``
    made of ``record`` (the new one is then made by rewriting only the entries that changed).
    Raises ``NotOwned`` where a folder on the way is a symlink or a file."""
    old = dict(record.files) if record is not None else {}
    result = Plan(record=record)
    checked: set[str] = set()
    for rel, data in sorted(want.items()):
        check_parents(out, rel, checked)
        target = out / rel
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            result.steps.append(Step(rel, "add", data))
            continue
        if not stat.S_ISREG(st.st_mode):
            result.conflicts.append(f"{rel} (not a regular file)")
            continue
        ours = rel in old
        # all of a file gen-models wrote (its digest tells a hand edit), else enough to compare
        current = (
            read(target, max(len(data), st.st_size if ours else 0, 1 << 20))
            if st.st_size == len(data) or ours or read_all
            else None
        )
        if current == data:
            result.unchanged += 1
        elif ours:
            edited = current is not None and digest(current) != old[rel]
            result.steps.append(Step(rel, "change", data, current, edited))
        elif legacy(target):
            result.steps.append(Step(rel, "change", data, current))
        else:
            result.conflicts.append(rel)
    for rel, sha in sorted(old.items()):
        if rel in want or rel in reused:
            continue
        target = out / rel
        try:
            check_parents(out, rel)
            st = os.lstat(target)
        except (FileNotFoundError, NotOwned):
            continue
        found = read(target, st.st_size) if stat.S_ISREG(st.st_mode) else None
        if found is not None and digest(found) == sha:
            result.steps.append(Step(rel, "remove", None, found))
        else:
            result.kept.append(rel)
    result.steps.sort(key=lambda s: s.path)
    known = digests or {}
    result.digests = {rel: known.get(rel) or digest(data) for rel, data in want.items()}
    result.digests.update(reused)
    made = (
        manifest.patched(record_bytes, record, result.digests, stamp, sources)
        if record_bytes is not None and record is not None
        else None
    )
    result.manifest = (
        made if made is not None else manifest.dumps(result.digests, stamp, sources)
    )
    if record_bytes is not None:
        result.recorded = record_bytes == result.manifest
    else:
        meta = out / manifest.META / manifest.MANIFEST
        result.recorded = read(meta, len(result.manifest)) == result.manifest
    return result
