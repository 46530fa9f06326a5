"""The manifest: which files of OUT gen-models wrote, and what it made them from.

``OUT/.gen-models/manifest.json`` is deterministic (no times, sorted keys) and worth committing
with the output. It records:

- ``files``: every output file with the SHA-256 of its bytes. Write only ever replaces or removes
  files it lists (or files whose bytes are already what it would write).
- the run's ``Stamp``: the generator version, the options, a digest of the templates and of every
  input file. A run whose stamp equals the manifest's, into an OUT whose files are as written
  (``state.json``, local, not committed, remembers their sizes and mtimes), has nothing to do.
- ``sources``: the input file each output file was made from (index files, made from all of
  them, have none), so ``--check`` can say why a file would change.
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from pathlib import Path
from types import MappingProxyType

from ..diagnostics import Diagnostics
from ..version import VERSION
from .paths import UnsafePath, safe

META = ".gen-models"  # gen-models' own folder inside OUT
MANIFEST = "manifest.json"
STATE = "state.json"
FORMAT = 2
GITIGNORE = "# gen-models' working files; only the manifest is worth committing\n*\n!.gitignore\n!manifest.json\n"
_EMPTY: Mapping[str, str] = MappingProxyType({})


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Stamp:
    """What a run's output is made from."""

    version: str = VERSION
    options: Mapping[str, object] = field(default_factory=dict)
    templates: str = ""  # digest of every template file
    inputs: Mapping[str, str] = field(
        default_factory=dict
    )  # input path (relative to SPECS) -> sha256

    @cached_property
    def inputs_digest(self) -> str:
        """One digest of ``inputs``, worked out once (18,000 inputs: ~10 ms each time)."""
        text = json.dumps(sorted(self.inputs.items()), ensure_ascii=True)
        return hashlib.sha256(text.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Manifest:
    files: Mapping[str, str]  # output path -> sha256
    stamp: Stamp | None = None
    sources: Mapping[str, str] = field(
        default_factory=dict
    )  # output path -> the input path it was made from


def dumps(
    files: Mapping[str, str],
    stamp: Stamp | None = None,
    sources: Mapping[str, str] = _EMPTY,
) -> bytes:
    doc: dict[str, object] = {
        "format": FORMAT,
        "generator": "gen-models",
        "version": VERSION,
    }
    if stamp is not None:
        doc.update(
            made_with={
                "version": stamp.version,
                "options": dict(sorted(stamp.options.items())),
                "templates": stamp.templates,
            },
            inputs=dict(sorted(stamp.inputs.items())),
        )
    doc["files"] = dict(sorted(files.items()))
    doc["sources"] = dict(sorted((k, v) for k, v in sources.items() if k in files))
    return ("\n".join(_indented(doc, 0)) + "\n").encode("ascii")


def _indented(value: object, depth: int) -> list[str]:
    """``json.dumps(value, indent=1, ensure_ascii=True)`` as lines, fast: with an indent, json's
    encoder is written in Python, and the manifest of a big corpus has 100,000 entries.
    """
    if not isinstance(value, dict):
        return [json.dumps(value, ensure_ascii=True)]
    if not value:
        return ["{}"]
    pad = " " * (depth + 1)
    if all(
        type(v) is str for v in value.values()
    ):  # the big tables: one line per entry
        lines = [f"{pad}{_string(k)}: {_string(v)}," for k, v in value.items()]
        lines[-1] = lines[-1][:-1]
        return ["{", *lines, " " * depth + "}"]
    lines = ["{"]
    items = list(value.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        key = _string(k)
        if type(v) is str:
            lines.append(f"{pad}{key}: {_string(v)}{comma}")
        else:
            inner = _indented(v, depth + 1)
            inner[0] = f"{pad}{key}: {inner[0]}"
            inner[-1] += comma
            lines.extend(inner)
    lines.append(" " * depth + "}")
    return lines


_string = json.encoder.encode_basestring_ascii

# the tables of a manifest with a stamp, in the order ``dumps`` writes them, each opened by a line
# of its own (entries are indented further, so no entry's line can look like one)
_TABLES = ("inputs", "files", "sources")
_PATCHED_AT_MOST = 256  # more changed entries than this: written out whole


def patched(
    old_bytes: bytes,
    old: Manifest,
    files: Mapping[str, str],
    stamp: Stamp | None,
    sources: Mapping[str, str] = _EMPTY,
) -> bytes | None:
    """``dumps(files, stamp, sources)``, made by rewriting in ``old_bytes`` only the entries whose
    digest changed: on a big corpus an edit changes a handful of 100,000 entries, and writing the
    18 MB out again costs more than the rest of the write. ``old_bytes`` must be what ``dumps``
    made of ``old`` (the caller knows: this code wrote them). None, to be written out whole, if
    more than the entries' digests differ (the stamp's head, the paths, an empty table) or too
    many of them do."""
    if stamp is None or old.stamp is None:
        return None
    new_tables = (
        stamp.inputs,
        files,
        {k: v for k, v in sources.items() if k in files},
    )
    old_tables = (old.stamp.inputs, old.files, old.sources)
    # what comes before the tables: the same, or no patch (written from a one-entry manifest)
    one = {"a": "0" * 64}
    head = dumps(one, Stamp(stamp.version, stamp.options, stamp.templates, one), one)
    cut = head.index(b'\n "inputs": {\n')
    if old_bytes[: cut + 1] != head[: cut + 1]:
        return None
    starts = [old_bytes.find(b'\n "%s": {\n' % name.encode()) for name in _TABLES]
    if starts[0] != cut or not starts[0] < starts[1] < starts[2]:
        return None
    ends = [starts[1], starts[2], len(old_bytes)]
    edits: list[tuple[int, int, bytes]] = []
    for new_table, old_table, start, end in zip(new_tables, old_tables, starts, ends):
        if not new_table or new_table.keys() != old_table.keys():
            return None
        if new_table == old_table:
            continue
        # in the table's order (dumps sorts it): each entry is looked for after the last one,
        # so the table is read once however many changed
        for key, value in sorted(new_table.items() - old_table.items()):
            if type(value) is not str or len(edits) == _PATCHED_AT_MOST:
                return None
            line = b"\n  " + _string(key).encode("ascii") + b": "
            at = old_bytes.find(line, start, end)
            if at < 0:
                return None
            begin = at + len(line)
            stop = old_bytes.find(b"\n", begin, end)
            start = stop = end if stop < 0 else stop
            if old_bytes[stop - 1 : stop] == b",":
                stop -= 1
            edits.append((begin, stop, _string(value).encode("ascii")))
    if not edits:
        return old_bytes
    edits.sort()
    view = memoryview(old_bytes)  # slices without copies: the join copies once
    parts: list[bytes | memoryview] = []
    done = 0
    for begin, stop, text in edits:
        parts += [view[done:begin], text]
        done = stop
    parts.append(view[done:])
    return b"".join(parts)


def load(out: Path, diags: Diagnostics | None) -> Manifest | None:
    """What the last run wrote, or None if there is no usable manifest."""
    path = out / META / MANIFEST
    try:
        with open(path, "rb") as fh:
            data = fh.read(1 << 30)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _warn(
            diags,
            path,
            f"cannot read the manifest ({exc.strerror or exc}); treating OUT as not written by gen-models",
        )
        return None
    try:
        return _parse(data)
    except (ValueError, KeyError, TypeError, AttributeError, UnsafePath) as exc:
        _warn(
            diags,
            path,
            f"the manifest is damaged ({exc}); treating OUT as not written by gen-models",
        )
        return None


def loads(data: bytes) -> Manifest | None:
    """A manifest from its bytes; None if damaged."""
    try:
        return _parse(data)
    except (ValueError, KeyError, TypeError, AttributeError, UnsafePath):
        return None


def _parse(data: bytes) -> Manifest:
    """A manifest from its bytes; raises ValueError (and the like) if damaged."""
    doc = json.loads(data)
    if doc.get("format") not in (1, FORMAT) or not isinstance(doc["files"], dict):
        raise ValueError("unknown format")
    files = doc["files"]
    if not _all_safe(files):  # find the entry to blame
        for rel, sha in files.items():
            if not isinstance(rel, str) or not isinstance(sha, str) or len(sha) != 64:
                raise ValueError(f"bad entry {rel!r}")
            safe(rel)
    stamp = None
    made = doc.get("made_with")
    if isinstance(made, dict) and isinstance(doc.get("inputs"), dict):
        stamp = Stamp(
            str(made.get("version")),
            dict(made.get("options") or {}),
            str(made.get("templates")),
            dict(doc["inputs"]),
        )
    sources = {
        k: v
        for k, v in (doc.get("sources") or {}).items()
        if isinstance(k, str) and isinstance(v, str)
    }
    return Manifest(files, stamp, sources)


def _all_safe(files: dict) -> bool:
    """Whether every entry of a manifest's ``files`` is a path ``safe`` accepts and a SHA-256 in
    hex: tested on all of them at once (100,000 entries of a big corpus, every run), not one by
    one; False if any may not be (the caller finds which)."""
    values = files.values()
    if not set(map(type, values)) <= {str} or not set(map(len, values)) <= {64}:
        return False
    if not set(map(type, files)) <= {str}:
        return False
    # the paths' parts, each between two slashes: an empty, "." or ".." part of any path shows
    joined = "/" + "/".join(files) + "/"
    return not any(bad in joined for bad in ("//", "/./", "/../", "\\", ":", "\0"))


def save_state(
    out: Path,
    files: list[str],
    known: Mapping[str, list[int]] | None = None,
    code: str = "",
) -> None:
    """Remember the size and mtime of every output file as written (local, not committed);
    ``known``: files already looked at (as the last run wrote them), not looked at again;
    ``code``: the digest of the generator's code that wrote them (an edited checkout with the
    same version number writes other files: OUT is not up to date for it).
    """
    state = {}
    base = os.fspath(out)
    known = known or {}
    for rel in files:
        seen = known.get(rel)
        if seen is not None:
            state[rel] = seen
            continue
        try:
            st = os.lstat(os.path.join(base, rel))
        except OSError:
            continue
        state[rel] = [st.st_size, st.st_mtime_ns]
    manifest = out / META / MANIFEST
    try:
        key = digest(manifest.read_bytes())
    except OSError:
        return
    tmp = out / META / (STATE + ".tmp")
    doc = {"manifest": key, "code": code, "files": state}
    tmp.write_text(json.dumps(doc), encoding="ascii")
    os.replace(tmp, out / META / STATE)


def load_state(
    state_bytes: bytes, manifest_bytes: bytes
) -> tuple[dict[str, list[int]], str]:
    """The size and mtime of each file as the last run wrote it, and the digest of the code
    that wrote them, from ``state.json``, if it belongs to this manifest; else nothing.
    """
    try:
        state = json.loads(state_bytes)
        if state["manifest"] != digest(manifest_bytes):
            return {}, ""
        files = state["files"]
        code = state.get("code")
        code = code if isinstance(code, str) else ""
        values = files.values()
        if (  # as json.dumps wrote it: taken as it is, tested all at once
            set(map(type, values)) <= {list}
            and set(map(len, values)) <= {2}
            and set(map(type, chain.from_iterable(values))) <= {int}
        ):
            return files, code
        return {
            rel: [int(v[0]), int(v[1])]
            for rel, v in files.items()
            if isinstance(v, list) and len(v) == 2
        }, code
    except (ValueError, KeyError, TypeError, AttributeError, UnsafePath):
        return {}, ""


def intact(out: Path, manifest_bytes: bytes) -> bool:
    """Whether every output file is as the last write left it (sizes and mtimes), by ``state.json``."""
    try:
        state = json.loads((out / META / STATE).read_bytes())
        if state["manifest"] != digest(manifest_bytes):
            return False
        base = os.fspath(out)
        for rel, (size, mtime) in state["files"].items():
            st = os.lstat(os.path.join(base, safe(rel)))
            if st.st_size != size or st.st_mtime_ns != mtime:
                return False
        return True
    except (OSError, ValueError, KeyError, TypeError, UnsafePath):
        return False


def _warn(diags: Diagnostics | None, path: Path, message: str) -> None:
    if diags is not None:
        diags.warning(os.fspath(path), 1, message, "write-manifest")
