"""Stage 1, read: find the markdown docs under SPECS and decode them. Never raises on bad files."""

from __future__ import annotations

import os
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
