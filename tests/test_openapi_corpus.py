"""The OpenAPI front-end on the real specs: zero errors, every module imports, mypy --strict."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.corpora import openapi_corpus

from generator import generate

pytestmark = pytest.mark.corpus

IMPORT_ALL = """
import importlib, pkgutil, sys, models
n = 0
for m in pkgutil.walk_packages(models.__path__, "models."):
    importlib.import_module(m.name)
    n += 1
assert n > 100, n
"""


@pytest.mark.parametrize("name", ["orq-openapi", "gentests"])
@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_spec_generates_and_imports(tmp_path, name, kind):
    out = tmp_path / "out"
    r = generate(openapi_corpus(name), out, kind=kind)
    errors = [str(d) for d in r.diagnostics if d.severity.name == "ERROR"]
    assert errors == [] and r.written
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], cwd=out, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
