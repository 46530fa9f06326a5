"""The same input gives the same bytes on every supported Python (3.10 to 3.13).

Runs the generator under a second interpreter (another minor version found on PATH or in pyenv)
over every golden input and ``specs/``, in both kinds, and compares the output with this
interpreter's. The second interpreter gets its own venv under ``.cache/`` (made once).
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUPPORTED = [(3, 10), (3, 11), (3, 12), (3, 13)]

SCRIPT = """
import hashlib, json, sys
from generator import generate
out = {}
for spec in sys.argv[1:]:
    for kind in ("pydantic", "dataclasses"):
        result = generate(spec, write=False, kind=kind)
        out[f"{spec} {kind}"] = {
            "files": {p: hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest() for p, t in result.files},
            "diagnostics": [str(d) for d in result.diagnostics],
        }
print(json.dumps(out, sort_keys=True))
"""


def _version(exe: str) -> tuple[int, int] | None:
    try:
        proc = subprocess.run(
            [exe, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.fullmatch(r"(\d+) (\d+)\s*", proc.stdout)
    return (int(m[1]), int(m[2])) if proc.returncode == 0 and m else None


def other_interpreter() -> tuple[str, tuple[int, int]] | None:
    """Another supported CPython than this one, newest first."""
    here = sys.version_info[:2]
    candidates = [
        shutil.which(f"python{major}.{minor}") for major, minor in reversed(SUPPORTED)
    ]
    home = Path.home() / ".pyenv" / "versions"
    candidates += sorted(
        glob.glob(str(home / "3.1[0-3].*" / "bin" / "python3")), reverse=True
    )
    for exe in candidates:
        if exe is None:
            continue
        v = _version(exe)
        if v is not None and v != here and v in SUPPORTED:
            return exe, v
    return None


def _venv(exe: str, version: tuple[int, int]) -> Path:
    venv = ROOT / ".cache" / f"venv-py{version[0]}.{version[1]}"
    python = venv / "bin" / "python"
    stamp = venv / ".installed"
    wanted = (
        ROOT / "pyproject.toml"
    ).read_text()  # a new dependency means a new install
    if not stamp.exists() or stamp.read_text() != wanted:
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([exe, "-m", "venv", str(venv)], check=True, timeout=300)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-e", str(ROOT)],
            check=True,
            timeout=900,
        )
        stamp.write_text(wanted)
    return python


def _run(python: str, specs: list[str]) -> dict:
    proc = subprocess.run(
        [python, "-c", SCRIPT, *specs],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_same_output_on_another_python_version():
    found = other_interpreter()
    if found is None:
        pytest.skip("no second supported Python (3.10-3.13) on this machine")
    exe, version = found
    python = _venv(exe, version)
    specs = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "tests" / "golden").glob("*/input"))
    ] + ["specs"]
    specs.append(
        str((ROOT / "tests" / "unit" / "fixtures" / "versions").relative_to(ROOT))
    )
    here = _run(sys.executable, specs)
    there = _run(str(python), specs)
    assert here.keys() == there.keys()
    for key in here:
        assert (
            here[key] == there[key]
        ), f"{key}: output differs between Python {sys.version_info[:2]} and {version}"
