"""``--kind msgspec`` / ``typeddict`` on the real specs: zero errors, our class names kept, the
module imports (and decodes an instance, msgspec), and the block-by-block formatting gives
black's bytes. The orq spec (datamodel-code-generator takes a while on it) runs with
``GEN_MODELS_BIG_CORPORA=1``, as CI does."""

from __future__ import annotations

import subprocess
import sys

import black
import pytest
from support.corpora import big_corpora_enabled, openapi_corpus, slow_checks_enabled

from generator import generate
from generator.format import MODE
from generator.render.jsonschema import def_names

pytestmark = pytest.mark.corpus

CHECK = """
import importlib, sys
models = importlib.import_module("models")
missing = [n for n in sys.argv[1:] if not hasattr(models, n)]
assert not missing, missing[:10]
"""


@pytest.mark.parametrize("name", ["gentests", "orq-openapi"])
@pytest.mark.parametrize("kind", ["msgspec", "typeddict"])
def test_spec_generates_and_imports(tmp_path, name, kind):
    pytest.importorskip("datamodel_code_generator")
    if name == "orq-openapi" and not slow_checks_enabled():
        pytest.skip("GEN_MODELS_SLOW_CHECKS=1 runs the orq spec")
    out = tmp_path / "out"
    r = generate(openapi_corpus(name), out, kind=kind)
    errors = [str(d) for d in r.diagnostics if d.severity.name == "ERROR"]
    assert errors == [] and r.written
    text = (out / "models" / "__init__.py").read_text()
    names = sorted(def_names(r.package, r.naming).values())
    proc = subprocess.run(
        [sys.executable, "-c", CHECK, *names], cwd=out, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    if big_corpora_enabled():  # black on one big module takes half a minute
        assert text == black.format_str(text, mode=MODE)
