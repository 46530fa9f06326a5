"""The project's own code passes black and ruff (the generated code is checked in test_corpus)."""

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
