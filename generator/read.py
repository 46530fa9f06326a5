"""Stage 1, read: find the markdown docs and OpenAPI documents (``EXTENSIONS``) under SPECS and
decode them. Never raises on bad files.

Only regular files are read (a symbolic link counts as what it points to): a FIFO would block
forever and a link to ``/dev/zero`` would never end, so those are skipped with a warning, and a file
larger than ``MAX_BYTES`` is an error. Symbolic links to folders are not followed (one could loop,
or lead anywhere), with a warning; a folder that cannot be listed and a file name that is not
UTF-8 are errors.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

from .diagnostics import Diagnostics

# Largest doc read, in bytes: real model docs reach a few hundred KB (the largest known is 240 KB).
MAX_BYTES = 8 * 1024 * 1024
# never block opening a FIFO swapped in after the check, never make a terminal ours
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = [
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
]


# markdown docs, and OpenAPI documents
EXTENSIONS = (".md", ".yaml", ".yml", ".json")


@dataclass(frozen=True)
class SourceFile:
    path: str  # posix path relative to the specs root
    text: str

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the text (as read: BOM and CRLF dropped), what the manifest records."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class StatCache(Protocol):
    """What the last run saw of each input file: (size, mtime, ctime, inode) and its digest."""

    def get(self, rel: str) -> list | None: ...

    def put(self, rel: str, seen: list) -> None: ...


# a file is trusted unchanged by its stat only if it was last modified this long before it was
# read: two writes within one tick of a coarse clock would otherwise look alike
RACY_NS = 2_000_000_000


class UnreadFile:
    """An input the stat cache says is unchanged since the last run read it: its digest is known,
    and its text is read only if a stage asks for it (a cache miss)."""

    def __init__(self, path: str, digest: str, full: str):
        self.path = path
        self.digest = digest
        self._full = full

    @cached_property
    def text(self) -> str:
        diags = Diagnostics()
        text = _read_file(Path(self._full), self.path, diags)
        if text is None:  # gone or changed kind since the walk a moment ago
            raise OSError(
                f"{self.path}: {diags.items[-1].message if diags.items else 'unreadable'}"
            )
        return text[0]

    def __repr__(self) -> str:
        return f"UnreadFile({self.path!r}, {self.digest!r})"


def read(
    specs: Path, diags: Diagnostics, stats: StatCache | None = None
) -> list[SourceFile]:
    """Every ``*.md``, ``*.yaml``, ``*.yml`` and ``*.json`` below ``specs`` (or ``specs`` itself if it is a file), in a stable order.

    With ``stats``, a markdown file whose size, times and inode are what the last run recorded
    (and were not racy then) is not read: it comes as an ``UnreadFile`` with its digest; every
    file read is recorded."""
    specs = Path(specs)
    try:
        mode = os.stat(specs).st_mode
    except FileNotFoundError:
        diags.error(str(specs), 1, "no such file or directory", "read-missing")
        return []
    except OSError as exc:
        diags.error(
            str(specs), 1, f"cannot read: {exc.strerror or exc}", "read-unreadable"
        )
        return []
    if stat.S_ISDIR(mode):
        # (relative path, full path), in the order of their parts (as pathlib sorts paths)
        found = list(_walk(specs, diags))
    elif stat.S_ISREG(mode):
        found = [(specs.name, str(specs))]
    else:
        diags.error(
            str(specs),
            1,
            f"not a regular file or folder ({_kind(mode)})",
            "read-not-regular",
        )
        return []
    files: list[SourceFile] = []
    for rel, p in found:
        if not rel.isascii() and not _utf8(rel):
            diags.error(
                rel,
                1,
                "file name is not valid UTF-8; rename the file",
                "read-file-name",
            )
            continue
        if stats is not None and rel.lower().endswith(".md"):
            seen = stats.get(rel)
            if seen is not None:
                try:
                    st = os.stat(p)
                except OSError:
                    st = None
                if (
                    st is not None
                    and stat.S_ISREG(st.st_mode)
                    and st.st_size <= MAX_BYTES
                    and _signature(st) == seen[:4]
                    and seen[5] - st.st_mtime_ns > RACY_NS
                ):
                    # an UnreadFile has SourceFile's path, digest and (lazy) text
                    files.append(UnreadFile(rel, seen[4], p))  # type: ignore[arg-type]
                    continue
        got = _read_file(Path(p), rel, diags)
        if got is None:
            continue
        source = SourceFile(rel, got[0])
        if stats is not None:
            stats.put(rel, _signature(got[1]) + [source.digest, time.time_ns()])
        files.append(source)
    return files


def _signature(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _read_file(
    path: Path, rel: str, diags: Diagnostics
) -> tuple[str, os.stat_result] | None:
    """A file's text (BOM and CRLF dropped) and its stat as read; None (and a diagnostic) if it
    cannot be read or is not UTF-8."""
    loaded = _load_stat(path, rel, diags)
    if loaded is None:
        return None
    data, st = loaded
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diags.error(
            rel,
            line,
            f"file is not valid UTF-8 (byte {exc.start})",
            "read-encoding",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n"), st


def _load(path: Path, rel: str, diags: Diagnostics) -> bytes | None:
    """The bytes of a regular file of at most ``MAX_BYTES``; None (and a diagnostic) otherwise."""
    loaded = _load_stat(path, rel, diags)
    return None if loaded is None else loaded[0]


def _load_stat(
    path: Path, rel: str, diags: Diagnostics
) -> tuple[bytes, os.stat_result] | None:
    """``_load``, with the file's stat (taken after opening it, before reading)."""
    try:
        mode, size = _stat(path)
        if not stat.S_ISREG(mode):
            link = "a symbolic link to " if os.path.islink(path) else ""
            diags.warning(
                rel,
                1,
                f"not a regular file ({link}{_kind(mode)}); skipped",
                "read-not-regular",
            )
            return None
        if size > MAX_BYTES:
            diags.error(rel, 1, _too_large(size), "read-too-large")
            return None
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):  # replaced since the check
                diags.warning(rel, 1, "not a regular file; skipped", "read-not-regular")
                return None
            # never more than MAX_BYTES + 1 bytes, whatever the size said; asking for the size + 1
            # first, as a read buffer of the whole cap for every doc is slow
            want = min(st.st_size, MAX_BYTES) + 1
            data = fh.read(want)
            if len(data) == want < MAX_BYTES + 1:  # it grew since
                data += fh.read(MAX_BYTES + 1 - want)
    except OSError as exc:
        diags.error(
            rel, 1, f"cannot read file: {exc.strerror or exc}", "read-unreadable"
        )
        return None
    if len(data) > MAX_BYTES:
        diags.error(rel, 1, _too_large(None), "read-too-large")
        return None
    return data, st


def _stat(path: Path) -> tuple[int, int]:
    st = os.stat(path)  # follows a symbolic link: what it points to decides
    return st.st_mode, st.st_size


def _too_large(size: int | None, unit: str = "bytes") -> str:
    limit = f"at most {MAX_BYTES // (1024 * 1024)} MiB are read"
    return (
        f"file too large ({size:,} {unit}; {limit})"
        if size is not None
        else f"file too large ({limit})"
    )


def _kind(mode: int) -> str:
    return next(
        (name for test, name in _KINDS if test(mode)), "an unknown kind of file"
    )


def _utf8(name: str) -> bool:
    """Whether a name from the OS was valid UTF-8 (undecodable bytes come back as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _walk(root: Path, diags: Diagnostics) -> Iterator[tuple[str, str]]:
    """(relative path, full path) of every file below ``root`` with one of ``EXTENSIONS``, in the
    order of their parts (as pathlib sorts paths): each folder's entries by name, a folder's
    files where its name sorts. One ``scandir`` per folder, whose entries tell folders and links
    apart without a stat of their own."""

    def listed(path: str) -> Iterator[os.DirEntry[str]]:
        try:
            with os.scandir(path) as found:
                return iter(sorted(found, key=lambda entry: entry.name))
        except OSError as exc:
            where = _relative(exc.filename, root)
            diags.error(
                where,
                1,
                f"cannot read folder: {exc.strerror or exc}; its docs are missing",
                "read-unreadable",
            )
            return iter(())

    # a stack of folders being listed, not recursion: any depth of folders is read
    stack = [("", listed(os.fspath(root)))]
    while stack:
        here, entries = stack[-1]
        for entry in entries:
            name = entry.name
            rel = f"{here}/{name}" if here else name
            try:
                folder = entry.is_dir()  # a link to a folder counts, to be warned about
            except OSError:
                folder = False
            if not folder:
                if name.lower().endswith(EXTENSIONS):
                    yield rel, entry.path
            elif name.startswith("."):
                continue
            elif entry.is_symlink():
                diags.warning(
                    rel, 1, "symbolic link to a folder; not followed", "read-symlink"
                )
            else:
                stack.append((rel, listed(entry.path)))
                break  # the folder's entries come before the rest of this one's
        else:
            stack.pop()


def _relative(path: object, root: Path) -> str:
    try:
        return Path(os.fsdecode(path)).relative_to(root).as_posix() or "."  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(path)


MEMORY = "<memory>"  # how diagnostics name in-memory input as a whole
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_mapping(files: Mapping[str, str], diags: Diagnostics) -> list[SourceFile]:
    """In-memory input, ``{"models/pet.md": text}``, read as a folder holding those files
    would be: ``*.md``, ``*.yaml``, ``*.yml`` and ``*.json`` only (``EXTENSIONS``), none below a
    hidden folder, sorted as the walk sorts. A key that could not be a path relative to a folder
    (absolute, ``..``, empty parts) is an error; so are, as for files, a name or text that UTF-8
    cannot encode (lone surrogates) and a text of more than ``MAX_BYTES`` characters."""
    chosen = []
    for rel, text in files.items():  # generate() checked the types
        problem = _bad_relative(rel)
        if problem:
            diags.error(
                rel or MEMORY, 1, f"not a relative path: {problem}", "read-path"
            )
            continue
        parts = rel.split("/")
        if not parts[-1].lower().endswith(EXTENSIONS) or any(
            p.startswith(".") for p in parts[:-1]
        ):
            continue
        if not _utf8(rel):
            diags.error(
                rel,
                1,
                "file name is not valid UTF-8 (a lone surrogate)",
                "read-file-name",
            )
            continue
        if len(text) > MAX_BYTES:
            diags.error(rel, 1, _too_large(len(text), "characters"), "read-too-large")
            continue
        bad = _SURROGATE.search(text)
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            diags.error(
                rel,
                line,
                f"text is not valid Unicode: lone surrogate \\u{ord(bad.group()):04x}",
                "read-encoding",
            )
            continue
        chosen.append((tuple(parts), rel, text))
    return [
        SourceFile(
            rel, text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        )
        for _, rel, text in sorted(chosen)
    ]


def _bad_relative(rel: str) -> str:
    """Why ``rel`` is not a posix path relative to a folder, or ``""``."""
    if not rel:
        return "empty"
    if "\\" in rel or "\0" in rel:
        return "backslashes and NUL are not allowed (use '/')"
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":"):
        return "absolute"
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "empty, '.' or '..' parts are not allowed"
    return ""


def with_spec(
    files: list[SourceFile], spec: str, specs, diags: Diagnostics
) -> list[SourceFile]:
    """``files`` and the spec ``--spec`` names (unless SPECS holds it already), named by its path
    relative to SPECS (``../openapi.json``), so diagnostics show where it is."""
    if Path(spec).is_dir():
        diags.error(
            spec, 1, "--spec / 'spec' names one OpenAPI file, not a folder", "read-spec"
        )
        return files
    got = read(Path(spec), diags)
    if not got:
        return files
    if specs is None:
        name = Path(os.path.abspath(spec)).as_posix()
    else:
        base = Path(specs) if Path(specs).is_dir() else Path(specs).parent
        name = Path(
            os.path.relpath(os.path.abspath(spec), os.path.abspath(base))
        ).as_posix()
    if any(f.path == name for f in files):
        return files
    return [*files, SourceFile(str(name), got[0].text)]
