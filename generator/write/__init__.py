"""Stage 7, write: the only stage that touches OUT.

- It replaces or removes only files it wrote (``OUT/.gen-models/manifest.json`` lists them), or
  files whose bytes are already what it would write; anything else in the way is an error and
  nothing is written.
- It writes only the files whose bytes change; unchanged files keep their mtime.
- Changes go in as a transaction (``transaction.py``): a killed run never leaves OUT mixed
  without the next run saying so and repairing it.
- ``check`` (``check.py``) compares instead of writing; ``Previous`` (``previous.py``) is OUT as
  the last run left it, which a run looks at before generating.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics
from . import manifest, transaction
from .cache import Cache, code_digest
from .check import Change, check
from .files import encode_outputs, is_legacy, read_head
from .manifest import GITIGNORE, META, Stamp
from .paths import NotOwned, UnsafePath, WriteRefused, overlap
from .plan import plan
from .previous import Previous, Stale, up_to_date

__all__ = [
    "Change",
    "NotOwned",
    "Previous",
    "Stale",
    "Stamp",
    "UnsafePath",
    "WriteRefused",
    "WriteSummary",
    "check",
    "overlap",
    "up_to_date",
    "write",
]

_SHOWN = 5  # paths named in one error


@dataclass(frozen=True)
class WriteSummary:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    changed: tuple[str, ...] = ()  # paths written or removed, relative to OUT


def _mkdir(path: Path, made: list[Path]) -> None:
    missing = []
    p = path
    while not os.path.lexists(p):
        missing.append(p)
        p = p.parent
    for p in reversed(missing):
        p.mkdir()
        made.append(p)


def write(
    out: str | os.PathLike,
    files: list[tuple[str, str]],
    diags: Diagnostics | None = None,
    stamp: Stamp | None = None,
    sources: Mapping[str, str] | None = None,
    reused: Mapping[str, str] | None = None,
    previous: Previous | None = None,
    cache: Cache | None = None,
    digests: Mapping[str, str] | None = None,
) -> WriteSummary:
    """Make OUT hold ``files`` (paths relative to OUT), touching only what gen-models owns.

    ``reused``: more output files, by digest, that OUT already holds as the last run left them
    (``previous`` said so; a run that did not render them again). If OUT changed since
    ``previous`` looked, raises ``Stale`` before touching anything. ``cache`` is saved once the
    output is in place. ``digests``: the SHA-256 of files' text (UTF-8), where known already.

    Raises ``WriteRefused`` (nothing changed) or ``OSError`` (OUT as it was, or a pending journal
    the next run finishes)."""
    out = Path(out)
    diags = diags if diags is not None else Diagnostics()
    want = encode_outputs(files)
    reused = dict(reused or {})
    both = sorted(want.keys() & reused.keys())
    if both:
        raise WriteRefused(f"an output is both rendered and reused: {both[0]!r}")
    if os.path.lexists(out) and not out.is_dir():
        raise NotOwned(f"OUT {os.fspath(out)!r} exists and is not a folder")
    made: list[Path] = (
        []
    )  # folders this run created: removed again if it fails before applying
    meta = out / META
    applied = False
    try:
        _mkdir(meta, made)
        waiting = lambda: diags.info(
            os.fspath(out),
            1,
            "another gen-models run is writing here; waiting for it",
            "write-locked",
        )  # noqa: E731
        with transaction.locked(meta, waiting=waiting):
            same = previous is not None and previous.unchanged()
            if reused and not same:
                raise Stale("OUT changed since this run looked at it")
            transaction.recover(out, diags)
            record = (
                previous.record
                if same and previous is not None and previous.record is not None
                else manifest.load(out, diags)
            )
            code = code_digest()
            # OUT's manifest as this code wrote it (its state, written after it, names its
            # digest and this code): the new one is made by rewriting the entries that changed
            record_bytes = (
                previous.manifest_bytes
                if same
                and previous is not None
                and previous.record is not None
                and previous.state
                and previous.code == code
                else None
            )
            todo = plan(
                out,
                want,
                reused,
                record,
                stamp,
                sources or {},
                read_head,
                is_legacy,
                digests=digests,
                record_bytes=record_bytes,
            )
            if todo.conflicts:
                conflicts = todo.conflicts
                shown = ", ".join(conflicts[:_SHOWN]) + (
                    f" and {len(conflicts) - _SHOWN} more"
                    if len(conflicts) > _SHOWN
                    else ""
                )
                raise NotOwned(
                    f"{len(conflicts)} file(s) in OUT were not written by gen-models and would be replaced: {shown}; "
                    "move them away or choose another OUT"
                )
            for step in todo.steps:
                if step.hand_edited:
                    diags.warning(
                        os.fspath(out / step.path),
                        1,
                        "edited by hand since gen-models wrote it; overwritten",
                        "write-hand-edited",
                    )
            for rel in todo.kept:
                diags.warning(
                    os.fspath(out / rel),
                    1,
                    "edited by hand and its input is gone: left in place, no longer tracked",
                    "write-hand-edited",
                )
            changed, removals = todo.writes, todo.removals
            if read_head(meta / ".gitignore", len(GITIGNORE)) != GITIGNORE.encode():
                transaction.atomic_write(meta / ".gitignore", GITIGNORE.encode())
            recorded, new_manifest = todo.recorded, todo.manifest
            if changed or removals or not recorded:
                folder = transaction.stage(meta, changed)
                journal = transaction.begin(
                    meta, folder, [rel for rel, _ in changed], removals, new_manifest
                )
                applied = (
                    True  # from here on, a failure leaves the journal for the next run
                )
                transaction.apply(out, journal)
            known = previous.stats if previous is not None else {}
            manifest.save_state(
                out,
                sorted(todo.digests),
                {rel: known[rel] for rel in reused},
                code,
            )
            if cache is not None and cache.dirty:
                cache.save(meta)
            paths = tuple(
                sorted(
                    [rel for rel, _ in changed]
                    + removals
                    + ([] if recorded else [f"{META}/{manifest.MANIFEST}"])
                )
            )
            return WriteSummary(
                written=len(changed),
                unchanged=todo.unchanged + len(reused),
                removed=len(removals),
                changed=paths,
            )
    except BaseException:
        if not applied:
            for p in reversed(made):
                _remove_made(p)
        raise


def _remove_made(p: Path) -> None:
    """Remove a folder this run created (with only gen-models' own files in it)."""
    try:
        for name in os.listdir(p):
            if name in (transaction.LOCK, ".gitignore") or name.startswith(
                transaction.STAGE_PREFIX
            ):
                child = p / name
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink()
        p.rmdir()
    except OSError:
        pass
