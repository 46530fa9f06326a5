"""Stage 1, read: find the markdown docs under SPECS and decode them. Never raises on bad files."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics


@dataclass(frozen=True)
class SourceFile:
    path: str  # posix path relative to the specs root
    text: str


def read(specs: Path, diags: Diagnostics) -> list[SourceFile]:
    """Every ``*.md`` below ``specs`` (or ``specs`` itself if it is a file), in a stable order."""
    specs = Path(specs)
    if specs.is_file():
        root, paths = specs.parent, [specs]
    elif specs.is_dir():
        root, paths = specs, sorted(_walk(specs))
    else:
        diags.error(str(specs), 1, "no such file or directory", "read-missing")
        return []
    files = []
    for p in paths:
        rel = p.relative_to(root).as_posix()
        try:
            data = p.read_bytes()
        except OSError as exc:
            diags.error(rel, 1, f"cannot read file: {exc.strerror or exc}", "read-unreadable")
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            diags.error(rel, line, f"file is not valid UTF-8 (byte {exc.start})", "read-encoding")
            continue
        files.append(SourceFile(rel, text.replace("\r\n", "\n").replace("\r", "\n")))
    return files


def _walk(root: Path):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.lower().endswith(".md"):
                yield Path(dirpath) / name


MEMORY = "<memory>"  # how diagnostics name in-memory input as a whole


def read_mapping(files: Mapping[str, str], diags: Diagnostics) -> list[SourceFile]:
    """In-memory input, ``{"models/pet.md": text}``, read as a folder holding those files
    would be: ``*.md`` only, none below a hidden folder, sorted as the walk sorts. A key that
    could not be a path relative to a folder (absolute, ``..``, empty parts) is an error."""
    chosen = []
    for rel, text in files.items():  # generate() checked the types
        problem = _bad_relative(rel)
        if problem:
            diags.error(rel or MEMORY, 1, f"not a relative path: {problem}", "read-path")
            continue
        parts = rel.split("/")
        if not parts[-1].lower().endswith(".md") or any(p.startswith(".") for p in parts[:-1]):
            continue
        chosen.append((tuple(parts), rel, text))
    return [
        SourceFile(rel, text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
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
