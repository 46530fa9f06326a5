"""Stage 7, write: the only stage that touches OUT. Trees are built aside and swapped in, so a
failed run leaves OUT as it was; ``check`` compares instead of writing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    pass


def _safe(rel: str) -> PurePosixPath:
    p = PurePosixPath(rel)
    if p.is_absolute() or not p.parts or any(part in ("", ".", "..") or "\\" in part or ":" in part for part in p.parts):
        raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
    return p


def managed_roots(files: list[tuple[str, str]]) -> list[str]:
    """The top-level entries of OUT this run owns (the package and docs folders)."""
    return sorted({_safe(path).parts[0] for path, _ in files})


def write(out: Path, files: list[tuple[str, str]]) -> None:
    """Replace each managed top-level folder of ``out`` with the generated one."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    roots = managed_roots(files)
    stage = Path(tempfile.mkdtemp(prefix=".gen-models-", dir=out))
    try:
        new, old = stage / "new", stage / "old"
        made: set[Path] = set()
        for path, text in files:
            target = new / _safe(path)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        old.mkdir()
        for root in roots:
            if (out / root).exists():
                os.replace(out / root, old / root)
            os.replace(new / root, out / root)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def check(out: Path, files: list[tuple[str, str]]) -> list[str]:
    """Paths (relative to ``out``) that differ from what would be written, stale files included."""
    out = Path(out)
    want = {str(_safe(p)): t for p, t in files}
    diffs = []
    for path, text in sorted(want.items()):
        target = out / path
        try:
            if target.read_text(encoding="utf-8") != text:
                diffs.append(path)
        except (OSError, UnicodeDecodeError):
            diffs.append(path)
    for root in managed_roots(files):
        base = out / root
        if base.is_dir():
            for dirpath, dirnames, filenames in os.walk(base):
                dirnames[:] = [d for d in dirnames if d != "__pycache__"]
                for name in filenames:
                    rel = (Path(dirpath) / name).relative_to(out).as_posix()
                    if rel not in want:
                        diffs.append(rel)
    return sorted(diffs)
