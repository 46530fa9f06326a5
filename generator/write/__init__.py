"""Stage 7, write: the only stage that touches OUT.

- It replaces or removes only files it wrote (``OUT/.gen-models/manifest.json`` lists them), or
  files whose bytes are already what it would write; anything else in the way is an error and
  nothing is written.
- It writes only the files whose bytes change; unchanged files keep their mtime.
- Changes go in as a transaction (``transaction.py``): a killed run never leaves OUT mixed
  without the next run saying so and repairing it.
- ``check`` compares instead of writing.
"""

from __future__ import annotations

import difflib
import os
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics
from . import manifest, transaction
from .manifest import GITIGNORE, META, Stamp, digest
from .paths import NotOwned, UnsafePath, WriteRefused, check_parents, overlap, safe

__all__ = [
    "Change",
    "NotOwned",
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


def _encode(files: list[tuple[str, str]]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for rel, text in files:
        r = safe(rel)
        if r.split("/")[0] == META:
            raise UnsafePath(f"refusing to write into gen-models' own folder: {rel!r}")
        if r in out:
            raise WriteRefused(f"two outputs have the same path: {r!r}")
        try:
            out[r] = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise WriteRefused(
                f"{r}: text has a character UTF-8 cannot encode ({exc.object[exc.start]!a})"
            ) from None
    folders = {
        "/".join(r.split("/")[:i]) for r in out for i in range(1, r.count("/") + 1)
    }
    both = sorted(folders & out.keys())
    if both:
        raise WriteRefused(f"an output path is both a file and a folder: {both[0]!r}")
    return out


def _read(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file (None if missing); at most ``limit`` + 1 bytes."""
    try:
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _legacy(path: Path) -> bool:
    """A module written by gen-models 0.1, before manifests: its header says so."""
    head = _read(path, 400) or b""
    return path.suffix == ".py" and b"by gen-models" in head and b"Do not edit" in head


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
) -> WriteSummary:
    """Make OUT hold ``files`` (paths relative to OUT), touching only what gen-models owns.

    Raises ``WriteRefused`` (nothing changed) or ``OSError`` (OUT as it was, or a pending journal
    the next run finishes)."""
    out = Path(out)
    diags = diags if diags is not None else Diagnostics()
    want = _encode(files)
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
            transaction.recover(out, diags)
            record = manifest.load(out, diags)
            old = dict(record.files) if record is not None else {}
            changed, conflicts, unchanged = [], [], 0
            checked: set[str] = set()
            for rel, data in sorted(want.items()):
                check_parents(out, rel, checked)
                target = out / rel
                try:
                    st = os.lstat(target)
                except FileNotFoundError:
                    changed.append((rel, data))
                    continue
                if not stat.S_ISREG(st.st_mode):
                    conflicts.append(f"{rel} (not a regular file)")
                    continue
                current = (
                    _read(target, max(len(data), 1 << 20))
                    if st.st_size == len(data) or rel in old
                    else None
                )
                if current == data:
                    unchanged += 1
                elif rel in old:
                    if current is not None and digest(current) != old[rel]:
                        diags.warning(
                            os.fspath(target),
                            1,
                            "edited by hand since gen-models wrote it; overwritten",
                            "write-hand-edited",
                        )
                    changed.append((rel, data))
                elif _legacy(target):
                    changed.append((rel, data))
                else:
                    conflicts.append(rel)
            if conflicts:
                shown = ", ".join(conflicts[:_SHOWN]) + (
                    f" and {len(conflicts) - _SHOWN} more"
                    if len(conflicts) > _SHOWN
                    else ""
                )
                raise NotOwned(
                    f"{len(conflicts)} file(s) in OUT were not written by gen-models and would be replaced: {shown}; "
                    "move them away or choose another OUT"
                )
            removals = []
            for rel, sha in sorted(old.items()):
                if rel in want:
                    continue
                target = out / rel
                try:
                    check_parents(out, rel)
                    st = os.lstat(target)
                except (FileNotFoundError, NotOwned):
                    continue
                data = _read(target, st.st_size) if stat.S_ISREG(st.st_mode) else None
                if data is not None and digest(data) == sha:
                    removals.append(rel)
                else:
                    diags.warning(
                        os.fspath(target),
                        1,
                        "edited by hand and its input is gone: left in place, no longer tracked",
                        "write-hand-edited",
                    )
            new_manifest = manifest.dumps(
                {rel: digest(data) for rel, data in want.items()}, stamp, sources or {}
            )
            if _read(meta / ".gitignore", len(GITIGNORE)) != GITIGNORE.encode():
                transaction.atomic_write(meta / ".gitignore", GITIGNORE.encode())
            recorded = (
                _read(meta / manifest.MANIFEST, len(new_manifest)) == new_manifest
            )
            if changed or removals or not recorded:
                folder = transaction.stage(meta, changed)
                journal = transaction.begin(
                    meta, folder, [rel for rel, _ in changed], removals, new_manifest
                )
                applied = (
                    True  # from here on, a failure leaves the journal for the next run
                )
                transaction.apply(out, journal)
            manifest.save_state(out, sorted(want))
            paths = tuple(
                sorted(
                    [rel for rel, _ in changed]
                    + removals
                    + ([] if recorded else [f"{META}/{manifest.MANIFEST}"])
                )
            )
            return WriteSummary(
                written=len(changed),
                unchanged=unchanged,
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


def up_to_date(out: str | os.PathLike, stamp: Stamp) -> bool:
    """Whether OUT holds exactly what a run with ``stamp`` writes, known without generating:
    the manifest has the same stamp, no killed run left anything, no file was touched since.
    """
    out = Path(out)
    meta = out / META
    try:
        data = _read(meta / manifest.MANIFEST, 1 << 30)
    except OSError:
        return False
    if data is None or transaction.leftovers(out):
        return False
    record = manifest.load(out, None)
    return record is not None and record.stamp == stamp and manifest.intact(out, data)


def check(
    out: str | os.PathLike,
    files: list[tuple[str, str]],
    diags: Diagnostics | None = None,
    stamp: Stamp | None = None,
    sources: Mapping[str, str] | None = None,
) -> list[Change]:
    """What a run would add, change or remove in OUT, and why; plus what killed runs left."""
    out = Path(out)
    diags = diags if diags is not None else Diagnostics()
    want = _encode(files)
    meta = out / META
    sources = sources or {}
    changes: list[Change] = []
    with transaction.locked(meta, shared=True):
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
        old = record.files if record is not None else {}
        why = _Reasons(record, stamp, sources)
        for rel, data in sorted(want.items()):
            target = out / rel
            try:
                st = os.lstat(target)
                disk = (
                    _read(target, max(len(data), 1 << 20))
                    if stat.S_ISREG(st.st_mode)
                    else b""
                )
            except OSError:
                disk = None
            if disk == data:
                continue
            if disk is None:
                changes.append(Change(rel, "add", why.of(rel), _diff(rel, b"", data)))
            elif rel in old and digest(disk) != old[rel]:
                changes.append(
                    Change(
                        rel,
                        "change",
                        "edited by hand since gen-models wrote it",
                        _diff(rel, disk, data),
                    )
                )
            elif rel not in old and record is not None:
                changes.append(
                    Change(
                        rel,
                        "change",
                        "not written by gen-models: a run would refuse to replace it",
                        _diff(rel, disk, data),
                    )
                )
            else:
                changes.append(
                    Change(rel, "change", why.of(rel), _diff(rel, disk, data))
                )
        for rel in sorted(old):
            if rel not in want and os.path.lexists(out / rel):
                src = record.sources.get(rel) if record is not None else None
                reason = (
                    f"input removed: {src}"
                    if src and stamp is not None and src not in stamp.inputs
                    else "no longer generated"
                )
                changes.append(Change(rel, "remove", reason))
        new_manifest = manifest.dumps(
            {rel: digest(data) for rel, data in want.items()}, stamp, sources
        )
        if (
            not changes
            and _read(meta / manifest.MANIFEST, len(new_manifest)) != new_manifest
        ):
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
    ):
        self.old = record.stamp if record is not None else None
        self.new = stamp
        self.sources = sources

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
        return "differs from what the inputs generate"


def _diff(rel: str, old: bytes, new: bytes) -> tuple[str, ...]:
    a = old.decode("utf-8", "replace").splitlines(keepends=False)
    b = new.decode("utf-8", "replace").splitlines(keepends=False)
    return tuple(difflib.unified_diff(a, b, f"a/{rel}", f"b/{rel}", n=2, lineterm=""))
