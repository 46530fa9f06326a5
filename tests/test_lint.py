"""The project's own code passes black, ruff and mypy (the generated code is checked in
test_corpus)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = ["generator", "tests", "benchmarks"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_black():
    proc = _run("black", "--check", "--quiet", *CODE)
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_ruff():
    proc = _run("ruff", "check", "--no-cache", *CODE)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_mypy():
    # generator/ with pyproject's [tool.mypy] settings: the package ships py.typed, so a
    # caller's mypy reads these annotations. About 7 s without mypy's cache (a fresh clone),
    # under 1 s with it
    proc = _run("mypy", "generator")
    assert proc.returncode == 0, proc.stdout[-3000:]
