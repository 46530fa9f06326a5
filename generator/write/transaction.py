"""A write as a transaction inside ``OUT/.gen-models``.

1. Stage: every file that changes is written below ``stage-XXXX/``, and the new manifest beside
   them (``STAGED_MANIFEST``, synced); OUT itself is untouched.
2. Journal: the plan (the stage, files to move in, files to remove) is written atomically.
3. Apply: renames, removals, the new manifest, with Ctrl-C and SIGTERM held back; then the
   journal and the stage go.

A run killed (SIGKILL, power aside) before step 2 leaves only a staging folder, which the next run
removes; killed during step 3, it leaves the journal, and the next run (``recover``) finishes the
plan before doing anything else, saying so. ``--check`` reports both. One lock per OUT serializes
runs: the second waits.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from ..diagnostics import Diagnostics
from ..signals import held
from .manifest import MANIFEST, META
from .paths import check_parents, safe

JOURNAL = "journal.json"
# format 1 held the new manifest; 2 names the stage, which holds it at STAGED_MANIFEST
JOURNAL_FORMAT = 2
# where in the stage the new manifest waits: a path no output can have (outputs never go into
# gen-models' own folder)
STAGED_MANIFEST = f"{META}/{MANIFEST}"
LOCK = "lock"
STAGE_PREFIX = "stage-"
_LEGACY_STAGE = re.compile(
    r"^\.gen-models-[A-Za-z0-9_]{8}$"
)  # staging folders of gen-models 0.1


@contextmanager
def locked(
    meta: Path, shared: bool = False, waiting: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold OUT's lock: exclusive to write, shared to check. A run that finds it taken waits."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    try:
        fd = os.open(
            meta / LOCK, os.O_RDONLY if shared else os.O_RDWR | os.O_CREAT, 0o644
        )
    except FileNotFoundError:  # checking an OUT no run has locked yet
        yield
        return
    try:
        op = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(fd, op | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, op)
        yield
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


# files are created by a few threads: creating a file is a system call that waits on the file
# system, which serves several at once (a cold run of a big SDK creates 36,000 files). Each
# thread creates the files of whole folders: threads creating files in one folder take turns
# on its lock, and the kernel spins while they wait (measured on the orq spec: files dealt
# round-robin to 4 threads took 5 s of system time and 2.8 s; by folder 2.8 s and 1.6 s)
WRITERS = 4


def stage(meta: Path, files: list[tuple[str, bytes]]) -> Path:
    """Write ``files`` below a new staging folder; on any failure it is removed again."""
    folder = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=meta))
    base = os.fspath(folder)
    try:
        parents = sorted({os.path.dirname(rel) for rel, _ in files})
        for parent in parents:
            os.makedirs(os.path.join(base, parent), exist_ok=True)
        shares = _by_folder(files, WRITERS) if len(files) >= 64 else [files]
        if len(shares) == 1:
            _create(base, shares[0])
        else:
            with ThreadPoolExecutor(len(shares)) as pool:
                for done in [pool.submit(_create, base, share) for share in shares]:
                    done.result()  # the first failure is raised
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _by_folder(files: list[tuple[str, bytes]], n: int) -> list[list[tuple[str, bytes]]]:
    """``files`` in at most ``n`` shares of whole folders, about as many files in each (the
    biggest folders first, each to the share with the fewest files so far)."""
    folders: dict[str, list[tuple[str, bytes]]] = {}
    for item in files:
        folders.setdefault(os.path.dirname(item[0]), []).append(item)
    shares: list[list[tuple[str, bytes]]] = [[] for _ in range(min(n, len(folders)))]
    for _, group in sorted(folders.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        min(shares, key=len).extend(group)
    return shares


def _create(base: str, files: list[tuple[str, bytes]]) -> None:
    """Create each file (its folder exists) with its bytes."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for rel, data in files:
        fd = os.open(os.path.join(base, rel), flags, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)


def begin(
    meta: Path, folder: Path, moves: list[str], removals: list[str], manifest: bytes
) -> dict:
    """Write the journal of a write whose files ``folder`` holds: the new manifest goes into the
    stage beside them (``STAGED_MANIFEST``), not into the journal: the manifest of a big corpus
    is 18 MB, which the journal's JSON would escape and copy once more every run."""
    staged = folder / STAGED_MANIFEST
    staged.parent.mkdir(exist_ok=True)
    with open(staged, "wb") as fh:
        fh.write(manifest)
        fh.flush()
        os.fsync(
            fh.fileno()
        )  # durable before the journal that names it, as the journal is
    journal = {
        "format": JOURNAL_FORMAT,
        "stage": folder.name,
        "moves": moves,
        "removals": removals,
    }
    atomic_write(meta / JOURNAL, json.dumps(journal).encode("ascii"))
    return journal


def apply(out: Path, journal: dict) -> int:
    """Carry out a journal (again, if a killed run began it): idempotent. Returns files moved."""
    meta = out / META
    folder = meta / journal["stage"]
    moved = 0
    checked: set[str] = set()
    with held():
        # a folder OUT does not have yet moves in with one rename (a first run: two renames,
        # not one per file); its files are then no longer in the stage and are skipped below
        for rel, count in _new_folders(out, folder, journal["moves"]):
            check_parents(out, rel + "/-", checked)
            os.makedirs(os.path.dirname(os.path.join(out, rel)) or out, exist_ok=True)
            os.replace(folder / rel, out / rel)
            moved += count
        made: set[str] = set()
        base, staged = os.fspath(out), os.fspath(folder)
        for rel in journal["moves"]:
            src = os.path.join(staged, rel)
            if not os.path.lexists(src):
                continue  # moved before the kill, or with its folder
            check_parents(out, rel, checked)
            dst = os.path.join(base, rel)
            parent = os.path.dirname(dst)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            os.replace(src, dst)
            moved += 1
        for rel in journal["removals"]:
            try:
                os.unlink(out / rel)
            except FileNotFoundError:
                pass
            prune(out, rel)
        if "manifest" in journal:  # format 1 (an older gen-models): the manifest in it
            atomic_write(meta / MANIFEST, journal["manifest"].encode("ascii"))
        elif os.path.lexists(folder / STAGED_MANIFEST):  # else moved in before a kill
            os.replace(folder / STAGED_MANIFEST, meta / MANIFEST)
        os.unlink(meta / JOURNAL)
        shutil.rmtree(folder, ignore_errors=True)
    return moved


def _new_folders(out: Path, folder: Path, moves: list[str]) -> list[tuple[str, int]]:
    """The top-most folders of ``moves`` that OUT lacks and the stage holds as real folders,
    with how many of the moves each holds (the stage holds exactly the moves)."""
    missing: dict[str, bool] = {}
    found: dict[str, int] = {}
    for rel in moves:
        parts = rel.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            if d not in missing:
                missing[d] = not os.path.lexists(out / d) and _real_folder(folder / d)
            if missing[d]:
                found[d] = found.get(d, 0) + 1
                break
    return sorted(found.items())


def _real_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def prune(out: Path, rel: str) -> None:
    """Remove the folders of a removed file that are now empty (a lone ``__pycache__`` counts as empty)."""
    here = (out / rel).parent
    while here != out and out in here.parents:
        cache = here / "__pycache__"
        try:
            entries = os.listdir(here)
            if entries == ["__pycache__"] and all(
                n.endswith(".pyc") for n in os.listdir(cache)
            ):
                shutil.rmtree(cache)
                entries = []
            if entries:
                return
            os.rmdir(here)
        except OSError:
            return
        here = here.parent


def read_journal(meta: Path) -> dict | None | str:
    """The pending journal, None if there is none, or why it cannot be used."""
    try:
        data = (meta / JOURNAL).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc.strerror or str(exc)
    try:
        journal = json.loads(data)
        for rel in journal["moves"] + journal["removals"]:
            safe(rel)
        if (
            not isinstance(journal.get("manifest", ""), str)
            or journal.get("format") not in (1, JOURNAL_FORMAT)
            or (journal["format"] == 1 and "manifest" not in journal)
            or not journal["stage"].startswith(STAGE_PREFIX)
            or "/" in journal["stage"]
        ):
            raise ValueError("bad journal")
        return journal
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return f"damaged journal ({exc})"


def leftovers(out: Path) -> list[str]:
    """What killed runs left in OUT (relative paths): a pending journal, staging folders."""
    found = []
    meta = out / META
    if os.path.lexists(meta / JOURNAL):
        found.append(f"{META}/{JOURNAL}")
    for folder, pattern in ((meta, None), (out, _LEGACY_STAGE)):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if (pattern is None and name.startswith(STAGE_PREFIX)) or (
                pattern is not None
                and pattern.match(name)
                and _legacy_stage(out / name)
            ):
                found.append(f"{META}/{name}" if pattern is None else name)
    return found


def _legacy_stage(path: Path) -> bool:
    try:
        return (
            path.is_dir()
            and not path.is_symlink()
            and set(os.listdir(path)) <= {"new", "old"}
        )
    except OSError:
        return False


def recover(out: Path, diags: Diagnostics) -> None:
    """Finish a run that was killed while applying its plan; remove staging folders of killed runs.
    Call with the lock held."""
    meta = out / META
    journal = read_journal(meta)
    where = os.fspath(out)
    if isinstance(journal, dict):
        moved = apply(out, journal)
        diags.warning(
            where,
            1,
            f"repaired an interrupted run: finished its write ({moved} file(s) moved in, "
            f"{len(journal['removals'])} removed)",
            "write-repaired",
        )
    elif isinstance(journal, str):
        os.unlink(meta / JOURNAL)
        diags.warning(
            where,
            1,
            f"an interrupted run left a {journal}; this run rewrites every file that differs",
            "write-repaired",
        )
    for rel in leftovers(out):
        shutil.rmtree(out / rel, ignore_errors=True)
        diags.info(where, 1, f"removed {rel}, left by a killed run", "write-leftover")
