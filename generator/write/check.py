"""The explaining check (``--check``): what a run would add, change or remove in OUT, and why
(input changed, options, version, templates, the generator's code, edited by hand), with a short
diff per file. It compares; it never writes."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics
from . import manifest, transaction
from .cache import code_digest
from .files import encode_outputs, is_legacy, read_head
from .manifest import META, Stamp
from .plan import plan
from .previous import Previous, Stale


@dataclass(frozen=True)
class Change:
    """A file a run would add, change or remove, and why."""

    path: str  # relative to OUT
    action: str  # add | change | remove | repair
    reason: str
    diff: tuple[
        str, ...
    ] = ()  # unified diff lines (empty for binary-free adds of new files too long to matter)

    def __str__(self) -> str:
        verb = {
            "add": "would be added",
            "change": "would change",
            "remove": "would be removed",
            "repair": "left by a killed run",
        }[self.action]
        return f"{self.path}: {verb} ({self.reason})"


def check(
    out: str | os.PathLike,
    files: list[tuple[str, str]],
    diags: Diagnostics | None = None,
    stamp: Stamp | None = None,
    sources: Mapping[str, str] | None = None,
    reused: Mapping[str, str] | None = None,
    previous: Previous | None = None,
) -> list[Change]:
    """What a run would add, change or remove in OUT, and why; plus what killed runs left.
    ``reused``, ``previous``: as for ``write`` (files known to be as they would be written).
    """
    out = Path(out)
    diags = diags if diags is not None else Diagnostics()
    want = encode_outputs(files)
    reused = dict(reused or {})
    meta = out / META
    sources = sources or {}
    changes: list[Change] = []
    with transaction.locked(meta, shared=True):
        if reused and (previous is None or not previous.unchanged()):
            raise Stale("OUT changed since this run looked at it")
        for rel in transaction.leftovers(out):
            pending = rel.endswith(transaction.JOURNAL)
            what = (
                "an interrupted run left OUT half written"
                if pending
                else "a killed run left a staging folder"
            )
            diags.warning(
                os.fspath(out / rel),
                1,
                f"{what}; the next run repairs it",
                "write-leftover",
            )
            changes.append(Change(rel, "repair", what))
        record = manifest.load(out, diags)
        todo = plan(
            out,
            want,
            reused,
            record,
            stamp,
            sources,
            read_head,
            is_legacy,
            read_all=True,
        )
        # the generator's code that wrote OUT, where the run's look at OUT found it (state.json)
        other_code = (
            previous is not None
            and bool(previous.code)
            and previous.code != code_digest()
        )
        why = _Reasons(record, stamp, sources, other_code)
        planned: list[Change] = []
        refused = "not written by gen-models: a run would refuse to replace it"
        for rel in todo.conflicts:
            path = rel.removesuffix(" (not a regular file)")
            disk = read_head(out / path, 1 << 20) if path == rel else None
            diff = _diff(path, disk, want[path]) if disk is not None else ()
            planned.append(Change(path, "change", refused, diff))
        for step in todo.steps:
            if step.action == "remove":
                src = record.sources.get(step.path) if record is not None else None
                reason = (
                    f"input removed: {src}"
                    if src and stamp is not None and src not in stamp.inputs
                    else "no longer generated"
                )
                planned.append(Change(step.path, "remove", reason))
                continue
            assert step.data is not None
            if step.action == "add":
                reason = why.of(step.path)
            elif step.hand_edited:
                reason = "edited by hand since gen-models wrote it"
            else:
                reason = why.of(step.path)
            diff = _diff(step.path, step.disk or b"", step.data)
            planned.append(Change(step.path, step.action, reason, diff))
        for rel in todo.kept:
            diags.warning(
                os.fspath(out / rel),
                1,
                "edited by hand and its input is gone: a run leaves it in place, no longer tracked",
                "write-hand-edited",
            )
        # what killed runs left, the files to add or change, then those to remove
        changes.extend(sorted(planned, key=lambda c: (c.action == "remove", c.path)))
        if not changes and not todo.recorded:
            changes.append(
                Change(
                    f"{META}/{manifest.MANIFEST}",
                    "change" if record is not None else "add",
                    "the record of the last run is out of date",
                )
            )
    return changes


class _Reasons:
    """Why an output file differs, from the last run's stamp and this one's."""

    def __init__(
        self,
        record: manifest.Manifest | None,
        stamp: Stamp | None,
        sources: Mapping[str, str],
        other_code: bool = False,
    ):
        self.old = record.stamp if record is not None else None
        self.new = stamp
        self.sources = sources
        # OUT was written by other code of the same version
        self.other_code = other_code

    def of(self, rel: str) -> str:
        old, new = self.old, self.new
        if old is None or new is None:
            return "no record of the run that wrote OUT"
        src = self.sources.get(rel)
        if src is not None and old.inputs.get(src) != new.inputs.get(src):
            return f"input {'changed' if src in old.inputs else 'added'}: {src}"
        if old.version != new.version:
            return f"generator version changed ({old.version} -> {new.version})"
        if old.options != new.options:
            diffs = [
                f"{k}: {old.options.get(k)!r} -> {new.options.get(k)!r}"
                for k in sorted(set(old.options) | set(new.options))
                if old.options.get(k) != new.options.get(k)
            ]
            return "options changed (" + ", ".join(diffs) + ")"
        if old.templates != new.templates:
            return "templates changed"
        moved = sorted(
            k
            for k in set(old.inputs) | set(new.inputs)
            if old.inputs.get(k) != new.inputs.get(k)
        )
        if moved:
            shown = ", ".join(moved[:3]) + (
                f" and {len(moved) - 3} more" if len(moved) > 3 else ""
            )
            return f"other inputs changed: {shown}"
        if self.other_code:
            return f"generator's code changed (version {new.version} both times)"
        return "differs from what the inputs generate"


def _diff(rel: str, old: bytes, new: bytes) -> tuple[str, ...]:
    a = old.decode("utf-8", "replace").splitlines(keepends=False)
    b = new.decode("utf-8", "replace").splitlines(keepends=False)
    return tuple(difflib.unified_diff(a, b, f"a/{rel}", f"b/{rel}", n=2, lineterm=""))
