"""The differential test: gen-models and datamodel-code-generator on the orq and gentests specs,
schema by schema (``benchmarks/differential.py`` compares and explains). The agreement may not
fall below what was measured when this test was written (the figures in ``FLOORS``)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from support.corpora import openapi_corpus, slow_checks_enabled

pytestmark = pytest.mark.corpus

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "differential.py"
# spec -> (schemas that agree, fields of objects on both sides that agree), as measured
# (orq: 507 of 645 schemas, 2646 of 2819 fields; gentests: 294 of 350, 723 of 780)
FLOORS = {
    ("orq-openapi", "orq.yaml"): (0.785, 0.935),
    ("gentests", "test.yaml"): (0.835, 0.925),
}


def _differential():
    spec = importlib.util.spec_from_file_location("differential", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["differential"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus, name", sorted(FLOORS))
def test_agreement_with_datamodel_code_generator(tmp_path, corpus, name):
    pytest.importorskip("datamodel_code_generator")
    exe = Path(sys.executable).parent / "datamodel-codegen"
    if not exe.exists() and shutil.which("datamodel-codegen") is None:
        pytest.skip("datamodel-codegen is not installed")
    if corpus == "orq-openapi" and not slow_checks_enabled():
        pytest.skip("GEN_MODELS_SLOW_CHECKS=1 runs the orq spec")
    spec = openapi_corpus(corpus) / name
    report = _differential().differential(spec, tmp_path / "work")
    print("\n".join(report.lines()))
    schemas, fields = FLOORS[(corpus, name)]
    assert report.schemas > 300
    assert report.rate >= schemas, report.lines()
    assert report.field_rate >= fields, report.lines()
    # every schema is accounted for: agreeing, or in one kind of disagreement
    assert report.agree + sum(report.kinds.values()) == report.schemas
