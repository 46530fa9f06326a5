"""The OpenAPI front-end on the real specs, in both kinds: zero errors, every module imports, every
example the spec gives validates with its model (``benchmarks/openapi_examples.py``), mypy --strict
and black --check pass on the generated package.

The gentests specs always run; the orq spec (4,900 models: a minute or more for mypy, black and
its examples in both kinds) only with ``GEN_MODELS_BIG_CORPORA=1``, apart from the import check.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from support.corpora import (
    BIG_CORPORA_ENV,
    REPO,
    SLOW_CHECKS_ENV,
    big_corpora_enabled,
    openapi_corpus,
    slow_checks_enabled,
)

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

KINDS = ["pydantic", "dataclasses"]
BIG = pytest.mark.skipif(
    not big_corpora_enabled(), reason=f"big corpus: set {BIG_CORPORA_ENV}=1"
)
CASES = [
    pytest.param(
        (spec, kind), id=f"{spec}-{kind}", marks=[BIG] if spec == "orq-openapi" else []
    )
    for spec in ("gentests", "orq-openapi")
    for kind in KINDS
]

# examples of the specs that contradict their own schema (bugs of the spec, not of the models),
# by spec and the JSON pointer of the example; placeholders ("...", "oneOf[1]" where an object,
# a list item or a date-time belongs) are recognised by ``openapi_examples.placeholders``
SPEC_BUGS = {
    "gentests": {
        "/paths/~1anything~1queryParams~1form~1union/get/responses/200/content/application~1json"
        "/schema/properties/args/properties/unionParam/example": "an array property whose "
        "example is the query-string form 'test1,test2'",
        "/paths/~1anything~1responseBodies~1additionalPropertiesComplexNumbers/post/requestBody"
        "/content/application~1json/examples/test": "additional properties of type string "
        "(format bigint) whose example is the number 1",
        "/paths/~1anything~1responseBodies~1additionalPropertiesComplexNumbers/post/responses/200"
        "/content/application~1json/examples/test": "the same example in the response",
    },
    "orq-openapi": {},
}
# examples no generated model is for: response headers, schemas no operation uses
UNCHECKED = {
    "a header (gen-models makes no model for headers)",
    "in a schema no spec uses (the generator did not read it)",
}


def _load_benchmark():
    name = "gen_models_benchmark_openapi_examples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, REPO / "benchmarks" / "openapi_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


oe = _load_benchmark()


@pytest.mark.parametrize("name", ["orq-openapi", "gentests"])
@pytest.mark.parametrize("kind", KINDS)
def test_spec_generates_and_imports(tmp_path, name, kind):
    out = tmp_path / "out"
    r = generate(openapi_corpus(name), out, kind=kind)
    errors = [str(d) for d in r.diagnostics if d.severity.name == "ERROR"]
    assert errors == [] and r.written
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], cwd=out, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.fixture(scope="module", params=CASES)
def checked(request, tmp_path_factory):
    """(spec name, kind, the examples report, the output folder): generated once per spec and kind."""
    name, kind = request.param
    out = tmp_path_factory.mktemp(f"{name}-{kind}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = oe.run(openapi_corpus(name), out, (kind,))
    return name, kind, report, out / kind


def test_examples_validate(checked):
    """Every example validates with its model, but those that contradict their own schema."""
    name, kind, report, _ = checked
    assert report.errors == []
    counts = report.counts(kind)
    assert counts["checked"] > 300, counts
    unexplained = []
    for o in report.outcomes:
        ex = o.example
        if o.status == "unchecked":
            assert o.error in UNCHECKED, (ex.pointer, o.error)
        elif o.status == "failed":
            if not oe.placeholders(ex.value) and ex.pointer not in SPEC_BUGS[name]:
                unexplained.append(f"{ex.file}#{ex.pointer}: {o.model}: {o.error}")
    assert unexplained == [], "\n".join(unexplained)
    failed = {o.example.pointer for o in report.outcomes if o.status == "failed"}
    listed = set(SPEC_BUGS[name]) - failed
    assert not listed, f"listed as spec bugs but validate now: {listed}"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=1800)


def test_mypy_strict(checked):
    pytest.importorskip("mypy")
    name, *_, out = checked
    if name == "orq-openapi" and not slow_checks_enabled():
        pytest.skip(f"mypy over the orq spec's 5,000 modules: set {SLOW_CHECKS_ENV}=1")
    res = _run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(out / ".mypy_cache"),
            "-p",
            "models",
        ],
        out,
    )
    assert res.returncode == 0, (res.stdout + res.stderr)[-8000:]


def test_black_check(checked):
    *_, out = checked
    res = _run([sys.executable, "-m", "black", "--check", "-q", "models"], out)
    assert res.returncode == 0, (res.stdout + res.stderr)[-8000:]


def test_the_example_check_finds_examples_and_failures(tmp_path):
    """The machinery on a small spec: every kind of example is found; a wrong one fails."""
    spec = tmp_path / "specs" / "api.yaml"
    spec.parent.mkdir()
    spec.write_text("""openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /x:
    get:
      parameters:
        - {name: n, in: query, schema: {type: integer}, example: 3}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
              examples:
                good: {value: {id: 1, tags: [a]}}
                wrong: {value: {id: "one"}}
                shared: {$ref: "#/components/examples/T"}
components:
  examples:
    T: {value: {id: 2, extra: {deep: 1.5}}}
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: integer, example: 7}
        tags: {type: array, uniqueItems: true, items: {type: string}, examples: [[a, b], [a, a]]}
      additionalProperties: {type: object, additionalProperties: {type: number}}
""")
    report = oe.run(spec.parent, tmp_path / "out")
    assert report.errors == []
    found = sorted((e.where, e.pointer.rsplit("/", 1)[-1]) for e in report.examples)
    assert found == [
        ("media", "good"),
        ("media", "shared"),
        ("media", "wrong"),
        ("parameter", "example"),
        ("schema", "0"),
        ("schema", "1"),
        ("schema", "example"),
    ]
    failed = {
        kind: sorted(
            o.example.pointer.rsplit("/", 1)[-1]
            for o in report.outcomes
            if o.kind == kind and o.status == "failed"
        )
        for kind in KINDS
    }
    # pydantic checks uniqueItems; dataclasses keep it as metadata only
    assert failed == {"pydantic": ["1", "wrong"], "dataclasses": ["wrong"]}
