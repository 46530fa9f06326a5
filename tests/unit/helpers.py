"""Small helpers for the unit tests: write doc trees, run the CLI, snapshot a folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"

OBJECT = """# {name}

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
{rows}
"""


def object_doc(name: str, *rows: str) -> str:
    return OBJECT.format(name=name, rows="\n".join(rows))


def write_docs(root: Path, docs: dict[str, str | bytes]) -> Path:
    for rel, content in docs.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return root


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, **(env or {})),
        timeout=120,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def outputs(out: Path) -> dict[str, bytes]:
    """``snapshot`` of OUT without gen-models' own folder (a cold OUT has a cache of its own)."""
    return {p: b for p, b in snapshot(out).items() if not p.startswith(".gen-models/")}


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a file: its first ``old`` (which must be there) becomes ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
