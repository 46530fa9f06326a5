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
from .cache import Cache, code_digest
from .manifest import GITIGNORE, META, Stamp
from .paths import NotOwned, UnsafePath, WriteRefused, overlap, safe
from .plan import plan

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
    want = _encode(files)
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
            todo = plan(
                out,
                want,
                reused,
                record,
                stamp,
                sources or {},
                _read,
                _legacy,
                digests=digests,
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
            if _read(meta / ".gitignore", len(GITIGNORE)) != GITIGNORE.encode():
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
                code_digest(),
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
    return Previous(out).up_to_date(stamp)


class Stale(Exception):
    """OUT changed between a run's look at it (``Previous``) and its write: the run must render
    what it meant to reuse."""


class Previous:
    """OUT as the last run left it: its manifest and the local record of each file's size and
    mtime as written (``state.json``), read once, without the lock. A run reuses an output
    (does not render it again) only if OUT still holds, untouched, what the manifest says it
    wrote there; ``write`` checks under the lock that nothing changed since."""

    def __init__(self, out: str | os.PathLike):
        self.out = Path(out)
        self._base = os.fspath(self.out)
        meta = self.out / META
        self.manifest_bytes = self._bytes(meta / manifest.MANIFEST)
        self.state_bytes = self._bytes(meta / manifest.STATE)
        self.leftovers = transaction.leftovers(self.out)
        self.record = (
            manifest.loads(self.manifest_bytes)
            if self.manifest_bytes is not None
            else None
        )
        # the files as written, and the digest of the generator's code that wrote them
        self.state, self.code = (
            manifest.load_state(self.state_bytes, self.manifest_bytes)
            if self.state_bytes is not None and self.manifest_bytes is not None
            else ({}, "")
        )
        self.stats: dict[str, list[int]] = {}  # outputs found as written: their state

    @staticmethod
    def _bytes(path: Path) -> bytes | None:
        try:
            return _read(path, 1 << 30)
        except OSError:
            return None

    def up_to_date(self, stamp: Stamp, code: str | None = None) -> bool:
        """Whether OUT holds what a run with ``stamp`` writes, by the generator whose code has
        the digest ``code`` (by default this one's: an edited checkout with the same version
        number may write other files)."""
        return (
            self.record is not None
            and not self.leftovers
            and self.record.stamp == stamp
            and self.code == (code if code is not None else code_digest())
            and bool(self.state)
            and self.state.keys()
            == self.record.files.keys()  # paths the manifest made safe
            and all(self._intact(rel) for rel in self.state)
        )

    def reusable(self, rel: str, sha: str) -> bool:
        """Whether OUT holds at ``rel`` the file of digest ``sha`` the last run wrote, untouched."""
        return self.all_reusable({rel: sha})

    def all_reusable(self, outputs: Mapping[str, str]) -> bool:
        """``reusable`` of each (path, digest) of ``outputs``: one call for a rendering's files
        (an edit run asks for each of 36,000 files of orq-node: no call per file)."""
        if self.record is None or self.leftovers:
            return False
        files, state, stats, base = (
            self.record.files,
            self.state,
            self.stats,
            self._base,
        )
        for rel, sha in outputs.items():
            want = state.get(rel)
            if want is None or files.get(rel) != sha:
                return False
            try:
                st = os.lstat(f"{base}/{rel}")
            except (OSError, ValueError):
                return False
            if (
                not stat.S_ISREG(st.st_mode)
                or st.st_size != want[0]
                or st.st_mtime_ns != want[1]
            ):
                return False
            stats[rel] = want
        return True

    def _intact(self, rel: str) -> bool:
        want = self.state.get(rel)
        if want is None:
            return False
        try:
            st = os.lstat(f"{self._base}/{rel}")
        except (OSError, ValueError):
            return False
        if not stat.S_ISREG(st.st_mode) or [st.st_size, st.st_mtime_ns] != want:
            return False
        self.stats[rel] = want
        return True

    def unchanged(self) -> bool:
        """Whether the manifest and state are still what this object read, and no killed run
        left anything since (call with the lock held)."""
        meta = self.out / META
        return (
            not transaction.leftovers(self.out)
            and self._bytes(meta / manifest.MANIFEST) == self.manifest_bytes
            and self._bytes(meta / manifest.STATE) == self.state_bytes
        )


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
    want = _encode(files)
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
            out, want, reused, record, stamp, sources, _read, _legacy, read_all=True
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
            disk = _read(out / path, 1 << 20) if path == rel else None
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
